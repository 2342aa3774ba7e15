"""Same arguments give byte-identical files; another seed gives other data."""

from __future__ import annotations

import hashlib
from pathlib import Path

from pipeline.synthetic import generate


def _hashes(out: Path) -> dict[str, str]:
    return {
        p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(out.rglob("*")) if p.is_file()
    }


def test_same_arguments_give_identical_bytes(tmp_path):
    args = dict(start="2023-11", months=3, seed=42, defect_rate=0.05)
    first = generate(tmp_path / "a", **args)
    second = generate(tmp_path / "b", **args)
    a, b = _hashes(tmp_path / "a"), _hashes(tmp_path / "b")
    assert a == b
    assert sorted(a) == first.files == second.files
    assert {Path(f).suffix for f in a} == {".csv", ".xlsx", ".parquet"}
    assert first.defects == second.defects
    assert first.signals.equals(second.signals)


def test_other_seed_gives_other_data(tmp_path):
    generate(tmp_path / "a", start="2024-01", months=2, seed=1)
    generate(tmp_path / "b", start="2024-01", months=2, seed=2)
    a, b = _hashes(tmp_path / "a"), _hashes(tmp_path / "b")
    signal_files = [f for f in a if f.startswith("signalen/") and f in b]
    assert signal_files
    assert all(a[f] != b[f] for f in signal_files)
    # the reference table does not depend on the seed
    assert a["referentie/gemeenten.csv"] == b["referentie/gemeenten.csv"]


def test_a_longer_window_keeps_the_earlier_months(tmp_path):
    """The world is keyed by household, not drawn in sequence: adding a month changes no month before it."""
    generate(tmp_path / "short", start="2024-01", months=2, seed=5, defect_rate=0.05)
    generate(tmp_path / "long", start="2024-01", months=3, seed=5, defect_rate=0.05)
    short, long = _hashes(tmp_path / "short"), _hashes(tmp_path / "long")
    months = [f for f in short if f.startswith("signalen/")]
    assert all(short[f] == long[f] for f in months)
    assert any(f.startswith("signalen/2024-03/") for f in long)
