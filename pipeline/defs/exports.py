"""Caseworker exports: the werkvoorraad of the run's last month, per gemeente (personal data)."""

import datetime as dt

import dagster as dg

from pipeline.exports.werkvoorraad import write_werkvoorraad
from pipeline.resources import Omgeving
from pipeline.defs.models import upstream_keys
from pipeline.retention import gemeenten_in, purged_gemeenten, skipped_line
from pipeline.runner import LOG_KEY, RANGE_END
from pipeline.settings import PROJECT_ROOT
from pipeline.sql_models import tables_read
from pipeline.warehouse import open_warehouse


WERKVOORRAAD_SQL = (PROJECT_ROOT / "sql" / "exports" / "werkvoorraad.sql").read_text(encoding="utf-8")


def export_month(context: dg.AssetExecutionContext, con) -> dt.date | None:
    """The month to export: the run's partition (or the end of its range), else the latest month."""
    tags = context.run.tags
    key = tags.get(RANGE_END) or tags.get("dagster/partition")
    if key:
        return dt.date.fromisoformat(key)
    return con.execute("select max(maand) from aanpaklijst").fetchall()[0][0]


@dg.asset(
    group_name="exports", kinds={"python", "excel"}, pool="duckdb",
    deps=[*upstream_keys(tables_read(WERKVOORRAAD_SQL)), dg.AssetKey("publicatie")],
    description="Werkvoorraad per gemeente for the run's (last) month: OUT/exports/<gemeente>/"
    "werkvoorraad_<gemeente>_<YYYY-MM>.xlsx (a sheet per consultant plus 'Niet toegewezen', empty "
    "attempt columns to fill in) and .csv. Personal data: files are readable by the owner only.",
)
def werkvoorraad(context: dg.AssetExecutionContext, omgeving: Omgeving) -> dg.MaterializeResult:
    settings = omgeving.settings()
    with open_warehouse(settings) as con:
        month = export_month(context, con)
        frame = con.sql(WERKVOORRAAD_SQL, params={"maand": month}).pl() if month else None
        skip = purged_gemeenten(con, month, month) if month else set()
        line = skipped_line(f"werkvoorraad {month:%Y-%m}", skip, gemeenten_in(con, month, month), "geen export") if month else None
    extra = {LOG_KEY: line} if line else {}
    if frame is not None and skip:  # purged months get no caseworker list (their personal data is gone)
        frame = frame.filter(~frame["gemeentecode"].is_in(sorted(skip)))
    if frame is None or frame.is_empty():
        context.log.info("geen werkvoorraad om te exporteren")
        return dg.MaterializeResult(metadata={"bestanden": 0, **extra})
    paths = write_werkvoorraad(frame, settings.exports_dir)
    context.log.info(f"werkvoorraad {month:%Y-%m}: {len(paths)} bestanden in {settings.exports_dir}")
    return dg.MaterializeResult(metadata={"maand": f"{month:%Y-%m}", "bestanden": len(paths), "meldingen": frame.height, **extra})
