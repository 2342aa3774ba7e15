"""The report in headless Chromium, offline: every chart is drawn, and a screenshot can be made."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.report import screenshot, write_reports
from pipeline.report.browser import dump_dom
from tests.report.maak_analytics import maak_analytics

CHROMIUM = "/usr/bin/chromium"

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} ontbreekt (apt-get install chromium); CI installeert het"
)


@pytest.fixture(scope="module")
def rapporten(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    map_ = tmp_path_factory.mktemp("rapport")
    return write_reports(maak_analytics(map_ / "analytics.duckdb"), map_ / "html")


def test_charts_render_offline(rapporten: list[Path]):
    pad = rapporten[0]
    grafieken = re.findall(r'class="plotly-graph-div"', pad.read_text(encoding="utf-8"))
    dom = dump_dom(pad, chromium=CHROMIUM, offline=True)
    assert len(grafieken) >= 8
    assert dom.count('<svg class="main-svg"') >= len(grafieken)
    # plotly marks every div it drew
    assert len(re.findall(r'class="plotly-graph-div[^"]*js-plotly-plot', dom)) == len(grafieken)
    # the Dutch locale is used on the month axes
    assert re.search(r">(mrt|okt|mei) 20\d\d<", dom), "geen Nederlandse maandnamen op de as"


def test_alle_renders_too(rapporten: list[Path]):
    dom = dump_dom(rapporten[-1], chromium=CHROMIUM)
    assert dom.count('<svg class="main-svg"') >= 8
    assert "Alle gemeenten samen" in dom


def test_screenshot(rapporten: list[Path], tmp_path: Path):
    png = screenshot(rapporten[0], tmp_path / "rapport.png", breedte=1280, hoogte=4000, chromium=CHROMIUM)
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    breedte, hoogte = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (breedte, hoogte) == (1280, 4000)
    assert len(data) > 100_000  # a rendered page with charts, not a blank image
