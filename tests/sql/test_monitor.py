"""The Divosa-style monitor (marts `monitor` and `monitor_verdeling`) on a hand-made dataset
whose figures were worked out by hand, through the whole chain.

Two gemeenten, both on the default policy (drempel EUR 50): 0999 Proefstad (10,000 inhabitants)
with contact attempts, 0888 Leegdorp (5,000) without any, and no signal in February. Four months,
2024-01..2024-04: the quarter 2024-K1 (3 months), the partial quarter 2024-K2 (1 month) and the
partial year 2024 (4 months). Every address has house number 1.

Gemeente 0999, signals (S) and the meldingen (M) they form:

  2024-01  S1  1111AA Zorg "Zorgverzekeraar A" 100, phone     -> MA1  enkelvoudig
           S2  2222BB Energie "E" 200, e-mail                   \
           S3  2222BB Water "W" 80                              -> MB1  meervoudig
           S4  3333CC Huur "H" 30 alone                         -> onterecht signaal (below 50)
           S12 8888HH Water "W" 100                             -> MH1  enkelvoudig
  2024-02  S5  1111AA Zorg "Zorgverzekeraar A" 120, phone     -> MA2  opeenvolgend, same creditor
           S6  4444DD Energie "E" 500 crisis                    -> MD2  enkelvoudig (eindelevering)
           S7  5555EE CAK Zorgverzekeringen "CAK" 100, ontstaan 2023-12-01 -> ME2 enkelvoudig
  2024-03  S8  1111AA Huur "H2" 100                           -> MA3  opeenvolgend, other creditor,
                                                                       meldingen in Jan/Feb/Mar: drie in jaar
           S9  5555EE CAK "CAK" 100, same ontstaansdatum        -> herhaalde melding (not higher)
           S10 6666FF Overige "O" 100, phone, in bekend_shv     -> Inwoner al bekend bij SHV
           S11 7777GG DUO "DUO" 100, e-mail                     -> MG3  enkelvoudig
           S13 4444DD Energie "E" 300 crisis                    -> MD3  opeenvolgend (S6), same creditor
  2024-04  S14 2222BB Zorg "Zorgverzekeraar A" 100            -> MB4  opeenvolgend (S2, S3), other
           S15 8888HH Energie "E" 400 crisis                    -> MH4  opeenvolgend (S12), other

Eindeleveringssignalen (crisis Energie): S6 (no earlier signal at 4444DD), S13 (only the crisis
S6 earlier: does not count, so "without earlier signal") and S15 (S12, a regular signal in
M-3: with earlier signal).

Gemeente 0888: 2024-01 T1 9111AA Zorg 100 phone (enkelvoudig), T2 9222BB Energie "E" 100
(enkelvoudig); 2024-02 nothing; 2024-03 T3 9111AA Zorg 100 (opeenvolgend, same creditor);
2024-04 T4 9333CC Water 40 alone (onterecht signaal).

Contact attempts (0999 only; reached = +):
  MA1: Brief -, Telefoon -                                     (2 attempts, not reached)
  MB1: Huisbezoek -, Huisbezoek -, Telefoon + result quick fix (3, reached, help)
  MH1: Brief -                                                 (1, not reached)
  MA2: Brief -, Telefoon -, Telefoon -, Huisbezoek + result "regelt het zelf" (4, reached)
  MD2: Telefoon + result "Vervolghulp en/of verwijzing financieel"   (1, reached, help)
  MA3: Mail - result "Definitief geen contact kunnen krijgen"        (1, not reached)
  MG3: Mail + result "regelt het zelf" on 12 March, SMS/Whatsapp - result "Vervolghulp en/of
       verwijzing" on 2 April: the later result is the melding's    (2, reached, help)
  MB4: Brief -, Telefoon -, Huisbezoek -, Telefoon - on 3 May (after the month: still counts) (4)
  F3 (the candidate known at SHV, not a melding): Telefoon + : must not count.
Previous melding without contact: MA2 (MA1 had attempts, none reached) and MH4 (MH1, three
months back); not MA3 (MA2 reached), MD3 (MD2 reached), MB4 (MB1 reached), T3 (T1 no attempts).

Aanpak (default policy: crisis and meervoudig -> huisbezoek, phone -> telefoon, e-mail -> mail,
else brief; opeenvolgend brief/mail -> huisbezoek without phone): MA1 telefoon, MB1 huisbezoek,
MH1 brief, MA2 telefoon, MD2 huisbezoek, ME2 brief, MA3 huisbezoek, MD3 huisbezoek, MG3 mail,
F3 geen (known at SHV), MB4 huisbezoek, MH4 huisbezoek; T1 telefoon, T2 brief, T3 huisbezoek.
"""

import datetime as dt

import pytest

from pipeline.warehouse.catalog import MODELS
from tests.sql.chain import new_chain, signaal

D = dt.date

GEMEENTEN = [
    {"partitie": None, "bestand": "referentie/gemeenten.csv", "rij": 2, "gemeentecode": "0999", "naam": "Proefstad", "jaar": 2024, "inwoners": 10000},
    {"partitie": None, "bestand": "referentie/gemeenten.csv", "rij": 3, "gemeentecode": "0888", "naam": "Leegdorp", "jaar": 2024, "inwoners": 5000},
]

ZORG = {"signaalpartner_type": "Zorg", "signaalpartner_naam": "Zorgverzekeraar A"}
ENERGIE = {"signaalpartner_type": "Energie", "signaalpartner_naam": "E"}
WATER = {"signaalpartner_type": "Water", "signaalpartner_naam": "W"}
CAK = {"signaalpartner_type": "CAK Zorgverzekeringen", "signaalpartner_naam": "CAK", "ontstaansdatum": D(2023, 12, 1)}
TEL = {"telefoonnummer": "0612345678"}
MAIL = {"email": "inwoner@voorbeeld.nl"}

QUICK_FIX = "(Budget)advies en/of quick fix"
ZELF = "Inwoner regelt het zelf/hoeft geen hulp vanuit vroegsignalering"
FINANCIEEL = "Vervolghulp en/of verwijzing financieel"
GEEN_CONTACT = "Definitief geen contact kunnen krijgen"
VERVOLGHULP = "Vervolghulp en/of verwijzing"


def signals():
    return [
        # 0999, January
        signaal("2024-01-05", postcode="1111AA", bedrag=100.0, **ZORG, **TEL),
        signaal("2024-01-06", postcode="2222BB", bedrag=200.0, **ENERGIE, **MAIL),
        signaal("2024-01-07", postcode="2222BB", bedrag=80.0, **WATER),
        signaal("2024-01-08", postcode="3333CC", bedrag=30.0, signaalpartner_type="Huur", signaalpartner_naam="H"),
        signaal("2024-01-09", postcode="8888HH", bedrag=100.0, **WATER),
        # 0999, February
        signaal("2024-02-05", postcode="1111AA", bedrag=120.0, **ZORG, **TEL),
        signaal("2024-02-06", postcode="4444DD", bedrag=500.0, crisissignaal=True, **ENERGIE),
        signaal("2024-02-07", postcode="5555EE", bedrag=100.0, **CAK),
        # 0999, March
        signaal("2024-03-05", postcode="1111AA", bedrag=100.0, signaalpartner_type="Huur", signaalpartner_naam="H2"),
        signaal("2024-03-06", postcode="5555EE", bedrag=100.0, **CAK),
        signaal("2024-03-07", postcode="6666FF", bedrag=100.0, signaalpartner_type="Overige", signaalpartner_naam="O", **TEL),
        signaal("2024-03-08", postcode="7777GG", bedrag=100.0, signaalpartner_type="DUO", signaalpartner_naam="DUO", **MAIL),
        signaal("2024-03-09", postcode="4444DD", bedrag=300.0, crisissignaal=True, **ENERGIE),
        # 0999, April
        signaal("2024-04-05", postcode="2222BB", bedrag=100.0, **ZORG),
        signaal("2024-04-06", postcode="8888HH", bedrag=400.0, crisissignaal=True, **ENERGIE),
        # 0888
        signaal("2024-01-10", gemeentecode="0888", postcode="9111AA", bedrag=100.0, **ZORG, **TEL),
        signaal("2024-01-11", gemeentecode="0888", postcode="9222BB", bedrag=100.0, **ENERGIE),
        signaal("2024-03-10", gemeentecode="0888", postcode="9111AA", bedrag=100.0, **ZORG),
        signaal("2024-04-10", gemeentecode="0888", postcode="9333CC", bedrag=40.0, **WATER),
    ]


def poging(melding_id, datum, soort, bereikt, resultaat=None, resultaatdatum=None):
    return {"partitie": datum.replace(day=1), "bestand": f"contactpogingen/{datum:%Y-%m}/zaak.csv", "rij": 0,
            "melding_id": melding_id, "contactdatum": datum, "soort": soort, "bereikt": bereikt,
            "medewerker": "Consulent X", "resultaat": resultaat, "resultaatdatum": resultaatdatum}


def attempts(m):
    rows = [
        poging(m["1111AA", "2024-01"], D(2024, 1, 15), "Brief", False),
        poging(m["1111AA", "2024-01"], D(2024, 1, 20), "Telefoon", False),
        poging(m["2222BB", "2024-01"], D(2024, 1, 10), "Huisbezoek", False),
        poging(m["2222BB", "2024-01"], D(2024, 1, 17), "Huisbezoek", False),
        poging(m["2222BB", "2024-01"], D(2024, 1, 24), "Telefoon", True, QUICK_FIX, D(2024, 1, 31)),
        poging(m["8888HH", "2024-01"], D(2024, 1, 25), "Brief", False),
        poging(m["1111AA", "2024-02"], D(2024, 2, 5), "Brief", False),
        poging(m["1111AA", "2024-02"], D(2024, 2, 10), "Telefoon", False),
        poging(m["1111AA", "2024-02"], D(2024, 2, 12), "Telefoon", False),
        poging(m["1111AA", "2024-02"], D(2024, 2, 20), "Huisbezoek", True, ZELF, D(2024, 2, 21)),
        poging(m["4444DD", "2024-02"], D(2024, 2, 15), "Telefoon", True, FINANCIEEL, D(2024, 2, 28)),
        poging(m["1111AA", "2024-03"], D(2024, 3, 5), "Mail", False, GEEN_CONTACT, D(2024, 3, 31)),
        poging(m["7777GG", "2024-03"], D(2024, 3, 10), "Mail", True, ZELF, D(2024, 3, 12)),
        poging(m["7777GG", "2024-03"], D(2024, 3, 20), "SMS/Whatsapp", False, VERVOLGHULP, D(2024, 4, 2)),
        poging(m["6666FF", "2024-03"], D(2024, 3, 15), "Telefoon", True, "Inwoner al bekend bij schuldhulpverlening", D(2024, 3, 15)),
        poging(m["2222BB", "2024-04"], D(2024, 4, 5), "Brief", False),
        poging(m["2222BB", "2024-04"], D(2024, 4, 10), "Telefoon", False),
        poging(m["2222BB", "2024-04"], D(2024, 4, 15), "Huisbezoek", False),
        poging(m["2222BB", "2024-04"], D(2024, 5, 3), "Telefoon", False),
    ]
    for i, row in enumerate(rows):
        row["rij"] = i + 2
    return rows


@pytest.fixture(scope="module")
def chain():
    chain = new_chain()
    chain.insert("raw_signalen", signals())
    chain.insert("raw_gemeenten", GEMEENTEN)
    chain.insert("raw_bekend_shv", [{"partitie": None, "bestand": "referentie/bekend_shv.csv", "rij": 2,
                                     "bsn": None, "postcode": "6666FF", "huisnummer": 1, "huisnummertoevoeging": None}])
    chain.build()
    kandidaten = chain.rows("select melding_id, maand, adres from int_melding_kandidaten")
    ids = {(r["adres"][:6], str(r["maand"])[:7]): r["melding_id"] for r in kandidaten}
    chain.insert("raw_contactpogingen", attempts(ids))
    chain.build()
    return chain


@pytest.fixture(scope="module")
def monitor(chain):
    return {(r["periode_soort"], r["periode_label"], r["gemeentecode"]): r for r in chain.rows("select * from monitor")}


@pytest.fixture(scope="module")
def verdeling(chain):
    return {
        (r["periode_label"], r["gemeentecode"], r["onderwerp"], r["categorie"]): r
        for r in chain.rows("select * from monitor_verdeling")
    }


def shares(row, **expected):
    """The row's aandeel_<name> for every name given, compared with the expected fractions."""
    return {name: row[f"aandeel_{name}"] for name in expected} == pytest.approx(expected)


# --------------------------------------------------------------------------- the grid


def test_rows_periods_labels_and_months(monitor):
    # 4 months + 2 quarters + 1 year, each for 0999, 0888, alle and gemiddelde_gemeenten
    assert len(monitor) == 7 * 4
    kinds = {(k[0], k[1]) for k in monitor}
    assert kinds == {("maand", "2024-01"), ("maand", "2024-02"), ("maand", "2024-03"), ("maand", "2024-04"),
                     ("kwartaal", "2024-K1"), ("kwartaal", "2024-K2"), ("jaar", "2024")}
    assert {k[2] for k in monitor} == {"0999", "0888", "alle", "gemiddelde_gemeenten"}
    assert monitor["kwartaal", "2024-K1", "0999"]["periode"] == D(2024, 1, 1)
    assert monitor["kwartaal", "2024-K2", "alle"]["periode"] == D(2024, 4, 1)
    assert monitor["maand", "2024-03", "0888"]["periode"] == D(2024, 3, 1)
    assert [monitor[k, label, "0999"]["maanden"] for k, label in
            (("maand", "2024-02"), ("kwartaal", "2024-K1"), ("kwartaal", "2024-K2"), ("jaar", "2024"))] == [1, 3, 1, 4]


def test_empty_month_for_a_gemeente(monitor):
    leeg = monitor["maand", "2024-02", "0888"]
    assert (leeg["inwoners"], leeg["aantal_signalen"], leeg["aantal_meldingen"]) == (5000, 0, 0)
    assert leeg["signalen_per_1000_inwoners_per_maand"] == 0
    assert leeg["aandeel_zorg"] is None and leeg["aandeel_opeenvolgend"] is None
    assert leeg["aandeel_bereikt"] is None and leeg["aandeel_signalen_met_telefoon"] is None
    # the mean over gemeenten in February is 0999's share alone (0888 has no denominator),
    # but the counts are averaged over both: (3 + 0) / 2 signals
    feb = monitor["maand", "2024-02", "gemiddelde_gemeenten"]
    assert feb["aandeel_zorg"] == pytest.approx(1 / 3)  # S5 of S5, S6, S7
    assert feb["aantal_signalen"] == pytest.approx(1.5)
    # rates: 0999 3 / 10 / 1 = 0.3, 0888 0 / 5 / 1 = 0: mean 0.15
    assert feb["signalen_per_1000_inwoners_per_maand"] == pytest.approx(0.15)


# --------------------------------------------------------------------------- signals


def test_signals_per_gemeente_in_the_first_quarter(monitor):
    q = monitor["kwartaal", "2024-K1", "0999"]
    # Jan 5 + Feb 3 + Mar 5 = 13 signals; 13 / (10,000 / 1000) / 3 months
    assert (q["inwoners"], q["aantal_signalen"]) == (10000, 13)
    assert q["signalen_per_1000_inwoners_per_maand"] == pytest.approx(13 / 10 / 3)
    # Zorg S1 S5; Energie S2 S6 S13; Water S3 S12; Huur S4 S8; CAK S7 S9; Overige S10; DUO S11
    assert shares(q, zorg=2 / 13, energie=3 / 13, water=2 / 13, huur=2 / 13, cak_zorgverzekeringen=2 / 13,
                  overige=1 / 13, overige_types=1 / 13)
    # eindeleveringssignalen S6 S13 of the Energie signals S2 S6 S13
    assert (q["aantal_eindelevering"], q["aantal_energie"]) == (2, 3)
    assert q["aandeel_crisis_van_energie"] == pytest.approx(2 / 3)
    # not picked up: S4 onterecht, S9 herhaald, S10 known at SHV; the other 10 are in a melding
    assert (q["aantal_opgepakt"], q["aantal_niet_opgepakt"]) == (10, 3)
    assert q["aandeel_opgepakt"] == pytest.approx(10 / 13)
    assert shares(q, niet_opgepakt_onterecht=1 / 3, niet_opgepakt_herhaald=1 / 3, niet_opgepakt_bekend_shv=1 / 3,
                  niet_opgepakt_andere_reden=0, niet_opgepakt_geen_inwoner=0, niet_opgepakt_overleden=0)
    # phone on S1 S5 S10 (any status), e-mail on S2 S11
    assert shares(q, signalen_met_telefoon=3 / 13, signalen_met_email=2 / 13)

    leeg = monitor["kwartaal", "2024-K1", "0888"]
    # T1 T2 T3: 3 / 5 / 3 months; all picked up, so no reasons
    assert leeg["signalen_per_1000_inwoners_per_maand"] == pytest.approx(3 / 5 / 3)
    assert shares(leeg, zorg=2 / 3, energie=1 / 3, opgepakt=1, crisis_van_energie=0, signalen_met_telefoon=1 / 3)
    assert leeg["aantal_niet_opgepakt"] == 0 and leeg["aandeel_niet_opgepakt_onterecht"] is None


def test_signals_pooled_and_mean_in_the_first_quarter(monitor):
    alle = monitor["kwartaal", "2024-K1", "alle"]
    gem = monitor["kwartaal", "2024-K1", "gemiddelde_gemeenten"]
    # pooled: 16 signals over 15,000 inhabitants and 3 months; mean: (13/30 + 3/15) / 2
    assert (alle["inwoners"], alle["aantal_signalen"]) == (15000, 16)
    assert alle["signalen_per_1000_inwoners_per_maand"] == pytest.approx(16 / 15 / 3)
    assert gem["signalen_per_1000_inwoners_per_maand"] == pytest.approx((13 / 30 + 3 / 15) / 2)
    assert gem["inwoners"] == pytest.approx(7500)
    assert gem["aantal_signalen"] == pytest.approx(8)
    # opgepakt: 13/16 pooled, (10/13 + 1) / 2 as Divosa reports it
    assert alle["aandeel_opgepakt"] == pytest.approx(13 / 16)
    assert gem["aandeel_opgepakt"] == pytest.approx((10 / 13 + 1) / 2)
    # crisis of energy: 2/4 pooled, (2/3 + 0) / 2 mean
    assert alle["aandeel_crisis_van_energie"] == pytest.approx(2 / 4)
    assert gem["aandeel_crisis_van_energie"] == pytest.approx(1 / 3)
    # reasons: only 0999 has signals not picked up, so pooled and mean agree
    assert shares(alle, niet_opgepakt_onterecht=1 / 3, niet_opgepakt_herhaald=1 / 3, niet_opgepakt_bekend_shv=1 / 3)
    assert shares(gem, niet_opgepakt_onterecht=1 / 3, niet_opgepakt_herhaald=1 / 3, niet_opgepakt_bekend_shv=1 / 3)


def test_not_picked_up_reasons_over_the_year_pooled_versus_mean(monitor):
    # 0999: S4 onterecht, S9 herhaald, S10 SHV; 0888: T4 onterecht (April)
    assert monitor["jaar", "2024", "0888"]["aandeel_niet_opgepakt_onterecht"] == 1
    assert monitor["jaar", "2024", "alle"]["aandeel_niet_opgepakt_onterecht"] == pytest.approx(2 / 4)
    assert monitor["jaar", "2024", "gemiddelde_gemeenten"]["aandeel_niet_opgepakt_onterecht"] == pytest.approx((1 / 3 + 1) / 2)
    assert monitor["jaar", "2024", "gemiddelde_gemeenten"]["aandeel_niet_opgepakt_herhaald"] == pytest.approx((1 / 3 + 0) / 2)


# --------------------------------------------------------------------------- meldingen


def test_meldingen_in_the_first_quarter(monitor):
    q = monitor["kwartaal", "2024-K1", "0999"]
    # MA1 MB1 MH1 | MA2 MD2 ME2 | MA3 MD3 MG3
    assert q["aantal_meldingen"] == 9
    assert q["meldingen_per_1000_inwoners_per_maand"] == pytest.approx(9 / 10 / 3)
    # enkelvoudig MA1 MH1 MD2 ME2 MG3; meervoudig MB1; opeenvolgend MA2 MA3 MD3 (same creditor
    # MA2 MD3, another MA3); three in a year MA3; phone MA1 MA2; e-mail MB1 MG3
    assert shares(q, enkelvoudig=5 / 9, meervoudig=1 / 9, opeenvolgend=3 / 9, drie_in_jaar=1 / 9,
                  opeenvolgend_zelfde_partner=2 / 9, opeenvolgend_andere_partner=1 / 9,
                  meldingen_met_telefoon=2 / 9, meldingen_met_email=2 / 9)
    leeg = monitor["kwartaal", "2024-K1", "0888"]
    # T1 T2 enkelvoudig, T3 opeenvolgend (same creditor); phone T1
    assert shares(leeg, enkelvoudig=2 / 3, meervoudig=0, opeenvolgend=1 / 3, drie_in_jaar=0,
                  opeenvolgend_zelfde_partner=1 / 3, opeenvolgend_andere_partner=0,
                  meldingen_met_telefoon=1 / 3, meldingen_met_email=0)
    assert leeg["meldingen_per_1000_inwoners_per_maand"] == pytest.approx(3 / 5 / 3)


def test_meldingen_pooled_and_mean_differ(monitor):
    alle = monitor["kwartaal", "2024-K1", "alle"]
    gem = monitor["kwartaal", "2024-K1", "gemiddelde_gemeenten"]
    assert alle["aantal_meldingen"] == 12
    assert alle["aandeel_enkelvoudig"] == pytest.approx(7 / 12)
    assert gem["aandeel_enkelvoudig"] == pytest.approx((5 / 9 + 2 / 3) / 2)
    assert alle["meldingen_per_1000_inwoners_per_maand"] == pytest.approx(12 / 15 / 3)
    assert gem["meldingen_per_1000_inwoners_per_maand"] == pytest.approx((9 / 30 + 3 / 15) / 2)
    assert gem["aantal_meldingen"] == pytest.approx(6)


def test_month_and_year_rows(monitor):
    jan = monitor["maand", "2024-01", "0999"]
    # S1 S2 S3 S4 S12; MA1 MB1 MH1
    assert (jan["aantal_signalen"], jan["aantal_meldingen"]) == (5, 3)
    assert jan["signalen_per_1000_inwoners_per_maand"] == pytest.approx(0.5)
    assert shares(jan, water=2 / 5, energie=1 / 5, crisis_van_energie=0, meervoudig=1 / 3, enkelvoudig=2 / 3)
    jaar = monitor["jaar", "2024", "0999"]
    # 15 signals over 4 months; 11 meldingen; opeenvolgend MA2 MA3 MD3 MB4 MH4
    assert (jaar["aantal_signalen"], jaar["aantal_meldingen"], jaar["maanden"]) == (15, 11, 4)
    assert jaar["signalen_per_1000_inwoners_per_maand"] == pytest.approx(15 / 10 / 4)
    assert jaar["aandeel_opeenvolgend"] == pytest.approx(5 / 11)
    assert jaar["aandeel_opeenvolgend_andere_partner"] == pytest.approx(3 / 11)  # MA3 MB4 MH4


# --------------------------------------------------------------------------- contact


def test_contact_in_the_first_quarter(monitor):
    q = monitor["kwartaal", "2024-K1", "0999"]
    # with an attempt: MA1 MB1 MH1 MA2 MD2 MA3 MG3 (7 of 9); reached MB1 MA2 MD2 MG3
    assert shares(q, met_contactpoging=7 / 9, bereikt=4 / 9)
    # 1-2 attempts: MA1(2) MH1(1) MD2(1) MA3(1) MG3(2), reached MD2 MG3; 3: MB1 reached; 4: MA2 reached
    assert (q["aantal_met_1_2_pogingen"], q["aantal_met_3_pogingen"], q["aantal_met_4_of_meer_pogingen"]) == (5, 1, 1)
    assert shares(q, bereikt_bij_1_2_pogingen=2 / 5, bereikt_bij_3_pogingen=1, bereikt_bij_4_of_meer_pogingen=1)
    # help accepted: MB1 (quick fix), MD2 (financieel), MG3 (its last result, on 2 April); all reached
    assert shares(q, hulp_van_bereikt=3 / 4, hulp_van_meldingen=3 / 9)
    # the attempt on the candidate known at SHV is not counted
    assert q["aantal_bereikt"] == 4

    leeg = monitor["kwartaal", "2024-K1", "0888"]
    assert shares(leeg, met_contactpoging=0, bereikt=0, hulp_van_meldingen=0)
    assert leeg["aandeel_bereikt_bij_1_2_pogingen"] is None and leeg["aandeel_hulp_van_bereikt"] is None

    alle = monitor["kwartaal", "2024-K1", "alle"]
    gem = monitor["kwartaal", "2024-K1", "gemiddelde_gemeenten"]
    assert shares(alle, met_contactpoging=7 / 12, bereikt=4 / 12, hulp_van_meldingen=3 / 12,
                  hulp_van_bereikt=3 / 4, bereikt_bij_1_2_pogingen=2 / 5)
    # the mean: reached (4/9 + 0) / 2; per attempt bucket and of reached only 0999 has a denominator
    assert shares(gem, met_contactpoging=7 / 18, bereikt=2 / 9, hulp_van_meldingen=1 / 6,
                  hulp_van_bereikt=3 / 4, bereikt_bij_1_2_pogingen=2 / 5)


def test_reach_by_number_of_attempts_2_3_4(monitor):
    # April: MB4 has 4 attempts (one on 3 May, after the month: counts), none reached
    apr = monitor["kwartaal", "2024-K2", "0999"]
    assert (apr["aantal_met_4_of_meer_pogingen"], apr["aantal_bereikt_bij_4_of_meer_pogingen"]) == (1, 0)
    assert apr["aandeel_bereikt_bij_4_of_meer_pogingen"] == 0
    assert apr["aandeel_bereikt_bij_1_2_pogingen"] is None
    assert shares(apr, met_contactpoging=1 / 2, bereikt=0, hulp_van_meldingen=0)
    assert apr["aandeel_hulp_van_bereikt"] is None
    # the year: 4+ attempts MA2 (reached) and MB4 (not): 1/2; 3 attempts MB1: 1; 2 attempts
    # MA1 (not) and MG3 (reached) with the 1-attempt meldingen MH1 MD2 MA3: 2/5
    jaar = monitor["jaar", "2024", "0999"]
    assert shares(jaar, bereikt_bij_1_2_pogingen=2 / 5, bereikt_bij_3_pogingen=1, bereikt_bij_4_of_meer_pogingen=1 / 2)
    assert shares(jaar, met_contactpoging=8 / 11, bereikt=4 / 11, hulp_van_meldingen=3 / 11, hulp_van_bereikt=3 / 4)


# --------------------------------------------------------------------------- bottlenecks


def test_eindelevering_without_earlier_signal(monitor):
    # K1: S6 and S13 both without an earlier regular signal (S13 only has the crisis S6 before it)
    assert monitor["kwartaal", "2024-K1", "0999"]["aandeel_eindelevering_zonder_eerder_signaal"] == 1
    # K2: S15 had S12 (Water, M-3)
    k2 = monitor["kwartaal", "2024-K2", "0999"]
    assert (k2["aantal_eindelevering"], k2["aantal_eindelevering_zonder_eerder_signaal"]) == (1, 0)
    assert k2["aandeel_eindelevering_zonder_eerder_signaal"] == 0
    assert monitor["jaar", "2024", "0999"]["aandeel_eindelevering_zonder_eerder_signaal"] == pytest.approx(2 / 3)
    assert monitor["kwartaal", "2024-K1", "0888"]["aandeel_eindelevering_zonder_eerder_signaal"] is None
    assert monitor["kwartaal", "2024-K1", "gemiddelde_gemeenten"]["aandeel_eindelevering_zonder_eerder_signaal"] == 1


def test_opeenvolgend_with_previous_melding_without_contact(monitor):
    # K1: opeenvolgend MA2 (previous MA1: 2 attempts, none reached) MA3 (MA2 reached) MD3 (MD2 reached)
    q = monitor["kwartaal", "2024-K1", "0999"]
    assert (q["aantal_opeenvolgend_vorige_zonder_contact"], q["aantal_opeenvolgend"]) == (1, 3)
    assert q["aandeel_opeenvolgend_vorige_zonder_contact"] == pytest.approx(1 / 3)
    # 0888: T3's previous melding T1 had no attempts at all: not "without contact"
    assert monitor["kwartaal", "2024-K1", "0888"]["aandeel_opeenvolgend_vorige_zonder_contact"] == 0
    assert monitor["kwartaal", "2024-K1", "alle"]["aandeel_opeenvolgend_vorige_zonder_contact"] == pytest.approx(1 / 4)
    assert monitor["kwartaal", "2024-K1", "gemiddelde_gemeenten"]["aandeel_opeenvolgend_vorige_zonder_contact"] == pytest.approx(1 / 6)
    # April: MH4 (previous MH1 three months back: 1 attempt, not reached) yes, MB4 (MB1 reached) no
    assert monitor["maand", "2024-04", "0999"]["aandeel_opeenvolgend_vorige_zonder_contact"] == pytest.approx(1 / 2)
    assert monitor["maand", "2024-02", "0999"]["aandeel_opeenvolgend_vorige_zonder_contact"] == 1


# --------------------------------------------------------------------------- distributions


def test_verdeling_rows(verdeling):
    # per period and gemeente: 5 run lengths, 5 results, 5 aanpakken, 5 soorten twice, and per
    # signaalpartner type (7 occur) phone and e-mail
    per_cel = {}
    for (label, gemeente, onderwerp, _), _row in verdeling.items():
        per_cel.setdefault((label, gemeente), {}).setdefault(onderwerp, 0)
        per_cel[label, gemeente][onderwerp] += 1
    assert per_cel["2024-K1", "0888"] == {"aaneengesloten_maanden": 5, "resultaat": 5, "aanpak": 5,
                                          "contactsoort_poging": 5, "contactsoort_bereik": 5,
                                          "telefoon_per_signaalpartner": 7, "email_per_signaalpartner": 7}
    assert len(per_cel) == 7 * 4
    # the result of the attempt on the candidate known at SHV is no melding's result
    assert not any(k[3] == "Inwoner al bekend bij schuldhulpverlening" for k in verdeling)


def test_verdeling_aaneengesloten_maanden(verdeling):
    def row(gemeente, categorie):
        r = verdeling["2024-K1", gemeente, "aaneengesloten_maanden", categorie]
        return r["aantal"], r["noemer"], r["aandeel"]
    # 0999: run 1 MA1 MB1 MH1 MD2 ME2 MG3, run 2 MA2 MD3, run 3 MA3
    assert row("0999", "1") == (6, 9, pytest.approx(6 / 9))
    assert row("0999", "2") == (2, 9, pytest.approx(2 / 9))
    assert row("0999", "3") == (1, 9, pytest.approx(1 / 9))
    assert row("0999", "4-5") == (0, 9, 0) and row("0999", "6+") == (0, 9, 0)
    assert row("0888", "1") == (3, 3, 1)
    assert row("alle", "1") == (9, 12, pytest.approx(9 / 12))
    # mean of the shares (6/9 + 3/3) / 2, mean counts
    assert row("gemiddelde_gemeenten", "1") == (pytest.approx(4.5), pytest.approx(6), pytest.approx((6 / 9 + 1) / 2))


def test_verdeling_resultaat(verdeling):
    results = {"(Budget)advies en/of quick fix", "Inwoner regelt het zelf/hoeft geen hulp vanuit vroegsignalering",
               "Vervolghulp en/of verwijzing financieel", "Definitief geen contact kunnen krijgen",
               "Vervolghulp en/of verwijzing"}
    assert {k[3] for k in verdeling if k[:3] == ("2024-K1", "0999", "resultaat")} == results
    for categorie in results:
        # MB1 MA2 MD2 MA3 MG3 each have one (MG3: the later of its two results)
        r = verdeling["2024-K1", "0999", "resultaat", categorie]
        assert (r["aantal"], r["noemer"], r["aandeel"]) == (1, 5, pytest.approx(1 / 5))
        leeg = verdeling["2024-K1", "0888", "resultaat", categorie]
        assert (leeg["aantal"], leeg["noemer"], leeg["aandeel"]) == (0, 0, None)
        gem = verdeling["2024-K1", "gemiddelde_gemeenten", "resultaat", categorie]
        assert (gem["aantal"], gem["noemer"], gem["aandeel"]) == pytest.approx((0.5, 2.5, 1 / 5))
    # "regelt het zelf" was MG3's first result, MA2's last: in March only MG3 counts, with its later result
    maart = verdeling["2024-03", "0999", "resultaat", "Vervolghulp en/of verwijzing"]
    assert (maart["aantal"], maart["noemer"]) == (1, 2)  # MA3, MG3


def test_verdeling_aanpak(verdeling):
    def k1(gemeente):
        return {k[3]: (r["aantal"], r["noemer"]) for k, r in verdeling.items() if k[:3] == ("2024-K1", gemeente, "aanpak")}
    # 0999: telefoon MA1 MA2, huisbezoek MB1 MD2 MA3 MD3, brief MH1 ME2, mail MG3, geen F3 (known at SHV)
    assert k1("0999") == {"telefoon": (2, 10), "huisbezoek": (4, 10), "brief": (2, 10), "mail": (1, 10), "geen": (1, 10)}
    # 0888: T1 telefoon, T2 brief, T3 huisbezoek (opeenvolgend, no phone)
    assert k1("0888") == {"telefoon": (1, 3), "huisbezoek": (1, 3), "brief": (1, 3), "mail": (0, 3), "geen": (0, 3)}
    assert verdeling["2024-K1", "alle", "aanpak", "huisbezoek"]["aandeel"] == pytest.approx(5 / 13)
    assert verdeling["2024-K1", "gemiddelde_gemeenten", "aanpak", "huisbezoek"]["aandeel"] == pytest.approx((4 / 10 + 1 / 3) / 2)


def test_verdeling_contactsoorten(verdeling):
    def k1(gemeente, onderwerp):
        return {k[3]: (r["aantal"], r["noemer"]) for k, r in verdeling.items() if k[:3] == ("2024-K1", gemeente, onderwerp)}
    # tried: Brief MA1 MH1 MA2; Telefoon MA1 MB1 MA2 MD2; Huisbezoek MB1 MA2; Mail MA3 MG3; SMS MG3 (of 9)
    assert k1("0999", "contactsoort_poging") == {"Brief": (3, 9), "Telefoon": (4, 9), "Huisbezoek": (2, 9),
                                                 "Mail": (2, 9), "SMS/Whatsapp": (1, 9)}
    # reached among those: Brief MA2; Telefoon MB1 MA2 MD2; Huisbezoek MB1 MA2; Mail MG3; SMS MG3
    assert k1("0999", "contactsoort_bereik") == {"Brief": (1, 3), "Telefoon": (3, 4), "Huisbezoek": (2, 2),
                                                 "Mail": (1, 2), "SMS/Whatsapp": (1, 1)}
    assert k1("0888", "contactsoort_poging")["Telefoon"] == (0, 3)
    assert verdeling["2024-K1", "0888", "contactsoort_bereik", "Telefoon"]["aandeel"] is None
    assert verdeling["2024-K1", "gemiddelde_gemeenten", "contactsoort_poging", "Telefoon"]["aandeel"] == pytest.approx((4 / 9 + 0) / 2)
    assert verdeling["2024-K1", "gemiddelde_gemeenten", "contactsoort_bereik", "Telefoon"]["aandeel"] == pytest.approx(3 / 4)
    assert verdeling["2024-K1", "alle", "contactsoort_bereik", "Telefoon"]["aandeel"] == pytest.approx(3 / 4)


def test_verdeling_phone_and_email_per_signaalpartner(verdeling):
    def k1(gemeente, onderwerp):
        return {k[3]: (r["aantal"], r["noemer"]) for k, r in verdeling.items() if k[:3] == ("2024-K1", gemeente, onderwerp)}
    # phone: Zorg S1 S5 of S1 S5, Overige S10 of S10; e-mail: Energie S2 of S2 S6 S13, DUO S11
    assert k1("0999", "telefoon_per_signaalpartner") == {
        "Zorg": (2, 2), "Energie": (0, 3), "Water": (0, 2), "Huur": (0, 2), "CAK Zorgverzekeringen": (0, 2),
        "Overige": (1, 1), "DUO": (0, 1)}
    assert k1("0999", "email_per_signaalpartner")["Energie"] == (1, 3)
    assert k1("0999", "email_per_signaalpartner")["DUO"] == (1, 1)
    # 0888: T1 with phone of T1 T3
    assert k1("0888", "telefoon_per_signaalpartner")["Zorg"] == (1, 2)
    assert verdeling["2024-K1", "0888", "telefoon_per_signaalpartner", "Huur"]["aandeel"] is None
    assert verdeling["2024-K1", "alle", "telefoon_per_signaalpartner", "Zorg"]["aandeel"] == pytest.approx(3 / 4)
    assert verdeling["2024-K1", "gemiddelde_gemeenten", "telefoon_per_signaalpartner", "Zorg"]["aandeel"] == pytest.approx((1 + 1 / 2) / 2)
    # Huur: 0999 0/2, 0888 no Huur signals: the mean is 0999's alone
    assert verdeling["2024-K1", "gemiddelde_gemeenten", "telefoon_per_signaalpartner", "Huur"]["aandeel"] == 0


def test_counts_add_up_over_periods_and_gemeenten(chain):
    # a quarter is the sum of its months, 'alle' the sum of the gemeenten, for every count
    bad = chain.rows("""
        with m as (select * from monitor where gemeentecode in ('0999', '0888')),
        per_kwartaal as (
            select 'kwartaal' as periode_soort, cast(date_trunc('quarter', periode) as date) as periode, gemeentecode,
                sum(columns('^aantal_'))
            from m where periode_soort = 'maand' group by all
        )
        select * from per_kwartaal
        except
        select periode_soort, periode, gemeentecode, columns('^aantal_') from m where periode_soort = 'kwartaal'
    """)
    assert bad == []
    alle = chain.rows("""
        select periode_soort, periode, sum(columns('^aantal_')) from monitor where gemeentecode in ('0999', '0888') group by all
        except
        select periode_soort, periode, columns('^aantal_') from monitor where gemeentecode = 'alle'
    """)
    assert alle == []


def test_count_model_recomputed_from_a_month_equals_the_full_build(chain):
    # int_monitor_aantallen is incremental by month: built with vanaf = M it gives exactly the
    # full build's rows of the months >= M, while its windows still read earlier months (April:
    # S15's earlier signal S12 in January; MH4's previous melding MH1 in January, without contact)
    model = MODELS["int_monitor_aantallen"]
    assert "-- incrementeel: maand" in model.sql.split("\nwith ")[0]
    sorted_rows = "select * replace (list_sort(verdeling) as verdeling) from {}"
    try:
        for vanaf in (D(2024, 2, 1), D(2024, 4, 1), D(2024, 5, 1)):
            chain.con.execute("set variable vanaf = ?", [vanaf])
            chain.con.execute(f"create or replace temp table deel as {model.sql}")
            if vanaf == D(2024, 4, 1):
                april = chain.one("select * from deel where gemeentecode = '0999'")
                assert (april["aantal_eindelevering"], april["aantal_eindelevering_zonder_eerder_signaal"]) == (1, 0)
                assert april["aantal_opeenvolgend_vorige_zonder_contact"] == 1
            full = f"({sorted_rows.format('int_monitor_aantallen')} where maand >= '{vanaf}')"
            part = sorted_rows.format("deel")
            assert chain.rows(f"select count(*) as n from ({part} except all {full})") == [{"n": 0}]
            assert chain.rows(f"select count(*) as n from ({full} except all {part})") == [{"n": 0}]
            assert chain.one("select count(*) as n from deel")["n"] == chain.one(
                f"select count(*) as n from int_monitor_aantallen where maand >= '{vanaf}'")["n"]
    finally:
        chain.con.execute("set variable vanaf = date '0001-01-01'")
