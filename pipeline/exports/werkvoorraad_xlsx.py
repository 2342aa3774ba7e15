"""Render werkvoorraad sheets to XLSX bytes (xlsxwriter), byte-identical for the same input.

Layout per sheet: header on row 1 (frozen, autofilter), one row per melding, the attempt
columns with dropdowns fed by the hidden `Keuzelijsten` sheet (DDAS enums), `contactdatum_n`
as dd-mm-yyyy date cells. Strings are always written as text (never as a formula or URL).
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Sequence

import polars as pl
import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

from pipeline.common.werkvoorraad_layout import (
    ATTEMPT_FIELDS,
    ATTEMPT_SLOTS,
    LISTS_SHEET,
    attempt_header,
    choice_lists,
)

#: Fixed workbook timestamp: xlsxwriter would otherwise stamp the current time.
FIXED_CREATED = dt.datetime(2000, 1, 1)
DATE_FORMAT = "dd-mm-yyyy"
AMOUNT_FORMAT = "#,##0.00"
MAX_WIDTH = 50

_LIST_NAMES = {"soort": "Contactsoorten", "bereikt": "JaNee", "dagdeel": "Dagdelen", "resultaat": "Eindresultaten"}
_ATTEMPT_WIDTHS = {"contactdatum": 14, "soort": 20, "bereikt": 11, "dagdeel": 11, "medewerker": 16, "resultaat": 44}
_ERRORS = {
    "soort": "Kies een soort contact uit de lijst (DDAS).",
    "bereikt": "Kies ja of nee.",
    "dagdeel": "Kies Ochtend, Middag of Avond.",
    "resultaat": "Kies een resultaat uit de lijst (DDAS).",
}


def render_workbook(sheets: Sequence[tuple[str, pl.DataFrame]]) -> bytes:
    """XLSX bytes with one worksheet per (name, table), plus the hidden lists sheet."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    workbook.set_properties({"title": "Werkvoorraad vroegsignalering", "created": FIXED_CREATED})
    formats = _formats(workbook)
    for name, table in sheets:
        _write_sheet(workbook.add_worksheet(name), table, formats)
    _write_lists(workbook)
    workbook.close()
    return buffer.getvalue()


def _formats(workbook) -> dict:
    header = {"bold": True, "text_wrap": True, "valign": "top", "border": 1}
    return {
        "header": workbook.add_format({**header, "bg_color": "#DDEBF7"}),
        "attempt_header": workbook.add_format({**header, "bg_color": "#FFF2CC"}),
        "date": workbook.add_format({"num_format": DATE_FORMAT}),
        "amount": workbook.add_format({"num_format": AMOUNT_FORMAT}),
        "datetime": workbook.add_format({"num_format": "dd-mm-yyyy hh:mm"}),
    }


def _write_sheet(sheet, table: pl.DataFrame, formats: dict) -> None:
    attempt_columns = {attempt_header(f, n): f for n in range(1, ATTEMPT_SLOTS + 1) for f in ATTEMPT_FIELDS}
    widths = _widths(table, [h for h in table.columns if h not in attempt_columns])
    for c, (header, dtype) in enumerate(table.schema.items()):
        fmt = _column_format(dtype, formats)
        is_attempt = header in attempt_columns
        width = _ATTEMPT_WIDTHS[attempt_columns[header]] if is_attempt else widths[header]
        sheet.set_column(c, c, max(width, len(header) + 2), fmt)
        sheet.write_string(0, c, header, formats["attempt_header" if is_attempt else "header"])
    columns = _columns(sheet, table, formats)
    # row by row (shared strings are numbered in the order they are written)
    for r, row in enumerate(zip(*(values for _, values, _, _ in columns)), start=1):
        for (c, _, write, fmt), value in zip(columns, row):
            if value is not None and value != "":
                write(r, c, value, fmt)
    last_row = max(table.height, 1)
    for header, field in attempt_columns.items():
        if header in table.columns:
            c = table.columns.index(header)
            sheet.data_validation(1, c, last_row, c, _validation(field))
    sheet.freeze_panes(1, 1)
    sheet.autofilter(0, 0, table.height, max(table.width - 1, 0))


def _column_format(dtype: pl.DataType, formats: dict):
    if dtype == pl.Date:
        return formats["date"]
    if isinstance(dtype, pl.Datetime):
        return formats["datetime"]
    if dtype.is_float():
        return formats["amount"]
    return None


def _columns(sheet, table: pl.DataFrame, formats: dict) -> list[tuple[int, list, object, object]]:
    """Per column with any cell: (column index, its values as Python objects, the write method,
    the cell format). A null, empty text or non-finite amount gets no cell."""
    columns = []
    for c, (header, dtype) in enumerate(table.schema.items()):
        series = table.get_column(header)
        if series.null_count() == series.len():
            continue
        values = series.to_list()
        if dtype == pl.String:
            columns.append((c, values, sheet.write_string, None))
        elif dtype == pl.Date:
            columns.append((c, values, sheet.write_datetime, formats["date"]))
        elif dtype.is_float():
            finite = [v if v is not None and math.isfinite(v) else None for v in values]
            columns.append((c, finite, sheet.write_number, formats["amount"]))
        elif dtype.is_integer():
            columns.append((c, values, sheet.write_number, None))
        else:
            writer = _cell_writer(sheet, dtype, formats)
            columns.append((c, values, lambda r, c, v, _fmt, writer=writer: writer(r, c, v), None))
    return columns


def _cell_writer(sheet, dtype: pl.DataType, formats: dict):
    if dtype == pl.Date:
        return lambda r, c, v: sheet.write_datetime(r, c, v, formats["date"])
    if isinstance(dtype, pl.Datetime):
        return lambda r, c, v: sheet.write_datetime(r, c, v.replace(tzinfo=None), formats["datetime"])
    if dtype.is_float():
        return lambda r, c, v: None if not math.isfinite(v) else sheet.write_number(r, c, v, formats["amount"])
    if dtype.is_integer():
        return lambda r, c, v: sheet.write_number(r, c, v)
    if dtype == pl.Boolean:
        return lambda r, c, v: sheet.write_string(r, c, "ja" if v else "nee")

    def write_text(r: int, c: int, v) -> None:
        text = str(v)
        if text:
            sheet.write_string(r, c, text)

    return write_text


def _widths(table: pl.DataFrame, headers: list[str]) -> dict[str, int]:
    """Column widths from the longest text in each column (dates: 12), in one pass."""
    dates = {h for h in headers if table.schema[h] == pl.Date}
    others = [h for h in headers if h not in dates]
    longest = (table.select(pl.col(h).cast(pl.String).str.len_chars().max() for h in others).row(0)
               if table.height and others else [0] * len(others))
    widths = {h: min(int(n or 0) + 2, MAX_WIDTH) for h, n in zip(others, longest)}
    return {h: 12 if h in dates else widths[h] for h in headers}


def _validation(field: str) -> dict:
    if field == "contactdatum":
        return {
            "validate": "date",
            "criteria": "between",
            "minimum": dt.date(2000, 1, 1),
            "maximum": dt.date(2099, 12, 31),
            "error_title": "Contactdatum",
            "error_message": "Vul een datum in als dd-mm-jjjj.",
        }
    if field == "medewerker":
        return {"validate": "length", "criteria": "<=", "value": 100}
    return {
        "validate": "list",
        "source": "=" + _LIST_NAMES[field],
        "error_title": field.capitalize(),
        "error_message": _ERRORS[field],
    }


def _write_lists(workbook) -> None:
    sheet = workbook.add_worksheet(LISTS_SHEET)
    for c, (field, values) in enumerate(choice_lists().items()):
        sheet.write_string(0, c, field)
        for r, value in enumerate(values, start=1):
            sheet.write_string(r, c, value)
        col = xl_col_to_name(c)
        workbook.define_name(_LIST_NAMES[field], f"={LISTS_SHEET}!${col}$2:${col}${len(values) + 1}")
        sheet.set_column(c, c, max(len(v) for v in values) + 2)
    sheet.hide()
