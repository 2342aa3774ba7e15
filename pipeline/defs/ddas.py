"""The DDAS v1.2 delivery per gemeente for the quarter of the run's (last) month."""

import datetime as dt
import os

import dagster as dg

from pipeline.ddas_delivery import deliver_all
from pipeline.defs.exports import export_month
from pipeline.resources import Omgeving
from pipeline.retention import gemeenten_in, purged_gemeenten, quarter_label, skipped_line
from pipeline.runner import LOG_KEY
from pipeline.warehouse import open_warehouse


def quarter_of(month: dt.date) -> tuple[dt.date, dt.date]:
    first = dt.date(month.year, 3 * ((month.month - 1) // 3) + 1, 1)
    return first, month


@dg.asset(
    group_name="exports", kinds={"python", "json"}, pool="duckdb",
    deps=[dg.AssetKey("publicatie"), dg.AssetKey("int_contactpogingen"), dg.AssetKey("int_signalen")],
    description="DDAS v1.2 delivery (JSON, validated against the shipped exchange schema) per gemeente "
    "for the quarter of the run's month, up to that month: OUT/ddas/ddas_<gemeente>_<van>_<tot>.json. "
    "Holds the client fields DDAS demands (BSN or postcode + huisnummer): private.",
)
def ddas_leveringen(context: dg.AssetExecutionContext, omgeving: Omgeving) -> dg.MaterializeResult:
    settings = omgeving.settings()
    leverancier = os.environ.get("VROEGSIGNAAL_LEVERANCIER", "vroegsignaal")
    with open_warehouse(settings) as con:
        month = export_month(context, con)
        if month is None:
            return dg.MaterializeResult(metadata={"bestanden": 0})
        van, tot = quarter_of(month)
        skip = purged_gemeenten(con, van, tot)  # a purged period cannot be delivered: said, not failed
        line = skipped_line(f"DDAS {quarter_label(van)}", skip, gemeenten_in(con, van, tot), "geen levering")
        written = len(deliver_all(con, settings.out / "ddas", van, tot, leverancier, dt.datetime(tot.year, tot.month, 1),
                                  frozenset(skip)))
    context.log.info(f"DDAS {van:%Y-%m}..{tot:%Y-%m}: {written} leveringen")
    extra = {LOG_KEY: line} if line else {}
    return dg.MaterializeResult(metadata={"bestanden": written, "van": f"{van:%Y-%m}", "tot": f"{tot:%Y-%m}", **extra})
