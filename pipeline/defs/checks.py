"""Blocking SQL checks (sql/checks/<asset>__<name>.sql): each query returns the offending rows.

A check passes when its query returns no rows. They are blocking: a failure stops the
publication in the same run, so analysts keep the last good publication.

The queries on month-keyed tables look at the run's months: the DuckDB variable `vanaf` is set
from `run_bereik` (a full run: every month; nothing new: none), as for the SQL models. Rows of
earlier months are the ones the last successful run checked, unchanged since (a run rewrites only
the months >= vanaf, and its range is closed only after its publication). Without the variable
(a query run by hand) a check looks at every row.
"""

import datetime as dt
from pathlib import Path

import dagster as dg

from pipeline.defs.resources import Omgeving, warehouse_step
from pipeline.common.settings import PROJECT_ROOT
from pipeline.warehouse.models import description_of
from pipeline.warehouse.run_range import RunRange

CHECKS_DIR = PROJECT_ROOT / "sql" / "checks"

#: every month (a full run)
FIRST = dt.date(1, 1, 1)
#: no month (nothing new): only rows without a month are looked at
NONE = dt.date(9999, 12, 1)


def check_from(bereik: RunRange) -> dt.date:
    """The value of `vanaf` for the checks of a run with range `bereik`."""
    if bereik.volledig:
        return FIRST
    return bereik.vanaf if bereik.vanaf is not None else NONE


def run_check_query(con, sql: str, limit: int = 5) -> tuple[int, list[tuple]]:
    body = sql.strip().rstrip(";")
    count = con.execute(f"select count(*) from ({body})").fetchall()[0][0]
    sample = con.execute(f"select * from ({body}) limit {limit}").fetchall() if count else []
    return count, sample


def sql_check(path: Path) -> dg.AssetChecksDefinition:
    asset, name = path.stem.split("__", 1)
    sql = path.read_text(encoding="utf-8")

    @dg.asset_check(asset=asset, name=name, blocking=True, description=description_of(sql))
    def _check(context: dg.AssetCheckExecutionContext, omgeving: Omgeving) -> dg.AssetCheckResult:
        with warehouse_step(context, omgeving, f"controle {name}", read_only=True) as (_, progress, con, bereik):
            con.execute("set variable vanaf = ?", [check_from(bereik)])
            count, _ = run_check_query(con, sql)
        progress(f"{asset}: " + ("gehaald" if count == 0 else f"niet gehaald ({count} foute rijen)"))
        return dg.AssetCheckResult(
            passed=count == 0,
            metadata={"foute_rijen": count, "query": str(path.relative_to(PROJECT_ROOT)),
                      "bereik": bereik.text(), "seconden": round(progress.elapsed, 2)},
        )

    return _check


sql_checks = [sql_check(p) for p in sorted(CHECKS_DIR.glob("*__*.sql"))]
