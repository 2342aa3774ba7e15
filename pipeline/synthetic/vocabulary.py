"""Synthetic names: persons, streets, creditors. Invented, never taken from real records.

Surnames and street names are composed from common Dutch word parts, so some compositions
coincide with real names; no composition is linked to a real person or address. Every
string is representable in Windows-1252 (the zorg exports use that encoding).
"""

from __future__ import annotations

import itertools

import numpy as np

from pipeline.synthetic import calibration as cal

_SURNAME_HEADS = (
    "Brink", "Veld", "Bos", "Dijk", "Berg", "Kamp", "Hof", "Molen", "Haar", "Wind", "Zand",
    "Beek", "Horst", "Linde", "Meer", "Weide", "Eik", "Hoog", "Kort", "Lang", "Nij", "Oud",
    "Groot", "Klein", "Vos", "Smeet", "Bak", "Vis", "Jans", "Pieter", "Hendrik", "Wouter",
    "Dirk", "Gerrit", "Maas", "Rijn", "Schel", "Stolk", "Terp", "Vliet", "Ros", "Dam",
)
_SURNAME_TAILS = (
    "", "man", "sen", "ing", "ink", "huis", "kamp", "stra", "sma", "ema", "hof", "horst",
    "veld", "dijk", "berg", "beek", "land", "mans", "ers", "ens", "ert", "ker", "ier",
)
_SURNAMES_OTHER = (
    "Yildiraz", "Özkanli", "Benamar", "El Haddouchi", "Çetinkaya", "Bouzidane", "Ramdinsingh",
    "Kalloe-Persad", "Mohandis", "Nowakowska", "Santos Pereira", "Adjei-Mensah", "Haddou",
    "Kaya-Demir", "Ouasmi", "Wijnaldum-Tjon", "Lachmon", "Dogruel", "Amrani-Zaim", "Kowalczyk",
)
SURNAMES = tuple(sorted({h + t for h, t in itertools.product(_SURNAME_HEADS, _SURNAME_TAILS)})) + _SURNAMES_OTHER

TUSSENVOEGSELS = ("", "van", "de", "van der", "van den", "van de", "ter", "ten", "in 't", "'t", "de la")
TUSSENVOEGSEL_P = np.array([0.74, 0.06, 0.07, 0.04, 0.03, 0.03, 0.01, 0.005, 0.005, 0.005, 0.005])

_INITIAL_LETTERS = "JMAHPSECRWKLDTNGBFIYOV"
_INITIAL_WEIGHTS = np.array(
    [14, 10, 9, 7, 6, 6, 5, 5, 5, 5, 4, 4, 4, 3, 3, 3, 2, 2, 2, 2, 1, 1], dtype=np.float64
)


def _initials() -> tuple[tuple[str, ...], np.ndarray]:
    """Every 'J.' / 'J.M.' / 'J.M.A.' combination with a weight."""
    letters = list(zip(_INITIAL_LETTERS, _INITIAL_WEIGHTS / _INITIAL_WEIGHTS.sum()))
    names, weights = [], []
    for n, p_n in ((1, 0.55), (2, 0.35), (3, 0.10)):
        for combo in itertools.product(letters, repeat=n):
            names.append("".join(f"{c}." for c, _ in combo))
            weights.append(p_n * float(np.prod([w for _, w in combo])))
    return tuple(names), np.array(weights)


VOORLETTERS, VOORLETTERS_P = _initials()

_STREET_HEADS = (
    "Linden", "Eiken", "Beuken", "Molen", "Kerk", "School", "Dorps", "Haven", "Vaart", "Sluis",
    "Zuider", "Noorder", "Ooster", "Wester", "Breed", "Nieuwe", "Oude", "Rozen", "Tulpen",
    "Lelie", "Merel", "Lijster", "Spreeuwen", "Vinken", "Reiger", "Zwaluw", "Kastanje",
    "Wilgen", "Berken", "Iepen", "Hazel", "Klaver", "Duinroos", "Akker", "Weiland", "Boomgaard",
)
_STREET_TAILS = ("straat", "laan", "weg", "plein", "singel", "gracht", "kade", "hof", "pad", "dreef")
STREETS = tuple(h + t for h, t in itertools.product(_STREET_HEADS, _STREET_TAILS))

#: creditor names per type (all invented) with market shares
CREDITORS: dict[int, tuple[tuple[str, ...], np.ndarray]] = {
    cal.ZORG: (
        ("Zorgverzekeraar Noord", "Zorgverzekeraar Zuid", "Zorgverzekeraar Midden",
         "Gezond Verzekerd NV", "Zorgcoöperatie Oost"),
        np.array([0.28, 0.24, 0.2, 0.16, 0.12]),
    ),
    cal.ENERGIE: (
        ("Energie Direct BV", "Stroomhuis NV", "Groene Stroom Maatschappij", "Polderenergie BV",
         "Windkracht Levering"),
        np.array([0.3, 0.25, 0.2, 0.15, 0.1]),
    ),
    cal.CAK: (("CAK",), np.array([1.0])),
    cal.OVERIGE: (
        ("Belastingsamenwerking Regio", "Stichting Leenfonds Voorbeeld", "Incassobureau Voorbeeld BV"),
        np.array([0.5, 0.3, 0.2]),
    ),
}
#: woningcorporaties; each gemeente gets two, plus the private landlord label
CORPORATIES = (
    "Stichting Woonkracht", "Woonstichting De Sleutel", "Woningbouwvereniging Het Anker",
    "Wooncorporatie Thuisbasis", "Stichting Dak & Deur", "Woonstichting Vooruit",
    "Woongoed Regio", "Stichting Huurhuis", "Corporatie De Woonboog", "Woonzorg Collectief",
    "Woonstichting Stadsgenoot", "Stichting Wonen Plus",
)
PARTICULIER = "Verhuurder Stadswonen BV"
HUUR_SHARES = np.array([0.5, 0.3, 0.2])  # corporatie 1, corporatie 2, private landlord
#: drinking-water companies by the first digit of the postcode (regional monopoly)
WATERBEDRIJVEN = (
    "Waterbedrijf Noord-West", "Waterbedrijf Noord-West", "Waterbedrijf Kust",
    "Waterbedrijf Midden", "Waterbedrijf Zuid-West", "Waterbedrijf Zuid",
    "Waterbedrijf Zuid", "Waterbedrijf Oost", "Waterbedrijf Noord", "Waterbedrijf Noord",
)

#: syllables for the invented gemeente names of the national set
GEMEENTE_HEADS = (
    "Aal", "Bra", "Dre", "Els", "Gel", "Hal", "Ker", "Lan", "Mer", "Nij", "Odi", "Put", "Ros",
    "Sle", "Tes", "Ulr", "Vol", "Wad", "Zee", "Bel", "Dal", "Ech", "Gor", "Hil", "Lem", "Mol",
    "Ode", "Ren", "Sta", "Vee", "Wier", "Kol", "Bor", "Ave", "Ees",
)
GEMEENTE_TAILS = (
    "dam", "dijk", "veen", "horst", "wijk", "loo", "burg", "haven", "rade", "hoven",
    "gaarde", "broek", "sum", "ward", "lo", "zande", "beek", "berg", "mond", "kerk",
)
