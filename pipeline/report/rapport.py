"""One report: the sections of a gemeente's (or all gemeenten's) page, charts with their readings."""

from __future__ import annotations

import polars as pl

from pipeline.report import figures, herhaling, labels, lezingen
from pipeline.report import html as h
from pipeline.report.data import GemeenteData
from pipeline.report.kerncijfers import Kerncijfer, kerncijfers, verdeling_in, waarde
from pipeline.report.landelijk import (
    BEREIK_CONTACTSOORT, BEREIK_POGINGEN, BRONNEN, KNELPUNTEN_ENQUETE, SIGNAALPARTNERS_H1_2024, Referentie,
    referentie_voor,
)
from pipeline.report.text import Periode, getal, kies_periode, maand, maanden_terug, ontbreekt, procent

AANPAK_MAANDEN = 12
BRON_NUMMER = {sleutel: i + 1 for i, sleutel in enumerate(BRONNEN)}

UITLEG = [
    "Dit rapport gebruikt alleen de gepubliceerde, gepseudonimiseerde tabellen van vroegsignaal "
    "(analytics.duckdb): er staan geen namen, adressen of BSN's in.",
    "Een signaal is één betalingsachterstand die één vastelastenpartner (zorgverzekeraar, energieleverancier, "
    "drinkwaterbedrijf, verhuurder) doorgeeft. Opgepakte signalen voor hetzelfde adres in dezelfde maand vormen "
    "samen één melding.",
    "Een aandeel (%) is steeds een deel van een groep; bij elk cijfer staat van welke groep, bijvoorbeeld "
    "'van de meldingen' of 'van de signalen'.",
    "Opeenvolgend: er was in het half jaar ervoor al een signaal op hetzelfde adres. Meervoudig: twee of meer "
    "signalen in dezelfde maand. Bereikt: er is contact gelegd met de inwoner.",
    "'Alle gemeenten samen' telt de gemeenten bij elkaar op. De landelijke cijfers van Divosa zijn gemiddelden "
    "over gemeenten, waarin een kleine gemeente even zwaar weegt als een grote; daarom staat in het rapport voor "
    "alle gemeenten ook het gemiddelde over de gemeenten.",
    "Cijfers van de laatste maanden kunnen nog veranderen, vooral het bereik: contactpogingen worden later "
    "geregistreerd. De bronnen van de landelijke cijfers staan onderaan.",
]


def _wie(data: GemeenteData) -> str:
    return "Alle gemeenten samen" if data.is_alle else "Deze gemeente"


def _div(data: GemeenteData, naam: str) -> str:
    return f"grafiek-{data.code}-{naam}"


def _fig(data: GemeenteData, fig, naam: str) -> str | None:
    return None if fig is None else figures.html(fig, _div(data, naam))


def _kaart(k: Kerncijfer) -> h.Kaart:
    d = k.definitie
    w = None if ontbreekt(k.waarde) else lezingen.waarde_tekst(k.waarde, d.soort)
    landelijk = None
    if k.referentie is not None:
        landelijk = f"Landelijk {k.referentie.jaar_label}: {lezingen.referentie_tekst(k.referentie, d.soort)}"
    gemiddelde = None
    if not ontbreekt(k.gemiddelde_gemeenten):
        gemiddelde = f"Gemiddeld over de gemeenten: {lezingen.waarde_tekst(k.gemiddelde_gemeenten, d.soort)}"
    bron = BRON_NUMMER.get(k.referentie.bron) if k.referentie else None
    return h.Kaart(d.titel, w, d.uitleg, landelijk, bron, gemiddelde)


def sectie_kerncijfers(data: GemeenteData, periode: Periode, cijfers: list[Kerncijfer]) -> h.Sectie:
    soort = "het laatste volledige kalenderjaar in de gegevens" if periode.jaar else "de laatste maanden in de gegevens"
    inhoud = [
        h.alinea(f"Kerncijfers over {periode.label} ({soort}), met het landelijke cijfer en het jaar daarvan."),
        h.kaarten([_kaart(k) for k in cijfers]),
    ]
    if data.is_alle:
        inhoud.insert(1, h.alinea(
            "Het grote getal telt alle gemeenten bij elkaar op. De vergelijking met het landelijke cijfer gebruikt het "
            "gemiddelde over de gemeenten, omdat Divosa de landelijke cijfers ook zo berekent."))
    zinnen = lezingen.samenvatting(cijfers, periode)
    if zinnen:
        inhoud.append(h.lezing(["In het kort:", zinnen]))
    if periode.start <= maanden_terug(data.maanden.get_column("maand").min(), -5):
        inhoud.append(h.alinea(
            "Let op: de periode begint in het eerste half jaar van de gegevens. Daar is nog geen half jaar historie, "
            "dus het aandeel opeenvolgende meldingen is te laag.", "let-op"))
    return h.Sectie("kerncijfers", f"1. Kerncijfers {periode.label}", inhoud)


TREND_KOLOMMEN = (
    "signalen_per_1000", "meldingen_per_1000", "aandeel_opgepakt", "aandeel_enkelvoudig", "aandeel_opeenvolgend",
    "aandeel_drie_in_jaar", "aandeel_bereikt", "aandeel_met_contactpoging",
)


def sectie_trends(data: GemeenteData, periode: Periode) -> h.Sectie:
    m = data.maanden
    jaar = periode.jaar or periode.eind.year
    w = {k: waarde(data, periode, k) for k in TREND_KOLOMMEN}

    def ref(sleutel: str) -> Referentie | None:
        # the pooled 'alle' figures are not Divosa's measure (a mean over gemeenten): no comparison
        # in the readings; the headline figures compare the mean over gemeenten instead
        return None if data.is_alle else referentie_voor(sleutel, jaar)
    inhoud = [
        h.alinea("Hoe de aantallen en aandelen zich per maand ontwikkelen. Beweeg met de muis over een grafiek voor "
                 "de cijfers van een maand."),
        h.grafiek(_fig(data, figures.signalen(m), "signalen"),
                  [lezingen.signalen(m, periode, ref("signalen_per_1000"), w)], titel="Signalen"),
        h.grafiek(_fig(data, figures.meldingen(m), "meldingen"),
                  [lezingen.meldingen(m, periode, ref("aandeel_opgepakt"), w)], titel="Meldingen"),
        h.grafiek(_fig(data, figures.herhaling(m, referentie_voor("aandeel_opeenvolgend", jaar)), "herhaling"),
                  [lezingen.herhaling(m, periode, ref("aandeel_opeenvolgend"), w)],
                  titel="Terugkerende meldingen (opeenvolgend)"),
        h.grafiek(_fig(data, figures.bereik(m, referentie_voor("aandeel_bereikt", jaar)), "bereik"),
                  [lezingen.bereik(m, periode, ref("aandeel_bereikt"), w)],
                  geen="Geen contactgegevens aangeleverd: het bereik per maand is (nog) niet bekend.",
                  titel="Bereik"),
    ]
    reeks = verdeling_in(data, periode, "aaneengesloten_maanden")
    fig = figures.verdeling(reeks, "Meldingen naar aantal maanden achter elkaar met een melding",
                            "Aandeel van de meldingen", volgorde="categorie", label=labels.maanden_label)
    if fig is not None:
        inhoud.append(h.grafiek(_fig(data, fig, "aaneengesloten"),
                                [lezingen.aaneengesloten(reeks, periode)],
                                titel="Hoe lang al achter elkaar"))
    return h.Sectie("ontwikkeling", "2. Ontwikkeling per maand", inhoud)


def sectie_signaalpartners(data: GemeenteData, periode: Periode, cijfers: list[Kerncijfer]) -> h.Sectie:
    rijen = data.maanden.filter(pl.col("maand").is_between(periode.start, periode.eind))
    aandelen = {s: waarde(data, periode, f"aandeel_{s}") for s in labels.SIGNAALPARTNERS}
    zinnen = [lezingen.signaalpartners(aandelen, periode, SIGNAALPARTNERS_H1_2024)] if not rijen.is_empty() else []
    crisis = next((k for k in cijfers if k.definitie.sleutel == "aandeel_crisis_van_energie"), None)
    if crisis is not None and not ontbreekt(crisis.waarde):
        zinnen.append(lezingen.kerncijfer(crisis, periode))
    inhoud = [
        h.alinea("Van welke vastelastenpartners de signalen komen, als aandeel van alle signalen per maand."),
        h.grafiek(_fig(data, figures.signaalpartners(data.maanden), "signaalpartners"), zinnen),
    ]
    return h.Sectie("vastelastenpartners", "3. Van wie komen de signalen?", inhoud)


def knelpunt_rijen(data: GemeenteData, periode: Periode) -> tuple[list[tuple[str, float | None, str, Referentie | None]], str]:
    """The three bottlenecks of the seed as numbers of this gemeente, plus a sentence about e-mail."""
    telefoon = waarde(data, periode, "aandeel_meldingen_met_telefoon")
    over = "meldingen"
    if telefoon is None:
        telefoon = waarde(data, periode, "aandeel_signalen_met_telefoon")
        over = "signalen"
    email = waarde(data, periode, f"aandeel_{over}_met_email")
    rijen = [
        ("Eindelevering zonder eerder vroegsignaal",
         waarde(data, periode, "aandeel_eindelevering_zonder_eerder_signaal"),
         "van de eindeleveringssignalen kwam zonder eerder vroegsignaal op hetzelfde adres",
         KNELPUNTEN_ENQUETE["eindelevering"]),
        ("Terugkerend, vorige keer geen contact",
         waarde(data, periode, "aandeel_opeenvolgend_vorige_zonder_contact"),
         "van de opeenvolgende meldingen had bij de vorige melding geen contact",
         KNELPUNTEN_ENQUETE["vorige_zonder_contact"]),
        ("Geen telefoonnummer bekend",
         None if telefoon is None else 1 - telefoon,
         f"van de {over} had geen telefoonnummer",
         KNELPUNTEN_ENQUETE["contactgegevens"]),
    ]
    email_zin = "" if email is None else f"Bij {procent(1 - email)} van de {over} was geen e-mailadres bekend."
    return rijen, email_zin


def sectie_knelpunten(data: GemeenteData, periode: Periode) -> h.Sectie:
    rijen, email_zin = knelpunt_rijen(data, periode)
    fig = figures.knelpunten(rijen, _wie(data))
    inhoud = [
        h.alinea("Gemeenten noemden in de enquête van de Divosa-monitor (najaar 2024) drie knelpunten het vaakst. "
                 "Hieronder hoe vaak ze in deze gegevens voorkomen."),
        h.grafiek(_fig(data, fig, "knelpunten"),
                  [*lezingen.knelpunten(rijen, periode), email_zin],
                  geen="Nog geen gegevens over de knelpunten: de tabel monitor ontbreekt of is leeg."),
        h.alinea(lezingen.KNELPUNTEN_LET_OP, "let-op"),
    ]
    telefoon = verdeling_in(data, periode, "telefoon_per_signaalpartner")
    fig = figures.verdeling(telefoon, "Signalen met een telefoonnummer, per vastelastenpartner",
                            "Aandeel van de signalen met telefoonnummer", label=labels.ddas_type_label)
    if fig is not None:
        inhoud.append(h.grafiek(_fig(data, fig, "telefoon"),
                                [lezingen.telefoon_per_partner(telefoon, periode)],
                                titel="Welke vastelastenpartner levert een telefoonnummer mee?"))
    return h.Sectie("knelpunten", "4. De drie knelpunten", inhoud)


def sectie_aanpak(data: GemeenteData) -> h.Sectie:
    frame = data.aanpak
    if not frame.is_empty():
        laatste = frame.get_column("maand").max()
        frame = frame.filter(pl.col("maand") > maanden_terug(laatste, AANPAK_MAANDEN))
    inhoud = [
        h.alinea(f"Hoeveel meldingen per maand op de aanpaklijst stonden, per aanpak die de werkwijze koos "
                 f"(laatste {AANPAK_MAANDEN} maanden)."),
        h.grafiek(_fig(data, figures.aanpak(frame), "aanpak"), [lezingen.aanpak(frame)]),
    ]
    return h.Sectie("werklast", "5. Werklast per aanpak", inhoud)


def sectie_contact(data: GemeenteData, periode: Periode) -> h.Sectie:
    geen = "Geen contactgegevens aangeleverd."
    soort = verdeling_in(data, periode, "contactsoort_bereik")
    fig_soort = figures.verdeling(soort, "Bereik per soort contactpoging", "Aandeel bereikt",
                                  referenties=BEREIK_CONTACTSOORT, wie=_wie(data))
    pogingen = [
        ("Bij 1 of 2 pogingen", waarde(data, periode, "aandeel_bereikt_bij_1_2_pogingen"),
         BEREIK_POGINGEN.get("aandeel_bereikt_bij_1_2_pogingen")),
        ("Bij 3 pogingen", waarde(data, periode, "aandeel_bereikt_bij_3_pogingen"), None),
        ("Bij 4 of meer pogingen", waarde(data, periode, "aandeel_bereikt_bij_4_of_meer_pogingen"),
         BEREIK_POGINGEN.get("aandeel_bereikt_bij_4_of_meer_pogingen")),
    ]
    inhoud = [
        h.alinea("Hoe vaak het lukt contact te krijgen, naar de soort contactpoging en het aantal pogingen. "
                 "Het oranje ruitje is het landelijke cijfer."),
        h.grafiek(_fig(data, fig_soort, "contactsoort"),
                  [lezingen.bereik_contactsoort(soort, periode, BEREIK_CONTACTSOORT)], geen=geen,
                  titel="Naar soort contact"),
        h.grafiek(_fig(data, figures.pogingen(pogingen, _wie(data)), "pogingen"), [lezingen.pogingen(pogingen, periode)],
                  geen=geen, titel="Naar aantal pogingen"),
    ]
    resultaat = verdeling_in(data, periode, "resultaat")
    fig = figures.verdeling(resultaat, "Resultaat van de meldingen", "Aandeel van de meldingen")
    if fig is not None:
        inhoud.append(h.grafiek(_fig(data, fig, "resultaat"),
                                [lezingen.verdeling(resultaat, periode, "het resultaat")], titel="Resultaat"))
    return h.Sectie("contact", "6. Contact en bereik", inhoud)


def sectie_gemeenten(gemeenten: list[GemeenteData], alle: GemeenteData, periode: Periode) -> h.Sectie:
    kolommen = [
        ("signalen_per_1000", "per1000"), ("aandeel_opgepakt", "aandeel"), ("aandeel_opeenvolgend", "aandeel"),
        ("aandeel_meervoudig", "aandeel"), ("aandeel_bereikt", "aandeel"),
    ]
    koppen = ["Gemeente", "Inwoners", "Signalen per 1.000 inw. per maand", "Opgepakt", "Opeenvolgend",
              "Meervoudig", "Bereikt"]

    def inwoners(g: GemeenteData) -> str:
        rijen = g.maanden.filter(pl.col("maand").is_between(periode.start, periode.eind))
        if rijen.is_empty() or "inwoners" not in rijen.columns:
            return "–"
        return getal(rijen.get_column("inwoners").drop_nulls().tail(1).first())

    def rij(naam: str, g: GemeenteData) -> list[str]:
        return [naam, inwoners(g)] + [lezingen.waarde_tekst(waarde(g, periode, k), s) for k, s in kolommen]

    rijen = [rij(g.titel, g) for g in gemeenten]
    rijen.append(rij("Alle gemeenten samen (opgeteld)", alle))
    gemiddeld = ["Gemiddelde over de gemeenten", "–"]
    for k, s in kolommen:
        w = [v for g in gemeenten if (v := waarde(g, periode, k)) is not None]
        gemiddeld.append(lezingen.waarde_tekst(sum(w) / len(w) if w else None, s))
    rijen.append(gemiddeld)
    inhoud = [
        h.alinea(f"De kerncijfers per gemeente over {periode.label}. De regel 'opgeteld' telt alle gemeenten bij "
                 "elkaar op; het gemiddelde over de gemeenten is zoals Divosa de landelijke cijfers berekent."),
        h.tabel(koppen, rijen, samen={len(rijen) - 2, len(rijen) - 1}),
    ]
    return h.Sectie("gemeenten", "7. Per gemeente", inhoud)


def bouw(data: GemeenteData, gemeenten: list[GemeenteData] | None = None) -> str:
    """The whole page of one gemeente; for 'alle' pass the gemeenten for the means and the table."""
    maanden = data.maanden.get_column("maand").to_list() if not data.maanden.is_empty() else []
    periode = kies_periode(maanden)
    ondertitels = ["Vroegsignalering schulden: rapport voor management"]
    if periode is None:
        secties = [h.Sectie("kerncijfers", "1. Kerncijfers",
                            ['<div class="leeg-blok">Nog geen gegevens: de monitor bevat geen maanden voor deze '
                             "gemeente.</div>"])]
        voet = "Gemaakt met vroegsignaal uit analytics.duckdb."
    else:
        ondertitels.append(f"Gegevens over {maand(min(maanden))} t/m {maand(max(maanden))}")
        if data.is_alle and gemeenten:
            ondertitels.append(f"{len(gemeenten)} gemeenten samen")
        cijfers = kerncijfers(data, periode, gemeenten if data.is_alle else None)
        secties = [
            sectie_kerncijfers(data, periode, cijfers),
            sectie_trends(data, periode),
            sectie_signaalpartners(data, periode, cijfers),
            sectie_knelpunten(data, periode),
            sectie_aanpak(data),
            sectie_contact(data, periode),
        ]
        if data.is_alle and gemeenten:
            secties.append(sectie_gemeenten(gemeenten, data, periode))
        if (vaker := herhaling.sectie(data, len(secties) + 1)) is not None:
            secties.append(vaker)
        voet = (f"Gemaakt met vroegsignaal uit de gepubliceerde tabellen (analytics.duckdb), gegevens t/m "
                f"{maand(max(maanden))}. Alleen gepseudonimiseerde gegevens.")
    bronnen = h.Sectie("bronnen", "Bronnen van de landelijke cijfers", [h.bronnen(
        [(BRON_NUMMER[b.sleutel], b.titel, b.urls) for b in BRONNEN.values()]
    ), h.alinea("De landelijke cijfers zijn gemiddelden over de deelnemende gemeenten, geen opgetelde totalen.")])
    secties.append(bronnen)
    return h.pagina(data.titel, ondertitels, UITLEG, secties, voet)
