"""Hand-made inputs for the export tests. Every person here is fictitious."""

from __future__ import annotations

import datetime as dt

import fastexcel
import polars as pl

from pipeline.common.werkvoorraad_layout import LISTS_SHEET
from pipeline.exports.werkvoorraad_xlsx import render_workbook

MAART = dt.date(2024, 3, 1)
APRIL = dt.date(2024, 4, 1)

#: Personal values of the fixtures: must never show up in a log or an error message.
PERSONAL = ("Jansen", "Pietersen", "Tester", "Straatweg", "Dorpsstad", "9999ZZ", "0612345678",
            "anna@example.org", "123456782", "1234AB", "1980-02-29", "1975-06-15")


def melding(melding_id: str, **overrides) -> dict:
    row = {
        "melding_id": melding_id,
        "gemeentecode": "GM0001",
        "maand": MAART,
        "prioriteit": 2,
        "aanpak": "telefoon",
        "kanalen": ["telefoon", "brief"],
        "brief_sjabloon": "brief_standaard",
        "consulent": None,
        "regel": "standaard",
        "reden": "enkelvoudig signaal",
        "bewind_overwegen": False,
        "andere_systemen_raadplegen": False,
        "uitgesteld": False,
        "aantal_signalen": 1,
        "totaal_bedrag": 250.0,
        "signaalpartners": "Zorg: Zorgverzekeraar Noord",
        "is_meervoudig": False,
        "is_opeenvolgend": False,
        "meldingen_12m": 1,
        "voorletters": "A.",
        "tussenvoegsel": None,
        "achternaam": "Jansen",
        "straat": "Straatweg",
        "huisnummer": 12,
        "huisnummertoevoeging": None,
        "postcode": "9999ZZ",
        "woonplaats": "Dorpsstad",
        "telefoonnummer": "0612345678",
        "email": "anna@example.org",
        "geboortedatum": dt.date(1980, 2, 29),
    }
    row.update(overrides)
    return row


WERKVOORRAAD_SCHEMA = {
    "melding_id": pl.String, "gemeentecode": pl.String, "maand": pl.Date, "prioriteit": pl.Int64,
    "aanpak": pl.String, "kanalen": pl.List(pl.String), "brief_sjabloon": pl.String, "consulent": pl.String,
    "regel": pl.String, "reden": pl.String, "bewind_overwegen": pl.Boolean, "andere_systemen_raadplegen": pl.Boolean,
    "uitgesteld": pl.Boolean, "aantal_signalen": pl.Int64, "totaal_bedrag": pl.Float64, "signaalpartners": pl.String,
    "is_meervoudig": pl.Boolean, "is_opeenvolgend": pl.Boolean, "meldingen_12m": pl.Int64, "voorletters": pl.String,
    "tussenvoegsel": pl.String, "achternaam": pl.String, "straat": pl.String, "huisnummer": pl.Int64,
    "huisnummertoevoeging": pl.String, "postcode": pl.String, "woonplaats": pl.String, "telefoonnummer": pl.String,
    "email": pl.String, "geboortedatum": pl.Date,
}


def werkvoorraad_frame(rows: list[dict]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=WERKVOORRAAD_SCHEMA)


def standard_frame() -> pl.DataFrame:
    """Two gemeenten, two months; consultants with awkward names; one melding unassigned."""
    return werkvoorraad_frame([
        melding("M-003", prioriteit=1, totaal_bedrag=100.0, consulent="Els de Vries"),
        melding("M-001", prioriteit=1, totaal_bedrag=900.0, consulent="Els de Vries", is_meervoudig=True,
                aantal_signalen=2, signaalpartners="Zorg: Zorgverzekeraar Noord; Huur: Woonstichting"),
        melding("M-002", prioriteit=1, totaal_bedrag=900.0, consulent="Els de Vries"),
        melding("M-004", prioriteit=3, totaal_bedrag=None, consulent="Els de Vries"),
        melding("M-005", prioriteit=2, consulent="Team [Noord]: a/b*c?"),
        melding("M-006", prioriteit=2, consulent=None, achternaam="Pietersen", tussenvoegsel="van",
                huisnummertoevoeging="bis", telefoonnummer=None, email=None, geboortedatum=None),
        melding("M-007", prioriteit=1, consulent="  ", achternaam="=HYPERLINK(\"x\")"),
        melding("M-010", maand=APRIL, consulent="Els de Vries"),
        melding("M-020", gemeentecode="GM0002", consulent="Piet Tester"),
    ])


# --------------------------------------------------------------------------- #
# Filling in a written werkvoorraad, as a caseworker would
# --------------------------------------------------------------------------- #


def read_sheets(path) -> list[tuple[str, pl.DataFrame]]:
    """Every werkvoorraad sheet of a written workbook as (name, table of text cells)."""
    reader = fastexcel.read_excel(str(path))
    sheets = []
    for name in reader.sheet_names:
        if name == LISTS_SHEET:
            continue
        raw = pl.from_arrow(reader.load_sheet(name, header_row=None, skip_rows=0, dtypes="string").to_arrow())
        headers = list(raw.row(0))
        sheets.append((name, raw.slice(1).rename(dict(zip(raw.columns, headers, strict=True)))))
    return sheets


def fill_workbook(path, fills: dict[tuple[str, str], dict[str, object]]) -> bytes:
    """The workbook at `path` re-rendered in the same layout with cells filled in.

    fills: {(sheet, melding_id): {header: value}}. A `datetime.date` value becomes an Excel
    date cell (what Excel stores when a caseworker types a date), anything else text.
    """
    filled = []
    for name, table in read_sheets(path):
        columns = {}
        for header in table.columns:
            values = table.get_column(header).to_list()
            for (sheet, melding_id), cells in fills.items():
                if sheet == name and header in cells:
                    values[table.get_column("melding_id").to_list().index(melding_id)] = cells[header]
            if any(isinstance(v, dt.date) for v in values):
                columns[header] = pl.Series(header, values, dtype=pl.Date)
            else:
                columns[header] = pl.Series(header, [None if v is None else str(v) for v in values], dtype=pl.String)
        filled.append((name, pl.DataFrame(list(columns.values()))))
    return render_workbook(filled)
