"""Files in a landing month folder that are not exports: skipped with a reason, never read as rows.

Teams drop all sorts of files into shared folders. What counts as an export:
- `.csv`, `.xlsx` and `.parquet` files (a broken one is a file-level problem, not skipped);
- a `.txt` file whose first line is a header naming at least two columns of the input (a
  tab-separated export saved as .txt). Any other `.txt` (a note such as `toelichting.txt`) is skipped.
Everything else is skipped: Excel's lock files (`~$*`), hidden files (`.*`), system files
(`Thumbs.db`, `desktop.ini`), and every other extension (`.pdf`, `.docx`, `.xls`, `.zip`, ...).
"""

from __future__ import annotations

import codecs
from pathlib import Path

from pipeline.ingest import InputSchema
from pipeline.ingest.read import detect_delimiter
from pipeline.ingest.schema import normalise_key

EXPORT_EXTENSIONS = {".csv", ".xlsx", ".parquet"}
SYSTEM_FILES = {"thumbs.db", "desktop.ini", "ehthumbs.db"}
#: A .txt file counts as an export when its header names at least this many columns of the input.
TXT_MIN_COLUMNS = 2


def _txt_header_columns(path: Path, schema: InputSchema) -> int:
    """How many distinct input columns the first non-empty line of a text file names."""
    with path.open("rb") as handle:
        data = handle.read(65536)
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            text = data.decode(encoding, errors="replace")
            break
    else:
        text = data.decode("utf-8", errors="replace")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if lines and lines[0].lower().startswith("sep="):
        lines = lines[1:]
    if not lines:
        return 0
    header = lines[0]
    lookup = schema.header_lookup()
    cells = [normalise_key(cell.strip().strip('"')) for cell in header.split(detect_delimiter(header))]
    return len({lookup[c] for c in cells if c in lookup})


def skip_reason(path: Path, schema: InputSchema) -> str | None:
    """Why `path` is not read as an export (a Dutch phrase naming no content), or None to read it."""
    name = path.name
    suffix = path.suffix.lower()
    if name.startswith("~$"):
        return "tijdelijk bestand van Excel (~$): de werkmap stond open"
    if name.startswith("."):
        return "verborgen bestand"
    if name.lower() in SYSTEM_FILES:
        return "systeembestand"
    if suffix == ".txt":
        if _txt_header_columns(path, schema) >= TXT_MIN_COLUMNS:
            return None
        return "tekstbestand zonder kopregel van een export (bijvoorbeeld een toelichting)"
    if suffix not in EXPORT_EXTENSIONS:
        shown = suffix or "geen extensie"
        return f"geen exportformaat ({shown}); alleen CSV, XLSX, Parquet en TXT met een kopregel worden gelezen"
    return None


def split_folder(folder: Path, schema: InputSchema) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The exports in `folder` and the skipped files with their reasons, both sorted by name."""
    exports, skipped = [], []
    for path in sorted(p for p in folder.iterdir() if p.is_file()):
        reason = skip_reason(path, schema)
        if reason is None:
            exports.append(path)
        else:
            skipped.append((path, reason))
    return exports, skipped
