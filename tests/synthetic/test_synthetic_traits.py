"""Hidden household traits can be rebuilt from the seed and joined on the address."""

from __future__ import annotations

import polars as pl

from pipeline.synthetic import generate, household_traits
from tests.synthetic.landing import read_signals

KEY = ["gemeentecode", "postcode", "huisnummer", "huisnummertoevoeging"]


def test_traits_cover_every_signal_address(tmp_path):
    args = dict(start="2024-01", months=3, seed=11)
    generate(tmp_path, **args)
    df = read_signals(tmp_path).with_columns(pl.col("huisnummer").cast(pl.Int32))
    traits = household_traits(**args)
    assert traits.select(KEY).is_duplicated().sum() == 0
    joined = df.join(traits, on=KEY, how="left", nulls_equal=True)
    assert joined["soort"].null_count() == 0
    assert set(traits["soort"]) == {"eenmalig", "incidenteel", "chronisch"}
    for col in ("bereikbaarheid", "reageert_op_brief", "hulpbereidheid"):
        assert traits[col].is_between(0, 1).all()
    # chronic households are harder to reach, and the traits do not depend on the window
    means = dict(traits.group_by("soort").agg(pl.col("bereikbaarheid").mean()).iter_rows())
    assert means["chronisch"] < means["eenmalig"]
    longer = household_traits(start="2024-01", months=4, seed=11)
    assert traits.join(longer, on=KEY, nulls_equal=True).height == traits.height
    # a phone number in the signals means the household has one
    with_phone = joined.filter(pl.col("telefoonnummer").is_not_null())
    assert with_phone["heeft_telefoon"].all()
