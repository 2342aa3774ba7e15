"""Which result is a melding's result, and help accepted, on four meldingen of gemeente 0999 in
March 2024 (one signal each, addresses 1111AA..4444DD):

  1111AA  Brief on 1 March and Telefoon on 5 March, both resultaatdatum 10 March:
          "Inwoner regelt het zelf..." (1 March) and "(Budget)advies en/of quick fix" (5 March)
          -> the same result date: the later contact date wins: quick fix (help), reached on 5 March
  2222BB  two attempts on 3 March, both resultaatdatum 4 March: "Vervolghulp en/of verwijzing"
          and "Inwoner heeft al een ander lopend traject" -> a full tie: the alphabetically last,
          "Vervolghulp en/of verwijzing" (help); reached
  3333CC  Mail on 20 March with result "Geen reactie na eerder contact" and no resultaatdatum
          (its contact date counts), Telefoon on 10 March with "Vervolghulp en/of verwijzing
          financieel" on 15 March -> 20 March is later: "Geen reactie..." (no help); reached on 10 March
  4444DD  Huisbezoek on 12 March, not reached, "Verwijzing zonder tussenkomst inwoner" -> help,
          but not reached

Help of the meldingen 3/4 (1111AA, 2222BB, 4444DD); help of the reached ones 2/3 (1111AA and
2222BB of 1111AA, 2222BB, 3333CC): the referral without the resident is help but no reach.
"""

import datetime as dt

import pytest

from tests.sql.chain import new_chain, signaal

D = dt.date


def poging(melding_id, datum, soort, bereikt, resultaat, resultaatdatum, rij):
    return {"partitie": D(2024, 3, 1), "bestand": "contactpogingen/2024-03/zaak.csv", "rij": rij,
            "melding_id": melding_id, "contactdatum": datum, "soort": soort, "bereikt": bereikt,
            "resultaat": resultaat, "resultaatdatum": resultaatdatum}


@pytest.fixture(scope="module")
def chain():
    chain = new_chain()
    chain.insert("raw_signalen", [signaal("2024-03-01", postcode=p) for p in ("1111AA", "2222BB", "3333CC", "4444DD")])
    chain.build()
    m = {r["adres"][:6]: r["melding_id"] for r in chain.rows("select melding_id, adres from int_melding_kandidaten")}
    chain.insert("raw_contactpogingen", [
        poging(m["1111AA"], D(2024, 3, 1), "Brief", False,
               "Inwoner regelt het zelf/hoeft geen hulp vanuit vroegsignalering", D(2024, 3, 10), 2),
        poging(m["1111AA"], D(2024, 3, 5), "Telefoon", True, "(Budget)advies en/of quick fix", D(2024, 3, 10), 3),
        poging(m["2222BB"], D(2024, 3, 3), "Telefoon", True, "Vervolghulp en/of verwijzing", D(2024, 3, 4), 4),
        poging(m["2222BB"], D(2024, 3, 3), "Huisbezoek", True, "Inwoner heeft al een ander lopend traject", D(2024, 3, 4), 5),
        poging(m["3333CC"], D(2024, 3, 20), "Mail", False, "Geen reactie na eerder contact", None, 6),
        poging(m["3333CC"], D(2024, 3, 10), "Telefoon", True, "Vervolghulp en/of verwijzing financieel", D(2024, 3, 15), 7),
        poging(m["4444DD"], D(2024, 3, 12), "Huisbezoek", False, "Verwijzing zonder tussenkomst inwoner", D(2024, 3, 12), 8),
    ])
    chain.build()
    return chain


def test_the_last_result_of_each_melding(chain):
    rows = chain.rows("""
        select categorie, aantal, noemer from monitor_verdeling
        where periode_label = '2024-03' and gemeentecode = '0999' and onderwerp = 'resultaat' order by categorie
    """)
    # every result that is some melding's last result, each 1 of the 4 meldingen with a result
    assert [(r["categorie"], r["aantal"], r["noemer"]) for r in rows] == [
        ("(Budget)advies en/of quick fix", 1, 4),
        ("Geen reactie na eerder contact", 1, 4),
        ("Vervolghulp en/of verwijzing", 1, 4),
        ("Verwijzing zonder tussenkomst inwoner", 1, 4),
    ]


def test_help_of_the_meldingen_and_of_the_reached(chain):
    m = chain.one("select * from monitor where periode_label = '2024-03' and gemeentecode = '0999'")
    assert (m["aantal_meldingen"], m["aantal_bereikt"], m["aantal_hulp"], m["aantal_bereikt_met_hulp"]) == (4, 3, 3, 2)
    assert m["aandeel_hulp_van_meldingen"] == pytest.approx(3 / 4)
    assert m["aandeel_hulp_van_bereikt"] == pytest.approx(2 / 3)
    # 1-2 attempts on every melding; reached 3 of 4
    assert (m["aantal_met_1_2_pogingen"], m["aandeel_bereikt_bij_1_2_pogingen"]) == (4, pytest.approx(3 / 4))
