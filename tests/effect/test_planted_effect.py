"""The planted truth: on generated meldingen where being reached multiplies the hazard of a next
melding by 0.7 and heavier meldingen get more home visits (and recur sooner), the adjusted hazard
ratio finds 0.7 and the raw one does not; with no effect the adjusted interval contains 1."""

from __future__ import annotations

import polars as pl
import pytest

from pipeline.effect.tables import EffectConfig, build_tables
from pipeline.synthetic.effect import PLANTED_EFFECT, planted_meldingen


def bereikt_rows(effect: float, seed: int) -> tuple[int, dict, dict]:
    meldingen, end = planted_meldingen(effect=effect, seed=seed)
    table = build_tables(meldingen, end, EffectConfig())["herhaling_effect"]
    rows = table.filter(pl.col("gemeentecode") == "alle", pl.col("vergelijking") == "bereikt tegenover niet bereikt")
    raw = rows.filter(~pl.col("gecorrigeerd")).row(0, named=True)
    adjusted = rows.filter(pl.col("gecorrigeerd")).row(0, named=True)
    return meldingen.height, raw, adjusted


def test_adjusted_finds_the_planted_effect_and_raw_is_biased():
    n, raw, adjusted = bereikt_rows(PLANTED_EFFECT, seed=42)
    assert n >= 20_000
    assert adjusted["n_model"] == adjusted["n_totaal"]  # no sample at this size
    assert adjusted["ondergrens"] <= PLANTED_EFFECT <= adjusted["bovengrens"]
    # selection: the reached are heavier, so the raw ratio sits well above the truth
    assert raw["ondergrens"] > PLANTED_EFFECT * 1.15
    assert raw["ondergrens"] > adjusted["bovengrens"]


@pytest.mark.parametrize("seed", [7])
def test_no_planted_effect_interval_contains_one(seed):
    n, raw, adjusted = bereikt_rows(1.0, seed=seed)
    assert n >= 20_000
    assert adjusted["ondergrens"] <= 1.0 <= adjusted["bovengrens"]
    assert raw["ondergrens"] > 1.0  # the raw comparison would even say contact makes things worse


def test_the_planted_world_is_seeded():
    a, _ = planted_meldingen(households=300, seed=3)
    b, _ = planted_meldingen(households=300, seed=3)
    c, _ = planted_meldingen(households=300, seed=4)
    assert a.equals(b) and not a.equals(c)
