"""A contract over many months, in chunks: bounded memory without weakening a rule.

A large table is checked in chunks of whole months (at most `limit` rows each, a month larger
than that alone) by `check_frame`; the outcomes are merged rule by rule (a rule passes when it
passed in every chunk; failing rows add up). Rules that a chunk cannot judge alone are decided
over all checked rows together: uniqueness (`uniek`, `unieke_combinatie`) counted in DuckDB, and
`rijen_minimaal` on the total. Nothing returned holds a value from the data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb

from pipeline.contracts.outcome import MAX_ROW_NUMBERS, CheckOutcome, RuleResult
from pipeline.contracts.schema import Contract


@dataclass(frozen=True)
class Chunk:
    first: dt.date
    last: dt.date
    rows: int


def month_chunks(con: duckdb.DuckDBPyConnection, table: str, column: str, where: str, params: list,
                 limit: int) -> list[Chunk | None]:
    """Consecutive months of `table` (rows matching `where`) grouped into chunks of at most `limit` rows.

    `[None]` means: check every matching row in one piece (they fit, there are none — the
    contract still judges an empty table — or some rows have no month)."""
    counts = con.execute(
        f"select {column}, count(*) from {table} {where} group by 1 order by 1 nulls last", params).fetchall()
    if sum(n for _, n in counts) <= limit or any(month is None for month, _ in counts):
        return [None]
    chunks: list[Chunk] = []
    first, last, rows = None, None, 0
    for month, n in counts:
        if first is not None and rows + n > limit:
            chunks.append(Chunk(first, last, rows))
            first, rows = None, 0
        if first is None:
            first = month
        last, rows = month, rows + n
    chunks.append(Chunk(first, last, rows))
    return chunks


def unique_results(con: duckdb.DuckDBPyConnection, contract: Contract, table: str, where: str,
                   params: list) -> list[RuleResult]:
    """The uniqueness rules of `contract` over every row matching `where`, counted in DuckDB."""
    present = [r[0] for r in con.execute(f"select * from {table} limit 0").description]
    results = []
    for name, spec in contract.resolve(present):
        if spec.uniek and name in present:
            results.append(_duplicates(con, table, where, params, [name], f"{name}: uniek", name))
    combination = list(contract.unieke_combinatie)
    if combination and all(c in present for c in combination):
        results.append(_duplicates(con, table, where, params, combination,
                                   "unieke_combinatie: " + ", ".join(combination), None))
    return results


def _duplicates(con, table: str, where: str, params: list, columns: list[str], rule: str,
                column: str | None) -> RuleResult:
    cols = ", ".join(f'"{c}"' for c in columns)
    not_all_null = " or ".join(f'"{c}" is not null' for c in columns)
    condition = f"({not_all_null})"
    where_all = f"{where} and {condition}" if where else f"where {condition}"
    count = con.execute(
        f"select coalesce(sum(n), 0) from (select count(*) as n from {table} {where_all} group by {cols} "
        "having count(*) > 1)", params).fetchall()[0][0]
    return RuleResult(rule, column, count == 0, int(count), [], engine="duckdb")


def merge_outcomes(contract: Contract, outcomes: list[CheckOutcome], uniques: list[RuleResult]) -> CheckOutcome:
    """One outcome from the chunks' outcomes (same rules, same order) and the overall uniqueness results."""
    if len(outcomes) == 1 and not uniques:
        return outcomes[0]
    rows = sum(o.rows for o in outcomes)
    overall = {r.rule: r for r in uniques}
    merged: list[RuleResult] = []
    by_rule = [{r.rule: r for r in o.results} for o in outcomes]
    for first in outcomes[0].results:
        if first.rule in overall:
            merged.append(overall[first.rule])
            continue
        parts = [rules[first.rule] for rules in by_rule if first.rule in rules]
        if first.rule == "rijen_minimaal" and contract.rijen_minimaal is not None:
            ok = rows >= contract.rijen_minimaal
            merged.append(RuleResult(first.rule, None, ok, detail=None if ok else f"{rows} rijen, te weinig",
                                     engine=first.engine))
            continue
        numbers: list[int] = []
        for part in parts:
            numbers += part.failing_row_numbers
        merged.append(RuleResult(
            first.rule, first.column, all(p.passed for p in parts), sum(p.failing_rows for p in parts),
            numbers[:MAX_ROW_NUMBERS], next((p.detail for p in parts if p.detail), None), first.engine))
    return CheckOutcome(contract.naam, contract.tabel, contract.blokkerend, rows, merged)
