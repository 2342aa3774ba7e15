"""File -> table of raw cells, one job: get every cell out of the file as text.

CSV/TXT: encoding and delimiter detection; split by polars when every line is one
record with well-formed quotes (the usual file), else by the csv module. Rows with
the wrong number of fields are kept and flagged, not fatal.
XLSX: first sheet via fastexcel/calamine (the engine behind
`pl.read_excel(engine="calamine")`), all cells as text, numeric cells made
unambiguous for the amount parser.
Parquet: native columns; `cells_as_text` turns them into text on demand.

Blank rows (every cell empty) are not data rows. `rij` is the row number a person
sees in a spreadsheet (header = 1 when it is on the first line); for Parquet the
1-based record index.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass

import polars as pl

from .errors import FileProblem

ROW = "rij"
FIELD_COUNT = "__velden"  # number of fields on a CSV line whose count is wrong, else null

FORMATS = {".csv": "csv", ".txt": "csv", ".xlsx": "xlsx", ".parquet": "parquet"}
DELIMITERS = (";", "\t", ",")  # preference order on a tie

csv.field_size_limit(2**31 - 1)  # process-wide; the default 128 KiB cap would fail whole files


@dataclass(frozen=True)
class RawTable:
    """Cells of one file. `data` has `rij`, `__velden` and columns c0..c{n-1}.

    For CSV and XLSX the cell columns are String; for Parquet they keep their
    native type until `cells_as_text`.
    """

    headers: list[str]
    data: pl.DataFrame
    encoding: str
    format: str


def cell(j: int) -> str:
    return f"c{j}"


def file_format(name: str, suffix: str) -> str:
    fmt = FORMATS.get(suffix.lower())
    if fmt is None:
        shown = suffix or "(geen extensie)"
        raise FileProblem(
            name, f"bestandstype '{shown}' wordt niet ondersteund (csv, txt, xlsx, parquet)"
        )
    return fmt


def read_table(name: str, data: bytes, fmt: str) -> RawTable:
    if not data:
        raise FileProblem(name, "bestand is leeg")
    if fmt == "csv":
        return _read_csv(name, data)
    if fmt == "xlsx":
        return _read_xlsx(name, data)
    return _read_parquet(name, data)


# --------------------------------------------------------------------------- #
# CSV
# --------------------------------------------------------------------------- #


def decode(data: bytes) -> tuple[str, str]:
    """Bytes -> (text, encoding). UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252."""
    if data.startswith(codecs.BOM_UTF8):
        body = data[len(codecs.BOM_UTF8):]
        try:
            return body.decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            return body.decode("cp1252", errors="replace"), "cp1252"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Excel's "Unicode text" export: UTF-16 with BOM, tab separated.
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        # cp1252 leaves 5 bytes undefined; "replace" keeps the rest of the row usable.
        return data.decode("cp1252", errors="replace"), "cp1252"


_QUOTED = re.compile(r'"[^"]*"')
_SEP_HINT = re.compile(r"^sep=(.)$", re.IGNORECASE)


def detect_delimiter(header_line: str) -> str:
    """The delimiter that occurs most often outside quotes in the header line."""
    bare = _QUOTED.sub("", header_line)
    counts = {d: bare.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])  # max keeps the first on a tie
    return best if counts[best] else ","


def _is_blank(record: list[str]) -> bool:
    return not any(f.strip() for f in record)


def _read_csv(name: str, data: bytes) -> RawTable:
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise FileProblem(name, "bestand is geen tekstbestand (CSV); beschadigd of verkeerde extensie")
    text, encoding = decode(data)

    first = next((ln.rstrip("\r\n") for ln in io.StringIO(text, newline="") if ln.strip()), None)
    if first is None:
        raise FileProblem(name, "bestand is leeg")
    hint = _SEP_HINT.match(first.strip())
    if hint:  # Excel's "sep=;" first line: not shown as a row in Excel
        delimiter = hint.group(1)
        text = text[text.index(first) + len(first):].lstrip("\r\n")
    else:
        delimiter = detect_delimiter(first)

    split = _split_with_polars(text, delimiter) or _split_with_csv_module(name, text, delimiter)
    if split is None:
        raise FileProblem(name, "bestand is leeg (geen kopregel)")
    headers, frame = split
    headers = [h.replace("\ufeff", "").strip() for h in headers]
    return RawTable(headers, _drop_blank_rows(frame, len(headers)), encoding, "csv")


def _record(line: str, delimiter: str) -> list[str]:
    return next(csv.reader([line], delimiter=delimiter, quotechar='"', skipinitialspace=True, strict=False), [])


def _split_with_polars(text: str, delimiter: str) -> tuple[list[str], pl.DataFrame] | None:
    """Fast path for the usual file: every line one record, quotes only around whole
    fields. Returns None (use the csv module) for anything else: multi-line or
    irregular quotes, lone CR line ends, leading blank lines, or any disagreement
    between polars and the line count.
    """
    d = re.escape(delimiter)
    quoted = r'"(?:[^"]|"")*"'
    simple_line = rf'^(?:(?:{quoted}|[^"{d}\r]*)(?:{d}(?:{quoted}|[^"{d}\r]*))*)?\r?$'
    if "\r" in text.replace("\r\n", ""):
        return None
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if len(lines) < 1 or not lines[0].strip():
        return None
    line_series = pl.Series(lines, dtype=pl.String)
    if not line_series.str.contains(simple_line).all():
        return None
    headers = _record(lines[0].rstrip("\r"), delimiter)
    if _is_blank(headers):
        return None
    n = len(headers)
    try:
        frame = pl.read_csv(
            text.encode("utf-8"), has_header=False, separator=delimiter, quote_char='"',
            infer_schema=False, empty_string_is_null=False, truncate_ragged_lines=True,
            comment_prefix=None, raise_if_empty=False,
        )
    except pl.exceptions.PolarsError:
        return None
    if frame.width != n or frame.height != len(lines):
        return None
    frame = frame.slice(1).rename({old: cell(j) for j, old in enumerate(frame.columns)})
    m = frame.height

    counts = line_series.slice(1).str.replace_all(quoted, "").str.count_matches(delimiter, literal=True) + 1
    found = pl.Series(FIELD_COUNT, [None] * m, dtype=pl.Int64)
    odd = (counts != n).arg_true().to_list()
    wrong_at, wrong_count = [], []
    for i in odd:
        record = _record(lines[i + 1].rstrip("\r"), delimiter)
        if _is_blank(record) or (len(record) > n and _is_blank(record[n:])):
            continue  # blank line, or harmless trailing empty fields
        wrong_at.append(i)
        wrong_count.append(len(record))
    if wrong_at:
        found = found.scatter(wrong_at, wrong_count)
    frame = frame.with_columns(pl.int_range(2, m + 2, dtype=pl.Int64).alias(ROW), found)
    return headers, frame.select(ROW, FIELD_COUNT, *(cell(j) for j in range(n)))


def _split_with_csv_module(name: str, text: str, delimiter: str) -> tuple[list[str], pl.DataFrame] | None:
    """General path: the csv module (quoted newlines, stray quotes, CR line ends)."""
    try:
        records = list(
            csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"',
                       skipinitialspace=True, strict=False)
        )
    except csv.Error as exc:
        raise FileProblem(name, f"CSV kan niet gelezen worden ({type(exc).__name__})") from None
    header_at = next((i for i, r in enumerate(records) if not _is_blank(r)), None)
    if header_at is None:
        return None
    headers = records[header_at]
    body = records[header_at + 1:]
    return headers, _frame_from_records(body, len(headers), first_row=header_at + 2)


def _frame_from_records(body: list[list[str]], n: int, first_row: int) -> pl.DataFrame:
    """Records -> frame of n String columns; wrong field counts flagged in __velden.

    Only the (usually few) records with a field count other than n are touched in
    Python; the rest goes to polars column by column.
    """
    m = len(body)
    lengths = pl.Series(list(map(len, body)), dtype=pl.Int64)
    odd = (lengths != n).arg_true().to_list()
    wrong_at: list[int] = []
    wrong_count: list[int] = []
    for i in odd:
        record = body[i]
        if _is_blank(record):  # empty line, or only delimiters
            body[i] = [""] * n
        elif len(record) > n and _is_blank(record[n:]):  # trailing empty fields: harmless
            body[i] = record[:n]
        else:
            wrong_at.append(i)
            wrong_count.append(len(record))
            body[i] = (record + [""] * n)[:n]

    columns = list(zip(*body)) if m else [()] * n
    frame = pl.DataFrame([pl.Series(cell(j), columns[j], dtype=pl.String) for j in range(n)])
    found = pl.Series(FIELD_COUNT, [None] * m, dtype=pl.Int64)
    if wrong_at:
        found = found.scatter(wrong_at, wrong_count)
    frame = frame.with_columns(pl.int_range(first_row, first_row + m, dtype=pl.Int64).alias(ROW), found)
    return frame.select(ROW, FIELD_COUNT, *(cell(j) for j in range(n)))


def _drop_blank_rows(frame: pl.DataFrame, n: int) -> pl.DataFrame:
    if n == 0 or frame.height == 0:
        return frame
    blank = pl.all_horizontal(
        [pl.col(cell(j)).str.strip_chars().fill_null("") == "" for j in range(n)]
    )
    return frame.filter(~blank | pl.col(FIELD_COUNT).is_not_null())


# --------------------------------------------------------------------------- #
# XLSX
# --------------------------------------------------------------------------- #

_THREE_DECIMALS = r"^-?\d+\.\d{3}$"


def _read_xlsx(name: str, data: bytes) -> RawTable:
    import fastexcel  # the calamine engine of pl.read_excel

    try:
        reader = fastexcel.read_excel(data)
        # skip_rows=0 keeps leading empty rows, so row i is spreadsheet row i + 1.
        sheet = reader.load_sheet(0, header_row=None, skip_rows=0, dtypes="string")
        text = pl.from_arrow(sheet.to_arrow())
        if not isinstance(text, pl.DataFrame) or text.width == 0 or text.height == 0:
            raise FileProblem(name, "bestand is leeg (geen kopregel)")
        sheet_columns = text.columns
        text = text.rename({old: cell(j) for j, old in enumerate(sheet_columns)})
        text = _pad_numeric_three_decimals(reader, text, sheet_columns)
    except FileProblem:
        raise
    except Exception as exc:  # calamine/zip errors for corrupt or non-XLSX files
        raise FileProblem(
            name, f"XLSX kan niet gelezen worden: beschadigd of geen Excel-bestand ({type(exc).__name__})"
        ) from None

    n = text.width
    text = text.with_columns(
        pl.int_range(1, text.height + 1, dtype=pl.Int64).alias(ROW),
        pl.lit(None, dtype=pl.Int64).alias(FIELD_COUNT),
    )
    text = _drop_blank_rows(text, n)
    if text.height == 0:
        raise FileProblem(name, "bestand is leeg (geen kopregel)")
    header_row = text.row(0, named=True)
    headers = [(header_row[cell(j)] or "").replace("\ufeff", "").strip() for j in range(n)]
    data_rows = text.slice(1).select(ROW, FIELD_COUNT, *(cell(j) for j in range(n)))
    return RawTable(headers, data_rows, "utf-8", "xlsx")


def _pad_numeric_three_decimals(reader, text: pl.DataFrame, sheet_columns: list[str]) -> pl.DataFrame:
    """Numeric cells come out as plain decimals ("1234.567"). With exactly three
    decimals the amount rule would read the dot as a thousands separator, so such
    numeric cells get a fourth decimal ("1234.5670"). Text cells typed as "1.234"
    stay as they are (Dutch thousands).

    Which cells are numeric: the same columns read again forced to datetime, where
    only numeric and date cells survive. Only done for columns that hold such a
    value at all, because every read parses the whole sheet again.
    """
    suspects = [
        j for j in range(text.width)
        if text.get_column(cell(j)).str.contains(_THREE_DECIMALS).any()
    ]
    if not suspects:
        return text
    sheet = reader.load_sheet(
        0, header_row=None, skip_rows=0, dtypes="datetime",
        use_columns=[sheet_columns[j] for j in suspects],  # names: indices are absolute
    )
    native = pl.from_arrow(sheet.to_arrow())
    fixes = []
    for k, j in enumerate(suspects):
        c = pl.col(cell(j))
        is_number = pl.lit(native.to_series(k).is_not_null())
        fixes.append(
            pl.when(is_number & c.str.contains(_THREE_DECIMALS)).then(c + "0").otherwise(c).alias(cell(j))
        )
    return text.with_columns(fixes)


# --------------------------------------------------------------------------- #
# Parquet
# --------------------------------------------------------------------------- #


def _read_parquet(name: str, data: bytes) -> RawTable:
    try:
        frame = pl.read_parquet(io.BytesIO(data))
    except Exception as exc:
        raise FileProblem(
            name, f"Parquet kan niet gelezen worden: beschadigd of geen Parquet-bestand ({type(exc).__name__})"
        ) from None
    if frame.width == 0:
        raise FileProblem(name, "bestand is leeg (geen kolommen)")
    headers = [str(c).replace("\ufeff", "").strip() for c in frame.columns]
    frame = frame.rename({old: cell(j) for j, old in enumerate(frame.columns)})
    frame = frame.with_columns(
        pl.int_range(1, frame.height + 1, dtype=pl.Int64).alias(ROW),
        pl.lit(None, dtype=pl.Int64).alias(FIELD_COUNT),
    ).select(ROW, FIELD_COUNT, *(cell(j) for j in range(len(headers))))
    return RawTable(headers, frame, "utf-8", "parquet")


def cells_as_text(name: str, frame: pl.DataFrame, columns: list[str]) -> pl.DataFrame:
    """Cast native (Parquet) columns to text the parsers read without ambiguity.

    Dates -> ISO date, datetimes -> their date, whole floats -> no ".0", other
    floats/decimals -> plain decimals (three decimals padded to four, see XLSX),
    booleans -> "true"/"false". String columns pass through.
    """
    exprs = []
    for c in columns:
        dtype = frame.schema[c]
        col = pl.col(c)
        if dtype == pl.String:
            continue
        if dtype == pl.Date:
            expr = col.dt.to_string("%Y-%m-%d")
        elif isinstance(dtype, pl.Datetime):
            expr = col.dt.date().dt.to_string("%Y-%m-%d")
        elif dtype.is_float() or isinstance(dtype, pl.Decimal):
            f = col.cast(pl.Float64)
            whole = (f == f.round(0)) & (f.abs() < 1e15)
            frac = f.round(6).cast(pl.String)
            expr = (
                pl.when(whole).then(f.cast(pl.Int64, strict=False).cast(pl.String))
                .when(frac.str.contains(_THREE_DECIMALS)).then(frac + "0")
                .otherwise(frac)
            )
        elif dtype.is_nested() or dtype in (pl.Binary, pl.Object):
            raise FileProblem(
                name, f"kolom heeft een type dat niet als tekst gelezen kan worden ({dtype})"
            )
        else:  # integers, booleans, categoricals, all-null columns
            expr = col.cast(pl.String)
        exprs.append(expr.alias(c))
    try:
        return frame.with_columns(exprs) if exprs else frame
    except pl.exceptions.PolarsError as exc:
        raise FileProblem(name, f"kolom kan niet als tekst gelezen worden ({type(exc).__name__})") from None
