"""The polars rules, directly: the eleven-test and friends."""

from __future__ import annotations

import polars as pl
import pytest

from pipeline.contracts.custom_rules import dtype_fits, elfproef_rule, elfproef_valid, failing


@pytest.mark.parametrize(("bsn", "valid"), [
    ("111222333", True),   # 9+8+7+12+10+8+9+6-3 = 66 = 6*11
    ("123456782", True),   # 9+16+21+24+25+24+21+16-2 = 154 = 14*11
    ("999999990", True),
    ("123456789", False),  # 147 = 13*11 + 4
    ("111222334", False),
    ("000000000", False),  # passes the arithmetic but is not a BSN
    ("12345678", False),
    ("1234567890", False),
    ("12345678a", False),
])
def test_elfproef(bsn, valid):
    assert pl.select(elfproef_valid(pl.lit(bsn))).item() is valid


def test_elfproef_rule_ignores_nulls_and_reports_rij():
    frame = pl.DataFrame({"rij": [10, 11, 12, 13], "bsn": ["111222333", None, "123456789", "11122233"]})
    result = elfproef_rule(frame, "bsn")
    assert (result.passed, result.failing_rows, result.failing_row_numbers) == (False, 2, [12, 13])
    assert result.engine == "polars"


def test_failing_uses_positions_without_rij():
    frame = pl.DataFrame({"x": [1, -1, 2, -3]})
    assert failing(frame, pl.col("x") < 0) == (2, [1, 3])


@pytest.mark.parametrize(("kind", "dtype", "fits"), [
    ("tekst", pl.String, True),
    ("tekst", pl.Int64, False),
    ("keuze", pl.Categorical, True),
    ("datum", pl.Date, True),
    ("datum", pl.Datetime("us"), True),
    ("datum", pl.String, False),
    ("bedrag", pl.Float64, True),
    ("bedrag", pl.Decimal(12, 2), True),
    ("bedrag", pl.Int64, True),
    ("getal", pl.Float32, True),
    ("geheel_getal", pl.Int32, True),
    ("geheel_getal", pl.Decimal(38, 0), True),
    ("geheel_getal", pl.Decimal(12, 2), False),
    ("geheel_getal", pl.Float64, False),
    ("waar_onwaar", pl.Boolean, True),
    ("waar_onwaar", pl.String, False),
    ("waar_onwaar", pl.Null, True),
])
def test_dtype_fits(kind, dtype, fits):
    assert dtype_fits(kind, dtype) is fits
