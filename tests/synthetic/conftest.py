"""Shared generated landings: generated once per test session in a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.synthetic import generate
from tests.synthetic.landing import read_signals, with_keys


@pytest.fixture(scope="session")
def demo(tmp_path_factory):
    """The default demo: Leiden and Oost Gelre, 24 months from 2023-01, no defects."""
    out: Path = tmp_path_factory.mktemp("demo")
    summary = generate(out, start="2023-01", months=24, seed=42)
    return summary, with_keys(read_signals(out))


@pytest.fixture(scope="session")
def defective(tmp_path_factory):
    """Six months with 10% planted defects."""
    out: Path = tmp_path_factory.mktemp("defects")
    summary = generate(out, start="2024-01", months=6, seed=7, defect_rate=0.10)
    return summary, read_signals(out)
