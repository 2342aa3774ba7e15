"""Recurrence measures on hand-made histories of one address.

Each history is the sequence of feature rows the SQL would build for one
address, month by month; the expected decisions are worked out by hand.
"""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from pipeline.policy import load_policy, parse_policy, route
from pipeline.common.strict_yaml import read_strict_yaml
from policy_features import POLICY_DIR, frame, melding

STANDAARD_FILE = POLICY_DIR / "standaard.yaml"
MEASURES = (
    "niet_benaderen",
    "pauze_na_zonder_contact",
    "intensiveren",
    "recidive_brief",
    "bewind_overwegen_na",
    "andere_systemen_na",
    "zelfde_consulent",
    "meer_prioriteit_recidive",
)


def standaard_with(*on: str):
    """standaard.yaml with only the measures in `on` switched on."""
    data = copy.deepcopy(read_strict_yaml(STANDAARD_FILE))
    for name in MEASURES:
        data["maatregelen"][name]["aan"] = name in on
    return parse_policy(data, STANDAARD_FILE)


def month(n: int) -> dt.date:
    return dt.date(2024, n, 1)


# --------------------------------------------------------------------------- the full history
# One address; resident aged 45, e-mail known, no phone; arrears around € 300.
# Under standaard.yaml the rule 'email' would give mail every month.
#   jan  first melding; consulent Bas mails, no answer
#   feb  2nd in a row without contact (zonder_contact_op_rij 1)
#   mrt  3rd (zonder 2); now 3 meldingen in 12 months
#   apr  4th after three without contact -> paused (uitgesteld)
#   apr' alternative 4th with a match (two signals) -> not paused
#   mei  5th: the paused April melding had no attempts, so the row count is 0 again
#   jun  6th: in May Bas reached the resident
HISTORY = [
    dict(melding_id="jan", maand=month(1), is_opeenvolgend=False, meldingen_12m=1, eerdere_meldingen=0,
         zonder_contact_op_rij=0, eerder_contactpoging=False, eerder_bereikt=False, vorige_consulent=None),
    dict(melding_id="feb", maand=month(2), is_opeenvolgend=True, meldingen_12m=2, eerdere_meldingen=1,
         maanden_sinds_vorige=1, zonder_contact_op_rij=1, eerder_contactpoging=True, eerder_bereikt=False,
         vorige_consulent="Bas", vorige_soorten=["Mail"]),
    dict(melding_id="mrt", maand=month(3), is_opeenvolgend=True, meldingen_12m=3, eerdere_meldingen=2,
         maanden_sinds_vorige=1, zonder_contact_op_rij=2, eerder_contactpoging=True, eerder_bereikt=False,
         vorige_consulent="Bas", vorige_soorten=["Huisbezoek", "Kaartje"]),
    dict(melding_id="apr", maand=month(4), is_opeenvolgend=True, meldingen_12m=4, eerdere_meldingen=3,
         maanden_sinds_vorige=1, zonder_contact_op_rij=3, eerder_contactpoging=True, eerder_bereikt=False,
         vorige_consulent="Bas", vorige_soorten=["Huisbezoek"]),
    dict(melding_id="apr_match", maand=month(4), is_opeenvolgend=True, is_meervoudig=True, aantal_signalen=2,
         signaalpartner_types=["Zorg", "Huur"], meldingen_12m=4, eerdere_meldingen=3, maanden_sinds_vorige=1,
         zonder_contact_op_rij=3, eerder_contactpoging=True, eerder_bereikt=False, vorige_consulent="Bas",
         vorige_soorten=["Huisbezoek"]),
    dict(melding_id="mei", maand=month(5), is_opeenvolgend=True, meldingen_12m=5, eerdere_meldingen=4,
         maanden_sinds_vorige=1, zonder_contact_op_rij=0, eerder_contactpoging=True, eerder_bereikt=False,
         vorige_consulent="Bas", vorige_soorten=[]),
    dict(melding_id="jun", maand=month(6), is_opeenvolgend=True, meldingen_12m=6, eerdere_meldingen=5,
         maanden_sinds_vorige=1, zonder_contact_op_rij=0, eerder_contactpoging=True, eerder_bereikt=True,
         vorige_consulent="Bas", vorige_soorten=["Huisbezoek"]),
]
RESIDENT = dict(gemeentecode="0363", leeftijd=45, totaal_bedrag=300.0, email_bekend=True)

# melding -> aanpak, kanalen, brief_sjabloon, regel, uitgesteld, bewind, andere systemen, consulent, prioriteit
EXPECTED = {
    "jan": ("mail", ["mail"], None, "email", False, False, False, None, 3),
    "feb": ("huisbezoek", ["huisbezoek"], "recidive", "intensiveren", False, False, False, "Bas", 2),
    "mrt": ("huisbezoek", ["huisbezoek"], "recidive", "intensiveren", False, True, False, "Bas", 2),
    "apr": ("uitgesteld", [], None, "pauze_na_zonder_contact", True, True, True, "Bas", 2),
    # the match: rule 'huisbezoek' (prio 2, one step up for recidive -> 1)
    "apr_match": ("huisbezoek", ["huisbezoek", "telefoon", "sms_whatsapp"], "recidive", "huisbezoek",
                  False, True, True, "Bas", 1),
    "mei": ("huisbezoek", ["huisbezoek"], "recidive", "intensiveren", False, True, False, "Bas", 2),
    # contact in May: no recidive letter any more, the standard letter is not part of 'email'
    "jun": ("huisbezoek", ["huisbezoek"], None, "intensiveren", False, True, False, "Bas", 2),
}
COLUMNS = ("aanpak", "kanalen", "brief_sjabloon", "regel", "uitgesteld", "bewind_overwegen",
           "andere_systemen_raadplegen", "consulent", "prioriteit")


@pytest.fixture(scope="module")
def history_routed():
    rows = [melding(**{**RESIDENT, **step}) for step in HISTORY]
    return route(frame(rows), load_policy(STANDAARD_FILE))


@pytest.mark.parametrize("melding_id", list(EXPECTED))
def test_history_under_standaard(history_routed, melding_id):
    row = history_routed.filter(history_routed["melding_id"] == melding_id).row(0, named=True)
    assert tuple(row[c] for c in COLUMNS) == EXPECTED[melding_id]
    assert row["opgepakt"] is True


def test_pause_reason_and_match_exception(history_routed):
    reden = dict(zip(history_routed["melding_id"], history_routed["reden"]))
    assert "uitgesteld" in reden["apr"] and "zonder contact" in reden["apr"]
    assert "Regel 'E-mail' (email)" in reden["apr"]  # the rule that would have applied
    assert "uitgesteld" not in reden["apr_match"]
    assert "intensiveren" in reden["feb"] and "ongeacht de hoogte" in reden["feb"]
    assert "beschermingsbewind" in reden["mrt"]
    assert "andere systemen" in reden["apr"]


def test_same_history_with_measures_off_is_plain_routing():
    rows = [melding(**{**RESIDENT, **step}) for step in HISTORY]
    routed = route(frame(rows), standaard_with())
    assert set(routed["aanpak"]) == {"mail", "huisbezoek"}
    assert routed["regel"].to_list() == ["email", "email", "email", "email", "huisbezoek", "email", "email"]
    assert not routed["uitgesteld"].any()
    assert not routed["bewind_overwegen"].any()
    assert not routed["andere_systemen_raadplegen"].any()
    assert routed["consulent"].null_count() == len(rows)
    assert routed["prioriteit"].to_list() == [3, 3, 3, 3, 2, 3, 3]


# --------------------------------------------------------------------------- one measure at a time


def _route_one(policy, **features):
    return route(frame([melding(gemeentecode="0363", **features)]), policy).row(0, named=True)


REPEAT_NO_CONTACT = dict(is_opeenvolgend=True, eerdere_meldingen=3, meldingen_12m=4, zonder_contact_op_rij=3,
                         eerder_contactpoging=True, eerder_bereikt=False, vorige_consulent="Bas")


def test_niet_benaderen():
    on = _route_one(standaard_with("niet_benaderen"), niet_benaderen=True, totaal_bedrag=5000.0)
    assert (on["aanpak"], on["regel"], on["kanalen"], on["brief_sjabloon"]) == ("geen", "niet_benaderen", [], None)
    assert on["opgepakt"] is True and on["signaalstatus"] == "Opgepakt"
    assert "niet benaderen" in on["reden"]
    off = _route_one(standaard_with(), niet_benaderen=True, totaal_bedrag=5000.0)
    assert (off["aanpak"], off["regel"]) == ("huisbezoek", "huisbezoek")


def test_bekend_shv_is_always_on():
    leiden = load_policy(POLICY_DIR / "leiden.yaml")  # all measures off
    row = route(frame([melding(totaal_bedrag=700.0, telefoon_bekend=True, bekend_shv=True)]), leiden).row(0, named=True)
    assert (row["aanpak"], row["regel"], row["opgepakt"]) == ("geen", "bekend_shv", False)
    assert row["signaalstatus"] == "Inwoner al bekend bij schuldhulpverlening"
    assert "Regel 'Telefonisch' (telefonisch)" in row["reden"]
    assert "schuldhulpverlening" in row["reden"]


def test_bekend_shv_wins_over_niet_benaderen():
    row = _route_one(standaard_with("niet_benaderen"), niet_benaderen=True, bekend_shv=True)
    assert (row["regel"], row["opgepakt"]) == ("bekend_shv", False)


def test_not_picked_up_by_rule_stays_so():
    # Leiden's drempel decides before any measure; SHV status does not replace it.
    leiden = load_policy(POLICY_DIR / "leiden.yaml")
    row = route(frame([melding(totaal_bedrag=30.0, bekend_shv=True)]), leiden).row(0, named=True)
    assert (row["regel"], row["signaalstatus"]) == ("drempel", "Niet opgepakt: onterecht signaal")


def test_pauze_after_three_without_contact():
    policy = standaard_with("pauze_na_zonder_contact")
    # three earlier meldingen without contact -> the fourth is paused
    fourth = _route_one(policy, **REPEAT_NO_CONTACT)
    assert (fourth["aanpak"], fourth["uitgesteld"], fourth["kanalen"], fourth["brief_sjabloon"]) == (
        "uitgesteld", True, [], None)
    assert fourth["regel"] == "pauze_na_zonder_contact"
    # two without contact: not yet
    third = _route_one(policy, **{**REPEAT_NO_CONTACT, "zonder_contact_op_rij": 2})
    assert (third["aanpak"], third["uitgesteld"]) == ("brief", False)
    # "Behalve wanneer er een match ontstaat"
    match = _route_one(policy, **REPEAT_NO_CONTACT, is_meervoudig=True, aantal_signalen=2)
    assert (match["aanpak"], match["uitgesteld"], match["regel"]) == ("huisbezoek", False, "huisbezoek")
    # switched off
    off = _route_one(standaard_with(), **REPEAT_NO_CONTACT)
    assert off["aanpak"] == "brief"


def test_pauze_count_is_configurable():
    data = copy.deepcopy(read_strict_yaml(STANDAARD_FILE))
    data["maatregelen"]["pauze_na_zonder_contact"]["aantal"] = 2
    policy = parse_policy(data, "variant.yaml")
    row = _route_one(policy, **{**REPEAT_NO_CONTACT, "zonder_contact_op_rij": 2})
    assert row["aanpak"] == "uitgesteld"
    assert "al 2 of meer meldingen" in row["reden"]


def test_intensiveren():
    policy = standaard_with("intensiveren")
    repeat = dict(is_opeenvolgend=True, eerdere_meldingen=1, meldingen_12m=2, totaal_bedrag=60.0)
    # No phone known (with a phone, standaard's rule 'telefonisch' already applies;
    # the phone case is in the next test): personal contact means a home visit.
    mail = _route_one(policy, **repeat, email_bekend=True)
    assert (mail["aanpak"], mail["kanalen"], mail["regel"]) == ("huisbezoek", ["huisbezoek"], "intensiveren")
    letter = _route_one(policy, **repeat)
    assert (letter["aanpak"], letter["kanalen"]) == ("huisbezoek", ["huisbezoek"])
    assert letter["brief_sjabloon"] == "aanbod"  # the rule's letter still goes out
    first = _route_one(policy, totaal_bedrag=60.0, email_bekend=True)
    assert first["aanpak"] == "mail"  # not opeenvolgend
    off = _route_one(standaard_with(), **repeat, email_bekend=True)
    assert off["aanpak"] == "mail"


def test_intensiveren_with_phone_and_from_geen():
    # A policy whose rule gives mail even with a phone known, and an opgepakt 'geen' rule.
    data = copy.deepcopy(read_strict_yaml(STANDAARD_FILE))
    for name in MEASURES:
        data["maatregelen"][name]["aan"] = name == "intensiveren"
    data["regels"] = [
        {"id": "klein", "naam": "Kleine achterstand", "als": {"bedrag": {"onder": 100}}, "dan": {"aanpak": "geen"}},
        {"id": "mail", "naam": "Mail", "als": "altijd", "dan": {"aanpak": "mail"}},
    ]
    policy = parse_policy(data, "variant.yaml")
    repeat = dict(is_opeenvolgend=True, eerdere_meldingen=1, meldingen_12m=2, telefoon_bekend=True)
    row = _route_one(policy, **repeat, totaal_bedrag=300.0)
    assert (row["aanpak"], row["kanalen"]) == ("telefoon", ["telefoon", "sms_whatsapp", "huisbezoek"])
    small = _route_one(policy, **repeat, totaal_bedrag=30.0)
    assert (small["aanpak"], small["regel"]) == ("telefoon", "intensiveren")
    assert "Regel 'Kleine achterstand' (klein)" in small["reden"]
    first = _route_one(policy, totaal_bedrag=30.0, telefoon_bekend=True)
    assert (first["aanpak"], first["regel"]) == ("geen", "klein")


def test_intensiveren_leaves_personal_rules_alone():
    policy = standaard_with("intensiveren")
    row = _route_one(policy, is_opeenvolgend=True, eerdere_meldingen=1, telefoon_bekend=True)
    assert (row["aanpak"], row["regel"], row["kanalen"]) == ("telefoon", "telefonisch", ["telefoon", "sms_whatsapp"])


def test_recidive_brief():
    policy = standaard_with("recidive_brief")
    never = _route_one(policy, is_opeenvolgend=True, eerdere_meldingen=1, eerder_bereikt=False)
    assert never["brief_sjabloon"] == "recidive"
    assert "recidivebrief" in never["reden"]
    reached = _route_one(policy, is_opeenvolgend=True, eerdere_meldingen=1, eerder_bereikt=True)
    assert reached["brief_sjabloon"] == "aanbod"
    first = _route_one(policy)
    assert first["brief_sjabloon"] == "aanbod"
    # also a separate letter when the rule itself sends none (telefoon)
    phone = _route_one(policy, is_opeenvolgend=True, eerdere_meldingen=1, telefoon_bekend=True)
    assert (phone["aanpak"], phone["brief_sjabloon"]) == ("telefoon", "recidive")
    off = _route_one(standaard_with(), is_opeenvolgend=True, eerdere_meldingen=1)
    assert off["brief_sjabloon"] == "aanbod"


def test_bewind_overwegen():
    policy = standaard_with("bewind_overwegen_na")
    assert _route_one(policy, meldingen_12m=2, is_opeenvolgend=True)["bewind_overwegen"] is False
    three = _route_one(policy, meldingen_12m=3, is_opeenvolgend=True)
    assert three["bewind_overwegen"] is True
    assert "beschermingsbewind" in three["reden"]
    assert _route_one(standaard_with(), meldingen_12m=5)["bewind_overwegen"] is False


def test_andere_systemen():
    policy = standaard_with("andere_systemen_na")
    assert _route_one(policy, **REPEAT_NO_CONTACT)["andere_systemen_raadplegen"] is True
    assert _route_one(policy, **{**REPEAT_NO_CONTACT, "zonder_contact_op_rij": 2})["andere_systemen_raadplegen"] is False
    # not opeenvolgend (e.g. a gap longer than the window): no flag
    gap = {**REPEAT_NO_CONTACT, "is_opeenvolgend": False, "maanden_sinds_vorige": 9}
    assert _route_one(policy, **gap)["andere_systemen_raadplegen"] is False
    assert _route_one(standaard_with(), **REPEAT_NO_CONTACT)["andere_systemen_raadplegen"] is False


def test_zelfde_consulent():
    policy = standaard_with("zelfde_consulent")
    row = _route_one(policy, is_opeenvolgend=True, eerdere_meldingen=1, vorige_consulent="Bas")
    assert row["consulent"] == "Bas"
    assert "Bas" not in row["reden"]
    assert _route_one(policy, vorige_consulent=None)["consulent"] is None
    assert _route_one(standaard_with(), vorige_consulent="Bas")["consulent"] is None


def test_prioriteit():
    policy = standaard_with("meer_prioriteit_recidive")
    assert _route_one(policy)["prioriteit"] == 3
    assert _route_one(policy, is_opeenvolgend=True, eerdere_meldingen=1)["prioriteit"] == 2
    assert _route_one(policy, is_opeenvolgend=True, is_meervoudig=True)["prioriteit"] == 1  # rule prio 2, one step up
    assert _route_one(policy, is_crisis=True)["prioriteit"] == 1
    assert _route_one(standaard_with(), is_opeenvolgend=True)["prioriteit"] == 3
    # crisis always gets prioriteit 1, also when the rule is not about crisis (Leiden)
    leiden = load_policy(POLICY_DIR / "leiden.yaml")
    row = route(frame([melding(is_crisis=True, totaal_bedrag=300.0)]), leiden).row(0, named=True)
    assert (row["regel"], row["prioriteit"]) == ("brief", 1)
    assert "crisismelding, dus prioriteit 1" in row["reden"]
