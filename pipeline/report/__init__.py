"""The manager report: one self-contained HTML file per gemeente plus one for all gemeenten.

    from pipeline.report import write_reports, screenshot
    paths = write_reports(Path("out/analytics.duckdb"), Path("out/rapport"))
    screenshot(paths[0], Path("rapport.png"))
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["screenshot", "write_reports"]


def __getattr__(name: str):
    """`screenshot` on first use: the package also holds the light terminal run report and summary,
    which the Dagster definitions import; plotly loads only when a report is written."""
    if name == "screenshot":
        from pipeline.report.browser import screenshot

        return screenshot
    raise AttributeError(name)


def _schrijf(pad: Path, inhoud: str) -> Path:
    """Write under a temporary name and rename into place: a reader never sees half a file."""
    tijdelijk = pad.with_name(f".{pad.name}.tmp")
    tijdelijk.write_bytes(inhoud.encode("utf-8"))
    os.replace(tijdelijk, pad)
    return pad


def write_reports(analytics: Path, out_dir: Path, gemeenten_filter: list[str] | None = None) -> list[Path]:
    """Read the published analytics.duckdb (read-only) and write out_dir/<gemeentecode>.html for every
    gemeente in monitor_maand (or only those in `gemeenten_filter`) plus out_dir/alle.html. Returns the
    paths written, gemeenten in code order, alle.html last. The same tables give byte-identical files."""
    from pipeline.report.data import ALLE, laad
    from pipeline.report.rapport import bouw

    analytics, out_dir = Path(analytics), Path(out_dir)
    if not analytics.exists():
        raise FileNotFoundError(f"{analytics} bestaat niet: eerst 'vroegsignaal run' draaien")
    gegevens = laad(analytics)
    out_dir.mkdir(parents=True, exist_ok=True)
    gemeenten = [gegevens.gemeente(code) for code in gegevens.gemeentecodes]
    gekozen = [g for g in gemeenten if gemeenten_filter is None or g.code in gemeenten_filter]
    paden = [_schrijf(out_dir / f"{g.code}.html", bouw(g)) for g in gekozen]
    paden.append(_schrijf(out_dir / f"{ALLE}.html", bouw(gegevens.gemeente(ALLE), gemeenten)))
    return paden
