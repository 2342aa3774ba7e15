"""Contact history and the recurrence measures through the whole chain, on a hand-made
history of four months (gemeente 0999: the default policy, every measure on, numbers 3)."""

import datetime as dt

import pytest

from tests.sql.chain import new_chain, signaal

D = dt.date


def poging(melding_id, datum, soort, bereikt, medewerker="Consulent Y", **extra):
    return {"partitie": datum.replace(day=1), "bestand": f"contactpogingen/{datum:%Y-%m}/zaak.csv",
            "rij": 2, "melding_id": melding_id, "contactdatum": datum, "soort": soort,
            "bereikt": bereikt, "medewerker": medewerker, **extra}


def signals():
    rows = []
    for month in ("2024-01", "2024-02", "2024-03", "2024-04"):
        rows.append(signaal(f"{month}-05", postcode="1111AA", telefoonnummer="0600000000"))
        rows.append(signaal(f"{month}-05", postcode="2222BB", telefoonnummer="0600000000"))
    rows.append(signaal("2024-04-06", postcode="2222BB", signaalpartner_type="Huur", signaalpartner_naam="H"))
    rows.append(signaal("2024-01-05", postcode="3333CC"))
    rows.append(signaal("2024-02-05", postcode="3333CC"))
    return rows


def ids(chain):
    rows = chain.rows("select melding_id, maand, adres from int_melding_kandidaten")
    return {(r["adres"][:6], str(r["maand"])[:7]): r["melding_id"] for r in rows}


@pytest.fixture(scope="module")
def chain():
    chain = new_chain()
    chain.insert("raw_signalen", signals())
    chain.build()
    m = ids(chain)
    attempts = []
    for adres in ("1111AA", "2222BB"):
        attempts += [
            poging(m[(adres, "2024-01")], D(2024, 1, 20), "Brief", False, "Consulent X"),
            poging(m[(adres, "2024-02")], D(2024, 2, 15), "Telefoon", False, "Consulent X"),
            poging(m[(adres, "2024-03")], D(2024, 3, 10), "Huisbezoek", False, "Consulent Y"),
            # dated after April: must not count for April's decision
            poging(m[(adres, "2024-03")], D(2024, 5, 2), "Telefoon", True, "Consulent Z"),
        ]
    attempts.append(poging(m[("3333CC", "2024-01")], D(2024, 1, 22), "Telefoon", True, "Consulent X",
                           resultaat="(Budget)advies en/of quick fix", resultaatdatum=D(2024, 1, 30)))
    for i, row in enumerate(attempts):
        row["rij"] = i + 2
    chain.insert("raw_contactpogingen", attempts)
    chain.build()
    chain.ids = m
    return chain


def aanpak(chain, adres, maand):
    return chain.one(f"select * from aanpaklijst where melding_id = '{chain.ids[(adres, maand)]}'")


def historie(chain, adres, maand):
    return chain.one(f"select * from int_melding_historie where melding_id = '{chain.ids[(adres, maand)]}'")


def test_zonder_contact_op_rij_counts_back_only_attempts_dated_before_month_end(chain):
    assert [historie(chain, "1111AA", m)["zonder_contact_op_rij"] for m in ("2024-01", "2024-02", "2024-03", "2024-04")] == [0, 1, 2, 3]
    april = historie(chain, "1111AA", "2024-04")
    assert (april["eerder_contactpoging"], april["eerder_bereikt"]) == (True, False)
    assert april["vorige_soorten"] == ["Huisbezoek"] and april["vorige_consulent"] == "Consulent Y"


def test_fourth_melding_without_contact_is_paused_and_flags_set(chain):
    april = aanpak(chain, "1111AA", "2024-04")
    assert (april["aanpak"], april["uitgesteld"], april["regel"]) == ("uitgesteld", True, "pauze_na_zonder_contact")
    assert april["andere_systemen_raadplegen"] is True
    assert april["bewind_overwegen"] is True  # meldingen_12m = 4 >= 3
    assert april["consulent"] == "Consulent Y"  # zelfde_consulent: who last tried


def test_a_meervoudige_fourth_melding_is_not_paused(chain):
    april = aanpak(chain, "2222BB", "2024-04")
    assert april["uitgesteld"] is False and april["aanpak"] == "huisbezoek"
    assert april["andere_systemen_raadplegen"] is True


def test_third_melding_is_not_yet_paused_but_gets_the_recidive_letter_and_personal_contact(chain):
    march = aanpak(chain, "1111AA", "2024-03")
    assert march["uitgesteld"] is False
    assert march["brief_sjabloon"] == "recidive"
    assert march["aanpak"] in ("telefoon", "huisbezoek")
    assert march["bewind_overwegen"] is True and march["andere_systemen_raadplegen"] is False


def test_earlier_contact_and_last_result_are_known(chain):
    h = historie(chain, "3333CC", "2024-02")
    assert (h["eerder_bereikt"], h["zonder_contact_op_rij"]) == (True, 0)
    assert h["vorig_resultaat"] == "(Budget)advies en/of quick fix"
    assert aanpak(chain, "3333CC", "2024-02")["brief_sjabloon"] != "recidive"


def test_unknown_melding_id_in_contact_export_is_quarantined(chain):
    chain.insert("raw_contactpogingen", [poging("0999-209901-000000000000", D(2024, 4, 1), "Brief", False)])
    chain.build()
    q = chain.rows("select veld, reden from quarantaine where soort = 'contactpogingen'")
    assert q == [{"veld": "melding_id", "reden": "melding_id: onbekende melding"}]


def test_rerun_with_later_months_and_attempts_leaves_earlier_aanpaklijst_unchanged():
    chain = new_chain()
    chain.insert("raw_signalen", signals())
    chain.build()
    m = ids(chain)
    chain.insert("raw_contactpogingen", [poging(m[("1111AA", "2024-01")], D(2024, 1, 20), "Brief", False)])
    chain.build()
    before = chain.rows("select * from aanpaklijst order by melding_id")
    # later: a May signal at the same address, and attempts dated in May on earlier meldingen
    chain.insert("raw_signalen", [signaal("2024-05-05", postcode="1111AA"), signaal("2024-05-07", postcode="4444DD")])
    chain.insert("raw_contactpogingen", [
        {**poging(m[("1111AA", "2024-04")], D(2024, 5, 3), "Telefoon", True, "Consulent Q"), "rij": 3},
        {**poging(m[("2222BB", "2024-02")], D(2024, 5, 9), "Huisbezoek", True, "Consulent Q"), "rij": 4},
    ])
    chain.build()
    after = chain.rows("select * from aanpaklijst where maand < date '2024-05-01' order by melding_id")
    assert after == before
    assert chain.rows("select count(*) as n from aanpaklijst where maand = date '2024-05-01'") == [{"n": 2}]
