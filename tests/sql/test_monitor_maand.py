"""monitor_maand on a hand-made month whose figures were worked out by hand."""

import datetime as dt

import pytest

from tests.sql.chain import run_chain, signaal

GEMEENTEN = [
    {"partitie": None, "bestand": "referentie/gemeenten.csv", "rij": 2, "gemeentecode": "0999", "naam": "Proefstad", "jaar": 2024, "inwoners": 10000},
    {"partitie": None, "bestand": "referentie/gemeenten.csv", "rij": 3, "gemeentecode": "0888", "naam": "Leegdorp", "jaar": 2024, "inwoners": 5000},
]


@pytest.fixture(scope="module")
def monitor():
    chain = run_chain(
        [
            signaal("2024-04-10", postcode="1111AA"),
            signaal("2024-05-10", postcode="1111AA"),  # A: opeenvolgend
            signaal("2024-05-11", postcode="2222BB", signaalpartner_type="Huur", signaalpartner_naam="H", bedrag=200.0),
            signaal("2024-05-12", postcode="2222BB", signaalpartner_type="Water", signaalpartner_naam="W", bedrag=80.0),
            signaal("2024-05-13", postcode="3333CC", signaalpartner_type="Energie", signaalpartner_naam="E", bedrag=30.0, crisissignaal=True),
            signaal("2024-05-14", postcode="4444DD", bedrag=500.0),
        ],
        gemeenten=GEMEENTEN,
    )
    return {(r["gemeentecode"], str(r["maand"])[:7]): r for r in chain.rows("select * from monitor_maand")}


def test_may_for_the_gemeente(monitor):
    m = monitor[("0999", "2024-05")]
    assert m["aantal_signalen"] == 5
    assert m["signalen_per_1000_inwoners"] == pytest.approx(0.5)
    assert (m["aandeel_zorg"], m["aandeel_huur"], m["aandeel_water"], m["aandeel_energie"]) == pytest.approx((0.4, 0.2, 0.2, 0.2))
    assert m["aandeel_overige"] == 0
    assert m["aandeel_opgepakt"] == pytest.approx(0.8)
    assert m["aantal_meldingen"] == 3
    assert (m["aandeel_enkelvoudig"], m["aandeel_meervoudig"], m["aandeel_opeenvolgend"]) == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    assert m["aandeel_drie_in_jaar"] == 0


def test_april_and_a_gemeente_without_signals(monitor):
    assert monitor[("0999", "2024-04")]["aandeel_enkelvoudig"] == 1
    empty = monitor[("0888", "2024-05")]
    assert (empty["aantal_signalen"], empty["aantal_meldingen"], empty["inwoners"]) == (0, 0, 5000)
    assert empty["aandeel_zorg"] is None and empty["aandeel_opeenvolgend"] is None


def test_alle_pools_every_gemeente(monitor):
    alle = monitor[("alle", "2024-05")]
    assert (alle["aantal_signalen"], alle["inwoners"], alle["aantal_meldingen"]) == (5, 15000, 3)
    assert alle["signalen_per_1000_inwoners"] == pytest.approx(5 * 1000 / 15000, rel=1e-3)
    assert alle["aandeel_opeenvolgend"] == pytest.approx(1 / 3)
    assert set(k[0] for k in monitor) == {"0999", "0888", "alle"}
    assert all(isinstance(r["maand"], dt.date) for r in monitor.values())
