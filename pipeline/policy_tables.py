"""Policy steps between the SQL models: the policy table, the melding-level pick-up decision and
the approach list. The Dagster assets and the plain build (tests, `simuleer`) call these.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

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


def policy_hash(policy) -> str:
    """sha256 of the policy file (the policy version)."""
    if policy.source_file is None:  # a policy built in memory (tests)
        return hashlib.sha256(repr(policy).encode()).hexdigest()
    return hashlib.sha256(Path(policy.source_file).read_bytes()).hexdigest()


def write_beleid(con: duckdb.DuckDBPyConnection, policies: PolicySet) -> int:
    """raw_beleid: per gemeentecode the policy, its version (file hash), its signal-level threshold
    and the months it applies to ('*' = default). Until policy files carry `geldig_vanaf`, every
    version applies from 1900-01-01, open-ended."""
    rows = [
        {"gemeentecode": code, "beleid": policy.name, "beleid_hash": policy_hash(policy),
         "drempelbedrag": policy.drempelbedrag, "geldig_vanaf": dt.date(1900, 1, 1), "geldig_tot": None}
        for code, policy in policies.by_gemeente().items()
    ]
    replace_table(con, "raw_beleid", pl.DataFrame(
        rows, schema={"gemeentecode": pl.Utf8, "beleid": pl.Utf8, "beleid_hash": pl.Utf8, "drempelbedrag": pl.Float64,
                      "geldig_vanaf": pl.Date, "geldig_tot": pl.Date}))
    return len(rows)


def replace_months(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame, since: dt.date | None,
                   month_of: str) -> None:
    """Replace the rows of months >= `since` (all rows when None) in one transaction."""
    if since is None:
        replace_table(con, table, frame)
        return
    con.register("_frame", frame)
    try:
        con.execute("begin transaction")
        con.execute(f"delete from {table} where {month_of} >= ?", [since])
        con.execute(f"insert into {table} by name select * from _frame")
        con.execute("commit")
    finally:
        con.unregister("_frame")


def decide_pickup(con: duckdb.DuckDBPyConnection, policies: PolicySet, since: dt.date | None = None) -> int:
    """melding_opname: which candidate meldingen the policy picks up (of months >= `since`, or all);
    returns how many it does not pick up."""
    where = "where k.maand >= $since" if since else ""
    candidates = con.sql(f"{PICKUP_QUERY} {where}", params={"since": since} if since else None).pl()
    decided = route_pickup(candidates, policies).select("melding_id", "opgepakt", "signaalstatus", "regel")
    # melding_id is <gemeentecode>-<YYYYMM>-<hash>: its month is in the id itself
    replace_months(con, "melding_opname", decided, since, "strptime(split_part(melding_id, '-', 2), '%Y%m')::date")
    return decided.filter(~pl.col("opgepakt")).height


def route_candidates(con: duckdb.DuckDBPyConnection, policies: PolicySet, since: dt.date | None = None) -> pl.DataFrame:
    """Candidate meldingen (of months >= `since`, or all) routed by their gemeente's policy."""
    where = "where maand >= $since" if since else ""
    features = con.sql(f"select * from int_aanpak_kenmerken {where} order by melding_id",
                       params={"since": since} if since else None).pl()
    return route(features, policies).select(AANPAK_COLUMNS)


def write_aanpaklijst(con: duckdb.DuckDBPyConnection, policies: PolicySet, since: dt.date | None = None) -> int:
    """aanpaklijst: one row per melding with aanpak, kanalen, priority, consultant, rule and reason."""
    routed = route_candidates(con, policies, since)
    replace_months(con, "aanpaklijst", routed, since, "maand")
    return routed.height


# --------------------------------------------------------------------------- #
# Incremental policy steps: the outcome for month M depends only on data dated up to the end of M,
# so a run only recomputes months from its first month on — unless the policies or the reference
# files changed (then everything), or the run delivers contact attempts dated earlier.
# --------------------------------------------------------------------------- #

FINGERPRINT_DDL = "create table if not exists stap_vingerafdruk (stap varchar, vingerafdruk varchar)"


def fingerprint(con: duckdb.DuckDBPyConnection, policies: PolicySet) -> str:
    digest = hashlib.sha256()
    for policy in sorted(policies.policies, key=lambda p: str(p.source_file)):
        digest.update(Path(policy.source_file).read_bytes())
    for row in con.execute("select soort, bestand, sha256 from raw_bestanden where partitie is null order by all").fetchall():
        digest.update(repr(row).encode())
    return digest.hexdigest()


def recompute_from(con: duckdb.DuckDBPyConnection, policies: PolicySet, step: str, run_start: dt.date | None) -> dt.date | None:
    """The first month a step must recompute; None = every month."""
    con.execute(FINGERPRINT_DDL)
    current = fingerprint(con, policies)
    stored = con.execute("select vingerafdruk from stap_vingerafdruk where stap = ?", [step]).fetchall()
    con.execute("delete from stap_vingerafdruk where stap = ?", [step])
    con.execute("insert into stap_vingerafdruk values (?, ?)", [step, current])
    if run_start is None or not stored or stored[0][0] != current:
        return None
    earliest = con.execute(
        "select min(date_trunc('month', contactdatum))::date from raw_contactpogingen where partitie >= ?", [run_start]
    ).fetchall()[0][0]
    return min(run_start, earliest) if earliest else run_start
