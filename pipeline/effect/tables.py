"""The three published tables of "Vaker erop af?", built from the warehouse and written back into it
(the publication copies them like every other table). Small tables, replaced whole every run.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

import duckdb
import polars as pl

from pipeline.effect import frame as fr
from pipeline.effect.survival import attempt_sequence, cox_effects, km_curves, reach_by_attempt

TABLES = ("herhaling_curve", "herhaling_effect", "bereik_per_poging")

DESCRIPTIONS = {
    "herhaling_curve": "Time to the next melding at the same address (Kaplan-Meier with a 95% band) per "
    "gemeente and group: reached or not, the aanpak actually used, the recurrence state and the policy's rule; "
    "censored at the last month in the data (a purge keeps the address's pseudonym and ends no follow-up).",
    "herhaling_effect": "Hazard ratios (Cox) of a next melding for being reached and for each planned aanpak, "
    "raw and adjusted for what the policy routes on (meervoudig, opeenvolgend, meldingen_12m, amount band, "
    "creditor types, age band, crisis). Observational: not a trial.",
    "bereik_per_poging": "For households without contact so far: the share reached at the k-th melding with a "
    "contact attempt (k = 1..4, 5+), with a 95% interval, per gemeente and per planned aanpak.",
}

INDELINGEN = {"alle": None, "bereik": "bereik", "aanpak": "aanpak_gebruikt", "herhaling": "herhaling", "regel": "regel"}
CURVE_KEY = ["gemeentecode", "indeling", "groep", "maand_sinds_melding"]


@dataclass(frozen=True)
class EffectConfig:
    """min_groep: below this many meldingen a group shows "te weinig gegevens" (VROEGSIGNAAL_MIN_GROEP);
    max_gemeenten: Cox models per gemeente only up to this many gemeenten, else only the pooled one
    (VROEGSIGNAAL_EFFECT_MAX_GEMEENTEN); cox_rijen: covariate patterns above which the Cox model uses a
    reproducible sample (VROEGSIGNAAL_EFFECT_COX_RIJEN)."""

    min_groep: int = 20
    max_gemeenten: int = 25
    cox_rijen: int = 40_000
    drie_in_jaar: int = 3

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> "EffectConfig":
        env = os.environ if env is None else env
        return cls(
            min_groep=int(env.get("VROEGSIGNAAL_MIN_GROEP", cls.min_groep)),
            max_gemeenten=int(env.get("VROEGSIGNAAL_EFFECT_MAX_GEMEENTEN", cls.max_gemeenten)),
            cox_rijen=int(env.get("VROEGSIGNAAL_EFFECT_COX_RIJEN", cls.cox_rijen)),
            drie_in_jaar=int(env.get("VROEGSIGNAAL_DRIE_IN_JAAR", cls.drie_in_jaar)),
        )


def curve_table(prepared: pl.DataFrame, min_groep: int) -> pl.DataFrame:
    parts = []
    columns = [c for c in INDELINGEN.values() if c]
    counted = prepared.group_by("gemeentecode", *columns, "duur", "gebeurtenis").agg(aantal=pl.len())
    for indeling, column in INDELINGEN.items():
        groep = pl.lit("alle") if column is None else pl.col(column).cast(pl.String).fill_null("onbekend")
        part = counted.select("gemeentecode", indeling=pl.lit(indeling), groep=groep, duur="duur",
                              gebeurtenis="gebeurtenis", aantal="aantal")
        parts.append(part)
        if indeling != "regel":  # rules are a gemeente's own: pooling them over gemeenten means nothing
            parts.append(part.with_columns(gemeentecode=pl.lit("alle")))
    curves = km_curves(pl.concat(parts), ["gemeentecode", "indeling", "groep"])
    small = pl.col("n_groep") < min_groep
    big = curves.filter(~small).with_columns(te_weinig_gegevens=pl.lit(False))
    few = (curves.filter(small).group_by("gemeentecode", "indeling", "groep")
           .agg(pl.col("n_groep").first())
           .with_columns(maand_sinds_melding=pl.lit(0, pl.Int32), te_weinig_gegevens=pl.lit(True)))
    return pl.concat([big, few], how="diagonal_relaxed").select(
        *CURVE_KEY, pl.col("n_groep").alias("meldingen"), "onder_risico", "nieuwe_meldingen", "gecensureerd",
        "overleving", "ondergrens", "bovengrens", "te_weinig_gegevens",
    ).sort(CURVE_KEY)


def effect_table(prepared: pl.DataFrame, config: EffectConfig) -> pl.DataFrame:
    scopes = [("alle", prepared)]
    codes = sorted(prepared["gemeentecode"].unique().to_list())
    if 1 < len(codes) <= config.max_gemeenten:
        scopes += [(c, prepared.filter(pl.col("gemeentecode") == c)) for c in codes]
    rows = [{"gemeentecode": code, **row} for code, part in scopes
            for row in cox_effects(part, min_groep=config.min_groep, max_rows=config.cox_rijen)]
    if len(codes) == 1:  # one gemeente: its figures are those of "alle"
        rows += [{**row, "gemeentecode": codes[0]} for row in rows]
    schema = {"gemeentecode": pl.String, "vergelijking": pl.String, "gecorrigeerd": pl.Boolean,
              "hazard_ratio": pl.Float64, "ondergrens": pl.Float64, "bovengrens": pl.Float64, "n": pl.Int64,
              "gebeurtenissen": pl.Int64, "n_groep": pl.Int64, "n_model": pl.Int64, "n_totaal": pl.Int64,
              "te_weinig_gegevens": pl.Boolean}
    return pl.DataFrame(rows, schema=schema).sort("gemeentecode", "vergelijking", "gecorrigeerd")


def reach_table(meldingen: pl.DataFrame, min_groep: int) -> pl.DataFrame:
    seq = attempt_sequence(meldingen).select("gemeentecode", "aanpak", "poging", "bereikt")
    seq = pl.concat([seq, seq.with_columns(aanpak=pl.lit("alle"))])
    seq = pl.concat([seq, seq.with_columns(gemeentecode=pl.lit("alle"))])
    out = reach_by_attempt(seq, ["gemeentecode", "aanpak"])
    small = pl.col("meldingen") < min_groep
    return out.with_columns(
        aandeel_bereikt=pl.when(~small).then(pl.col("aandeel_bereikt")),
        ondergrens=pl.when(~small).then(pl.col("ondergrens")),
        bovengrens=pl.when(~small).then(pl.col("bovengrens")),
        te_weinig_gegevens=small,
    ).select("gemeentecode", "aanpak", "poging", "meldingen", "bereikt", "aandeel_bereikt", "ondergrens",
             "bovengrens", "te_weinig_gegevens").sort("gemeentecode", "aanpak", "poging")


def build_tables(meldingen: pl.DataFrame, end: dt.date | None, config: EffectConfig | None = None) -> dict[str, pl.DataFrame]:
    """The three tables from one row per melding (frame.MELDINGEN_SQL's columns)."""
    config = config or EffectConfig()
    if end is None or meldingen.height == 0:
        meldingen = meldingen.head(0)
        end = end or dt.date(2000, 1, 1)
    prepared = fr.prepare(meldingen, end, config.drie_in_jaar)
    tables = {
        "herhaling_curve": curve_table(prepared, config.min_groep),
        "herhaling_effect": effect_table(prepared, config),
        "bereik_per_poging": reach_table(meldingen, config.min_groep),
    }
    # the numerical fits agree only to the last bits between runs (summation order): published
    # figures are rounded to 9 decimals, so the same inputs give the same tables, byte for byte
    return {name: table.with_columns(pl.col(pl.Float64).round(9)) for name, table in tables.items()}


def from_warehouse(con: duckdb.DuckDBPyConnection, config: EffectConfig | None = None) -> dict[str, pl.DataFrame]:
    return build_tables(fr.load_meldingen(con), fr.data_end(con), config)


def write_tables(con: duckdb.DuckDBPyConnection, tables: dict[str, pl.DataFrame]) -> dict[str, int]:
    """Replace the three tables in the warehouse, in one transaction."""
    con.execute("begin transaction")
    try:
        for name, table in tables.items():
            con.register("_effect_tabel", table.to_arrow())
            con.execute(f'create or replace table "{name}" as select * from _effect_tabel')
            con.unregister("_effect_tabel")
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    return {name: table.height for name, table in tables.items()}
