"""Policy steps between the SQL models: the policy table and the melding-level pick-up decision.

Both the Dagster assets and the plain build (tests, `simuleer`) call these functions.
"""

from __future__ import annotations

import duckdb
import polars as pl

from pipeline.policy import PolicySet, route_pickup

#: Same-month columns of int_melding_kandidaten that pick-up rules may use.
PICKUP_COLUMNS = (
    "melding_id", "gemeentecode", "maand", "leeftijd", "cast(totaal_bedrag as double) as totaal_bedrag", "aantal_signalen",
    "is_meervoudig", "is_crisis", "signaalpartner_types", "telefoon_bekend", "email_bekend",
)


def write_beleid(con: duckdb.DuckDBPyConnection, policies: PolicySet) -> int:
    """raw_beleid: per gemeentecode the policy and its signal-level threshold ('*' = default)."""
    rows = [
        {"gemeentecode": code, "beleid": policy.name, "drempelbedrag": policy.drempelbedrag}
        for code, policy in policies.by_gemeente().items()
    ]
    frame = pl.DataFrame(rows, schema={"gemeentecode": pl.Utf8, "beleid": pl.Utf8, "drempelbedrag": pl.Float64})  # noqa: F841
    con.execute("begin transaction")
    con.execute("delete from raw_beleid")
    con.execute("insert into raw_beleid by name select * from frame")
    con.execute("commit")
    return len(rows)


def decide_pickup(con: duckdb.DuckDBPyConnection, policies: PolicySet) -> int:
    """melding_opname: which candidate meldingen the policy picks up; returns how many it does not."""
    candidates = con.sql(f"select {', '.join(PICKUP_COLUMNS)} from int_melding_kandidaten").pl()
    decided = route_pickup(candidates, policies).select("melding_id", "opgepakt", "signaalstatus", "regel")  # noqa: F841
    con.execute("begin transaction")
    con.execute("delete from melding_opname")
    con.execute("insert into melding_opname by name select * from decided")
    con.execute("commit")
    return con.execute("select count(*) from melding_opname where not opgepakt").fetchall()[0][0]
