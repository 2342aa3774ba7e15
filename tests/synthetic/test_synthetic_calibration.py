"""The demo matches the Divosa/seed figures within tolerances (computed from the files)."""

from __future__ import annotations

import polars as pl
import pytest

from pipeline.synthetic.population import month_index

FIRST = month_index("2023-01")


def _meldingen(df: pl.DataFrame) -> pl.DataFrame:
    """One row per (gemeente, address, month) with meervoudig and opeenvolgend (M-6..M-1)."""
    mel = df.group_by("gemeentecode", "adres", "maand").agg(n=pl.len())
    earlier = mel.select("gemeentecode", "adres", vorige=pl.col("maand"))
    hit = (
        mel.join(earlier, on=["gemeentecode", "adres"])
        .filter(pl.col("vorige").is_between(pl.col("maand") - 6, pl.col("maand") - 1))
        .select("gemeentecode", "adres", "maand").unique()
        .with_columns(opeenvolgend=pl.lit(True))
    )
    return mel.join(hit, on=["gemeentecode", "adres", "maand"], how="left").with_columns(
        pl.col("opeenvolgend").fill_null(False), meervoudig=pl.col("n") >= 2
    )


@pytest.fixture(scope="module")
def meldingen(demo):
    _, df = demo
    return _meldingen(df).filter(pl.col("maand") >= FIRST + 6)  # months 7..24


def test_signals_per_month(demo):
    summary, df = demo
    per_month = summary.signals.group_by("gemeentecode").agg(pl.col("signalen").mean())
    mean = dict(per_month.iter_rows())
    assert 570 <= mean["0546"] <= 660, mean
    assert 68 <= mean["1586"] <= 96, mean
    # 4.4 per 1000 nationally; Leiden's seed figure is 630 on 130,067 inhabitants
    assert 4.3 <= mean["0546"] / 130.067 <= 5.1


def test_vlp_mix(demo):
    _, df = demo
    share = dict(df.group_by("signaalpartner_type").len().with_columns(pl.col("len") / df.height).iter_rows())
    for t, target in {"Zorg": 0.41, "Huur": 0.20, "Energie": 0.20, "Water": 0.18}.items():
        assert abs(share[t] - target) < 0.02, (t, share[t])
    rest = share.get("CAK Zorgverzekeringen", 0) + share.get("Overige", 0)
    assert 0.003 < rest < 0.02
    assert set(share) == {"Zorg", "Huur", "Energie", "Water", "CAK Zorgverzekeringen", "Overige"}


def test_eindelevering_share(demo):
    _, df = demo
    energie = df.filter(pl.col("signaalpartner_type") == "Energie")["crisissignaal"].mean()
    assert 0.21 <= energie <= 0.29
    assert not df.filter(pl.col("signaalpartner_type") != "Energie")["crisissignaal"].any()


def test_meervoudig_and_opeenvolgend(meldingen):
    meervoudig = meldingen["meervoudig"].mean()
    opeenvolgend = meldingen["opeenvolgend"].mean()
    assert 0.085 <= meervoudig <= 0.135, meervoudig
    assert 0.41 <= opeenvolgend <= 0.49, opeenvolgend
    leiden = meldingen.filter(pl.col("gemeentecode") == "0546").group_by("maand").len()["len"].mean()
    assert 480 <= leiden <= 600  # seed: about 530 meldingen a month


def test_recurring_households(demo):
    """Some addresses have 3+ meldingen in a year, and unbroken monthly runs exist."""
    _, df = demo
    mel = df.select("adres", "maand").unique()
    year = mel.filter(pl.col("maand").is_between(FIRST + 12, FIRST + 23)).group_by("adres").len()
    assert year.filter(pl.col("len") >= 3).height > 100
    runs = (
        mel.sort("adres", "maand")
        .with_columns(brk=(pl.col("maand").diff().over("adres") != 1).fill_null(True))
        .with_columns(run=pl.col("brk").cum_sum().over("adres"))
        .group_by("adres", "run").len()
    )
    assert runs["len"].max() >= 6
    assert runs.filter(pl.col("len") >= 4).height > 20
    # the same household also comes back with another creditor type
    types = df.group_by("adres").agg(pl.col("signaalpartner_type").n_unique())
    assert types.filter(pl.col("signaalpartner_type") >= 2).height > 500


def test_herhaalde_meldingen(demo):
    """~5% of signals re-signal an earlier arrear (same creditor, klantnummer, ontstaansdatum)."""
    _, df = demo
    arrear = ["signaalpartner_naam", "klantnummer", "ontstaansdatum"]
    seq = df.sort("signaaldatum").with_columns(
        k=pl.int_range(pl.len()).over(arrear),
        vorig=pl.col("bedrag").shift(1).over(arrear),
        vorige_maand=pl.col("maand").shift(1).over(arrear),
    )
    repeats = seq.filter(pl.col("k") > 0)
    share = repeats.height / df.height
    assert 0.035 <= share <= 0.07, share
    assert (repeats["maand"] > repeats["vorige_maand"]).all()
    higher = (repeats["bedrag"] > repeats["vorig"]).mean()
    assert 0.4 <= higher <= 0.6, higher
    assert (repeats["bedrag"] == repeats["vorig"]).mean() > 0.1
    assert (df["ontstaansdatum"] < df["signaaldatum"]).all()


def test_amounts(demo):
    _, df = demo
    small = (df["bedrag"] < 50).mean()
    assert 0.05 <= small <= 0.10, small
    assert df.filter(pl.col("bedrag").is_between(20, 50, closed="left")).height > 300
    assert (df["bedrag"] > 0).all() and df["bedrag"].max() <= 15_000  # nothing absurd by accident
    assert (df["bedrag"] == df["bedrag"].round(2)).all()
    median = dict(df.group_by("signaalpartner_type").agg(pl.col("bedrag").median()).iter_rows())
    for t, (low, high) in {"Zorg": (280, 450), "Huur": (750, 1100), "Energie": (320, 500), "Water": (90, 160)}.items():
        assert low <= median[t] <= high, (t, median[t])


def test_ages(demo):
    _, df = demo
    persons = df.filter(pl.col("geboortedatum").is_not_null()).unique(["adres", "geboortedatum"])
    age = (persons["signaaldatum"] - persons["geboortedatum"]).dt.total_days() / 365.25
    young = ((age >= 18) & (age < 27)).mean()
    assert 0.09 <= young <= 0.15, young
    assert age.min() >= 18 and age.max() < 96


def test_contact_details(demo):
    _, df = demo
    assert 0.31 <= df["telefoonnummer"].is_null().mean() <= 0.39
    assert 0.41 <= df["email"].is_null().mean() <= 0.49
    assert 0.65 <= df["bsn"].is_not_null().mean() <= 0.85
    # contact details belong to the household: never two phone numbers at one address
    assert df.group_by("adres").agg(pl.col("telefoonnummer").drop_nulls().n_unique())["telefoonnummer"].max() == 1
