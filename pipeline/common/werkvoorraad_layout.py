"""Werkvoorraad layout: columns, sheet names, and the rows of each sheet.

One table per sheet, columns named by their header and typed by how the cell is written:
String (text cell), Int64/Float64 (number), Date (date cell). The XLSX and CSV renderers
only follow these tables; everything about *what* a caseworker sees is decided here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import polars as pl

from pipeline.common.ddas_schema import enum_values

ATTEMPT_SLOTS = 4
#: Fields of one contact attempt slot; the header is `<field>_<n>`.
ATTEMPT_FIELDS: tuple[str, ...] = ("contactdatum", "soort", "bereikt", "dagdeel", "medewerker", "resultaat")
#: A slot counts as filled when one of these is non-empty.
FILLED_FIELDS: tuple[str, ...] = ("contactdatum", "soort", "bereikt", "resultaat")

UNASSIGNED_SHEET = "Niet toegewezen"
LISTS_SHEET = "Keuzelijsten"  # hidden sheet with the dropdown values
BLAD = "blad"  # CSV column naming the sheet of a row

BEREIKT_VALUES: tuple[str, ...] = ("ja", "nee")


def choice_lists() -> dict[str, tuple[str, ...]]:
    """Dropdown values per attempt field, from the shipped DDAS v1.2 schema."""
    return {
        "soort": enum_values("EnumContactsoort"),
        "bereikt": BEREIKT_VALUES,
        "dagdeel": enum_values("EnumDagdeel"),
        "resultaat": enum_values("EnumEindresultaat"),
    }


@dataclass(frozen=True)
class InfoColumn:
    source: str  # column of the input frame
    header: str  # header in the workbook
    kind: str  # text | int | amount | date | flag (ja/nee) | list (comma-joined)


INFO_COLUMNS: tuple[InfoColumn, ...] = tuple(
    InfoColumn(*spec)
    for spec in (
        ("melding_id", "melding_id", "text"),
        ("prioriteit", "Prioriteit", "int"),
        ("aanpak", "Aanpak", "text"),
        ("kanalen", "Kanalen", "list"),
        ("brief_sjabloon", "Briefsjabloon", "text"),
        ("totaal_bedrag", "Totaalbedrag (€)", "amount"),
        ("aantal_signalen", "Aantal signalen", "int"),
        ("signaalpartners", "Signaalpartners", "text"),
        ("is_meervoudig", "Meervoudig", "flag"),
        ("is_opeenvolgend", "Opeenvolgend", "flag"),
        ("meldingen_12m", "Meldingen 12 mnd", "int"),
        ("uitgesteld", "Uitgesteld", "flag"),
        ("bewind_overwegen", "Bewind overwegen", "flag"),
        ("andere_systemen_raadplegen", "Andere systemen raadplegen", "flag"),
        ("regel", "Regel", "text"),
        ("reden", "Reden", "text"),
        ("voorletters", "Voorletters", "text"),
        ("tussenvoegsel", "Tussenvoegsel", "text"),
        ("achternaam", "Achternaam", "text"),
        ("straat", "Straat", "text"),
        ("huisnummer", "Huisnummer", "int"),
        ("huisnummertoevoeging", "Toevoeging", "text"),
        ("postcode", "Postcode", "text"),
        ("woonplaats", "Woonplaats", "text"),
        ("telefoonnummer", "Telefoonnummer", "text"),
        ("email", "E-mail", "text"),
        ("geboortedatum", "Geboortedatum", "date"),
        ("consulent", "Consulent", "text"),
    )
)

#: Input columns besides the info columns.
KEY_COLUMNS: tuple[str, ...] = ("gemeentecode", "maand")
REQUIRED_COLUMNS: tuple[str, ...] = KEY_COLUMNS + tuple(c.source for c in INFO_COLUMNS)

_KIND_DTYPE = {  # kinds written as numbers or dates; the rest becomes text
    "int": pl.Int64,
    "amount": pl.Float64,
    "date": pl.Date,
}


def attempt_header(field: str, slot: int) -> str:
    return f"{field}_{slot}"


def attempt_headers() -> list[str]:
    return [attempt_header(f, n) for n in range(1, ATTEMPT_SLOTS + 1) for f in ATTEMPT_FIELDS]


def headers() -> list[str]:
    info = [c.header for c in INFO_COLUMNS]
    return info[:1] + [GEMEENTE_HEADER] + info[1:] + attempt_headers()


def missing_columns(frame: pl.DataFrame) -> list[str]:
    return [c for c in REQUIRED_COLUMNS if c not in frame.columns]


# --------------------------------------------------------------------------- #
# Sheet names
# --------------------------------------------------------------------------- #

_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_MAX = 31
_RESERVED = ("history",)  # Excel reserves "History"


def sheet_name(wanted: str, taken: set[str]) -> str:
    """An Excel-valid sheet name for `wanted`, unique (case-insensitive) among `taken`.

    Excel: at most 31 characters, none of []:*?/\\, not empty, no apostrophe at either end.
    The chosen name is added to `taken` (case-folded).
    """
    base = _FORBIDDEN.sub("_", wanted)
    base = "".join(ch if ch.isprintable() else " " for ch in base)
    base = _trim(base) or "Consulent"
    candidate = _trim(_clip(base, SHEET_NAME_MAX)) or "Consulent"
    n = 2
    while candidate.casefold() in taken or candidate.casefold() in _RESERVED:
        suffix = f" ({n})"
        candidate = (_trim(_clip(base, SHEET_NAME_MAX - len(suffix))) or "Consulent") + suffix
        n += 1
    taken.add(candidate.casefold())
    return candidate


def _clip(name: str, limit: int) -> str:
    """The longest prefix of at most `limit` UTF-16 code units (Excel counts those, not characters)."""
    out, used = [], 0
    for ch in name:
        units = 2 if ord(ch) > 0xFFFF else 1
        if used + units > limit:
            break
        out.append(ch)
        used += units
    return "".join(out)


def _trim(name: str) -> str:
    return name.strip().strip("'").strip()


# --------------------------------------------------------------------------- #
# Rows per sheet
# --------------------------------------------------------------------------- #


def sheet_tables(part: pl.DataFrame) -> list[tuple[str, pl.DataFrame]]:
    """The sheets of one workbook (one gemeente, one month): `Niet toegewezen` first (always,
    possibly empty), then one sheet per consultant in name order."""
    table = _display(part)
    consulent = pl.col("Consulent")
    taken = {UNASSIGNED_SHEET.casefold(), LISTS_SHEET.casefold()}
    sheets = [(UNASSIGNED_SHEET, _sorted(table.filter(consulent.is_null())))]
    names = table.get_column("Consulent").drop_nulls().unique().to_list()
    for name in sorted(names, key=lambda s: (s.casefold(), s)):
        sheets.append((sheet_name(name, taken), _sorted(table.filter(consulent == name))))
    return [(name, rows.drop("__prioriteit", "__bedrag")) for name, rows in sheets]


@dataclass(frozen=True)
class WorkbookRows:
    """The rows of one workbook (one gemeente, one month) in CSV layout: `melding_id`, `blad`
    (the sheet name), then the sheet columns; sheets in workbook order, each sheet's rows sorted
    as `sheet_tables` sorts them. `sheets`: (sheet name, row count) in workbook order."""

    gemeentecode: str
    maand: dt.date
    rows: pl.DataFrame
    sheets: tuple[tuple[str, int], ...]

    def sheet_tables(self) -> list[tuple[str, pl.DataFrame]]:
        """The same as `sheet_tables` of this workbook's input rows."""
        tables, start = [], 0
        for name, count in self.sheets:
            tables.append((name, self.rows.slice(start, count).drop(BLAD)))
            start += count
        return tables


_KEYS = ("__gemeentecode", "__maand")


def workbook_rows(frame: pl.DataFrame) -> list[WorkbookRows]:
    """The workbooks of every (gemeentecode, maand) in `frame`, ordered by gemeentecode and maand:
    per workbook the sheets of `sheet_tables`, computed for all workbooks at once (one display
    select and one sort instead of a filter and a sort per sheet). Expects gemeentecode trimmed
    text and consulent trimmed text or null (as write_werkvoorraad prepares them)."""
    keys = list(_KEYS)
    table = frame.select(pl.col("gemeentecode").alias(keys[0]), pl.col("maand").alias(keys[1]), *_display_exprs(frame))
    counts: dict[tuple[str, dt.date], dict[str | None, int]] = {}
    for code, month, consulent, count in table.group_by([*keys, "Consulent"]).len().iter_rows():
        counts.setdefault((code, month), {})[consulent] = count
    books: list[tuple[str, dt.date, tuple[tuple[str, int], ...]]] = []
    sheet_of: list[tuple[str, dt.date, str | None, int, str]] = []
    for (code, month), per_consulent in sorted(counts.items()):
        taken = {UNASSIGNED_SHEET.casefold(), LISTS_SHEET.casefold()}
        sheets = [(UNASSIGNED_SHEET, per_consulent.get(None, 0))]
        sheet_of.append((code, month, None, 0, UNASSIGNED_SHEET))
        names = sorted((c for c in per_consulent if c is not None), key=lambda s: (s.casefold(), s))
        for order, consulent in enumerate(names, start=1):
            name = sheet_name(consulent, taken)
            sheets.append((name, per_consulent[consulent]))
            sheet_of.append((code, month, consulent, order, name))
        books.append((code, month, tuple(sheets)))
    mapping = pl.DataFrame(
        sheet_of,
        schema={keys[0]: table.schema[keys[0]], keys[1]: table.schema[keys[1]], "Consulent": pl.String,
                "__blad_volgorde": pl.Int64, BLAD: pl.String},
        orient="row",
    )
    columns = [c for c in table.columns if c not in (*keys, "__prioriteit", "__bedrag")]
    ordered = (
        table.join(mapping, on=[*keys, "Consulent"], how="left", nulls_equal=True)
        .sort([*keys, "__blad_volgorde", "__prioriteit", "__bedrag", "melding_id"],
              descending=[False, False, False, False, True, False], nulls_last=True)
        .select(*keys, columns[0], BLAD, *columns[1:])
    )
    parts = ordered.partition_by(keys, maintain_order=True, include_key=False, as_dict=True)
    return [WorkbookRows(code, month, parts[(code, month)], sheets) for code, month, sheets in books]


#: The column after melding_id naming the gemeente (its name from referentie/gemeenten.csv, else its code).
GEMEENTE_HEADER = "Gemeente"


def _gemeente(part: pl.DataFrame) -> pl.Expr:
    code = pl.col("gemeentecode").cast(pl.String)
    if "gemeentenaam" in part.columns:
        return pl.coalesce(pl.col("gemeentenaam").cast(pl.String), code).alias(GEMEENTE_HEADER)
    return code.alias(GEMEENTE_HEADER)


def _display(part: pl.DataFrame) -> pl.DataFrame:
    return part.select(_display_exprs(part))


def _display_exprs(part: pl.DataFrame) -> list[pl.Expr]:
    exprs = [_cell(c, part.schema[c.source]).alias(c.header) for c in INFO_COLUMNS]
    exprs.insert(1, _gemeente(part))
    exprs += [
        pl.lit(None, dtype=pl.Date if field == "contactdatum" else pl.String).alias(attempt_header(field, n))
        for n in range(1, ATTEMPT_SLOTS + 1)
        for field in ATTEMPT_FIELDS
    ]
    exprs += [
        pl.col("prioriteit").cast(pl.Int64).alias("__prioriteit"),
        pl.col("totaal_bedrag").cast(pl.Float64).alias("__bedrag"),
    ]
    return exprs


def _cell(column: InfoColumn, dtype: pl.DataType) -> pl.Expr:
    """The input column as the sheet's cell type; text trimmed, empty text -> no cell."""
    col = pl.col(column.source)
    if column.kind not in ("text", "list", "flag"):
        return col.cast(_KIND_DTYPE[column.kind])
    if dtype == pl.Boolean:
        text = pl.when(col).then(pl.lit("ja")).when(~col).then(pl.lit("nee"))
    elif isinstance(dtype, pl.List):
        text = col.cast(pl.List(pl.String)).list.join(", ")
    else:
        text = col.cast(pl.String)
    text = text.str.strip_chars()
    return pl.when(text.str.len_chars() > 0).then(text).otherwise(pl.lit(None, dtype=pl.String))


def _sorted(rows: pl.DataFrame) -> pl.DataFrame:
    return rows.sort(
        ["__prioriteit", "__bedrag", "melding_id"],
        descending=[False, True, False],
        nulls_last=True,
    )
