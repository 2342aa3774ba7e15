"""The one Dagster resource: the pipeline's settings, resolved from the environment at run time; and
the start every step of a run that reads the warehouse shares."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import NamedTuple

import dagster as dg
import duckdb

from pipeline.common.progress import Progress
from pipeline.common.settings import Settings, load_settings
from pipeline.warehouse.connection import open_warehouse
from pipeline.warehouse.run_range import RunRange, read_run_range


class Omgeving(dg.ConfigurableResource):
    """Where the landing folder and the outputs are; read from VROEGSIGNAAL_* variables."""

    def settings(self) -> Settings:
        return load_settings()


class WarehouseStep(NamedTuple):
    settings: Settings
    progress: Progress
    con: duckdb.DuckDBPyConnection
    bereik: RunRange


@contextmanager
def warehouse_step(context: dg.AssetExecutionContext | dg.AssetCheckExecutionContext, omgeving: Omgeving,
                   step: str, *, read_only: bool = False) -> Iterator[WarehouseStep]:
    """The settings, progress lines for `step` in the run log (seconds counted from here), the open
    warehouse and the run's range (`run_bereik`); the warehouse closes when the block ends. A step
    that only reads (the checks) opens it `read_only`: no schema upkeep on every open.

        with warehouse_step(context, omgeving, "publicatie") as (settings, progress, con, bereik):
    """
    settings = omgeving.settings()
    progress = Progress(step, context.log.info)
    with open_warehouse(settings, read_only=read_only) as con:
        yield WarehouseStep(settings, progress, con, read_run_range(con))
