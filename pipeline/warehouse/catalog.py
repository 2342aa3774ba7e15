"""The catalog of the warehouse: every SQL model file of sql/ and the tables Python steps write.

`SOURCE_TABLES` maps each table that is not a SQL model to the step(s) that write it (ingestion, the
policy steps); the Dagster layer turns those into asset dependencies. `MODELS` is every model file,
validated and in dependency order.
"""

from __future__ import annotations

from pipeline.common.settings import PROJECT_ROOT
from pipeline.warehouse.models import SqlModel, discover_models

#: Tables written by Python steps, and which step(s) write them.
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
