"""Contract rules computed in polars: the ones Great Expectations cannot express cheaply.

- `<kolom>: type`: the column's polars dtype fits the contract type;
- `<kolom>: elfproef`: a BSN passes the eleven-test;
- `<kolom>: maand_gelijk_aan_partitie`: the date lies in the partition's month;
- `<kolom>: persoonsgegevens_verboden`: a forbidden column is absent from a publication;
- `<patroon>: bestaat`: a column pattern (``aandeel_*``) matches at least one column.

Each returns a `RuleResult` with counts and row numbers only, never values.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from pipeline.contracts.outcome import MAX_ROW_NUMBERS, RuleResult
from pipeline.contracts.schema import ColumnRule

ROW_COLUMN = "rij"

_INTEGER = (pl.Int8, pl.Int16, pl.Int32, pl.Int64, pl.Int128, pl.UInt8, pl.UInt16, pl.UInt32, pl.UInt64)
_TEXT = (pl.String, pl.Categorical, pl.Enum)


def dtype_fits(kind: str, dtype: pl.DataType) -> bool:
    """Whether a polars dtype can hold the contract type `kind` (an all-null column always can)."""
    if isinstance(dtype, type):  # pl.String as a class rather than an instance
        dtype = dtype()
    if dtype == pl.Null:
        return True
    if kind in ("tekst", "keuze"):
        return isinstance(dtype, _TEXT)
    if kind == "datum":
        return isinstance(dtype, (pl.Date, pl.Datetime))
    if kind in ("bedrag", "getal"):
        return isinstance(dtype, (pl.Float32, pl.Float64, pl.Decimal, *_INTEGER))
    if kind == "geheel_getal":  # DuckDB's hugeint (sum of bigints) arrives as Decimal(38, 0)
        return isinstance(dtype, _INTEGER) or (isinstance(dtype, pl.Decimal) and dtype.scale == 0)
    if kind == "waar_onwaar":
        return isinstance(dtype, pl.Boolean)
    if kind == "lijst":
        return isinstance(dtype, (pl.List, pl.Array))
    raise ValueError(f"unknown contract type {kind!r}")


def failing(frame: pl.DataFrame, mask: pl.Expr) -> tuple[int, list[int]]:
    """(count, first row numbers) of the rows where `mask` is true (null counts as passing)."""
    mask = mask.fill_null(False)
    count = int(frame.select(mask.sum()).item())
    if count == 0:
        return 0, []
    if ROW_COLUMN in frame.columns:
        numbers = frame.filter(mask).get_column(ROW_COLUMN).head(MAX_ROW_NUMBERS)
    else:
        numbers = frame.with_row_index("__positie").filter(mask).get_column("__positie").head(MAX_ROW_NUMBERS)
    return count, [int(n) for n in numbers.to_list() if n is not None]


def _row_result(frame: pl.DataFrame, rule: str, column: str | None, mask: pl.Expr) -> RuleResult:
    count, numbers = failing(frame, mask)
    return RuleResult(rule, column, count == 0, count, numbers, engine="polars")


def type_rule(frame: pl.DataFrame, column: str, spec: ColumnRule) -> RuleResult:
    ok = dtype_fits(spec.type, frame.schema[column])
    return RuleResult(
        f"{column}: type", column, ok,
        detail=None if ok else f"kolom heeft niet het type {spec.type}", engine="polars",
    )


def elfproef_valid(bsn: pl.Expr) -> pl.Expr:
    """True when the text is 9 digits passing the BSN eleven-test (and not all zeros)."""
    text = bsn.cast(pl.String)
    digits = [text.str.slice(i, 1).cast(pl.Int64, strict=False) for i in range(9)]
    total = sum(d * w for d, w in zip(digits[:8], range(9, 1, -1))) - digits[8]
    return text.str.contains(r"^[0-9]{9}$") & (total % 11 == 0) & (text != "000000000")


def elfproef_rule(frame: pl.DataFrame, column: str) -> RuleResult:
    col = pl.col(column)
    return _row_result(frame, f"{column}: elfproef", column, col.is_not_null() & ~elfproef_valid(col))


def month_rule(frame: pl.DataFrame, column: str, partitie: dt.date | None) -> RuleResult:
    """date_trunc(month, column) == the partition month.

    The partition is `partitie` when given (any day in the month counts as that month), else
    the frame's own `partitie` column per row. Without either, the rule fails: it cannot be
    checked, and a silently skipped rule would look like a passed one.
    """
    name = f"{column}: maand_gelijk_aan_partitie"
    if partitie is not None:
        target: pl.Expr = pl.lit(partitie.replace(day=1), dtype=pl.Date)
    elif "partitie" in frame.columns:
        target = pl.col("partitie").cast(pl.Date).dt.truncate("1mo")
    else:
        return RuleResult(name, column, False, detail="geen partitie opgegeven", engine="polars")
    month = pl.col(column).cast(pl.Date).dt.truncate("1mo")
    return _row_result(frame, name, column, pl.col(column).is_not_null() & (month != target))


def forbidden_rules(frame: pl.DataFrame, forbidden: tuple[str, ...]) -> list[RuleResult]:
    """One result per forbidden column: fails when the frame has it (names compared case-insensitively)."""
    present = {c.lower(): c for c in frame.columns}
    return [
        RuleResult(
            f"{name}: persoonsgegevens_verboden", name, name.lower() not in present,
            detail=None if name.lower() not in present else "kolom met persoonsgegevens aanwezig",
            engine="polars",
        )
        for name in forbidden
    ]


def pattern_exists_rule(columns: list[str], spec: ColumnRule) -> RuleResult:
    ok = any(spec.matches(c) for c in columns)
    return RuleResult(
        f"{spec.name}: bestaat", spec.name, ok,
        detail=None if ok else "geen enkele kolom past bij dit patroon", engine="polars",
    )
