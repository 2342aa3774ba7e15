"""Headless Chromium: render a report to its DOM or to a PNG screenshot (e.g. for the README)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

KANDIDATEN = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
VIRTUELE_TIJD_MS = 15000
# Any hostname resolves to nothing: the page must render without the network.
OFFLINE = "--host-resolver-rules=MAP * ~NOTFOUND"


def vind_chromium() -> str | None:
    for pad in KANDIDATEN:
        if Path(pad).exists():
            return pad
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def _argumenten(chromium: str, profiel: Path, offline: bool) -> list[str]:
    argumenten = [
        chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--hide-scrollbars", f"--user-data-dir={profiel}", f"--virtual-time-budget={VIRTUELE_TIJD_MS}",
    ]
    if offline:
        argumenten.append(OFFLINE)
    return argumenten


def _chromium(chromium: str | None) -> str:
    gevonden = chromium or vind_chromium()
    if gevonden is None:
        raise FileNotFoundError("Chromium niet gevonden (verwacht /usr/bin/chromium; apt-get install chromium)")
    return gevonden


def dump_dom(html_path: Path, *, chromium: str | None = None, offline: bool = True, timeout: int = 180) -> str:
    """The DOM after the page's scripts ran (plotly draws its charts as <svg class="main-svg">)."""
    with tempfile.TemporaryDirectory(prefix="vroegsignaal-chromium-") as profiel:
        argumenten = _argumenten(_chromium(chromium), Path(profiel), offline)
        uit = subprocess.run(
            [*argumenten, "--dump-dom", Path(html_path).resolve().as_uri()],
            capture_output=True, text=True, timeout=timeout, check=False,
        )
    if uit.returncode != 0:
        raise RuntimeError(f"chromium faalde ({uit.returncode}): {uit.stderr[-2000:]}")
    return uit.stdout


def screenshot(
    html_path: Path, png_path: Path, *, breedte: int = 1280, hoogte: int = 4000,
    chromium: str | None = None, offline: bool = True, timeout: int = 180,
) -> Path:
    """Render html_path in headless Chromium and write a PNG of breedte x hoogte pixels to png_path."""
    png_path = Path(png_path).resolve()
    png_path.parent.mkdir(parents=True, exist_ok=True)
    png_path.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="vroegsignaal-chromium-") as profiel:
        argumenten = _argumenten(_chromium(chromium), Path(profiel), offline)
        uit = subprocess.run(
            [*argumenten, f"--screenshot={png_path}", f"--window-size={breedte},{hoogte}",
             Path(html_path).resolve().as_uri()],
            capture_output=True, text=True, timeout=timeout, check=False,
        )
    if uit.returncode != 0 or not png_path.exists():
        raise RuntimeError(f"chromium maakte geen screenshot ({uit.returncode}): {uit.stderr[-2000:]}")
    return png_path
