"""Vaker erop af? The three tables of pipeline.effect, built after the marts and before publicatie."""

import dagster as dg

from pipeline.defs.models import asset_metadata, upstream_keys
from pipeline.effect import DESCRIPTIONS, TABLES
from pipeline.defs.resources import Omgeving
from pipeline.warehouse.connection import open_warehouse


@dg.multi_asset(
    name="herhaling",
    specs=[dg.AssetSpec(t, group_name="marts", kinds={"python", "duckdb"}, description=DESCRIPTIONS[t],
                        deps=upstream_keys(["meldingen", "aanpaklijst", "int_contactpogingen", "signalen", "raw_signalen"]),
                        metadata=asset_metadata(t)) for t in TABLES],
    pool="duckdb",
)
def herhaling(context: dg.AssetExecutionContext, omgeving: Omgeving):
    from pipeline.effect.tables import EffectConfig, from_warehouse, write_tables

    with open_warehouse(omgeving.settings()) as con:
        counts = write_tables(con, from_warehouse(con, EffectConfig.from_env()))
    for table, rows in counts.items():
        yield dg.MaterializeResult(asset_key=table, metadata={"rijen": rows})
