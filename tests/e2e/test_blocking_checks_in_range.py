"""The SQL checks of an incremental run look at the run's months only, and still block when a row of
those months breaks them (tests/sql/test_check_scope.py holds the parity with the full queries)."""

import datetime as dt

import duckdb

from pipeline.common.settings import load_settings
from pipeline.defs.runner import run_pipeline
from tests.e2e.test_blocking_checks import corrupt_after_writing, digest
from tests.e2e.test_cli_run import write_month

NEW = "2024-02-01"


def test_an_incremental_run_blocks_on_a_broken_row_of_its_own_month(tmp_path, monkeypatch):
    landing = tmp_path / "landing"
    (landing / "referentie").mkdir(parents=True)
    (landing / "referentie" / "gemeenten.csv").write_text(
        "gemeentecode;naam;jaar;inwoners\n0999;Proefstad;2024;10.000\n", encoding="utf-8")
    write_month(landing, "2024-01", ["A1;0999;Zorg;Zorg NV;15-01-2024;120,50;1234AB;1",
                                     "A2;0999;Huur;Woonstichting;2024-01-20;300;2345BC;2"])
    monkeypatch.setenv("VROEGSIGNAAL_SLEUTEL", "bereik-sleutel-0123456789abcdef")
    monkeypatch.setenv("VROEGSIGNAAL_LANDING", str(landing))
    monkeypatch.setenv("VROEGSIGNAAL_OUT", str(tmp_path / "out"))
    settings = load_settings()
    assert run_pipeline(settings).success
    before = digest(settings)

    write_month(landing, "2024-02", ["B1;0999;Zorg;Zorg NV;03-02-2024;99;1234AB;1",
                                     "B2;0999;Huur;Woonstichting;2024-02-04;400;3456CD;3"])
    corrupt_after_writing(monkeypatch, "signalen", f"insert into signalen select * from signalen where maand = '{NEW}'; "
                          f"update signalen set melding_id = null where status = 'Opgepakt' and maand = '{NEW}'")
    outcome = run_pipeline(settings, ["2024-02"])
    assert not outcome.success

    con = duckdb.connect(str(settings.warehouse), read_only=True)
    try:
        assert con.execute("select vanaf, volledig from run_bereik").fetchall() == [(dt.date(2024, 2, 1), False)]
        assert con.execute("select count(*) from signalen where maand < ?", [NEW]).fetchall() == [(2,)]
    finally:
        con.close()
    failed = {name.split(".", 1)[1] for name, ok in outcome.checks if not ok}
    assert {"signaal_id_uniek", "opgepakt_in_een_melding", "signalen_tellen"} <= failed, outcome.checks
    assert digest(settings) == before
