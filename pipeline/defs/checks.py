"""Blocking SQL checks (sql/checks/<asset>__<name>.sql): each query returns the offending rows.

A check passes when its query returns no rows. They are blocking: a failure stops the
publication in the same run, so analysts keep the last good publication.
"""


from pathlib import Path

import dagster as dg

from pipeline.common.progress import Progress
from pipeline.defs.resources import Omgeving
from pipeline.common.settings import PROJECT_ROOT
from pipeline.warehouse.models import description_of
from pipeline.warehouse.connection import open_warehouse

CHECKS_DIR = PROJECT_ROOT / "sql" / "checks"


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
        progress = Progress(f"controle {name}", context.log.info)
        with open_warehouse(omgeving.settings(), read_only=True) as con:
            count, _ = run_check_query(con, sql)
        progress(f"{asset}: " + ("gehaald" if count == 0 else f"niet gehaald ({count} foute rijen)"))
        return dg.AssetCheckResult(
            passed=count == 0,
            metadata={"foute_rijen": count, "query": str(path.relative_to(PROJECT_ROOT)),
                      "seconden": round(progress.elapsed, 2)},
        )

    return _check


sql_checks = [sql_check(p) for p in sorted(CHECKS_DIR.glob("*__*.sql"))]
