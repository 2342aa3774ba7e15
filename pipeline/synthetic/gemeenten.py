"""The gemeenten of the synthetic world: Leiden and Oost Gelre as in the seed, plus an invented
national set (342 in all, about 18 million inhabitants) for the benchmark.

The registry is fixed (it does not depend on the generator seed), so a gemeentecode always
means the same gemeente, postcode range and identifier block.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl

from pipeline.synthetic import calibration as cal
from pipeline.synthetic import vocabulary as voc
from pipeline.synthetic.keyed import Keyed, scalar_mix

N_GEMEENTEN = 342
TOTAL_INWONERS = 18_000_000
_REGISTRY_SEED = 20240101
_BIG_CITIES = (931_000, 670_000, 566_000, 374_000)
DEMO_CODES = ("0546", "1586")


@dataclass(frozen=True)
class Gemeente:
    code: str
    naam: str
    inwoners_2024: int
    groei: float  # yearly growth of the population
    signalen_per_1000: float  # signals per 1000 inhabitants per month
    prefixes: tuple[int, ...]  # 4-digit postcode areas
    woonplaatsen: tuple[str, ...]  # one per prefix
    corporaties: tuple[str, str]
    block: tuple[float, float]  # this gemeente's share [start, end) of every identifier space

    def inwoners(self, year: int) -> int:
        if year == 2024:
            return self.inwoners_2024
        return int(round(self.inwoners_2024 * (1.0 + self.groei) ** (year - 2024)))

    @property
    def number(self) -> int:
        return int(self.code)

    @property
    def waterbedrijf(self) -> str:
        return voc.WATERBEDRIJVEN[self.prefixes[0] // 1000]


_LEIDEN_PREFIXES = tuple(range(2311, 2335))
_OOST_GELRE = {
    7131: "Lichtenvoorde", 7132: "Lichtenvoorde", 7133: "Lichtenvoorde", 7134: "Vragender",
    7135: "Harreveld", 7136: "Zieuwent", 7137: "Lievelde", 7141: "Groenlo", 7142: "Groenlo",
    7143: "Groenlo",
}


def _invented_names(keyed: Keyed, n: int) -> list[str]:
    combos = [h + t for h in voc.GEMEENTE_HEADS for t in voc.GEMEENTE_TAILS]
    order = np.argsort(keyed.uniform(np.arange(len(combos)), 1), kind="stable")
    return [combos[i] for i in order[:n]]


def _sizes(keyed: Keyed, n: int, rest_total: int) -> np.ndarray:
    """Inhabitants of the invented gemeenten: four big cities, a lognormal body, min ~950."""
    base = np.exp(np.log(28_000) + 0.85 * keyed.normal(np.arange(n), 2))
    order = np.argsort(-base, kind="stable")
    sizes = base.copy()
    sizes[order[: len(_BIG_CITIES)]] = _BIG_CITIES
    body = order[len(_BIG_CITIES):]
    sizes[body] *= (rest_total - sum(_BIG_CITIES)) / sizes[body].sum()
    sizes = np.maximum(np.round(sizes), 950).astype(np.int64)
    sizes[body[0]] += rest_total - sizes.sum()  # exact total
    return sizes


@functools.lru_cache(maxsize=1)
def registry() -> dict[str, Gemeente]:
    """All gemeenten of the synthetic world by code."""
    keyed = Keyed(_REGISTRY_SEED)
    n_other = N_GEMEENTEN - 2
    free_codes = np.array([c for c in range(1, 2000) if c not in (546, 1586)])
    codes = np.sort(free_codes[np.argsort(keyed.uniform(free_codes, 0), kind="stable")[:n_other]])
    rest_total = TOTAL_INWONERS - 130_067 - 29_696
    sizes = _sizes(keyed, n_other, rest_total)
    names = _invented_names(keyed, n_other)

    leiden_rate = 630 / 130_067
    og_rate = 82 / 29_696
    rates = np.exp(0.15 * keyed.normal(codes, 3))
    target = cal.SIGNALEN_PER_1000 * TOTAL_INWONERS / 1000 - 630 - 82
    rates *= target / (rates * sizes / 1000).sum()
    growth = np.clip(0.004 + 0.006 * keyed.normal(codes, 4), -0.01, 0.02)

    rows = [("0546", "Leiden", 130_067, 0.011, leiden_rate * 1000, None),
            ("1586", "Oost Gelre", 29_696, 0.002, og_rate * 1000, None)]
    rows += [
        (f"{c:04d}", names[i], int(sizes[i]), float(growth[i]), float(rates[i]), None)
        for i, c in enumerate(codes)
    ]
    rows.sort(key=lambda r: r[0])

    reserved = set(_LEIDEN_PREFIXES) | set(_OOST_GELRE)
    pool = [p for p in range(1000, 10_000) if p not in reserved]
    other_total = sum(r[2] for r in rows if r[0] not in DEMO_CODES)
    spare = len(pool) - 2 * n_other
    total = sum(r[2] for r in rows)
    out: dict[str, Gemeente] = {}
    cursor = 0
    block_start = 0.0
    for code, naam, inw, groei, rate, _ in rows:
        if code == "0546":
            prefixes, places = _LEIDEN_PREFIXES, ("Leiden",) * len(_LEIDEN_PREFIXES)
        elif code == "1586":
            prefixes, places = tuple(_OOST_GELRE), tuple(_OOST_GELRE.values())
        else:
            n_pref = 2 + int(spare * inw / other_total)
            prefixes = tuple(pool[cursor: cursor + n_pref])
            places = (naam,) * n_pref
            cursor += n_pref
        h = scalar_mix(_REGISTRY_SEED, int(code))
        first = h % len(voc.CORPORATIES)
        second = (first + 1 + (h >> 20) % (len(voc.CORPORATIES) - 1)) % len(voc.CORPORATIES)
        block_end = block_start + inw / total
        out[code] = Gemeente(
            code=code, naam=naam, inwoners_2024=inw, groei=groei, signalen_per_1000=rate,
            prefixes=prefixes, woonplaatsen=places,
            corporaties=(voc.CORPORATIES[first], voc.CORPORATIES[second]),
            block=(block_start, block_end),
        )
        block_start = block_end
    return out


def normalise_code(code: str | int) -> str:
    text = str(code).strip().upper().removeprefix("GM")
    if not text.isdigit() or len(text) > 4:
        raise ValueError(f"not a gemeentecode: {code!r}")
    return text.zfill(4)


def select(gemeenten: list[str] | None, national: bool) -> list[Gemeente]:
    """The gemeenten to generate: the national set, the demo pair, or the named ones."""
    reg = registry()
    if gemeenten is None:
        codes = sorted(reg) if national else list(DEMO_CODES)
    else:
        codes = [normalise_code(c) for c in gemeenten]
    unknown = [c for c in codes if c not in reg]
    if unknown:
        raise ValueError(f"unknown gemeentecode(s) {unknown}; see pipeline.synthetic.gemeenten.registry()")
    if len(set(codes)) != len(codes):
        raise ValueError("gemeenten must not repeat")
    return [reg[c] for c in codes]


def reference_frame(gemeenten: list[Gemeente], years: list[int]) -> pl.DataFrame:
    return pl.DataFrame(
        [(g.code, g.naam, y, g.inwoners(y)) for g in sorted(gemeenten, key=lambda g: g.code) for y in years],
        schema={"gemeentecode": pl.String, "naam": pl.String, "jaar": pl.Int32, "inwoners": pl.Int64},
        orient="row",
    )


def write_reference(path: Path, gemeenten: list[Gemeente], years: list[int]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(reference_frame(gemeenten, years).write_csv(separator=";").encode("utf-8"))
