"""A small analytics.duckdb built by hand: monitor_maand, monitor and monitor_verdeling with
deterministic made-up numbers (no real data), for the report tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import polars as pl

GEMEENTEN = {"0546": 130_000, "1586": 29_700}
AANPAKKEN = ("huisbezoek", "telefoon", "mail", "brief", "geen")
CONTACTSOORTEN = ("Telefoon", "Huisbezoek", "Brief", "SMS/Whatsapp")
RESULTATEN = ("Definitief geen contact kunnen krijgen", "(Budget)advies en/of quick fix", "Inwoner regelt het zelf")


def maanden(start: date, aantal: int) -> list[date]:
    uit = []
    for i in range(aantal):
        totaal = start.year * 12 + start.month - 1 + i
        uit.append(date(totaal // 12, totaal % 12 + 1, 1))
    return uit


def _maand_rij(code: str, inwoners: int, m: date, i: int) -> dict:
    signalen = round(inwoners / 1000 * (4.2 + (i * 7 % 5) / 10))
    meldingen = round(signalen * 0.8)
    return {
        "gemeentecode": code, "maand": m, "inwoners": inwoners, "aantal_signalen": signalen,
        "signalen_per_1000_inwoners": round(signalen * 1000 / inwoners, 4), "aandeel_opgepakt": 0.82 + (i % 3) / 100,
        "aandeel_energie": 0.2, "aandeel_huur": 0.2, "aandeel_water": 0.15, "aandeel_zorg": 0.42 + (i % 2) / 100,
        "aandeel_overige": 0.03 - (i % 2) / 100, "aantal_meldingen": meldingen,
        "meldingen_per_1000_inwoners": round(meldingen * 1000 / inwoners, 4),
        "aandeel_enkelvoudig": 0.5, "aandeel_meervoudig": 0.11, "aandeel_opeenvolgend": min(0.43, 0.08 * i),
        "aandeel_drie_in_jaar": 0.1, "aantal_enkelvoudig": round(meldingen * 0.5),
        "aantal_meervoudig": round(meldingen * 0.11), "aantal_opeenvolgend": round(meldingen * min(0.43, 0.08 * i)),
        "aantal_drie_in_jaar": round(meldingen * 0.1),
    }


def _monitor_extra(i: int) -> dict:
    return {
        "aandeel_crisis_van_energie": 0.24, "aandeel_met_contactpoging": 0.9, "aandeel_bereikt": 0.21 - (i % 4) / 100,
        "aandeel_bereikt_bij_1_2_pogingen": 0.15, "aandeel_bereikt_bij_3_pogingen": 0.25,
        "aandeel_bereikt_bij_4_of_meer_pogingen": 0.35, "aandeel_hulp_van_bereikt": 0.33,
        "aandeel_hulp_van_meldingen": 0.07, "aandeel_eindelevering_zonder_eerder_signaal": 0.55,
        "aandeel_opeenvolgend_vorige_zonder_contact": 0.6, "aandeel_signalen_met_telefoon": 0.4,
        "aandeel_signalen_met_email": 0.3, "aandeel_meldingen_met_telefoon": 0.45, "aandeel_meldingen_met_email": 0.35,
    }


def _met_alle(rijen: list[dict]) -> list[dict]:
    """Add the pooled 'alle' rows (sums of counts; shares weighted by the counts)."""
    uit = list(rijen)
    per_maand: dict[date, list[dict]] = {}
    for r in rijen:
        per_maand.setdefault(r["maand"], []).append(r)
    for m, groep in sorted(per_maand.items()):
        som = {k: sum(r[k] for r in groep) for k in groep[0] if k.startswith("aantal_") or k == "inwoners"}
        alle = {"gemeentecode": "alle", "maand": m, **som}
        for k in groep[0]:
            if k.startswith("aandeel_"):
                gewicht = "aantal_signalen" if k in ("aandeel_opgepakt", "aandeel_energie", "aandeel_huur", "aandeel_water",
                                                     "aandeel_zorg", "aandeel_overige") else "aantal_meldingen"
                alle[k] = sum(r[k] * r[gewicht] for r in groep) / som[gewicht]
        alle["signalen_per_1000_inwoners"] = round(som["aantal_signalen"] * 1000 / som["inwoners"], 4)
        alle["meldingen_per_1000_inwoners"] = round(som["aantal_meldingen"] * 1000 / som["inwoners"], 4)
        uit.append(alle)
    return uit


def maak_analytics(
    pad: Path, *, alleen_monitor_maand: bool = False, start: date = date(2023, 1, 1), aantal_maanden: int = 24,
) -> Path:
    reeks = maanden(start, aantal_maanden)
    basis = [_maand_rij(code, inw, m, i) for code, inw in GEMEENTEN.items() for i, m in enumerate(reeks)]
    maand_rijen = _met_alle(basis)
    con = duckdb.connect(str(pad))
    try:
        monitor_maand = pl.DataFrame(maand_rijen).with_columns(pl.col("^aantal_.*$").cast(pl.Int64))
        con.register("mm", monitor_maand)
        con.execute("create table monitor_maand as select * from mm order by gemeentecode, maand")
        if not alleen_monitor_maand:
            _monitor(con, maand_rijen, reeks)
            _verdeling(con, reeks)
        con.execute("create table aanpaklijst (melding_id varchar, gemeentecode varchar, maand date, aanpak varchar)")
        for code in GEMEENTEN:
            for i, m in enumerate(reeks[-3:]):
                for j, a in enumerate(AANPAKKEN):
                    for k in range(1 + (i + j) % 3):
                        con.execute("insert into aanpaklijst values (?, ?, ?, ?)", [f"{code}-{m:%Y%m}-{j}{k}", code, m, a])
        if not alleen_monitor_maand:
            _herhaling(con)
    finally:
        con.close()
    return pad


def _herhaling(con: duckdb.DuckDBPyConnection) -> None:
    """The tables of "Vaker erop af?" from the planted synthetic world (seeded, small)."""
    from pipeline.effect.tables import EffectConfig, build_tables
    from pipeline.synthetic.effect import planted_meldingen

    meldingen, eind = planted_meldingen(households=1500, months=24, gemeenten=tuple(GEMEENTEN), start="2023-01", seed=5)
    for naam, tabel in build_tables(meldingen, eind, EffectConfig()).items():
        con.register("t", tabel)
        con.execute(f"create table {naam} as select * from t")
        con.unregister("t")


def _monitor(con: duckdb.DuckDBPyConnection, maand_rijen: list[dict], reeks: list[date]) -> None:
    rijen = []
    for r in maand_rijen:
        i = reeks.index(r["maand"])
        rijen.append({
            "periode_soort": "maand", "periode": r["maand"], "periode_label": f"{r['maand']:%Y-%m}",
            "gemeentecode": r["gemeentecode"], "maanden": 1, "inwoners": r["inwoners"],
            "aantal_signalen": r["aantal_signalen"], "signalen_per_1000_inwoners_per_maand": r["signalen_per_1000_inwoners"],
            "aandeel_opgepakt": r["aandeel_opgepakt"], "aantal_meldingen": r["aantal_meldingen"],
            "aandeel_opeenvolgend": r["aandeel_opeenvolgend"], "aandeel_meervoudig": r["aandeel_meervoudig"],
            **_monitor_extra(i),
        })
    for jaar in sorted({m.year for m in reeks}):
        if sum(m.year == jaar for m in reeks) < 12:
            continue
        for code in [*GEMEENTEN, "alle"]:
            rijen.append({
                "periode_soort": "jaar", "periode": date(jaar, 1, 1), "periode_label": str(jaar),
                "gemeentecode": code, "maanden": 12, "inwoners": 0, "aantal_signalen": 0,
                "signalen_per_1000_inwoners_per_maand": 4.5, "aandeel_opgepakt": 0.83, "aantal_meldingen": 0,
                "aandeel_opeenvolgend": 0.432, "aandeel_meervoudig": 0.11, **_monitor_extra(0),
            })
    con.register("mon", pl.DataFrame(rijen))
    con.execute("create table monitor as select * from mon")


def _verdeling(con: duckdb.DuckDBPyConnection, reeks: list[date]) -> None:
    rijen = []
    for code in [*GEMEENTEN, "alle"]:
        for i, m in enumerate(reeks):
            def rij(onderwerp: str, categorie: str, aantal: int, noemer: int) -> dict:
                return {"periode_soort": "maand", "periode": m, "periode_label": f"{m:%Y-%m}", "gemeentecode": code,
                        "onderwerp": onderwerp, "categorie": categorie, "aantal": aantal, "noemer": noemer,
                        "aandeel": aantal / noemer}
            for j, a in enumerate(AANPAKKEN):
                rijen.append(rij("aanpak", a, 20 + 7 * j + i % 5, 200))
            for j, s in enumerate(CONTACTSOORTEN):
                rijen.append(rij("contactsoort_bereik", s, 10 + 10 * (3 - j), 100))
            for j, s in enumerate(RESULTATEN):
                rijen.append(rij("resultaat", s, 30 - 8 * j, 100))
            for j, s in enumerate(("1", "2", "3", "6 of meer")):
                rijen.append(rij("aaneengesloten_maanden", s, 50 - 12 * j, 100))
            for j, s in enumerate(("Zorg", "Energie", "Huur", "Water")):
                rijen.append(rij("telefoon_per_signaalpartner", s, 60 - 10 * j, 100))
    con.register("ver", pl.DataFrame(rijen))
    con.execute("create table monitor_verdeling as select * from ver")
