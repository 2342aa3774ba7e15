"""The conditions a rule may use, and how each becomes a polars expression.

Semantics: a condition on an unknown (null) value never holds. `niet:` is plain
negation of that two-valued result, so `niet: {leeftijd: {van: 18, tot: 27}}`
holds for an unknown age.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from pipeline.policy.frames import CONTACTSOORTEN, EINDRESULTATEN, SIGNAALPARTNER_TYPES
from pipeline.policy.tree import AllOf, AnyOf, Condition, Leaf, Not, Range


@dataclass(frozen=True)
class ConditionSpec:
    key: str  # as written in the policy file
    column: str  # FEATURE_SCHEMA column
    kind: str  # "range" | "flag" | "children" | "list_any" | "choice"
    same_month: bool  # known before history is computed
    bounds: tuple[str, ...] = ()  # allowed keys of a range
    integer: bool = False  # range bounds must be whole numbers
    choices: tuple[str, ...] = ()  # allowed values of "list_any" and "choice"


_SPECS = (
    ConditionSpec("leeftijd", "leeftijd", "range", True, ("van", "tot"), integer=True),
    ConditionSpec("bedrag", "totaal_bedrag", "range", True, ("min", "max", "boven", "onder")),
    ConditionSpec("meervoudig", "is_meervoudig", "flag", True),
    ConditionSpec("crisis", "is_crisis", "flag", True),
    ConditionSpec(
        "signaalpartner_types", "signaalpartner_types", "list_any", True, choices=SIGNAALPARTNER_TYPES
    ),
    ConditionSpec("minderjarige_kinderen", "minderjarige_kinderen", "children", True),
    ConditionSpec("telefoon_bekend", "telefoon_bekend", "flag", True),
    ConditionSpec("email_bekend", "email_bekend", "flag", True),
    ConditionSpec("opeenvolgend", "is_opeenvolgend", "flag", False),
    ConditionSpec("meldingen_12m", "meldingen_12m", "range", False, ("min", "max"), integer=True),
    ConditionSpec("eerder_bereikt", "eerder_bereikt", "flag", False),
    ConditionSpec("eerder_contactpoging", "eerder_contactpoging", "flag", False),
    ConditionSpec(
        "zonder_contact_op_rij", "zonder_contact_op_rij", "range", False, ("min", "max"), integer=True
    ),
    ConditionSpec(
        "maanden_sinds_vorige", "maanden_sinds_vorige", "range", False, ("min", "max"), integer=True
    ),
    ConditionSpec("opeenvolgend_zelfde_partner", "opeenvolgend_zelfde_partner", "flag", False),
    ConditionSpec("opeenvolgend_andere_partner", "opeenvolgend_andere_partner", "flag", False),
    ConditionSpec(
        "bedrag_trend", "bedrag_trend", "choice", False, choices=("hoger", "lager", "gelijk")
    ),
    ConditionSpec("eerdere_meldingen", "eerdere_meldingen", "range", False, ("min", "max"), integer=True),
    ConditionSpec("vorig_resultaat", "vorig_resultaat", "choice", False, choices=EINDRESULTATEN),
    ConditionSpec("vorige_soorten", "vorige_soorten", "list_any", False, choices=CONTACTSOORTEN),
)

CONDITIONS: dict[str, ConditionSpec] = {spec.key: spec for spec in _SPECS}
SAME_MONTH_KEYS: tuple[str, ...] = tuple(s.key for s in _SPECS if s.same_month)

# Keys that combine conditions, with accepted spellings.
ANY_OF_KEYS = ("of", "any_of")
ALL_OF_KEYS = ("alle", "all_of")
NOT_KEYS = ("niet",)


def range_expr(column: pl.Expr, rng: Range) -> pl.Expr:
    parts = []
    if rng.lower is not None:
        parts.append(column >= rng.lower if rng.lower_inclusive else column > rng.lower)
    if rng.upper is not None:
        parts.append(column <= rng.upper if rng.upper_inclusive else column < rng.upper)
    expr = parts[0]
    for part in parts[1:]:
        expr = expr & part
    return expr


def leaf_expr(leaf: Leaf) -> pl.Expr:
    """Boolean expression, null-free: unknown values never match."""
    spec = CONDITIONS[leaf.key]
    col = pl.col(spec.column)
    if spec.kind == "range":
        expr = range_expr(col, leaf.value)
    elif spec.kind == "flag":
        expr = col == pl.lit(leaf.value)
    elif spec.kind == "children":
        expr = col >= 1 if leaf.value else col == 0
    elif spec.kind == "list_any":
        expr = col.list.eval(pl.element().is_in(list(leaf.value))).list.any()
    elif spec.kind == "choice":
        expr = col.is_in(list(leaf.value))
    else:  # pragma: no cover - registry is closed
        raise AssertionError(spec.kind)
    return expr.fill_null(False)


def to_expr(condition: Condition) -> pl.Expr:
    """Boolean, null-free polars expression for a condition tree."""
    if isinstance(condition, Leaf):
        return leaf_expr(condition)
    if isinstance(condition, Not):
        return ~to_expr(condition.item)
    if isinstance(condition, AllOf):
        if not condition.items:
            return pl.lit(True)
        expr = to_expr(condition.items[0])
        for item in condition.items[1:]:
            expr = expr & to_expr(item)
        return expr
    if isinstance(condition, AnyOf):
        expr = to_expr(condition.items[0])
        for item in condition.items[1:]:
            expr = expr | to_expr(item)
        return expr
    raise TypeError(f"not a condition: {condition!r}")
