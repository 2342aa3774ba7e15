"""Hand-made frames that pass each shipped contract; tests break one thing at a time."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from pipeline.contracts import CheckOutcome, Contract, check_frame, load_contracts

CONTRACTS_DIR = Path(__file__).resolve().parents[2] / "data_contracts"
TODAY = dt.date(2025, 1, 15)
PARTITIE = dt.date(2024, 12, 1)
VALID_BSN = "111222333"  # 9*1+8*1+7*1+6*2+5*2+4*2+3*3+2*3-3 = 66 = 6*11
VALID_BSN_2 = "123456782"
INVALID_BSN = "123456789"  # sum 147, 147 mod 11 = 4
HEX_A = "a" * 64
HEX_B = "0123456789abcdef" * 4
HEX_C = "f" * 64


@pytest.fixture(scope="session")
def contracts() -> dict[str, Contract]:
    return load_contracts(CONTRACTS_DIR)


def run(contract: Contract, frame: pl.DataFrame, **kwargs) -> CheckOutcome:
    kwargs.setdefault("today", TODAY)
    return check_frame(contract, frame, **kwargs)


def failures(outcome: CheckOutcome) -> dict[str, list[int]]:
    """Failed rule -> failing row numbers."""
    return {r.rule: r.failing_row_numbers for r in outcome.results if not r.passed}


def with_value(frame: pl.DataFrame, column: str, row: int, value, dtype=None) -> pl.DataFrame:
    """`frame` with `column` at position `row` replaced by `value`."""
    values = frame.get_column(column).to_list()
    values[row] = value
    return frame.with_columns(pl.Series(column, values, dtype=dtype or frame.schema[column]))


# --------------------------------------------------------------------------- #
# inputs (rij = line number in the delivered file: 2, 3, 4)
# --------------------------------------------------------------------------- #


def signalen_frame() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "partitie": [PARTITIE] * 3,
            "bestand": ["signalen_2024-12.csv"] * 3,
            "rij": [2, 3, 4],
            "signaal_id": ["S1", "S2", "S3"],
            "gemeentecode": ["0546", "0546", "1586"],
            "signaalpartner_type": ["Energie", "Zorg", "CAK Eigen bijdrage"],
            "signaalpartner_naam": ["Stroom BV", "Zorgverzekeraar NV", "CAK"],
            "signaaldatum": [dt.date(2024, 12, 2), dt.date(2024, 12, 15), dt.date(2024, 12, 31)],
            "bedrag": [120.5, 0.0, 100000.0],
            "postcode": ["2311AB", "1234CD", "7151XY"],
            "huisnummer": [1, 12, 250],
            "huisletter": [None, None, "B"],
            "huisnummertoevoeging": [None, "a", None],
            "klantnummer": ["K1", None, None],
            "ontstaansdatum": [dt.date(2024, 9, 1), None, None],
            "crisissignaal": [False, True, False],
            "warme_overdracht": [False, False, True],
            "bsn": [VALID_BSN, None, VALID_BSN_2],
            "geboortedatum": [dt.date(1980, 5, 17), None, dt.date(1900, 1, 1)],
            "geslacht": ["Vrouw", None, "Leeg"],
            "voorletters": ["A.B.", None, None],
            "tussenvoegsel": [None, "van", None],
            "achternaam": ["Jansen", "Dijk", None],
            "straat": ["Breestraat", None, None],
            "woonplaats": ["Leiden", None, None],
            "telefoonnummer": [None, "0612345678", None],
            "email": [None, None, "iemand@example.nl"],
            "status_geleverd": [None, None, "Opgepakt"],
        },
        schema_overrides={"huisletter": pl.String, "huisnummertoevoeging": pl.String, "tussenvoegsel": pl.String},
    )


def contactpogingen_frame() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "partitie": [PARTITIE] * 3,
            "bestand": ["contact.csv"] * 3,
            "rij": [2, 3, 4],
            "melding_id": ["M1", "M1", "M2"],
            "contactdatum": [dt.date(2024, 12, 3), dt.date(2024, 12, 10), dt.date(2025, 1, 15)],
            "soort": ["Brief", "Telefoon", "SMS/Whatsapp"],
            "bereikt": [False, True, False],
            "dagdeel": ["Ochtend", "Avond", None],
            "medewerker": ["consulent 1", None, None],
            "resultaat": [None, "(Budget)advies en/of quick fix", "Niet opgepakt: herhaalde melding"],
            "resultaatdatum": [None, dt.date(2024, 12, 20), None],
            "zaak_signaal_id": [None, None, None],
        },
        schema_overrides={"dagdeel": pl.String, "resultaatdatum": pl.Date, "zaak_signaal_id": pl.String},
    )


def gemeenten_frame() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "bestand": ["gemeenten.csv"] * 3,
            "rij": [2, 3, 4],
            "gemeentecode": ["0546", "0546", "1586"],
            "naam": ["Leiden", "Leiden", "Oost Gelre"],
            "jaar": [2023, 2024, 2024],
            "inwoners": [128_000, 130_067, 29_696],
        }
    )


def huishoudens_frame() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "bestand": ["huishoudens.csv"] * 2,
            "rij": [2, 3],
            "postcode": ["2311AB", "1234CD"],
            "huisnummer": [1, 12],
            "huisletter": [None, None],
            "huisnummertoevoeging": [None, "a"],
            "minderjarige_kinderen": [0, 3],
        }
    )


def niet_benaderen_frame() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "bestand": ["niet_benaderen.csv"] * 3,
            "rij": [2, 3, 4],
            "postcode": ["2311AB", None, "1234CD"],
            "huisnummer": [1, None, 12],
            "huisletter": ["C", None, None],
            "huisnummertoevoeging": [None, None, "b"],
            "bsn": [None, VALID_BSN, VALID_BSN_2],
            "tot": [dt.date(2025, 6, 30), None, dt.date(2024, 1, 1)],
        },
        schema_overrides={"huisletter": pl.String, "huisnummertoevoeging": pl.String},
    )


def bekend_shv_frame() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "bestand": ["bekend_shv.csv"] * 2,
            "rij": [2, 3],
            "bsn": [VALID_BSN, None],
            "postcode": [None, "7151XY"],
            "huisnummer": [None, 250],
            "huisletter": [None, None],
            "huisnummertoevoeging": [None, None],
        },
        schema_overrides={"huisnummer": pl.Int64, "huisletter": pl.String, "huisnummertoevoeging": pl.String, "postcode": pl.String},
    )


# --------------------------------------------------------------------------- #
# publications (no rij column: failing rows are 0-based positions)
# --------------------------------------------------------------------------- #

_SIGNAALSTATUS = "Opgepakt"


def pub_signalen_frame() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "signaal_id": ["S1", "S2", "S3"],
            "gemeentecode": ["0546", "0546", "1586"],
            "maand": [PARTITIE] * 3,
            "signaaldatum": [dt.date(2024, 12, 2), dt.date(2024, 12, 15), dt.date(2024, 12, 31)],
            "signaalpartner_type": ["Energie", "Zorg", "Huur"],
            "signaalpartner_naam": ["Stroom BV", "Zorgverzekeraar NV", "Woonstichting"],
            "bedrag": [120.5, 30.0, 0.0],
            "is_crisis": [False, True, False],
            "warme_overdracht": [False, False, None],
            "status": [_SIGNAALSTATUS, _SIGNAALSTATUS, "Niet opgepakt: onterecht signaal"],
            "melding_id": ["M1", "M1", None],
            "adres_sleutel": [HEX_A, HEX_A, HEX_B],
            "heeft_telefoon": [True, True, False],
            "heeft_email": [False, False, False],
        }
    )


def pub_meldingen_frame() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "melding_id": ["M1", "M2", "M3"],
            "gemeentecode": ["0546", "0546", "1586"],
            "maand": [PARTITIE] * 3,
            "adres_sleutel": [HEX_A, HEX_B, HEX_C],
            "inwoner_sleutel": [HEX_B, None, HEX_C],
            "aantal_signalen": [2, 1, 1],
            "aantal_signaalpartners": [2, 1, 1],
            "totaal_bedrag": [150.5, 0.0, 75.0],
            "is_meervoudig": [True, False, False],
            "is_opeenvolgend": [False, True, False],
            "is_enkelvoudig": [False, False, True],
            "opeenvolgend_zelfde_partner": [False, True, False],
            "opeenvolgend_andere_partner": [False, False, False],
            "meldingen_12m": [1, 12, 1],
            "aaneengesloten_maanden": [1, 3, 1],
            "maanden_sinds_vorige": [None, 1, None],
            "bedrag_trend": [None, "hoger", None],
            "is_crisis": [False, False, True],
            "warme_overdracht": [False, False, False],
            "signaalpartner_types": [["Huur", "Zorg"], ["Zorg"], ["Energie"]],
            "eerdere_meldingen": [0, 11, 0],
            "telefoon_bekend": [True, False, False],
            "email_bekend": [False, False, True],
            "leeftijdsklasse": ["18-26", "67+", "onbekend"],
        },
        schema_overrides={"maanden_sinds_vorige": pl.Int64, "bedrag_trend": pl.String},
    )


def pub_monitor_frame() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "gemeentecode": ["0546", "1586", "alle"],
            "gemeentenaam": ["Leiden", "Oost Gelre", None],
            "maand": [PARTITIE] * 3,
            "inwoners": [130_067, 29_696, 159_763],
            "aantal_signalen": [630, 82, 712],
            "signalen_per_1000_inwoners": [4.84, 2.76, 4.46],
            "aandeel_opgepakt": [0.83, 0.8, 0.826],
            "aandeel_energie": [0.25, 0.0, 1.0],
            "aantal_meldingen": [530, 66, 596],
            "meldingen_per_1000_inwoners": [4.07, 2.22, 3.73],
            "aandeel_opeenvolgend": [0.55, None, 0.52],
            "aantal_opeenvolgend": [290, 25, 315],
        }
    )


def pub_aanpaklijst_frame() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "melding_id": ["M1", "M2", "M3"],
            "gemeentecode": ["0546", "0546", "1586"],
            "maand": [PARTITIE] * 3,
            "aanpak": ["huisbezoek", "brief", "geen"],
            "kanalen": [["huisbezoek", "telefoon"], ["brief"], []],
            "brief_sjabloon": [None, "aanbod", None],
            "prioriteit": [1, 3, 3],
            "consulent": [None, None, None],
            "bewind_overwegen": [True, False, False],
            "andere_systemen_raadplegen": [False, False, False],
            "uitgesteld": [False, False, False],
            "regel": ["recidive", "brief", "drempel"],
            "reden": ["Regel 'Recidive': derde melding in een jaar.", "Regel 'Brief'.", "Regel 'Drempel'."],
            "signaalstatus": ["Opgepakt", "Opgepakt", "Niet opgepakt: onterecht signaal"],
            "opgepakt": [True, True, False],
            "beleid_hash": ["ab" * 32, "ab" * 32, "cd" * 32],
        },
        schema_overrides={"brief_sjabloon": pl.String, "consulent": pl.String},
    )


def pub_bestanden_frame() -> pl.DataFrame:
    return pl.DataFrame({
        "soort": ["signalen", "gemeenten"],
        "maand": [PARTITIE, None],
        "bestand": ["signalen/2024-12/zorg.csv", "referentie/gemeenten.csv"],
        "sha256": [HEX_A, HEX_B],
        "formaat": ["csv", "csv"],
        "tekenset": ["cp1252", "utf-8"],
        "rijen_gelezen": [10, 2],
        "geaccepteerd": [8, 2],
        "duplicaten": [1, 0],
        "quarantaine": [1, 0],
        "extra_kolommen": ["", ""],
        "reden": [None, None],
    }, schema_overrides={"reden": pl.String})


def pub_quarantaine_frame() -> pl.DataFrame:
    return pl.DataFrame({
        "soort": ["signalen"],
        "maand": [PARTITIE],
        "bestand": ["signalen/2024-12/zorg.csv"],
        "rij": [5],
        "veld": ["postcode"],
        "reden": ["postcode: geen geldige postcode (1234AB)"],
    })


def pub_monitor_periode_frame() -> pl.DataFrame:
    return pl.DataFrame({
        "periode_soort": ["maand", "kwartaal", "jaar"],
        "periode": [PARTITIE, dt.date(2024, 10, 1), dt.date(2024, 1, 1)],
        "periode_label": ["2024-12", "2024-K4", "2024"],
        "gemeentecode": ["0546", "alle", "gemiddelde_gemeenten"],
        "maanden": [1, 3, 12],
        "inwoners": [130_067.0, 159_763.0, 79_881.5],
        "aantal_signalen": [630.0, 2136.0, 4272.0],
        "signalen_per_1000_inwoners_per_maand": [4.84, 4.46, 3.9],
        "meldingen_per_1000_inwoners_per_maand": [4.07, 3.73, 3.2],
        "aandeel_opeenvolgend": [0.43, None, 0.44],
    })


def pub_monitor_verdeling_frame() -> pl.DataFrame:
    return pl.DataFrame({
        "periode_soort": ["maand", "maand"],
        "periode": [PARTITIE, PARTITIE],
        "periode_label": ["2024-12", "2024-12"],
        "gemeentecode": ["0546", "0546"],
        "maanden": [1, 1],
        "onderwerp": ["aanpak", "aanpak"],
        "categorie": ["brief", "huisbezoek"],
        "aantal": [140.0, 160.0],
        "noemer": [300.0, 300.0],
        "aandeel": [140 / 300, 160 / 300],
    })


VALID_FRAMES = {
    "publicatie_monitor": pub_monitor_periode_frame,
    "publicatie_monitor_verdeling": pub_monitor_verdeling_frame,
    "invoer_signalen": signalen_frame,
    "invoer_signalen_maand": signalen_frame,
    "publicatie_bestanden": pub_bestanden_frame,
    "publicatie_quarantaine": pub_quarantaine_frame,
    "invoer_contactpogingen": contactpogingen_frame,
    "invoer_gemeenten": gemeenten_frame,
    "invoer_huishoudens": huishoudens_frame,
    "invoer_niet_benaderen": niet_benaderen_frame,
    "invoer_bekend_shv": bekend_shv_frame,
    "publicatie_signalen": pub_signalen_frame,
    "publicatie_meldingen": pub_meldingen_frame,
    "publicatie_monitor_maand": pub_monitor_frame,
    "publicatie_aanpaklijst": pub_aanpaklijst_frame,
}
