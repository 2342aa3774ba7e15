"""Rules on the published tables: uniqueness, keys, enums, wildcards, forbidden personal data."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from tests.contracts.conftest import (
    HEX_A,
    TODAY,
    failures,
    pub_aanpaklijst_frame,
    pub_meldingen_frame,
    pub_monitor_frame,
    pub_signalen_frame,
    run,
    with_value,
)

# (contract, frame builder, column, row position, bad value, failing rule, failing row positions)
CASES = [
    ("publicatie_signalen", pub_signalen_frame, "signaal_id", 2, "S1", "signaal_id: uniek", [0, 2]),
    ("publicatie_signalen", pub_signalen_frame, "signaal_id", 0, None, "signaal_id: verplicht", [0]),
    ("publicatie_signalen", pub_signalen_frame, "status", 1, "Afgehandeld", "status: waarden", [1]),
    ("publicatie_signalen", pub_signalen_frame, "signaalpartner_type", 2, "Gas", "signaalpartner_type: waarden", [2]),
    ("publicatie_signalen", pub_signalen_frame, "bedrag", 1, -0.01, "bedrag: minimum", [1]),
    ("publicatie_signalen", pub_signalen_frame, "is_crisis", 2, None, "is_crisis: verplicht", [2]),
    ("publicatie_signalen", pub_signalen_frame, "adres_sleutel", 1, HEX_A.upper(), "adres_sleutel: patroon", [1]),
    ("publicatie_meldingen", pub_meldingen_frame, "melding_id", 1, "M3", "melding_id: uniek", [1, 2]),
    ("publicatie_meldingen", pub_meldingen_frame, "adres_sleutel", 0, "a" * 63, "adres_sleutel: patroon", [0]),
    ("publicatie_meldingen", pub_meldingen_frame, "inwoner_sleutel", 2, "g" * 64, "inwoner_sleutel: patroon", [2]),
    ("publicatie_meldingen", pub_meldingen_frame, "aantal_signalen", 1, 0, "aantal_signalen: minimum", [1]),
    ("publicatie_meldingen", pub_meldingen_frame, "totaal_bedrag", 0, -1.0, "totaal_bedrag: minimum", [0]),
    ("publicatie_meldingen", pub_meldingen_frame, "meldingen_12m", 1, 13, "meldingen_12m: maximum", [1]),
    ("publicatie_meldingen", pub_meldingen_frame, "meldingen_12m", 0, 0, "meldingen_12m: minimum", [0]),
    ("publicatie_meldingen", pub_meldingen_frame, "aaneengesloten_maanden", 2, 0, "aaneengesloten_maanden: minimum", [2]),
    ("publicatie_meldingen", pub_meldingen_frame, "bedrag_trend", 0, "stabiel", "bedrag_trend: waarden", [0]),
    ("publicatie_meldingen", pub_meldingen_frame, "is_opeenvolgend", 0, None, "is_opeenvolgend: verplicht", [0]),
    ("publicatie_meldingen", pub_meldingen_frame, "maand", 1, TODAY + dt.timedelta(days=31), "maand: niet_na", [1]),
    ("publicatie_monitor_maand", pub_monitor_frame, "gemeentecode", 2, "ALLE", "gemeentecode: patroon", [2]),
    ("publicatie_monitor_maand", pub_monitor_frame, "aandeel_energie", 1, 1.5, "aandeel_energie: maximum", [1]),
    ("publicatie_monitor_maand", pub_monitor_frame, "aandeel_opgepakt", 0, -0.1, "aandeel_opgepakt: minimum", [0]),
    ("publicatie_monitor_maand", pub_monitor_frame, "aantal_meldingen", 2, -1, "aantal_meldingen: minimum", [2]),
    ("publicatie_monitor_maand", pub_monitor_frame, "aantal_signalen", 0, None, "aantal_signalen: verplicht", [0]),
    ("publicatie_aanpaklijst", pub_aanpaklijst_frame, "melding_id", 0, "M2", "melding_id: uniek", [0, 1]),
    ("publicatie_aanpaklijst", pub_aanpaklijst_frame, "aanpak", 1, "fax", "aanpak: waarden", [1]),
    ("publicatie_aanpaklijst", pub_aanpaklijst_frame, "prioriteit", 2, 0, "prioriteit: minimum", [2]),
    ("publicatie_aanpaklijst", pub_aanpaklijst_frame, "regel", 0, None, "regel: verplicht", [0]),
    ("publicatie_aanpaklijst", pub_aanpaklijst_frame, "reden", 2, None, "reden: verplicht", [2]),
]


@pytest.mark.parametrize(("naam", "build", "column", "row", "value", "rule", "rows"), CASES,
                         ids=[f"{c[0]}-{c[5]}-{c[4]!r}" for c in CASES])
def test_one_broken_value_fails_one_rule(contracts, naam, build, column, row, value, rule, rows):
    outcome = run(contracts[naam], with_value(build(), column, row, value))
    assert failures(outcome) == {rule: rows}
    assert rule in outcome.summary()
    if isinstance(value, str):
        assert value not in outcome.summary()


@pytest.mark.parametrize("naam, build", [
    ("publicatie_signalen", pub_signalen_frame),
    ("publicatie_meldingen", pub_meldingen_frame),
    ("publicatie_monitor_maand", pub_monitor_frame),
    ("publicatie_aanpaklijst", pub_aanpaklijst_frame),
])
def test_a_postcode_column_in_a_publication_fails(contracts, naam, build):
    frame = build()
    frame = frame.with_columns(pl.Series("postcode", ["2311AB"] * frame.height))
    outcome = run(contracts[naam], frame)
    assert failures(outcome) == {"postcode: persoonsgegevens_verboden": []}
    assert not outcome.passed
    assert "postcode: persoonsgegevens_verboden (kolom met persoonsgegevens aanwezig)" in outcome.summary()
    assert "2311AB" not in outcome.summary()


def test_forbidden_columns_are_found_whatever_their_case(contracts):
    frame = pub_meldingen_frame().with_columns(pl.lit("111222333").alias("BSN"), pl.lit(None).alias("geboortedatum"))
    outcome = run(contracts["publicatie_meldingen"], frame)
    assert failures(outcome) == {"bsn: persoonsgegevens_verboden": [], "geboortedatum: persoonsgegevens_verboden": []}


def test_wildcard_checks_every_matching_column_including_new_ones(contracts):
    frame = pub_monitor_frame().with_columns(pl.Series("aandeel_nieuw", [0.1, 2.0, None]))
    outcome = run(contracts["publicatie_monitor_maand"], frame)
    assert failures(outcome) == {"aandeel_nieuw: maximum": [1]}
    checked = {r.column for r in outcome.results if r.rule.endswith(": maximum")}
    assert {"aandeel_opgepakt", "aandeel_energie", "aandeel_opeenvolgend", "aandeel_nieuw"} <= checked


def test_wildcard_without_any_matching_column_fails(contracts):
    frame = pub_monitor_frame().select(pl.exclude("^aandeel_.*$"))
    outcome = run(contracts["publicatie_monitor_maand"], frame)
    assert failures(outcome) == {"aandeel_*: bestaat": []}


def test_wildcard_type(contracts):
    frame = pub_monitor_frame().with_columns(pl.col("aantal_signalen").cast(pl.Float64))
    outcome = run(contracts["publicatie_monitor_maand"], frame)
    assert failures(outcome) == {"aantal_signalen: type": []}


def test_monitor_unique_per_gemeente_and_month(contracts):
    frame = with_value(pub_monitor_frame(), "gemeentecode", 2, "0546")
    outcome = run(contracts["publicatie_monitor_maand"], frame)
    assert failures(outcome) == {"unieke_combinatie: gemeentecode, maand": [0, 2]}


def test_duckdb_types_are_accepted(contracts):
    """Decimal amounts, hugeint counts (Decimal(38, 0)) as DuckDB hands them to polars."""
    frame = pub_monitor_frame().with_columns(
        pl.col("aantal_signalen", "inwoners").cast(pl.Decimal(38, 0)),
    )
    assert run(contracts["publicatie_monitor_maand"], frame).passed
    meldingen = pub_meldingen_frame().with_columns(pl.col("totaal_bedrag").cast(pl.Decimal(14, 2)))
    assert run(contracts["publicatie_meldingen"], meldingen).passed
    bad = meldingen.with_columns(pl.Series("totaal_bedrag", [1.0, -2.5, 3.0]).cast(pl.Decimal(14, 2)))
    assert failures(run(contracts["publicatie_meldingen"], bad)) == {"totaal_bedrag: minimum": [1]}


def test_null_optional_key_is_allowed(contracts):
    frame = with_value(pub_meldingen_frame(), "inwoner_sleutel", 0, None)
    assert run(contracts["publicatie_meldingen"], frame).passed
