"""Broken policy files: every error names the file, the rule and the problem."""

from __future__ import annotations

import pickle
import textwrap
from pathlib import Path

import pytest

from pipeline.policy import PolicyError, load_policies, load_policy
from policy_features import POLICY_DIR

VALID = """\
naam: Testgemeente
gemeentecodes: ["9999"]
drempelbedrag: null
brief_sjablonen:
  aanbod: Brief met het aanbod
regels:
  - id: drempel
    naam: Drempel
    als:
      bedrag: {onder: 50}
    dan:
      aanpak: geen
      signaalstatus: "Niet opgepakt: onterecht signaal"
  - id: telefonisch
    naam: Telefonisch
    als:
      bedrag: {min: 500, max: 1000}
      telefoon_bekend: true
    dan:
      aanpak: telefoon
  - id: brief
    naam: Brief
    als: altijd
    dan:
      aanpak: brief
      brief_sjabloon: aanbod
"""


def write(tmp_path: Path, text: str, name: str = "test.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_valid_template_loads(tmp_path):
    policy = load_policy(write(tmp_path, VALID))
    assert [r.id for r in policy.rules] == ["drempel", "telefonisch", "brief"]
    assert policy.windows == {"opeenvolgend_maanden": 6, "jaar_maanden": 12}
    assert policy.retentie == {}
    assert policy.drempelbedrag is None


# (description, replace this, with this, expected rule id, words the problem must contain)
BROKEN = [
    ("unknown top-level key", "drempelbedrag: null", "drempelbedrag: null\nregles: []", None,
     ["onbekende sleutel 'regles'", "regels"]),
    ("unknown condition", "telefoon_bekend: true", "telefoon_bekent: true", "telefonisch",
     ["onbekende voorwaarde 'telefoon_bekent'", "telefoon_bekend"]),
    ("unknown key in a rule", "    naam: Brief\n", "    naam: Brief\n    toelichting: x\n", "brief",
     ["onbekende sleutel 'toelichting'"]),
    ("unknown aanpak", "aanpak: telefoon", "aanpak: bellen", "telefonisch",
     ["dan.aanpak", "onbekende aanpak 'bellen'"]),
    ("unknown sjabloon", "brief_sjabloon: aanbod", "brief_sjabloon: aanbodd", "brief",
     ["dan.brief_sjabloon", "onbekend sjabloon 'aanbodd'", "aanbod"]),
    ("letter without sjabloon", "      brief_sjabloon: aanbod\n", "", "brief",
     ["dan.brief_sjabloon", "ontbreekt"]),
    ("duplicate rule id", "id: brief", "id: telefonisch", "telefonisch",
     ["komt al eerder voor"]),
    ("reserved rule id", "id: brief", "id: intensiveren", "intensiveren",
     ["gereserveerd"]),
    ("amount is text", "bedrag: {min: 500, max: 1000}", "bedrag: {min: vijfhonderd, max: 1000}", "telefonisch",
     ["als.bedrag.min", "verwacht een getal", "vijfhonderd"]),
    ("flag is text", "telefoon_bekend: true", "telefoon_bekend: ja", "telefonisch",
     ["als.telefoon_bekend", "verwacht true of false"]),
    ("min greater than max", "bedrag: {min: 500, max: 1000}", "bedrag: {min: 1000, max: 500}", "telefonisch",
     ["als.bedrag", "min (1000) is groter dan max (500)"]),
    ("empty age range", "telefoon_bekend: true", "telefoon_bekend: true\n      leeftijd: {van: 27, tot: 27}",
     "telefonisch", ["als.leeftijd", "van (27) is gelijk aan tot (27)"]),
    ("fractional age", "telefoon_bekend: true", "telefoon_bekend: true\n      leeftijd: {van: 17.5}",
     "telefonisch", ["als.leeftijd.van", "geheel getal"]),
    ("min and boven together", "bedrag: {min: 500, max: 1000}", "bedrag: {min: 500, boven: 400}", "telefonisch",
     ["'min'", "'boven'", "niet allebei"]),
    ("unknown range key", "bedrag: {min: 500, max: 1000}", "bedrag: {vanaf: 500}", "telefonisch",
     ["onbekende sleutel 'vanaf'"]),
    ("unknown signal type", "telefoon_bekend: true", "signaalpartner_types: [zorg]", "telefonisch",
     ["als.signaalpartner_types", "onbekende waarde 'zorg'", "Bedoelt u 'Zorg'?"]),
    ("unknown trend", "telefoon_bekend: true", "bedrag_trend: stijgend", "telefonisch",
     ["als.bedrag_trend", "onbekende waarde 'stijgend'", "hoger; lager; gelijk"]),
    ("unknown DDAS result", "telefoon_bekend: true", "vorig_resultaat: [Geen contact]", "telefonisch",
     ["als.vorig_resultaat", "onbekende waarde 'Geen contact'", "Definitief geen contact kunnen krijgen"]),
    ("empty of", "telefoon_bekend: true", "of: []", "telefonisch", ["als.of", "lijst"]),
    ("not picked up but approached", "      aanpak: geen\n", "      aanpak: brief\n      brief_sjabloon: aanbod\n",
     "drempel", ["signaalstatus", "aanpak 'geen'"]),
    ("unknown signaalstatus", "Niet opgepakt: onterecht signaal", "Niet opgepakt: te laag", "drempel",
     ["onbekende signaalstatus"]),
    ("first channel is not the aanpak", "      aanpak: telefoon\n",
     "      aanpak: telefoon\n      kanalen: [sms_whatsapp, telefoon]\n", "telefonisch",
     ["dan.kanalen", "eerste kanaal", "'telefoon'"]),
    ("prioriteit zero", "      aanpak: telefoon\n", "      aanpak: telefoon\n      prioriteit: 0\n", "telefonisch",
     ["dan.prioriteit", "minstens 1"]),
    ("history condition in the non-pick-up rule", "bedrag: {onder: 50}",
     "bedrag: {onder: 50}\n      opeenvolgend: false", "drempel",
     ["'opeenvolgend'", "eerdere meldingen", "dezelfde maand", "leeftijd"]),
    ("rule without naam", "    naam: Brief\n", "", "brief", ["sleutel 'naam' ontbreekt"]),
    ("rule without als", "    als: altijd\n", "", "brief", ["sleutel 'als' ontbreekt"]),
    ("empty als", "    als: altijd\n", "    als:\n", "brief", ["als", "leeg", "altijd"]),
    ("empty rules", None, None, None, ["regels", "minstens één regel"]),
    ("gemeentecode as number", 'gemeentecodes: ["9999"]', "gemeentecodes: [0546]", None,
     ["gemeentecodes", "aanhalingstekens"]),
    ("gemeentecode wrong length", 'gemeentecodes: ["9999"]', 'gemeentecodes: ["546"]', None,
     ["gemeentecodes", "4 cijfers"]),
    ("no gemeentecodes and not standaard", 'gemeentecodes: ["9999"]', "gemeentecodes: []", None,
     ["standaard: true"]),
    ("standaard with codes", 'gemeentecodes: ["9999"]', 'standaard: true\ngemeentecodes: ["9999"]', None,
     ["laat de lijst leeg"]),
    ("missing drempelbedrag", "drempelbedrag: null\n", "", None, ["sleutel 'drempelbedrag' ontbreekt"]),
    ("negative drempelbedrag", "drempelbedrag: null", "drempelbedrag: -5", None, ["drempelbedrag"]),
    ("window zero", "drempelbedrag: null", "drempelbedrag: null\nvensters: {opeenvolgend_maanden: 0}", None,
     ["vensters.opeenvolgend_maanden", "minstens 1"]),
    ("retention as text", "drempelbedrag: null", "drempelbedrag: null\nretentie: {signalen_zonder_hulp: lang}",
     None, ["retentie.signalen_zonder_hulp"]),
    ("unknown measure", "drempelbedrag: null", "drempelbedrag: null\nmaatregelen: {pauze: {aan: true}}", None,
     ["onbekende sleutel 'pauze'", "pauze_na_zonder_contact"]),
    ("measure without aantal", "drempelbedrag: null",
     "drempelbedrag: null\nmaatregelen: {pauze_na_zonder_contact: {aan: true}}", None,
     ["maatregelen.pauze_na_zonder_contact", "'aantal' ontbreekt"]),
    ("measure aan not bool", "drempelbedrag: null",
     "drempelbedrag: null\nmaatregelen: {intensiveren: {aan: ja}}", None,
     ["maatregelen.intensiveren.aan", "true of false"]),
    ("recidive letter unknown", "drempelbedrag: null",
     "drempelbedrag: null\nmaatregelen: {recidive_brief: {aan: true, sjabloon: recidive}}", None,
     ["maatregelen.recidive_brief.sjabloon", "onbekend sjabloon 'recidive'"]),
    ("duplicate yaml key", "telefoon_bekend: true", "telefoon_bekend: true\n      telefoon_bekend: false", None,
     ["telefoon_bekend", "twee keer"]),
    ("invalid yaml", "naam: Testgemeente", "naam: [Testgemeente", None, ["geen geldige YAML"]),
]


@pytest.mark.parametrize("case", BROKEN, ids=[c[0] for c in BROKEN])
def test_broken_policy(tmp_path, case):
    _, old, new, rule_id, words = case
    if old is None:  # empty rules
        text = VALID.split("regels:")[0] + "regels: []\n"
    else:
        assert old in VALID, old
        text = VALID.replace(old, new, 1)
    path = write(tmp_path, text)
    with pytest.raises(PolicyError) as caught:
        load_policy(path)
    err = caught.value
    message = str(err)
    assert err.file == str(path)
    assert message.startswith(str(path))
    assert err.rule_id == rule_id
    if rule_id is not None:
        assert f"regel '{rule_id}'" in message
    for word in words:
        assert word in message, (word, message)


def test_history_condition_before_the_non_pickup_rule(tmp_path):
    text = VALID.replace(
        "regels:\n",
        "regels:\n"
        "  - id: recidive_eerst\n"
        "    naam: Recidive eerst\n"
        "    als: {opeenvolgend: true}\n"
        "    dan: {aanpak: huisbezoek}\n",
    )
    with pytest.raises(PolicyError) as caught:
        load_policy(write(tmp_path, text))
    assert caught.value.rule_id == "recidive_eerst"
    assert "staat vóór de laatste regel die meldingen niet oppakt ('drempel'" in str(caught.value)


def test_history_condition_after_the_non_pickup_rule_is_fine(tmp_path):
    text = VALID.replace("      telefoon_bekend: true\n", "      telefoon_bekend: true\n      opeenvolgend: true\n")
    policy = load_policy(write(tmp_path, text))
    assert [r.id for r in policy.pickup_rules] == ["drempel"]
    assert policy.pickup_columns == ("totaal_bedrag",)


def test_nested_error_path(tmp_path):
    text = VALID.replace(
        "      telefoon_bekend: true\n",
        "      of:\n        - telefoon_bekend: true\n        - niet: {bedrag: {min: x}}\n",
    )
    with pytest.raises(PolicyError) as caught:
        load_policy(write(tmp_path, text))
    assert "als.of[2].niet.bedrag.min: verwacht een getal" in str(caught.value)


def test_error_is_picklable():
    err = PolicyError("policies/x.yaml", "drempel", "kapot")
    again = pickle.loads(pickle.dumps(err))
    assert (again.file, again.rule_id, again.problem, str(again)) == (
        "policies/x.yaml", "drempel", "kapot", "policies/x.yaml: regel 'drempel': kapot")


def test_policy_set_needs_one_standaard(tmp_path):
    write(tmp_path, VALID, "a.yaml")
    with pytest.raises(PolicyError, match="precies één standaardbeleid"):
        load_policies(tmp_path)
    standaard = VALID.replace('gemeentecodes: ["9999"]', "standaard: true\ngemeentecodes: []")
    write(tmp_path, standaard, "s1.yaml")
    write(tmp_path, standaard, "s2.yaml")
    with pytest.raises(PolicyError, match="gevonden: 2"):
        load_policies(tmp_path)


def test_policy_set_rejects_a_gemeente_in_two_files(tmp_path):
    write(tmp_path, VALID, "a.yaml")
    write(tmp_path, VALID.replace("Testgemeente", "Ander"), "b.yaml")
    write(tmp_path, VALID.replace('gemeentecodes: ["9999"]', "standaard: true\ngemeentecodes: []"), "s.yaml")
    with pytest.raises(PolicyError) as caught:
        load_policies(tmp_path)
    assert caught.value.file == str(tmp_path / "b.yaml")
    assert "9999" in caught.value.problem and "a.yaml" in caught.value.problem


def test_empty_or_missing_directory(tmp_path):
    with pytest.raises(PolicyError, match="geen beleidsbestanden"):
        load_policies(tmp_path)
    with pytest.raises(PolicyError, match="bestaat niet"):
        load_policies(tmp_path / "nergens")


def test_shipped_policies_load():
    policies = load_policies(POLICY_DIR)
    assert [p.name for p in policies] == ["Leiden", "Oost Gelre", "Standaard"]
    leiden = policies.for_gemeente("0546")
    assert leiden.name == "Leiden" and leiden.gemeentecodes == ("0546",)
    assert leiden.drempelbedrag is None
    assert leiden.source_file == POLICY_DIR / "leiden.yaml"
    assert policies.for_gemeente("1586").name == "Oost Gelre"
    standaard = policies.for_gemeente("0363")
    assert standaard is policies.standaard and standaard.drempelbedrag == 50.0
    assert policies.for_gemeente(None) is standaard
    assert {code: p.name for code, p in policies.by_gemeente().items()} == {
        "0546": "Leiden", "1586": "Oost Gelre", "*": "Standaard"}
    for policy in policies:
        assert policy.windows == {"opeenvolgend_maanden": 6, "jaar_maanden": 12}
        assert policy.retentie == {"signalen_zonder_hulp": 18}
    # the seed's measures are options, not either gemeente's practice
    for name in ("Leiden", "Oost Gelre"):
        measures = vars(policies.by_name(name).measures)
        assert not any(m.aan for m in measures.values())
    assert all(m.aan for m in vars(standaard.measures).values())
    assert standaard.measures.pauze_na_zonder_contact.aantal == 3
    assert standaard.measures.bewind_overwegen_na.aantal == 3
    assert standaard.measures.andere_systemen_na.aantal == 3
