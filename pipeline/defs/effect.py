"""Vaker erop af? The three tables of pipeline.effect, built after the marts and before publicatie.

Computed in every run of up to MAX_GEMEENTEN gemeenten (like the per-gemeente reports); a national
run skips it unless VROEGSIGNAAL_EFFECT=aan."""

import os

import dagster as dg

from pipeline.defs.models import asset_metadata, upstream_keys
from pipeline.effect import DESCRIPTIONS, TABLES
from pipeline.defs.resources import Omgeving
from pipeline.warehouse.connection import open_warehouse
from pipeline.warehouse.run_range import read_run_range

#: Above this many gemeenten the effect analysis is not part of the run (VROEGSIGNAAL_EFFECT=aan forces it).
MAX_GEMEENTEN = 25


@dg.multi_asset(
    name="herhaling",
    specs=[dg.AssetSpec(t, group_name="marts", kinds={"python", "duckdb"}, description=DESCRIPTIONS[t],
                        deps=upstream_keys(["meldingen", "aanpaklijst", "int_contactpogingen", "signalen"]),
                        metadata=asset_metadata(t)) for t in TABLES],
    pool="duckdb",
)
def herhaling(context: dg.AssetExecutionContext, omgeving: Omgeving):
    from pipeline.effect.tables import EffectConfig, build_tables, from_warehouse, write_tables

    with open_warehouse(omgeving.settings()) as con:
        present = {r[0] for r in con.execute("select table_name from information_schema.tables").fetchall()}
        if read_run_range(con).niets and set(TABLES) <= present:
            context.log.info("niets nieuws: effectanalyse ongewijzigd")
            for table in TABLES:
                yield dg.MaterializeResult(asset_key=table, metadata={"ongewijzigd": True})
            return
        gemeenten = con.execute("select count(distinct gemeentecode) from meldingen").fetchall()[0][0]
        if gemeenten > MAX_GEMEENTEN and os.environ.get("VROEGSIGNAAL_EFFECT", "auto") != "aan":
            # a national run: the analysis over millions of meldingen is not part of the monthly run
            # (measured: minutes at 342 gemeenten); tables already there stay, else they start empty
            context.log.info(f"effectanalyse overgeslagen: {gemeenten} gemeenten (meer dan {MAX_GEMEENTEN}); "
                             "zet VROEGSIGNAAL_EFFECT=aan om haar in de run te berekenen")
            from pipeline.effect.frame import MELDINGEN_SQL

            empty = build_tables(con.sql(f"select * from ({MELDINGEN_SQL}) limit 0").pl(), None)
            counts = write_tables(con, {t: f for t, f in empty.items() if t not in present})
            counts = {t: counts.get(t, 0) for t in TABLES}
        else:
            counts = write_tables(con, from_warehouse(con, EffectConfig.from_env()))
    for table, rows in counts.items():
        yield dg.MaterializeResult(asset_key=table, metadata={"rijen": rows})
