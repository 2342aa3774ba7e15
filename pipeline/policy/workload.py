"""Werkvoorraad per aanpak: how many meldingen each approach gets."""

from __future__ import annotations

import polars as pl

from pipeline.policy.errors import FeatureSchemaError
from pipeline.policy.frames import AANPAKKEN, WORKLOAD_SCHEMA


def workload_per_aanpak(routed: pl.DataFrame) -> pl.DataFrame:
    """Count meldingen per gemeentecode, maand and aanpak.

    Every (gemeentecode, maand) present in `routed` gets all seven aanpak values,
    with 0 when none; ordered by gemeentecode, maand and the AANPAKKEN order.
    """
    missing = [c for c in ("gemeentecode", "maand", "aanpak") if c not in routed.columns]
    if missing:
        raise FeatureSchemaError("routed frame mist kolommen: " + ", ".join(missing))
    unknown = set(routed["aanpak"].drop_nulls().unique().to_list()) - set(AANPAKKEN)
    if unknown or routed["aanpak"].null_count():
        raise FeatureSchemaError(f"onbekende aanpak in routed frame: {sorted(unknown) or [None]}")
    keys = routed.select(
        pl.col("gemeentecode").cast(pl.Utf8), pl.col("maand").cast(pl.Date)
    ).unique()
    grid = keys.join(
        pl.DataFrame({"aanpak": list(AANPAKKEN), "__volgorde": list(range(len(AANPAKKEN)))}),
        how="cross",
    )
    counts = routed.group_by(
        pl.col("gemeentecode").cast(pl.Utf8), pl.col("maand").cast(pl.Date), "aanpak"
    ).agg(pl.len().cast(pl.Int64).alias("aantal_meldingen"))
    return (
        grid.join(counts, on=["gemeentecode", "maand", "aanpak"], how="left", nulls_equal=True)
        .with_columns(pl.col("aantal_meldingen").fill_null(0))
        .sort(["gemeentecode", "maand", "__volgorde"], nulls_last=True)
        .select([pl.col(name).cast(dtype) for name, dtype in WORKLOAD_SCHEMA.items()])
    )
