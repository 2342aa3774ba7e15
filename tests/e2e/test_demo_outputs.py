"""A small generated demo end to end: the DDAS delivery validates and matches the monitor, and
no personal value of the input appears in any published table, log line or Dagster event."""

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pipeline.exports.ddas import validate_ddas
from pipeline.synthetic import generate

pytestmark = [pytest.mark.xdist_group("demo"), pytest.mark.cost(15)]

PUBLISHED = ("signalen", "meldingen", "aanpaklijst", "monitor_maand", "bestanden", "quarantaine",
             "herhaling_curve", "herhaling_effect", "bereik_per_poging")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    base = tmp_path_factory.mktemp("demo")
    landing, out, home = base / "landing", base / "out", base / "dagster_home"
    home.mkdir()
    (home / "dagster.yaml").write_text((Path(__file__).parents[2] / "dagster.yaml").read_text())
    generate(landing, start="2024-01", months=6, gemeenten=["1586"], seed=7, defect_rate=0.03)
    env = {"PATH": "/usr/bin:/bin", "VROEGSIGNAAL_SLEUTEL": "lektest-sleutel-0123456789abcdef", "DAGSTER_HOME": str(home)}
    run = subprocess.run([sys.executable, "-m", "pipeline.cli", "run", "--landing", str(landing), "--out", str(out)],
                         env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    ddas = subprocess.run([sys.executable, "-m", "pipeline.cli", "ddas", "--out", str(out), "--gemeente", "1586",
                           "--van", "2024-01", "--tot", "2024-06", "--leverancier", "TEST"],
                          env=env, capture_output=True, text=True, timeout=600)
    assert ddas.returncode == 0, ddas.stderr[-3000:]
    return {"landing": landing, "out": out, "home": home, "logs": run.stdout + run.stderr + ddas.stdout + ddas.stderr}


def personal_values(out: Path) -> set[str]:
    con = duckdb.connect(str(out / "warehouse.duckdb"), read_only=True)
    try:
        rows = con.execute(
            "select postcode, bsn, achternaam, straat, telefoonnummer, email, strftime(geboortedatum, '%Y-%m-%d'), "
            "strftime(geboortedatum, '%d-%m-%Y'), postcode || huisnummer from raw_signalen"
        ).fetchall()
    finally:
        con.close()
    values = {v for row in rows for v in row if v and len(v) >= 6}
    assert len(values) > 500
    return values


def published_text(out: Path) -> str:
    con = duckdb.connect(str(out / "analytics.duckdb"), read_only=True)
    try:
        parts = []
        for table in PUBLISHED:
            parts += [" ".join(map(str, r)) for r in con.execute(f"select * from {table}").fetchall()]
        parquets = sorted((out / "parquet").rglob("*.parquet"))
        assert parquets, "no Parquet files published"
        for parquet in parquets:
            parts += [" ".join(map(str, r)) for r in con.execute(f"select * from read_parquet('{parquet}')").fetchall()]
    finally:
        con.close()
    return "\n".join(parts)


def leaks(text: str, values: set[str]) -> list[str]:
    return sorted(v for v in values if v in text)[:5]


def test_no_personal_value_in_published_tables_logs_or_dagster_events(demo):
    values = personal_values(demo["out"])
    assert leaks(published_text(demo["out"]), values) == []
    assert leaks(demo["logs"], values) == []
    reports = sorted((demo["out"] / "rapport").glob("*.html"))
    assert [p.name for p in reports] == ["1586.html", "alle.html"]
    assert leaks("\n".join(p.read_text(encoding="utf-8") for p in reports), values) == []
    events = "\n".join(p.read_bytes().decode("utf-8", "replace") for p in demo["home"].rglob("*") if p.is_file())
    assert "raw_signalen" in events  # the event log was written and is readable
    assert leaks(events, values) == []


def test_ddas_file_from_the_demo_validates_and_matches_the_monitor(demo):
    [path] = sorted((demo["out"] / "ddas").glob("ddas_1586_2024-01_2024-06.json"))
    document = json.loads(path.read_text(encoding="utf-8"))
    assert validate_ddas(document) == []
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    levering = document["leveringen"][0]
    con = duckdb.connect(str(demo["out"] / "analytics.duckdb"), read_only=True)
    try:
        signals, meldingen = con.execute(
            "select sum(aantal_signalen), sum(aantal_meldingen) from monitor_maand "
            "where gemeentecode = '1586' and maand between date '2024-01-01' and date '2024-06-01'").fetchall()[0]
    finally:
        con.close()
    assert len(levering["vroegsignalen"]) == signals
    assert len(levering["vroegsignaalzaken"]) == meldingen
    assert document["startdatumLevering"] == "2024-01-01" and document["einddatumLevering"] == "2024-06-30"


def test_private_outputs_are_owner_only(demo):
    out = demo["out"]
    for path in [out, out / "warehouse.duckdb", *(out / "exports").rglob("*"), *(out / "ddas").rglob("*")]:
        assert path.stat().st_mode & 0o077 == 0, path
