"""Apply an InputSchema to a table of text cells: typed rows plus a quarantine.

All work is polars expressions over whole columns, in three passes:
text per field -> parsed value per field -> one reason per field; a row with any
reason goes to the quarantine with all its reasons. Reasons name the field and the
rule, never the value.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from . import parse
from .read import FIELD_COUNT, ROW, RawTable, cell, cells_as_text
from .schema import Field, InputSchema

ROW_PROBLEM_FIELD = "(rij)"  # `veld` of a row whose fields cannot be told apart

OUTPUT_TYPES: dict[str, pl.DataType] = {
    "text": pl.String,
    "enum": pl.String,
    "date": pl.Date,
    "amount": pl.Float64,
    "bool": pl.Boolean,
    "int": pl.Int64,
}

INVALID_MESSAGES = {
    "date": "geen geldige datum",
    "amount": "geen geldig bedrag",
    "bool": "geen geldige ja/nee-waarde",
    "int": "geen geldig geheel getal",
    "enum": "onbekende waarde",
    "text": "geen geldige waarde",
}

QUARANTINE_SCHEMA = {ROW: pl.Int64, "veld": pl.String, "reden": pl.String}


def _value_name(field: Field) -> str:
    return f"__v_{field.name}"


def _reason_name(field: Field) -> str:
    return f"__r_{field.name}"


def _bound_text(value: object) -> str:
    """A rule's bound in Dutch notation: dates ISO, ints as is (2000), amounts 100.000 / 0,01."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        text = f"{value:,.0f}" if value.is_integer() else f"{value:,.2f}"
        return text.replace(",", " ").replace(".", ",").replace(" ", ".")
    return str(value)


def _parsed(field: Field) -> pl.Expr:
    """Typed value of a field from its trimmed text column (null when unreadable)."""
    text = pl.col(field.name)
    if field.kind == "text":
        if field.text_format is None:
            return text
        parser, _ = parse.TEXT_FORMATS[field.text_format]
        return parser(text)
    if field.kind == "date":
        return parse.parse_date(text)
    if field.kind == "amount":
        return parse.parse_amount(text)
    if field.kind == "bool":
        return parse.parse_bool(text)
    if field.kind == "int":
        return parse.parse_int(text, thousands=field.thousands)
    return parse.parse_enum(text, field.enum_lookup())


def _invalid_message(field: Field) -> str:
    if field.invalid_message:
        return field.invalid_message
    if field.kind == "text" and field.text_format:
        return parse.TEXT_FORMATS[field.text_format][1]
    return INVALID_MESSAGES[field.kind]


def _reason(field: Field, today: dt.date) -> pl.Expr:
    """First broken rule of one field as "<field>: <message>", else null."""
    text, value = pl.col(field.name), pl.col(_value_name(field))
    rules: list[tuple[pl.Expr, str]] = []
    if field.required and field.default is None:
        rules.append((text.is_null(), "ontbreekt"))
    rules.append((text.is_not_null() & value.is_null(), _invalid_message(field)))
    for check in field.checks:
        passes, message = parse.CHECKS[check]
        rules.append((value.is_not_null() & ~passes(value), message))
    if field.minimum is not None:
        lower = field.minimum_message or (
            f"ligt voor {_bound_text(field.minimum)}" if field.kind == "date"
            else f"moet minimaal {_bound_text(field.minimum)} zijn"
        )
        rules.append((value < pl.lit(field.minimum), lower))
    if field.maximum is not None:
        upper = field.maximum_message or (
            f"ligt na {_bound_text(field.maximum)}" if field.kind == "date"
            else f"mag hoogstens {_bound_text(field.maximum)} zijn"
        )
        rules.append((value > pl.lit(field.maximum), upper))
    if field.not_in_future:
        rules.append((value > pl.lit(today), "ligt in de toekomst"))

    expr = pl.when(rules[0][0]).then(pl.lit(f"{field.name}: {rules[0][1]}"))
    for condition, message in rules[1:]:
        expr = expr.when(condition).then(pl.lit(f"{field.name}: {message}"))
    return expr.otherwise(pl.lit(None, dtype=pl.String))


def apply_schema(
    file: str, raw: RawTable, columns: dict[str, int], schema: InputSchema, today: dt.date
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Return (accepted rows, quarantine) for the data rows of `raw`."""
    used = [cell(j) for j in columns.values()]
    frame = cells_as_text(file, raw.data.select(ROW, FIELD_COUNT, *used), used)

    # pass 1: trimmed text per field (absent optional columns: all null)
    texts = [
        parse.trimmed(pl.col(cell(columns[f.name]))).alias(f.name) if f.name in columns
        else pl.lit(None, dtype=pl.String).alias(f.name)
        for f in schema.fields
    ]
    lf = frame.lazy().select(ROW, FIELD_COUNT, *texts)
    for f in schema.fields:
        if f.split_addition is not None:
            number, letter, addition = parse.split_house_number(
                pl.col(f.name), pl.col(f.split_letter), pl.col(f.split_addition)
            )
            lf = lf.with_columns(number.alias(f.name), letter.alias(f.split_letter), addition.alias(f.split_addition))

    # pass 2: parsed values; pass 3: reasons
    lf = lf.with_columns(_parsed(f).alias(_value_name(f)) for f in schema.fields)
    lf = lf.with_columns(_reason(f, today).alias(_reason_name(f)) for f in schema.fields)

    shifted = pl.col(FIELD_COUNT).is_not_null()
    n_columns = len(raw.headers)
    row_reason = pl.format(
        "aantal kolommen klopt niet (verwacht {}, gevonden {})", pl.lit(n_columns), pl.col(FIELD_COUNT)
    )
    field_reasons = pl.concat_str(
        [pl.col(_reason_name(f)) for f in schema.fields], separator="; ", ignore_nulls=True
    )
    first_field = pl.coalesce(
        [pl.when(pl.col(_reason_name(f)).is_not_null()).then(pl.lit(f.name)) for f in schema.fields]
    )
    lf = lf.with_columns(
        pl.when(shifted).then(row_reason)
        .when(field_reasons != "").then(field_reasons)
        .otherwise(pl.lit(None, dtype=pl.String)).alias("reden"),
        pl.when(shifted).then(pl.lit(ROW_PROBLEM_FIELD)).otherwise(first_field).alias("veld"),
    )

    values = []
    for f in schema.fields:
        value = pl.col(_value_name(f))
        if f.kind == "bool" and f.default is not None:
            value = pl.when(pl.col(f.name).is_null()).then(pl.lit(f.default)).otherwise(value)
        values.append(value.cast(OUTPUT_TYPES[f.kind]).alias(f.name))

    checked = lf.select(ROW, "veld", "reden", *values).collect()
    good = checked.get_column("reden").is_null()
    rows = checked.filter(good).select(ROW, *schema.names)
    quarantine = checked.filter(~good).select(
        pl.col(ROW), pl.col("veld").cast(pl.String), pl.col("reden").cast(pl.String)
    )
    return rows, quarantine
