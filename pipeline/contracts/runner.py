"""check_frame: apply one contract to one polars DataFrame.

Column and table rules run as Great Expectations expectations on a pandas copy of the
columns the contract names; the rules GX cannot express cheaply run in polars
(custom_rules). Both land in one CheckOutcome, in contract order. Great Expectations is
imported here, on the first call, not when `pipeline.contracts` is imported.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from pipeline.contracts import custom_rules
from pipeline.contracts.outcome import CheckOutcome, RuleResult
from pipeline.contracts.schema import Contract

_INTEGER_TO_WIDEN = (pl.Int128, pl.UInt64)


def _pandas_ready(frame: pl.DataFrame, kinds: dict[str, str], keep: list[str]) -> pl.DataFrame:
    """The columns `keep`, in dtypes GX's pandas engine compares quickly and correctly.

    Dates become datetime64[ns] (GX vectorises only that unit and compares it with the
    bounds as datetimes), decimals floats, categoricals text.
    """
    exprs = []
    for name in keep:
        dtype = frame.schema[name]
        col = pl.col(name)
        if kinds.get(name) == "datum" and isinstance(dtype, (pl.Date, pl.Datetime)):
            col = col.cast(pl.Date).cast(pl.Datetime("ns"))
        elif isinstance(dtype, pl.Decimal):
            col = col.cast(pl.Float64)
        elif isinstance(dtype, _INTEGER_TO_WIDEN):
            col = col.cast(pl.Float64)
        elif isinstance(dtype, (pl.Categorical, pl.Enum)):
            col = col.cast(pl.String)
        exprs.append(col)
    if not exprs:  # a table rule still needs the row count
        return frame.with_row_index("__positie").select("__positie")
    return frame.select(exprs)


def check_frame(
    contract: Contract,
    frame: pl.DataFrame,
    *,
    today: dt.date,
    partitie: dt.date | None = None,
) -> CheckOutcome:
    """Check `frame` (the contract's `tabel`) against `contract`.

    today: the date 'vandaag' in the contract stands for.
    partitie: the month being checked (for maand_gelijk_aan_partitie); without it the
        frame's own `partitie` column is used.
    Failing row numbers are the frame's `rij` values when it has that column, else 0-based
    row positions. Nothing returned holds a value from the data.
    """
    from pipeline.contracts import expectations, gx_session  # lazy: imports great_expectations

    if isinstance(partitie, dt.datetime):
        partitie = partitie.date()
    columns = frame.columns
    present = set(columns)
    resolved = contract.resolve(columns)
    kinds = {name: spec.type for name, spec in resolved}

    # (key, result or None=filled in by GX) in contract order
    ordered: list[tuple[str, RuleResult | None]] = []
    planned: list[expectations.PlannedRule] = []

    def plan(rules: list[expectations.PlannedRule]) -> None:
        planned.extend(rules)
        ordered.extend((p.rule, None) for p in rules)

    def local(result: RuleResult) -> None:
        ordered.append((result.rule, result))

    for name, spec in resolved:
        here = name in present
        type_result = custom_rules.type_rule(frame, name, spec) if here else None
        type_ok = bool(type_result and type_result.passed)
        exists, *values = expectations.column_expectations(name, spec, present=here, type_ok=type_ok, today=today)
        plan([exists])
        if type_result is not None:
            local(type_result)
        plan(values)
        if here and type_ok and spec.elfproef:
            local(custom_rules.elfproef_rule(frame, name))

    for spec in contract.kolommen:
        if spec.is_pattern:
            local(custom_rules.pattern_exists_rule(columns, spec))

    missing_combination = [c for c in contract.unieke_combinatie if c not in present]
    if missing_combination:
        local(RuleResult("unieke_combinatie: " + ", ".join(contract.unieke_combinatie), None, False,
                         detail="kolom ontbreekt", engine="polars"))
    plan(expectations.table_expectations(contract, columns))

    month_column = contract.maand_gelijk_aan_partitie
    if month_column in present and custom_rules.dtype_fits("datum", frame.schema[month_column]):
        local(custom_rules.month_rule(frame, month_column, partitie))

    for result in custom_rules.forbidden_rules(frame, contract.persoonsgegevens_verboden):
        local(result)

    index_column = custom_rules.ROW_COLUMN if custom_rules.ROW_COLUMN in present else None
    keep = list(dict.fromkeys(
        [n for n, _ in resolved if n in present]
        + [c for c in contract.unieke_combinatie if c in present]
        + ([index_column] if index_column else [])
    ))
    pandas_frame = _pandas_ready(frame, kinds, keep).to_pandas()
    gx_results = gx_session.validate(pandas_frame, planned, name=contract.naam, index_column=index_column)
    by_rule = {r.rule: r for r in gx_results}

    results = [result if result is not None else by_rule[key] for key, result in ordered]
    return CheckOutcome(contract.naam, contract.tabel, contract.blokkerend, frame.height, results)
