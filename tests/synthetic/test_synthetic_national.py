"""The national set: ~342 gemeenten, ~18 million inhabitants, ~80,000 signals a month."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from pipeline.synthetic import generate
from pipeline.synthetic.gemeenten import normalise_code, registry, select
from tests.synthetic.landing import read_signals


def test_registry_size_distribution():
    reg = registry()
    assert len(reg) == 342
    assert {"0546", "1586"} <= set(reg)
    assert all(len(c) == 4 and c.isdigit() for c in reg)
    sizes = np.array([g.inwoners_2024 for g in reg.values()])
    assert abs(sizes.sum() - 18_000_000) < 100_000
    assert (sizes > 300_000).sum() >= 3  # a few large cities
    assert 0.5 <= ((sizes >= 10_000) & (sizes <= 50_000)).mean() <= 0.85  # many 10k-50k
    assert sizes.min() >= 900
    assert len({g.naam for g in reg.values()}) == 342
    # postcode areas do not overlap
    prefixes = [p for g in reg.values() for p in g.prefixes]
    assert len(prefixes) == len(set(prefixes))
    assert all(1000 <= p <= 9999 for p in prefixes)
    # expected volume: 4.4 per 1000 a month, about 80,000 signals a month
    monthly = sum(g.signalen_per_1000 * g.inwoners_2024 / 1000 for g in reg.values())
    assert 78_000 <= monthly <= 81_000


def test_codes_are_normalised():
    assert normalise_code("GM0546") == "0546" == normalise_code(546)
    with pytest.raises(ValueError):
        select(["9999"], national=False)


def test_national_layout(tmp_path):
    """One Parquet per type per month, all selected gemeenten in one file (a subset keeps it fast)."""
    codes = sorted(registry())[:12]
    summary = generate(tmp_path, start="2024-01", months=2, national=True, gemeenten=codes, seed=1)
    months = {f.split("/")[1] for f in summary.files if f.startswith("signalen/")}
    assert months == {"2024-01", "2024-02"}
    per_month = [f for f in summary.files if f.startswith("signalen/2024-01/")]
    assert all(f.endswith(".parquet") for f in per_month)
    assert {f.split("/")[-1] for f in per_month} >= {
        "zorg_2024-01.parquet", "huur_2024-01.parquet", "energie_2024-01.parquet", "water_2024-01.parquet"
    }
    df = read_signals(tmp_path)
    assert set(df["gemeentecode"]) == set(codes)
    assert (df.group_by("bestand").agg(pl.col("signaalpartner_type").n_unique())["signaalpartner_type"] == 1).all()
    ref = pl.read_csv(tmp_path / "referentie" / "gemeenten.csv", separator=";", schema_overrides={"gemeentecode": pl.String})
    assert set(ref["gemeentecode"]) == set(codes) and set(ref["jaar"]) == {2024}


def test_a_gemeente_is_the_same_in_the_demo_and_national_runs(tmp_path):
    generate(tmp_path / "demo", start="2024-01", months=1, gemeenten=["1586"], seed=3)
    generate(tmp_path / "nat", start="2024-01", months=1, gemeenten=["1586"], national=True, seed=3)
    demo, nat = read_signals(tmp_path / "demo"), read_signals(tmp_path / "nat")
    cols = ["signaal_id", "bedrag", "postcode", "huisnummer", "bsn", "signaaldatum"]
    assert demo.select(cols).sort("signaal_id").equals(nat.select(cols).sort("signaal_id"))
