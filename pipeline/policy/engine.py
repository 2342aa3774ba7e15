"""Routing: feature rows in, one decision row per melding out (same order)."""

from __future__ import annotations

import polars as pl

from pipeline.policy import measures as M
from pipeline.policy.conditions import to_expr
from pipeline.policy.explain import reden_expr
from pipeline.policy.frames import (
    BEKEND_SHV,
    FEATURE_SCHEMA,
    OPGEPAKT,
    OUTPUT_SCHEMA,
    PICKUP_SCHEMA,
    conform,
)
from pipeline.policy.model import Outcome, Policy, PolicySet, Rule

_ROW = "__rij"
_NO_RULE_OUTCOME = Outcome("geen", ())


def _first_match(rules: tuple[Rule, ...], otherwise: str | None) -> pl.Expr:
    """Id of the first rule whose conditions hold."""
    if not rules:
        return pl.lit(otherwise, dtype=pl.Utf8)
    expr = pl.when(to_expr(rules[0].als)).then(pl.lit(rules[0].id))
    for rule in rules[1:]:
        expr = expr.when(to_expr(rule.als)).then(pl.lit(rule.id))
    return expr.otherwise(pl.lit(otherwise, dtype=pl.Utf8))


def _by_rule(policy: Policy, attribute, dtype: pl.DataType) -> pl.Expr:
    """Per-row value of an outcome attribute of the deciding rule."""
    expr = pl.when(pl.col(M.RULE) == M.NO_RULE).then(
        pl.lit(attribute(_NO_RULE_OUTCOME), dtype=dtype)
    )
    for rule in policy.rules:
        expr = expr.when(pl.col(M.RULE) == rule.id).then(pl.lit(attribute(rule.dan), dtype=dtype))
    return expr.otherwise(pl.lit(None, dtype=dtype))


def _route_one(frame: pl.DataFrame, policy: Policy) -> pl.DataFrame:
    frame = frame.with_columns(_first_match(policy.rules, M.NO_RULE).alias(M.RULE))
    frame = frame.with_columns(
        _by_rule(policy, lambda o: o.aanpak, pl.Utf8).alias(M.R_AANPAK),
        _by_rule(policy, lambda o: list(o.kanalen), pl.List(pl.Utf8)).alias(M.R_KANALEN),
        _by_rule(policy, lambda o: o.brief_sjabloon, pl.Utf8).alias(M.R_SJABLOON),
        _by_rule(policy, lambda o: o.prioriteit, pl.Int64).alias(M.R_PRIORITEIT),
        _by_rule(policy, lambda o: o.signaalstatus, pl.Utf8).alias(M.R_STATUS),
    )
    frame = M.apply_measures(frame, policy)
    frame = frame.with_columns(reden_expr(policy))
    return frame.select(
        [pl.col(name).cast(dtype) for name, dtype in OUTPUT_SCHEMA.items()]
    )


def _partition(frame: pl.DataFrame, policies: PolicySet) -> list[tuple[Policy, pl.DataFrame]]:
    """Split rows by the policy covering their gemeentecode (default: standaard) and, when some
    file says geldig_vanaf, their month (`maand`)."""
    index = {id(policy): i for i, policy in enumerate(policies.policies)}
    if policies.has_versions:
        keys = frame.select("gemeentecode", "maand").unique()
        chosen = [index[id(policies.for_gemeente(code, maand))] for code, maand in keys.iter_rows()]
        keyed = frame.join(
            keys.with_columns(pl.Series("__beleid", chosen, dtype=pl.Int64)),
            on=["gemeentecode", "maand"], how="left", nulls_equal=True, maintain_order="left",
        )
    else:
        by_code = {code: index[id(p)] for code, p in policies.by_code.items()}
        default = index[id(policies.standaard)]
        keyed = frame.with_columns(
            pl.col("gemeentecode")
            .replace_strict(by_code, default=default, return_dtype=pl.Int64)
            .fill_null(default)
            .alias("__beleid")
        )
    parts = []
    for i, policy in enumerate(policies.policies):
        part = keyed.filter(pl.col("__beleid") == i).drop("__beleid")
        if part.height:
            parts.append((policy, part))
    return parts


def route(features: pl.DataFrame, policies: PolicySet | Policy) -> pl.DataFrame:
    """Route every melding to an aanpak; one output row per input row, same order.

    `features` must hold every FEATURE_SCHEMA column (extra columns are ignored);
    the result has exactly OUTPUT_SCHEMA.
    """
    frame = conform(features, FEATURE_SCHEMA)
    if isinstance(policies, Policy):
        return _route_one(frame, policies)
    if not isinstance(policies, PolicySet):
        raise TypeError(f"verwacht Policy of PolicySet, kreeg {type(policies).__name__}")
    if frame.height == 0:
        return _route_one(frame, policies.standaard)
    frame = frame.with_row_index(_ROW)
    routed = [
        _route_one(part.drop(_ROW), policy).with_columns(part[_ROW])
        for policy, part in _partition(frame, policies)
    ]
    return pl.concat(routed).sort(_ROW).drop(_ROW)


def _pickup_one(frame: pl.DataFrame, policy: Policy, with_shv: bool) -> pl.DataFrame:
    rules = policy.pickup_rules
    frame = frame.with_columns(_first_match(rules, None).alias("regel"))
    status = pl.lit(OPGEPAKT)
    for rule in rules:
        if not rule.dan.opgepakt:
            status = pl.when(pl.col("regel") == rule.id).then(pl.lit(rule.dan.signaalstatus)).otherwise(status)
    frame = frame.with_columns(status.alias("signaalstatus"))
    if with_shv:
        shv = (pl.col("signaalstatus") == OPGEPAKT) & pl.col("bekend_shv").fill_null(False)
        frame = frame.with_columns(
            pl.when(shv).then(pl.lit(BEKEND_SHV)).otherwise(pl.col("signaalstatus")).alias("signaalstatus"),
            pl.when(shv).then(pl.lit("bekend_shv")).otherwise(pl.col("regel")).alias("regel"),
        )
    frame = frame.with_columns((pl.col("signaalstatus") == OPGEPAKT).alias("opgepakt"))
    return frame.select([pl.col(name).cast(dtype) for name, dtype in PICKUP_SCHEMA.items()])


def route_pickup(features_same_month: pl.DataFrame, policies: PolicySet | Policy) -> pl.DataFrame:
    """Decide pick-up from same-month columns only, before history is computed.

    Evaluates the policy's pickup_rules (up to and including its last rule that does
    not pick up): the first one that matches decides. `regel` is that rule's id, or
    null when none of them matched (then opgepakt = true). When the frame has a
    `bekend_shv` column, residents known to schuldhulpverlening get that status,
    as in `route`. Returns melding_id, opgepakt, signaalstatus, regel; same order.
    Needs melding_id, the columns in `policy.pickup_columns`, and gemeentecode
    when given a PolicySet.
    """
    if isinstance(policies, Policy):
        chosen = [policies]
    elif isinstance(policies, PolicySet):
        chosen = list(policies.policies)
    else:
        raise TypeError(f"verwacht Policy of PolicySet, kreeg {type(policies).__name__}")
    needed = ["melding_id"]
    if isinstance(policies, PolicySet):
        needed.append("gemeentecode")
        if policies.has_versions:
            needed.append("maand")
    needed += [c for p in chosen for c in p.pickup_columns]
    with_shv = "bekend_shv" in features_same_month.columns
    if with_shv:
        needed.append("bekend_shv")
    frame = conform(features_same_month, needed)
    if isinstance(policies, Policy):
        return _pickup_one(frame, policies, with_shv)
    if frame.height == 0:
        return _pickup_one(frame, policies.standaard, with_shv)
    frame = frame.with_row_index(_ROW)
    decided = [
        _pickup_one(part, policy, with_shv).with_columns(part[_ROW])
        for policy, part in _partition(frame, policies)
    ]
    return pl.concat(decided).sort(_ROW).drop(_ROW)

