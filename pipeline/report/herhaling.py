"""The chapter "Vaker erop af?": does contact, and which approach, keep signals from coming back?

Reads herhaling_curve, herhaling_effect and bereik_per_poging (published by pipeline.effect); the
chapter is left out when the publication has none of them.
"""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from pipeline.effect.text import CAVEAT, curve_summary
from pipeline.report import figures, labels
from pipeline.report import html as h
from pipeline.report.text import getal, procent

KLEUREN = {"bereikt": figures.GROEN, "niet bereikt": figures.ORANJE}


def _band(fig: go.Figure, part: pl.DataFrame, naam: str, kleur: str, *, band: bool) -> None:
    x = part["maand_sinds_melding"].to_list()
    if band:
        fig.add_scatter(x=x + x[::-1], y=part["bovengrens"].to_list() + part["ondergrens"].to_list()[::-1],
                        fill="toself", fillcolor=kleur, opacity=0.18, line={"width": 0}, hoverinfo="skip",
                        showlegend=False, name=f"{naam} (95%-band)")
    fig.add_scatter(x=x, y=part["overleving"].to_list(), name=naam, mode="lines", line={"color": kleur, "shape": "hv", "width": 2.5},
                    customdata=[f"{procent(1 - s)} opnieuw gemeld, {getal(n)} nog in beeld"
                                for s, n in zip(part["overleving"].to_list(), part["onder_risico"].to_list())],
                    hovertemplate=f"{naam}: %{{customdata}}<extra></extra>")


def curve_figuur(curve: pl.DataFrame, indeling: str, titel: str, *, band: bool, max_maanden: int = 24) -> go.Figure | None:
    rijen = curve.filter(pl.col("indeling") == indeling, ~pl.col("te_weinig_gegevens"),
                         pl.col("maand_sinds_melding") <= max_maanden)
    if rijen.is_empty():
        return None
    fig = go.Figure()
    groepen = sorted(rijen["groep"].unique().to_list(), key=lambda g: (g != "bereikt", g))
    for i, groep in enumerate(groepen):
        kleur = KLEUREN.get(groep) or labels.kleur(groep, labels.AANPAKKEN, i)
        naam = labels.aanpak_label(groep) if indeling == "aanpak" else groep
        _band(fig, rijen.filter(pl.col("groep") == groep).sort("maand_sinds_melding"), naam, kleur, band=band)
    figures._layout(fig, titel, "Nog geen nieuwe melding", procent_as=True)
    fig.update_xaxes(title_text="Maanden na de melding", dtick=3)
    fig.update_yaxes(range=[0, 1.02])
    return fig


def effect_figuur(effect: pl.DataFrame) -> go.Figure | None:
    rijen = effect.filter(~pl.col("te_weinig_gegevens"))
    if rijen.is_empty():
        return None
    fig = go.Figure()
    for gecorrigeerd, naam, kleur in ((False, "Ruw", figures.GRIJS), (True, "Gecorrigeerd", figures.BLAUW)):
        deel = rijen.filter(pl.col("gecorrigeerd") == gecorrigeerd)
        hr = deel["hazard_ratio"].to_list()
        fig.add_scatter(
            x=hr, y=deel["vergelijking"].to_list(), mode="markers", name=naam, marker={"color": kleur, "size": 11},
            error_x={"type": "data", "symmetric": False, "array": [b - v for b, v in zip(deel["bovengrens"], hr)],
                     "arrayminus": [v - o for v, o in zip(hr, deel["ondergrens"])]},
            customdata=[f"{v:.2f} ({o:.2f} tot {b:.2f})".replace(".", ",")
                        for v, o, b in zip(hr, deel["ondergrens"], deel["bovengrens"])],
            hovertemplate=f"{naam}: %{{customdata}}<extra></extra>",
        )
    figures._layout(fig, "Kans op een nieuwe melding, vergeleken", "", hoogte=120 + 45 * rijen["vergelijking"].n_unique())
    fig.update_layout(hovermode="closest")
    fig.update_xaxes(type="log", title_text="Hazard ratio (onder 1: minder snel een nieuwe melding)")
    fig.add_vline(x=1, line={"color": figures.REFERENTIE, "dash": "dot"})
    return fig


def bereik_figuur(bereik: pl.DataFrame) -> go.Figure | None:
    rijen = bereik.filter(pl.col("aanpak") == "alle", ~pl.col("te_weinig_gegevens")).sort("poging")
    if rijen.is_empty():
        return None
    y = rijen["aandeel_bereikt"].to_list()
    fig = go.Figure(go.Bar(
        x=[f"{p}e melding" if p != "5+" else "5e of later" for p in rijen["poging"]], y=y, marker_color=figures.GROEN,
        error_y={"type": "data", "symmetric": False, "array": [b - v for b, v in zip(rijen["bovengrens"], y)],
                 "arrayminus": [v - o for v, o in zip(y, rijen["ondergrens"])]},
        customdata=[f"{procent(v)} van {getal(n)} bereikt" for v, n in zip(y, rijen["meldingen"])],
        hovertemplate="%{customdata}<extra></extra>",
    ))
    figures._layout(fig, "Bereikt bij de zoveelste melding, zonder eerder contact", "Aandeel bereikt", procent_as=True)
    return fig


def _hr_zin(rij: dict | None, wat: str) -> str | None:
    if rij is None or rij["te_weinig_gegevens"]:
        return None
    hr, lo, hi = rij["hazard_ratio"], rij["ondergrens"], rij["bovengrens"]
    getallen = f"{hr:.2f} keer zo groot (tussen {lo:.2f} en {hi:.2f})".replace(".", ",")
    if hi < 1:
        oordeel = "minder snel een nieuwe melding"
    elif lo > 1:
        oordeel = "sneller een nieuwe melding"
    else:
        oordeel = "geen duidelijk verschil"
    return f"{wat} {getallen}, dus {oordeel}."


def lezing_curve(curve: pl.DataFrame) -> list[str]:
    samen = {r["groep"]: r for r in curve_summary(curve.filter(pl.col("indeling").is_in(["alle", "bereik"]))).iter_rows(named=True)}
    zinnen = []
    alle = samen.get("alle")
    if alle and not alle["te_weinig_gegevens"] and alle["binnen_12"] is not None:
        zinnen.append(f"Van alle meldingen kreeg {procent(alle['binnen_12'])} binnen een jaar opnieuw een melding op "
                      f"hetzelfde adres ({procent(alle['binnen_3'])} binnen drie maanden).")
    b, nb = samen.get("bereikt"), samen.get("niet bereikt")
    if b and nb and not b["te_weinig_gegevens"] and not nb["te_weinig_gegevens"] and b["binnen_6"] is not None:
        zinnen.append(f"Na contact kwam binnen een half jaar bij {procent(b['binnen_6'])} een nieuwe melding, zonder "
                      f"contact bij {procent(nb['binnen_6'])}. Dat is de ruwe vergelijking: wie bereikt wordt, is "
                      "vaak een ander soort huishouden dan wie niet bereikt wordt.")
    elif b or nb:
        zinnen.append("Voor de vergelijking bereikt tegenover niet bereikt zijn te weinig gegevens.")
    return zinnen


def lezing_effect(effect: pl.DataFrame) -> list[str]:
    def rij(vergelijking: str, gecorrigeerd: bool) -> dict | None:
        deel = effect.filter(pl.col("vergelijking") == vergelijking, pl.col("gecorrigeerd") == gecorrigeerd)
        return deel.row(0, named=True) if deel.height else None

    zinnen = [z for z in (
        _hr_zin(rij("bereikt tegenover niet bereikt", False), "Ruw: na contact is de kans op een nieuwe melding"),
        _hr_zin(rij("bereikt tegenover niet bereikt", True), "Gecorrigeerd voor zwaarte en herhaling: na contact"),
    ) if z]
    for vergelijking in sorted(set(effect["vergelijking"].to_list()) - {"bereikt tegenover niet bereikt"}):
        zin = _hr_zin(rij(vergelijking, True), f"Aanpak {vergelijking}, gecorrigeerd: de kans")
        if zin:
            zinnen.append(zin)
    if effect.height and effect["te_weinig_gegevens"].all():
        zinnen.append("Te weinig gegevens voor een vergelijking.")
    steekproef = effect.filter(pl.col("n_model") < pl.col("n_totaal"))
    if steekproef.height:
        r = steekproef.row(0, named=True)
        zinnen.append(f"Het model is geschat op een vaste steekproef van {getal(r['n_model'])} van de "
                      f"{getal(r['n_totaal'])} meldingen.")
    return zinnen


def lezing_bereik(bereik: pl.DataFrame) -> list[str]:
    rijen = {r["poging"]: r for r in bereik.filter(pl.col("aanpak") == "alle").iter_rows(named=True)}
    zinnen = []
    een, drie = rijen.get("1"), rijen.get("3")
    if een and not een["te_weinig_gegevens"]:
        zinnen.append(f"Bij de eerste melding met een contactpoging werd {procent(een['aandeel_bereikt'])} bereikt.")
    if drie and not drie["te_weinig_gegevens"]:
        zinnen.append(f"Wie na twee meldingen nog geen contact had, werd bij de derde in {procent(drie['aandeel_bereikt'])} "
                      f"van de gevallen bereikt (tussen {procent(drie['ondergrens'])} en {procent(drie['bovengrens'])}). "
                      "Is dat niet veel lager dan bij de eerste, dan loont het om door te gaan.")
    elif drie:
        zinnen.append("Voor de derde melding zijn te weinig gegevens om iets te zeggen.")
    return zinnen


def sectie(data, nummer: int) -> h.Sectie | None:
    if data.herhaling_curve.is_empty() and data.herhaling_effect.is_empty():
        return None
    curve, effect, bereik = data.herhaling_curve, data.herhaling_effect, data.bereik_per_poging
    wie = data.code

    def fig(f, naam):
        return None if f is None else figures.html(f, f"grafiek-{wie}-{naam}")

    inhoud = [
        h.alinea("Gaan we er vaker op af, en helpt dat? Hier staat hoe lang het duurt tot er op hetzelfde adres een "
                 "nieuwe melding komt, voor huishoudens met en zonder contact, en of doorzetten loont. Een lijn die "
                 "hoger blijft, betekent: minder vaak en later een nieuwe melding. De band eromheen is de onzekerheid "
                 "(95%)."),
        h.grafiek(fig(curve_figuur(curve, "bereik", "Tijd tot een nieuwe melding: bereikt of niet", band=True), "herhaling-bereik"),
                  [lezing_curve(curve)], geen="Te weinig gegevens.", titel="Bereikt of niet"),
        h.grafiek(fig(curve_figuur(curve, "aanpak", "Tijd tot een nieuwe melding per aanpak", band=False), "herhaling-aanpak"),
                  ["Per aanpak die werkte (de soort contact waarmee iemand bereikt werd, anders de geplande aanpak)."],
                  geen="Te weinig gegevens.", titel="Per aanpak"),
        h.grafiek(fig(effect_figuur(effect), "herhaling-effect"), [lezing_effect(effect)],
                  geen="Te weinig gegevens voor een vergelijking.", titel="Vergeleken"),
        h.grafiek(fig(bereik_figuur(bereik), "bereik-per-poging"), [lezing_bereik(bereik)],
                  geen="Te weinig gegevens.", titel="De aanhouder wint?"),
        h.alinea(CAVEAT + " Groepen met weinig meldingen staan er niet in ('te weinig gegevens').", "let-op"),
    ]
    return h.Sectie("herhaling", f"{nummer}. Vaker erop af?", inhoud)
