"""The CLI end to end on small landing folders: one in-process Dagster run each."""

import hashlib
import os
import shutil
from pathlib import Path

import duckdb
import pytest

from pipeline.cli import main

SIGNAL_HEADER = "signaal_id;gemeentecode;signaalpartner_type;signaalpartner_naam;signaaldatum;bedrag;postcode;huisnummer\n"


def write_month(landing: Path, month: str, rows: list[str], name: str = "zorg.csv") -> Path:
    folder = landing / "signalen" / month
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(SIGNAL_HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def small_landing(tmp_path: Path) -> Path:
    landing = tmp_path / "landing"
    (landing / "referentie").mkdir(parents=True)
    (landing / "referentie" / "gemeenten.csv").write_text(
        "gemeentecode;naam;jaar;inwoners\n0999;Proefstad;2024;10.000\n", encoding="utf-8")
    write_month(landing, "2024-01", [
        "A1;0999;Zorg;Zorg NV;15-01-2024;120,50;1234AB;1",
        "A2;GM0999;Huur;Woonstichting;2024-01-20;€ 1.234,56;1234 ab;1",
        "A3;0999;Zorg;Zorg NV;16-01-2024;80;9999ZZ;3",
        "BAD;0999;Telecom;Bel BV;16-01-2024;80;9999ZZ;3",
    ])
    write_month(landing, "2024-02", [
        "B1;0999;Zorg;Zorg NV;01-02-2024;99;1234AB;1",
        "A3;0999;Zorg;Zorg NV;16-01-2024;80;9999ZZ;3",  # delivered again: a duplicate
    ])
    return landing


@pytest.fixture()
def demo_key(monkeypatch):
    monkeypatch.setenv("VROEGSIGNAAL_SLEUTEL", "test-sleutel-niet-geheim-0123456789")


def published(out: Path, sql: str):
    con = duckdb.connect(str(out / "analytics.duckdb"), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def parquet_digests(out: Path) -> dict[str, str]:
    root = out / "parquet"
    digests = {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*.parquet"))}
    assert digests, "no Parquet files published"
    return digests


def test_run_publishes_tables_and_accounts_for_every_row(tmp_path, demo_key, capsys, monkeypatch):
    monkeypatch.setenv("VROEGSIGNAAL_VOORTGANG", "1")
    landing, out = small_landing(tmp_path), tmp_path / "out"
    assert main(["run", "--landing", str(landing), "--out", str(out)]) == 0
    captured = capsys.readouterr()
    err = captured.err
    # progress in the terminal: step, months or table, rows, elapsed seconds
    assert "[publicatie " in err and "meldingen (geheel), 3 rijen" in err
    assert "[contract publicatie_signalen " in err and "[werkvoorraad " in err and "[ddas " in err
    assert published(out, "select signaal_id, status from signalen order by 1") == [
        ("A1", "Opgepakt"), ("A2", "Opgepakt"), ("A3", "Opgepakt"), ("B1", "Opgepakt")]
    assert published(out, "select count(*), sum(aantal_signalen) from meldingen") == [(3, 4)]
    files = published(out, "select bestand, rijen_gelezen, geaccepteerd, duplicaten, quarantaine from bestanden where soort = 'signalen' order by 1")
    assert files == [("signalen/2024-01/zorg.csv", 4, 3, 0, 1), ("signalen/2024-02/zorg.csv", 2, 1, 1, 0)]
    [(bestand, rij, veld)] = published(out, "select bestand, rij, veld from quarantaine")
    assert (bestand, rij, veld) == ("signalen/2024-01/zorg.csv", 5, "signaalpartner_type")
    assert {str(p.relative_to(out / "parquet")) for p in (out / "parquet").rglob("*.parquet")} >= {
        "signalen/maand=2024-01/data.parquet", "meldingen/maand=2024-02/data.parquet",
        "monitor_maand/data.parquet", "bestanden/data.parquet"}
    glob = str(out / "parquet" / "signalen" / "**" / "*.parquet")
    assert published(out, f"select signaal_id, maand from read_parquet('{glob}', hive_partitioning = true) order by 1") == [
        ("A1", "2024-01"), ("A2", "2024-01"), ("A3", "2024-01"), ("B1", "2024-02")]
    assert oct(out.stat().st_mode & 0o777) == "0o700"
    assert oct((out / "warehouse.duckdb").stat().st_mode & 0o777) == "0o600"
    assert "0999" in captured.out


@pytest.mark.cost(10)
def test_running_the_same_months_twice_gives_byte_identical_parquet(tmp_path, demo_key):
    landing, out = small_landing(tmp_path), tmp_path / "out"
    assert main(["run", "--landing", str(landing), "--out", str(out)]) == 0
    first = parquet_digests(out)
    assert main(["run", "--landing", str(landing), "--out", str(out), "--month", "2024-02"]) == 0
    assert main(["run", "--landing", str(landing), "--out", str(out)]) == 0
    assert parquet_digests(out) == first


def test_a_file_level_problem_stops_the_month_names_the_file_and_keeps_the_publication(tmp_path, demo_key, capsys):
    landing, out = small_landing(tmp_path), tmp_path / "out"
    assert main(["run", "--landing", str(landing), "--out", str(out)]) == 0
    before = parquet_digests(out)
    (landing / "signalen" / "2024-02" / "kapot.csv").write_text("signaal_id;bedrag\nX;12\n", encoding="utf-8")
    assert main(["run", "--landing", str(landing), "--out", str(out)]) != 0
    err = capsys.readouterr().err
    assert "signalen/2024-02/kapot.csv" in err and "postcode" in err and "Traceback" not in err
    assert parquet_digests(out) == before


def test_run_refuses_without_a_key(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("VROEGSIGNAAL_SLEUTEL", raising=False)
    monkeypatch.delenv("VROEGSIGNAAL_SLEUTELBESTAND", raising=False)
    monkeypatch.delenv("VROEGSIGNAAL_DEMO", raising=False)
    landing, out = small_landing(tmp_path), tmp_path / "out"
    assert main(["run", "--landing", str(landing), "--out", str(out)]) == 2
    assert "VROEGSIGNAAL_SLEUTEL" in capsys.readouterr().err
    assert not (out / "analytics.duckdb").exists()


@pytest.mark.cost(30)
def test_a_run_of_the_new_month_leaves_a_record_so_the_next_full_run_has_nothing_new(tmp_path, demo_key, capsys):
    landing, out = small_landing(tmp_path), tmp_path / "out"
    assert main(["run", "--landing", str(landing), "--out", str(out)]) == 0
    # The new month arrives as a symbolic link to the export share: it must be seen.
    share = tmp_path / "share" / "2024-03"
    share.mkdir(parents=True)
    (share / "zorg.csv").write_text(SIGNAL_HEADER + "C1;0999;Zorg;Zorg NV;02-03-2024;50;1234AB;1\n", encoding="utf-8")
    (landing / "signalen" / "2024-03").symlink_to(share, target_is_directory=True)
    capsys.readouterr()
    assert main(["run", "--landing", str(landing), "--out", str(out)]) == 0
    assert "niets nieuws" not in capsys.readouterr().out
    assert published(out, "SELECT count(*) FROM signalen WHERE signaal_id = 'C1'") == [(1,)]

    # A monthly `--month` run records that month; the next full run has nothing new ...
    write_month(landing, "2024-04", ["D1;0999;Zorg;Zorg NV;03-04-2024;60;1234AB;1"])
    assert main(["run", "--landing", str(landing), "--out", str(out), "--month", "2024-04"]) == 0
    capsys.readouterr()
    assert main(["run", "--landing", str(landing), "--out", str(out)]) == 0
    assert "niets nieuws" in capsys.readouterr().out

    # ... but a change to another month, seen by no run yet, still makes the next full run a real one.
    write_month(landing, "2024-05", ["E1;0999;Zorg;Zorg NV;03-05-2024;70;1234AB;1"])
    (landing / "signalen" / "2024-01" / "zorg.csv").write_text(SIGNAL_HEADER + "A1;0999;Zorg;Zorg NV;15-01-2024;120,50;1234AB;1\n", encoding="utf-8")
    assert main(["run", "--landing", str(landing), "--out", str(out), "--month", "2024-05"]) == 0
    capsys.readouterr()
    assert main(["run", "--landing", str(landing), "--out", str(out)]) == 0
    assert "niets nieuws" not in capsys.readouterr().out
    assert published(out, "SELECT count(*) FROM signalen WHERE signaal_id = 'A2'") == [(0,)]
