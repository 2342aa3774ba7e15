"""The tables pass their publication contracts; Cox on pattern counts agrees with Cox on the rows.

lifelines handles tied event times with weights by Efron's method on the weighted sums, which is not
exactly Efron on the expanded rows: on monthly data the two agree within 1% (measured 0.25%)."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from pipeline.contracts import check_frame, load_contracts
from pipeline.effect import frame as fr
from pipeline.effect.survival import design, fit_cox, km_curves
from pipeline.effect.tables import EffectConfig, build_tables
from pipeline.common.settings import PROJECT_ROOT
from pipeline.synthetic.effect import planted_meldingen


@pytest.fixture(scope="module")
def world():
    return planted_meldingen(households=2500, seed=11)


def test_tables_pass_their_contracts(world):
    contracts = load_contracts(PROJECT_ROOT / "data_contracts")
    for name, table in build_tables(*world, EffectConfig()).items():
        outcome = check_frame(contracts[f"publicatie_{name}"], table, today=dt.date.today())
        assert outcome.passed, outcome.summary()
        assert not {"adres_sleutel", "melding_id", "inwoner_sleutel"} & set(table.columns)


def test_cox_on_pattern_counts_agrees_with_cox_on_rows(world):
    from lifelines import CoxPHFitter

    prepared = fr.prepare(world[0], world[1])
    agg, names = design(prepared, ["bereikt", "aanpak"], adjusted=False, reference={"aanpak": "brief"})
    assert agg.height < prepared.height / 5
    weighted = fit_cox(agg, names)
    rows = agg.select(pl.all().repeat_by("aantal").explode()).drop("aantal")
    plain = CoxPHFitter().fit(rows.to_pandas(), "duur", "gebeurtenis").summary
    for term in names:
        assert weighted[term].hazard_ratio == pytest.approx(plain.loc[term, "exp(coef)"], rel=0.01)
        assert weighted[term].ondergrens == pytest.approx(plain.loc[term, "exp(coef) lower 95%"], rel=0.01)


def test_km_matches_lifelines_on_generated_groups(world):
    from lifelines import KaplanMeierFitter

    prepared = fr.prepare(world[0], world[1])
    curves = km_curves(prepared, ["aanpak_gebruikt"])
    for group in ("huisbezoek", "brief"):
        part = prepared.filter(pl.col("aanpak_gebruikt") == group)
        km = KaplanMeierFitter().fit(part["duur"].to_numpy(), part["gebeurtenis"].to_numpy())
        mine = curves.filter(pl.col("aanpak_gebruikt") == group)
        for t in km.survival_function_.index[1:6]:
            row = mine.filter(pl.col("maand_sinds_melding") == int(t)).row(0, named=True)
            assert row["overleving"] == pytest.approx(km.survival_function_.loc[t].iloc[0], rel=1e-9)
            assert row["ondergrens"] == pytest.approx(km.confidence_interval_.loc[t].iloc[0], rel=1e-9)
            assert row["onder_risico"] == km.event_table.loc[t, "at_risk"]


def test_sample_above_the_pattern_limit(world):
    table = build_tables(*world, EffectConfig(cox_rijen=500))["herhaling_effect"]
    row = table.filter(pl.col("gemeentecode") == "alle").row(0, named=True)
    assert 0 < row["n_model"] < row["n_totaal"]
