"""All workbooks' sheets at once (workbook_rows) are the sheets of each workbook on its own."""

from __future__ import annotations

import polars as pl
from polars.testing import assert_frame_equal

from pipeline.common.werkvoorraad_layout import BLAD, UNASSIGNED_SHEET, sheet_tables, workbook_rows
from pipeline.exports.werkvoorraad import normalized
from pipeline.exports.werkvoorraad_csv import render_csv, render_csv_rows
from tests.exports.helpers import APRIL, MAART, melding, standard_frame, werkvoorraad_frame


def test_hand_worked_order_sheets_and_counts():
    frame = normalized(werkvoorraad_frame([
        melding("A1", gemeentecode="GM0002", prioriteit=2, totaal_bedrag=50.0, consulent="bob"),
        melding("A2", maand=APRIL, prioriteit=1, consulent=None),
        melding("A3", prioriteit=2, totaal_bedrag=10.0, consulent="bob"),
        melding("A4", prioriteit=1, totaal_bedrag=10.0, consulent="Anna"),
        melding("A5", prioriteit=2, totaal_bedrag=99.0, consulent=" bob "),
        melding("A6", prioriteit=1, totaal_bedrag=None, consulent="bob"),
        melding("A7", prioriteit=1, totaal_bedrag=10.0, consulent="bob"),
    ]))
    books = workbook_rows(frame)
    assert [(b.gemeentecode, b.maand) for b in books] == [("GM0001", MAART), ("GM0001", APRIL), ("GM0002", MAART)]
    maart, april, other = books
    assert maart.sheets == ((UNASSIGNED_SHEET, 0), ("Anna", 1), ("bob", 4))
    # per sheet: prioriteit up, bedrag down (no bedrag last), then melding_id
    assert maart.rows.get_column("melding_id").to_list() == ["A4", "A7", "A6", "A5", "A3"]
    assert maart.rows.get_column(BLAD).to_list() == ["Anna", "bob", "bob", "bob", "bob"]
    assert maart.rows.columns[:3] == ["melding_id", BLAD, "Gemeente"]
    assert april.sheets == ((UNASSIGNED_SHEET, 1),)
    assert april.rows.get_column("melding_id").to_list() == ["A2"]
    assert other.sheets == ((UNASSIGNED_SHEET, 0), ("bob", 1))
    assert [(name, table.get_column("melding_id").to_list()) for name, table in maart.sheet_tables()] == [
        (UNASSIGNED_SHEET, []), ("Anna", ["A4"]), ("bob", ["A7", "A6", "A5", "A3"])]
    assert BLAD not in maart.sheet_tables()[1][1].columns


def test_same_as_sheet_tables_per_workbook_and_same_csv():
    frame = normalized(standard_frame())
    books = workbook_rows(frame)
    parts = frame.partition_by(["gemeentecode", "maand"], as_dict=True)
    assert [(b.gemeentecode, b.maand) for b in books] == sorted(parts)
    for book in books:
        expected = sheet_tables(parts[(book.gemeentecode, book.maand)])
        got = book.sheet_tables()
        assert [name for name, _ in got] == [name for name, _ in expected]
        for (_, table), (_, want) in zip(got, expected, strict=True):
            assert_frame_equal(table, want)
        assert render_csv_rows(book.rows) == render_csv(expected)


def test_one_workbook_with_only_unassigned_rows():
    frame = normalized(werkvoorraad_frame([melding("B1", consulent="  ")]))
    (book,) = workbook_rows(frame)
    assert book.sheets == ((UNASSIGNED_SHEET, 1),)
    assert book.rows.schema[BLAD] == pl.String
