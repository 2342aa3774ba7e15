"""Write, audit, publish: the publication runs only after every blocking check of the run passed."""


import dagster as dg

from pipeline.run import planning
from pipeline.warehouse.publish import PUBLISHED_TABLES, publish
from pipeline.defs.resources import Omgeving, warehouse_step
from pipeline.report.run_report import file_rows, markdown


@dg.asset(
    group_name="publicatie",
    deps=[dg.AssetKey(t) for t in PUBLISHED_TABLES],
    kinds={"duckdb", "parquet"},
    pool="duckdb",
    description="analytics.duckdb and parquet/<table>/maand=YYYY-MM/data.parquet (month-keyed tables) or "
    "parquet/<table>/data.parquet for analysts: pseudonymised marts only; the months of the run are replaced "
    "in a copy of the last publication, which is renamed into place.",
)
def publicatie(context: dg.AssetExecutionContext, omgeving: Omgeving) -> dg.MaterializeResult:
    with warehouse_step(context, omgeving, "publicatie") as (settings, progress, con, bereik):
        counts = publish(con, settings.out, bereik=bereik, progress=progress)
        planning.close(con)  # published: the next run starts from here (a run killed before plans this range again)
        rows = file_rows(con)
    progress(f"gepubliceerd: {settings.analytics}")
    return dg.MaterializeResult(metadata={
        **{f"rijen_{t}": n for t, n in counts.items()},
        "bereik": bereik.text(),
        "seconden": round(progress.elapsed, 2),
        "runverslag": dg.MetadataValue.md(markdown(rows)),
    })
