"""Contract -> Great Expectations expectations, one per (column, rule) of the contract.

Importing this module imports great_expectations (seconds); `pipeline.contracts` imports it
only inside `check_frame`. The mapping:

    verplicht          ExpectColumnValuesToNotBeNull
    waarden            ExpectColumnValuesToBeInSet
    minimum / maximum  ExpectColumnValuesToBeBetween (one expectation each)
    niet_voor/niet_na  ExpectColumnValuesToBeBetween on dates ('vandaag' = the check's today)
    patroon            ExpectColumnValuesToMatchRegex
    uniek              ExpectColumnValuesToBeUnique
    (every column)     ExpectColumnToExist
    unieke_combinatie  ExpectCompoundColumnsToBeUnique
    rijen_minimaal     ExpectTableRowCountToBeBetween

Every expectation carries ``meta={"regel": <rule name>, "kolom": <column>}`` so results map
back to contract rules.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

os.environ["GX_ANALYTICS_ENABLED"] = "False"  # before the import below

import great_expectations.expectations as gxe  # noqa: E402

from pipeline.contracts.schema import TODAY, ColumnRule, Contract  # noqa: E402


@dataclass(frozen=True)
class PlannedRule:
    rule: str
    column: str | None
    expectation: gxe.Expectation


def _meta(rule: str, column: str | None) -> dict:
    return {"regel": rule, "kolom": column}


def _moment(value: dt.date | str, today: dt.date) -> dt.datetime:
    day = today if value == TODAY else value
    assert isinstance(day, dt.date)
    return dt.datetime.combine(day, dt.time())


def _full_match(pattern: str) -> str:
    r"""A trailing ``$`` also matches before a final newline in Python; ``\Z`` does not."""
    if pattern.endswith("$") and not pattern.endswith(r"\$"):
        return pattern[:-1] + r"\Z"
    return pattern


def column_expectations(
    column: str, spec: ColumnRule, *, present: bool, type_ok: bool, today: dt.date
) -> list[PlannedRule]:
    """The expectations for one concrete column.

    A missing column gets only the existence check; a column of the wrong type (reported by
    the polars type rule) keeps verplicht and uniek but not the value rules, which would only
    raise errors.
    """
    planned = [
        PlannedRule(f"{column}: bestaat", column,
                    gxe.ExpectColumnToExist(column=column, meta=_meta(f"{column}: bestaat", column)))
    ]
    if not present:
        return planned

    def add(key: str, expectation_type: type[gxe.Expectation], **kwargs) -> None:
        rule = f"{column}: {key}"
        planned.append(PlannedRule(rule, column, expectation_type(column=column, meta=_meta(rule, column), **kwargs)))

    if spec.verplicht:
        add("verplicht", gxe.ExpectColumnValuesToNotBeNull)
    if spec.uniek:
        add("uniek", gxe.ExpectColumnValuesToBeUnique)
    if not type_ok:
        return planned
    if spec.waarden is not None:
        add("waarden", gxe.ExpectColumnValuesToBeInSet, value_set=list(spec.waarden))
    if spec.minimum is not None:
        add("minimum", gxe.ExpectColumnValuesToBeBetween, min_value=spec.minimum)
    if spec.maximum is not None:
        add("maximum", gxe.ExpectColumnValuesToBeBetween, max_value=spec.maximum)
    if spec.niet_voor is not None:
        add("niet_voor", gxe.ExpectColumnValuesToBeBetween, min_value=_moment(spec.niet_voor, today))
    if spec.niet_na is not None:
        add("niet_na", gxe.ExpectColumnValuesToBeBetween, max_value=_moment(spec.niet_na, today))
    if spec.patroon is not None:
        add("patroon", gxe.ExpectColumnValuesToMatchRegex, regex=_full_match(spec.patroon))
    return planned


def table_expectations(contract: Contract, columns: list[str]) -> list[PlannedRule]:
    planned: list[PlannedRule] = []
    if contract.unieke_combinatie:
        rule = "unieke_combinatie: " + ", ".join(contract.unieke_combinatie)
        if all(c in columns for c in contract.unieke_combinatie):
            planned.append(PlannedRule(rule, None, gxe.ExpectCompoundColumnsToBeUnique(
                column_list=list(contract.unieke_combinatie), meta=_meta(rule, None))))
    if contract.rijen_minimaal is not None:
        planned.append(PlannedRule("rijen_minimaal", None, gxe.ExpectTableRowCountToBeBetween(
            min_value=contract.rijen_minimaal, meta=_meta("rijen_minimaal", None))))
    return planned
