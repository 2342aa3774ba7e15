"""The manager report, rebuilt from the publication after a run that changed something: alle.html,
and the reports of the gemeenten with figures in the months the run changed (months >= vanaf)."""

import os

import dagster as dg

from pipeline.defs.resources import Omgeving, warehouse_step

#: Above this many gemeenten (a national run) only alle.html is rebuilt each run; per-gemeente
#: reports then come from `vroegsignaal rapport --gemeente CODE` (each file inlines plotly, ~5 MB).
MAX_GEMEENTE_REPORTS = int(os.environ.get("VROEGSIGNAAL_RAPPORT_MAX_GEMEENTEN", "25"))


def report_selection(codes: list[str], changed: list[str] | None = None) -> list[str]:
    """The gemeente reports to rebuild: none in a national run, else those whose months changed."""
    if len(codes) > MAX_GEMEENTE_REPORTS:
        return []
    return codes if changed is None else [c for c in codes if c in changed]


@dg.asset(
    group_name="exports", kinds={"python", "html"}, deps=[dg.AssetKey("publicatie")],
    description="OUT/rapport/<gemeente>.html and alle.html: a self-contained Dutch report for managers "
    "(headline figures against the national figures, monthly trends, creditor mix, the three bottlenecks, "
    "workload per aanpak), built only from the pseudonymised publication; rebuilt when the run changed "
    "something, per gemeente only for gemeenten with figures in the changed months.",
)
def rapport(context: dg.AssetExecutionContext, omgeving: Omgeving) -> dg.MaterializeResult:
    import duckdb

    with warehouse_step(context, omgeving, "rapport") as (settings, progress, _, bereik):
        unchanged = bereik.niets and (settings.out / "rapport" / "alle.html").exists()
    if unchanged:  # from here on the report reads only the publication
        progress("niets nieuws: rapport ongewijzigd")
        return dg.MaterializeResult(metadata={"bestanden": 0, "bereik": bereik.text()})
    con = duckdb.connect(str(settings.analytics), read_only=True)
    try:
        codes = [r[0] for r in con.execute(
            "select distinct gemeentecode from monitor_maand where gemeentecode <> 'alle' order by 1").fetchall()]
        condition, params = bereik.condition("maand")
        changed = [r[0] for r in con.execute(
            f"select distinct gemeentecode from monitor_maand where gemeentecode <> 'alle' and {condition}",
            params).fetchall()]
    finally:
        con.close()
    from pipeline.report import write_reports  # lazy: plotly only when the report is written

    chosen = report_selection(codes, changed)
    progress(f"rapport: {len(chosen)} gemeenten en alle")
    paths = write_reports(settings.analytics, settings.out / "rapport", chosen)
    progress(f"rapport: {len(paths)} bestanden in {settings.out / 'rapport'}", bestanden=len(paths))
    return dg.MaterializeResult(metadata={"bestanden": len(paths), "bereik": bereik.text(),
                                          "seconden": round(progress.elapsed, 2)})
