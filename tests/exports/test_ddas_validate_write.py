"""validate_ddas and write_ddas: schema semantics (oneOf client), formats, references, messages
without values, and the file itself (0600, atomic, sorted keys, deterministic)."""

from __future__ import annotations

import copy
import json
import stat
from pathlib import Path

import pytest

from pipeline.exports.ddas import DdasInvalid, validate_ddas, write_ddas
from pipeline.common.ddas_schema import SCHEMA_PATH, enum_values, load_schema
from tests.exports.ddas_fixtures import build, gemeente_frames, signaal, signalen_frame
from tests.exports.helpers import PERSONAL

SHARED_REFERENCE = Path("/work/shared/reference/ddas-v1.2/json_schema_Uitwisselmodel.json")


def with_client(client: dict) -> dict:
    document = build()
    document["leveringen"][0]["vroegsignalen"][0]["client"] = client
    return document


CLIENT = "$.leveringen[0].vroegsignalen[0].client"


def test_shipped_schema_is_the_v12_contract():
    schema = load_schema()
    assert SCHEMA_PATH.name == "json_schema_Uitwisselmodel_v1.2.json" and SCHEMA_PATH.parent.name == "ddas"
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert len(enum_values("EnumEindresultaat")) == 16 and len(enum_values("EnumContactsoort")) == 10
    if SHARED_REFERENCE.exists():
        assert json.loads(SHARED_REFERENCE.read_text(encoding="utf-8")) == schema


# --------------------------------------------------------------------------- #
# The client oneOf: BSN only, or address (+ birth date, sex) without BSN
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    "client",
    [
        {"burgerservicenummer": "123456782"},
        {"postcode": "1234AB", "huisnummer": "1"},
        {"postcode": "1234AB", "huisnummer": "1", "huisnummertoevoeging": "A", "geboortedatum": "1980-02-29",
         "geslachtsaanduiding": "Leeg"},
    ],
)
def test_client_valid_forms(client):
    assert validate_ddas(with_client(client)) == []


@pytest.mark.parametrize(
    ("client", "expected"),
    [
        ({"burgerservicenummer": "123456782", "geboortedatum": "1980-02-29"},
         "voldoet aan geen van de varianten (variant 1: veld(en) niet toegestaan: geboortedatum; "
         "variant 2: voldoet aan een uitgesloten vorm, verplicht veld ontbreekt: huisnummer, postcode)"),
        ({"burgerservicenummer": "123456782", "postcode": "1234AB", "huisnummer": "1"},
         "voldoet aan geen van de varianten (variant 1: veld(en) niet toegestaan: huisnummer, postcode; "
         "variant 2: voldoet aan een uitgesloten vorm)"),
        ({"burgerservicenummer": "12345678"},
         "voldoet aan geen van de varianten (variant 1: burgerservicenummer: te kort (minimaal 9 tekens); "
         "variant 2: voldoet aan een uitgesloten vorm, verplicht veld ontbreekt: huisnummer, postcode)"),
        ({"postcode": "1234AB", "geboortedatum": "1980-02-29"},
         "voldoet aan geen van de varianten (variant 1: veld(en) niet toegestaan: geboortedatum, postcode, "
         "verplicht veld ontbreekt: burgerservicenummer; variant 2: verplicht veld ontbreekt: huisnummer)"),
    ],
)
def test_client_invalid_forms(client, expected):
    assert validate_ddas(with_client(client)) == [f"{CLIENT}: {expected}"]


def test_messages_never_hold_values():
    document = build()
    lev = document["leveringen"][0]
    lev["vroegsignalen"][0]["status"] = "GEHEIM-Jansen"
    lev["vroegsignalen"][1]["client"]["geboortedatum"] = "29-02-1980"
    lev["vroegsignalen"][1]["client"]["burgerservicenummer"] = "1234"
    lev["vroegsignalen"][2]["bedrag"] = 12.5
    lev["vroegsignalen"][2]["client"]["geslachtsaanduiding"] = "Pietersen"
    lev["aanleverendeOrganisatie"]["contactpersonen"][0]["email"] = "Tester-zonder-apenstaart"
    lev["vroegsignaalzaken"][0]["contactpogingen"][0]["datum"] = "2024-02-30"
    problems = validate_ddas(document)
    assert len(problems) == 7
    text = "\n".join(problems)
    for value in PERSONAL + ("GEHEIM", "29-02-1980", "1234", "12.5", "Tester", "2024-02-30"):
        assert value not in text
    assert "$.leveringen[0].vroegsignalen[0].status: waarde komt niet voor in de toegestane lijst" in problems
    assert "$.leveringen[0].vroegsignalen[2].bedrag: verkeerd type (verwacht integer)" in problems
    assert ("$.leveringen[0].aanleverendeOrganisatie.contactpersonen[0].email: "
            "geen geldige email (verwacht e-mailadres)") in problems
    assert ("$.leveringen[0].vroegsignaalzaken[0].contactpogingen[0].datum: "
            "geen geldige date (verwacht JJJJ-MM-DD)") in problems


@pytest.mark.parametrize("moment", ["2024-04-02 09:30", "2024-04-02T09:30:00", "2024-13-02T09:30:00Z", "morgen"])
def test_delivery_time_must_be_rfc3339(moment):
    document = build()
    document["aanleverdatumEnTijd"] = moment
    assert validate_ddas(document) == ["$.aanleverdatumEnTijd: geen geldige date-time (verwacht RFC 3339 met tijdzone)"]


def test_references_between_zaken_and_signals():
    document = build()
    lev = document["leveringen"][0]
    lev["vroegsignaalzaken"][1]["vroegsignalen"].append({"ID": "S9"})
    lev["vroegsignalen"].append(copy.deepcopy(lev["vroegsignalen"][0]))
    assert validate_ddas(document) == [
        "$.leveringen[0].vroegsignalen: 1 vroegsignaal-ID('s) komen dubbel voor",
        "$.leveringen[0].vroegsignaalzaken[1].vroegsignalen[2]: verwijst naar een vroegsignaal dat niet in deze levering staat",
    ]


def test_missing_top_level_and_extra_fields():
    document = build()
    del document["codeGegevensleverancier"]
    document["leveringen"][0]["vroegsignalen"][0]["naam"] = "x"
    assert validate_ddas(document) == [
        "$: verplicht veld ontbreekt: codeGegevensleverancier",
        "$.leveringen[0].vroegsignalen[0]: veld(en) niet toegestaan: naam",
    ]


def test_explicit_schema_path():
    assert validate_ddas(build(), SCHEMA_PATH) == []


# --------------------------------------------------------------------------- #
# write_ddas
# --------------------------------------------------------------------------- #


def test_write_valid_document(tmp_path):
    target = tmp_path / "levering" / "ddas_GM0001_2024-02_2024-03.json"
    document = build()
    assert write_ddas(document, target) == target
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE(target.parent.stat().st_mode) == 0o700
    text = target.read_bytes().decode("utf-8")
    assert json.loads(text) == document
    assert text == json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    assert [p.name for p in target.parent.iterdir()] == [target.name]


def test_write_is_deterministic(tmp_path):
    signalen, zaken, pogingen = gemeente_frames()
    a = write_ddas(build(), tmp_path / "a.json")
    b = write_ddas(build(signalen.reverse(), zaken.reverse(), pogingen.sample(fraction=1.0, shuffle=True, seed=7)),
                   tmp_path / "b.json")
    assert a.read_bytes() == b.read_bytes()


def test_unknown_status_raises_and_writes_nothing(tmp_path):
    signalen = signalen_frame([signaal("S1", status="Misschien opgepakt", bsn="123456782"), signaal("S2"), signaal("S3")])
    target = tmp_path / "uit" / "ddas.json"
    with pytest.raises(DdasInvalid) as caught:
        write_ddas(build(signalen), target)
    assert caught.value.problems == [
        "$.leveringen[0].vroegsignalen[0].status: waarde komt niet voor in de toegestane lijst"
    ]
    assert "Misschien" not in str(caught.value) and "123456782" not in str(caught.value)
    assert not target.exists() and not target.parent.exists()


def test_invalid_document_leaves_an_existing_file_alone(tmp_path):
    target = tmp_path / "ddas.json"
    write_ddas(build(), target)
    before = target.read_bytes()
    broken = build()
    broken["leveringen"][0]["vroegsignalen"][0]["bedrag"] = "veel"
    with pytest.raises(DdasInvalid):
        write_ddas(broken, target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["ddas.json"]


def test_written_bytes_are_those_of_the_standard_json_writer(tmp_path):
    document = build()
    document["leveringen"][0]["aanleverendeOrganisatie"]["naam"] = "Gemeente Súdwest-Fryslân"
    path = write_ddas(document, tmp_path / "ddas.json")
    expected = (json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    assert path.read_bytes() == expected
