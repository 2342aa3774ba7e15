"""Read the published analytics.duckdb (read-only) into small polars frames for the report.

Only the pseudonymised, published tables are read: `monitor_maand`, and when present `monitor`,
`monitor_verdeling` and (as a fallback for the workload per aanpak) `aanpaklijst`. A missing table
or column gives an empty frame or a null column, never an error: the report then says
"nog geen gegevens" in that section."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import polars as pl

GEMEENTECODE = re.compile(r"^[0-9]{4}$")
ALLE = "alle"

NUMERIEK = {
    "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER",
    "UBIGINT", "UHUGEINT", "FLOAT", "REAL", "DOUBLE",
}
NAAM_KOLOMMEN = ("gemeentenaam", "naam")
PERIODE_KOLOMMEN = {"periode_soort", "periode", "periode_label", "maanden"}

VERDELING_SCHEMA = {
    "periode_soort": pl.String, "periode": pl.Date, "gemeentecode": pl.String, "onderwerp": pl.String,
    "categorie": pl.String, "aantal": pl.Float64, "noemer": pl.Float64, "aandeel": pl.Float64,
}
AANPAK_SCHEMA = {"gemeentecode": pl.String, "maand": pl.Date, "aanpak": pl.String, "aantal": pl.Float64}


@dataclass
class Analytics:
    """Everything the report needs, loaded once for all gemeenten."""

    maanden: pl.DataFrame  # one row per gemeentecode x maand (monitor_maand plus monitor's month columns)
    jaren: pl.DataFrame  # monitor rows with periode_soort 'jaar', with an extra column `jaar`
    verdeling: pl.DataFrame  # monitor_verdeling (long)
    aanpak: pl.DataFrame  # gemeentecode, maand, aanpak, aantal
    namen: dict[str, str] = field(default_factory=dict)
    tabellen: tuple[str, ...] = ()
    herhaling: dict[str, pl.DataFrame] = field(default_factory=dict)  # Vaker erop af? (pipeline.effect)

    @property
    def gemeentecodes(self) -> list[str]:
        if self.maanden.is_empty():
            return []
        codes = self.maanden.get_column("gemeentecode").unique().to_list()
        return sorted(c for c in codes if c is not None and GEMEENTECODE.match(c))

    def gemeente(self, code: str) -> "GemeenteData":
        def filter_(frame: pl.DataFrame) -> pl.DataFrame:
            if frame.is_empty():
                return frame
            return frame.filter(pl.col("gemeentecode") == code)

        return GemeenteData(
            code=code,
            naam=self.namen.get(code),
            maanden=filter_(self.maanden).sort("maand"),
            jaren=filter_(self.jaren),
            verdeling=filter_(self.verdeling),
            aanpak=filter_(self.aanpak),
            tabellen=self.tabellen,
            **{k: filter_(v) for k, v in self.herhaling.items()},
        )


@dataclass
class GemeenteData:
    code: str  # four digits, or 'alle'
    naam: str | None
    maanden: pl.DataFrame
    jaren: pl.DataFrame
    verdeling: pl.DataFrame
    aanpak: pl.DataFrame
    tabellen: tuple[str, ...] = ()
    herhaling_curve: pl.DataFrame = field(default_factory=pl.DataFrame)
    herhaling_effect: pl.DataFrame = field(default_factory=pl.DataFrame)
    bereik_per_poging: pl.DataFrame = field(default_factory=pl.DataFrame)

    @property
    def is_alle(self) -> bool:
        return self.code == ALLE

    @property
    def titel(self) -> str:
        if self.is_alle:
            return "Alle gemeenten samen"
        return f"Gemeente {self.naam}" if self.naam else f"Gemeente {self.code}"

    def kolom(self, naam: str) -> pl.Series | None:
        """A monthly column, or None when absent or entirely null."""
        if naam not in self.maanden.columns:
            return None
        reeks = self.maanden.get_column(naam)
        return None if reeks.null_count() == len(reeks) else reeks


def _kolommen(con: duckdb.DuckDBPyConnection, tabel: str) -> list[tuple[str, str]]:
    return con.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_name = ? and table_schema = 'main' order by ordinal_position",
        [tabel],
    ).fetchall()


def _quote(naam: str) -> str:
    return '"' + naam.replace('"', '""') + '"'


def _lees(con: duckdb.DuckDBPyConnection, tabel: str, where: str = "", order: str = "") -> pl.DataFrame | None:
    """A whole table with every numeric column as DOUBLE (HUGEINT counts would become Decimals);
    None when the table does not exist."""
    kolommen = _kolommen(con, tabel)
    if not kolommen:
        return None
    delen = []
    for naam, soort in kolommen:
        if soort.upper() in NUMERIEK or soort.upper().startswith("DECIMAL"):
            delen.append(f"{_quote(naam)}::DOUBLE as {_quote(naam)}")
        else:
            delen.append(_quote(naam))
    sql = f"select {', '.join(delen)} from {_quote(tabel)} {where} {order}"
    return con.sql(sql).pl()


def _heeft(frame: pl.DataFrame | None, *kolommen: str) -> bool:
    return frame is not None and all(k in frame.columns for k in kolommen)


def _maanden(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    basis = _lees(con, "monitor_maand")
    monitor = _lees(con, "monitor")
    maand_rijen = None
    if _heeft(monitor, "periode_soort", "periode", "gemeentecode"):
        maand_rijen = monitor.filter(pl.col("periode_soort") == "maand").rename({"periode": "maand"})
        if "signalen_per_1000_inwoners_per_maand" in maand_rijen.columns:
            maand_rijen = maand_rijen.rename(
                {"signalen_per_1000_inwoners_per_maand": "signalen_per_1000_inwoners"}, strict=False
            )
        if "meldingen_per_1000_inwoners_per_maand" in maand_rijen.columns:
            maand_rijen = maand_rijen.rename(
                {"meldingen_per_1000_inwoners_per_maand": "meldingen_per_1000_inwoners"}, strict=False
            )
        maand_rijen = maand_rijen.drop([k for k in PERIODE_KOLOMMEN if k in maand_rijen.columns])
    if not _heeft(basis, "gemeentecode", "maand"):
        basis = maand_rijen
        maand_rijen = None
    if basis is None:
        return pl.DataFrame(schema={"gemeentecode": pl.String, "maand": pl.Date})
    basis = basis.with_columns(pl.col("maand").cast(pl.Date))
    if maand_rijen is not None:
        extra = [k for k in maand_rijen.columns if k not in basis.columns]
        if extra:
            rechts = maand_rijen.select(["gemeentecode", pl.col("maand").cast(pl.Date), *extra])
            basis = basis.join(rechts, on=["gemeentecode", "maand"], how="left")
    return basis.sort(["gemeentecode", "maand"])


def _jaren(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    monitor = _lees(con, "monitor")
    if not _heeft(monitor, "periode_soort", "periode", "gemeentecode"):
        return pl.DataFrame(schema={"gemeentecode": pl.String, "jaar": pl.Int32})
    jaren = monitor.filter(pl.col("periode_soort") == "jaar")
    if "maanden" in jaren.columns:
        jaren = jaren.filter(pl.col("maanden").is_null() | (pl.col("maanden") >= 12))
    jaren = jaren.with_columns(pl.col("periode").cast(pl.Date).dt.year().alias("jaar"))
    return jaren.sort(["gemeentecode", "jaar"])


def _verdeling(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    frame = _lees(con, "monitor_verdeling")
    if not _heeft(frame, *VERDELING_SCHEMA):
        return pl.DataFrame(schema=VERDELING_SCHEMA)
    frame = frame.select([pl.col(k).cast(t) for k, t in VERDELING_SCHEMA.items()])
    return frame.sort(["gemeentecode", "onderwerp", "periode_soort", "periode", "categorie"], nulls_last=True)


def _aanpak(con: duckdb.DuckDBPyConnection, verdeling: pl.DataFrame) -> pl.DataFrame:
    uit_verdeling = verdeling.filter(
        (pl.col("onderwerp") == "aanpak") & (pl.col("periode_soort") == "maand") & pl.col("categorie").is_not_null()
    )
    if not uit_verdeling.is_empty():
        return uit_verdeling.select(
            "gemeentecode", pl.col("periode").alias("maand"), pl.col("categorie").alias("aanpak"), "aantal"
        ).sort(["gemeentecode", "maand", "aanpak"])
    kolommen = {naam for naam, _ in _kolommen(con, "aanpaklijst")}
    if not {"gemeentecode", "maand", "aanpak"} <= kolommen:
        return pl.DataFrame(schema=AANPAK_SCHEMA)
    sql = """
        with per_gemeente as (
            select gemeentecode, cast(maand as date) as maand, aanpak, count(*)::DOUBLE as aantal
            from aanpaklijst
            where aanpak is not null
            group by all
        )
        select * from per_gemeente
        union all
        select 'alle' as gemeentecode, maand, aanpak, sum(aantal) as aantal
        from per_gemeente
        group by all
        order by gemeentecode, maand, aanpak
    """
    return con.sql(sql).pl().select([pl.col(k).cast(t) for k, t in AANPAK_SCHEMA.items()])


def _namen(maanden: pl.DataFrame) -> dict[str, str]:
    for kolom in NAAM_KOLOMMEN:
        if kolom in maanden.columns:
            paren = maanden.select("gemeentecode", kolom).drop_nulls().unique().sort("gemeentecode")
            return {code: str(naam) for code, naam in paren.iter_rows()}
    return {}


def _herhaling(con: duckdb.DuckDBPyConnection, tabellen: tuple[str, ...]) -> dict[str, pl.DataFrame]:
    """The tables of "Vaker erop af?" as published (empty frames when absent)."""
    namen = ("herhaling_curve", "herhaling_effect", "bereik_per_poging")
    return {n: con.sql(f"select * from {_quote(n)}").pl() if n in tabellen else pl.DataFrame() for n in namen}


def laad(analytics: Path) -> Analytics:
    """Load the report's inputs from analytics.duckdb, opened read-only, and close it again."""
    con = duckdb.connect(str(analytics), read_only=True)
    try:
        tabellen = tuple(
            sorted(r[0] for r in con.execute(
                "select table_name from information_schema.tables where table_schema = 'main'"
            ).fetchall())
        )
        maanden = _maanden(con)
        verdeling = _verdeling(con)
        return Analytics(
            maanden=maanden,
            jaren=_jaren(con),
            verdeling=verdeling,
            aanpak=_aanpak(con, verdeling),
            namen=_namen(maanden),
            tabellen=tabellen,
            herhaling=_herhaling(con, tabellen),
        )
    finally:
        con.close()
