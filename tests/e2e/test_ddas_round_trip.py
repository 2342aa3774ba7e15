"""Round trip: the pipeline's own DDAS deliveries, fed back as the only input of a fresh output
folder, reproduce the meldingen and their recurrence flags (generated data: 2 gemeenten, 5 months,
contact attempts by the demo's simulated caseworkers).

With `--client adres` (the address whenever it is known) the reproduction is exact. With the
default `--client bsn` a signal that has a BSN reaches CBS without its address (the schema allows
one of the two), so the pipeline finds its address through its vroegsignaalzaak or the same BSN
elsewhere, else lets the BSN stand in: the signals and their statuses come back the same, the
address-based recurrence mostly (README, "DDAS as input")."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import duckdb
import pytest

from pipeline.exports.ddas_delivery import deliver
from pipeline.defs.runner import run_pipeline
from pipeline.common.settings import load_settings
from pipeline.synthetic import generate, household_traits
from pipeline.synthetic.contactpogingen import simulate_contactpogingen
from pipeline.warehouse.connection import open_warehouse

pytestmark = [pytest.mark.xdist_group("rondgang"), pytest.mark.cost(15)]

GEMEENTEN, START, MONTHS, SEED = ["1586", "0339"], "2024-01", 5, 11
QUARTERS = [(dt.date(2024, 1, 1), dt.date(2024, 3, 1)), (dt.date(2024, 4, 1), dt.date(2024, 5, 1))]

RECURRENCE = ("aantal_signalen", "is_meervoudig", "is_opeenvolgend", "is_enkelvoudig", "opeenvolgend_zelfde_partner",
              "opeenvolgend_andere_partner", "meldingen_12m", "aaneengesloten_maanden", "maanden_sinds_vorige",
              "eerdere_meldingen", "adres_sleutel", "is_crisis", "warme_overdracht", "leeftijdsklasse", "bedrag_trend")


def settings_for(landing: Path, out: Path):
    os.environ["VROEGSIGNAAL_LANDING"], os.environ["VROEGSIGNAAL_OUT"] = str(landing), str(out)
    return load_settings()


@pytest.fixture(scope="module")
def original(tmp_path_factory):
    os.environ["VROEGSIGNAAL_SLEUTEL"] = "rondgang-sleutel-0123456789abcdef"
    base = tmp_path_factory.mktemp("rondgang")
    landing, out = base / "landing", base / "out"
    generate(landing, start=START, months=MONTHS, gemeenten=GEMEENTEN, seed=SEED, defect_rate=0.0)
    assert run_pipeline(settings_for(landing, out)).success
    with open_warehouse(settings_for(landing, out), read_only=True) as con:
        meldingen = con.sql("select a.melding_id, a.gemeentecode, a.maand, k.adres, a.aanpak, a.kanalen, a.brief_sjabloon, "
                            "a.consulent from aanpaklijst a join int_melding_kandidaten k using (melding_id)").pl()
    traits = household_traits(start=START, months=MONTHS, gemeenten=GEMEENTEN, seed=SEED)
    assert simulate_contactpogingen(meldingen, traits, landing, seed=SEED)
    assert run_pipeline(settings_for(landing, out)).success
    yield base, landing, out
    os.environ.pop("VROEGSIGNAAL_SLEUTEL", None)


def round_trip(base: Path, landing: Path, out: Path, client: str) -> Path:
    """The quarterly deliveries of every gemeente as the only input of a fresh output folder."""
    landing2, out2 = base / f"landing_{client}", base / f"out_{client}"
    (landing2 / "ddas").mkdir(parents=True)
    (landing2 / "referentie").mkdir()
    shutil.copy(landing / "referentie" / "gemeenten.csv", landing2 / "referentie" / "gemeenten.csv")
    with open_warehouse(settings_for(landing, out), read_only=True) as con:
        for gemeente in GEMEENTEN:
            for van, tot in QUARTERS:
                deliver(con, landing2 / "ddas", gemeente, van, tot, "vroegsignaal", dt.datetime(2024, 6, 1), client)
    outcome = run_pipeline(settings_for(landing2, out2))
    assert outcome.success, outcome.messages
    return out2


def compare(out: Path, out2: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute(f"attach '{out / 'analytics.duckdb'}' as a (read_only)")
    con.execute(f"attach '{out2 / 'analytics.duckdb'}' as b (read_only)")
    return con


def differences(con, columns) -> dict[str, int]:
    select = ", ".join(f"count(*) filter (where x.{c} is distinct from y.{c})" for c in columns)
    row = con.execute(f"select {select} from a.meldingen x join b.meldingen y using (melding_id)").fetchone()
    return {c: n for c, n in zip(columns, row) if n}


def test_round_trip_with_addresses_reproduces_meldingen_and_recurrence(original):
    base, landing, out = original
    con = compare(out, round_trip(base, landing, out, "adres"))
    # the same signals with the same statuses, the same meldingen (ids and members)
    assert con.execute("select count(*) from a.signalen").fetchone()[0] > 300
    assert con.execute("select signaal_id, status, melding_id from a.signalen except "
                       "select signaal_id, status, melding_id from b.signalen").fetchall() == []
    assert con.execute("select count(*) from a.signalen").fetchone() == con.execute("select count(*) from b.signalen").fetchone()
    ids = "select melding_id from {}.meldingen"
    assert con.execute(f"{ids.format('a')} except {ids.format('b')}").fetchall() == []
    assert con.execute(f"{ids.format('b')} except {ids.format('a')}").fetchall() == []
    assert differences(con, RECURRENCE) == {}
    # known differences: no BSN beside an address, no phone or e-mail, whole euros, contact per zaak
    known = differences(con, ("inwoner_sleutel", "telefoon_bekend", "email_bekend", "totaal_bedrag"))
    assert set(known) <= {"inwoner_sleutel", "telefoon_bekend", "email_bekend", "totaal_bedrag"}
    # every record of the deliveries accepted (nothing quarantined, nothing lost)
    assert con.execute("select count(*) from b.quarantaine").fetchone() == (0,)
    assert con.execute("select sum(rijen_gelezen - geaccepteerd - duplicaten) from b.bestanden").fetchone() == (0,)
    # the contact attempts came back on the same meldingen: the monitor's contact counts are equal
    contact = ("select gemeentecode, periode, aantal_met_contactpoging, aantal_bereikt from {}.monitor "
               "where periode_soort = 'maand' order by all")
    assert con.execute(contact.format("a")).fetchall() == con.execute(contact.format("b")).fetchall()
    assert sum(r[2] for r in con.execute(contact.format("b")).fetchall() if r[0] == "alle") > 0


def test_round_trip_with_bsn_first_keeps_every_signal_and_status(original):
    base, landing, out = original
    con = compare(out, round_trip(base, landing, out, "bsn"))
    assert con.execute("select signaal_id, status from a.signalen except select signaal_id, status from b.signalen").fetchall() == []
    assert con.execute("select count(*) from b.quarantaine").fetchone() == (0,)
    total = con.execute("select count(*) from a.meldingen").fetchone()[0]
    same = con.execute("select count(*) from a.meldingen x join b.meldingen y using (melding_id) "
                       "where x.is_opeenvolgend = y.is_opeenvolgend and x.is_meervoudig = y.is_meervoudig").fetchone()[0]
    assert same / total >= 0.9  # measured on the demo data: about 96% (README: opeenvolgend differs for 3.7%)
