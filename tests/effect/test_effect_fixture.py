"""Kaplan-Meier and reach-by-attempt on a hand-worked fixture.

Data end 2024-06, gemeente 0546, five addresses:
  A: 2024-01, 2024-03          A1 -> next in 2 months (event); A2 censored at the data end (3)
  B: 2024-02, 2024-05          B1 -> next in 3 months (event); B2 censored at the data end (1).
                               (Had B's 2024-02 data been purged in 2024-04, nothing would change:
                               the purge keeps the pseudonym and ends no follow-up, issue #13.)
  C: 2024-06                   the last month: no follow-up, left out
  D: 2024-01, 2024-02          D1 -> event at 1; D2 censored at 4
  E: 2024-04                   no next melding: censored at 2
So (duur, event): A1 (2,1) A2 (3,0) B1 (3,1) B2 (1,0) D1 (1,1) D2 (4,0) E1 (2,0).
KM: t=1: 7 at risk, 1 event, 1 censored: S = 6/7; t=2: 5 at risk, 1 event, 1 censored: S = 6/7 * 4/5 = 24/35;
t=3: 3 at risk, 1 event, 1 censored: S = 24/35 * 2/3 = 16/35; t=4: 1 at risk, 1 censored.
Greenwood at 2: 1/(7*6) + 1/(5*4).
"""

from __future__ import annotations

import datetime as dt
import math

import polars as pl
import pytest

from pipeline.effect import frame as fr
from pipeline.effect.survival import attempt_sequence, km_curves, median_month, share_within
from pipeline.effect.tables import EffectConfig, build_tables

END = dt.date(2024, 6, 1)


def melding(adres: str, maand: str, *, pogingen: int = 1, bereikt: bool = False, aanpak: str = "brief",
            soort: str | None = None) -> dict:
    return {
        "melding_id": f"0546-{maand.replace('-', '')}-{adres * 12}"[:24], "gemeentecode": "0546",
        "adres_sleutel": adres * 64, "maand": dt.date.fromisoformat(maand + "-01"), "is_meervoudig": False,
        "is_opeenvolgend": False, "meldingen_12m": 1, "eerdere_meldingen": 0, "totaal_bedrag": 100.0,
        "signaalpartner_types": ["Zorg"], "leeftijdsklasse": "27-44", "is_crisis": False, "aanpak": aanpak,
        "regel": "r", "pogingen": pogingen, "bereikt": bereikt, "soort_bereikt": soort,
    }


MELDINGEN = pl.DataFrame([
    melding("a", "2024-01"), melding("a", "2024-03", pogingen=2, bereikt=True, soort="Telefoon", aanpak="telefoon"),
    melding("b", "2024-02", pogingen=0, aanpak="uitgesteld"), melding("b", "2024-05"),
    melding("c", "2024-06", bereikt=True, soort="Huisbezoek", aanpak="huisbezoek"),
    melding("d", "2024-01", bereikt=True, soort="Brief"), melding("d", "2024-02"),
    melding("e", "2024-04"),
])


@pytest.fixture(scope="module")
def prepared() -> pl.DataFrame:
    return fr.prepare(MELDINGEN, END)


def test_durations_and_censoring(prepared):
    got = {(r["adres_sleutel"][0], r["maand"].month): (r["duur"], r["gebeurtenis"]) for r in prepared.iter_rows(named=True)}
    assert got == {("a", 1): (2, True), ("a", 3): (3, False), ("b", 2): (3, True), ("b", 5): (1, False),
                   ("d", 1): (1, True), ("d", 2): (4, False), ("e", 4): (2, False)}


def test_groups(prepared):
    row = prepared.filter(pl.col("adres_sleutel").str.starts_with("a"), pl.col("maand").dt.month() == 3).row(0, named=True)
    assert (row["bereik"], row["aanpak_gebruikt"], row["herhaling"]) == ("bereikt", "telefoon", "eerste melding")
    row = prepared.filter(pl.col("adres_sleutel").str.starts_with("d"), pl.col("maand").dt.month() == 1).row(0, named=True)
    assert row["aanpak_gebruikt"] == "brief"  # the contactsoort that reached (Brief), not only the plan


def test_kaplan_meier_by_hand(prepared):
    curve = km_curves(prepared.with_columns(g=pl.lit("alle")), ["g"]).sort("maand_sinds_melding")
    assert curve["onder_risico"].to_list() == [7, 7, 5, 3, 1]
    assert curve["nieuwe_meldingen"].to_list() == [0, 1, 1, 1, 0]
    assert curve["gecensureerd"].to_list() == [0, 1, 1, 1, 1]
    s = curve["overleving"].to_list()
    assert s == pytest.approx([1, 6 / 7, 24 / 35, 16 / 35, 16 / 35])
    # the log(-log) band at t = 2 from the Greenwood variance, worked by hand
    var, s2 = 1 / (7 * 6) + 1 / (5 * 4), 24 / 35
    half = 1.959963984540054 * math.sqrt(var) / abs(math.log(s2))
    lower = math.exp(-math.exp(math.log(-math.log(s2)) + half))
    upper = math.exp(-math.exp(math.log(-math.log(s2)) - half))
    assert curve["ondergrens"][2] == pytest.approx(lower) and curve["bovengrens"][2] == pytest.approx(upper)
    assert share_within(curve, 2) == pytest.approx(11 / 35)
    assert share_within(curve, 6) is None  # no follow-up that long
    assert median_month(curve) == 3  # the first month at or below one half (16/35)


def test_kaplan_meier_matches_lifelines(prepared):
    from lifelines import KaplanMeierFitter

    curve = km_curves(prepared.with_columns(g=pl.lit("alle")), ["g"]).sort("maand_sinds_melding")
    km = KaplanMeierFitter().fit(prepared["duur"].to_numpy(), prepared["gebeurtenis"].to_numpy())
    times = km.survival_function_.index.to_numpy()
    for row in curve.iter_rows(named=True):
        t = row["maand_sinds_melding"]
        if t in times:
            assert row["overleving"] == pytest.approx(km.survival_function_.loc[t].iloc[0])
            assert row["ondergrens"] == pytest.approx(km.confidence_interval_.loc[t].iloc[0])
            assert row["bovengrens"] == pytest.approx(km.confidence_interval_.loc[t].iloc[1])


def test_reach_by_attempt_by_hand():
    seq = attempt_sequence(MELDINGEN)
    # k-th melding with an attempt, until and including the first reached; B's first had no attempt,
    # D's second comes after contact: out
    got = sorted((r["adres_sleutel"][0], r["maand"].month, r["poging"]) for r in seq.iter_rows(named=True))
    assert got == [("a", 1, "1"), ("a", 3, "2"), ("b", 5, "1"), ("c", 6, "1"), ("d", 1, "1"), ("e", 4, "1")]
    table = build_tables(MELDINGEN, END, EffectConfig(min_groep=1))["bereik_per_poging"]
    alle = {r["poging"]: r for r in table.filter(pl.col("gemeentecode") == "0546", pl.col("aanpak") == "alle").iter_rows(named=True)}
    assert (alle["1"]["meldingen"], alle["1"]["bereikt"], alle["1"]["aandeel_bereikt"]) == (5, 2, 0.4)
    assert (alle["2"]["meldingen"], alle["2"]["bereikt"]) == (1, 1)
    from scipy.stats import binomtest

    ci = binomtest(2, 5).proportion_ci(method="wilson")
    assert (alle["1"]["ondergrens"], alle["1"]["bovengrens"]) == pytest.approx((ci.low, ci.high))
    per_aanpak = table.filter(pl.col("gemeentecode") == "0546", pl.col("aanpak") == "telefoon")
    assert per_aanpak.select("poging", "meldingen", "bereikt").rows() == [("2", 1, 1)]


def test_small_groups_say_too_few(prepared):
    tables = build_tables(MELDINGEN, END, EffectConfig(min_groep=6))
    curve = tables["herhaling_curve"].filter(pl.col("gemeentecode") == "0546")
    bereikt = curve.filter(pl.col("indeling") == "bereik", pl.col("groep") == "bereikt")
    assert bereikt.height == 1 and bereikt["te_weinig_gegevens"][0] and bereikt["overleving"][0] is None
    alle = curve.filter(pl.col("indeling") == "alle")
    assert not alle["te_weinig_gegevens"].any() and alle.height == 5
    reach = tables["bereik_per_poging"].filter(pl.col("poging") == "2")
    assert reach["te_weinig_gegevens"].all() and reach["aandeel_bereikt"].is_null().all()
    assert tables["herhaling_effect"]["te_weinig_gegevens"].all()
