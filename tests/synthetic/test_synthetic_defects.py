"""Planted defects: about the rate asked, every kind, and each one visible in the files."""

from __future__ import annotations

import polars as pl

from pipeline.synthetic import calibration as cal
from pipeline.synthetic import is_valid_bsn


def test_defect_counts_follow_the_rate(defective):
    summary, df = defective
    total = sum(summary.defects.values())
    assert set(summary.defects) == set(cal.DEFECT_KINDS)
    assert 0.085 * df.height <= total <= 0.115 * df.height
    assert all(n > 0 for n in summary.defects.values())
    assert summary.defect_rows.height == total
    assert dict(summary.defect_rows.group_by("soort").len().iter_rows()) == {
        k: v for k, v in summary.defects.items() if v
    }


def test_each_defect_kind_is_visible_in_the_files(defective):
    summary, df = defective
    d = summary.defects
    assert (~df["postcode"].str.contains(r"^[1-9][0-9]{3}[A-Z]{2}$")).sum() == d["invalid_postcode"]
    unparsed = sum(
        (df[f"raw_{c}"].is_not_null() & df[c].is_null()).sum() for c in ("signaaldatum", "ontstaansdatum", "geboortedatum")
    )
    assert unparsed == d["invalid_date"]
    assert (df["bedrag"] < 0).sum() == d["negative_amount"]
    assert (df["bedrag"] >= 1_000_000).sum() == d["absurd_amount"]
    assert (df["signaalpartner_type"] == "Telecom").sum() == d["unknown_type"]
    assert sum(not is_valid_bsn(b) for b in df["bsn"].drop_nulls()) == d["invalid_bsn"]
    assert df["signaal_id"].is_null().sum() == d["empty_id"]

    content = [c for c in df.columns if c not in ("rij",)]
    copies = df.filter(pl.struct(content).is_duplicated()).group_by(content).len()
    assert (copies["len"] - 1).sum() == d["duplicate"]
    ids = df.filter(pl.col("signaal_id").is_not_null()).unique(content)
    conflicts = ids.group_by("signaal_id").agg(pl.col("bedrag").n_unique().alias("bedragen"))
    assert (conflicts["bedragen"] - 1).sum() == d["conflicting_id"]


def test_defect_rows_point_at_the_rows(defective):
    summary, df = defective
    log = summary.defect_rows.join(df.select("bestand", "rij", "signaal_id"), on=["bestand", "rij"], how="left",
                                   suffix="_in_file")
    assert log.height == summary.defect_rows.height
    same = log.filter(pl.col("signaal_id").is_not_null())
    assert (same["signaal_id"] == same["signaal_id_in_file"]).all()
    dates = log.filter(pl.col("soort") == "invalid_date")
    assert dates["kolom"].is_in(["signaaldatum", "ontstaansdatum", "geboortedatum"]).all()


def test_bad_dates_stay_text_in_typed_formats(defective):
    summary, df = defective
    bad = summary.defect_rows.filter(pl.col("soort") == "invalid_date")
    stems = set(bad["bestand"].str.extract(r"/(\w+?)_"))
    assert {"zorg"} <= stems  # CSV text cells
    parquet = df.filter(pl.col("bestand").str.ends_with(".parquet") & pl.col("signaaldatum").is_null())
    assert parquet.height == 0 or parquet["raw_signaaldatum"].is_not_null().all()


def test_no_defects_at_rate_zero(demo):
    summary, df = demo
    assert sum(summary.defects.values()) == 0
    assert df["signaal_id"].n_unique() == df.height
