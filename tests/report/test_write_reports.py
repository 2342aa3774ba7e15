"""write_reports on a small analytics.duckdb built by hand: one file per gemeente plus alle,
self-contained, byte-identical on a rerun, Dutch, degrading to "nog geen gegevens"."""

from __future__ import annotations

import hashlib
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pytest

from pipeline.report import write_reports
from tests.report.maak_analytics import maak_analytics

KOPPEN = (
    "Hoe lees je dit rapport?", "Inhoud", "1. Kerncijfers 2024", "2. Ontwikkeling per maand",
    "3. Van wie komen de signalen?", "4. De drie knelpunten", "5. Werklast per aanpak", "6. Contact en bereik",
    "Bronnen van de landelijke cijfers",
)


class _Bronnen(HTMLParser):
    """Every resource a page would load: src attributes, <link href>, CSS url(...) and @import."""

    def __init__(self) -> None:
        super().__init__()
        self.extern: list[str] = []
        self.scripts = 0
        self.grafieken: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "src" in a:
            self.extern.append(f"<{tag} src={a['src']}>")
        if tag == "link":
            self.extern.append(f"<link href={a.get('href')}>")
        if tag == "script":
            self.scripts += 1
        if tag == "div" and "plotly-graph-div" in (a.get("class") or ""):
            self.grafieken.append(a["id"])
        if tag == "style":
            self._in_style = True

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style and ("url(" in data or "@import" in data):
            self.extern.append("css url()/@import")


def _lees(pad: Path) -> _Bronnen:
    parser = _Bronnen()
    parser.feed(pad.read_text(encoding="utf-8"))
    return parser


@pytest.fixture
def volledig(tmp_path: Path) -> Path:
    return maak_analytics(tmp_path / "analytics.duckdb")


@pytest.fixture
def alleen_maand(tmp_path: Path) -> Path:
    return maak_analytics(tmp_path / "alleen_maand.duckdb", alleen_monitor_maand=True)


def test_one_file_per_gemeente_plus_alle(volledig: Path, tmp_path: Path):
    paden = write_reports(volledig, tmp_path / "rapport")
    assert [p.name for p in paden] == ["0546.html", "1586.html", "alle.html"]
    assert sorted(p.name for p in (tmp_path / "rapport").iterdir()) == ["0546.html", "1586.html", "alle.html"]


def test_self_contained_with_plotly_inlined_once(volledig: Path, tmp_path: Path):
    for pad in write_reports(volledig, tmp_path / "rapport"):
        html = pad.read_text(encoding="utf-8")
        bronnen = _lees(pad)
        assert bronnen.extern == [], f"{pad.name} laadt externe bronnen: {bronnen.extern}"
        assert html.count("plotly.js v") == 1  # the library's header comment: inlined exactly once
        assert "cdn.plot.ly/plotly" not in html.replace("https://cdn.plot.ly/un/", "")
        assert len(bronnen.grafieken) >= 8
        assert len(set(bronnen.grafieken)) == len(bronnen.grafieken)
        assert '<html lang="nl">' in html


def test_deterministic_bytes(volledig: Path, tmp_path: Path):
    eerste = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in write_reports(volledig, tmp_path / "a")}
    tweede = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in write_reports(volledig, tmp_path / "b")}
    assert eerste == tweede


def test_dutch_headings_and_content(volledig: Path, tmp_path: Path):
    paden = {p.name: p.read_text(encoding="utf-8") for p in write_reports(volledig, tmp_path / "rapport")}
    for naam, html in paden.items():
        for kop in KOPPEN:
            assert kop in html, (naam, kop)
        assert "Landelijk 2024: 45%" in html  # opeenvolgend, with its year
        assert "aandeel gemeenten" in html  # the bottleneck survey is another measure
    assert "<h1>Gemeente 0546</h1>" in paden["0546.html"]
    assert "<h1>Alle gemeenten samen</h1>" in paden["alle.html"]
    assert "7. Per gemeente" in paden["alle.html"] and "Gemiddeld over de gemeenten" in paden["alle.html"]
    assert "Gegevens over januari 2023 t/m december 2024" in paden["0546.html"]


def test_only_monitor_maand_degrades_gracefully(alleen_maand: Path, tmp_path: Path):
    paden = write_reports(alleen_maand, tmp_path / "rapport")
    assert [p.name for p in paden] == ["0546.html", "1586.html", "alle.html"]
    html = paden[0].read_text(encoding="utf-8")
    assert "nog geen gegevens" in html.lower()
    assert "Geen contactgegevens aangeleverd" in html
    assert "Nog geen gegevens over de knelpunten" in html
    # the workload falls back to counting aanpaklijst; the month charts come from monitor_maand
    bronnen = _lees(paden[0])
    assert {"grafiek-0546-signalen", "grafiek-0546-meldingen", "grafiek-0546-herhaling",
            "grafiek-0546-signaalpartners", "grafiek-0546-aanpak"} <= set(bronnen.grafieken)
    assert bronnen.extern == []


def test_last_twelve_months_when_no_full_year(tmp_path: Path):
    pad = maak_analytics(tmp_path / "a.duckdb", start=date(2024, 3, 1), aantal_maanden=9)
    html = write_reports(pad, tmp_path / "rapport")[0].read_text(encoding="utf-8")
    assert "1. Kerncijfers maart 2024 t/m november 2024" in html
    assert "de laatste maanden in de gegevens" in html


def test_empty_monitor_writes_alle_with_no_data(tmp_path: Path):
    pad = tmp_path / "leeg.duckdb"
    con = duckdb.connect(str(pad))
    con.execute("create table monitor_maand (gemeentecode varchar, maand date, inwoners bigint, aantal_signalen bigint)")
    con.close()
    paden = write_reports(pad, tmp_path / "rapport")
    assert [p.name for p in paden] == ["alle.html"]
    assert "Nog geen gegevens" in paden[0].read_text(encoding="utf-8")


def test_reads_read_only_and_publishes_no_row_identifiers(volledig: Path, tmp_path: Path):
    voor = hashlib.sha256(volledig.read_bytes()).hexdigest()
    con = duckdb.connect(str(volledig), read_only=True)  # another reader holding the file open
    try:
        ids = [r[0] for r in con.execute("select melding_id from aanpaklijst").fetchall()]
        paden = write_reports(volledig, tmp_path / "rapport")
    finally:
        con.close()
    assert hashlib.sha256(volledig.read_bytes()).hexdigest() == voor
    for pad in paden:
        html = pad.read_text(encoding="utf-8")
        assert not any(i in html for i in ids)


def test_missing_database_is_a_clear_error(tmp_path: Path):
    with pytest.raises(FileNotFoundError, match="bestaat niet"):
        write_reports(tmp_path / "nergens.duckdb", tmp_path / "rapport")
