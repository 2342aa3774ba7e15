"""Every blocking check passes on good data, and when its table is corrupted right after it is
built, the check fails and nothing is published: the last good publication stays as it was.

The corruption is applied in-process by wrapping the step that writes the table (no test hook in
the pipeline itself)."""

import hashlib
import json
import shutil

import duckdb
import pytest

import pipeline.run.build as build
import pipeline.defs.ingest as ingest_defs
from pipeline.defs.checks import CHECKS_DIR
from pipeline.defs.contract_checks import CONTRACTS
from pipeline.defs.runner import run_pipeline
from pipeline.common.settings import load_settings
from tests.conftest import built_once
from tests.e2e.test_cli_run import small_landing

KEY = "blokkeer-sleutel-0123456789abcdef"

# check name -> (table it checks, SQL that breaks the check's rule)
CORRUPTIONS = {
    "rijen_sluiten": ("bestanden", "update bestanden set geaccepteerd = geaccepteerd + 1"),
    "opgepakt_in_een_melding": ("signalen", "update signalen set melding_id = null where status = 'Opgepakt'"),
    "signaal_id_uniek": ("signalen", "insert into signalen select * from signalen limit 1"),
    "signalen_tellen": ("meldingen", "update meldingen set aantal_signalen = aantal_signalen + 1"),
    "invoer_signalen": ("raw_signalen", "update raw_signalen set postcode = 'X'"),
    "invoer_gemeenten": ("raw_gemeenten", "update raw_gemeenten set inwoners = 0"),
    "invoer_niet_benaderen": ("raw_niet_benaderen",
                              "insert into raw_niet_benaderen (partitie, bestand, rij, bsn) values (null, 'x', 2, '123456789')"),
    "publicatie_signalen": ("signalen", "update signalen set status = 'Onbekend'"),
    "publicatie_meldingen": ("meldingen", "update meldingen set adres_sleutel = 'niet-gehasht'"),
    "publicatie_aanpaklijst": ("aanpaklijst", "update aanpaklijst set aanpak = 'fax'"),
    "publicatie_monitor_maand": ("monitor_maand", "update monitor_maand set aandeel_zorg = 2"),
    "publicatie_monitor": ("monitor", "update monitor set aandeel_opgepakt = 2"),
    "publicatie_monitor_verdeling": ("monitor_verdeling", "update monitor_verdeling set aandeel = 2"),
    "publicatie_bestanden": ("bestanden", "update bestanden set sha256 = 'x'"),
    "publicatie_herhaling_curve": ("herhaling_curve", "update herhaling_curve set overleving = 2"),
    "publicatie_herhaling_effect": ("herhaling_effect", "update herhaling_effect set hazard_ratio = -1"),
    # the small landing has no contact attempts, so the table is empty: a bad row is added
    "publicatie_bereik_per_poging": ("bereik_per_poging", "insert into bereik_per_poging (gemeentecode, aanpak, poging, "
                                     "meldingen, bereikt, aandeel_bereikt, te_weinig_gegevens) values "
                                     "('0546', 'alle', '1', 1, 1, 2.0, false)"),
    "publicatie_quarantaine": ("quarantaine",
                               "insert into quarantaine values ('signalen', null, 'x', 0, 'veld', 'reden')"),
}


def blocking_checks() -> set[str]:
    sql = {p.stem.split("__", 1)[1] for p in CHECKS_DIR.glob("*__*.sql")}
    return sql | {c.naam for c in CONTRACTS.values() if c.blokkerend}


def test_every_blocking_check_has_a_corruption():
    assert set(CORRUPTIONS) == blocking_checks()


@pytest.fixture()
def env(tmp_path, monkeypatch):
    landing = small_landing(tmp_path)
    monkeypatch.setenv("VROEGSIGNAAL_SLEUTEL", KEY)
    monkeypatch.setenv("VROEGSIGNAAL_LANDING", str(landing))
    monkeypatch.setenv("VROEGSIGNAAL_OUT", str(tmp_path / "out"))
    return load_settings()


def good_run(folder) -> None:
    """The small landing run once into `folder`/out; its outcome (success, checks) in outcome.json."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("VROEGSIGNAAL_SLEUTEL", KEY)
        patch.setenv("VROEGSIGNAAL_LANDING", str(small_landing(folder)))
        patch.setenv("VROEGSIGNAAL_OUT", str(folder / "out"))
        outcome = run_pipeline(load_settings())
    (folder / "outcome.json").write_text(json.dumps({"success": outcome.success, "messages": outcome.messages,
                                                     "checks": outcome.checks}), encoding="utf-8")


@pytest.fixture(scope="session")
def good(tmp_path_factory):
    """The good publication of the small landing, made once per session: (its folder, the outcome)."""
    folder = built_once(tmp_path_factory, "blokkeer-goed", good_run)
    return folder, json.loads((folder / "outcome.json").read_text(encoding="utf-8"))


@pytest.fixture()
def published(good, tmp_path, monkeypatch):
    """A copy of the good publication (landing and out, the same layout) to break: its settings."""
    folder, outcome = good
    assert outcome["success"], outcome["messages"]
    shutil.copytree(folder / "landing", tmp_path / "landing", symlinks=True)
    shutil.copytree(folder / "out", tmp_path / "out", symlinks=True)
    monkeypatch.setenv("VROEGSIGNAAL_SLEUTEL", KEY)
    monkeypatch.setenv("VROEGSIGNAAL_LANDING", str(tmp_path / "landing"))
    monkeypatch.setenv("VROEGSIGNAAL_OUT", str(tmp_path / "out"))
    return load_settings()


def digest(settings) -> str:
    files = sorted((settings.out / "parquet").rglob("*.parquet"))
    assert files, "no Parquet files published"
    return hashlib.sha256(b"".join(str(p.relative_to(settings.out)).encode() + p.read_bytes() for p in files)).hexdigest()


def corrupt_after_writing(monkeypatch, table: str, sql: str) -> None:
    """Wrap whatever writes `table` so that it is corrupted right after it is written."""
    original_materialize = build.materialize

    def materialize(con, model, **kwargs):
        rows = original_materialize(con, model, **kwargs)
        if model.name == table:
            con.execute(sql)
        return rows

    monkeypatch.setattr(build, "materialize", materialize)
    for step, (deps, function) in list(build.PYTHON_STEPS.items()):
        if step == table:
            def wrapped(con, *args, _f=function, **kwargs):
                result = _f(con, *args, **kwargs)
                con.execute(sql)
                return result
            monkeypatch.setitem(build.PYTHON_STEPS, step, (deps, wrapped))
    import pipeline.effect.tables as effect_tables  # the herhaling step imports write_tables when it runs

    original_write = effect_tables.write_tables

    def write_tables(con, tables, _f=original_write):
        counts = _f(con, tables)
        if table in tables:
            con.execute(sql)
        return counts

    monkeypatch.setattr(effect_tables, "write_tables", write_tables)
    for name in ("ingest_month", "ingest_reference"):
        original = getattr(ingest_defs, name)

        def ingest(con, *args, _f=original, **kwargs):
            report = _f(con, *args, **kwargs)
            if table.startswith("raw_"):
                con.execute(sql)
            return report

        monkeypatch.setattr(ingest_defs, name, ingest)


def rebuild_everything_next_run(settings) -> None:
    """Forget the stored fingerprints: the next run rebuilds every table (and so corrupts it)."""
    con = duckdb.connect(str(settings.warehouse))
    try:
        con.execute("delete from run_vingerafdruk")
    finally:
        con.close()


def test_all_blocking_checks_pass_on_good_data(good):
    _, outcome = good
    assert outcome["success"], outcome["messages"]
    evaluated = {name.split(".", 1)[1]: ok for name, ok in outcome["checks"]}
    assert blocking_checks() <= set(evaluated)
    assert all(evaluated[name] for name in blocking_checks())


@pytest.mark.cost(6)
@pytest.mark.parametrize("check", sorted(CORRUPTIONS))
def test_a_failing_blocking_check_blocks_publication(published, monkeypatch, check):
    """From a copy of the good publication: the next run (every table rebuilt) breaks the check's
    table, fails on the check, and the good publication stays as it was."""
    before = digest(published)
    table, sql = CORRUPTIONS[check]
    rebuild_everything_next_run(published)
    corrupt_after_writing(monkeypatch, table, sql)
    outcome = run_pipeline(published)
    assert not outcome.success
    assert any(check in line for line in outcome.messages), outcome.messages
    assert (check, False) in [(name.split(".", 1)[1], ok) for name, ok in outcome.checks]
    assert digest(published) == before


@pytest.mark.parametrize(("check", "points_to"), [("rijen_sluiten", "sql/checks/bestanden__rijen_sluiten.sql"),
                                                  ("publicatie_aanpaklijst", "data_contracts/publicatie_aanpaklijst.yaml")])
def test_a_failing_blocking_check_prints_one_message_without_a_trace(env, monkeypatch, capsys, check, points_to):
    from pipeline.cli import main

    table, sql = CORRUPTIONS[check]
    corrupt_after_writing(monkeypatch, table, sql)
    assert main(["run", "--landing", str(env.landing), "--out", str(env.out)]) == 1
    captured = capsys.readouterr()
    printed = captured.out + captured.err
    for noise in ("Traceback", "Stack Trace", "dagster._core", 'File "'):
        assert noise not in printed
    [line] = [ln for ln in captured.err.splitlines() if check in ln]
    assert points_to in line and "de vorige publicatie blijft staan" in line
