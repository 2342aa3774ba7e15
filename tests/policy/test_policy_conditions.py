"""Each condition on hand-made rows: bounds, unknown values, `of`, `niet`, `alle`."""

from __future__ import annotations

import pytest

from pipeline.policy import parse_policy, route
from policy_features import frame, melding


def matches(als, rows: list[dict]) -> list[bool]:
    """Whether a one-rule policy with conditions `als` matches each row."""
    policy = parse_policy(
        {
            "naam": "Test",
            "gemeentecodes": ["9999"],
            "drempelbedrag": None,
            "regels": [{"id": "test", "naam": "Test", "als": als, "dan": {"aanpak": "huisbezoek"}}],
        },
        "test.yaml",
    )
    routed = route(frame([melding(melding_id=f"r{i}", **row) for i, row in enumerate(rows)]), policy)
    return [regel == "test" for regel in routed["regel"]]


CASES = [
    # (conditions, feature rows, expected match per row) -- worked out by hand
    ({"leeftijd": {"van": 18, "tot": 27}},
     [dict(leeftijd=a) for a in (17, 18, 26, 27, None)], [False, True, True, False, False]),
    ({"leeftijd": {"van": 67}},
     [dict(leeftijd=a) for a in (66, 67, 90, None)], [False, True, True, False]),
    ({"bedrag": {"min": 20, "max": 1000}},
     [dict(totaal_bedrag=b) for b in (19.99, 20.0, 1000.0, 1000.01, None)], [False, True, True, False, False]),
    ({"bedrag": {"boven": 200, "onder": 500}},
     [dict(totaal_bedrag=b) for b in (200.0, 200.01, 499.99, 500.0)], [False, True, True, False]),
    ({"meervoudig": False},
     [dict(is_meervoudig=v) for v in (False, True, None)], [True, False, False]),
    ({"crisis": True}, [dict(is_crisis=v) for v in (True, False, None)], [True, False, False]),
    ({"signaalpartner_types": ["Huur", "Energie"]},
     [dict(signaalpartner_types=t) for t in (["Zorg", "Huur"], ["Energie"], ["Zorg"], [], None)],
     [True, True, False, False, False]),
    ({"minderjarige_kinderen": True},
     [dict(minderjarige_kinderen=k) for k in (0, 1, 3, None)], [False, True, True, False]),
    ({"minderjarige_kinderen": False},
     [dict(minderjarige_kinderen=k) for k in (0, 1, None)], [True, False, False]),
    ({"telefoon_bekend": True, "email_bekend": False},
     [dict(telefoon_bekend=t, email_bekend=e) for t, e in ((True, False), (True, True), (False, False))],
     [True, False, False]),
    ({"opeenvolgend": True}, [dict(is_opeenvolgend=v) for v in (True, False)], [True, False]),
    ({"meldingen_12m": {"min": 3}}, [dict(meldingen_12m=n) for n in (2, 3, 12)], [False, True, True]),
    ({"eerder_bereikt": False}, [dict(eerder_bereikt=v) for v in (False, True, None)], [True, False, False]),
    ({"eerder_contactpoging": True},
     [dict(eerder_contactpoging=v) for v in (True, False)], [True, False]),
    ({"zonder_contact_op_rij": {"min": 1, "max": 2}},
     [dict(zonder_contact_op_rij=n) for n in (0, 1, 2, 3)], [False, True, True, False]),
    ({"maanden_sinds_vorige": {"max": 2}},
     [dict(maanden_sinds_vorige=n) for n in (1, 2, 3, None)], [True, True, False, False]),
    ({"opeenvolgend_zelfde_partner": True},
     [dict(opeenvolgend_zelfde_partner=v) for v in (True, False)], [True, False]),
    ({"opeenvolgend_andere_partner": True},
     [dict(opeenvolgend_andere_partner=v) for v in (True, False)], [True, False]),
    ({"bedrag_trend": "hoger"},
     [dict(bedrag_trend=t) for t in ("hoger", "lager", "gelijk", None)], [True, False, False, False]),
    ({"bedrag_trend": ["hoger", "gelijk"]},
     [dict(bedrag_trend=t) for t in ("hoger", "lager", "gelijk")], [True, False, True]),
    ({"eerdere_meldingen": {"min": 1}}, [dict(eerdere_meldingen=n) for n in (0, 1, 7)], [False, True, True]),
    ({"vorig_resultaat": ["Definitief geen contact kunnen krijgen", "Geen reactie na eerder contact"]},
     [dict(vorig_resultaat=r) for r in ("Geen reactie na eerder contact", "(Budget)advies en/of quick fix", None)],
     [True, False, False]),
    ({"vorige_soorten": ["Huisbezoek"]},
     [dict(vorige_soorten=s) for s in (["Brief", "Huisbezoek"], ["Brief"], [], None)], [True, False, False, False]),
    # combinations
    ({"of": [{"meervoudig": True}, {"bedrag": {"boven": 500}}]},
     [dict(is_meervoudig=m, totaal_bedrag=b) for m, b in ((True, 10.0), (False, 600.0), (False, 500.0))],
     [True, True, False]),
    ({"any_of": [{"crisis": True}], "bedrag": {"min": 100}},
     [dict(is_crisis=c, totaal_bedrag=b) for c, b in ((True, 100.0), (True, 99.0), (False, 500.0))],
     [True, False, False]),
    ({"niet": {"leeftijd": {"van": 18, "tot": 27}}},
     [dict(leeftijd=a) for a in (20, 30, None)], [False, True, True]),  # unknown age: not young
    ({"niet": {"leeftijd": {"van": 18, "tot": 27}, "bedrag": {"min": 20}}},
     [dict(leeftijd=a, totaal_bedrag=b) for a, b in ((20, 25.0), (20, 15.0), (30, 25.0))], [False, True, True]),
    ({"alle": [{"of": [{"crisis": True}, {"meervoudig": True}]}, {"of": [{"telefoon_bekend": True}, {"email_bekend": True}]}]},
     [dict(is_crisis=True, email_bekend=True), dict(is_meervoudig=True), dict(telefoon_bekend=True)],
     [True, False, False]),
    ("altijd", [dict(), dict(leeftijd=None, totaal_bedrag=None)], [True, True]),
]


@pytest.mark.parametrize("als, rows, expected", CASES, ids=[str(c[0])[:60] for c in CASES])
def test_condition(als, rows, expected):
    assert matches(als, rows) == expected


def test_reden_names_the_branch_that_matched():
    policy = parse_policy(
        {
            "naam": "Test",
            "gemeentecodes": ["9999"],
            "drempelbedrag": None,
            "regels": [{
                "id": "test", "naam": "Test",
                "als": {"of": [{"meervoudig": True}, {"bedrag": {"boven": 500}}], "vorige_soorten": ["Brief"]},
                "dan": {"aanpak": "huisbezoek"},
            }],
        },
        "test.yaml",
    )
    rows = [
        melding(melding_id="a", is_meervoudig=True, totaal_bedrag=10.0, vorige_soorten=["Brief"]),
        melding(melding_id="b", is_meervoudig=False, totaal_bedrag=600.0, vorige_soorten=["Brief"]),
        melding(melding_id="c", is_meervoudig=True, totaal_bedrag=600.0, vorige_soorten=["Brief"]),
    ]
    reden = route(frame(rows), policy)["reden"].to_list()
    assert reden[0] == ("Regel 'Test' (test): meervoudige melding (match in dezelfde maand) en "
                        "bij de vorige melding geprobeerd: 'Brief', dus huisbezoek.")
    assert "achterstand boven € 500" in reden[1] and "meervoudige" not in reden[1]
    assert "meervoudige melding (match in dezelfde maand) en achterstand boven € 500" in reden[2]
