"""Read a generated landing folder back into one frame, independently of pipeline/ingest.

Each file is read in its own dialect (cp1252 / BOM CSV, XLSX, Parquet), every value first as
text (the `raw_*` columns keep that text), then parsed leniently: what does not parse is null.
"""

from __future__ import annotations

import io
from pathlib import Path

import polars as pl

from pipeline.synthetic import calibration as cal
from pipeline.synthetic.frame import COLUMNS, DATE_COLUMNS
from pipeline.synthetic.layout import DEMO_STYLES, NATIONAL_STYLE, STEMS


def style_of(path: Path):
    stem = path.name.split("_")[0]
    national = path.name.count("_") == 1
    return NATIONAL_STYLE if national else DEMO_STYLES[STEMS.index(stem)]


def read_text(path: Path) -> pl.DataFrame:
    """One file with canonical column names, every column as text."""
    style = style_of(path)
    if style.fmt == "csv":
        text = path.read_bytes().decode(style.encoding)
        df = pl.read_csv(io.StringIO(text), separator=style.separator, infer_schema=False)
    elif style.fmt == "xlsx":
        df = pl.read_excel(path, infer_schema_length=0)
    else:
        df = pl.read_parquet(path)
        df = df.select(pl.all().cast(pl.String))
    inverse = {label: col for col, label in style.headers.items()}
    df = df.rename({c: inverse.get(c, c) for c in df.columns})
    assert tuple(df.columns) == COLUMNS, (path, df.columns)
    return df


def _date(col: str) -> pl.Expr:
    c = pl.col(col)
    return pl.coalesce(
        pl.when(c.str.contains(r"^\d{4}-\d{2}-\d{2}")).then(c.str.slice(0, 10).str.to_date("%Y-%m-%d", strict=False)),
        pl.when(c.str.contains(r"^\d{2}-\d{2}-\d{4}$")).then(c.str.to_date("%d-%m-%Y", strict=False)),
    )


def _amount() -> pl.Expr:
    c = pl.col("bedrag")
    dutch = c.str.contains(",")
    text = pl.when(dutch).then(c.str.replace_all(".", "", literal=True).str.replace(",", ".", literal=True)).otherwise(c)
    return text.cast(pl.Float64, strict=False)


def parse(df: pl.DataFrame) -> pl.DataFrame:
    return df.with_columns(
        *(pl.col(c).alias(f"raw_{c}") for c in (*DATE_COLUMNS, "bedrag", "gemeentecode")),
        *(_date(c).alias(c) for c in DATE_COLUMNS),
        _amount().alias("bedrag"),
        pl.col("gemeentecode").str.replace("^GM", ""),
        pl.col("huisnummer").cast(pl.Float64, strict=False).cast(pl.Int64),
        pl.col("crisissignaal").str.to_lowercase().is_in(["ja", "true"]),
        pl.col("warme_overdracht").str.to_lowercase().is_in(["ja", "true"]),
    )


def read_signals(out: Path) -> pl.DataFrame:
    """All signal files under out/signalen, with `bestand` (relative path) and `map` (folder month)."""
    frames = []
    for path in sorted((out / "signalen").glob("*/*")):
        df = read_text(path).with_columns(
            pl.lit(path.relative_to(out).as_posix()).alias("bestand"),
            pl.lit(path.parent.name).alias("map"),
            pl.int_range(1, pl.len() + 1).alias("rij"),
        )
        frames.append(df)
    return parse(pl.concat(frames, how="vertical"))


def with_keys(df: pl.DataFrame) -> pl.DataFrame:
    """Add the address key and the month (as the Divosa definitions use them)."""
    return df.with_columns(
        adres=pl.concat_str(
            [pl.col("postcode"), pl.col("huisnummer").cast(pl.String), pl.col("huisnummertoevoeging").fill_null("")],
            separator="|",
        ),
        maand=pl.col("signaaldatum").dt.year() * 12 + pl.col("signaaldatum").dt.month() - 1,
    )


TYPES = cal.TYPES
