"""Key figures of "Vaker erop af?" in plain Dutch, for the terminal (`vroegsignaal effect`) and the report."""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl

from pipeline.effect.survival import median_month, share_within

CAVEAT = ("Let op: dit is waarneming, geen experiment. Intensieve aanpakken gaan naar zwaardere huishoudens; "
          "de gecorrigeerde cijfers houden rekening met waar het beleid op stuurt, maar niet met wat de "
          "gegevens niet kennen (zoals schaamte, ziekte of een nieuwe baan).")


def read_tables(analytics: Path, gemeente: str | None = None) -> dict[str, pl.DataFrame]:
    if not analytics.exists():
        raise FileNotFoundError(f"geen publicatie gevonden: {analytics}")
    con = duckdb.connect(str(analytics), read_only=True)
    try:
        out = {}
        for table in ("herhaling_curve", "herhaling_effect", "bereik_per_poging"):
            frame = con.sql(f'select * from "{table}"').pl()
            out[table] = frame.filter(pl.col("gemeentecode") == gemeente) if gemeente else frame
        return out
    finally:
        con.close()


def curve_summary(curve: pl.DataFrame) -> pl.DataFrame:
    """Per indeling and groep: meldingen, the share with a new melding within 3, 6 and 12 months, the median."""
    rows = []
    for (indeling, groep), part in curve.group_by("indeling", "groep", maintain_order=True):
        part = part.sort("maand_sinds_melding")
        few = bool(part["te_weinig_gegevens"][0])
        rows.append({
            "indeling": indeling, "groep": groep, "meldingen": int(part["meldingen"][0]), "te_weinig_gegevens": few,
            "binnen_3": None if few else share_within(part, 3), "binnen_6": None if few else share_within(part, 6),
            "binnen_12": None if few else share_within(part, 12), "mediaan": None if few else median_month(part),
        })
    schema = {"indeling": pl.String, "groep": pl.String, "meldingen": pl.Int64, "te_weinig_gegevens": pl.Boolean,
              "binnen_3": pl.Float64, "binnen_6": pl.Float64, "binnen_12": pl.Float64, "mediaan": pl.Float64}
    return pl.DataFrame(rows, schema=schema)


def pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.0f}%"


def hr_text(row: dict | None) -> str:
    if row is None or row["te_weinig_gegevens"] or row["hazard_ratio"] is None:
        return "te weinig gegevens"
    return f"{row['hazard_ratio']:.2f} ({row['ondergrens']:.2f}-{row['bovengrens']:.2f})"


def format_effect(tables: dict[str, pl.DataFrame], gemeente: str) -> str:
    curve = tables["herhaling_curve"].filter(pl.col("gemeentecode") == gemeente)
    effect = tables["herhaling_effect"].filter(pl.col("gemeentecode") == gemeente)
    reach = tables["bereik_per_poging"].filter(pl.col("gemeentecode") == gemeente, pl.col("aanpak") == "alle")
    naam = "alle gemeenten samen" if gemeente == "alle" else f"gemeente {gemeente}"
    lines = [f"Vaker erop af? {naam}", "", "Tijd tot de volgende melding op hetzelfde adres (Kaplan-Meier):",
             f"  {'groep':<34}{'meldingen':>10}{'<= 3 mnd':>10}{'<= 6 mnd':>10}{'<= 12 mnd':>11}{'mediaan':>10}"]
    order = {"alle": 0, "bereik": 1, "aanpak": 2, "herhaling": 3}
    summary = curve_summary(curve).filter(pl.col("indeling").is_in(list(order)))
    summary = summary.sort(pl.col("indeling").replace_strict(order, return_dtype=pl.Int32), "groep")
    for row in summary.iter_rows(named=True):
        label = row["groep"] if row["indeling"] == "alle" else f"{row['indeling']}: {row['groep']}"
        if row["te_weinig_gegevens"]:
            lines.append(f"  {label:<34}{row['meldingen']:>10}  te weinig gegevens")
            continue
        median = "-" if row["mediaan"] is None else f"{row['mediaan']:.0f} mnd"
        lines.append(f"  {label:<34}{row['meldingen']:>10}{pct(row['binnen_3']):>10}{pct(row['binnen_6']):>10}"
                     f"{pct(row['binnen_12']):>11}{median:>10}")
    lines.append("  (mediaan -: minder dan de helft kreeg binnen de gevolgde tijd een nieuwe melding)")
    lines += ["", "Hazard ratio van een volgende melding (onder 1: minder snel terug), 95%-interval:",
              f"  {'vergelijking':<36}{'ruw':<26}{'gecorrigeerd':<26}{'meldingen':>10}"]
    for (label,), part in effect.group_by("vergelijking", maintain_order=True):
        raw = next(iter(part.filter(~pl.col("gecorrigeerd")).iter_rows(named=True)), None)
        adj = next(iter(part.filter(pl.col("gecorrigeerd")).iter_rows(named=True)), None)
        lines.append(f"  {label:<36}{hr_text(raw):<26}{hr_text(adj):<26}{(adj or raw)['n']:>10}")
        if adj and adj["n_model"] < adj["n_totaal"]:
            lines.append(f"    (model op een steekproef van {adj['n_model']} van {adj['n_totaal']} meldingen)")
    lines += ["", "De aanhouder wint? Huishoudens zonder eerder contact, bereikt bij de k-de melding met een poging:"]
    for row in reach.iter_rows(named=True):
        if row["te_weinig_gegevens"]:
            lines.append(f"  poging {row['poging']:<3} {row['meldingen']:>8} meldingen: te weinig gegevens")
        else:
            lines.append(f"  poging {row['poging']:<3} {row['meldingen']:>8} meldingen: {pct(row['aandeel_bereikt'])} bereikt "
                         f"({pct(row['ondergrens'])}-{pct(row['bovengrens'])})")
    lines += ["", CAVEAT]
    return "\n".join(lines)
