"""Policy steps between the SQL models: the policy table, the melding-level pick-up decision and
the approach list. The Dagster assets and the plain build (tests, `simuleer`) call these.
"""

from __future__ import annotations

import duckdb
import polars as pl

from pipeline.policy import PolicySet, route, route_pickup

#: Same-month facts the pick-up rules may use, plus the reference flag bekend_shv.
PICKUP_QUERY = """
    select
        k.melding_id, k.gemeentecode, k.maand, k.leeftijd,
        cast(k.totaal_bedrag as double) as totaal_bedrag, k.aantal_signalen, k.is_meervoudig,
        k.is_crisis, k.signaalpartner_types, k.telefoon_bekend, k.email_bekend,
        r.minderjarige_kinderen, r.bekend_shv
    from int_melding_kandidaten as k
    inner join int_melding_referentie as r using (melding_id)
"""

AANPAK_COLUMNS = (
    "melding_id", "gemeentecode", "maand", "aanpak", "kanalen", "brief_sjabloon", "prioriteit",
    "consulent", "bewind_overwegen", "andere_systemen_raadplegen", "uitgesteld", "regel", "reden",
    "signaalstatus", "opgepakt",
)


def replace_table(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> None:
    """Replace a table's rows with a frame in one transaction (the table keeps its schema)."""
    con.register("_frame", frame)
    try:
        con.execute("begin transaction")
        con.execute(f"delete from {table}")
        con.execute(f"insert into {table} by name select * from _frame")
        con.execute("commit")
    finally:
        con.unregister("_frame")


def write_beleid(con: duckdb.DuckDBPyConnection, policies: PolicySet) -> int:
    """raw_beleid: per gemeentecode the policy and its signal-level threshold ('*' = default)."""
    rows = [
        {"gemeentecode": code, "beleid": policy.name, "drempelbedrag": policy.drempelbedrag}
        for code, policy in policies.by_gemeente().items()
    ]
    replace_table(con, "raw_beleid", pl.DataFrame(
        rows, schema={"gemeentecode": pl.Utf8, "beleid": pl.Utf8, "drempelbedrag": pl.Float64}))
    return len(rows)


def decide_pickup(con: duckdb.DuckDBPyConnection, policies: PolicySet) -> int:
    """melding_opname: which candidate meldingen the policy picks up; returns how many it does not."""
    candidates = con.sql(PICKUP_QUERY).pl()
    decided = route_pickup(candidates, policies).select("melding_id", "opgepakt", "signaalstatus", "regel")
    replace_table(con, "melding_opname", decided)
    return decided.filter(~pl.col("opgepakt")).height


def route_candidates(con: duckdb.DuckDBPyConnection, policies: PolicySet) -> pl.DataFrame:
    """Every candidate melding routed by its gemeente's policy (the approach list's rows)."""
    features = con.sql("select * from int_aanpak_kenmerken order by melding_id").pl()
    return route(features, policies).select(AANPAK_COLUMNS)


def write_aanpaklijst(con: duckdb.DuckDBPyConnection, policies: PolicySet) -> int:
    """aanpaklijst: one row per melding with aanpak, kanalen, priority, consultant, rule and reason."""
    routed = route_candidates(con, policies)
    replace_table(con, "aanpaklijst", routed)
    return routed.height
