"""The synthetic world for a window: households and signals of all gemeenten, as flat arrays."""

from __future__ import annotations

from dataclasses import dataclass, fields, is_dataclass

import numpy as np

from pipeline.synthetic import calibration as cal
from pipeline.synthetic import persons, population, signals
from pipeline.synthetic import vocabulary as voc
from pipeline.synthetic.gemeenten import Gemeente
from pipeline.synthetic.keyed import Keyed


def _concat(objs: list):
    cls = type(objs[0])
    out = {}
    for f in fields(cls):
        values = [getattr(o, f.name) for o in objs]
        out[f.name] = _concat(values) if is_dataclass(values[0]) else np.concatenate(values)
    return cls(**out)


def creditor_names(g: Gemeente) -> list[list[str]]:
    """Per type, the creditor names a household's creditor index points to."""
    names: list[list[str]] = []
    for t in range(len(cal.TYPES)):
        if t == cal.HUUR:
            names.append([*g.corporaties, voc.PARTICULIER])
        elif t == cal.WATER:
            names.append([g.waterbedrijf])
        else:
            names.append(list(voc.CREDITORS[t][0]))
    return names


@dataclass
class World:
    gemeenten: list[Gemeente]
    seed: int
    first: int  # absolute month, inclusive
    last: int  # absolute month, exclusive
    populations: list[population.Population]
    households: persons.Households  # all gemeenten, concatenated
    household_gemeente: np.ndarray  # index into gemeenten
    household_woonplaats: np.ndarray  # index into woonplaatsen
    woonplaatsen: list[str]
    signals: signals.Signals  # household = index into households
    signal_gemeente: np.ndarray
    signal_partner_naam: np.ndarray  # index into partner_namen
    partner_namen: list[str]

    @property
    def months(self) -> list[int]:
        return list(range(self.first, self.last))


def build(gemeenten: list[Gemeente], *, first: int, last: int, seed: int) -> World:
    keyed = Keyed(seed)
    pops, hhs, sigs = [], [], []
    hh_gem, hh_place, sig_gem, sig_name = [], [], [], []
    places: list[str] = []
    name_index: dict[str, int] = {}
    offset = 0
    for gi, g in enumerate(gemeenten):
        pop = population.simulate(g, keyed, first, last)
        hh = persons.build(pop, keyed)
        sig = signals.draw(pop, hh, keyed, first)

        table = np.full((len(cal.TYPES), 8), -1, dtype=np.int64)
        for t, type_names in enumerate(creditor_names(g)):
            for c, name in enumerate(type_names):
                table[t, c] = name_index.setdefault(name, len(name_index))
        sig_name.append(table[sig.type, sig.creditor])

        hh_place.append(len(places) + hh.prefix_idx)
        places.extend(g.woonplaatsen)
        hh_gem.append(np.full(len(pop.uid), gi, dtype=np.int64))
        sig_gem.append(np.full(len(sig), gi, dtype=np.int64))
        sig.household = sig.household + offset
        offset += len(pop.uid)
        pops.append(pop)
        hhs.append(hh)
        sigs.append(sig)
    names = sorted(name_index, key=name_index.get)
    return World(
        gemeenten=gemeenten, seed=seed, first=first, last=last, populations=pops,
        households=_concat(hhs), household_gemeente=np.concatenate(hh_gem),
        household_woonplaats=np.concatenate(hh_place), woonplaatsen=places,
        signals=_concat(sigs), signal_gemeente=np.concatenate(sig_gem),
        signal_partner_naam=np.concatenate(sig_name), partner_namen=names,
    )
