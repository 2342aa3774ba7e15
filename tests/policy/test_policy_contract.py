"""The engine's contract: schemas, order, pick-up before history, and the reden."""

from __future__ import annotations

import re

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.policy import (
    AANPAKKEN,
    FEATURE_SCHEMA,
    OUTPUT_SCHEMA,
    PICKUP_SCHEMA,
    SAME_MONTH_COLUMNS,
    FeatureSchemaError,
    load_policies,
    load_policy,
    route,
    route_pickup,
)
from pipeline.policy.explain import euro, number_words
from policy_features import POLICY_DIR, frame, melding
from test_policy_measures import HISTORY, RESIDENT
from test_policy_shipped import LEIDEN, OOST_GELRE, _leiden_rows

POLICIES = load_policies(POLICY_DIR)
# Every age bound in the shipped policies; ages in one band must give the same reden.
AGE_BANDS = [(0, 17), (18, 26), (27, 110)]
# The amounts the shipped policies name as bounds (these may appear in a reden).
BOUND_AMOUNTS = {20.0, 50.0, 200.0, 500.0, 1000.0}


# --------------------------------------------------------------------------- schemas and order


def test_empty_frame():
    empty = pl.DataFrame(schema=FEATURE_SCHEMA)
    assert route(empty, POLICIES).schema == OUTPUT_SCHEMA
    assert route(empty, POLICIES.standaard).height == 0
    assert route_pickup(empty, POLICIES).schema == PICKUP_SCHEMA


def test_missing_column_is_named():
    with pytest.raises(FeatureSchemaError, match="leeftijd"):
        route(frame([melding()]).drop("leeftijd"), POLICIES)


def test_castable_types_are_accepted_and_extra_columns_ignored():
    features = frame([melding(leeftijd=22, totaal_bedrag=600.0)]).with_columns(
        pl.col("leeftijd").cast(pl.Int32), pl.col("aantal_signalen").cast(pl.UInt8), pl.lit("x").alias("extra")
    )
    assert route(features, POLICIES)["regel"].to_list() == ["jongeren_huisbezoek"]


def test_uncastable_type_is_an_error():
    features = frame([melding()]).with_columns(pl.lit("veel").alias("totaal_bedrag"))
    with pytest.raises(FeatureSchemaError):
        route(features, POLICIES)


def test_policy_and_policy_set_agree():
    rows = _leiden_rows()
    assert route(frame(rows), POLICIES).equals(route(frame(rows), POLICIES.for_gemeente("0546")))


# --------------------------------------------------------------------------- pick-up before history


def test_route_pickup_leiden():
    rows = _leiden_rows()
    same_month = frame(rows).select("melding_id", "gemeentecode", *SAME_MONTH_COLUMNS)
    pickup = route_pickup(same_month, POLICIES)
    assert pickup.schema == PICKUP_SCHEMA
    expected_out = [regel != "drempel" for *_, regel in LEIDEN]
    assert pickup["opgepakt"].to_list() == expected_out
    # only the leading rules are evaluated: jongeren_huisbezoek, drempel, else null
    for (*_, regel), got in zip(LEIDEN, pickup["regel"].to_list()):
        assert got == (regel if regel in ("jongeren_huisbezoek", "drempel") else None)


def test_route_pickup_needs_only_the_columns_its_rules_use():
    leiden = load_policy(POLICY_DIR / "leiden.yaml")
    assert leiden.pickup_columns == ("leeftijd", "totaal_bedrag", "is_meervoudig")
    minimal = frame([melding(totaal_bedrag=30.0)]).select("melding_id", *leiden.pickup_columns)
    assert route_pickup(minimal, leiden).row(0) == ("m", False, "Niet opgepakt: onterecht signaal", "drempel")
    with pytest.raises(FeatureSchemaError, match="is_meervoudig"):
        route_pickup(minimal.drop("is_meervoudig"), leiden)


def test_route_pickup_bekend_shv_when_given():
    leiden = load_policy(POLICY_DIR / "leiden.yaml")
    rows = frame([melding(totaal_bedrag=300.0, bekend_shv=True), melding(totaal_bedrag=30.0, bekend_shv=True)])
    pickup = route_pickup(rows.select("melding_id", *SAME_MONTH_COLUMNS, "bekend_shv"), leiden)
    assert pickup["signaalstatus"].to_list() == [
        "Inwoner al bekend bij schuldhulpverlening",
        "Niet opgepakt: onterecht signaal",
    ]
    assert pickup["regel"].to_list() == ["bekend_shv", "drempel"]


# --------------------------------------------------------------------------- the reden

def _all_hand_made_rows() -> list[dict]:
    rows = _leiden_rows()
    rows += [
        melding(melding_id=f"og-{i}", gemeentecode="1586", leeftijd=a, totaal_bedrag=b, minderjarige_kinderen=k,
                is_opeenvolgend=o)
        for i, (a, b, k, o, _) in enumerate(OOST_GELRE)
    ]
    rows += [melding(**{**RESIDENT, **step}) for step in HISTORY]
    rows += [melding(melding_id=f"std-{i}", gemeentecode="0363", leeftijd=age, totaal_bedrag=amount, **extra)
             for i, (age, amount, extra) in enumerate([
                 (35, 19.99, {}), (67, 49.99, {"is_crisis": True}), (18, 700.0, {"telefoon_bekend": True}),
                 (26, 1000.01, {"niet_benaderen": True}), (45, 300.0, {"bekend_shv": True}),
                 (None, 300.0, {"is_opeenvolgend": True, "zonder_contact_op_rij": 4}),
             ])]
    return rows


@pytest.fixture(scope="module")
def all_routed():
    rows = _all_hand_made_rows()
    return rows, route(frame(rows), POLICIES)


def test_every_reden_is_a_dutch_sentence(all_routed):
    _, routed = all_routed
    for reden, regel in zip(routed["reden"], routed["regel"]):
        assert reden and reden[0].isupper() and reden.endswith(".")
        assert reden.count(".") == 1 + reden.count("€ 1.0")  # one sentence (thousands dots aside)
        assert " dus " in reden
        assert re.search(r"\b(Regel|regel)\b", reden)
        assert "None" not in reden and "null" not in reden
        if regel not in ("bekend_shv", "niet_benaderen", "pauze_na_zonder_contact", "intensiveren"):
            assert f"({regel})" in reden or regel == "geen_regel"


def test_reden_never_shows_the_exact_age_or_amount(all_routed):
    rows, routed = all_routed
    for row, reden in zip(rows, routed["reden"]):
        if row["leeftijd"] is not None:
            assert not re.search(rf"(?<![\d.,]){row['leeftijd']}(?![\d.,])", reden), (row["leeftijd"], reden)
        if row["totaal_bedrag"] not in BOUND_AMOUNTS:
            assert euro(row["totaal_bedrag"]) not in reden, reden


def test_dutch_number_words():
    assert [number_words(n) for n in (0, 1, 17, 18, 21, 22, 23, 26, 27, 40, 67, 100, 118)] == [
        "nul", "een", "zeventien", "achttien", "eenentwintig", "tweeëntwintig", "drieëntwintig",
        "zesentwintig", "zevenentwintig", "veertig", "zevenenzestig", "honderd", "honderdachttien",
    ]
    assert [euro(x) for x in (20, 1000, 19.99, 1234.5)] == ["€ 20", "€ 1.000", "€ 19,99", "€ 1.234,50"]


# --------------------------------------------------------------------------- properties

_rows = st.fixed_dictionaries(
    {
        "gemeentecode": st.sampled_from(["0546", "1586", "0363", None]),
        "leeftijd": st.one_of(st.none(), st.integers(0, 110)),
        "totaal_bedrag": st.one_of(st.none(), st.floats(0, 20000, allow_nan=False).map(lambda x: round(x, 2)),
                                   st.sampled_from([19.99, 20.0, 49.99, 50.0, 200.0, 200.01, 500.0, 1000.0, 1000.01])),
        "is_meervoudig": st.booleans(),
        "is_opeenvolgend": st.booleans(),
        "meldingen_12m": st.integers(1, 12),
        "is_crisis": st.booleans(),
        "minderjarige_kinderen": st.one_of(st.none(), st.integers(0, 4)),
        "telefoon_bekend": st.booleans(),
        "email_bekend": st.booleans(),
        "eerder_bereikt": st.one_of(st.none(), st.booleans()),
        "zonder_contact_op_rij": st.integers(0, 6),
        "vorige_consulent": st.sampled_from([None, "Bas", "Fatima"]),
        "niet_benaderen": st.booleans(),
        "bekend_shv": st.booleans(),
    }
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_rows, min_size=1, max_size=25))
def test_invariants(drawn):
    rows = [melding(melding_id=f"h{i}", **row) for i, row in enumerate(drawn)]
    features = frame(rows)
    routed = route(features, POLICIES)
    assert routed.schema == OUTPUT_SCHEMA
    assert routed["melding_id"].to_list() == [r["melding_id"] for r in rows]
    for out in routed.iter_rows(named=True):
        assert out["aanpak"] in AANPAKKEN
        if out["aanpak"] in ("geen", "uitgesteld"):
            assert out["kanalen"] == [] and out["brief_sjabloon"] is None
        else:
            assert out["kanalen"][0] == out["aanpak"]
        assert out["uitgesteld"] == (out["aanpak"] == "uitgesteld")
        assert out["opgepakt"] == (out["signaalstatus"] == "Opgepakt")
        if not out["opgepakt"]:
            assert out["aanpak"] == "geen"
        assert out["prioriteit"] >= 1
        assert out["reden"]
    # the pick-up decision from same-month columns alone equals the full routing's
    pickup = route_pickup(features.select("melding_id", "gemeentecode", *SAME_MONTH_COLUMNS, "bekend_shv"), POLICIES)
    assert pickup["opgepakt"].to_list() == routed["opgepakt"].to_list()
    assert pickup["signaalstatus"].to_list() == routed["signaalstatus"].to_list()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_rows, st.sampled_from(AGE_BANDS), st.data())
def test_reden_depends_on_the_age_band_only(row, band, data):
    ages = [data.draw(st.integers(*band)) for _ in range(2)]
    rows = [melding(melding_id=f"a{age}", **{**row, "leeftijd": age}) for age in ages]
    routed = route(frame(rows), POLICIES)
    assert routed["reden"][0] == routed["reden"][1]
    assert routed.drop("melding_id").row(0) == routed.drop("melding_id").row(1)
