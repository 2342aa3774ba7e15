"""The schemas as data: names, kinds, DDAS enum lists, and that a new schema just works."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from .ingest_helpers import TODAY
from pipeline.ingest import CONTACTPOGINGEN, GEMEENTEN, SIGNALEN, Field, InputSchema, ingest_file
from pipeline.ingest.schema import normalise_key


def test_signalen_fields():
    assert SIGNALEN.required == (
        "signaal_id", "gemeentecode", "signaalpartner_type", "signaalpartner_naam",
        "signaaldatum", "bedrag", "postcode", "huisnummer",
    )
    kinds = {f.name: f.kind for f in SIGNALEN.fields}
    assert kinds["signaaldatum"] == kinds["ontstaansdatum"] == kinds["geboortedatum"] == "date"
    assert kinds["bedrag"] == "amount"
    assert kinds["crisissignaal"] == kinds["warme_overdracht"] == "bool"
    assert kinds["huisnummer"] == "int"
    assert set(SIGNALEN.field("signaalpartner_type").enum_values) == {
        "Belastingdienst", "CAK Eigen bijdrage", "CAK Zorgverzekeringen", "Dienst Toeslagen", "DUO",
        "Energie", "Huur", "Hypotheek", "Overige", "Water", "Zorg",
    }


def test_contactpogingen_enums_are_the_ddas_lists():
    assert CONTACTPOGINGEN.required == ("melding_id", "contactdatum", "soort", "bereikt")
    assert CONTACTPOGINGEN.field("soort").enum_values == (
        "Administratief", "Afspraak op locatie", "Brief", "Huisbezoek", "Kaartje", "Mail",
        "Onbekend", "Overige", "SMS/Whatsapp", "Telefoon",
    )
    assert len(CONTACTPOGINGEN.field("resultaat").enum_values) == 16
    assert CONTACTPOGINGEN.field("dagdeel").enum_values == ("Ochtend", "Middag", "Avond")
    assert CONTACTPOGINGEN.field("bereikt").default is None  # empty is not "false" here


def test_gemeenten_fields():
    assert GEMEENTEN.names == ("gemeentecode", "naam", "jaar", "inwoners")
    assert GEMEENTEN.required == GEMEENTEN.names


@pytest.mark.parametrize("schema", [SIGNALEN, CONTACTPOGINGEN, GEMEENTEN])
def test_header_spellings_are_unambiguous(schema):
    lookup = schema.header_lookup()
    for f in schema.fields:
        for key in f.header_keys():
            assert lookup[key] == f.name
        f.enum_lookup() if f.kind == "enum" else None  # raises on a spelling with two values


def test_normalise_key():
    assert normalise_key("\ufeffSignaal-partner Naam") == "signaalpartnernaam"
    assert normalise_key("Géb. datum") == "gebdatum"
    assert normalise_key("E_MAIL") == "email"


def test_schema_rejects_clashing_synonyms():
    with pytest.raises(ValueError):
        InputSchema("x", (Field("a", "text", synonyms=("datum",)), Field("b", "date", synonyms=("Datum",))))


def test_field_rejects_bad_definitions():
    with pytest.raises(ValueError):
        Field("x", "float")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Field("x", "enum")
    with pytest.raises(ValueError):
        Field("x", "enum", enum_values=("A",), value_synonyms=(("a", "B"),))


def test_a_new_schema_needs_no_new_code(write):
    schema = InputSchema(
        "betalingen",
        (
            Field("kenmerk", "text", True, ("id",)),
            Field("betaald_op", "date", True, ("datum",), not_in_future=True),
            Field("bedrag", "amount", True, minimum=0.01),
            Field("kanaal", "enum", False, (), ("iDEAL", "Incasso"), value_synonyms=(("ideal", "iDEAL"),)),
            Field("aantal", "int", False, minimum=1, maximum=12),
        ),
    )
    text = "ID,Datum,Bedrag,Kanaal,Aantal\nB1,01-01-2024,\"1.000,00\",IDEAL,3\nB2,01-01-2024,0,fax,13\n"
    result = ingest_file(write("b.csv", text), schema, today=TODAY)
    assert result.rows.to_dicts() == [
        {"rij": 2, "kenmerk": "B1", "betaald_op": dt.date(2024, 1, 1), "bedrag": 1000.0,
         "kanaal": "iDEAL", "aantal": 3},
    ]
    assert result.rows.schema["aantal"] == pl.Int64
    assert result.quarantine.to_dicts() == [{
        "rij": 3, "veld": "bedrag",
        "reden": "bedrag: moet minimaal 0,01 zijn; kanaal: onbekende waarde; aantal: mag hoogstens 12 zijn",
    }]
