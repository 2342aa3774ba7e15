"""One row per melding with what the analysis needs: the groups, the adjusters, and the months to
the next melding at the same address (the event) or to the end of follow-up (censoring).

Follow-up ends at the last month in the data. A melding in the last month has no follow-up and is
left out. Only facts a purge keeps are read (the published meldingen and decisions, the contact
attempts, the kept pseudonym `adres_sleutel`): a purge does not end an address's follow-up, so it
changes none of the figures (issue #13).
"""

from __future__ import annotations

import datetime as dt

import duckdb
import polars as pl

#: DDAS contactsoort of the first successful attempt -> the aanpak vocabulary of the policies
SOORT_AANPAK = {"Huisbezoek": "huisbezoek", "Afspraak op locatie": "huisbezoek", "Telefoon": "telefoon",
                "SMS/Whatsapp": "sms_whatsapp", "Mail": "mail", "Brief": "brief", "Kaartje": "brief"}

#: The warehouse tables read, per melding. `bereikt`: any attempt on the melding reached the resident.
MELDINGEN_SQL = """
with pogingen as (
    select
        melding_id,
        count(*) as pogingen,
        coalesce(bool_or(bereikt), false) as bereikt,
        arg_min(soort, (contactdatum, rij)) filter (where bereikt) as soort_bereikt,
    from int_contactpogingen
    group by melding_id
)
select
    m.melding_id, m.gemeentecode, m.adres_sleutel, m.maand,
    m.is_meervoudig, m.is_opeenvolgend, m.meldingen_12m, m.eerdere_meldingen, m.totaal_bedrag,
    m.signaalpartner_types, m.leeftijdsklasse, m.is_crisis,
    coalesce(a.aanpak, 'geen') as aanpak, coalesce(a.regel, 'onbekend') as regel,
    coalesce(p.pogingen, 0) as pogingen, coalesce(p.bereikt, false) as bereikt, p.soort_bereikt,
from meldingen as m
left join aanpaklijst as a using (melding_id)
left join pogingen as p using (melding_id)
"""


def load_meldingen(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    return con.sql(MELDINGEN_SQL).pl()


def data_end(con: duckdb.DuckDBPyConnection) -> dt.date | None:
    """The last month in the data: the latest signal month."""
    return con.execute("select max(maand) from signalen").fetchall()[0][0]


def _month_index(col: str) -> pl.Expr:
    return pl.col(col).dt.year().cast(pl.Int32) * 12 + pl.col(col).dt.month().cast(pl.Int32) - 1


def herhaling_state(drie_in_jaar: int = 3) -> pl.Expr:
    return (
        pl.when(pl.col("meldingen_12m") >= drie_in_jaar).then(pl.lit("drie in een jaar"))
        .when(pl.col("is_opeenvolgend")).then(pl.lit("opeenvolgend"))
        .when(pl.col("eerdere_meldingen") == 0).then(pl.lit("eerste melding"))
        .otherwise(pl.lit("eerder gemeld"))
    )


def prepare(meldingen: pl.DataFrame, end: dt.date, drie_in_jaar: int = 3) -> pl.DataFrame:
    """Add `duur` (months to the next melding or to the end of follow-up), `gebeurtenis`
    (a next melding within follow-up), the groups (`bereik`, `aanpak_gebruikt`, `herhaling`) and
    the adjusters' bands. Meldingen without follow-up (duur 0) are dropped."""
    end_index = end.year * 12 + end.month - 1
    frame = (
        meldingen.sort("gemeentecode", "adres_sleutel", "maand")
        .with_columns(_m=_month_index("maand"))
        .with_columns(_volgende=pl.col("_m").shift(-1).over("gemeentecode", "adres_sleutel"))
        .with_columns(_einde=pl.lit(end_index))
        .with_columns(gebeurtenis=pl.col("_volgende").is_not_null() & (pl.col("_volgende") <= pl.col("_einde")))
        .with_columns(duur=pl.when(pl.col("gebeurtenis")).then(pl.col("_volgende") - pl.col("_m"))
                      .otherwise(pl.col("_einde") - pl.col("_m")).cast(pl.Int32))
        .filter(pl.col("duur") > 0)
    )
    types = pl.col("signaalpartner_types")
    return frame.with_columns(
        bereik=pl.when(pl.col("bereikt")).then(pl.lit("bereikt")).otherwise(pl.lit("niet bereikt")),
        aanpak_gebruikt=pl.col("soort_bereikt").replace_strict(SOORT_AANPAK, default=None).fill_null(pl.col("aanpak")),
        herhaling=herhaling_state(drie_in_jaar),
        m12=pl.col("meldingen_12m").clip(1, 3),
        bedragklasse=pl.when(pl.col("totaal_bedrag") < 500).then(pl.lit("< 500"))
        .when(pl.col("totaal_bedrag") < 1500).then(pl.lit("500-1500")).otherwise(pl.lit(">= 1500")),
        zorg=types.list.contains("Zorg"), huur=types.list.contains("Huur"),
        energie=types.list.contains("Energie"), water=types.list.contains("Water"),
    ).drop("_m", "_volgende", "_einde")
