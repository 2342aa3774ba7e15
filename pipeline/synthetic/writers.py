"""Write one file of signals in a signaalpartner's format: CSV dialects, XLSX, Parquet.

Every writer is byte-deterministic: no timestamps besides the fixed `created` date of an XLSX.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import xlsxwriter

from pipeline.synthetic.defects import BAD_COLUMNS
from pipeline.synthetic.frame import COLUMNS, DATE_COLUMNS
from pipeline.synthetic.layout import FileStyle

_BOOL_COLUMNS = ("crisissignaal", "warme_overdracht")


def _zfill3(expr: pl.Expr) -> pl.Expr:
    return expr.cast(pl.String).str.zfill(3)


def amount_text(expr: pl.Expr, style: str) -> pl.Expr:
    """Euros as text: nl '1.234,56', comma '1234,56', dot '1234.56'."""
    cents = (expr * 100).round(0).cast(pl.Int64)
    absolute = cents.abs()
    euros = absolute // 100
    decimals = (absolute % 100).cast(pl.String).str.zfill(2)
    if style == "nl":
        whole = (
            pl.when(euros >= 1_000_000)
            .then(pl.concat_str([(euros // 1_000_000).cast(pl.String), pl.lit("."),
                                 _zfill3(euros // 1000 % 1000), pl.lit("."), _zfill3(euros % 1000)]))
            .when(euros >= 1000)
            .then(pl.concat_str([(euros // 1000).cast(pl.String), pl.lit("."), _zfill3(euros % 1000)]))
            .otherwise(euros.cast(pl.String))
        )
    else:
        whole = euros.cast(pl.String)
    sep = "." if style == "dot" else ","
    sign = pl.when(cents < 0).then(pl.lit("-")).otherwise(pl.lit(""))
    return pl.when(expr.is_null()).then(None).otherwise(pl.concat_str([sign, whole, pl.lit(sep), decimals]))


def text_frame(df: pl.DataFrame, style: FileStyle) -> pl.DataFrame:
    """All columns as text in the style's conventions, with the style's header labels."""
    exprs = []
    for col in COLUMNS:
        c = pl.col(col)
        if col in DATE_COLUMNS:
            e = pl.coalesce(pl.col(f"_bad_{col}"), c.dt.strftime(style.date_format))
        elif col == "bedrag":
            e = amount_text(c, style.amount)
        elif col in _BOOL_COLUMNS:
            e = pl.when(c).then(pl.lit(style.bools[0])).otherwise(pl.lit(style.bools[1]))
        elif col == "gemeentecode" and style.gm_prefix:
            e = pl.concat_str([pl.lit("GM"), c])
        else:
            e = c.cast(pl.String)
        exprs.append(e.alias(style.headers.get(col, col)))
    return df.select(exprs)


def write_csv(df: pl.DataFrame, path: Path, style: FileStyle) -> None:
    text = text_frame(df, style).write_csv(
        None, separator=style.separator, line_terminator=style.line_terminator, quote_style="necessary"
    )
    path.write_bytes(text.encode(style.encoding))


def write_xlsx(df: pl.DataFrame, path: Path, style: FileStyle, created: dt.datetime) -> None:
    """A worksheet 'Signalen' with real date and number cells (bad dates as text cells)."""
    wb = xlsxwriter.Workbook(
        str(path),
        {"in_memory": True, "strings_to_urls": False, "strings_to_formulas": False, "strings_to_numbers": False},
    )
    wb.set_properties({"title": "Vroegsignalen", "author": "vroegsignaal (synthetisch)", "created": created})
    ws = wb.add_worksheet("Signalen")
    header = wb.add_format({"bold": True})
    date = wb.add_format({"num_format": "dd-mm-yyyy"})
    money = wb.add_format({"num_format": "#,##0.00"})
    ws.write_row(0, 0, [style.headers.get(c, c) for c in COLUMNS], header)
    bad_at = {COLUMNS.index(c): len(COLUMNS) + i for i, c in enumerate(DATE_COLUMNS)}
    for r, row in enumerate(df.select(*COLUMNS, *BAD_COLUMNS).iter_rows(), start=1):
        for c, col in enumerate(COLUMNS):
            value = row[c]
            if c in bad_at and row[bad_at[c]] is not None:
                ws.write_string(r, c, row[bad_at[c]])
            elif value is None:
                continue
            elif col in DATE_COLUMNS:
                ws.write_datetime(r, c, value, date)
            elif col == "bedrag":
                ws.write_number(r, c, value, money)
            elif col == "huisnummer":
                ws.write_number(r, c, value)
            elif col in _BOOL_COLUMNS:
                ws.write_string(r, c, style.bools[0] if value else style.bools[1])
            else:
                ws.write_string(r, c, str(value))
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, df.height, len(COLUMNS) - 1)
    ws.set_column(0, len(COLUMNS) - 1, 14)
    wb.close()


def write_parquet(df: pl.DataFrame, path: Path) -> None:
    """Native types; a date column holding a bad date becomes text (ISO for the good ones)."""
    exprs = []
    for col in COLUMNS:
        bad = f"_bad_{col}"
        if col in DATE_COLUMNS and df[bad].is_not_null().any():
            exprs.append(pl.coalesce(pl.col(bad), pl.col(col).dt.strftime("%Y-%m-%d")).alias(col))
        else:
            exprs.append(pl.col(col))
    df.select(exprs).write_parquet(path, compression="zstd", statistics=True)


def write(df: pl.DataFrame, path: Path, style: FileStyle, created: dt.datetime) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if style.fmt == "csv":
        write_csv(df, path, style)
    elif style.fmt == "xlsx":
        write_xlsx(df, path, style, created)
    elif style.fmt == "parquet":
        write_parquet(df, path)
    else:
        raise ValueError(f"unknown format {style.fmt!r}")
