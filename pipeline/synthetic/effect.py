"""A synthetic world with a planted answer to "Vaker erop af?" (issue #10).

The signal generator (population.py) draws every household's meldingen before any caseworker acts,
so in the demo's landing data contact cannot change what comes next. This module simulates the loop
instead, melding by melding, and returns one row per melding in the shape the analysis reads from the
warehouse (pipeline/effect/frame.py: MELDINGEN_SQL):

- each melding has observed traits: meervoudig, opeenvolgend (a melding in the 6 months before),
  meldingen_12m, amount band, creditor types, age band, crisis;
- **selection**: heavier meldingen (a higher score on those traits) more often get a home visit, and a
  home visit reaches more often (65%) than a phone call (45%) or a letter (8%);
- **the planted truth**: the months to the next melding follow a proportional-hazards model,
  hazard = BASE_HAZARD x exp(score) x `effect` ** reached, drawn in continuous time and rounded up to
  whole months. Heavier meldingen recur sooner, and being reached multiplies the hazard by `effect`
  (default 0.7; 1.0 = no effect). Nothing unobserved enters the hazard, so adjusting for the traits
  recovers `effect`; the raw comparison does not, because the reached are heavier on average.

Deterministic for a seed (numpy's PCG64). The landing data of `generate()` are not touched.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import numpy as np
import polars as pl

PLANTED_EFFECT = 0.7
BASE_HAZARD = 0.05  # per month, for the lightest melding
#: log hazard ratios of the traits (the truth the adjusted model should find as well)
COEF = {"is_meervoudig": 0.4, "is_opeenvolgend": 0.5, "m12": 0.35, "bedrag": 0.25, "is_crisis": 0.3}
P_REACH = {"huisbezoek": 0.65, "telefoon": 0.45, "brief": 0.08}
SOORT = {"huisbezoek": "Huisbezoek", "telefoon": "Telefoon", "brief": "Brief"}
LEEFTIJD = ("18-26", "27-44", "45-66", "67+")
TYPES = ("Zorg", "Huur", "Energie", "Water")


def _hex(*parts: object) -> str:
    return hashlib.md5("|".join(map(str, parts)).encode()).hexdigest()


def _month(start: dt.date, offset: int) -> dt.date:
    total = start.year * 12 + start.month - 1 + offset
    return dt.date(total // 12, total % 12 + 1, 1)


def planted_meldingen(*, households: int = 10000, months: int = 36, effect: float = PLANTED_EFFECT,
                      gemeenten: tuple[str, ...] = ("0546", "1586"), start: str = "2021-01",
                      seed: int = 42) -> tuple[pl.DataFrame, dt.date]:
    """One row per melding (the analysis's input columns) and the last month in the data."""
    rng = np.random.default_rng(seed)
    first = dt.date(int(start[:4]), int(start[5:7]), 1)
    arrival = rng.integers(0, months, households)
    age = rng.choice(len(LEEFTIJD), households, p=[0.15, 0.4, 0.33, 0.12])
    level = rng.normal(0.0, 0.6, households)
    usual = rng.choice(len(TYPES), households, p=[0.45, 0.2, 0.2, 0.15])
    gemeente = rng.choice(len(gemeenten), households, p=None)
    rows = []
    for h in range(households):
        m, history = int(arrival[h]), []
        adres = _hex(seed, "adres", h)
        while m < months:
            meervoudig = bool(rng.random() < 0.12)
            opeenvolgend = bool(history and m - history[-1] <= 6)
            m12 = 1 + sum(1 for p in history if m - p <= 11)
            amount = float(np.exp(6.2 + level[h] + 0.5 * rng.normal() + 0.5 * meervoudig))
            band = 0 if amount < 500 else (1 if amount < 1500 else 2)
            crisis = bool(rng.random() < 0.06)
            types = {TYPES[usual[h]]}
            if meervoudig:
                types.add(TYPES[int(rng.choice([t for t in range(len(TYPES)) if t != usual[h]]))])
            score = (COEF["is_meervoudig"] * meervoudig + COEF["is_opeenvolgend"] * opeenvolgend
                     + COEF["m12"] * (min(m12, 3) - 1) + COEF["bedrag"] * band + COEF["is_crisis"] * crisis)
            p_visit = 1 / (1 + np.exp(-(-2.0 + 2.5 * score)))
            u = rng.random()
            aanpak = "huisbezoek" if u < p_visit else ("telefoon" if u < p_visit + (1 - p_visit) / 2 else "brief")
            reached = bool(rng.random() < P_REACH[aanpak])
            hazard = BASE_HAZARD * np.exp(score) * (effect if reached else 1.0)
            gap = max(1, int(np.ceil(rng.exponential() / hazard)))
            maand = _month(first, m)
            rows.append({
                "melding_id": f"{gemeenten[gemeente[h]]}-{maand:%Y%m}-{_hex(seed, 'melding', h, m)[:12]}",
                "gemeentecode": gemeenten[gemeente[h]], "adres_sleutel": adres, "maand": maand,
                "is_meervoudig": meervoudig, "is_opeenvolgend": opeenvolgend, "meldingen_12m": m12,
                "eerdere_meldingen": len(history), "totaal_bedrag": round(amount, 2),
                "signaalpartner_types": sorted(types), "leeftijdsklasse": LEEFTIJD[age[h]], "is_crisis": crisis,
                "aanpak": aanpak, "regel": f"planted_{aanpak}", "pogingen": 1, "bereikt": reached,
                "soort_bereikt": SOORT[aanpak] if reached else None,
            })
            history.append(m)
            m += gap
    return pl.DataFrame(rows), _month(first, months - 1)
