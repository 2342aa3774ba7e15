"""The chapter "Vaker erop af?": present with its four charts, drawn in headless Chromium, read in Dutch."""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl
import pytest

from pipeline.report import herhaling, write_reports
from pipeline.report.browser import dump_dom
from tests.report.maak_analytics import maak_analytics

CHROMIUM = "/usr/bin/chromium"
GRAFIEKEN = ("herhaling-bereik", "herhaling-aanpak", "herhaling-effect", "bereik-per-poging")


@pytest.fixture(scope="module")
def rapporten(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    map_ = tmp_path_factory.mktemp("rapport")
    return {p.name: p for p in write_reports(maak_analytics(map_ / "analytics.duckdb"), map_ / "html")}


def test_chapter_with_its_charts_and_reading(rapporten):
    for naam, nummer in (("0546.html", 7), ("alle.html", 8)):
        tekst = rapporten[naam].read_text(encoding="utf-8")
        assert f"{nummer}. Vaker erop af?" in tekst
        code = naam.removesuffix(".html")
        for g in GRAFIEKEN:
            assert f'id="grafiek-{code}-{g}"' in tekst, (naam, g)
        assert "geen experiment" in tekst and "binnen een jaar opnieuw een melding" in tekst
        assert re.search(r"Gecorrigeerd voor zwaarte en herhaling: na contact \d,\d\d keer zo groot \(tussen", tekst)


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} ontbreekt (apt-get install chromium)")
def test_chapter_renders_in_chromium(rapporten):
    dom = dump_dom(rapporten["0546.html"], chromium=CHROMIUM, offline=True)
    for g in GRAFIEKEN:
        assert re.search(rf'id="grafiek-0546-{g}"[^>]*class="plotly-graph-div[^"]*js-plotly-plot', dom) or \
            re.search(rf'class="plotly-graph-div[^"]*js-plotly-plot[^"]*"[^>]*id="grafiek-0546-{g}"', dom), g


def test_too_few_says_so():
    effect = pl.DataFrame({"vergelijking": ["bereikt tegenover niet bereikt"] * 2, "gecorrigeerd": [False, True],
                           "hazard_ratio": [None, None], "ondergrens": [None, None], "bovengrens": [None, None],
                           "n": [5, 5], "n_model": [5, 5], "n_totaal": [5, 5], "te_weinig_gegevens": [True, True]},
                          schema_overrides={"hazard_ratio": pl.Float64, "ondergrens": pl.Float64, "bovengrens": pl.Float64})
    assert herhaling.effect_figuur(effect) is None
    assert herhaling.lezing_effect(effect) == ["Te weinig gegevens voor een vergelijking."]
