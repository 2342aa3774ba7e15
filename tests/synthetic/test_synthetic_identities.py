"""Synthetic identities: valid BSNs, unique addresses and ids, clearly synthetic contact data."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from pipeline.synthetic import is_valid_bsn
from pipeline.synthetic import identifiers as ids
from pipeline.synthetic.gemeenten import registry


@pytest.mark.parametrize("bsn, valid", [
    ("111222333", True), ("123456782", True), ("123456789", False), ("12345678", False),
    ("1234567820", False), ("12345678a", False), (None, False), (111222333, True),
])
def test_eleven_test(bsn, valid):
    assert is_valid_bsn(bsn) is valid


def test_bsn_generation_is_valid_and_injective():
    leiden = registry()["0546"]
    ordinals = np.arange(200_000)
    numbers = ids.bsn(leiden, ordinals, seed=3)
    assert len(np.unique(numbers)) == len(numbers)
    assert numbers.min() >= 100_000_000 and numbers.max() <= 999_999_999
    assert all(is_valid_bsn(int(b)) for b in numbers[:: 997])
    d = (numbers[:, None] // 10 ** np.arange(8, -1, -1)) % 10
    assert ((d[:, :8] @ np.arange(9, 1, -1) - d[:, 8]) % 11 == 0).all()


def test_all_bsns_in_the_demo_pass_the_eleven_test(demo):
    _, df = demo
    bsns = df["bsn"].drop_nulls().unique()
    assert bsns.len() > 5000
    assert all(is_valid_bsn(b) for b in bsns)
    # one BSN is one person
    per_bsn = df.filter(pl.col("bsn").is_not_null()).group_by("bsn").agg(
        pl.struct("voorletters", "achternaam", "geslacht").n_unique().alias("personen"),
        pl.col("adres").n_unique().alias("adressen"),
    )
    assert (per_bsn["personen"] == 1).all() and (per_bsn["adressen"] == 1).all()


def test_no_two_households_share_an_address(demo):
    _, df = demo
    # a klantnummer is one household at one creditor, and an address has one klantnummer per creditor
    assert (df.group_by("signaalpartner_naam", "klantnummer").agg(pl.col("adres").n_unique())["adres"] == 1).all()
    assert (df.group_by("adres", "signaalpartner_naam").agg(pl.col("klantnummer").n_unique())["klantnummer"] == 1).all()
    # at most two persons (resident and partner) per address
    assert df.group_by("adres").agg(pl.col("bsn").drop_nulls().n_unique())["bsn"].max() <= 2
    assert (df.group_by("adres").agg(pl.col("straat").n_unique())["straat"] == 1).all()


def test_addresses_look_real(demo):
    _, df = demo
    assert df["postcode"].str.contains(r"^[1-9][0-9]{3}[A-Z]{2}$").all()
    assert not df["postcode"].str.slice(4).is_in(["SA", "SD", "SS"]).any()
    leiden = df.filter(pl.col("gemeentecode") == "0546")
    oost_gelre = df.filter(pl.col("gemeentecode") == "1586")
    assert leiden["postcode"].str.starts_with("23").all() and (leiden["woonplaats"] == "Leiden").all()
    assert oost_gelre["postcode"].str.starts_with("71").all()
    assert set(oost_gelre["woonplaats"]) >= {"Lichtenvoorde", "Groenlo"}
    assert df["huisnummer"].is_between(1, 60).all()
    toevoeging = df["huisnummertoevoeging"].is_not_null().mean()
    assert 0.05 < toevoeging < 0.15


def test_contact_data_is_clearly_synthetic(demo):
    _, df = demo
    assert df["telefoonnummer"].drop_nulls().str.contains(r"^06-1234\d{4}$").all()
    assert df["email"].drop_nulls().str.contains(r"^[a-z.]+\d{0,2}@(example|voorbeeld)\.nl$").all()
    assert set(df["geslacht"]) == {"Man", "Vrouw"}
    assert df["voorletters"].str.contains(r"^([A-Z]\.){1,3}$").all()


def test_signal_ids(demo):
    _, df = demo
    assert df["signaal_id"].str.contains(r"^(ZORG|HUUR|ENERGIE|WATER|CAK|OVERIG)-(0546|1586)-\d{6}$").all()
    assert df["signaal_id"].n_unique() == df.height
    assert df["klantnummer"].str.contains(r"^(ZV|HU|EN|WB|CAK|OV)\d{8}$").all()
    assert (df["signaaldatum"].dt.weekday() <= 5).all()  # creditors send on working days
