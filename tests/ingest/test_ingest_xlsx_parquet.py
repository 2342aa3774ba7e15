"""XLSX (written with xlsxwriter: real date and number cells) and Parquet (native types)."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
import xlsxwriter

from .ingest_helpers import TODAY, assert_accounting, valid_signal
from pipeline.ingest import GEMEENTEN, SIGNALEN, FileProblem, ingest_file

HEADERS = ["Signaal ID", "Gemeentecode", "Type signaalpartner", "Signaalpartner naam",
           "Signaaldatum", "Bedrag", "Postcode", "Huisnummer", "BSN", "Crisissignaal", "Opmerking"]


def write_xlsx(path, rows, *, first_row=0):
    """rows: lists of python values; datetimes become date cells, numbers numeric cells."""
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("signalen")
    date_format = workbook.add_format({"num_format": "dd-mm-yyyy"})
    sheet.write_row(first_row, 0, HEADERS)
    for i, row in enumerate(rows, start=first_row + 1):
        for j, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, dt.datetime):
                sheet.write_datetime(i, j, value, date_format)
            elif isinstance(value, bool):
                sheet.write_boolean(i, j, value)
            elif isinstance(value, (int, float)):
                sheet.write_number(i, j, value)
            else:
                sheet.write_string(i, j, value)
    workbook.add_worksheet("tweede blad").write_string(0, 0, "wordt niet gelezen")
    workbook.close()
    return path


def xlsx_rows():
    d = dt.datetime(2024, 1, 31)
    return [
        # real date cell, numeric amount with 3 decimals, number gemeentecode / huisnummer / bsn
        ["S1", 546, "Zorg", "Zorg BV", d, 1234.567, "1234AB", 12, 111222333, True, None],
        # Excel serial as a number, text amount with Dutch thousands, text gemeentecode
        ["S2", "GM0546", "energie", "Energie BV", 45322, "1.234", "1234 ab", "12a", None, False, "x"],
        # numeric amount 1.234 (a number, so 1.23 euro, not 1234), date as text
        ["S3", "0546", "Water", "Water BV", "31-01-2024", 1.234, "1234AB", 3, None, None, None],
        # bad row: unknown partner type, negative amount
        ["S4", 546, "Bakker", "Bakker BV", d, -5, "1234AB", 3, None, None, None],
    ]


def test_xlsx_native_cells(tmp_path):
    path = write_xlsx(tmp_path / "signalen.xlsx", xlsx_rows())
    result = ingest_file(path, SIGNALEN, today=TODAY)
    assert result.format == "xlsx"
    assert result.extra_columns == ["Opmerking"]
    rows = result.rows
    assert rows["rij"].to_list() == [2, 3, 4]
    assert rows["gemeentecode"].to_list() == ["0546"] * 3
    assert rows["signaaldatum"].to_list() == [dt.date(2024, 1, 31)] * 3
    assert rows["bedrag"].to_list() == [1234.57, 1234.0, 1.23]
    assert rows["huisnummer"].to_list() == [12, 12, 3]
    assert rows["huisletter"].to_list() == [None, "A", None]  # "12a": huisletter A
    assert rows["huisnummertoevoeging"].to_list() == [None, None, None]
    assert rows["bsn"].to_list() == ["111222333", None, None]  # no ".0" from the number cell
    assert rows["crisissignaal"].to_list() == [True, False, False]
    assert rows["signaalpartner_type"].to_list() == ["Zorg", "Energie", "Water"]
    q = result.quarantine
    assert q["rij"].to_list() == [5]
    assert q["reden"].to_list() == [
        "signaalpartner_type: onbekend type signaalpartner; bedrag: bedrag is negatief"
    ]
    assert_accounting(result)


def test_xlsx_row_numbers_follow_the_sheet(tmp_path):
    rows = xlsx_rows()[:2]
    path = tmp_path / "offset.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet()
    sheet.write_row(2, 1, HEADERS)              # header on sheet row 3, from column B
    sheet.write_row(3, 1, [v if not isinstance(v, dt.datetime) else "2024-01-31" for v in rows[0]][:9])
    sheet.write_row(5, 1, [v for v in rows[1]][:9])  # sheet row 5 left empty
    workbook.close()
    result = ingest_file(path, SIGNALEN, today=TODAY)
    assert result.rows["rij"].to_list() == [4, 6]
    assert result.rows_read == 2
    # numeric 1234.567 -> 1234.57 and text "1.234" -> 1234, also when the sheet starts at B3
    assert result.rows["bedrag"].to_list() == [1234.57, 1234.0]


def test_xlsx_header_only(tmp_path):
    result = ingest_file(write_xlsx(tmp_path / "leeg.xlsx", []), SIGNALEN, today=TODAY)
    assert result.rows_read == 0
    assert result.rows.columns == ["rij", *SIGNALEN.names]


def test_xlsx_empty_sheet_is_file_problem(tmp_path):
    path = tmp_path / "leeg.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    workbook.add_worksheet()
    workbook.close()
    with pytest.raises(FileProblem, match="leeg"):
        ingest_file(path, SIGNALEN, today=TODAY)


def test_truncated_xlsx_is_file_problem(tmp_path):
    good = write_xlsx(tmp_path / "goed.xlsx", xlsx_rows())
    data = good.read_bytes()
    cut = tmp_path / "kapot.xlsx"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(FileProblem) as info:
        ingest_file(cut, SIGNALEN, today=TODAY)
    assert info.value.file == str(cut)
    assert "XLSX" in info.value.problem


def test_csv_renamed_to_xlsx_is_file_problem(write):
    path = write("nep.xlsx", "signaal_id;bedrag\nS1;12\n")
    with pytest.raises(FileProblem):
        ingest_file(path, SIGNALEN, today=TODAY)


def test_parquet_native_types(tmp_path):
    frame = pl.DataFrame(
        {
            "signaal_id": ["P1", "P2", "P3"],
            "gemeentecode": pl.Series([546, 14, 546], dtype=pl.Int64),
            "signaalpartner_type": pl.Series(["Zorg", "Huur", "DUO"], dtype=pl.Categorical),
            "signaalpartner_naam": ["Zorg BV", "Woon", "DUO"],
            "signaaldatum": [dt.date(2024, 1, 31), dt.date(2024, 1, 2), dt.date(2025, 1, 1)],
            "bedrag": [1234.567, 12.0, 5.5],
            "postcode": ["1234AB", "1234AB", "1234AB"],
            "huisnummer": pl.Series([12, 7, 1], dtype=pl.Int32),
            "bsn": pl.Series([12345672, None, None], dtype=pl.Int64),  # leading zero lost
            "crisissignaal": [True, None, False],
            "ontstaansdatum": [dt.datetime(2023, 12, 1, 13, 30), None, None],
        }
    )
    path = tmp_path / "signalen.parquet"
    frame.write_parquet(path)
    result = ingest_file(path, SIGNALEN, today=TODAY)
    assert result.format == "parquet"
    rows = result.rows
    assert rows["rij"].to_list() == [1, 2]  # Parquet: 1-based record index
    assert rows["gemeentecode"].to_list() == ["0546", "0014"]
    assert rows["signaaldatum"].to_list() == [dt.date(2024, 1, 31), dt.date(2024, 1, 2)]
    assert rows["bedrag"].to_list() == [1234.57, 12.0]
    assert rows["huisnummer"].to_list() == [12, 7]
    assert rows["crisissignaal"].to_list() == [True, False]
    assert rows["ontstaansdatum"].to_list() == [dt.date(2023, 12, 1), None]
    assert rows["bsn"].to_list() == ["012345672", None]
    assert rows["signaalpartner_type"].to_list() == ["Zorg", "Huur"]
    assert result.quarantine.to_dicts() == [
        {"rij": 3, "veld": "signaaldatum", "reden": "signaaldatum: ligt in de toekomst"}
    ]


def test_parquet_bsn_padded_and_checked(tmp_path):
    # 011122233 fails; build a valid one with a leading zero: 0 1 2 3 4 5 6 7 + check
    # 0*9+1*8+2*7+3*6+4*5+5*4+6*3+7*2 = 112, 112 % 11 = 2 -> check digit 2: 012345672
    frame = pl.DataFrame(
        {
            **{k: [v, v] for k, v in valid_signal().items()},
            "bsn": pl.Series([12345672, 11122233], dtype=pl.Int64),
        }
    )
    path = tmp_path / "s.parquet"
    frame.write_parquet(path)
    result = ingest_file(path, SIGNALEN, today=TODAY)
    assert result.rows["bsn"].to_list() == ["012345672"]
    assert result.quarantine.to_dicts() == [
        {"rij": 2, "veld": "bsn", "reden": "bsn: voldoet niet aan de elfproef"}
    ]


def test_parquet_gemeenten_reference(tmp_path):
    frame = pl.DataFrame(
        {"Gemeentecode": ["GM0546", "GM1859"], "Naam": ["Leiden", "Oost Gelre"],
         "Jaar": [2024, 2024], "Inwoners": [130067, 29696]}
    )
    path = tmp_path / "gemeenten.parquet"
    frame.write_parquet(path)
    result = ingest_file(path, GEMEENTEN, today=TODAY)
    assert result.rows.to_dicts() == [
        {"rij": 1, "gemeentecode": "0546", "naam": "Leiden", "jaar": 2024, "inwoners": 130067},
        {"rij": 2, "gemeentecode": "1859", "naam": "Oost Gelre", "jaar": 2024, "inwoners": 29696},
    ]


def test_bad_parquet_is_file_problem(write):
    with pytest.raises(FileProblem, match="Parquet"):
        ingest_file(write("kapot.parquet", b"PAR1 dit is geen parquet PAR1"), SIGNALEN, today=TODAY)


def test_parquet_nested_column_mapped_to_field_is_file_problem(tmp_path):
    frame = pl.DataFrame({**{k: [v] for k, v in valid_signal().items()}})
    frame = frame.with_columns(pl.concat_list(pl.col("postcode")).alias("postcode"))
    path = tmp_path / "s.parquet"
    frame.write_parquet(path)
    with pytest.raises(FileProblem):
        ingest_file(path, SIGNALEN, today=TODAY)
