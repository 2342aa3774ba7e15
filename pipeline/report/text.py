"""Dutch number, date and period formatting for the report."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

MAANDEN = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)
MAANDEN_KORT = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
LEEG = "–"


def ontbreekt(x: object) -> bool:
    """True for None and NaN: a share whose denominator was 0, or a column that is not there."""
    return x is None or (isinstance(x, float) and math.isnan(x))


def getal(x: float | int | None, decimalen: int = 0) -> str:
    """1234.5 -> '1.234,5' (decimal comma, thousands dot); None -> '–'."""
    if ontbreekt(x):
        return LEEG
    waarde = round(float(x), decimalen)
    if waarde == 0:
        waarde = 0.0  # no '-0'
    tekst = f"{waarde:,.{decimalen}f}"
    return tekst.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def procent(x: float | None, decimalen: int = 1) -> str:
    """A fraction 0..1 as a Dutch percentage: 0.432 -> '43,2%'."""
    if ontbreekt(x):
        return LEEG
    return getal(float(x) * 100, decimalen) + "%"


def procentpunten(verschil: float, decimalen: int = 1) -> str:
    """A difference of two fractions in percentage points, without sign: 0.021 -> '2,1 procentpunt'."""
    return getal(abs(verschil) * 100, decimalen) + " procentpunt"


def maand(d: date) -> str:
    return f"{MAANDEN[d.month - 1]} {d.year}"


def maand_kort(d: date) -> str:
    return f"{MAANDEN_KORT[d.month - 1]} {d.year}"


def eerste_hoofdletter(tekst: str) -> str:
    return tekst[:1].upper() + tekst[1:]


def opsomming(delen: list[str]) -> str:
    """['a', 'b', 'c'] -> 'a, b en c'."""
    if not delen:
        return ""
    if len(delen) == 1:
        return delen[0]
    return ", ".join(delen[:-1]) + " en " + delen[-1]


@dataclass(frozen=True)
class Periode:
    """The months a headline figure covers: a calendar year, or the last (up to) twelve months."""

    start: date
    eind: date  # first day of the last month
    maanden: int
    jaar: int | None = None  # set when the period is one full calendar year

    @property
    def label(self) -> str:
        if self.jaar is not None:
            return str(self.jaar)
        if self.start == self.eind:
            return maand(self.start)
        return f"{maand(self.start)} t/m {maand(self.eind)}"

    @property
    def in_zin(self) -> str:
        """The period at the start of a sentence: 'In 2024' or 'Van februari 2024 t/m januari 2025'."""
        if self.jaar is not None or self.start == self.eind:
            return f"In {self.label}"
        return f"Van {maand(self.start)} t/m {maand(self.eind)}"

    def bevat(self, d: date) -> bool:
        return self.start <= d <= self.eind


def volgende_maand(d: date) -> date:
    return date(d.year + (d.month == 12), d.month % 12 + 1, 1)


def maanden_terug(d: date, n: int) -> date:
    totaal = d.year * 12 + d.month - 1 - n
    return date(totaal // 12, totaal % 12 + 1, 1)


def kies_periode(maanden: list[date]) -> Periode | None:
    """The last calendar year with all twelve months in the data, else the last twelve months
    (or all months when there are fewer)."""
    if not maanden:
        return None
    aanwezig = sorted(set(maanden))
    per_jaar: dict[int, int] = {}
    for d in aanwezig:
        per_jaar[d.year] = per_jaar.get(d.year, 0) + 1
    volle_jaren = [j for j, n in per_jaar.items() if n == 12]
    if volle_jaren:
        j = max(volle_jaren)
        return Periode(date(j, 1, 1), date(j, 12, 1), 12, jaar=j)
    eind = aanwezig[-1]
    start = max(aanwezig[0], maanden_terug(eind, 11))
    n = len([d for d in aanwezig if start <= d <= eind])
    return Periode(start, eind, n)


def vergelijk(waarde: float, referentie: float, soort: str) -> str:
    """How a value compares with a reference, in words: 'ongeveer gelijk aan', 'iets hoger dan', ...

    Shares ('aandeel') compare in percentage points (within 1 point: about equal; within 3: a little);
    rates compare relatively (within 5%: about equal; within 15%: a little)."""
    if soort == "aandeel":
        verschil = (waarde - referentie) * 100
        gelijk, iets = 1.0, 3.0
    else:
        if referentie == 0:
            return "niet te vergelijken met"
        verschil = (waarde - referentie) / referentie * 100
        gelijk, iets = 5.0, 15.0
    verschil = round(verschil, 6)  # 0.80 - 0.83 is exactly 3 points, not 2.9999...
    if abs(verschil) < gelijk:
        return "ongeveer gelijk aan"
    richting = "hoger dan" if verschil > 0 else "lager dan"
    return ("iets " + richting) if abs(verschil) < iets else richting
