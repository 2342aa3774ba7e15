"""Write, audit, publish: the publication runs only after every blocking check of the run passed."""


import dagster as dg

from pipeline.publish import PUBLISHED_TABLES, publish
from pipeline.resources import Omgeving
from pipeline.run_report import file_rows, markdown
from pipeline.warehouse import open_warehouse


@dg.asset(
    group_name="publicatie",
    deps=[dg.AssetKey(t) for t in PUBLISHED_TABLES],
    kinds={"duckdb", "parquet"},
    pool="duckdb",
    description="analytics.duckdb and parquet/<table>.parquet for analysts: pseudonymised marts only, "
    "built under a temporary name and renamed into place.",
)
def publicatie(context: dg.AssetExecutionContext, omgeving: Omgeving) -> dg.MaterializeResult:
    settings = omgeving.settings()
    with open_warehouse(settings) as con:
        counts = publish(con, settings.out)
        rows = file_rows(con)
    context.log.info(f"gepubliceerd: {settings.analytics}")
    return dg.MaterializeResult(metadata={
        **{f"rijen_{t}": n for t, n in counts.items()},
        "runverslag": dg.MetadataValue.md(markdown(rows)),
    })
