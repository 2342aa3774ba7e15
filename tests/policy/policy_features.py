"""Hand-made feature rows for the policy tests (imported by the test modules)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl

from pipeline.policy import FEATURE_SCHEMA

POLICY_DIR = Path(__file__).resolve().parents[2] / "policies"
OKTOBER = dt.date(2024, 10, 1)

# A first, enkelvoudige melding of a 40-year-old with nothing known: every test
# overrides only the facts it is about.
BASE = {
    "melding_id": "m",
    "gemeentecode": "0546",
    "maand": OKTOBER,
    "leeftijd": 40,
    "totaal_bedrag": 300.0,
    "aantal_signalen": 1,
    "is_meervoudig": False,
    "is_opeenvolgend": False,
    "meldingen_12m": 1,
    "is_crisis": False,
    "signaalpartner_types": ["Zorg"],
    "minderjarige_kinderen": 0,
    "telefoon_bekend": False,
    "email_bekend": False,
    "eerdere_meldingen": 0,
    "maanden_sinds_vorige": None,
    "bedrag_trend": None,
    "opeenvolgend_zelfde_partner": False,
    "opeenvolgend_andere_partner": False,
    "eerder_bereikt": False,
    "eerder_contactpoging": False,
    "vorig_resultaat": None,
    "vorige_soorten": [],
    "vorige_consulent": None,
    "zonder_contact_op_rij": 0,
    "niet_benaderen": False,
    "bekend_shv": False,
}


def melding(**overrides) -> dict:
    unknown = set(overrides) - set(BASE)
    assert not unknown, unknown
    return {**BASE, **overrides}


def frame(rows: list[dict]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=FEATURE_SCHEMA, orient="row")
