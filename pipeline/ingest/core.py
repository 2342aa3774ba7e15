"""ingest_file: one landing file -> IngestResult (typed rows + quarantine)."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from .errors import FileProblem
from .headers import map_headers
from .read import file_format, read_table
from .schema import InputSchema
from .validate import apply_schema


@dataclass(frozen=True, eq=False)
class IngestResult:
    """Outcome of reading one file.

    rows: accepted rows; `rij` (Int64) then one column per schema field in schema
        order, typed (text/enum Utf8, date Date, amount Float64, bool Boolean, int
        Int64); optional columns absent from the file are all null.
    quarantine: `rij` Int64, `veld` Utf8 (first failing field, or "(rij)" when the
        line has the wrong number of fields), `reden` Utf8 (all reasons, "; ").
    rows_read == rows.height + quarantine.height; the `rij` sets are disjoint.
    """

    rows: pl.DataFrame
    quarantine: pl.DataFrame
    rows_read: int
    sha256: str
    extra_columns: list[str] = field(default_factory=list)
    encoding: str = "utf-8"
    format: str = "csv"


def ingest_file(path: Path, schema: InputSchema, *, today: dt.date | None = None) -> IngestResult:
    """Read one landing file (.csv/.txt/.xlsx/.parquet) against `schema`.

    Raises FileProblem (and nothing else) for a file that cannot be ingested as a
    whole; bad rows go to `quarantine`. `today` bounds the "not in the future" rules.
    """
    path = Path(path)
    name = str(path)
    try:
        fmt = file_format(name, path.suffix)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise FileProblem(name, f"bestand kan niet geopend worden ({type(exc).__name__})") from None
        raw = read_table(name, data, fmt)
        columns, extra = map_headers(name, raw.headers, schema)
        rows, quarantine = apply_schema(name, raw, columns, schema, today or dt.date.today())
    except FileProblem:
        raise
    except Exception as exc:  # noqa: BLE001 - contract: only FileProblem leaves this function
        # The library message may quote cell values, so only its type is kept.
        raise FileProblem(name, f"bestand kan niet verwerkt worden ({type(exc).__name__})") from None
    return IngestResult(
        rows=rows,
        quarantine=quarantine,
        rows_read=raw.data.height,
        sha256=hashlib.sha256(data).hexdigest(),
        extra_columns=extra,
        encoding=raw.encoding,
        format=fmt,
    )
