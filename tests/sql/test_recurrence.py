"""The recurrence definitions of the backbone issue, on hand-made rows, at their edges.

Gemeente 0999 has no policy file of its own, so the default policy (drempel €50) applies.
"""

from tests.sql.chain import run_chain, signaal


def melding(chain, maand: str, postcode: str = "1234AB") -> dict:
    rows = chain.rows(
        f"""
        select m.* from meldingen m
        join int_meldingen i using (melding_id)
        where m.maand = date '{maand}-01' and i.adres like '{postcode}|%'
        """
    )
    assert len(rows) == 1, rows
    return rows[0]


def test_signal_exactly_six_months_back_counts_seven_does_not():
    chain = run_chain([
        signaal("2024-01-15", postcode="1111AA"),  # M-6 for the 2024-07 melding at 1111AA
        signaal("2024-07-03", postcode="1111AA"),
        signaal("2023-12-31", postcode="2222BB"),  # M-7 for the 2024-07 melding at 2222BB
        signaal("2024-07-03", postcode="2222BB"),
    ])
    assert melding(chain, "2024-07", "1111AA")["is_opeenvolgend"] is True
    assert melding(chain, "2024-07", "2222BB")["is_opeenvolgend"] is False
    assert melding(chain, "2024-07", "2222BB")["is_enkelvoudig"] is True


def test_earlier_signal_not_picked_up_still_counts_for_opeenvolgend():
    chain = run_chain([
        signaal("2024-03-10", bedrag=10.0),  # below the €50 drempel: not picked up, still received
        signaal("2024-05-10", bedrag=200.0),
    ])
    assert chain.one("select status from signalen where maand = date '2024-03-01'")["status"] == (
        "Niet opgepakt: onterecht signaal"
    )
    assert melding(chain, "2024-05")["is_opeenvolgend"] is True


def test_same_month_signal_does_not_make_opeenvolgend_but_meervoudig():
    chain = run_chain([
        signaal("2024-05-01", signaalpartner_type="Huur", signaalpartner_naam="Woonstichting"),
        signaal("2024-05-20"),
    ])
    m = melding(chain, "2024-05")
    assert (m["is_meervoudig"], m["is_opeenvolgend"], m["is_enkelvoudig"]) == (True, False, False)
    assert (m["aantal_signalen"], m["aantal_signaalpartners"]) == (2, 2)


def test_same_creditor_versus_another_vlp():
    chain = run_chain([
        signaal("2024-02-10", signaalpartner_naam=" zorgverzekeraar a "),  # same creditor: trim + case
        signaal("2024-03-10", postcode="3333CC", signaalpartner_type="Energie", signaalpartner_naam="Stroom BV"),
        signaal("2024-04-10"),
        signaal("2024-04-10", postcode="3333CC"),
    ])
    zelfde = melding(chain, "2024-04")
    assert (zelfde["opeenvolgend_zelfde_partner"], zelfde["opeenvolgend_andere_partner"]) == (True, False)
    andere = melding(chain, "2024-04", "3333CC")
    assert (andere["opeenvolgend_zelfde_partner"], andere["opeenvolgend_andere_partner"]) == (False, True)


def test_meldingen_12m_counts_m_minus_11_to_m():
    chain = run_chain([
        signaal("2023-01-05"),  # M-12 for 2024-01: outside
        signaal("2023-02-05"),  # M-11: inside
        signaal("2023-08-05"),
        signaal("2024-01-05"),
    ])
    assert melding(chain, "2024-01")["meldingen_12m"] == 3
    assert melding(chain, "2023-02")["meldingen_12m"] == 2


def test_unbroken_run_and_months_since_previous_and_trend():
    chain = run_chain([
        signaal("2024-01-05", bedrag=100.0),
        signaal("2024-02-05", bedrag=150.0),
        signaal("2024-03-05", bedrag=150.0),
        signaal("2024-05-05", bedrag=90.0),
        signaal("2024-06-05", bedrag=95.0),
    ])
    runs = {str(r["maand"])[:7]: r for r in chain.rows("select * from meldingen order by maand")}
    assert [runs[m]["aaneengesloten_maanden"] for m in sorted(runs)] == [1, 2, 3, 1, 2]
    assert [runs[m]["maanden_sinds_vorige"] for m in sorted(runs)] == [None, 1, 1, 2, 1]
    assert [runs[m]["bedrag_trend"] for m in sorted(runs)] == [None, "hoger", "gelijk", "lager", "hoger"]


def test_year_boundary_run():
    chain = run_chain([signaal("2023-11-30"), signaal("2023-12-01"), signaal("2024-01-31")])
    assert melding(chain, "2024-01")["aaneengesloten_maanden"] == 3
    assert melding(chain, "2024-01")["maanden_sinds_vorige"] == 1


def test_address_normalisation_groups_spelling_variants():
    chain = run_chain([
        signaal("2024-05-01", postcode="1234AB", huisnummer=7, huisnummertoevoeging="a"),
        signaal("2024-05-02", postcode="1234 ab", huisnummer=7, huisnummertoevoeging="-A",
                signaalpartner_type="Water", signaalpartner_naam="Water NV"),
        signaal("2024-05-03", postcode="1234AB", huisnummer=7, huisnummertoevoeging=None,
                signaalpartner_type="Huur", signaalpartner_naam="Verhuur BV"),
    ])
    meldingen = chain.rows("select aantal_signalen from meldingen order by aantal_signalen")
    assert [m["aantal_signalen"] for m in meldingen] == [1, 2]  # 7A twice, 7 without toevoeging once


def test_homes_differing_only_by_huisletter_or_toevoeging_stay_apart():
    """BAG: 12B, 12B-2 and 12-2 are three homes; 12B-2 written as letter B + toevoeging 2, as toevoeging
    'b-2' or as '-B2' is one home; 12A (huisletter) and 12-A (toevoeging A) are taken as one (README)."""
    variants = [  # (huisletter, toevoeging) -> the home it must land in
        ("B", None, "12B"), ("b", " ", "12B"),
        ("B", "2", "12B-2"), (None, "b-2", "12B-2"), (None, "-B2", "12B-2"), ("B", " 2", "12B-2"),
        (None, "2", "12-2"), (None, "- 2", "12-2"),
        ("A", None, "12A"), (None, "a", "12A"),
        (None, None, "12"),
    ]
    chain = run_chain([
        signaal("2024-05-10", postcode="1234AB", huisnummer=12, huisletter=letter, huisnummertoevoeging=toevoeging,
                signaalpartner_naam=f"Partner {i}")
        for i, (letter, toevoeging, _) in enumerate(variants)
    ])
    homes = {}
    for letter, toevoeging, home in variants:
        homes[home] = homes.get(home, 0) + 1
    rows = chain.rows("select adres, aantal_signalen from int_meldingen order by adres")
    assert {r["adres"]: r["aantal_signalen"] for r in rows} == {
        "1234AB|12|": homes["12"], "1234AB|12|2": homes["12-2"], "1234AB|12|A": homes["12A"],
        "1234AB|12|B": homes["12B"], "1234AB|12|B2": homes["12B-2"],
    }
    assert len({r["adres_sleutel"] for r in chain.rows("select adres_sleutel from meldingen")}) == 5


def test_keys_are_keyed_hashes_without_readable_values():
    chain = run_chain([signaal("2024-05-01", bsn="111222333", geboortedatum="1990-04-02")])
    m = chain.one("select adres_sleutel, inwoner_sleutel from meldingen")
    for value in m.values():
        assert len(value) == 64 and "1234" not in value and "111222333" not in value


def test_inwoner_sleutel_from_bsn_else_address_and_birth_date_else_null():
    chain = run_chain([
        signaal("2024-05-01", postcode="1111AA", bsn="111222333"),
        signaal("2024-05-01", postcode="2222AA", bsn="111222333"),  # same BSN elsewhere: same resident
        signaal("2024-05-01", postcode="3333AA", geboortedatum="1990-04-02"),
        signaal("2024-05-01", postcode="4444AA"),
    ])
    keys = {r["adres"][:6]: r["inwoner_sleutel"] for r in chain.rows("select adres, inwoner_sleutel from int_meldingen")}
    assert keys["1111AA"] == keys["2222AA"] is not None
    assert keys["3333AA"] is not None and keys["3333AA"] != keys["1111AA"]
    assert keys["4444AA"] is None


def test_melding_id_is_the_same_on_every_rebuild():
    rows = [signaal("2024-05-01"), signaal("2024-05-02", signaalpartner_type="Huur", signaalpartner_naam="H")]
    first = run_chain(rows).rows("select melding_id from meldingen")
    second = run_chain(rows).rows("select melding_id from meldingen")
    assert first == second and first[0]["melding_id"].startswith("0999-202405-")
