"""Plain-language readings under the charts, generated from the numbers (Dutch)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import polars as pl

from pipeline.report import labels
from pipeline.report.kerncijfers import Kerncijfer, uit_maanden
from pipeline.report.landelijk import Referentie
from pipeline.report.text import (
    Periode, eerste_hoofdletter, getal, maand, maanden_terug, ontbreekt, opsomming, procent, vergelijk,
)

GEEN_GEGEVENS = "Nog geen gegevens."

# {g} is where ", gemiddeld over de gemeenten," goes when the figure is the mean over gemeenten
ZINNEN = {
    "signalen_per_1000": "kwamen er{g} {w} signalen per 1.000 inwoners per maand binnen",
    "aandeel_opgepakt": "werd{g} {w} van de signalen opgepakt",
    "meldingen_per_1000": "werden er{g} {w} meldingen per 1.000 inwoners per maand opgepakt",
    "aandeel_opeenvolgend": "kwam{g} {w} van de meldingen terug binnen zes maanden",
    "aandeel_meervoudig": "bestond{g} {w} van de meldingen uit twee of meer signalen",
    "aandeel_bereikt": "is{g} bij {w} van de meldingen contact gelegd met de inwoner",
    "aandeel_hulp_van_bereikt": "aanvaardde{g} {w} van de bereikte inwoners hulp",
    "aandeel_hulp_van_meldingen": "leidde{g} {w} van de meldingen tot aanvaarde hulp",
    "aandeel_crisis_van_energie": "was{g} {w} van de energiesignalen een eindeleveringssignaal",
}


def waarde_tekst(w: float | None, soort: str) -> str:
    return getal(w, 1) if soort == "per1000" else procent(w, 1)


def referentie_tekst(ref: Referentie, soort: str) -> str:
    ca = "ca. " if ref.circa else ""
    w = getal(ref.waarde, ref.decimalen) if soort == "per1000" else procent(ref.waarde, ref.decimalen)
    return f"{ca}{w}"


def met_landelijk(zin: str, w: float | None, ref: Referentie | None, soort: str) -> str:
    """'<zin>; landelijk was dat 45% (2024). Dat is iets lager dan het landelijke cijfer.'"""
    if ref is None or ontbreekt(w):
        return zin + "."
    oordeel = vergelijk(float(w), ref.waarde, "aandeel" if soort == "aandeel" else "per1000")
    return (
        f"{zin}; landelijk was dat {referentie_tekst(ref, soort)} ({ref.jaar_label}). "
        f"Dat is {oordeel} het landelijke cijfer."
    )


def kerncijfer(k: Kerncijfer, periode: Periode) -> str:
    """One headline figure against the national one. When the mean over gemeenten is known (the
    'alle' report), that mean is compared: Divosa's national figures are means over gemeenten."""
    d = k.definitie
    gemiddeld = not ontbreekt(k.gemiddelde_gemeenten)
    w = k.gemiddelde_gemeenten if gemiddeld else k.waarde
    if ontbreekt(w):
        return f"Nog geen gegevens over {d.titel[:1].lower() + d.titel[1:]}."
    g = ", gemiddeld over de gemeenten," if gemiddeld else ""
    zin = f"{periode.in_zin} " + ZINNEN[d.sleutel].format(w=waarde_tekst(w, d.soort), g=g)
    return met_landelijk(zin, w, k.referentie, d.soort)


def _w(rijen: pl.DataFrame, kolom: str, waarden: Mapping[str, float | None] | None) -> float | None:
    """A period figure: as given (the report passes the same values as the headline cards), else
    pooled from the month rows."""
    if waarden is not None and kolom in waarden:
        return waarden[kolom]
    return uit_maanden(rijen, kolom)


def _in_periode(maanden: pl.DataFrame, start: date, eind: date) -> pl.DataFrame:
    return maanden.filter(pl.col("maand").is_between(start, eind))


def _vorig_jaar(maanden: pl.DataFrame, periode: Periode, kolom: str) -> tuple[float, str] | None:
    """The mean per month of a count in the same months a year earlier, when they are all there."""
    vorig = _in_periode(maanden, maanden_terug(periode.start, 12), maanden_terug(periode.eind, 12))
    if vorig.height != periode.maanden or kolom not in vorig.columns:
        return None
    label = f"in {periode.jaar - 1}" if periode.jaar else "in dezelfde maanden een jaar eerder"
    return float(vorig.get_column(kolom).mean()), label


def _verandering(nu: float, vorig: tuple[float, str] | None) -> str:
    if vorig is None or not vorig[0]:
        return ""
    verschil = (nu - vorig[0]) / vorig[0]
    if abs(verschil) < 0.005:
        return f" Dat is evenveel als {vorig[1]}."
    richting = "meer" if verschil > 0 else "minder"
    return f" Dat is {procent(abs(verschil))} {richting} dan {vorig[1]}."


def _drukste(rijen: pl.DataFrame, kolom: str, eenheid: str) -> str:
    if rijen.height < 2:
        return ""
    geordend = rijen.select("maand", kolom).drop_nulls().sort([kolom, "maand"])
    if geordend.height < 2:
        return ""
    laag, hoog = geordend.row(0), geordend.row(-1)
    return (
        f" De meeste {eenheid} kwamen in {maand(hoog[0])} ({getal(hoog[1])}), "
        f"de minste in {maand(laag[0])} ({getal(laag[1])})."
    )


def signalen(
    maanden: pl.DataFrame, periode: Periode, ref: Referentie | None, waarden: Mapping[str, float | None] | None = None
) -> str:
    rijen = _in_periode(maanden, periode.start, periode.eind)
    if rijen.is_empty() or "aantal_signalen" not in rijen.columns:
        return GEEN_GEGEVENS
    gemiddeld = float(rijen.get_column("aantal_signalen").mean())
    per1000 = _w(rijen, "signalen_per_1000", waarden)
    zin = f"{periode.in_zin} kwamen er gemiddeld {getal(gemiddeld)} signalen per maand binnen"
    if per1000 is not None:
        zin += f", {getal(per1000, 1)} per 1.000 inwoners"
    tekst = met_landelijk(zin, per1000, ref, "per1000")
    tekst += _drukste(rijen, "aantal_signalen", "signalen")
    return tekst + _verandering(gemiddeld, _vorig_jaar(maanden, periode, "aantal_signalen"))


def meldingen(
    maanden: pl.DataFrame, periode: Periode, ref_opgepakt: Referentie | None,
    waarden: Mapping[str, float | None] | None = None,
) -> str:
    rijen = _in_periode(maanden, periode.start, periode.eind)
    if rijen.is_empty() or "aantal_meldingen" not in rijen.columns:
        return GEEN_GEGEVENS
    gemiddeld = float(rijen.get_column("aantal_meldingen").mean())
    tekst = f"{periode.in_zin} werden er gemiddeld {getal(gemiddeld)} meldingen per maand gemaakt"
    per1000 = _w(rijen, "meldingen_per_1000", waarden)
    if per1000 is not None:
        tekst += f" ({getal(per1000, 1)} per 1.000 inwoners)"
    tekst += "." + _verandering(gemiddeld, _vorig_jaar(maanden, periode, "aantal_meldingen"))
    enkel = _w(rijen, "aandeel_enkelvoudig", waarden)
    if enkel is not None:
        tekst += (
            f" {eerste_hoofdletter(procent(enkel))} was enkelvoudig: één signaal en geen eerder signaal op "
            "hetzelfde adres in het half jaar ervoor."
        )
    opgepakt = _w(rijen, "aandeel_opgepakt", waarden)
    if opgepakt is not None:
        zin = f"Van alle signalen werd {procent(opgepakt)} opgepakt"
        tekst += " " + met_landelijk(zin, opgepakt, ref_opgepakt, "aandeel")
    return tekst


def herhaling(
    maanden: pl.DataFrame, periode: Periode, ref: Referentie | None,
    waarden: Mapping[str, float | None] | None = None, historie_maanden: int = 6,
) -> str:
    rijen = _in_periode(maanden, periode.start, periode.eind)
    w = _w(rijen, "aandeel_opeenvolgend", waarden)
    if w is None:
        return GEEN_GEGEVENS
    tekst = met_landelijk(f"{periode.in_zin} kwam {procent(w)} van de meldingen terug binnen zes maanden", w, ref, "aandeel")
    drie = _w(rijen, "aandeel_drie_in_jaar", waarden)
    if drie is not None:
        tekst += f" Bij {procent(drie)} was het de derde maand of vaker met een melding binnen een jaar."
    eerste = maanden.get_column("maand").min()
    laatste_korte = maanden_terug(eerste, -(historie_maanden - 1))
    tekst += (
        f" In de eerste maanden van de gegevens ({maand(eerste)} t/m {maand(laatste_korte)}, grijs) is het aandeel "
        "te laag: daar is nog geen half jaar historie om op terug te kijken."
    )
    if periode.start <= laatste_korte:
        tekst += " Die maanden vallen ook in de periode van het kerncijfer; het echte aandeel ligt dus hoger."
    return tekst


def bereik(
    maanden: pl.DataFrame, periode: Periode, ref: Referentie | None, waarden: Mapping[str, float | None] | None = None
) -> str:
    rijen = _in_periode(maanden, periode.start, periode.eind)
    w = _w(rijen, "aandeel_bereikt", waarden)
    if w is None:
        return "Geen contactgegevens aangeleverd: er zijn (nog) geen contactpogingen geregistreerd."
    zin = f"{periode.in_zin} is bij {procent(w)} van de meldingen contact gelegd met de inwoner"
    tekst = met_landelijk(zin, w, ref, "aandeel")
    poging = _w(rijen, "aandeel_met_contactpoging", waarden)
    if poging is not None:
        tekst += f" Bij {procent(poging)} van de meldingen is minstens één contactpoging gedaan."
    reeks = maanden.select("maand", "aandeel_bereikt").drop_nulls()
    if reeks.height >= 4:
        recent = float(reeks.tail(2).get_column("aandeel_bereikt").mean())
        if recent < 0.8 * w:
            tekst += (
                " De laatste maanden liggen lager: contactpogingen lopen daar nog of worden later geregistreerd."
            )
    return tekst


def signaalpartners(aandelen: dict[str, float | None], periode: Periode, landelijk: dict[str, Referentie]) -> str:
    geldig = sorted(((s, w) for s, w in aandelen.items() if not ontbreekt(w) and w > 0), key=lambda p: (-p[1], p[0]))
    if not geldig:
        return GEEN_GEGEVENS
    delen = [f"{labels.in_zin(labels.signaalpartner_label(s))} {procent(w)}" for s, w in geldig[:4]]
    tekst = f"{periode.in_zin} kwamen de meeste signalen van: {opsomming(delen)}."
    refs = [(s, r) for s, r in landelijk.items()]
    if refs:
        jaar = refs[0][1].jaar_label
        tekst += (
            f" Landelijk was dat in de {jaar}: "
            + opsomming([f"{labels.in_zin(labels.signaalpartner_label(s))} {procent(r.waarde, r.decimalen)}" for s, r in refs])
            + "."
        )
    return tekst


def knelpunten(rijen: list[tuple[str, float | None, str, Referentie | None]], periode: Periode) -> list[str | list[str]]:
    """A heading sentence and one line per bottleneck: how often here, and the survey's share of gemeenten."""
    regels = []
    for naam, w, uitleg, ref in rijen:
        deel = f"{naam}: " + (f"{procent(w)} {uitleg}" if not ontbreekt(w) else "nog geen gegevens")
        if ref is not None:
            deel += f" (in de enquête noemde {procent(ref.waarde, 0)} van de gemeenten dit een knelpunt)"
        regels.append(deel + ".")
    return [f"{periode.in_zin}:", regels]


KNELPUNTEN_LET_OP = (
    "Let op: de percentages uit de enquête van de Divosa-monitor (najaar 2024) zijn het aandeel gemeenten "
    "dat het knelpunt ervaart, geen aandeel van signalen of meldingen. De twee zijn dus niet hetzelfde en niet "
    "tegen elkaar af te zetten: de enquête laat zien hoe breed het knelpunt gevoeld wordt, de cijfers links "
    "laten zien hoe vaak het in deze gegevens voorkomt."
)


def aanpak(frame: pl.DataFrame) -> str:
    if frame.is_empty():
        return GEEN_GEGEVENS
    laatste = frame.get_column("maand").max()
    rijen = frame.filter(pl.col("maand") == laatste).sort(["aantal", "aanpak"], descending=[True, False])
    totaal = float(rijen.get_column("aantal").sum())
    delen = [
        f"{labels.aanpak_label(a).lower()} {getal(n)} ({procent(n / totaal if totaal else None)})"
        for a, n in rijen.select("aanpak", "aantal").iter_rows() if n
    ]
    tekst = f"In {maand(laatste)} stonden {getal(totaal)} meldingen op de aanpaklijst: {opsomming(delen)}."
    per_maand = frame.group_by("maand").agg(pl.col("aantal").sum())
    if per_maand.height > 1:
        tekst += (
            f" Over de {per_maand.height} getoonde maanden waren het er gemiddeld "
            f"{getal(float(per_maand.get_column('aantal').mean()))} per maand."
        )
    if any(a in ("geen", "uitgesteld") for a in rijen.get_column("aanpak").to_list()):
        tekst += " 'Geen actie' en 'uitgesteld' zijn meldingen die de werkwijze (nu) niet laat benaderen."
    return tekst


def bereik_contactsoort(frame: pl.DataFrame, periode: Periode, refs: dict[str, Referentie]) -> str:
    rijen = frame.drop_nulls("aandeel").sort(["aandeel", "categorie"], descending=[True, False])
    if rijen.is_empty():
        return "Geen contactgegevens aangeleverd."
    delen = [f"{labels.categorie_label(c).lower()} {procent(a)}" for c, a in rijen.select("categorie", "aandeel").iter_rows()]
    tekst = (
        f"{periode.in_zin} werd van de meldingen met minstens één poging van een soort dit deel bereikt: "
        f"{opsomming(delen)}."
    )
    if refs:
        jaar = next(iter(refs.values())).jaar_label
        tekst += " Landelijk was dat in " + jaar + ": " + opsomming(
            [f"{'alleen schriftelijk' if s == 'schriftelijk' else s} {procent(r.waarde, r.decimalen)}" for s, r in refs.items()]
        ) + "."
    tekst += (
        " Persoonlijk contact wordt vaak ingezet bij zwaardere situaties; het verschil tussen de soorten zegt dus "
        "niet alles over wat het beste werkt."
    )
    return tekst


def pogingen(rijen: list[tuple[str, float | None, Referentie | None]], periode: Periode) -> str:
    geldig = [(n, w, r) for n, w, r in rijen if not ontbreekt(w)]
    if not geldig:
        return "Geen contactgegevens aangeleverd."
    tekst = f"{periode.in_zin} werd bereikt: " + opsomming([f"{procent(w)} {n.lower()}" for n, w, _ in geldig]) + "."
    zonder = [n.lower().removeprefix("bij ") for n, w, _ in rijen if ontbreekt(w)]
    if zonder:
        tekst += f" Er waren geen meldingen met {opsomming(zonder).replace(' en ', ' of ')}."
    refs = [(n, r) for n, _, r in rijen if r is not None]
    if refs:
        tekst += f" Landelijk ({refs[0][1].jaar_label}): " + opsomming(
            [f"{procent(r.waarde, r.decimalen)} {n.lower()}" for n, r in refs]
        ) + "."
    return tekst


def verdeling(frame: pl.DataFrame, periode: Periode, wat: str) -> str:
    """'In 2024 kwam <wat> het vaakst voor bij: a (40,0%), b (30,0%) en c (20,0%).'"""
    rijen = frame.drop_nulls("aandeel").sort(["aandeel", "categorie"], descending=[True, False])
    if rijen.is_empty():
        return GEEN_GEGEVENS
    top = rijen.head(3).select("categorie", "aandeel").iter_rows()
    delen = [f"{labels.categorie_label(c).lower()} ({procent(a)})" for c, a in top]
    return f"{periode.in_zin} was {wat} het vaakst: {opsomming(delen)}."


def telefoon_per_partner(frame: pl.DataFrame, periode: Periode) -> str:
    rijen = frame.drop_nulls("aandeel").sort(["aandeel", "categorie"], descending=[True, False])
    if rijen.is_empty():
        return GEEN_GEGEVENS
    noemer = rijen.get_column("noemer").sum()
    totaal = rijen.get_column("aantal").sum() / noemer if noemer else None
    hoog, laag = rijen.row(0, named=True), rijen.row(-1, named=True)
    tekst = f"{periode.in_zin} zat bij {procent(totaal)} van de signalen een telefoonnummer"
    if rijen.height > 1:
        tekst += (
            f": het vaakst bij {labels.ddas_type_in_zin(hoog['categorie'])} ({procent(hoog['aandeel'])}), "
            f"het minst vaak bij {labels.ddas_type_in_zin(laag['categorie'])} ({procent(laag['aandeel'])})"
        )
    return tekst + ". Waar het nummer vaak ontbreekt, loont het om het bij de vastelastenpartner na te vragen."


def aaneengesloten(frame: pl.DataFrame, periode: Periode) -> str:
    """Readings of the unbroken runs: the share in the first month, and two months or longer."""
    rijen = frame.drop_nulls("aandeel")
    if rijen.is_empty():
        return GEEN_GEGEVENS
    eerste = rijen.filter(pl.col("categorie").str.strip_chars() == "1")
    if eerste.is_empty():
        return verdeling(frame, periode, "het aantal maanden achter elkaar")
    een = float(eerste.get_column("aandeel")[0])
    return (
        f"{periode.in_zin} was {procent(een)} van de meldingen de eerste maand (na een maand zonder melding); "
        f"bij {procent(1 - een)} was er ook de maand ervoor al een melding op hetzelfde adres."
    )


def samenvatting(cijfers: list[Kerncijfer], periode: Periode) -> list[str]:
    """The headline figures that differ from the national figure, one sentence each, and one line
    naming those that are about equal."""
    zinnen, gelijk = [], []
    for k in cijfers:
        w = k.waarde if ontbreekt(k.gemiddelde_gemeenten) else k.gemiddelde_gemeenten
        if ontbreekt(w):
            continue
        if k.referentie is not None and vergelijk(
            float(w), k.referentie.waarde, "aandeel" if k.definitie.soort == "aandeel" else "per1000"
        ) == "ongeveer gelijk aan":
            gelijk.append(k.definitie.titel.lower())
            continue
        zinnen.append(kerncijfer(k, periode))
    if gelijk:
        zinnen.append(f"Ongeveer gelijk aan het landelijke cijfer: {opsomming(gelijk)}.")
    return zinnen
