"""Vectorised parsers: polars expressions from a trimmed String column to a typed one.

Every parser returns null where the text cannot be read; the caller compares with
the input to tell "empty" from "invalid". No parser looks at more than its own
column, except `split_house_number`.
"""

from __future__ import annotations

import polars as pl

EXCEL_EPOCH_OFFSET = 25569  # Excel serial of 1970-01-01 (origin 1899-12-30)
SERIAL_MIN, SERIAL_MAX = 20000, 80000  # 1954-10-03 .. 2119-01-10


def trimmed(expr: pl.Expr) -> pl.Expr:
    """Strip whitespace (also non-breaking); empty -> null."""
    s = expr.cast(pl.String).str.strip_chars()
    return pl.when(s == "").then(None).otherwise(s)


def let(body: pl.Expr, **bindings: pl.Expr) -> pl.Expr:
    """Evaluate each binding once, then `body`, in which pl.field(name) is that binding.

    Parsers test one intermediate text against many patterns; written as plain
    expressions, polars would recompute the intermediate in every branch.
    """
    return pl.struct(**bindings).struct.with_fields(body.alias("__out")).struct.field("__out")


def normalised_key(expr: pl.Expr) -> pl.Expr:
    """Vectorised twin of schema.normalise_key: lower case, no accents, only [a-z0-9]."""
    return expr.str.normalize("NFKD").str.to_lowercase().str.replace_all(r"[^a-z0-9]", "")


# --------------------------------------------------------------------------- #
# amounts
# --------------------------------------------------------------------------- #

# number part (no sign, no currency) -> which characters to drop / how to read it
_INT = r"^\d+$"
_DOT_THOUSANDS = r"^[1-9]\d{0,2}(\.\d{3})+$"          # 1.234 / 1.234.567
_COMMA_THOUSANDS = r"^[1-9]\d{0,2}(,\d{3})+$"         # 1,234
_DOT_DECIMAL = r"^\d+\.\d+$"                           # 1234.56
_COMMA_DECIMAL = r"^\d+,\d+$"                          # 1234,5
_DUTCH = r"^\d{1,3}(\.\d{3})+,\d+$"                    # 1.234,56
_ENGLISH = r"^\d{1,3}(,\d{3})+\.\d+$"                  # 1,234.56


def parse_amount(expr: pl.Expr) -> pl.Expr:
    """Euro amount text -> Float64 rounded to 2 decimals.

    Both '.' and ',' present: the last one is the decimal separator. Only one kind:
    a thousands separator when every group after it has exactly 3 digits (and the
    first group 1-3 digits, no leading zero), else the decimal separator.
    '€', 'EUR' and spaces are ignored; a leading '-' makes it negative.
    """
    s = expr.str.replace_all(r"\s", "")
    s = s.str.replace(r"^([-+]?)(?:€|(?i:eur))", "$1").str.replace(r"(?:€|(?i:eur))$", "")
    num = pl.field("num")
    drop_dots = num.str.replace_all(".", "", literal=True)
    drop_commas = num.str.replace_all(",", "", literal=True)
    text = (
        pl.when(num.str.contains(_INT)).then(num)
        .when(num.str.contains(_DOT_THOUSANDS)).then(drop_dots)
        .when(num.str.contains(_COMMA_THOUSANDS)).then(drop_commas)
        .when(num.str.contains(_DOT_DECIMAL)).then(num)
        .when(num.str.contains(_COMMA_DECIMAL)).then(num.str.replace(",", ".", literal=True))
        .when(num.str.contains(_DUTCH)).then(drop_dots.str.replace(",", ".", literal=True))
        .when(num.str.contains(_ENGLISH)).then(drop_commas)
        .otherwise(None)
    )
    value = text.cast(pl.Float64, strict=False)
    value = pl.when(pl.field("negative")).then(-value).otherwise(value)
    body = value.round(2, mode="half_away_from_zero")
    return let(body, num=s.str.replace(r"^[-+]", ""), negative=s.str.starts_with("-"))


# --------------------------------------------------------------------------- #
# dates
# --------------------------------------------------------------------------- #

_TIME_PART = r"[T ]\d{1,2}:\d{2}(:\d{2}([.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$"


def parse_date(expr: pl.Expr) -> pl.Expr:
    """Date text -> pl.Date.

    2024-01-31, 2024/01/31, 31-01-2024, 31/01/2024, 31.01.2024 (day/month may be one
    digit), an ISO datetime (its date), 20240131 (and 31012024 when that is the
    only valid reading), and Excel serial numbers 20000-80000.
    """
    s = pl.field("s")
    dmy = s.str.replace_all(r"[/.]", "-")
    serial = s.str.extract(r"^(\d{5})(?:\.\d+)?$", 1).cast(pl.Int64, strict=False)
    from_serial = (
        pl.when(serial.is_between(SERIAL_MIN, SERIAL_MAX))
        .then((serial - EXCEL_EPOCH_OFFSET).cast(pl.Int32).cast(pl.Date))
    )
    body = pl.coalesce(
        pl.when(s.str.contains(r"^\d{4}-\d{1,2}-\d{1,2}$")).then(s.str.to_date("%Y-%m-%d", strict=False)),
        pl.when(s.str.contains(r"^\d{4}/\d{1,2}/\d{1,2}$")).then(s.str.to_date("%Y/%m/%d", strict=False)),
        pl.when(s.str.contains(r"^\d{1,2}[-/.]\d{1,2}[-/.]\d{4}$")).then(dmy.str.to_date("%d-%m-%Y", strict=False)),
        pl.when(s.str.contains(r"^\d{8}$")).then(
            pl.coalesce(s.str.to_date("%Y%m%d", strict=False), s.str.to_date("%d%m%Y", strict=False))
        ),
        from_serial,
    )
    return let(body, s=expr.str.replace(_TIME_PART, ""))


# --------------------------------------------------------------------------- #
# booleans, integers, enums
# --------------------------------------------------------------------------- #

TRUE_WORDS = ("ja", "j", "true", "waar", "yes", "y", "1", "1.0")
FALSE_WORDS = ("nee", "n", "false", "onwaar", "no", "0", "0.0")
_BOOLS = {**{w: True for w in TRUE_WORDS}, **{w: False for w in FALSE_WORDS}}


def parse_bool(expr: pl.Expr) -> pl.Expr:
    """ja/nee, j/n, true/false, waar/onwaar, yes/no, y/n, 1/0 (any case) -> Boolean."""
    return expr.str.to_lowercase().replace_strict(_BOOLS, default=None, return_dtype=pl.Boolean)


def parse_int(expr: pl.Expr, *, thousands: bool = False) -> pl.Expr:
    """Whole number text -> Int64. Accepts "12", "12.0" (Excel), and with
    thousands=True also "130.067" / "130,067"."""
    s = pl.field("s")
    plain = s.str.extract(r"^([+-]?\d+)(?:\.0+)?$", 1)
    if thousands:
        grouped = pl.when(s.str.contains(_DOT_THOUSANDS) | s.str.contains(_COMMA_THOUSANDS)).then(
            s.str.replace_all(r"[.,]", "")
        )
        plain = pl.coalesce(grouped, plain)
    return let(plain.cast(pl.Int64, strict=False), s=expr.str.replace_all(r"\s", ""))


def parse_enum(expr: pl.Expr, lookup: dict[str, str]) -> pl.Expr:
    """Case/space/accent-insensitive match to the canonical spelling; unknown -> null."""
    return normalised_key(expr).replace_strict(lookup, default=None, return_dtype=pl.String)


# --------------------------------------------------------------------------- #
# named text formats
# --------------------------------------------------------------------------- #


def _gemeentecode(expr: pl.Expr) -> pl.Expr:
    """GM0546 / gm0546 / 0546 / 546 (Excel dropped the zero) -> "0546"."""
    s = expr.str.replace_all(r"\s", "")
    code = pl.field("code")
    return let(
        pl.when(code != "0000").then(code),
        code=s.str.extract(r"^(?i:GM)?(\d{1,4})(?:\.0+)?$", 1).str.zfill(4),
    )


def _postcode(expr: pl.Expr) -> pl.Expr:
    s = pl.field("s")
    return let(
        pl.when(s.str.contains(r"^[1-9][0-9]{3}[A-Z]{2}$")).then(s),
        s=expr.str.replace_all(r"\s", "").str.to_uppercase(),
    )


def _bsn(expr: pl.Expr) -> pl.Expr:
    """Digits only ("." "-" and spaces dropped); 8 digits are padded to 9."""
    s = expr.str.replace(r"^(\d{8,9})\.0+$", "$1")  # "111222333.0" from a float column
    digits = pl.field("digits")
    return let(
        pl.when(digits.str.contains(r"^\d{8,9}$")).then(digits.str.zfill(9)),
        digits=s.str.replace_all(r"[\s.\-]", ""),
    )


def _toevoeging(expr: pl.Expr) -> pl.Expr:
    s = expr.str.to_uppercase().str.replace_all(r"[\s\-]", "")
    return pl.when(s != "").then(s)  # s is cheap; no `let` needed


def _huisletter(expr: pl.Expr) -> pl.Expr:
    """BAG huisletter: exactly one letter, stored upper-cased ("b" -> "B")."""
    s = expr.str.to_uppercase().str.replace_all(r"\s", "")
    return pl.when(s.str.contains(r"^[A-Z]$")).then(s)


TEXT_FORMATS = {
    "gemeentecode": (_gemeentecode, "geen geldige gemeentecode (4 cijfers, bijv. GM0546)"),
    "postcode": (_postcode, "geen geldige postcode (1234AB)"),
    "bsn": (_bsn, "geen geldig bsn (8 of 9 cijfers)"),
    "toevoeging": (_toevoeging, "geen geldige toevoeging"),
    "huisletter": (_huisletter, "geen geldige huisletter (één letter)"),
}


def elfproef(bsn: pl.Expr) -> pl.Expr:
    """True when a 9-digit string passes the BSN eleven-test (and is not all zeros)."""
    digits = [bsn.str.slice(i, 1).cast(pl.Int64) for i in range(9)]
    total = sum(d * w for d, w in zip(digits[:8], range(9, 1, -1))) - digits[8]
    return (total % 11 == 0) & (bsn != "000000000")


CHECKS = {
    "elfproef": (elfproef, "voldoet niet aan de elfproef"),
}


# --------------------------------------------------------------------------- #
# cross-field: "12a" in huisnummer
# --------------------------------------------------------------------------- #


def split_house_number(number: pl.Expr, letter: pl.Expr, addition: pl.Expr) -> tuple[pl.Expr, pl.Expr, pl.Expr]:
    """One house-number cell with letter and/or addition -> (number, huisletter, toevoeging).

    As the BAG writes an address: a single letter right after the number is the huisletter,
    what follows a separator (space, dash, slash) or the letter is the huisnummertoevoeging:
    "12a" -> 12, A; "12 B-2" / "12b2" / "12B 2" -> 12, B, 2; "12-2" / "12/2" -> 12, -, 2;
    "12-A" -> 12, -, A (a dash marks a toevoeging); "12 bis" -> 12, -, bis (more than one
    letter is no huisletter). Applied to trimmed text before parsing; a whole number ("12",
    "12.0") is left alone, and so is the cell when a part it holds already has its own value
    in the huisletter or toevoeging column.
    """
    n, l, a, parts = pl.field("number"), pl.field("letter"), pl.field("addition"), pl.field("parts")
    found_letter = parts.struct.field("2")
    found_addition = pl.coalesce(parts.struct.field("3"), parts.struct.field("4"), parts.struct.field("5"))
    split = (
        n.is_not_null()
        & ~n.str.contains(r"^\d+(\.0+)?$")
        & parts.struct.field("1").is_not_null()
        & (found_letter.is_null() | l.is_null())
        & (found_addition.is_null() | a.is_null())
    )
    tail = r"[A-Za-z0-9\s\-/]*"
    rest = rf"[A-Za-z0-9]{tail}"
    bindings = {
        "number": number,
        "letter": letter,
        "addition": addition,
        # 1 number; 2 a letter followed by nothing, a separator (then 3) or a digit (4); else 5
        "parts": number.str.extract_groups(
            rf"^(\d+)\s*(?:([A-Za-z])(?:[\s\-/]+({rest})|([0-9]{tail}))?|[\s\-/]*({rest}))$"
        ),
    }
    return (
        let(pl.when(split).then(parts.struct.field("1")).otherwise(n), **bindings),
        let(pl.when(split).then(pl.coalesce(l, found_letter)).otherwise(l), **bindings),
        let(pl.when(split).then(pl.coalesce(a, found_addition)).otherwise(a), **bindings),
    )
