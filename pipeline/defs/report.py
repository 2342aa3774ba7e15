"""The manager report, rebuilt from the publication after every successful run."""

import os

import dagster as dg

from pipeline.resources import Omgeving

#: Above this many gemeenten (a national run) only alle.html is rebuilt each run; per-gemeente
#: reports then come from `vroegsignaal rapport --gemeente CODE` (each file inlines plotly, ~5 MB).
MAX_GEMEENTE_REPORTS = int(os.environ.get("VROEGSIGNAAL_RAPPORT_MAX_GEMEENTEN", "25"))


def report_selection(codes: list[str]) -> list[str]:
    return codes if len(codes) <= MAX_GEMEENTE_REPORTS else []


@dg.asset(
    group_name="exports", kinds={"python", "html"}, deps=[dg.AssetKey("publicatie")],
    description="OUT/rapport/<gemeente>.html and alle.html: a self-contained Dutch report for managers "
    "(headline figures against the national figures, monthly trends, creditor mix, the three bottlenecks, "
    "workload per aanpak), built only from the pseudonymised publication.",
)
def rapport(context: dg.AssetExecutionContext, omgeving: Omgeving) -> dg.MaterializeResult:
    import duckdb

    from pipeline.report import write_reports  # lazy: plotly only when the report is written

    settings = omgeving.settings()
    con = duckdb.connect(str(settings.analytics), read_only=True)
    try:
        codes = [r[0] for r in con.execute(
            "select distinct gemeentecode from monitor_maand where gemeentecode <> 'alle' order by 1").fetchall()]
    finally:
        con.close()
    paths = write_reports(settings.analytics, settings.out / "rapport", report_selection(codes))
    context.log.info(f"rapport: {len(paths)} bestanden in {settings.out / 'rapport'}")
    return dg.MaterializeResult(metadata={"bestanden": len(paths)})
