"""Plant realistic bad rows: about `rate` of the rows are replaced, each by one defect kind.

Which rows, which kind and which variant are keyed by the signal id, so the same arguments
plant the same defects. Copies (duplicate delivery, conflicting signaal_id) take an earlier
clean row of the same file. A bad date cannot live in a date column, so it goes to a
`_bad_<column>` text column that the writers put in place of the date.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from pipeline.synthetic import calibration as cal
from pipeline.synthetic.frame import DATE_COLUMNS
from pipeline.synthetic.keyed import Keyed

F_DEFECT, F_KIND, F_VARIANT, F_SOURCE, F_FALLBACK, F_COLUMN, F_FACTOR = range(300, 307)
KINDS = cal.DEFECT_KINDS
_K = {k: i for i, k in enumerate(KINDS)}
_COPY = np.array([_K["duplicate"], _K["conflicting_id"]])
_NON_COPY = np.array([i for i in range(len(KINDS)) if i not in _COPY])
_ABSURD = np.array([9_999_999.0, 99_999_999.0, 9_999_999.99])
BAD_COLUMNS = tuple(f"_bad_{c}" for c in DATE_COLUMNS)
LOG_SCHEMA = {"bestand": pl.String, "rij": pl.Int64, "signaal_id": pl.String, "soort": pl.String, "kolom": pl.String}


def _no_bad_dates(df: pl.DataFrame) -> pl.DataFrame:
    return df.with_columns(pl.lit(None, dtype=pl.String).alias(c) for c in BAD_COLUMNS)


def _tampered_bsn(bsn: pl.Expr, shift: pl.Expr) -> pl.Expr:
    """Change the check digit by 1..9: the eleven-test then always fails."""
    last = bsn.str.slice(8, 1).cast(pl.Int64)
    return pl.concat_str([bsn.str.slice(0, 8), ((last + shift) % 10).cast(pl.String)])


def _bad_postcode(pc: pl.Expr, variant: pl.Expr) -> pl.Expr:
    return (
        pl.when(variant == 0).then(pc.str.slice(1))  # 311AB
        .when(variant == 1).then(pl.concat_str([pl.lit("0"), pc.str.slice(1)]))  # 0311AB
        .when(variant == 2).then(pc.str.slice(0, 4))  # 2311
        .when(variant == 3).then(pl.concat_str([pc.str.slice(4), pc.str.slice(0, 4)]))  # AB2311
        .otherwise(pl.lit("onbekend"))
    )


def _bad_date(day_first: pl.Expr, date: pl.Expr, variant: pl.Expr) -> pl.Expr:
    yyyy = date.dt.year().cast(pl.String)
    dd = date.dt.day().cast(pl.String).str.zfill(2)
    dmy = (
        pl.when(variant == 0).then(pl.concat_str([dd, pl.lit("-13-"), yyyy]))
        .when(variant == 1).then(pl.lit("gisteren"))
        .when(variant == 2).then(pl.concat_str([pl.lit("31-02-"), yyyy]))
        .otherwise(pl.lit("00-00-0000"))
    )
    iso = (
        pl.when(variant == 0).then(pl.concat_str([yyyy, pl.lit("-13-"), dd]))
        .when(variant == 1).then(pl.lit("gisteren"))
        .when(variant == 2).then(pl.concat_str([yyyy, pl.lit("-02-31")]))
        .otherwise(pl.lit("0000-00-00"))
    )
    return pl.when(day_first).then(dmy).otherwise(iso)


def plant(df: pl.DataFrame, keyed: Keyed, rate: float) -> tuple[pl.DataFrame, pl.DataFrame]:
    """df: one month, rows grouped by `_file` in `_row` order, with `_day_first` per row."""
    n = df.height
    if rate <= 0 or n == 0:
        return _no_bad_dates(df), pl.DataFrame(schema=LOG_SCHEMA)
    uid = df["_uid"].to_numpy()
    idx = np.arange(n)
    defect = keyed.uniform(uid, F_DEFECT) < rate
    kind = np.where(defect, keyed.choice(uid, F_KIND, np.ones(len(KINDS))), -1)

    files = df["_file"].to_numpy()
    new_file = np.r_[True, files[1:] != files[:-1]]
    file_start = np.maximum.accumulate(np.where(new_file, idx, 0))
    clean = ~defect
    clean_before = np.cumsum(clean) - clean
    earlier_clean = clean_before - clean_before[file_start]
    is_copy = np.isin(kind, _COPY)
    orphan = is_copy & (earlier_clean == 0)  # no earlier clean row in the file to copy
    kind[orphan] = _NON_COPY[keyed.choice(uid[orphan], F_FALLBACK, np.ones(len(_NON_COPY)))]
    is_copy = np.isin(kind, _COPY)
    pick = keyed.integers(uid, F_SOURCE, np.maximum(earlier_clean, 1))
    clean_rows = np.flatnonzero(clean)
    source = np.where(is_copy, clean_rows[np.minimum(clean_before[file_start] + pick, len(clean_rows) - 1)], idx)

    kept = ("_file", "_row", "_uid", "_day_first")
    out = df[source].with_columns(df.select(kept).get_columns())
    date_col = keyed.choice(uid, F_COLUMN, [0.5, 0.25, 0.25])
    out = out.with_columns(
        _kind=pl.Series(kind),
        _variant=pl.Series(keyed.integers(uid, F_VARIANT, 12)),
        _datecol=pl.Series(date_col),
        _factor=pl.Series(1.1 + 0.7 * keyed.uniform(uid, F_FACTOR)),
    )
    k, v = pl.col("_kind"), pl.col("_variant")
    bedrag = pl.col("bedrag")
    out = out.with_columns(
        pl.when(k == _K["invalid_postcode"]).then(_bad_postcode(pl.col("postcode"), v % 5))
        .otherwise(pl.col("postcode")).alias("postcode"),
        pl.when(k == _K["negative_amount"]).then(-bedrag)
        .when(k == _K["absurd_amount"]).then(pl.lit(pl.Series(_ABSURD)).gather(v % 3))
        .when(k == _K["conflicting_id"]).then((bedrag * pl.col("_factor")).round(2))
        .otherwise(bedrag).alias("bedrag"),
        pl.when(k == _K["unknown_type"]).then(pl.lit("Telecom"))
        .otherwise(pl.col("signaalpartner_type")).alias("signaalpartner_type"),
        pl.when(k == _K["unknown_type"]).then(pl.lit("Telecom Voorbeeld BV"))
        .otherwise(pl.col("signaalpartner_naam")).alias("signaalpartner_naam"),
        pl.when(k == _K["invalid_bsn"]).then(_tampered_bsn(pl.col("_bsn_raw"), v % 9 + 1))
        .otherwise(pl.col("bsn")).alias("bsn"),
        pl.when(k == _K["empty_id"]).then(pl.lit(None, dtype=pl.String))
        .otherwise(pl.col("signaal_id")).alias("signaal_id"),
        *(
            pl.when((k == _K["invalid_date"]) & (pl.col("_datecol") == i))
            .then(_bad_date(pl.col("_day_first"), pl.col("signaaldatum"), v % 4))
            .otherwise(pl.lit(None, dtype=pl.String)).alias(bad)
            for i, bad in enumerate(BAD_COLUMNS)
        ),
    )
    log = out.filter(k >= 0).select(
        pl.col("_file").alias("bestand"),
        (pl.col("_row") + 1).cast(pl.Int64).alias("rij"),
        "signaal_id",
        pl.lit(pl.Series(KINDS)).gather(k).alias("soort"),
        pl.when(k == _K["invalid_date"]).then(pl.lit(pl.Series(DATE_COLUMNS)).gather(pl.col("_datecol")))
        .otherwise(pl.lit(None, dtype=pl.String)).alias("kolom"),
    )
    return out.drop("_kind", "_variant", "_datecol", "_factor"), log
