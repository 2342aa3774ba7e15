"""The DDAS v1.2 delivery per gemeente for the quarter of the run's (last) month."""

import datetime as dt
import os

import dagster as dg

from pipeline.ddas_delivery import deliver_all
from pipeline.defs.exports import export_month
from pipeline.resources import Omgeving
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
    client = os.environ.get("VROEGSIGNAAL_DDAS_CLIENT", "bsn")  # bsn | adres (see pipeline/exports/ddas.py)
    with open_warehouse(settings) as con:
        month = export_month(context, con)
        if month is None:
            return dg.MaterializeResult(metadata={"bestanden": 0})
        van, tot = quarter_of(month)
        written = len(deliver_all(con, settings.out / "ddas", van, tot, leverancier, dt.datetime(tot.year, tot.month, 1), client))
    context.log.info(f"DDAS {van:%Y-%m}..{tot:%Y-%m}: {written} leveringen")
    return dg.MaterializeResult(metadata={"bestanden": written, "van": f"{van:%Y-%m}", "tot": f"{tot:%Y-%m}"})
