"""The one Dagster resource: the pipeline's settings, resolved from the environment at run time."""

from __future__ import annotations

import dagster as dg

from pipeline.common.settings import Settings, load_settings


class Omgeving(dg.ConfigurableResource):
    """Where the landing folder and the outputs are; read from VROEGSIGNAAL_* variables."""

    def settings(self) -> Settings:
        return load_settings()
