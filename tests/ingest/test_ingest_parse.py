"""The vectorised parsers on their own, with answers worked out by hand."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from pipeline.ingest import parse


def run(expr_fn, values):
    """Apply a parser (String expr -> expr) to a list of strings."""
    frame = pl.DataFrame({"s": pl.Series(values, dtype=pl.String)})
    return frame.select(expr_fn(parse.trimmed(pl.col("s"))).alias("out"))["out"].to_list()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234,56", 1234.56),
        ("€ 1.234,56", 1234.56),
        ("€1234", 1234.0),
        ("1234.56", 1234.56),
        ("1,234.56", 1234.56),
        ("1234,5", 1234.5),
        ("12,50", 12.5),
        ("12,5", 12.5),
        ("-12,50", -12.5),
        ("€ -12,50", -12.5),
        ("-€12,50", -12.5),
        ("1.234", 1234.0),          # one kind, 3-digit group: thousands
        ("1,234", 1234.0),
        ("1.234.567", 1234567.0),
        ("1.234.567,89", 1234567.89),
        ("1,234,567.89", 1234567.89),
        ("0,125", 0.13),            # leading 0: not a thousands group; rounded half away
        ("1234.567", 1234.57),      # first group of 4 digits: decimal, rounded
        ("12,345", 12345.0),
        ("99", 99.0),
        ("0", 0.0),
        ("EUR 10,00", 10.0),
        ("10,00 €", 10.0),
        ("1 234,56", 1234.56),      # space as thousands separator is dropped
        ("1234.5670", 1234.57),     # XLSX numeric cell padded to 4 decimals
    ],
)
def test_amounts(text, expected):
    assert run(parse.parse_amount, [text]) == [expected]


@pytest.mark.parametrize("text", ["abc", "12,", ".5", "1.2.3", "1,23.4,5", "1.23,45", "--5", "€", "1e5", "12 euro"])
def test_amounts_invalid(text):
    assert run(parse.parse_amount, [text]) == [None]


def test_amount_empty_is_null():
    assert run(parse.parse_amount, ["", "  ", None]) == [None, None, None]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-01-31", dt.date(2024, 1, 31)),
        ("31-01-2024", dt.date(2024, 1, 31)),
        ("31/01/2024", dt.date(2024, 1, 31)),
        ("31.01.2024", dt.date(2024, 1, 31)),
        ("1-2-2024", dt.date(2024, 2, 1)),
        ("2024-01-31 00:00:00", dt.date(2024, 1, 31)),
        ("2024-01-31T13:45:10", dt.date(2024, 1, 31)),
        ("2024-01-31T13:45:10.123+01:00", dt.date(2024, 1, 31)),
        ("31-01-2024 13:45", dt.date(2024, 1, 31)),
        ("20240131", dt.date(2024, 1, 31)),
        ("31012024", dt.date(2024, 1, 31)),   # only valid as ddmmyyyy
        ("2024/01/31", dt.date(2024, 1, 31)),
        # Excel serials: 45322 days after 1899-12-30 is 2024-01-31
        ("45322", dt.date(2024, 1, 31)),
        ("45322.0", dt.date(2024, 1, 31)),
        ("43831", dt.date(2020, 1, 1)),
        ("20000", dt.date(1954, 10, 3)),
    ],
)
def test_dates(text, expected):
    assert run(parse.parse_date, [text]) == [expected]


@pytest.mark.parametrize(
    "text", ["31-02-2024", "2024-13-01", "gisteren", "19999", "80001", "123", "31-01-24", "2024-01-31x"]
)
def test_dates_invalid(text):
    assert run(parse.parse_date, [text]) == [None]


def test_bools():
    trues = ["ja", "JA", "j", "true", "True", "waar", "yes", "y", "Y", "1"]
    falses = ["nee", "Nee", "n", "false", "onwaar", "no", "N", "0"]
    assert run(parse.parse_bool, trues) == [True] * len(trues)
    assert run(parse.parse_bool, falses) == [False] * len(falses)
    assert run(parse.parse_bool, ["misschien", "2", "", None]) == [None] * 4


def test_ints():
    assert run(lambda e: parse.parse_int(e), ["12", "12.0", " 7 ", "-3", "12a", "1.5", "1.234", ""]) == [
        12, 12, 7, -3, None, None, None, None
    ]
    assert run(lambda e: parse.parse_int(e, thousands=True), ["130.067", "1,234", "12.0", "12.000", "1.2"]) == [
        130067, 1234, 12, 12000, None
    ]


def test_enum_lookup_is_case_space_and_accent_insensitive():
    lookup = {"smswhatsapp": "SMS/Whatsapp", "afspraakoplocatie": "Afspraak op locatie", "cafe": "Café"}
    out = run(lambda e: parse.parse_enum(e, lookup), ["sms/whatsapp", "SMS / WhatsApp", "Afspraak  op Locatie", "CAFÉ", "x"])
    assert out == ["SMS/Whatsapp", "SMS/Whatsapp", "Afspraak op locatie", "Café", None]


def test_gemeentecode():
    fmt, _ = parse.TEXT_FORMATS["gemeentecode"]
    assert run(fmt, ["GM0546", "gm0546", "0546", "546", " GM 0546 ", "14", "546.0", "GM05461", "X546", "0", "GM"]) == [
        "0546", "0546", "0546", "0546", "0546", "0014", "0546", None, None, None, None
    ]


def test_postcode():
    fmt, _ = parse.TEXT_FORMATS["postcode"]
    assert run(fmt, ["1234AB", "1234 ab", " 1234  AB ", "0123AB", "123AB", "1234A", "12345B", "ABCD12"]) == [
        "1234AB", "1234AB", "1234AB", None, None, None, None, None
    ]


def test_bsn_format_and_elfproef():
    fmt, _ = parse.TEXT_FORMATS["bsn"]
    assert run(fmt, ["111222333", "11122233", "111.222.333", "111 222 333", "1112223", "11122233a", "111222333.0"]) == [
        "111222333", "011122233", "111222333", "111222333", None, None, "111222333"
    ]
    frame = pl.DataFrame({"bsn": ["111222333", "123456789", "000000000", "011122233"]})
    passes = frame.select(parse.elfproef(pl.col("bsn")).alias("ok"))["ok"].to_list()
    # 111222333: 1*9+1*8+1*7+2*6+2*5+2*4+3*3+3*2 = 69, 69-3 = 66 = 6*11 -> valid
    # 123456789: 9+16+21+24+25+24+21+16 = 156, 156-9 = 147 = 13*11+4 -> invalid
    # 011122233: 0+8+7+6+12+10+8+9+4 ... = 0*9+1*8+1*7+1*6+2*5+2*4+2*3+3*2 = 51, 51-3 = 48 -> invalid
    assert passes == [True, False, False, False]


def test_house_number_split():
    # number cell, huisletter column, toevoeging column -> (number, huisletter, toevoeging), as the
    # BAG writes an address: one letter right after the number is the huisletter, what follows a
    # separator (or the letter) the toevoeging; a dash before a letter makes it a toevoeging.
    cases = [
        ("12a", None, None, "12", "a", None),
        ("12 B-2", None, None, "12", "B", "2"),
        ("12b2", None, None, "12", "b", "2"),
        ("12B 2", None, None, "12", "B", "2"),
        ("12-2", None, None, "12", None, "2"),
        ("12/1", None, None, "12", None, "1"),
        ("12-A", None, None, "12", None, "A"),
        ("12 bis", None, None, "12", None, "bis"),  # more than one letter: no huisletter
        ("12ab", None, None, "12", None, "ab"),
        ("12", None, None, "12", None, None),
        ("12.0", None, None, "12.0", None, None),
        ("12a", None, "B", "12", "a", "B"),  # the letter fills the empty huisletter column
        ("12-2", "B", None, "12", "B", "2"),  # the toevoeging fills the empty toevoeging column
        ("12a", "C", None, "12a", "C", None),  # letter twice: left alone (the number then fails)
        ("12-2", None, "3", "12-2", None, "3"),  # toevoeging twice: left alone
        ("a12", None, None, "a12", None, None),
        ("12.5", None, None, "12.5", None, None),
        (None, None, None, None, None, None),
    ]
    frame = pl.DataFrame([c[:3] for c in cases], schema=["nr", "letter", "toev"], orient="row")
    nr, letter, toev = parse.split_house_number(pl.col("nr"), pl.col("letter"), pl.col("toev"))
    out = frame.select(nr.alias("nr"), letter.alias("letter"), toev.alias("toev"))
    assert out.rows() == [c[3:] for c in cases]
