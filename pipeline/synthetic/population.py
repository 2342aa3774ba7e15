"""Households and the months they get a melding: the recurrence model.

Every month a cohort of households runs into arrears for the first time (a Poisson-like
count around the gemeente's volume). Each household is one of three kinds:
eenmalig (one melding), incidenteel (2-4 meldingen, months apart) or chronisch (4-20
meldingen, mostly in consecutive months). An episode lasts at most MAX_SPAN months, and the
generator simulates BURN_IN months before the window, so every household seen in the window
comes with its full history and the same seed gives the same world for any window.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from pipeline.synthetic import calibration as cal
from pipeline.synthetic.gemeenten import Gemeente
from pipeline.synthetic.keyed import Keyed

#: absolute month index (year * 12 + month - 1) of the first month of the synthetic world
EPOCH = 2000 * 12

TAG_HOUSEHOLD = np.uint64(1 << 60)
TAG_MELDING = np.uint64(2 << 60)
TAG_SIGNAL = np.uint64(3 << 60)
TAG_COHORT = np.uint64(4 << 60)
TAG_CREDITOR = np.uint64(5 << 60)

F_COHORT, F_KIND, F_LENGTH, F_GAP = 1, 2, 3, 4


def month_index(label: str) -> int:
    """'2024-01' -> 2024 * 12 + 0."""
    year, month = label.split("-")
    if not (1 <= int(month) <= 12):
        raise ValueError(f"not a month: {label!r}")
    return int(year) * 12 + int(month) - 1


def month_label(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def expected_meldingen_per_household() -> float:
    return float(sum(p * (v * w).sum() / w.sum() for p, (v, w) in zip(cal.KIND_P, cal.EPISODE_LENGTH)))


def expected_signals_per_melding() -> float:
    values, weights = cal.MEERVOUDIG_SIZE
    extra = (values - 1) @ weights / weights.sum()
    m = np.array([p * (v * w).sum() / w.sum() for p, (v, w) in zip(cal.KIND_P, cal.EPISODE_LENGTH)])
    return float(1 + (m / m.sum()) @ cal.P_MEERVOUDIG * extra)


def _cohort_sizes(g: Gemeente, keyed: Keyed, last: int) -> np.ndarray:
    """New households per absolute month EPOCH..last-1."""
    months = np.arange(EPOCH, last)
    inwoners = np.array([g.inwoners(y) for y in range(EPOCH // 12, (last - 1) // 12 + 1)], dtype=np.float64)
    signals = g.signalen_per_1000 * inwoners[months // 12 - EPOCH // 12] / 1000 * cal.SEASON[months % 12]
    lam = signals * cal.VOLUME_CORRECTION / (expected_meldingen_per_household() * expected_signals_per_melding())
    uid = TAG_COHORT | (np.uint64(g.number) << np.uint64(32)) | (months - EPOCH).astype(np.uint64)
    z = keyed.normal(uid, F_COHORT)
    return np.maximum(np.round(lam + np.sqrt(lam) * z), 0).astype(np.int64)


def _draw_per_kind(keyed: Keyed, uid: np.ndarray, kind: np.ndarray, field: int, table) -> np.ndarray:
    out = np.zeros(len(uid), dtype=np.int64)
    for k, (values, weights) in enumerate(table):
        mask = kind == k
        if mask.any():
            out[mask] = values[keyed.choice(uid[mask], field, weights)]
    return out


@dataclass
class Population:
    """The households of one gemeente with a melding in the window, and all their meldingen."""

    gemeente: Gemeente
    uid: np.ndarray  # uint64 household id (keys every household-level draw)
    key: np.ndarray  # uint64 household key without tag (for melding/signal ids)
    ordinal: np.ndarray  # int64 position in the gemeente's world (addresses, BSNs, klantnummers)
    kind: np.ndarray  # int8, cal.KINDS
    start: np.ndarray  # int64 absolute month of the household's first melding
    m_household: np.ndarray  # int64 index into the household arrays, per melding
    m_pos: np.ndarray  # int64 0-based number of the melding in the household's episode
    m_month: np.ndarray  # int64 absolute month of the melding

    @property
    def m_uid(self) -> np.ndarray:
        return TAG_MELDING | (self.key[self.m_household] << np.uint64(5)) | self.m_pos.astype(np.uint64)


def simulate(g: Gemeente, keyed: Keyed, first: int, last: int) -> Population:
    """Households with at least one melding in absolute months [first, last)."""
    if first - cal.BURN_IN < EPOCH:
        raise ValueError(f"the window must start in {month_label(EPOCH + cal.BURN_IN)} or later")
    sizes = _cohort_sizes(g, keyed, last)
    before = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    sim_months = np.arange(first - cal.BURN_IN, last)
    n = sizes[sim_months - EPOCH]
    if n.max(initial=0) >= 1 << 16:
        raise ValueError(f"gemeente {g.code}: more than 65535 new households in a month")
    start = np.repeat(sim_months, n)
    idx = np.arange(n.sum()) - np.repeat(np.cumsum(n) - n, n)
    ordinal = before[start - EPOCH] + idx
    key = (np.uint64(g.number) << np.uint64(32)) | ((start - EPOCH).astype(np.uint64) << np.uint64(16)) | idx.astype(np.uint64)
    uid = TAG_HOUSEHOLD | key

    kind = keyed.choice(uid, F_KIND, cal.KIND_P)
    length = _draw_per_kind(keyed, uid, kind, F_LENGTH, cal.EPISODE_LENGTH)

    m_household = np.repeat(np.arange(len(uid)), length)
    m_pos = np.arange(length.sum()) - np.repeat(np.cumsum(length) - length, length)
    m_uid = TAG_MELDING | (key[m_household] << np.uint64(5)) | m_pos.astype(np.uint64)
    gap = _draw_per_kind(keyed, m_uid, kind[m_household], F_GAP, cal.EPISODE_GAP)
    gap[m_pos == 0] = 0
    run = np.cumsum(gap)
    m_month = start[m_household] + run - run[_group_first(m_pos)]

    keep = (m_month - start[m_household] <= cal.MAX_SPAN) & (m_month < last)
    m_household, m_pos, m_month = m_household[keep], m_pos[keep], m_month[keep]

    seen = np.zeros(len(uid), dtype=bool)
    seen[m_household[m_month >= first]] = True
    remap = np.cumsum(seen) - 1
    keep = seen[m_household]
    return Population(
        gemeente=g, uid=uid[seen], key=key[seen], ordinal=ordinal[seen], kind=kind[seen].astype(np.int8),
        start=start[seen], m_household=remap[m_household[keep]], m_pos=m_pos[keep], m_month=m_month[keep],
    )


def _group_first(m_pos: np.ndarray) -> np.ndarray:
    """For each melding, the index of its household's first melding (rows are grouped)."""
    idx = np.arange(len(m_pos))
    return np.maximum.accumulate(np.where(m_pos == 0, idx, 0))
