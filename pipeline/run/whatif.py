"""What-if: run another policy over a gemeente's history and compare the workload per aanpak.

Everything happens in an in-memory DuckDB with a throw-away key: the warehouse, the
publication and the exports are never touched.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import secrets
from pathlib import Path

import duckdb
import polars as pl

from pipeline.run.build import build_all
from pipeline.warehouse.catalog import MODELS
from pipeline.ingest.landing import ingest_month, ingest_reference, landing_months
from pipeline.policy import AANPAKKEN, Policy, PolicySet, load_policies, load_policy, workload_per_aanpak
from pipeline.policy.steps import route_candidates
from pipeline.ingest.raw_tables import CONTACTPOGING_INPUT, REFERENCE_INPUTS, SIGNAAL_INPUT, RAW_DDL
from pipeline.common.settings import Settings
from pipeline.warehouse.connection import BOOKKEEPING_DDL, ensure_raw_tables, prepare_connection


def ingest_landing(landing: Path) -> duckdb.DuckDBPyConnection:
    """Every month and reference file of a landing folder in a fresh in-memory warehouse."""
    con = duckdb.connect()
    settings = Settings(landing=landing, out=Path("/nonexistent"))
    prepare_connection(con, settings, secrets.token_hex(32))
    ensure_raw_tables(con, {**RAW_DDL, **BOOKKEEPING_DDL})
    for inp in (SIGNAAL_INPUT, CONTACTPOGING_INPUT):
        for month in landing_months(landing, inp.soort):
            ingest_month(con, landing, inp, month)
    for inp in REFERENCE_INPUTS:
        ingest_reference(con, landing, inp)
    return con


def with_policy_for(policies: PolicySet, gemeentecode: str, alternative: Policy) -> PolicySet:
    """The same policies, except that `gemeentecode` follows `alternative`."""
    kept = [
        dataclasses.replace(p, gemeentecodes=tuple(c for c in p.gemeentecodes if c != gemeentecode))
        for p in policies.policies
    ]
    # the alternative applies to every month of the what-if, whatever its own geldig_vanaf
    return PolicySet([*kept, dataclasses.replace(alternative, gemeentecodes=(gemeentecode,), standaard=False, geldig_vanaf=None)])


def workload(con: duckdb.DuckDBPyConnection, policies: PolicySet, gemeentecode: str,
             van: dt.date | None, tot: dt.date | None) -> pl.DataFrame:
    build_all(con, MODELS, policies)
    routed = route_candidates(con, policies).filter(pl.col("gemeentecode") == gemeentecode)
    if van:
        routed = routed.filter(pl.col("maand") >= van)
    if tot:
        routed = routed.filter(pl.col("maand") <= tot)
    return workload_per_aanpak(routed)


def simulate(landing: Path, policies_dir: Path, alternative_file: Path, gemeentecode: str,
             van: dt.date | None = None, tot: dt.date | None = None) -> tuple[pl.DataFrame, str, str]:
    """Per month and aanpak: meldingen under the gemeente's own policy and under the alternative."""
    policies = load_policies(policies_dir)
    alternative = load_policy(alternative_file)
    con = ingest_landing(landing)
    try:
        own = workload(con, policies, gemeentecode, van, tot).rename({"aantal_meldingen": "eigen"})
        other = workload(con, with_policy_for(policies, gemeentecode, alternative), gemeentecode, van, tot)
    finally:
        con.close()
    joined = own.join(
        other.rename({"aantal_meldingen": "alternatief"}), on=["gemeentecode", "maand", "aanpak"], how="full", coalesce=True
    ).with_columns(pl.col("eigen").fill_null(0), pl.col("alternatief").fill_null(0))
    order = {a: i for i, a in enumerate(AANPAKKEN)}
    joined = joined.with_columns(pl.col("aanpak").replace_strict(order, default=99).alias("_volgorde")).sort(
        "maand", "_volgorde").drop("_volgorde")
    return joined, policies.for_gemeente(gemeentecode).name, alternative.name


def format_comparison(table: pl.DataFrame, own_name: str, other_name: str, *, per_month: bool) -> str:
    lines = []
    months = table["maand"].n_unique()
    totals = table.group_by("aanpak", maintain_order=True).agg(pl.col("eigen").sum(), pl.col("alternatief").sum())
    lines.append(f"Werklast per aanpak over {months} maand(en), gemiddeld per maand:")
    lines.append(f"{'aanpak':<14}{own_name[:14]:>14}{other_name[:14]:>14}{'verschil':>10}")
    for row in totals.iter_rows(named=True):
        own, other = row["eigen"] / months, row["alternatief"] / months
        lines.append(f"{row['aanpak']:<14}{own:>14.1f}{other:>14.1f}{other - own:>+10.1f}")
    if per_month:
        lines.append("")
        lines.append(f"{'maand':<9}{'aanpak':<14}{own_name[:14]:>14}{other_name[:14]:>14}")
        for row in table.iter_rows(named=True):
            lines.append(f"{row['maand']:%Y-%m}  {row['aanpak']:<14}{row['eigen']:>14}{row['alternatief']:>14}")
    return "\n".join(lines)
