"""Plotly charts of the report. Every function returns a figure, or None when there is nothing to
draw; the hover texts are formatted in Python (Dutch numbers), the month axis uses the Dutch
locale registered in the page (see html.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import plotly.graph_objects as go
import plotly.io as pio
import polars as pl
from plotly.subplots import make_subplots

from pipeline.report import labels
from pipeline.report.landelijk import Referentie, referentie_bij_categorie
from pipeline.report.text import getal, maanden_terug, ontbreekt, procent

FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
BLAUW = "#1f4e79"
GROEN = "#3d9fb8"
ORANJE = "#e07a5f"
GRIJS = "#adb5bd"
GEEL = "#f2b134"
REFERENTIE = "#6c757d"
HOOGTE = 380
CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "locale": "nl",
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
}


def _layout(fig: go.Figure, titel: str, y_titel: str, *, procent_as: bool = False, hoogte: int = HOOGTE) -> go.Figure:
    fig.update_layout(
        template="plotly_white",
        title={"text": f"<b>{titel}</b>" if titel else "", "x": 0, "xanchor": "left", "font": {"size": 16}},
        font={"family": FONT, "size": 13, "color": "#212529"},
        separators=",.",
        height=hoogte,
        margin={"l": 70, "r": 20, "t": 56, "b": 40},
        legend={"orientation": "h", "yanchor": "top", "y": -0.2, "x": 0, "xanchor": "left", "traceorder": "normal"},
        hoverlabel={"font": {"family": FONT}},
        hovermode="x unified",
    )
    fig.update_yaxes(title_text=y_titel, rangemode="tozero", gridcolor="#e9ecef", zerolinecolor="#ced4da")
    if procent_as:
        fig.update_yaxes(tickformat=".0%")
    return fig


def _maand_as(fig: go.Figure, maanden: list[date]) -> None:
    fig.update_xaxes(
        type="date",
        title_text="Maand",
        tickformat="%b %Y",
        hoverformat="%B %Y",
        dtick="M3" if len(maanden) > 12 else "M1",
        ticklabelmode="instant",
        showgrid=False,
    )
    fig.update_layout(margin={"b": 110})


def _lijst(frame: pl.DataFrame, kolom: str) -> list:
    return frame.get_column(kolom).to_list() if kolom in frame.columns else [None] * frame.height


def _referentielijn(fig: go.Figure, ref: Referentie | None, tekst: str, positie: str = "top right") -> None:
    if ref is None:
        return
    ca = "ca. " if ref.circa else ""
    waarde = procent(ref.waarde, ref.decimalen)
    fig.add_hline(
        y=ref.waarde, line_dash="dash", line_color=REFERENTIE, line_width=1.5,
        annotation_text=f"{tekst} {ref.jaar_label}: {ca}{waarde}", annotation_position=positie,
        annotation_font={"color": REFERENTIE, "size": 12},
    )


def _in_twee_delen(
    maanden: pl.DataFrame, eenheid: str, kolom: str, deel: Callable[[object, object], object],
    deel_tekst: Callable[[object, object], str], namen: tuple[str, str], kleuren: tuple[str, str],
    geheel_tekst: Callable[[object, object], str], geheel_hover: str,
) -> go.Figure | None:
    """aantal_<eenheid> per month: stacked as a part, deel(total, kolom), and the rest when `kolom` is
    known in some month, else one bar (hover: geheel_tekst(total, per 1.000)); the rest's hover gives the
    total and <eenheid>_per_1000_inwoners."""
    if maanden.is_empty() or f"aantal_{eenheid}" not in maanden.columns:
        return None
    x = maanden.get_column("maand").to_list()
    totaal = _lijst(maanden, f"aantal_{eenheid}")
    waarden = _lijst(maanden, kolom)
    per1000 = _lijst(maanden, f"{eenheid}_per_1000_inwoners")
    fig = go.Figure()
    if all(ontbreekt(w) for w in waarden):
        fig.add_bar(x=x, y=totaal, name=eenheid.capitalize(), marker_color=BLAUW,
                    customdata=[geheel_tekst(t, p) for t, p in zip(totaal, per1000)], hovertemplate=geheel_hover)
    else:
        delen = [deel(t, w) for t, w in zip(totaal, waarden)]
        rest = [None if t is None or d is None else t - d for t, d in zip(totaal, delen)]
        fig.add_bar(x=x, y=delen, name=namen[0], marker_color=kleuren[0],
                    customdata=[deel_tekst(d, w) for d, w in zip(delen, waarden)],
                    hovertemplate=f"{namen[0]}: %{{customdata}}<extra></extra>")
        fig.add_bar(
            x=x, y=rest, name=namen[1], marker_color=kleuren[1],
            customdata=[f"{getal(r)}; totaal {getal(t)} {eenheid}, {getal(p, 1)} per 1.000 inwoners"
                        for r, t, p in zip(rest, totaal, per1000)],
            hovertemplate=f"{namen[1]}: %{{customdata}}<extra></extra>",
        )
        fig.update_layout(barmode="stack")
    _layout(fig, f"{eenheid.capitalize()} per maand", f"Aantal {eenheid}")
    _maand_as(fig, x)
    return fig


def signalen(maanden: pl.DataFrame) -> go.Figure | None:
    """Signals per month: picked up and not picked up, stacked."""
    return _in_twee_delen(
        maanden, "signalen", "aandeel_opgepakt",
        deel=lambda t, a: None if ontbreekt(a) or t is None else round(t * a),
        deel_tekst=lambda o, a: f"{getal(o)} ({procent(a)})",
        namen=("Opgepakt", "Niet opgepakt"), kleuren=(BLAUW, GRIJS),
        geheel_tekst=lambda t, p: f"{getal(t)} signalen ({getal(p, 1)} per 1.000 inwoners)",
        geheel_hover="%{customdata}<extra></extra>",
    )


def meldingen(maanden: pl.DataFrame) -> go.Figure | None:
    """Meldingen per month: enkelvoudig and with recurrence or several signals."""
    return _in_twee_delen(
        maanden, "meldingen", "aantal_enkelvoudig",
        deel=lambda t, e: e,
        deel_tekst=lambda e, _: getal(e),
        namen=("Enkelvoudig", "Meervoudig en/of opeenvolgend"), kleuren=(GROEN, BLAUW),
        geheel_tekst=lambda t, p: f"{getal(t)} ({getal(p, 1)} per 1.000 inwoners)",
        geheel_hover="Meldingen: %{customdata}<extra></extra>",
    )


def _lijnen(
    maanden: pl.DataFrame, reeksen: list[tuple[str, str, str, str]], titel: str, y_titel: str
) -> go.Figure | None:
    """Lines of monthly shares; reeksen: (column, name, colour, count column for the hover)."""
    if maanden.is_empty():
        return None
    x = maanden.get_column("maand").to_list()
    fig = go.Figure()
    for kolom, naam, kleur, teller in reeksen:
        y = _lijst(maanden, kolom)
        if all(ontbreekt(v) for v in y):
            continue
        noemer = _lijst(maanden, teller)
        tekst = [
            f"{naam}: {procent(v)}" + ("" if ontbreekt(n) else f" van {getal(n)}")
            for v, n in zip(y, noemer)
        ]
        fig.add_scatter(x=x, y=[None if ontbreekt(v) else v for v in y], name=naam, mode="lines+markers",
                        line={"color": kleur, "width": 2.5}, marker={"size": 5},
                        customdata=tekst, hovertemplate="%{customdata}<extra></extra>")
    if not fig.data:
        return None
    _layout(fig, titel, y_titel, procent_as=True)
    _maand_as(fig, x)
    return fig


def herhaling(maanden: pl.DataFrame, ref: Referentie | None, historie_maanden: int = 6) -> go.Figure | None:
    """Opeenvolgend, meervoudig and three-in-a-year per month, with the national opeenvolgend share
    and the first months (too little history) shaded."""
    fig = _lijnen(
        maanden,
        [
            ("aandeel_opeenvolgend", "Opeenvolgend", BLAUW, "aantal_meldingen"),
            ("aandeel_meervoudig", "Meervoudig", ORANJE, "aantal_meldingen"),
            ("aandeel_drie_in_jaar", "Drie of meer in een jaar", GROEN, "aantal_meldingen"),
        ],
        "Terugkerende en meervoudige meldingen",
        "Aandeel van de meldingen",
    )
    if fig is None:
        return None
    _referentielijn(fig, ref, "Opeenvolgend landelijk")
    eerste = maanden.get_column("maand").min()
    grens = maanden_terug(eerste, -historie_maanden)
    if grens <= maanden.get_column("maand").max():
        fig.add_vrect(
            x0=(eerste - timedelta(days=15)).isoformat(), x1=(grens - timedelta(days=15)).isoformat(),
            fillcolor="#adb5bd", opacity=0.18, line_width=0, layer="below",
            annotation_text="korte historie", annotation_position="top left",
            annotation_font={"size": 11, "color": REFERENTIE},
        )
    return fig


def bereik(maanden: pl.DataFrame, ref: Referentie | None) -> go.Figure | None:
    fig = _lijnen(
        maanden,
        [
            ("aandeel_met_contactpoging", "Met een contactpoging", GRIJS, "aantal_meldingen"),
            ("aandeel_bereikt", "Bereikt", BLAUW, "aantal_meldingen"),
            ("aandeel_hulp_van_meldingen", "Hulp aanvaard", ORANJE, "aantal_meldingen"),
        ],
        "Contact met inwoners per maand van de melding",
        "Aandeel van de meldingen",
    )
    if fig is not None:
        _referentielijn(fig, ref, "Bereik landelijk")
    return fig


def signaalpartners(maanden: pl.DataFrame) -> go.Figure | None:
    """Share of each signaalpartner type per month, stacked to 100%."""
    if maanden.is_empty():
        return None
    x = maanden.get_column("maand").to_list()
    fig = go.Figure()
    for i, (sleutel, (naam, _)) in enumerate(labels.SIGNAALPARTNERS.items()):
        y = _lijst(maanden, f"aandeel_{sleutel}")
        if all(ontbreekt(v) or v == 0 for v in y):
            continue
        fig.add_bar(x=x, y=[None if ontbreekt(v) else v for v in y], name=naam,
                    marker_color=labels.kleur(sleutel, labels.SIGNAALPARTNERS, i),
                    customdata=[procent(v) for v in y], hovertemplate=f"{naam}: %{{customdata}}<extra></extra>")
    if not fig.data:
        return None
    fig.update_layout(barmode="stack")
    _layout(fig, "Signalen per soort vastelastenpartner", "Aandeel van de signalen", procent_as=True)
    fig.update_yaxes(range=[0, 1])
    _maand_as(fig, x)
    return fig


def _staven(
    categorieen: list[str], waarden: list[float | None], tekst: list[str], titel: str, x_titel: str,
    *, kleur: str = BLAUW, referenties: list[Referentie | None] | None = None, procent_as: bool = True,
    hoogte: int | None = None, wie: str = "Deze gemeente",
) -> go.Figure:
    """Horizontal bars (one per category, first on top) with optional national markers."""
    fig = go.Figure()
    fig.add_bar(y=categorieen, x=waarden, orientation="h", name=wie, marker_color=kleur,
                customdata=tekst, hovertemplate="%{customdata}<extra></extra>",
                text=[procent(w) if procent_as else getal(w) for w in waarden], textposition="auto")
    if referenties and any(r is not None for r in referenties):
        fig.add_scatter(
            y=categorieen, x=[r.waarde if r else None for r in referenties], mode="markers", name="Landelijk",
            marker={"symbol": "diamond", "size": 13, "color": ORANJE, "line": {"color": "white", "width": 1}},
            customdata=[f"Landelijk {r.jaar_label}: {procent(r.waarde, r.decimalen)}" if r else "" for r in referenties],
            hovertemplate="%{customdata}<extra></extra>",
        )
    _layout(fig, titel, "", procent_as=False, hoogte=hoogte or max(240, 120 + 44 * len(categorieen)))
    fig.update_layout(
        hovermode="closest", margin={"l": 230, "b": 60, "t": 70},
        showlegend=bool(referenties and any(r is not None for r in referenties)),
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 1, "xanchor": "right"},
    )
    fig.update_yaxes(autorange="reversed", title_text="", type="category")
    fig.update_xaxes(title_text=x_titel, rangemode="tozero", gridcolor="#e9ecef")
    if procent_as:
        fig.update_xaxes(tickformat=".0%")
    return fig


def verdeling(
    frame: pl.DataFrame, titel: str, x_titel: str, *, volgorde: str = "aandeel",
    referenties: dict[str, Referentie] | None = None, label=labels.categorie_label, wie: str = "Deze gemeente",
) -> go.Figure | None:
    """A distribution (categorie, aantal, noemer, aandeel) as horizontal bars of the share."""
    if frame.is_empty():
        return None
    rijen = [r for r in frame.to_dicts() if not ontbreekt(r["aandeel"])]  # noemer 0: not applicable here
    if volgorde == "aandeel":
        rijen.sort(key=lambda r: (-r["aandeel"], r["categorie"]))
    else:
        rijen.sort(key=lambda r: labels.categorie_volgorde(r["categorie"]))
    if not rijen:
        return None
    return _staven(
        [label(r["categorie"]) for r in rijen],
        [None if ontbreekt(r["aandeel"]) else r["aandeel"] for r in rijen],
        [f"{label(r['categorie'])}: {procent(r['aandeel'])} ({getal(r['aantal'])} van {getal(r['noemer'])})"
         for r in rijen],
        titel, x_titel,
        referenties=[referentie_bij_categorie(r["categorie"], referenties) for r in rijen] if referenties else None,
        wie=wie,
    )


def knelpunten(
    rijen: list[tuple[str, float | None, str, Referentie | None]], wie: str = "Deze gemeente",
) -> go.Figure | None:
    """The three bottlenecks: left how often it occurs here, right the share of gemeenten in the
    survey naming it. Two panels because the two are different measures."""
    if all(ontbreekt(w) for _, w, _, _ in rijen):
        return None
    namen = [n for n, _, _, _ in rijen]
    fig = make_subplots(
        rows=1, cols=2, shared_yaxes=True, horizontal_spacing=0.06,
        subplot_titles=("Hoe vaak komt het hier voor?", "Hoeveel gemeenten noemen het een knelpunt?"),
    )
    fig.add_bar(
        y=namen, x=[None if ontbreekt(w) else w for _, w, _, _ in rijen], orientation="h", marker_color=BLAUW,
        name=f"{wie} (aandeel van de signalen of meldingen)",
        text=[procent(w) for _, w, _, _ in rijen], textposition="auto",
        customdata=[f"{procent(w)} {uitleg}" for _, w, uitleg, _ in rijen],
        hovertemplate="%{customdata}<extra></extra>", row=1, col=1,
    )
    fig.add_bar(
        y=namen, x=[r.waarde if r else None for _, _, _, r in rijen], orientation="h", marker_color=GRIJS,
        name="Enquête najaar 2024 (aandeel van de gemeenten)",
        text=[procent(r.waarde, 0) if r else "" for _, _, _, r in rijen], textposition="auto",
        customdata=[f"{procent(r.waarde, 0)} van de gemeenten noemt dit een knelpunt" if r else "" for _, _, _, r in rijen],
        hovertemplate="%{customdata}<extra></extra>", row=1, col=2,
    )
    _layout(fig, "", "", hoogte=340)
    fig.update_layout(hovermode="closest", margin={"l": 250, "t": 40, "b": 90}, title=None)
    fig.update_annotations(font={"size": 13})
    fig.update_yaxes(autorange="reversed", title_text="", type="category")
    fig.update_xaxes(tickformat=".0%", range=[0, 1], gridcolor="#e9ecef")
    return fig


def aanpak(frame: pl.DataFrame) -> go.Figure | None:
    """Meldingen per aanpak per month (the aanpaklijst), stacked."""
    if frame.is_empty():
        return None
    x = sorted(set(frame.get_column("maand").to_list()))
    aanwezig = set(frame.filter(pl.col("aantal") > 0).get_column("aanpak").to_list())
    volgorde = [a for a in labels.AANPAKKEN if a in aanwezig] + sorted(aanwezig - set(labels.AANPAKKEN))
    totaal = {m: 0.0 for m in x}
    for m, n in frame.select("maand", "aantal").iter_rows():
        totaal[m] += n or 0
    fig = go.Figure()
    for i, sleutel in enumerate(volgorde):
        rijen = dict(frame.filter(pl.col("aanpak") == sleutel).select("maand", "aantal").iter_rows())
        y = [rijen.get(m, 0) for m in x]
        naam = labels.aanpak_label(sleutel)
        fig.add_bar(
            x=x, y=y, name=naam, marker_color=labels.kleur(sleutel, labels.AANPAKKEN, i),
            customdata=[f"{getal(v)} ({procent(v / totaal[m] if totaal[m] else None)})" for v, m in zip(y, x)],
            hovertemplate=f"{naam}: %{{customdata}}<extra></extra>",
        )
    fig.update_layout(barmode="stack")
    _layout(fig, "Meldingen op de aanpaklijst per aanpak", "Aantal meldingen")
    _maand_as(fig, x)
    fig.update_xaxes(dtick="M1")
    return fig


def pogingen(rijen: list[tuple[str, float | None, Referentie | None]], wie: str = "Deze gemeente") -> go.Figure | None:
    if all(ontbreekt(w) for _, w, _ in rijen):
        return None
    return _staven(
        [n for n, _, _ in rijen], [None if ontbreekt(w) else w for _, w, _ in rijen],
        [f"{n}: {procent(w)} bereikt" for n, w, _ in rijen],
        "Bereik naar aantal contactpogingen", "Aandeel bereikt",
        referenties=[r for _, _, r in rijen], wie=wie,
    )


def html(fig: go.Figure, div_id: str) -> str:
    """The figure as a <div> with its script; plotly.js itself is in the page head once."""
    hoogte = fig.layout.height or HOOGTE
    return pio.to_html(
        fig, config=CONFIG, include_plotlyjs=False, full_html=False, div_id=div_id,
        default_width="100%", default_height=f"{hoogte}px", validate=True,
    )
