"""Each rule kind on the input contracts: the right rule fails, on the right `rij` values."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from tests.contracts.conftest import (
    INVALID_BSN,
    PARTITIE,
    TODAY,
    bekend_shv_frame,
    contactpogingen_frame,
    failures,
    gemeenten_frame,
    huishoudens_frame,
    niet_benaderen_frame,
    run,
    signalen_frame,
    with_value,
)

TOMORROW = TODAY + dt.timedelta(days=1)

# (contract, frame builder, column, row position, bad value, failing rule, failing rij values)
CASES = [
    ("invoer_signalen", signalen_frame, "signaal_id", 1, None, "signaal_id: verplicht", [3]),
    ("invoer_signalen", signalen_frame, "signaalpartner_type", 0, "Gas", "signaalpartner_type: waarden", [2]),
    ("invoer_signalen", signalen_frame, "geslacht", 2, "X", "geslacht: waarden", [4]),
    ("invoer_signalen", signalen_frame, "bedrag", 2, -5.0, "bedrag: minimum", [4]),
    ("invoer_signalen", signalen_frame, "bedrag", 0, 100000.01, "bedrag: maximum", [2]),
    ("invoer_signalen", signalen_frame, "geboortedatum", 1, dt.date(1899, 12, 31), "geboortedatum: niet_voor", [3]),
    ("invoer_signalen", signalen_frame, "geboortedatum", 0, TOMORROW, "geboortedatum: niet_na", [2]),
    ("invoer_signalen", signalen_frame, "postcode", 1, "12AB", "postcode: patroon", [3]),
    ("invoer_signalen", signalen_frame, "postcode", 0, "2311AB\n", "postcode: patroon", [2]),
    ("invoer_signalen", signalen_frame, "gemeentecode", 2, "546", "gemeentecode: patroon", [4]),
    ("invoer_signalen", signalen_frame, "huisnummer", 1, 0, "huisnummer: minimum", [3]),
    ("invoer_signalen", signalen_frame, "bsn", 0, INVALID_BSN, "bsn: elfproef", [2]),
    ("invoer_signalen", signalen_frame, "bsn", 2, "000000000", "bsn: elfproef", [4]),
    ("invoer_signalen", signalen_frame, "crisissignaal", 1, None, "crisissignaal: verplicht", [3]),
    ("invoer_signalen_maand", signalen_frame, "signaaldatum", 2, dt.date(2024, 11, 30),
     "signaaldatum: maand_gelijk_aan_partitie", [4]),
    ("invoer_contactpogingen", contactpogingen_frame, "soort", 1, "Fax", "soort: waarden", [3]),
    ("invoer_contactpogingen", contactpogingen_frame, "dagdeel", 2, "Nacht", "dagdeel: waarden", [4]),
    ("invoer_contactpogingen", contactpogingen_frame, "resultaat", 0, "Opgelost", "resultaat: waarden", [2]),
    ("invoer_contactpogingen", contactpogingen_frame, "bereikt", 0, None, "bereikt: verplicht", [2]),
    ("invoer_contactpogingen", contactpogingen_frame, "contactdatum", 2, TOMORROW, "contactdatum: niet_na", [4]),
    ("invoer_contactpogingen", contactpogingen_frame, "contactdatum", 0, dt.date(2019, 12, 31),
     "contactdatum: niet_voor", [2]),
    ("invoer_gemeenten", gemeenten_frame, "jaar", 2, 2101, "jaar: maximum", [4]),
    ("invoer_gemeenten", gemeenten_frame, "jaar", 2, 1999, "jaar: minimum", [4]),
    ("invoer_gemeenten", gemeenten_frame, "inwoners", 1, 0, "inwoners: minimum", [3]),
    ("invoer_gemeenten", gemeenten_frame, "naam", 0, None, "naam: verplicht", [2]),
    ("invoer_huishoudens", huishoudens_frame, "minderjarige_kinderen", 0, -1, "minderjarige_kinderen: minimum", [2]),
    ("invoer_huishoudens", huishoudens_frame, "minderjarige_kinderen", 1, 31, "minderjarige_kinderen: maximum", [3]),
    ("invoer_huishoudens", huishoudens_frame, "postcode", 1, None, "postcode: verplicht", [3]),
    ("invoer_niet_benaderen", niet_benaderen_frame, "bsn", 2, INVALID_BSN, "bsn: elfproef", [4]),
    ("invoer_niet_benaderen", niet_benaderen_frame, "tot", 0, dt.date(1999, 12, 31), "tot: niet_voor", [2]),
    ("invoer_niet_benaderen", niet_benaderen_frame, "huisnummer", 0, -3, "huisnummer: minimum", [2]),
    ("invoer_bekend_shv", bekend_shv_frame, "postcode", 1, "7151 XY", "postcode: patroon", [3]),
    ("invoer_bekend_shv", bekend_shv_frame, "bsn", 0, "12345678", "bsn: patroon", [2]),
]


@pytest.mark.parametrize(("naam", "build", "column", "row", "value", "rule", "rows"), CASES,
                         ids=[f"{c[0]}-{c[5]}-{c[4]!r}" for c in CASES])
def test_one_broken_value_fails_one_rule(contracts, naam, build, column, row, value, rule, rows):
    outcome = run(contracts[naam], with_value(build(), column, row, value), partitie=PARTITIE)
    got = failures(outcome)
    if rule == "bsn: patroon":  # an 8-digit BSN cannot pass the eleven-test either
        assert got == {rule: rows, "bsn: elfproef": rows}
    else:
        assert got == {rule: rows}
    result = next(r for r in outcome.results if r.rule == rule)
    assert result.column == column and result.failing_rows == len(rows)
    assert not outcome.passed
    assert rule in outcome.summary()
    if isinstance(value, str):
        assert value not in outcome.summary()
        assert value not in repr(outcome.results)


def test_several_failing_rows_are_counted_and_numbered(contracts):
    frame = signalen_frame().with_columns(pl.lit("9999 ZZ").alias("postcode"))
    outcome = run(contracts["invoer_signalen"], frame, partitie=PARTITIE)
    result = next(r for r in outcome.results if r.rule == "postcode: patroon")
    assert (result.failing_rows, result.failing_row_numbers) == (3, [2, 3, 4])
    assert "postcode: patroon (3 rijen)" in outcome.summary()


def test_at_most_twenty_row_numbers(contracts):
    frame = pl.concat([signalen_frame()] * 10).with_columns(
        pl.int_range(2, 32).alias("rij"), pl.lit(-1.0).alias("bedrag")
    )
    outcome = run(contracts["invoer_signalen"], frame, partitie=PARTITIE)
    result = next(r for r in outcome.results if r.rule == "bedrag: minimum")
    assert result.failing_rows == 30
    assert result.failing_row_numbers == list(range(2, 22))


def test_today_itself_is_allowed(contracts):
    frame = with_value(contactpogingen_frame(), "contactdatum", 0, TODAY)
    assert run(contracts["invoer_contactpogingen"], frame).passed


def test_vandaag_follows_the_today_argument(contracts):
    frame = contactpogingen_frame()  # holds a contact on TODAY
    outcome = run(contracts["invoer_contactpogingen"], frame, today=TODAY - dt.timedelta(days=1))
    assert failures(outcome) == {"contactdatum: niet_na": [4]}


def test_missing_column(contracts):
    outcome = run(contracts["invoer_signalen"], signalen_frame().drop("postcode"), partitie=PARTITIE)
    assert failures(outcome) == {"postcode: bestaat": []}
    assert "postcode: bestaat (kolom ontbreekt)" in outcome.summary()


def test_wrong_type(contracts):
    frame = signalen_frame().with_columns(pl.col("huisnummer").cast(pl.String))
    outcome = run(contracts["invoer_signalen"], frame, partitie=PARTITIE)
    assert failures(outcome) == {"huisnummer: type": []}
    assert "geheel_getal" in outcome.summary()


def test_a_date_held_as_text_is_a_type_failure(contracts):
    frame = signalen_frame().with_columns(pl.col("signaaldatum").cast(pl.String))
    outcome = run(contracts["invoer_signalen"], frame, partitie=PARTITIE)
    assert failures(outcome) == {"signaaldatum: type": []}


def test_unique_combination(contracts):
    frame = with_value(gemeenten_frame(), "jaar", 0, 2024)  # rows 0 and 1: 0546 in 2024
    outcome = run(contracts["invoer_gemeenten"], frame)
    assert failures(outcome) == {"unieke_combinatie: gemeentecode, jaar": [2, 3]}
    result = next(r for r in outcome.results if r.rule.startswith("unieke_combinatie"))
    assert result.failing_rows == 2 and result.column is None


def test_minimum_row_count(tmp_path):
    from pipeline.contracts import load_contract
    from pipeline.common.settings import PROJECT_ROOT

    text = (PROJECT_ROOT / "data_contracts" / "invoer_gemeenten.yaml").read_text(encoding="utf-8")
    (tmp_path / "invoer_gemeenten.yaml").write_text(text + "\nrijen_minimaal: 1\n", encoding="utf-8")
    outcome = run(load_contract(tmp_path / "invoer_gemeenten.yaml"), gemeenten_frame().clear())
    assert failures(outcome) == {"rijen_minimaal": []}
    assert "rijen_minimaal (0 rijen, te weinig)" in outcome.summary()


def test_month_rule_uses_the_partitie_column_without_argument(contracts):
    frame = with_value(signalen_frame(), "partitie", 1, dt.date(2024, 11, 1))
    outcome = run(contracts["invoer_signalen_maand"], frame)
    assert failures(outcome) == {"signaaldatum: maand_gelijk_aan_partitie": [3]}


def test_month_rule_accepts_any_day_of_the_partition_month(contracts):
    outcome = run(contracts["invoer_signalen_maand"], signalen_frame(), partitie=dt.date(2024, 12, 17))
    assert outcome.passed


def test_month_rule_without_any_partition_fails_loudly(contracts):
    outcome = run(contracts["invoer_signalen_maand"], signalen_frame().drop("partitie"))
    got = failures(outcome)
    assert got == {"signaaldatum: maand_gelijk_aan_partitie": []}
    assert "geen partitie opgegeven" in outcome.summary()


def test_wrong_partition_month_fails_every_row(contracts):
    outcome = run(contracts["invoer_signalen_maand"], signalen_frame(), partitie=dt.date(2025, 1, 1))
    assert failures(outcome) == {"signaaldatum: maand_gelijk_aan_partitie": [2, 3, 4]}


def test_extra_columns_are_allowed_in_inputs(contracts):
    frame = signalen_frame().with_columns(pl.lit("x").alias("opmerking"))
    assert run(contracts["invoer_signalen"], frame, partitie=PARTITIE).passed


def test_row_positions_without_rij_column(contracts):
    frame = with_value(huishoudens_frame(), "minderjarige_kinderen", 1, -1).drop("rij")
    outcome = run(contracts["invoer_huishoudens"], frame)
    assert failures(outcome) == {"rij: bestaat": [], "minderjarige_kinderen: minimum": [1]}


def test_enum_and_categorical_text_columns_are_text(contracts):
    frame = signalen_frame().with_columns(pl.col("geslacht").cast(pl.Categorical))
    assert run(contracts["invoer_signalen"], frame, partitie=PARTITIE).passed


@pytest.mark.parametrize("case", CASES[::4], ids=[f"{c[0]}-{c[5]}" for c in CASES[::4]])
def test_the_configuration_memo_changes_no_result(contracts, monkeypatch, case):
    """gx_session builds each expectation's configuration once per validation (a speed-up only):
    the same frames give the same outcomes, rule by rule, with and without it."""
    import contextlib

    from pipeline.contracts import gx_session

    naam, build, column, row, value, _rule, _rows = case
    frames = [build(), with_value(build(), column, row, value)]
    memo = [run(contracts[naam], f, partitie=PARTITIE) for f in frames]
    monkeypatch.setattr(gx_session, "fixed_configurations", contextlib.nullcontext)
    plain = [run(contracts[naam], f, partitie=PARTITIE) for f in frames]
    assert memo == plain
    assert not memo[1].passed
    from great_expectations.expectations.expectation import Expectation
    assert Expectation.configuration is gx_session._CONFIGURATION  # restored after each call
