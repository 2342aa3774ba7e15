"""Page assembly: one self-contained HTML file (CSS and plotly.js inline, no external requests)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from html import escape

from plotly.offline import get_plotlyjs

# Dutch month and day names for plotly's date axes and hover labels.
LOCALE_NL = (
    "Plotly.register({moduleType:'locale',name:'nl',dictionary:{"
    "'Autoscale':'Automatisch schalen','Download plot as a png':'Download als png',"
    "'Reset axes':'Assen terugzetten','Zoom in':'Inzoomen','Zoom out':'Uitzoomen','Zoom':'Zoomen',"
    "'Pan':'Verschuiven','Double-click to zoom back out':'Dubbelklik om uit te zoomen'},"
    "format:{days:['zondag','maandag','dinsdag','woensdag','donderdag','vrijdag','zaterdag'],"
    "shortDays:['zo','ma','di','wo','do','vr','za'],"
    "months:['januari','februari','maart','april','mei','juni','juli','augustus','september','oktober',"
    "'november','december'],"
    "shortMonths:['jan','feb','mrt','apr','mei','jun','jul','aug','sep','okt','nov','dec'],"
    "date:'%d-%m-%Y',decimal:',',thousands:'.'}});"
)

# Printing: an A4 page is narrower than the screen, and plotly does not redraw on its own in time.
AFDRUKKEN = (
    "(function(){function zet(w){if(!window.Plotly){return;}"
    "document.querySelectorAll('.js-plotly-plot').forEach(function(gd){"
    "Plotly.relayout(gd,w?{width:w}:{width:null,autosize:true});});}"
    "window.addEventListener('beforeprint',function(){zet(680);});"
    "window.addEventListener('afterprint',function(){zet(0);});})();"
)

CSS = """
:root { --blauw: #1f4e79; --tekst: #212529; --zacht: #6c757d; --lijn: #dee2e6; --vlak: #f4f6f9; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color: var(--tekst); background: #fff; }
header.kop { background: var(--blauw); color: #fff; padding: 28px 0 22px; }
.breed { max-width: 1080px; margin: 0 auto; padding: 0 24px; }
header.kop h1 { margin: 0 0 4px; font-size: 30px; line-height: 1.2; }
header.kop p { margin: 2px 0; opacity: .92; }
main { padding: 8px 0 40px; }
h2 { font-size: 23px; color: var(--blauw); margin: 40px 0 8px; padding-top: 8px; border-top: 3px solid var(--blauw); }
h3 { font-size: 18px; margin: 26px 0 6px; }
p { margin: 6px 0 10px; }
a { color: var(--blauw); }
.uitleg { background: var(--vlak); border-left: 4px solid var(--blauw); padding: 12px 18px; margin: 20px 0; }
.uitleg h2 { border: 0; margin: 0 0 4px; padding: 0; font-size: 19px; }
.uitleg ul { margin: 4px 0; padding-left: 20px; }
nav.inhoud { margin: 18px 0; }
nav.inhoud h2 { border: 0; margin: 0 0 4px; padding: 0; font-size: 19px; }
nav.inhoud ol { margin: 0; padding-left: 22px; columns: 2; column-gap: 40px; }
.kaarten { display: grid; grid-template-columns: repeat(auto-fill, minmax(230px, 1fr)); gap: 14px; margin: 14px 0; }
.kaart { border: 1px solid var(--lijn); border-radius: 8px; padding: 12px 14px; background: #fff; break-inside: avoid; }
.kaart .naam { font-size: 14px; font-weight: 600; color: var(--zacht); }
.kaart .waarde { font-size: 30px; font-weight: 700; color: var(--blauw); line-height: 1.2; margin: 2px 0; }
.kaart .waarde.leeg { font-size: 16px; font-weight: 400; color: var(--zacht); padding: 8px 0; }
.kaart .wat { font-size: 13px; color: var(--tekst); margin: 0 0 6px; }
.kaart .landelijk, .kaart .gemiddelde { font-size: 13px; color: var(--zacht); margin: 0; }
.grafiek { margin: 18px 0 8px; break-inside: avoid; page-break-inside: avoid; }
.lezing { background: var(--vlak); border-radius: 6px; padding: 10px 14px; margin: 4px 0 24px; }
.lezing p { margin: 0 0 6px; }
.lezing p:last-child { margin-bottom: 0; }
.lezing ul { margin: 0 0 6px; padding-left: 20px; }
.lezing ul:last-child { margin-bottom: 0; }
.leeg-blok { border: 1px dashed var(--lijn); border-radius: 6px; padding: 16px; color: var(--zacht); margin: 14px 0; }
.let-op { font-size: 15px; border-left: 4px solid #e07a5f; padding: 8px 14px; background: #fdf3ef; }
table.cijfers { border-collapse: collapse; width: 100%; font-size: 14px; margin: 10px 0; }
table.cijfers th, table.cijfers td { padding: 6px 8px; border-bottom: 1px solid var(--lijn); text-align: right; }
table.cijfers th:first-child, table.cijfers td:first-child { text-align: left; }
table.cijfers thead th { background: var(--vlak); vertical-align: bottom; }
table.cijfers tr.samen td { font-weight: 600; background: #fafbfc; }
ol.bronnen { font-size: 14px; padding-left: 22px; }
ol.bronnen li { margin-bottom: 4px; word-break: break-word; }
footer { border-top: 1px solid var(--lijn); color: var(--zacht); font-size: 13px; padding: 14px 0 30px; }
sup a { text-decoration: none; }
@media (max-width: 700px) { nav.inhoud ol { columns: 1; } header.kop h1 { font-size: 24px; } }
@media print {
  @page { size: A4; margin: 14mm; }
  body { font-size: 11pt; }
  header.kop { background: #fff; color: var(--tekst); border-bottom: 3px solid var(--blauw); padding: 0 0 8px; }
  .breed { max-width: none; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3 { break-after: avoid; page-break-after: avoid; }
  .modebar, .modebar-container { display: none !important; }
  nav.inhoud { display: none; }
  a { color: var(--tekst); text-decoration: none; }
  .lezing, .uitleg, .kaart { break-inside: avoid; page-break-inside: avoid; }
}
"""


@lru_cache(maxsize=1)
def plotly_js() -> str:
    return get_plotlyjs()


@dataclass
class Sectie:
    anker: str
    titel: str
    inhoud: list[str] = field(default_factory=list)  # HTML fragments


def tekst(t: str) -> str:
    return escape(t, quote=True)


def alinea(t: str, klasse: str = "") -> str:
    k = f' class="{klasse}"' if klasse else ""
    return f"<p{k}>{tekst(t)}</p>"


def lezing(delen: list[str | list[str]]) -> str:
    """The plain-language reading: paragraphs, and a list for a list of sentences."""
    html_delen = []
    for deel in delen:
        if isinstance(deel, list):
            if deel:
                html_delen.append(lijst(deel))
        elif deel:
            html_delen.append(f"<p>{tekst(deel)}</p>")
    return f'<div class="lezing">{"".join(html_delen)}</div>' if html_delen else ""


def grafiek(
    figuur_html: str | None, lezingen: list[str | list[str]], geen: str = "Nog geen gegevens.", titel: str = ""
) -> str:
    """A chart with its reading below it, or (under the title) a box saying there is no data yet.
    The chart carries its own title, so the heading is only shown with the empty box."""
    if figuur_html is None:
        kop = f"<h3>{tekst(titel)}</h3>\n" if titel else ""
        return f'{kop}<div class="leeg-blok">{tekst(geen)}</div>'
    return f'<figure class="grafiek">{figuur_html}</figure>\n{lezing(lezingen)}'


@dataclass(frozen=True)
class Kaart:
    naam: str
    waarde: str | None
    wat: str
    landelijk: str | None  # e.g. 'Landelijk 2024: 4,4'
    bron_nummer: int | None
    gemiddelde: str | None = None


def kaarten(items: list[Kaart]) -> str:
    delen = ['<div class="kaarten">']
    for k in items:
        waarde = (
            f'<div class="waarde">{tekst(k.waarde)}</div>' if k.waarde else '<div class="waarde leeg">nog geen gegevens</div>'
        )
        landelijk = ""
        if k.landelijk:
            bron = f' <sup><a href="#bron-{k.bron_nummer}">[{k.bron_nummer}]</a></sup>' if k.bron_nummer else ""
            landelijk = f'<p class="landelijk">{tekst(k.landelijk)}{bron}</p>'
        gemiddelde = f'<p class="gemiddelde">{tekst(k.gemiddelde)}</p>' if k.gemiddelde else ""
        delen.append(
            f'<div class="kaart"><div class="naam">{tekst(k.naam)}</div>{waarde}'
            f'<p class="wat">{tekst(k.wat)}</p>{landelijk}{gemiddelde}</div>'
        )
    delen.append("</div>")
    return "\n".join(delen)


def tabel(koppen: list[str], rijen: list[list[str]], samen: set[int] | None = None) -> str:
    kop = "".join(f'<th scope="col">{tekst(k)}</th>' for k in koppen)
    body = []
    for i, rij in enumerate(rijen):
        klasse = ' class="samen"' if samen and i in samen else ""
        body.append(f"<tr{klasse}>" + "".join(f"<td>{tekst(c)}</td>" for c in rij) + "</tr>")
    return f'<table class="cijfers"><thead><tr>{kop}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def lijst(items: list[str], klasse: str = "") -> str:
    k = f' class="{klasse}"' if klasse else ""
    return f"<ul{k}>" + "".join(f"<li>{tekst(i)}</li>" for i in items) + "</ul>"


def bronnen(items: list[tuple[int, str, tuple[str, ...]]]) -> str:
    delen = ['<ol class="bronnen">']
    for nummer, titel, urls in items:
        links = " ".join(f'<a href="{tekst(u)}" rel="noopener noreferrer">{tekst(u)}</a>' for u in urls)
        delen.append(f'<li id="bron-{nummer}">{tekst(titel)}{". " + links if links else "."}</li>')
    delen.append("</ol>")
    return "\n".join(delen)


def pagina(titel: str, ondertitels: list[str], uitleg: list[str], secties: list[Sectie], voet: str) -> str:
    inhoud = "".join(f'<li><a href="#{s.anker}">{tekst(s.titel)}</a></li>' for s in secties)
    lichaam = "\n".join(
        f'<section id="{s.anker}">\n<h2>{tekst(s.titel)}</h2>\n' + "\n".join(s.inhoud) + "\n</section>" for s in secties
    )
    kop_regels = "".join(f"<p>{tekst(o)}</p>" for o in ondertitels)
    return f"""<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{tekst(titel)} – vroegsignalering schulden</title>
<style>{CSS}</style>
<script type="text/javascript">{plotly_js()}</script>
<script type="text/javascript">{LOCALE_NL}</script>
<script type="text/javascript">{AFDRUKKEN}</script>
</head>
<body>
<header class="kop"><div class="breed">
<h1>{tekst(titel)}</h1>
{kop_regels}
</div></header>
<main class="breed">
<div class="uitleg"><h2>Hoe lees je dit rapport?</h2>{lijst(uitleg)}</div>
<nav class="inhoud" aria-label="Inhoud"><h2>Inhoud</h2><ol>{inhoud}</ol></nav>
{lichaam}
</main>
<footer><div class="breed">{tekst(voet)}</div></footer>
</body>
</html>
"""
