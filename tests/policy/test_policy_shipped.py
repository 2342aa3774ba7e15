"""The shipped policies reproduce the seed tables, row by row and at every boundary.

Expected outcomes are worked out by hand from the seed (dia 6 Leiden, dia 7 Oost
Gelre) and from standaard.yaml. Ages are at the end of the signal month; amounts
are the melding's totaal_bedrag.
"""

from __future__ import annotations

import pytest

from pipeline.policy import OUTPUT_SCHEMA, load_policies, load_policy, route
from policy_features import POLICY_DIR, frame, melding

ONTERECHT = "Niet opgepakt: onterecht signaal"

# ----------------------------------------------------------------------------- Leiden
# leeftijd, bedrag, meervoudig, telefoon, email -> aanpak, regel
# (leeftijd None = no birth date known)
LEIDEN = [
    # -- one melding per row of the table
    (22, 600.00, False, False, False, "huisbezoek", "jongeren_huisbezoek"),  # jongere, > 500
    (22, 30.00, True, False, False, "huisbezoek", "jongeren_huisbezoek"),  # jongere, match
    (40, 30.00, False, False, False, "geen", "drempel"),  # < 50, geen match
    (40, 1500.00, False, False, False, "huisbezoek", "huisbezoek"),  # > 1000
    (40, 30.00, True, False, False, "huisbezoek", "huisbezoek"),  # match onder de drempel
    (40, 700.00, False, True, False, "telefoon", "telefonisch"),  # 500-1000, telefoon
    (40, 300.00, False, False, True, "mail", "email"),  # 20-1000, e-mail
    (40, 300.00, False, False, False, "brief", "brief"),  # 20-1000
    # -- amounts around the boundaries, adult (drempel 50)
    (40, 0.00, False, False, False, "geen", "drempel"),
    (40, 19.99, False, False, False, "geen", "drempel"),
    (40, 20.00, False, False, False, "geen", "drempel"),
    (40, 20.01, False, False, False, "geen", "drempel"),
    (40, 49.99, False, False, False, "geen", "drempel"),
    (40, 50.00, False, False, False, "brief", "brief"),
    (40, 50.01, False, False, False, "brief", "brief"),
    (40, 50.00, False, False, True, "mail", "email"),
    (40, 200.00, False, True, False, "brief", "brief"),  # telefoon pas vanaf 500
    (40, 499.99, False, True, False, "brief", "brief"),
    (40, 499.99, False, True, True, "mail", "email"),
    (40, 500.00, False, True, False, "telefoon", "telefonisch"),
    (40, 500.00, False, False, False, "brief", "brief"),
    (40, 500.01, False, False, False, "brief", "brief"),  # > 500 alleen voor jongeren
    (40, 1000.00, False, True, True, "telefoon", "telefonisch"),
    (40, 1000.00, False, False, True, "mail", "email"),
    (40, 1000.00, False, False, False, "brief", "brief"),
    (40, 1000.01, False, True, True, "huisbezoek", "huisbezoek"),
    (40, 999.99, False, False, False, "brief", "brief"),
    (40, 49.99, True, False, False, "huisbezoek", "huisbezoek"),
    # -- young people (18 tot 27): threshold € 20 instead of € 50
    (18, 19.99, False, False, False, "geen", "drempel"),
    (18, 20.00, False, False, False, "brief", "brief"),
    (26, 20.00, False, False, False, "brief", "brief"),
    (22, 49.99, False, False, True, "mail", "email"),
    (22, 50.00, False, False, False, "brief", "brief"),
    (26, 500.00, False, False, False, "brief", "brief"),  # niet > 500
    (26, 500.00, False, True, False, "telefoon", "telefonisch"),
    (18, 500.01, False, False, False, "huisbezoek", "jongeren_huisbezoek"),
    (26, 1000.01, False, False, False, "huisbezoek", "jongeren_huisbezoek"),
    (22, 5.00, True, False, False, "huisbezoek", "jongeren_huisbezoek"),
    # -- ages at the edges of 18 tot 27
    (17, 30.00, False, False, False, "geen", "drempel"),
    (17, 600.00, False, False, False, "brief", "brief"),
    (17, 30.00, True, False, False, "huisbezoek", "huisbezoek"),
    (27, 30.00, False, False, False, "geen", "drempel"),
    (27, 600.00, False, False, False, "brief", "brief"),
    (27, 600.00, True, False, False, "huisbezoek", "huisbezoek"),
    # -- unknown age: never young, so the adult threshold applies
    (None, 30.00, False, False, False, "geen", "drempel"),
    (None, 600.00, False, False, False, "brief", "brief"),
    (None, 600.00, True, False, False, "huisbezoek", "huisbezoek"),
    (None, 1000.01, False, False, False, "huisbezoek", "huisbezoek"),
]


def _leiden_rows():
    return [
        melding(
            melding_id=f"leiden-{i}",
            gemeentecode="0546",
            leeftijd=age,
            totaal_bedrag=amount,
            is_meervoudig=meervoudig,
            aantal_signalen=2 if meervoudig else 1,
            telefoon_bekend=tel,
            email_bekend=mail,
        )
        for i, (age, amount, meervoudig, tel, mail, *_rest) in enumerate(LEIDEN)
    ]


@pytest.fixture(scope="module")
def leiden_routed():
    return route(frame(_leiden_rows()), load_policy(POLICY_DIR / "leiden.yaml"))


@pytest.mark.parametrize("index", range(len(LEIDEN)))
def test_leiden_table(leiden_routed, index):
    age, amount, meervoudig, tel, mail, aanpak, regel = LEIDEN[index]
    row = leiden_routed.row(index, named=True)
    assert (row["aanpak"], row["regel"]) == (aanpak, regel), LEIDEN[index]
    if regel == "drempel":
        assert row["signaalstatus"] == ONTERECHT
        assert row["opgepakt"] is False
        assert row["kanalen"] == []
    else:
        assert row["signaalstatus"] == "Opgepakt"
        assert row["opgepakt"] is True
        assert row["kanalen"] == [aanpak]
    assert row["brief_sjabloon"] == ("aanbod" if aanpak == "brief" else None)
    assert row["prioriteit"] == 3
    # Leiden ships every recurrence measure off.
    assert row["bewind_overwegen"] is False
    assert row["andere_systemen_raadplegen"] is False
    assert row["consulent"] is None
    assert row["uitgesteld"] is False


def test_leiden_output_contract(leiden_routed):
    assert leiden_routed.schema == OUTPUT_SCHEMA
    assert leiden_routed["melding_id"].to_list() == [f"leiden-{i}" for i in range(len(LEIDEN))]


# ----------------------------------------------------------------------------- Oost Gelre
PERSOONLIJK = ["telefoon", "sms_whatsapp", "huisbezoek"]
# leeftijd, bedrag, minderjarige kinderen, opeenvolgend -> regel
# (personal rules: telefoon + contact letter; overig: brief aanbod_info)
OOST_GELRE = [
    # -- one melding per row of the table
    (22, 5.00, 0, False, "jongeren"),
    (40, 5.00, 2, False, "minderjarige_kinderen"),
    (40, 5.00, 0, True, "recidive"),
    (40, 600.00, 0, False, "overig_persoonlijk"),
    (40, 150.00, 0, False, "overig"),
    # -- ages
    (17, 5.00, 0, False, "overig"),
    (18, 5.00, 0, False, "jongeren"),
    (26, 0.50, 0, False, "jongeren"),
    (27, 5.00, 0, False, "overig"),
    (27, 5000.00, 0, False, "overig_persoonlijk"),
    (None, 5.00, 0, False, "overig"),
    (None, 5.00, 1, False, "minderjarige_kinderen"),
    (17, 5.00, 1, False, "minderjarige_kinderen"),
    # -- household unknown: no children rule
    (40, 5.00, None, False, "overig"),
    # -- order: first matching rule wins
    (22, 5000.00, 3, True, "jongeren"),
    (40, 5000.00, 3, True, "minderjarige_kinderen"),
    (40, 5000.00, 0, True, "recidive"),
    # -- amounts around € 200 (and the other bands, which do not matter here)
    (40, 0.00, 0, False, "overig"),
    (40, 19.99, 0, False, "overig"),
    (40, 20.00, 0, False, "overig"),
    (40, 49.99, 0, False, "overig"),
    (40, 50.00, 0, False, "overig"),
    (40, 199.99, 0, False, "overig"),
    (40, 200.00, 0, False, "overig"),
    (40, 200.01, 0, False, "overig_persoonlijk"),
    (40, 500.00, 0, False, "overig_persoonlijk"),
    (40, 1000.00, 0, False, "overig_persoonlijk"),
    (40, 1000.01, 0, False, "overig_persoonlijk"),
]


@pytest.fixture(scope="module")
def oost_gelre_routed():
    rows = [
        melding(
            melding_id=f"og-{i}",
            gemeentecode="1586",
            leeftijd=age,
            totaal_bedrag=amount,
            minderjarige_kinderen=kids,
            is_opeenvolgend=opeenvolgend,
            eerdere_meldingen=1 if opeenvolgend else 0,
            meldingen_12m=2 if opeenvolgend else 1,
        )
        for i, (age, amount, kids, opeenvolgend, _regel) in enumerate(OOST_GELRE)
    ]
    return route(frame(rows), load_policy(POLICY_DIR / "oost_gelre.yaml"))


@pytest.mark.parametrize("index", range(len(OOST_GELRE)))
def test_oost_gelre_table(oost_gelre_routed, index):
    regel = OOST_GELRE[index][-1]
    row = oost_gelre_routed.row(index, named=True)
    assert row["regel"] == regel, OOST_GELRE[index]
    assert row["opgepakt"] is True  # no threshold in Oost Gelre
    if regel == "overig":
        assert row["aanpak"] == "brief"
        assert row["kanalen"] == ["brief"]
        assert row["brief_sjabloon"] == "aanbod_info"
    else:
        assert row["aanpak"] == "telefoon"
        assert row["kanalen"] == PERSOONLIJK
        assert row["brief_sjabloon"] == "aanbod_contactverzoek"
    # "Iedereen krijgt brief"
    assert row["brief_sjabloon"] is not None


# ----------------------------------------------------------------------------- Standaard
# crisis, meervoudig, bedrag, telefoon, email -> aanpak, regel, prioriteit
STANDAARD = [
    (True, False, 60.00, True, True, "huisbezoek", "crisis", 1),
    (False, True, 60.00, True, True, "huisbezoek", "huisbezoek", 2),
    (False, False, 1000.01, True, True, "huisbezoek", "huisbezoek", 2),
    (False, False, 1000.00, True, True, "telefoon", "telefonisch", 3),
    (False, False, 1000.00, False, True, "mail", "email", 3),
    (False, False, 1000.00, False, False, "brief", "brief", 3),
    (False, False, 60.00, False, False, "brief", "brief", 3),
]


def test_standaard_table():
    policies = load_policies(POLICY_DIR)
    rows = [
        melding(
            melding_id=f"std-{i}",
            gemeentecode="0363",  # Amsterdam has no file: standaard
            is_crisis=crisis,
            is_meervoudig=meervoudig,
            totaal_bedrag=amount,
            telefoon_bekend=tel,
            email_bekend=mail,
        )
        for i, (crisis, meervoudig, amount, tel, mail, *_rest) in enumerate(STANDAARD)
    ]
    routed = route(frame(rows), policies)
    got = list(zip(routed["aanpak"], routed["regel"], routed["prioriteit"]))
    assert got == [tuple(r[5:]) for r in STANDAARD]
    assert routed["brief_sjabloon"].to_list() == ["aanbod", "aanbod", "aanbod", None, None, "aanbod", "aanbod"]


def test_policy_set_routes_each_gemeente_to_its_file():
    policies = load_policies(POLICY_DIR)
    # The same melding (adult, € 30, no contact data) in three gemeenten.
    rows = [
        melding(melding_id="a", gemeentecode="0546", totaal_bedrag=30.0),
        melding(melding_id="b", gemeentecode="1586", totaal_bedrag=30.0),
        melding(melding_id="c", gemeentecode="0363", totaal_bedrag=30.0),
        melding(melding_id="d", gemeentecode=None, totaal_bedrag=30.0),
        melding(melding_id="e", gemeentecode="0546", totaal_bedrag=300.0),
    ]
    routed = route(frame(rows), policies)
    assert routed["melding_id"].to_list() == ["a", "b", "c", "d", "e"]
    assert routed["regel"].to_list() == ["drempel", "overig", "brief", "brief", "brief"]
    assert routed["brief_sjabloon"].to_list() == [None, "aanbod_info", "aanbod", "aanbod", "aanbod"]
