"""The demo's known answer: the analysis on the planted world of pipeline/synthetic/effect.py."""

from __future__ import annotations

import polars as pl

from pipeline.effect.tables import EffectConfig, build_tables
from pipeline.effect.text import hr_text
from pipeline.synthetic.effect import PLANTED_EFFECT, planted_meldingen


def planted_check(effect: float = PLANTED_EFFECT, seed: int = 42) -> str:
    """Raw and adjusted hazard ratio of being reached next to the planted truth, as Dutch text."""
    meldingen, end = planted_meldingen(effect=effect, seed=seed)
    table = build_tables(meldingen, end, EffectConfig())["herhaling_effect"]
    rows = table.filter(pl.col("gemeentecode") == "alle", pl.col("vergelijking") == "bereikt tegenover niet bereikt")
    raw = rows.filter(~pl.col("gecorrigeerd")).row(0, named=True)
    adjusted = rows.filter(pl.col("gecorrigeerd")).row(0, named=True)
    return "\n".join([
        f"Controle met een bekend antwoord ({meldingen.height} gegenereerde meldingen; bereikt worden maakt de kans "
        f"op een volgende melding {effect:g} keer zo groot, en zwaardere huishoudens krijgen vaker een huisbezoek):",
        f"  ingeplant: {effect:.2f}   ruw: {hr_text(raw)}   gecorrigeerd: {hr_text(adjusted)}",
    ])
