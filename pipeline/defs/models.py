"""Every SQL model file under sql/ becomes one Dagster asset (key = file stem, group = layer)."""


import dagster as dg

from pipeline.resources import Omgeving
from pipeline.settings import PROJECT_ROOT
from pipeline.sql_models import SqlModel, discover_models, materialize
from pipeline.warehouse import open_warehouse

#: Tables written by Python assets, and which asset(s) write them.
SOURCE_TABLES: dict[str, tuple[str, ...]] = {
    "raw_signalen": ("raw_signalen",),
    "raw_contactpogingen": ("raw_contactpogingen",),
    "raw_gemeenten": ("raw_referentie",),
    "raw_bestanden": ("raw_signalen", "raw_contactpogingen", "raw_referentie"),
    "raw_quarantaine": ("raw_signalen", "raw_contactpogingen", "raw_referentie"),
    "raw_beleid": ("raw_beleid",),
    "melding_opname": ("melding_opname",),
    "aanpaklijst": ("aanpaklijst",),
    "raw_huishoudens": ("raw_referentie",),
    "raw_niet_benaderen": ("raw_referentie",),
    "raw_bekend_shv": ("raw_referentie",),
}

MODELS: dict[str, SqlModel] = discover_models(PROJECT_ROOT / "sql", frozenset(SOURCE_TABLES))


def upstream_keys(tables) -> list[dg.AssetKey]:
    """Asset keys of the steps that write these tables."""
    keys: list[str] = []
    for table in tables:
        for key in SOURCE_TABLES.get(table, (table,)):
            if key not in keys:
                keys.append(key)
    return [dg.AssetKey(k) for k in keys]


def asset_metadata(table: str, extra: dict | None = None) -> dict:
    """Definition metadata: the column descriptions of a published table (from its contract)."""
    from pipeline.dictionary import column_schema

    metadata = dict(extra or {})
    schema = column_schema(table)
    if schema is not None:
        metadata["dagster/column_schema"] = schema
    return metadata


def model_asset(model: SqlModel) -> dg.AssetsDefinition:
    @dg.asset(
        name=model.name,
        group_name=model.layer,
        deps=upstream_keys(model.deps),
        description=model.description,
        kinds={"duckdb", "sql"},
        pool="duckdb",
        metadata=asset_metadata(model.name, {"sql_bestand": str(model.path.relative_to(PROJECT_ROOT))}),
    )
    def _model(context: dg.AssetExecutionContext, omgeving: Omgeving) -> dg.MaterializeResult:
        with open_warehouse(omgeving.settings()) as con:
            rows = materialize(con, model)
        return dg.MaterializeResult(metadata={"rijen": rows})

    return _model


model_assets = [model_asset(m) for m in MODELS.values()]
