"""The shipped contracts load, cover every input and publication, and accept a good frame."""

from __future__ import annotations

import pytest

from tests.contracts.conftest import PARTITIE, VALID_FRAMES, failures, run

INPUT_TABLES = {
    "invoer_signalen": "raw_signalen",
    "invoer_signalen_maand": "raw_signalen",
    "invoer_contactpogingen": "raw_contactpogingen",
    "invoer_gemeenten": "raw_gemeenten",
    "invoer_huishoudens": "raw_huishoudens",
    "invoer_niet_benaderen": "raw_niet_benaderen",
    "invoer_bekend_shv": "raw_bekend_shv",
}
PUBLICATION_TABLES = {
    "publicatie_signalen": "signalen",
    "publicatie_meldingen": "meldingen",
    "publicatie_monitor_maand": "monitor_maand",
    "publicatie_aanpaklijst": "aanpaklijst",
    "publicatie_bestanden": "bestanden",
    "publicatie_quarantaine": "quarantaine",
    "publicatie_monitor": "monitor",
    "publicatie_monitor_verdeling": "monitor_verdeling",
    "publicatie_herhaling_curve": "herhaling_curve",
    "publicatie_herhaling_effect": "herhaling_effect",
    "publicatie_bereik_per_poging": "bereik_per_poging",
}
REQUIRED_FORBIDDEN = {"postcode", "bsn", "geboortedatum", "achternaam", "voorletters", "straat",
                      "telefoonnummer", "email", "huisnummer"}


def test_every_input_and_publication_has_a_contract(contracts):
    assert set(contracts) == set(INPUT_TABLES) | set(PUBLICATION_TABLES)
    for naam, tabel in INPUT_TABLES.items():
        assert contracts[naam].soort == "invoer"
        assert contracts[naam].tabel == tabel
    for naam, tabel in PUBLICATION_TABLES.items():
        assert contracts[naam].soort == "publicatie"
        assert contracts[naam].tabel == tabel


def test_publications_forbid_personal_data(contracts):
    for naam in PUBLICATION_TABLES:
        assert REQUIRED_FORBIDDEN <= set(contracts[naam].persoonsgegevens_verboden), naam


def test_contracts_are_documented(contracts):
    for contract in contracts.values():
        assert contract.beschrijving and contract.eigenaar
        for column in contract.kolommen:
            assert column.beschrijving, (contract.naam, column.name)


def test_ddas_enums_match_the_schema(contracts):
    import json
    from pathlib import Path

    schema = json.loads(Path("/work/shared/reference/ddas-v1.2/json_schema_Uitwisselmodel.json").read_text())
    defs = schema.get("$defs") or schema.get("definitions")
    if defs is None:  # pragma: no cover - reference missing
        pytest.skip("DDAS schema not available")
    assert set(contracts["invoer_signalen"].column("signaalpartner_type").waarden) == set(defs["EnumSignaalpartner"]["enum"])
    assert set(contracts["publicatie_signalen"].column("signaalpartner_type").waarden) == set(defs["EnumSignaalpartner"]["enum"])
    assert set(contracts["invoer_contactpogingen"].column("soort").waarden) == set(defs["EnumContactsoort"]["enum"])
    assert set(contracts["invoer_contactpogingen"].column("dagdeel").waarden) == set(defs["EnumDagdeel"]["enum"])
    assert set(contracts["invoer_contactpogingen"].column("resultaat").waarden) == set(defs["EnumEindresultaat"]["enum"])
    assert set(contracts["publicatie_signalen"].column("status").waarden) == set(defs["EnumSignaalstatus"]["enum"])
    assert set(contracts["publicatie_aanpaklijst"].column("signaalstatus").waarden) == set(defs["EnumSignaalstatus"]["enum"])


@pytest.mark.parametrize("naam", sorted(VALID_FRAMES))
def test_a_good_frame_passes(contracts, naam):
    outcome = run(contracts[naam], VALID_FRAMES[naam](), partitie=PARTITIE)
    assert failures(outcome) == {}
    assert outcome.passed
    assert "alle" in outcome.summary() and "gehaald" in outcome.summary()
    assert all(r.failing_rows == 0 and r.failing_row_numbers == [] for r in outcome.results)
