"""read_werkvoorraad_attempts: round trip through a filled-in workbook of the written layout, and the CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io

import polars as pl
import pytest
import xlsxwriter

from pipeline.exports.werkvoorraad import ATTEMPT_SCHEMA, read_werkvoorraad_attempts, write_werkvoorraad
from pipeline.common.werkvoorraad_layout import UNASSIGNED_SHEET
from tests.exports.helpers import fill_workbook, read_sheets, standard_frame

ELS = "Els de Vries"
MARCH = "GM0001/werkvoorraad_GM0001_2024-03"


@pytest.fixture
def march(tmp_path):
    write_werkvoorraad(standard_frame(), tmp_path)
    return tmp_path / MARCH


def test_unfilled_werkvoorraad_gives_no_attempts(march):
    for suffix in (".xlsx", ".csv"):
        attempts = read_werkvoorraad_attempts(march.with_suffix(suffix))
        assert attempts is not None and attempts.height == 0
        assert attempts.schema == ATTEMPT_SCHEMA


def test_filled_workbook_round_trip(march, tmp_path):
    filled = tmp_path / "ingevuld.xlsx"
    filled.write_bytes(fill_workbook(march.with_suffix(".xlsx"), {
        (ELS, "M-002"): {  # sheet row 3
            "contactdatum_1": dt.date(2024, 3, 5), "soort_1": "Telefoon", "bereikt_1": "nee", "dagdeel_1": "Ochtend",
            "medewerker_1": "EdV",
            "contactdatum_2": "7-3-2024", "soort_2": "Huisbezoek", "bereikt_2": "ja", "resultaat_2": "(Budget)advies en/of quick fix",
        },
        (ELS, "M-004"): {"resultaat_4": "Definitief geen contact kunnen krijgen"},  # only a result: counts
        (ELS, "M-003"): {"medewerker_1": "EdV", "dagdeel_1": "Avond"},  # neither date, soort, bereikt nor result
        (UNASSIGNED_SHEET, "M-006"): {"contactdatum_1": dt.date(2024, 3, 31), "soort_1": "Brief"},
    }))
    # the filled workbook has the layout write_werkvoorraad produces
    original, refilled = read_sheets(march.with_suffix(".xlsx")), read_sheets(filled)
    assert [(n, t.columns, t.height) for n, t in original] == [(n, t.columns, t.height) for n, t in refilled]

    attempts = read_werkvoorraad_attempts(filled)
    assert attempts.schema == ATTEMPT_SCHEMA
    assert attempts.to_dicts() == [
        dict(rij=3, blad=UNASSIGNED_SHEET, poging=1, melding_id="M-006", contactdatum="2024-03-31", soort="Brief",
             bereikt=None, dagdeel=None, medewerker=None, resultaat=None),
        dict(rij=3, blad=ELS, poging=1, melding_id="M-002", contactdatum="2024-03-05", soort="Telefoon",
             bereikt="nee", dagdeel="Ochtend", medewerker="EdV", resultaat=None),
        dict(rij=3, blad=ELS, poging=2, melding_id="M-002", contactdatum="7-3-2024", soort="Huisbezoek",
             bereikt="ja", dagdeel=None, medewerker=None, resultaat="(Budget)advies en/of quick fix"),
        dict(rij=5, blad=ELS, poging=4, melding_id="M-004", contactdatum=None, soort=None,
             bereikt=None, dagdeel=None, medewerker=None, resultaat="Definitief geen contact kunnen krijgen"),
    ]


def test_filled_csv_round_trip(march, tmp_path):
    text = march.with_suffix(".csv").read_bytes().decode("utf-8-sig")
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    header = records[0]
    row = next(r for r in records if r[0] == "M-003")
    row[header.index("contactdatum_3")] = "12-03-2024"
    row[header.index("bereikt_3")] = "ja"
    row[header.index("resultaat_3")] = "Inwoner regelt het zelf/hoeft geen hulp vanuit vroegsignalering"
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(records)
    filled = tmp_path / "ingevuld.csv"
    filled.write_bytes(("\ufeff" + buffer.getvalue()).encode("utf-8"))

    attempts = read_werkvoorraad_attempts(filled)
    assert attempts.to_dicts() == [
        dict(rij=records.index(row) + 1, blad=ELS, poging=3, melding_id="M-003", contactdatum="12-03-2024",
             soort=None, bereikt="ja", dagdeel=None, medewerker=None,
             resultaat="Inwoner regelt het zelf/hoeft geen hulp vanuit vroegsignalering"),
    ]


def test_csv_saved_again_by_excel_in_cp1252_with_commas(tmp_path):
    path = tmp_path / "opgeslagen.csv"
    path.write_bytes("melding_id,blad,contactdatum_1,soort_1,bereikt_1,medewerker_1,resultaat_1\r\n"
                     "M-1,Jos Émile,1-4-2024,Mail,nee,,\r\n\r\nM-2,Jos Émile,,,,,\r\n".encode("cp1252"))
    attempts = read_werkvoorraad_attempts(path)
    assert attempts.select("rij", "blad", "melding_id", "contactdatum", "soort", "bereikt", "dagdeel").rows() == [
        (2, "Jos Émile", "M-1", "1-4-2024", "Mail", "nee", None),
    ]


def test_not_a_werkvoorraad_gives_none(tmp_path):
    csv_path = tmp_path / "signalen.csv"
    csv_path.write_text("signaal_id;bedrag\nS1;10\n", encoding="utf-8")
    xlsx_path = tmp_path / "iets.xlsx"
    workbook = xlsxwriter.Workbook(str(xlsx_path))
    workbook.add_worksheet("Blad1").write_row(0, 0, ["melding_id", "contactdatum"])
    workbook.add_worksheet("Leeg")
    workbook.close()
    assert read_werkvoorraad_attempts(csv_path) is None
    assert read_werkvoorraad_attempts(xlsx_path) is None


def test_only_werkvoorraad_sheets_are_read(tmp_path):
    path = tmp_path / "gemengd.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    notes = workbook.add_worksheet("Notities")
    notes.write_row(0, 0, ["melding_id", "soort_1"])
    notes.write_row(1, 0, ["M-9", "Brief"])
    sheet = workbook.add_worksheet("Kees")
    sheet.write_row(0, 0, ["melding_id", "contactdatum_1", "soort_1", "bereikt_1"])
    sheet.write_string(1, 0, "M-1")
    sheet.write_datetime(1, 1, dt.datetime(2024, 5, 6, 14, 30), workbook.add_format({"num_format": "dd-mm-yyyy"}))
    sheet.write_boolean(1, 3, True)
    sheet.write_row(2, 0, ["M-2", "   ", None, ""])  # blank text counts as empty
    workbook.close()
    attempts = read_werkvoorraad_attempts(path)
    assert attempts.select("rij", "blad", "poging", "melding_id", "contactdatum", "soort", "bereikt").rows() == [
        (2, "Kees", 1, "M-1", "2024-05-06", None, "true"),
    ]


def test_other_file_type_is_not_a_werkvoorraad(tmp_path):
    path = tmp_path / "x.parquet"
    pl.DataFrame({"contactdatum_1": ["2024-01-01"]}).write_parquet(path)
    assert read_werkvoorraad_attempts(path) is None
