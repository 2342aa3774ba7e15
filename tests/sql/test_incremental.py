"""Incremental runs equal a full rebuild: after every monthly ingest, every model table built from
`vanaf` on (keeping earlier months) holds the same rows as a from-scratch build of the same
landing folder. Hand-made CSV exports for two gemeenten; the range each step plans is hand-worked.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from pipeline.run.build import build_all, build_incremental
from pipeline.warehouse.catalog import MODELS
from pipeline.ingest.landing import ingest_month, ingest_reference, landing_months
from pipeline.policy import load_policies
from pipeline.ingest.raw_tables import CONTACTPOGING_INPUT, REFERENCE_INPUTS, SIGNAAL_INPUT
from pipeline.common.settings import DEMO_KEY, PROJECT_ROOT
from pipeline.warehouse.connection import BOOKKEEPING_DDL, ensure_raw_tables, prepare_connection
from pipeline.ingest.raw_tables import RAW_DDL
from tests.sql.chain import TEST_SETTINGS

POLICIES = load_policies(PROJECT_ROOT / "policies")
#: Figures: every model table. Decisions (pick-up, routing) are compared too while the inputs arrive in
#: month order (then a from-scratch build decides the same); after a late delivery they are kept as
#: first made (docs/run-architecture.md), which the test checks separately.
FIGURES = sorted(m.name for m in MODELS.values() if not m.view)
DECISIONS = ["melding_opname", "aanpaklijst"]

SIGNAL_HEADER = "signaal_id;gemeentecode;signaalpartner_type;signaalpartner_naam;signaaldatum;bedrag;postcode;huisnummer;klantnummer;ontstaansdatum;geboortedatum;telefoonnummer"
ATTEMPT_HEADER = "melding_id;contactdatum;soort;bereikt;resultaat"


def signal(sid: str, datum: str, *, gemeente: str = "0546", partner: str = "Zorg;Zorgverzekeraar A", bedrag: str = "120",
           postcode: str = "2311AA", huisnummer: str = "1", klant: str = "", ontstaan: str = "",
           geboren: str = "1980-05-01", telefoon: str = "") -> str:
    return f"{sid};{gemeente};{partner};{datum};{bedrag};{postcode};{huisnummer};{klant};{ontstaan};{geboren};{telefoon}"


def write(landing: Path, soort: str, month: str, name: str, header: str, lines: list[str]) -> None:
    folder = landing / soort / month
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")


def connection() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    prepare_connection(con, TEST_SETTINGS, DEMO_KEY)
    ensure_raw_tables(con, {**RAW_DDL, **BOOKKEEPING_DDL})
    return con


def ingest(con: duckdb.DuckDBPyConnection, landing: Path) -> None:
    for inp in (SIGNAAL_INPUT, CONTACTPOGING_INPUT):
        for month in landing_months(landing, inp.soort):
            ingest_month(con, landing, inp, month)
    for inp in REFERENCE_INPUTS:
        ingest_reference(con, landing, inp)


def full_build(landing: Path, decided: duckdb.DuckDBPyConnection | None = None) -> duckdb.DuckDBPyConnection:
    """A from-scratch build; with `decided`, the decisions stored there are kept (as a run keeps them)."""
    con = connection()
    ingest(con, landing)
    if decided is not None:
        from pipeline.policy.steps import ensure_decision_tables

        ensure_decision_tables(con)
        for table in ("melding_opname", "aanpaklijst"):
            frame = decided.sql(f"select * from {table}").pl()
            con.register("_kept", frame)
            con.execute(f"insert into {table} by name select * from _kept")
            con.unregister("_kept")
    build_all(con, MODELS, POLICIES, keep_decisions=decided is not None)
    return con


def canonical(value):
    """Lists of structs (e.g. int_monitor_aantallen.verdeling) carry no order; other values as they are."""
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return sorted(value, key=repr)
    return value


def table_rows(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple]:
    columns = [r[0] for r in con.execute(
        "select column_name from information_schema.columns where table_name = ? order by column_name", [table]
    ).fetchall()]
    select = ", ".join(f'"{c}"' for c in columns)
    rows = [tuple(canonical(v) for v in row) for row in con.execute(f'select {select} from "{table}"').fetchall()]
    return sorted(rows, key=repr)


def assert_equal_to_full(con: duckdb.DuckDBPyConnection, landing: Path, *, decisions: bool = True) -> None:
    """Every table equals a from-scratch build; with decisions=False (after a late delivery) the
    figures equal a from-scratch build that keeps the same stored decisions."""
    full = full_build(landing) if decisions else full_build(landing, decided=con)
    for table in FIGURES + (DECISIONS if decisions else []):
        assert table_rows(con, table) == table_rows(full, table), f"{table}: incrementeel wijkt af van volledig"


class Landing:
    """A landing folder and a warehouse that ingests it and builds incrementally after every step."""

    def __init__(self, root: Path):
        self.root = root
        self.con = connection()
        (root / "referentie").mkdir(parents=True)
        (root / "referentie" / "gemeenten.csv").write_text(
            "gemeentecode;naam;jaar;inwoners\n0546;Leiden;2024;125000\n1586;Oost Gelre;2024;30000\n0999;Testgemeente;2024;10000\n", encoding="utf-8")

    def run(self):
        ingest(self.con, self.root)
        return build_incremental(self.con, MODELS, POLICIES)

    def melding_ids(self, month: str) -> list[str]:
        return [r[0] for r in self.con.execute(
            "select melding_id from int_melding_kandidaten where strftime(maand, '%Y-%m') = ? order by 1", [month]
        ).fetchall()]


@pytest.fixture
def landing(tmp_path: Path) -> Landing:
    return Landing(tmp_path / "landing")


def test_monthly_sequence_equals_full_rebuild(landing: Landing):
    root = landing.root
    # step 1: January and February; recurrence at 2311AA 1 and a herhaalde melding (same arrear, lower amount)
    write(root, "signalen", "2024-01", "a.csv", SIGNAL_HEADER, [
        signal("A1", "2024-01-10", klant="K1", ontstaan="2023-12-01", bedrag="200"),
        signal("A2", "2024-01-12", gemeente="0999", postcode="2312BB", partner="Energie;Stroom BV", bedrag="30"),
        signal("A3", "2024-01-15", gemeente="1586", postcode="7141AA", huisnummer="3", telefoon="0612345678"),
    ])
    write(root, "signalen", "2024-02", "a.csv", SIGNAL_HEADER, [
        signal("B1", "2024-02-10", klant="K1", ontstaan="2023-12-01", bedrag="150"),  # herhaald (150 <= 200)
        signal("B2", "2024-02-11", partner="Water;Dunea"),
        signal("B3", "2024-02-20", gemeente="1586", postcode="7141AA", huisnummer="3"),
    ])
    bereik = landing.run()
    assert bereik.volledig and bereik.vanaf == dt.date(2024, 1, 1)
    assert_equal_to_full(landing.con, root)
    statuses = dict(landing.con.execute("select signaal_id, signaalstatus from int_signalen").fetchall())
    assert statuses["B1"] == "Niet opgepakt: herhaalde melding"
    assert statuses["A2"] == "Niet opgepakt: onterecht signaal"  # 0999 has the default policy: drempel 50

    # step 2: a new month
    write(root, "signalen", "2024-03", "a.csv", SIGNAL_HEADER, [
        signal("C1", "2024-03-05"),
        signal("C2", "2024-03-06", gemeente="0999", postcode="2312BB", partner="Energie;Stroom BV", bedrag="80"),
    ])
    bereik = landing.run()
    assert (bereik.vanaf, bereik.volledig) == (dt.date(2024, 3, 1), False)
    assert_equal_to_full(landing.con, root)

    # step 3: a late file for January: a signal at 2312BB makes March opeenvolgend for another creditor,
    # and a higher amount on arrear K1 turns B1 into... still herhaald (150 <= 250)
    write(root, "signalen", "2024-01", "b.csv", SIGNAL_HEADER, [
        signal("A4", "2024-01-20", gemeente="0999", postcode="2312BB", partner="Huur;Woonstichting", bedrag="400"),
        signal("A5", "2024-01-21", klant="K1", ontstaan="2023-12-01", bedrag="250"),
    ])
    routing = "select melding_id, aanpak, regel from aanpaklijst order by 1"
    before = landing.con.execute(routing).fetchall()
    bereik = landing.run()
    assert (bereik.vanaf, bereik.volledig) == (dt.date(2024, 1, 1), False)
    assert "signalen 2024-01" in bereik.reden
    assert_equal_to_full(landing.con, root, decisions=False)
    # the January melding at 2311AA 1 became meervoudig late (a from-scratch build would send a home
    # visit): its routing, a letter, was acted on and stays; every earlier decision stays, and the
    # new January melding at 2312BB is decided now
    after = landing.con.execute(routing).fetchall()
    assert set(before) <= set(after)
    assert ("0546-202401-27f237e6b7f9", "brief", "brief") in after
    assert len(after) == len(before) + 1

    # step 4: April re-delivers B2 with other content (quarantined) and C1 unchanged (duplicate),
    # and a late delivery in the January folder of an id first delivered in March (C2): the January
    # row now comes first, so the March row is the later one
    write(root, "signalen", "2024-04", "a.csv", SIGNAL_HEADER, [
        signal("B2", "2024-02-11", partner="Water;Dunea", bedrag="999"),
        signal("C1", "2024-03-05"),
        signal("D1", "2024-04-02", gemeente="0999", postcode="2312BB", partner="Energie;Stroom BV"),
    ])
    write(root, "signalen", "2024-01", "c.csv", SIGNAL_HEADER, [
        signal("C2", "2024-03-06", gemeente="0999", postcode="2312BB", partner="Energie;Stroom BV", bedrag="80"),
    ])
    bereik = landing.run()
    assert (bereik.vanaf, bereik.volledig) == (dt.date(2024, 1, 1), False)
    assert_equal_to_full(landing.con, root, decisions=False)
    leveringen = landing.con.execute(
        "select signaal_id, levering from int_signaal_leveringen where partitie = date '2024-04-01' order by 1"
    ).fetchall()
    assert leveringen == [("B2", "quarantaine"), ("C1", "duplicaat"), ("D1", "geaccepteerd")]

    # step 5: contact attempts arrive later (May folder) for a February melding; June brings signals
    february = landing.melding_ids("2024-02")
    write(root, "contactpogingen", "2024-05", "a.csv", ATTEMPT_HEADER, [
        f"{february[0]};2024-02-25;Telefoon;nee;",
        f"{february[0]};2024-03-02;Huisbezoek;ja;",
        f"{february[0]};2024-03-02;Huisbezoek;ja;",  # a duplicate
        "0546-202402-000000000000;2024-02-25;Telefoon;nee;",  # an unknown melding
    ])
    bereik = landing.run()
    assert (bereik.vanaf, bereik.volledig) == (dt.date(2024, 2, 1), False)
    assert_equal_to_full(landing.con, root, decisions=False)
    historie = landing.con.execute(
        "select eerder_bereikt from int_melding_historie h join int_melding_kandidaten k using (melding_id) "
        "where k.maand = date '2024-03-01' and k.adres like '2311AA|1|%'"
    ).fetchall()
    assert historie == [(True,)]

    write(root, "signalen", "2024-06", "a.csv", SIGNAL_HEADER, [signal("F1", "2024-06-03")])
    bereik = landing.run()
    assert (bereik.vanaf, bereik.volledig) == (dt.date(2024, 6, 1), False)
    assert_equal_to_full(landing.con, root, decisions=False)

    # step 6: nothing new: no month is rebuilt
    bereik = landing.run()
    assert bereik.vanaf is None and bereik.reden == "niets nieuws"
    assert_equal_to_full(landing.con, root, decisions=False)


def test_changed_window_or_reference_rebuilds_everything(landing: Landing):
    root = landing.root
    write(root, "signalen", "2024-01", "a.csv", SIGNAL_HEADER, [signal("A1", "2024-01-10")])
    write(root, "signalen", "2024-02", "a.csv", SIGNAL_HEADER, [signal("B1", "2024-02-10")])
    landing.run()
    (root / "referentie" / "gemeenten.csv").write_text(
        "gemeentecode;naam;jaar;inwoners\n0546;Leiden;2024;126000\n", encoding="utf-8")
    bereik = landing.run()
    assert bereik.volledig and bereik.vanaf == dt.date(2024, 1, 1)
    assert "referentiebestanden gewijzigd" in bereik.reden
    assert_equal_to_full(landing.con, root, decisions=False)
    landing.con.execute("set variable opeenvolgend_maanden = 3")
    bereik = landing.run()
    assert bereik.volledig and "vensters" in bereik.reden


def test_unchanged_files_are_not_read_again(landing: Landing, monkeypatch):
    root = landing.root
    write(root, "signalen", "2024-01", "a.csv", SIGNAL_HEADER, [signal("A1", "2024-01-10")])
    landing.run()
    import pipeline.ingest.landing as landing_module

    def refuse(*args, **kwargs):
        raise AssertionError("an unchanged file was read again")

    monkeypatch.setattr(landing_module, "read_files", refuse)
    path = root / "signalen" / "2024-01" / "a.csv"
    path.touch()  # a new mtime, the same content: compared by sha256, still not re-read
    assert landing.run().vanaf is None


def test_a_month_that_failed_to_build_is_planned_again(landing: Landing, monkeypatch):
    root = landing.root
    write(root, "signalen", "2024-01", "a.csv", SIGNAL_HEADER, [signal("A1", "2024-01-10")])
    landing.run()
    write(root, "signalen", "2024-02", "a.csv", SIGNAL_HEADER, [signal("B1", "2024-02-10")])
    import pipeline.run.build as build_module

    original = build_module.materialize

    def crash(con, model, **kwargs):
        if model.name == "int_meldingen":
            raise RuntimeError("crash")
        return original(con, model, **kwargs)

    monkeypatch.setattr(build_module, "materialize", crash)
    with pytest.raises(RuntimeError):
        landing.run()
    monkeypatch.setattr(build_module, "materialize", original)
    bereik = landing.run()  # the files are unchanged now, but the range was not closed
    assert bereik.vanaf == dt.date(2024, 2, 1)
    assert_equal_to_full(landing.con, root)


def test_model_headers_and_incremental_materialisation(tmp_path: Path):
    from pipeline.warehouse.models import ModelError, discover_models, headers_of, materialize

    sql = "-- incrementeel: maand\n-- Totals per month.\nselect maand, sum(x) as x from bron where maand >= getvariable('vanaf') group by maand\n"
    (tmp_path / "marts").mkdir()
    (tmp_path / "marts" / "totalen.sql").write_text(sql, encoding="utf-8")
    model = discover_models(tmp_path, {"bron"})["totalen"]
    assert model.incremental and not model.view and model.description == "Totals per month."
    with pytest.raises(ModelError):
        headers_of("-- incrementeel: week\nselect 1")

    con = duckdb.connect()
    con.execute("set variable vanaf = date '0001-01-01'")
    con.execute("create table bron as select * from (values (date '2024-01-01', 1), (date '2024-02-01', 2)) t(maand, x)")
    assert materialize(con, model, incremental=True) == 2  # no table yet: every month
    con.execute("update bron set x = 10")  # both months change in the source...
    con.execute("insert into bron values (date '2024-03-01', 3)")
    con.execute("set variable vanaf = date '2024-02-01'")
    assert materialize(con, model, incremental=True) == 2  # ...but only February and March are rebuilt
    assert con.execute("select maand, x from totalen order by 1").fetchall() == [
        (dt.date(2024, 1, 1), 1), (dt.date(2024, 2, 1), 10), (dt.date(2024, 3, 1), 3)]
