"""Signal status: duplicate deliveries, herhaalde melding and the drempelbedrag, at their edges."""

from tests.sql.chain import run_chain, signaal

HERHAAL = dict(klantnummer="K1", ontstaansdatum="2024-01-15", signaalpartner_naam="Energie X", signaalpartner_type="Energie")


def statuses(chain) -> list[tuple]:
    return [(r["signaal_id"], r["status"]) for r in chain.rows("select signaal_id, status from signalen order by signaal_id")]


def test_herhaalde_melding_lower_or_equal_amount_is_not_picked_up_higher_is():
    chain = run_chain([
        signaal("2024-02-10", signaal_id="A", bedrag=300.0, **HERHAAL),
        signaal("2024-03-10", signaal_id="B", bedrag=250.0, **HERHAAL),  # lower: herhaald
        signaal("2024-04-10", signaal_id="C", bedrag=300.0, **HERHAAL),  # equal to highest: herhaald
        signaal("2024-05-10", signaal_id="D", bedrag=300.01, **HERHAAL),  # higher: picked up
    ])
    assert statuses(chain) == [
        ("A", "Opgepakt"),
        ("B", "Niet opgepakt: herhaalde melding"),
        ("C", "Niet opgepakt: herhaalde melding"),
        ("D", "Opgepakt"),
    ]
    # a herhaalde melding still counts as an earlier received signal for opeenvolgend
    assert chain.one("select is_opeenvolgend from meldingen where maand = date '2024-05-01'")["is_opeenvolgend"]


def test_herhaalde_melding_needs_same_creditor_klant_and_ontstaansdatum():
    chain = run_chain([
        signaal("2024-02-10", signaal_id="A", bedrag=300.0, **HERHAAL),
        signaal("2024-03-10", signaal_id="B", bedrag=100.0, **{**HERHAAL, "ontstaansdatum": "2024-02-15"}),
        signaal("2024-03-11", signaal_id="C", bedrag=100.0, **{**HERHAAL, "klantnummer": "K2"}),
        signaal("2024-03-12", signaal_id="D", bedrag=100.0, **{**HERHAAL, "signaalpartner_naam": "Energie Y"}),
    ])
    assert [s for _, s in statuses(chain)] == ["Opgepakt"] * 4


def test_herhaalde_melding_without_klantnummer_uses_the_address():
    base = {**HERHAAL, "klantnummer": None}
    chain = run_chain([
        signaal("2024-02-10", signaal_id="A", bedrag=300.0, **base),
        signaal("2024-03-10", signaal_id="B", bedrag=200.0, **base),
        signaal("2024-03-10", signaal_id="C", bedrag=200.0, postcode="9999ZZ", **base),  # other address
    ])
    assert statuses(chain) == [("A", "Opgepakt"), ("B", "Niet opgepakt: herhaalde melding"), ("C", "Opgepakt")]


def test_drempel_below_50_alone_is_onterecht_at_50_picked_up():
    chain = run_chain([
        signaal("2024-05-01", signaal_id="A", postcode="1111AA", bedrag=49.99),
        signaal("2024-05-01", signaal_id="B", postcode="2222AA", bedrag=50.0),
    ])
    assert statuses(chain) == [("A", "Niet opgepakt: onterecht signaal"), ("B", "Opgepakt")]
    assert chain.one("select melding_id from signalen where signaal_id = 'A'")["melding_id"] is None


def test_drempel_match_in_the_same_month_picks_up_small_signals():
    chain = run_chain([
        signaal("2024-05-01", signaal_id="A", bedrag=20.0),
        signaal("2024-05-28", signaal_id="B", bedrag=30.0, signaalpartner_type="Water", signaalpartner_naam="W"),
    ])
    assert statuses(chain) == [("A", "Opgepakt"), ("B", "Opgepakt")]
    m = chain.one("select * from meldingen")
    assert (m["is_meervoudig"], float(m["totaal_bedrag"])) == (True, 50.0)


def test_duplicate_delivery_is_one_signal_conflict_is_quarantined():
    first = signaal("2024-05-01", signaal_id="X", bedrag=120.0, bestand="signalen/2024-05/a.csv", rij=2)
    same = {**first, "bestand": "signalen/2024-05/b.csv", "rij": 2}
    other = {**first, "bestand": "signalen/2024-05/b.csv", "rij": 3, "bedrag": 999.0}
    bestanden = [
        {"soort": "signalen", "partitie": first["partitie"], "bestand": "signalen/2024-05/a.csv", "rijen_gelezen": 1},
        {"soort": "signalen", "partitie": first["partitie"], "bestand": "signalen/2024-05/b.csv", "rijen_gelezen": 2},
    ]
    chain = run_chain([first, same, other], bestanden=bestanden)
    assert chain.rows("select signaal_id, bedrag from signalen") == [{"signaal_id": "X", "bedrag": 120}]
    files = chain.rows("select bestand, rijen_gelezen, geaccepteerd, duplicaten, quarantaine from bestanden order by bestand")
    assert files == [
        {"bestand": "signalen/2024-05/a.csv", "rijen_gelezen": 1, "geaccepteerd": 1, "duplicaten": 0, "quarantaine": 0},
        {"bestand": "signalen/2024-05/b.csv", "rijen_gelezen": 2, "geaccepteerd": 0, "duplicaten": 1, "quarantaine": 1},
    ]
    q = chain.one("select bestand, rij, veld, reden from quarantaine")
    assert (q["rij"], q["veld"]) == (3, "signaal_id") and "999" not in q["reden"]
