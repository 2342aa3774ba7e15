"""The estimators: Kaplan-Meier per group, reach at the k-th tried melding, Cox hazard ratios.

Everything works on aggregates, so it stays cheap at national scale (4 million meldingen):
- Kaplan-Meier on (group, duur, gebeurtenis) counts. lifelines' KaplanMeierFitter costs ~10 ms a
  fit and a national run has ~7,000 curves (342 gemeenten x ~20 groups), so the product-limit
  estimate with lifelines' default band (Greenwood variance, log(-log) transform) is computed for all
  groups at once in polars; tests/effect checks it against KaplanMeierFitter to 1e-9.
- Cox: lifelines' CoxPHFitter on covariate-pattern aggregates (one row per pattern x duur x event,
  `weights_col` = the count); above `max_rows` patterns a seeded sample of meldingen (md5 of
  melding_id), with the number used in the output.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import numpy as np
import polars as pl

Z95 = 1.959963984540054


def km_curves(frame: pl.DataFrame, by: list[str]) -> pl.DataFrame:
    """Kaplan-Meier per group of `by`: one row per group and month 0..the last month anyone is at
    risk, with onder_risico, nieuwe_meldingen, gecensureerd, overleving and the 95% band."""
    weight = pl.col("aantal") if "aantal" in frame.columns else pl.lit(1, pl.Int64)  # rows may be counts already
    counts = frame.group_by([*by, "duur"]).agg(
        nieuwe_meldingen=(pl.col("gebeurtenis").cast(pl.Int64) * weight).sum(),
        gecensureerd=((~pl.col("gebeurtenis")).cast(pl.Int64) * weight).sum(),
    )
    grid = (
        counts.group_by(by).agg(n=(pl.col("nieuwe_meldingen") + pl.col("gecensureerd")).sum(), hoogste=pl.col("duur").max())
        .with_columns(duur=pl.int_ranges(0, pl.col("hoogste") + 1, dtype=pl.Int32)).explode("duur")
    )
    curve = (
        grid.join(counts, on=[*by, "duur"], how="left")
        .with_columns(pl.col("nieuwe_meldingen", "gecensureerd").fill_null(0))
        .sort([*by, "duur"])
        .with_columns(_weg=(pl.col("nieuwe_meldingen") + pl.col("gecensureerd")).cum_sum().over(by))
        .with_columns(onder_risico=pl.col("n") - pl.col("_weg") + pl.col("nieuwe_meldingen") + pl.col("gecensureerd"))
        .with_columns(
            _log=pl.when(pl.col("nieuwe_meldingen") > 0)
            .then((1 - pl.col("nieuwe_meldingen") / pl.col("onder_risico")).log()).otherwise(0.0),
            _gw=pl.when((pl.col("nieuwe_meldingen") > 0) & (pl.col("onder_risico") > pl.col("nieuwe_meldingen")))
            .then(pl.col("nieuwe_meldingen") / (pl.col("onder_risico") * (pl.col("onder_risico") - pl.col("nieuwe_meldingen"))))
            .otherwise(0.0),
        )
        .with_columns(_logs=pl.col("_log").cum_sum().over(by), _var=pl.col("_gw").cum_sum().over(by))
        .with_columns(overleving=pl.col("_logs").exp())
    )
    # lifelines' band: exp(-exp(log(-log S) +- z * sqrt(var) / log S)); 1 while S = 1
    loglog = (-pl.col("_logs")).log()
    spread = Z95 * pl.col("_var").sqrt() / pl.col("_logs").abs()
    positive = (pl.col("_logs") < 0) & pl.col("_logs").is_finite()
    curve = curve.with_columns(
        ondergrens=pl.when(positive).then((-(loglog + spread).exp()).exp())
        .when(pl.col("overleving") == 1).then(1.0).otherwise(0.0),
        bovengrens=pl.when(positive).then((-(loglog - spread).exp()).exp())
        .when(pl.col("overleving") == 1).then(1.0).otherwise(0.0),
    )
    return curve.select(
        *by, pl.col("duur").alias("maand_sinds_melding"), "onder_risico", "nieuwe_meldingen", "gecensureerd",
        "overleving", "ondergrens", "bovengrens", pl.col("n").alias("n_groep"),
    )


def wilson(successes: pl.Expr, n: pl.Expr, bound: int) -> pl.Expr:
    """Wilson score interval (95%) for a proportion; bound -1 = lower, +1 = upper."""
    p = successes / n
    centre = (p + Z95**2 / (2 * n)) / (1 + Z95**2 / n)
    half = Z95 * ((p * (1 - p) / n + Z95**2 / (4 * n**2)).sqrt()) / (1 + Z95**2 / n)
    return pl.when(n > 0).then((centre + bound * half).clip(0.0, 1.0))


def attempt_sequence(meldingen: pl.DataFrame) -> pl.DataFrame:
    """Households without contact so far: their meldingen with at least one contact attempt, numbered
    k = 1, 2, ... per address (`poging`: 1..4, 5+), until and including the first one that reached them."""
    return (
        meldingen.filter(pl.col("pogingen") > 0)
        .sort("gemeentecode", "adres_sleutel", "maand")
        .with_columns(k=pl.int_range(1, pl.len() + 1).over("gemeentecode", "adres_sleutel"),
                      _eerder=pl.col("bereikt").cast(pl.Int32).cum_sum().over("gemeentecode", "adres_sleutel")
                      - pl.col("bereikt").cast(pl.Int32))
        .filter(pl.col("_eerder") == 0)
        .with_columns(poging=pl.when(pl.col("k") >= 5).then(pl.lit("5+")).otherwise(pl.col("k").cast(pl.String)))
        .drop("_eerder")
    )


def reach_by_attempt(sequence: pl.DataFrame, by: list[str]) -> pl.DataFrame:
    """The share reached per `poging` (and `by`), with a 95% Wilson interval."""
    out = sequence.group_by([*by, "poging"]).agg(meldingen=pl.len(), bereikt=pl.col("bereikt").cast(pl.Int64).sum())
    return out.with_columns(
        aandeel_bereikt=pl.col("bereikt") / pl.col("meldingen"),
        ondergrens=wilson(pl.col("bereikt"), pl.col("meldingen"), -1),
        bovengrens=wilson(pl.col("bereikt"), pl.col("meldingen"), 1),
    ).sort([*by, "poging"])


# --- Cox --------------------------------------------------------------------------------------

#: What the policy routes on: the adjusters of the Cox model (columns made by frame.prepare).
ADJUSTERS_BOOL = ("is_meervoudig", "is_opeenvolgend", "is_crisis", "zorg", "huur", "energie", "water")
ADJUSTERS_CAT = {"m12": 1, "bedragklasse": "< 500", "leeftijdsklasse": "27-44"}


@dataclass
class HazardRatio:
    term: str
    hazard_ratio: float | None
    ondergrens: float | None
    bovengrens: float | None


def sample_mask(fraction: float) -> pl.Expr:
    """A reproducible sample: keep a melding when the last 8 hex digits of its melding_id (which end
    in an md5, see README "Melding") fall below `fraction` of their range."""
    return pl.col("melding_id").str.slice(-8).str.to_integer(base=16, strict=False).fill_null(0) < int(fraction * 2**32)


def design(frame: pl.DataFrame, factors: list[str], *, adjusted: bool, reference: dict[str, str]) -> tuple[pl.DataFrame, list[str]]:
    """Covariate-pattern aggregates: 0/1 columns for the factors (and adjusters), duur, gebeurtenis, aantal."""
    cols: dict[str, pl.Expr] = {}
    for factor in factors:
        if factor == "bereikt":
            cols["bereikt"] = pl.col("bereikt").cast(pl.Int8)
            continue
        for level in sorted(frame[factor].unique().drop_nulls().to_list()):
            if level != reference[factor]:
                cols[f"{factor}={level}"] = (pl.col(factor) == level).cast(pl.Int8)
    if adjusted:
        for name in ADJUSTERS_BOOL:
            cols[name] = pl.col(name).fill_null(False).cast(pl.Int8)
        for name, ref in ADJUSTERS_CAT.items():
            for level in sorted(frame[name].unique().drop_nulls().to_list()):
                if level != ref:
                    cols[f"{name}={level}"] = (pl.col(name) == level).cast(pl.Int8)
    agg = (frame.select(**cols, duur=pl.col("duur"), gebeurtenis=pl.col("gebeurtenis").cast(pl.Int8))
           .group_by(pl.all()).agg(aantal=pl.len()))
    names = independent_columns(agg, [c for c in cols if agg[c].n_unique() > 1])
    return agg.select(*names, "duur", "gebeurtenis", "aantal"), names


def independent_columns(agg: pl.DataFrame, names: list[str]) -> list[str]:
    """Drop columns that are a linear combination of earlier ones (with the intercept), such as the
    creditor-type flags when they add up to 1 + meervoudig: the factors come first, so they stay."""
    if not names:
        return names
    matrix = agg.select(names).to_numpy().astype(float)
    kept, basis = [], np.ones((matrix.shape[0], 1))
    for i, name in enumerate(names):
        trial = np.column_stack([basis, matrix[:, i]])
        if np.linalg.matrix_rank(trial) > basis.shape[1]:
            kept.append(name)
            basis = trial
    return kept


def fit_cox(agg: pl.DataFrame, names: list[str]) -> dict[str, HazardRatio]:
    from lifelines import CoxPHFitter

    if not names or agg["gebeurtenis"].sum() == 0:
        return {}
    cph = CoxPHFitter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            cph.fit(agg.select(*names, "duur", "gebeurtenis", "aantal").to_pandas(), duration_col="duur",
                    event_col="gebeurtenis", weights_col="aantal")
        except Exception:  # lifelines' ConvergenceError and singular matrices: report nothing rather than nonsense
            return {}
    if any("norm(delta) is still high" in str(w.message) for w in caught):
        return {}  # Newton-Raphson did not settle: no unique estimate
    summary = cph.summary
    out = {}
    for term in names:
        hr, lo, hi = (float(summary.loc[term, c]) for c in ("exp(coef)", "exp(coef) lower 95%", "exp(coef) upper 95%"))
        ok = all(math.isfinite(v) for v in (hr, lo, hi))
        out[term] = HazardRatio(term, hr if ok else None, lo if ok else None, hi if ok else None)
    return out


def cox_effects(frame: pl.DataFrame, *, min_groep: int, max_rows: int = 40_000) -> list[dict]:
    """Hazard ratios of a next melding for `bereikt` (vs niet bereikt) and each planned aanpak (vs
    the reference: brief when present, else the most common), raw (the factor alone) and adjusted
    (both factors plus what the policy routes on). One dict per comparison and kind."""
    rows: list[dict] = []
    if frame.height == 0:
        return rows
    counts = frame["aanpak"].value_counts(sort=True)
    levels = counts["aanpak"].to_list()
    reference = {"aanpak": "brief" if "brief" in levels else levels[0]}
    n_total, used = frame.height, frame
    probe = frame.select("bereikt", "aanpak", *ADJUSTERS_BOOL, *ADJUSTERS_CAT, "duur", "gebeurtenis").n_unique()
    if probe > max_rows:
        used = frame.filter(sample_mask(max_rows / probe))
    fits: dict = {}
    if used.height >= 2 * min_groep:
        fits = {
            (False, "bereikt"): fit_cox(*design(used, ["bereikt"], adjusted=False, reference=reference)),
            (False, "aanpak"): fit_cox(*design(used, ["aanpak"], adjusted=False, reference=reference)),
            (True, "beide"): fit_cox(*design(used, ["bereikt", "aanpak"], adjusted=True, reference=reference)),
        }
    comparisons = [("bereikt", "bereikt tegenover niet bereikt", pl.col("bereikt"), ~pl.col("bereikt"))]
    for level in levels:
        if level != reference["aanpak"]:
            comparisons.append((f"aanpak={level}", f"{level} tegenover {reference['aanpak']}",
                                pl.col("aanpak") == level, pl.col("aanpak") == reference["aanpak"]))
    for term, label, group, ref in comparisons:
        g = used.filter(group)
        r = used.filter(ref)
        enough = min(g.height, r.height) >= min_groep and min(int(g["gebeurtenis"].sum()), int(r["gebeurtenis"].sum())) > 0
        for adjusted, key in ((False, "bereikt" if term == "bereikt" else "aanpak"), (True, "beide")):
            hr = fits.get((adjusted, key), {}).get(term) if enough else None
            rows.append({
                "vergelijking": label, "gecorrigeerd": adjusted,
                "hazard_ratio": hr.hazard_ratio if hr else None, "ondergrens": hr.ondergrens if hr else None,
                "bovengrens": hr.bovengrens if hr else None,
                "n": g.height + r.height, "gebeurtenissen": int(g["gebeurtenis"].sum() + r["gebeurtenis"].sum()),
                "n_groep": g.height, "n_model": used.height, "n_totaal": n_total,
                "te_weinig_gegevens": not enough or hr is None or hr.hazard_ratio is None,
            })
    return rows


def median_month(curve: pl.DataFrame) -> float | None:
    """The first month the curve is at or below one half (as lifelines' median_survival_time_)."""
    below = curve.filter(pl.col("overleving") <= 0.5)
    return None if below.height == 0 else float(below["maand_sinds_melding"].min())


def share_within(curve: pl.DataFrame, months: int) -> float | None:
    """The share with a new melding within `months` months: 1 - S(months)."""
    at = curve.filter(pl.col("maand_sinds_melding") <= months)
    if at.height == 0 or at["maand_sinds_melding"].max() < months:
        return None
    return float(1 - at.sort("maand_sinds_melding")["overleving"][-1])


