"""Read a filled-in werkvoorraad (XLSX, every sheet; or its CSV) back as contact attempts.

Values stay text exactly as the cells hold them (the ingestion parses them with its usual
rules); only Excel date cells become `YYYY-MM-DD`, and empty or blank cells become null.
Sheets without a `contactdatum_1` header (such as the hidden lists sheet) are skipped.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from pipeline.common.werkvoorraad_layout import (
    ATTEMPT_FIELDS,
    ATTEMPT_SLOTS,
    BLAD,
    FILLED_FIELDS,
    attempt_header,
)

MARKER = attempt_header("contactdatum", 1)
ATTEMPT_SCHEMA = pl.Schema(
    {"rij": pl.Int64, "blad": pl.String, "poging": pl.Int64, "melding_id": pl.String}
    | {field: pl.String for field in ATTEMPT_FIELDS}
)
# What calamine makes of a date cell read as text: "2024-03-05 00:00:00".
_EXCEL_DATE = r"^(\d{4}-\d{2}-\d{2})[ T]\d{2}:\d{2}:\d{2}(?:\.\d+)?$"


@dataclass(frozen=True)
class _Grid:
    """The cells of one sheet as text: `rij` plus columns c0..c{n-1}; `headers` from row 1."""

    blad: str | None  # sheet name; None for CSV (the `blad` column names it)
    headers: list[str]
    cells: pl.DataFrame
    excel: bool


def read_werkvoorraad_attempts(path: Path) -> pl.DataFrame | None:
    """Filled attempt slots in long form (see ATTEMPT_SCHEMA), ordered by sheet, row and slot;
    None when `path` is not a werkvoorraad (not xlsx/csv/txt, or no `contactdatum_1` column)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        grids = _xlsx_grids(path)
    elif suffix in (".csv", ".txt"):
        grids = _csv_grids(path)
    else:
        return None
    grids = [g for g in grids if MARKER in g.headers]
    if not grids:
        return None
    frames = [_attempts(grid) for grid in grids]
    return pl.concat(frames, how="vertical").select(ATTEMPT_SCHEMA.names())


def _attempts(grid: _Grid) -> pl.DataFrame:
    def column(name: str) -> pl.Expr:
        if name not in grid.headers:
            return pl.lit(None, dtype=pl.String)
        value = pl.col(f"c{grid.headers.index(name)}").cast(pl.String)
        return pl.when(value.str.strip_chars().str.len_chars() > 0).then(value)

    blad = pl.lit(grid.blad, dtype=pl.String) if grid.blad is not None else column(BLAD)
    slots = []
    for n in range(1, ATTEMPT_SLOTS + 1):
        fields = {field: column(attempt_header(field, n)) for field in ATTEMPT_FIELDS}
        if grid.excel:
            date = fields["contactdatum"]
            fields["contactdatum"] = pl.when(date.str.contains(_EXCEL_DATE)).then(
                date.str.extract(_EXCEL_DATE, 1)
            ).otherwise(date)
        slot = grid.cells.select(
            pl.col("rij").cast(pl.Int64),
            blad.alias("blad"),
            pl.lit(n, dtype=pl.Int64).alias("poging"),
            column("melding_id").alias("melding_id"),
            *(expr.alias(field) for field, expr in fields.items()),
        )
        slots.append(slot.filter(pl.any_horizontal(pl.col(f).is_not_null() for f in FILLED_FIELDS)))
    return pl.concat(slots, how="vertical").sort(["rij", "poging"]).cast(ATTEMPT_SCHEMA)


def _clean_header(value: object) -> str:
    return str(value).replace("\ufeff", "").strip() if value is not None else ""


# --------------------------------------------------------------------------- #
# XLSX: every sheet, all cells as text (calamine via fastexcel)
# --------------------------------------------------------------------------- #


def _xlsx_grids(path: Path) -> list[_Grid]:
    import fastexcel

    reader = fastexcel.read_excel(str(path))
    grids = []
    for name in reader.sheet_names:
        # header_row=None, skip_rows=0: row i of the frame is spreadsheet row i + 1.
        sheet = reader.load_sheet(name, header_row=None, skip_rows=0, dtypes="string")
        raw = pl.from_arrow(sheet.to_arrow())
        if not isinstance(raw, pl.DataFrame) or raw.height == 0 or raw.width == 0:
            continue
        headers = [_clean_header(v) for v in raw.row(0)]
        cells = raw.rename({old: f"c{j}" for j, old in enumerate(raw.columns)})
        cells = cells.with_columns(pl.int_range(1, raw.height + 1, dtype=pl.Int64).alias("rij")).slice(1)
        grids.append(_Grid(name, headers, cells, excel=True))
    return grids


# --------------------------------------------------------------------------- #
# CSV: as written (UTF-8 with BOM, `;`) or as Excel saved it again (cp1252, `,` or tab)
# --------------------------------------------------------------------------- #


def _csv_grids(path: Path) -> list[_Grid]:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", "\t", ","), key=first_line.count)  # ties: first in this order
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not records:
        return []
    headers = [_clean_header(v) for v in records[0]]
    width = len(headers)
    rows = [(r + [""] * width)[:width] for r in records[1:]]  # rij = record number + 1 (header = 1)
    columns = {f"c{j}": [row[j] for row in rows] for j in range(width)}
    cells = pl.DataFrame(columns, schema={name: pl.String for name in columns}).with_columns(
        pl.int_range(2, len(rows) + 2, dtype=pl.Int64).alias("rij")
    )
    return [_Grid(None, headers, cells, excel=False)]
