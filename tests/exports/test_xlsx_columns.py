"""The cells of a werkvoorraad sheet: which columns and values are written, with which format."""

from __future__ import annotations

import datetime as dt
import io
import math

import polars as pl
import xlsxwriter

from pipeline.exports.werkvoorraad_xlsx import _columns, _formats


def test_columns_values_and_formats():
    workbook = xlsxwriter.Workbook(io.BytesIO(), {"in_memory": True})
    sheet = workbook.add_worksheet("x")
    formats = _formats(workbook)
    table = pl.DataFrame({
        "tekst": ["a", "", None],
        "leeg": pl.Series([None, None, None], dtype=pl.String),
        "bedrag": [1.5, math.nan, None],
        "aantal": [1, None, 3],
        "datum": [dt.date(2024, 3, 1), None, None],
        "vlag": [True, False, None],
    })
    columns = _columns(sheet, table, formats)
    assert [(c, values, fmt) for c, values, _, fmt in columns[:4]] == [
        (0, ["a", "", None], None),  # empty text is skipped when written
        (2, [1.5, None, None], formats["amount"]),  # NaN: no cell; the all-null column 1 is left out
        (3, [1, None, 3], None),
        (4, [dt.date(2024, 3, 1), None, None], formats["date"]),
    ]
    assert [write.__name__ for _, _, write, _ in columns[:4]] == ["write_string", "write_number", "write_number",
                                                                  "write_datetime"]
    c, values, write, _ = columns[4]
    assert (c, values) == (5, [True, False, None])
    write(1, 5, False, None)
    assert sheet.str_table.string_table == {"nee": 0}  # flags as ja/nee text
    workbook.close()
