"""Retention: delete personal data past the gemeente's retention period, keep the statistics.

A purged signal row loses its personal fields (address, BSN, birth date, name, phone, e-mail,
klantnummer, and the normalised address `adres`) and gets `opgeschoond_op`; the columns computed
when it was ingested (pseudonyms, content hash, phone/e-mail known, age) stay, so recurrence
windows, duplicate detection and every figure still count it as before. Its month folder is marked so that a later run does not
read the personal data back in from the landing folder.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import polars as pl

from pipeline.ingest.landing import CHANGES_DDL
from pipeline.policy import PolicySet

PERSONAL_SIGNAL_FIELDS = (
    "postcode", "huisnummer", "huisletter", "huisnummertoevoeging", "klantnummer", "bsn", "geboortedatum", "geslacht",
    "voorletters", "tussenvoegsel", "achternaam", "straat", "woonplaats", "telefoonnummer", "email", "adres",
)

#: DDAS results that mean the resident accepted help.
HULP_RESULTATEN = (
    "(Budget)advies en/of quick fix",
    "Vervolghulp en/of verwijzing",
    "Vervolghulp en/of verwijzing financieel",
    "Vervolghulp en/of verwijzing niet financieel",
    "Verwijzing zonder tussenkomst inwoner",
)

PURGED_MONTHS_DDL = {"opgeschoonde_maanden": "soort varchar, partitie date, opgeschoond_op date"}


@dataclass
class PurgeReport:
    peildatum: dt.date
    signalen: int = 0
    per_gemeente: dict[str, int] = field(default_factory=dict)
    maanden: list[str] = field(default_factory=list)
    exports: list[str] = field(default_factory=list)
    ddas: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"Opschonen met peildatum {self.peildatum}: {self.signalen} signaalrijen ontdaan van persoonsgegevens."]
        for code, n in sorted(self.per_gemeente.items()):
            out.append(f"  gemeente {code}: {n} rijen")
        if self.maanden:
            out.append(f"  maanden die niet opnieuw uit de landing worden ingelezen: {', '.join(self.maanden)}")
        if self.exports:
            out.append(f"  verwijderde werkvoorraadbestanden: {len(self.exports)}")
        if self.ddas:
            out.append(f"  verwijderde DDAS-leveringen: {len(self.ddas)} ({', '.join(self.ddas)})")
        out.append("  Cijfers en besluiten blijven zoals gepubliceerd: opname en aanpak per melding zijn bewaarde "
                   "besluiten, en terugkeer (opeenvolgend) telt de opgeschoonde rijen nog mee.")
        return out


def month_start(day: dt.date, months_back: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - months_back
    return dt.date(index // 12, index % 12 + 1, 1)


def retention_limits(con: duckdb.DuckDBPyConnection, policies: PolicySet, peildatum: dt.date, category: str) -> pl.DataFrame:
    """Per gemeente in the warehouse: the first month that is kept (older months are purged)."""
    codes = [r[0] for r in con.execute("select distinct gemeentecode from raw_signalen where gemeentecode is not null").fetchall()]
    rows = []
    for code in sorted(codes):
        months = policies.for_gemeente(code).retentie.get(category)
        if months is not None:
            rows.append({"gemeentecode": code, "grens": month_start(peildatum, int(months))})
    return pl.DataFrame(rows, schema={"gemeentecode": pl.Utf8, "grens": pl.Date})


def purge(con: duckdb.DuckDBPyConnection, policies: PolicySet, peildatum: dt.date) -> PurgeReport:
    """Purge personal fields of signals without help older than the retention period.

    Needs the models built (stg_signalen, int_signalen, int_contactpogingen)."""
    for table, ddl in PURGED_MONTHS_DDL.items():
        con.execute(f"create table if not exists {table} ({ddl})")
    report = PurgeReport(peildatum)
    limits = retention_limits(con, policies, peildatum, "signalen_zonder_hulp")  # noqa: F841 (read below)
    con.execute("begin transaction")
    try:
        con.execute(
            f"""
            create or replace temp table te_schonen as
            select stg.partitie, stg.bestand, stg.rij, stg.gemeentecode
            from stg_signalen as stg
            inner join limits using (gemeentecode)
            left join int_signalen as sig using (signaal_id)
            where stg.opgeschoond_op is null
              and stg.maand < limits.grens
              and not exists (
                  select 1 from int_contactpogingen as cp
                  where cp.melding_id = sig.kandidaat_melding_id
                    and cp.resultaat in ({", ".join("?" for _ in HULP_RESULTATEN)})
              )
            """,
            list(HULP_RESULTATEN),
        )
        nulls = ", ".join(f"{name} = null" for name in PERSONAL_SIGNAL_FIELDS)
        con.execute(
            f"""
            update raw_signalen as r set
                opgeschoond_op = ?,
                {nulls}
            from te_schonen as t
            where r.partitie = t.partitie and r.bestand = t.bestand and r.rij = t.rij
            """,
            [peildatum],
        )
        for code, n in con.execute("select gemeentecode, count(*) from te_schonen group by 1").fetchall():
            report.per_gemeente[code] = n
        report.signalen = sum(report.per_gemeente.values())
        months = [r[0] for r in con.execute("select distinct partitie from te_schonen order by 1").fetchall()]
        for month in months:
            con.execute("delete from opgeschoonde_maanden where soort = 'signalen' and partitie = ?", [month])
            con.execute("insert into opgeschoonde_maanden values ('signalen', ?, ?)", [month, peildatum])
        report.maanden = [m.strftime("%Y-%m") for m in months]
        # the models still hold copies of the purged fields: the next build replaces those months
        con.execute(CHANGES_DDL)
        con.execute(
            "insert into run_wijzigingen select 'opgeschoond', null, min(r.maand), false "
            "from raw_signalen as r semi join te_schonen as t using (partitie, bestand, rij) having count(*) > 0"
        )
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    return report


def purge_exports(exports_dir: Path, limits: pl.DataFrame, report: PurgeReport) -> None:
    """Delete caseworker exports of months before each gemeente's retention limit."""
    for row in limits.iter_rows(named=True):
        folder = exports_dir / row["gemeentecode"]
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            stem_month = path.stem.rsplit("_", 1)[-1]
            try:
                month = dt.datetime.strptime(stem_month, "%Y-%m").date()
            except ValueError:
                continue
            if month < row["grens"]:
                path.unlink()
                report.exports.append(path.name)


def purged_months(con: duckdb.DuckDBPyConnection, soort: str) -> set[dt.date]:
    exists = con.execute(
        "select count(*) from information_schema.tables where table_name = 'opgeschoonde_maanden'"
    ).fetchall()[0][0]
    if not exists:
        return set()
    return {r[0] for r in con.execute("select partitie from opgeschoonde_maanden where soort = ?", [soort]).fetchall()}


# --------------------------------------------------------------------------- #
# Personal outputs of purged periods (DDAS, werkvoorraad): not built, and removed by the purge.
# --------------------------------------------------------------------------- #

PURGED_MESSAGE = "persoonsgegevens verwijderd door opschonen"


def purged_gemeenten(con: duckdb.DuckDBPyConnection, van: dt.date, tot: dt.date) -> set[str]:
    """Gemeenten with a purged signal row whose signal month lies in van..tot (months): their
    personal outputs of that period (DDAS, werkvoorraad) can no longer be built."""
    rows = con.execute(
        "select distinct gemeentecode from raw_signalen where opgeschoond_op is not null "
        "and date_trunc('month', signaaldatum) between ? and ?",
        [van.replace(day=1), tot.replace(day=1)],
    ).fetchall()
    return {r[0] for r in rows}


def gemeenten_in(con: duckdb.DuckDBPyConnection, van: dt.date, tot: dt.date) -> set[str]:
    rows = con.execute(
        "select distinct gemeentecode from raw_signalen where date_trunc('month', signaaldatum) between ? and ?",
        [van.replace(day=1), tot.replace(day=1)],
    ).fetchall()
    return {r[0] for r in rows if r[0] is not None}


def quarter_label(van: dt.date) -> str:
    return f"{van.year}-K{(van.month - 1) // 3 + 1}"


def skipped_line(what: str, skipped: set[str], present: set[str], geen: str) -> str | None:
    """'DDAS 2024-K1: persoonsgegevens verwijderd door opschonen, geen levering' (+ which gemeenten
    when not all of them); None when nothing is skipped."""
    if not skipped:
        return None
    which = "" if present <= skipped else f" voor gemeente {', '.join(sorted(skipped))}"
    return f"{what}: {PURGED_MESSAGE}, {geen}{which}"


def purge_ddas(con: duckdb.DuckDBPyConnection, ddas_dir: Path, report: PurgeReport) -> None:
    """Delete DDAS deliveries (ddas_<gemeente>_<van>_<tot>.json) whose period holds purged rows of
    their gemeente: the delivery cannot be rebuilt and its personal data must go too."""
    if not ddas_dir.is_dir():
        return
    for path in sorted(ddas_dir.glob("ddas_*.json")):
        parts = path.stem.split("_")
        if len(parts) != 4:
            continue
        try:
            van = dt.datetime.strptime(parts[2], "%Y-%m").date()
            tot = dt.datetime.strptime(parts[3], "%Y-%m").date()
        except ValueError:
            continue
        if parts[1] in purged_gemeenten(con, van, tot):
            path.unlink()
            report.ddas.append(path.name)
