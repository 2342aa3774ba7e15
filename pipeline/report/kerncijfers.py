"""Headline figures over a period: from the monitor's own year row when there is one, else pooled
from the month rows (sum of numerator over sum of denominator)."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from pipeline.report.data import GemeenteData
from pipeline.report.landelijk import Referentie, referentie_voor
from pipeline.report.text import Periode, ontbreekt

SIGNAALPARTNER_TYPES = (
    "zorg", "huur", "energie", "water", "cak_zorgverzekeringen", "cak_eigen_bijdrage", "belastingdienst",
    "dienst_toeslagen", "duo", "hypotheek", "overige",
)


def _noemer(kolom: str, kolommen: list[str]) -> pl.Expr:
    """The denominator behind a monthly share (as sql/marts/monitor.sql defines it), as a polars
    expression: its own count where the table has it, else reconstructed from counts and shares.
    Shares not named here are over the month's meldingen."""

    def aantal_of(naam: str, anders: pl.Expr) -> pl.Expr:
        return pl.col(naam) if naam in kolommen else anders

    def aandeel(naam: str) -> pl.Expr:
        return pl.col(naam) if naam in kolommen else pl.lit(None, dtype=pl.Float64)

    signalen = pl.col("aantal_signalen")
    meldingen = pl.col("aantal_meldingen")
    energie = aantal_of("aantal_energie", aandeel("aandeel_energie") * signalen)
    opeenvolgend = aantal_of("aantal_opeenvolgend", aandeel("aandeel_opeenvolgend") * meldingen)
    if kolom == "aandeel_opgepakt" or kolom.startswith("aandeel_signalen_"):
        return signalen
    if kolom.startswith("aandeel_niet_opgepakt_"):
        return aantal_of("aantal_niet_opgepakt", (1 - aandeel("aandeel_opgepakt")) * signalen)
    if kolom.removeprefix("aandeel_") in SIGNAALPARTNER_TYPES or kolom == "aandeel_overige_types":
        return signalen
    if kolom == "aandeel_crisis_van_energie":
        return energie
    if kolom == "aandeel_eindelevering_zonder_eerder_signaal":
        return aantal_of("aantal_eindelevering", aandeel("aandeel_crisis_van_energie") * energie)
    if kolom == "aandeel_hulp_van_bereikt":
        return aantal_of("aantal_bereikt", aandeel("aandeel_bereikt") * meldingen)
    if kolom == "aandeel_opeenvolgend_vorige_zonder_contact":
        return opeenvolgend
    if kolom.startswith("aandeel_bereikt_bij_"):
        groep = kolom.removeprefix("aandeel_bereikt_bij_")  # 1_2_pogingen, 3_pogingen, 4_of_meer_pogingen
        met_poging = aantal_of("aantal_met_contactpoging", aandeel("aandeel_met_contactpoging") * meldingen)
        return aantal_of(f"aantal_met_{groep}", met_poging)
    return meldingen


def maanden_in(data: GemeenteData, periode: Periode) -> pl.DataFrame:
    if data.maanden.is_empty():
        return data.maanden
    return data.maanden.filter(pl.col("maand").is_between(periode.start, periode.eind))


def uit_maanden(rijen: pl.DataFrame, kolom: str) -> float | None:
    """A period figure pooled from month rows."""
    if rijen.is_empty():
        return None
    if kolom in ("signalen_per_1000", "meldingen_per_1000"):
        teller = "aantal_signalen" if kolom == "signalen_per_1000" else "aantal_meldingen"
        if teller not in rijen.columns or "inwoners" not in rijen.columns:
            return None
        geldig = rijen.filter(pl.col(teller).is_not_null() & (pl.col("inwoners") > 0))
        inwoners = geldig.get_column("inwoners").sum()
        return None if not inwoners else float(geldig.get_column(teller).sum()) * 1000.0 / float(inwoners)
    if kolom.startswith("aantal_"):
        if kolom not in rijen.columns or rijen.get_column(kolom).null_count() == len(rijen):
            return None
        return float(rijen.get_column(kolom).sum())
    if kolom not in rijen.columns:
        return None
    try:
        noemer = _noemer(kolom, rijen.columns)
        samen = rijen.select((pl.col(kolom) * noemer).alias("t"), noemer.alias("n")).drop_nulls()
    except pl.exceptions.PolarsError:
        return None
    n = samen.get_column("n").sum()
    if samen.is_empty() or not n:
        return None
    return float(samen.get_column("t").sum()) / float(n)


def waarde(data: GemeenteData, periode: Periode, kolom: str) -> float | None:
    """A figure over the period: the monitor's year row when the period is a calendar year and the
    row has it, else pooled from the month rows."""
    jaar_kolom = {
        "signalen_per_1000": "signalen_per_1000_inwoners_per_maand",
        "meldingen_per_1000": "meldingen_per_1000_inwoners_per_maand",
    }.get(kolom, kolom)
    if periode.jaar is not None and not data.jaren.is_empty() and jaar_kolom in data.jaren.columns:
        rij = data.jaren.filter(pl.col("jaar") == periode.jaar)
        if rij.height == 1:
            v = rij.get_column(jaar_kolom)[0]
            if not ontbreekt(v):
                return float(v)
    return uit_maanden(maanden_in(data, periode), kolom)


@dataclass(frozen=True)
class Definitie:
    sleutel: str  # a column of the monitor, or signalen_per_1000 / meldingen_per_1000
    titel: str
    soort: str  # 'aandeel' or 'per1000'
    uitleg: str  # what the figure is over, one line


DEFINITIES: tuple[Definitie, ...] = (
    Definitie("signalen_per_1000", "Signalen per 1.000 inwoners per maand", "per1000",
              "Betalingsachterstanden die vastelastenpartners doorgeven, per 1.000 inwoners per maand."),
    Definitie("aandeel_opgepakt", "Signalen opgepakt", "aandeel",
              "Deel van de signalen dat in een melding is opgepakt."),
    Definitie("meldingen_per_1000", "Meldingen per 1.000 inwoners per maand", "per1000",
              "Opgepakte signalen, per adres per maand samengevoegd tot een melding."),
    Definitie("aandeel_opeenvolgend", "Meldingen opeenvolgend", "aandeel",
              "Deel van de meldingen met een eerder signaal op hetzelfde adres in het half jaar ervoor."),
    Definitie("aandeel_meervoudig", "Meldingen meervoudig", "aandeel",
              "Deel van de meldingen met twee of meer signalen in dezelfde maand."),
    Definitie("aandeel_bereikt", "Bereik", "aandeel",
              "Deel van de meldingen waarbij contact is gelegd met de inwoner."),
    Definitie("aandeel_hulp_van_bereikt", "Hulp aanvaard (van bereikt)", "aandeel",
              "Deel van de bereikte inwoners dat hulp aanvaardt."),
    Definitie("aandeel_hulp_van_meldingen", "Hulp aanvaard (van alle meldingen)", "aandeel",
              "Deel van alle meldingen waarbij de inwoner hulp aanvaardt."),
    Definitie("aandeel_crisis_van_energie", "Eindeleveringssignalen bij energie", "aandeel",
              "Deel van de energiesignalen dat een crisissignaal (eindelevering) is."),
)


@dataclass(frozen=True)
class Kerncijfer:
    definitie: Definitie
    waarde: float | None
    referentie: Referentie | None
    gemiddelde_gemeenten: float | None = None  # only in the 'alle' report


def kerncijfers(
    data: GemeenteData, periode: Periode, gemeenten: list[GemeenteData] | None = None
) -> list[Kerncijfer]:
    """The headline figures of the period; for 'alle' also the mean over the gemeenten (which is
    how Divosa computes its national figures)."""
    uitkomst = []
    for d in DEFINITIES:
        gemiddelde = None
        if gemeenten:
            waarden = [w for g in gemeenten if (w := waarde(g, periode, d.sleutel)) is not None]
            gemiddelde = sum(waarden) / len(waarden) if waarden else None
        referentie = referentie_voor(d.sleutel, periode.jaar or periode.eind.year)
        uitkomst.append(Kerncijfer(d, waarde(data, periode, d.sleutel), referentie, gemiddelde))
    return uitkomst


def verdeling_in(data: GemeenteData, periode: Periode, onderwerp: str) -> pl.DataFrame:
    """categorie, aantal, noemer, aandeel of a distribution over the period: the year rows when the
    period is a calendar year and they exist, else the month rows summed."""
    v = data.verdeling
    schema = {"categorie": pl.String, "aantal": pl.Float64, "noemer": pl.Float64, "aandeel": pl.Float64}
    if v.is_empty():
        return pl.DataFrame(schema=schema)
    v = v.filter((pl.col("onderwerp") == onderwerp) & pl.col("categorie").is_not_null())
    if periode.jaar is not None:
        jaar = v.filter((pl.col("periode_soort") == "jaar") & (pl.col("periode").dt.year() == periode.jaar))
        if not jaar.is_empty():
            return jaar.select(list(schema)).sort("categorie")
    maand = v.filter((pl.col("periode_soort") == "maand") & pl.col("periode").is_between(periode.start, periode.eind))
    if maand.is_empty():
        return pl.DataFrame(schema=schema)
    return (
        maand.group_by("categorie")
        .agg(pl.col("aantal").sum(), pl.col("noemer").sum())
        .with_columns(
            pl.when(pl.col("noemer") > 0).then(pl.col("aantal") / pl.col("noemer")).otherwise(None).alias("aandeel")
        )
        .select(list(schema))
        .sort("categorie")
    )
