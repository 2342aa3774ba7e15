"""Caseworker werkvoorraad: per gemeente per month an XLSX (one sheet per consultant plus
`Niet toegewezen`) and the same rows as one CSV, written privately (0700/0600) and
byte-identical for the same input; and reading the filled-in contact attempts back.

    out_dir/<gemeentecode>/werkvoorraad_<gemeentecode>_<YYYY-MM>.xlsx
    out_dir/<gemeentecode>/werkvoorraad_<gemeentecode>_<YYYY-MM>.csv
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path

import polars as pl

from pipeline.exports.files import private_dir, write_private
from pipeline.exports.parallel import run_jobs
from pipeline.exports.werkvoorraad_csv import escape_formulas, write_escaped
from pipeline.common.werkvoorraad_layout import ATTEMPT_SLOTS, WorkbookRows, missing_columns, workbook_rows
from pipeline.ingest.werkvoorraad_read import ATTEMPT_SCHEMA, read_werkvoorraad_attempts

__all__ = ["ATTEMPT_SCHEMA", "ATTEMPT_SLOTS", "read_werkvoorraad_attempts", "write_werkvoorraad"]

log = logging.getLogger(__name__)

_SAFE_CODE = re.compile(r"^[A-Za-z0-9_-]+$")  # becomes a folder and file name


def write_werkvoorraad(frame: pl.DataFrame, out_dir: Path, *, progress: Callable[..., object] | None = None) -> list[Path]:
    """Write the werkvoorraad files of every (gemeentecode, maand) in `frame`; return the
    paths written (per file pair: xlsx, csv), ordered by gemeentecode and maand. Many
    workbooks are rendered in worker processes (see pipeline.exports.parallel)."""
    missing = missing_columns(frame)
    if missing:
        raise ValueError("werkvoorraad-frame mist kolommen: " + ", ".join(missing))
    frame = normalized(frame)
    _check_keys(frame)
    if frame.height == 0:
        log.info("werkvoorraad: geen meldingen, niets geschreven")
        return []
    out_dir = private_dir(Path(out_dir))
    books = workbook_rows(frame)
    # the CSV's formula escaping for all workbooks in one call, then each workbook's slice
    escaped = escape_formulas(pl.concat([book.rows for book in books], how="vertical", rechunk=False))
    jobs, start = [], 0
    for book in books:
        folder = private_dir(out_dir / book.gemeentecode)
        csv_rows = escaped.slice(start, book.rows.height)
        start += book.rows.height
        jobs.append((folder, f"werkvoorraad_{book.gemeentecode}_{book.maand:%Y-%m}", book, csv_rows))
    say = progress or (lambda *a, **k: None)
    step = max(1, len(jobs) // 10)
    written: list[Path] = []
    for pair in run_jobs(write_workbook, jobs, frame.height,
                         lambda n: say(f"werkvoorraad: {n} van {len(jobs)} werkmappen geschreven")
                         if n % step == 0 or n == len(jobs) else None):
        written += pair
    return written


def write_workbook(folder: Path, stem: str, book: WorkbookRows, csv_rows: pl.DataFrame) -> list[Path]:
    """The workbook and CSV of one gemeente and month (a job of its own: may run in a worker process);
    `csv_rows`: the book's rows through `escape_formulas`."""
    from pipeline.exports.werkvoorraad_xlsx import render_workbook  # lazy: xlsxwriter only when writing

    sheets = book.sheet_tables()
    paths = [write_private(folder / f"{stem}.xlsx", render_workbook(sheets)),
             write_private(folder / f"{stem}.csv", write_escaped(csv_rows))]
    log.info(
        "werkvoorraad %s.xlsx/.csv: %d meldingen op %d bladen (%d niet toegewezen)",
        stem, book.rows.height, len(sheets), book.sheets[0][1],
    )
    return paths


def normalized(frame: pl.DataFrame) -> pl.DataFrame:
    """Keys and consultant as the workbooks use them: trimmed text (an empty consultant: null), dates."""
    return frame.with_columns(
        pl.col("gemeentecode").cast(pl.String).str.strip_chars(),
        pl.col("maand").cast(pl.Date),
        pl.col("melding_id").cast(pl.String),
        pl.col("consulent").cast(pl.String).str.strip_chars(),
    ).with_columns(
        pl.when(pl.col("consulent").str.len_chars() > 0).then(pl.col("consulent")).alias("consulent")
    )


def _check_keys(frame: pl.DataFrame) -> None:
    nulls = frame.filter(pl.col("gemeentecode").is_null() | pl.col("maand").is_null()).height
    if nulls:
        raise ValueError(f"werkvoorraad: {nulls} rijen zonder gemeentecode of maand")
    bad = [c for c in frame.get_column("gemeentecode").unique().to_list() if not _SAFE_CODE.match(c)]
    if bad:
        raise ValueError(f"werkvoorraad: {len(bad)} gemeentecode(s) niet bruikbaar als mapnaam (alleen A-Z, 0-9, _ en -)")
