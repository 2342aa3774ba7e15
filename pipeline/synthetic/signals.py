"""From meldingen to signals: creditor types, dates, amounts, re-signals and flags.

A melding has one signal, or 2-4 signals from different creditor types (meervoudig). The
first signal of a recurring household's melding often comes from its usual creditor type.
A signal from the same creditor within HERHAALD_WINDOW months of the previous one may
re-signal the same arrear (same klantnummer and ontstaansdatum, amount up, same or down).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from pipeline.synthetic import calibration as cal
from pipeline.synthetic import identifiers as ids
from pipeline.synthetic.keyed import Keyed
from pipeline.synthetic.persons import Households, month_start_days
from pipeline.synthetic.population import TAG_SIGNAL, Population

TAG_HH_TYPE = np.uint64(6 << 60)

(F_N, F_N_SIZE, F_STICKY, F_FIRST, F_EXTRA, F_DAY, F_ARREARS, F_SMALL, F_SMALL_AMT, F_AMOUNT,
 F_HERHAALD, F_CHANGE, F_CHANGE_AMT, F_CRISIS, F_WARM, F_DEBTOR, F_BSN, F_GEBOORTE, F_CAP) = range(200, 219)


@dataclass
class Signals:
    """The signals of one gemeente in the window, in signaal_id order per type."""

    household: np.ndarray  # index into the Households arrays
    month: np.ndarray  # absolute month
    type: np.ndarray  # cal.TYPES index
    creditor: np.ndarray  # index into the type's creditor list
    klant: np.ndarray  # klantnummer (int, per household per creditor type)
    signaaldatum: np.ndarray  # days since 1970-01-01
    ontstaansdatum: np.ndarray  # days since 1970-01-01
    cents: np.ndarray  # amount in euro cents
    herhaald: np.ndarray  # re-signal of an arrear signalled before
    crisis: np.ndarray
    warm: np.ndarray
    partner: np.ndarray  # the signal concerns the household's partner
    has_bsn: np.ndarray
    has_geboortedatum: np.ndarray
    seq: np.ndarray  # 1-based number per (gemeente, type) within the window
    uid: np.ndarray

    def take(self, idx: np.ndarray) -> Signals:
        return Signals(**{k: v[idx] for k, v in self.__dict__.items()})

    def __len__(self) -> int:
        return len(self.uid)


def _types(keyed: Keyed, pop: Population, hh: Households, m_uid: np.ndarray):
    """Signals per melding and their creditor types (distinct within a melding)."""
    kind = pop.kind[pop.m_household]
    values, weights = cal.MEERVOUDIG_SIZE
    multi = keyed.uniform(m_uid, F_N) < cal.P_MEERVOUDIG[kind]
    n = np.where(multi, values[keyed.choice(m_uid, F_N_SIZE, weights)], 1)
    sticky = keyed.uniform(m_uid, F_STICKY) < cal.STICKINESS[kind]
    first = np.where(sticky, hh.primary_type[pop.m_household], keyed.choice(m_uid, F_FIRST, cal.TYPE_MIX))
    # the other types: weighted sampling without replacement (Gumbel top-k), first type excluded
    gumbel = np.stack(
        [np.log(cal.EXTRA_TYPE_WEIGHTS[t]) - np.log(-np.log(keyed.uniform(m_uid, F_EXTRA + 1000 * t) + 1e-300))
         for t in range(len(cal.TYPES))],
        axis=1,
    )
    gumbel[np.arange(len(first)), first] = -np.inf
    others = np.argsort(-gumbel, axis=1, kind="stable")
    return n, first, others


def _business_day(keyed: Keyed, uid: np.ndarray, month: np.ndarray) -> np.ndarray:
    start = month_start_days(month).astype("datetime64[D]")
    end = month_start_days(month + 1).astype("datetime64[D]")
    count = np.busday_count(start, end)
    offset = keyed.integers(uid, F_DAY, count)
    return np.busday_offset(start, offset, roll="forward").astype(np.int64)


def _resignals(keyed, uid, household, month, type_, own_ont, own_cents):
    """Mark re-signals and carry ontstaansdatum and amount along each arrear."""
    order = np.lexsort((month, type_, household))
    h, t, m = household[order], type_[order], month[order]
    u = uid[order]
    n = len(order)
    idx = np.arange(n)
    prev_same = np.zeros(n, dtype=bool)
    prev_same[1:] = (h[1:] == h[:-1]) & (t[1:] == t[:-1])
    gap = np.zeros(n, dtype=np.int64)
    gap[1:] = m[1:] - m[:-1]
    resignal = prev_same & (gap <= cal.HERHAALD_WINDOW) & (keyed.uniform(u, F_HERHAALD) < cal.P_HERHAALD[t])
    first = np.maximum.accumulate(np.where(~resignal, idx, 0))  # first row of each arrear

    # a new arrear at the same creditor arose after the previous one (resolved along chains)
    own = own_ont[order]
    new_after = ~resignal & prev_same
    ont = own.copy()
    for _ in range(64):
        prev_final = np.r_[0, ont[first][:-1]]
        target = np.where(new_after, np.maximum(own, prev_final + 1), own)
        if np.array_equal(target, ont):
            break
        ont = target
    ont = ont[first]

    change = keyed.choice(u, F_CHANGE, cal.HERHAALD_CHANGE_P)
    v = keyed.uniform(u, F_CHANGE_AMT)
    factor = np.select(
        [change == 0, change == 1],
        [cal.HERHAALD_UP[0] + v * (cal.HERHAALD_UP[1] - cal.HERHAALD_UP[0]), np.ones(n)],
        cal.HERHAALD_DOWN[0] + v * (cal.HERHAALD_DOWN[1] - cal.HERHAALD_DOWN[0]),
    )
    log_factor = np.cumsum(np.where(resignal, np.log(factor), 0.0))
    cents = np.round(own_cents[order][first] * np.exp(log_factor - log_factor[first])).astype(np.int64)

    out_ont, out_cents, out_resignal = np.empty(n, np.int64), np.empty(n, np.int64), np.empty(n, bool)
    out_ont[order], out_cents[order], out_resignal[order] = ont, np.maximum(cents, 100), resignal
    return out_ont, out_cents, out_resignal


def draw(pop: Population, hh: Households, keyed: Keyed, first_month: int) -> Signals:
    """All signals of the population's meldingen; returns those in the window."""
    g = pop.gemeente
    m_uid = pop.m_uid
    n, first, others = _types(keyed, pop, hh, m_uid)
    s_m = np.repeat(np.arange(len(n)), n)
    slot = np.arange(n.sum()) - np.repeat(np.cumsum(n) - n, n)
    type_ = np.where(slot == 0, first[s_m], others[s_m, np.maximum(slot - 1, 0)])
    household = pop.m_household[s_m]
    month = pop.m_month[s_m]
    pos = pop.m_pos[s_m]
    key = pop.key[household]
    uid = TAG_SIGNAL | (key << np.uint64(8)) | (pos.astype(np.uint64) << np.uint64(3)) | slot.astype(np.uint64)
    hh_type = TAG_HH_TYPE | (key << np.uint64(3)) | type_.astype(np.uint64)

    signaaldatum = _business_day(keyed, uid, month)
    lo, hi = cal.ARREARS_DAYS[type_, 0], cal.ARREARS_DAYS[type_, 1]
    own_ont = signaaldatum - lo - keyed.integers(uid, F_ARREARS, hi - lo + 1)

    z = keyed.normal(uid, F_AMOUNT)
    log_amount = (np.log(cal.AMOUNT_MEDIAN[type_]) + cal.AMOUNT_SIGMA[type_] * z
                  + hh.level[household] + hh.trend[household] * np.minimum(pos, cal.TREND_MAX_STEPS))
    small = keyed.uniform(uid, F_SMALL) < cal.P_SMALL[type_]
    lo_s, hi_s = cal.SMALL_RANGE
    amount = np.where(small, lo_s + (hi_s - lo_s) * keyed.uniform(uid, F_SMALL_AMT), np.exp(log_amount))
    cap_cents = np.round(cal.AMOUNT_CAP[type_] * (80 + 20 * keyed.uniform(uid, F_CAP))).astype(np.int64)
    own_cents = np.clip(np.round(amount * 100).astype(np.int64), 100, cap_cents)

    ont, cents, herhaald = _resignals(keyed, uid, household, month, type_, own_ont, own_cents)
    cents = np.minimum(cents, cap_cents)

    energie = type_ == cal.ENERGIE
    p_crisis = np.where(herhaald, cal.P_CRISIS_ENERGIE_HERHAALD, cal.P_CRISIS_ENERGIE_NIEUW)
    crisis = energie & (keyed.uniform(uid, F_CRISIS) < p_crisis)
    warm = keyed.uniform(uid, F_WARM) < cal.P_WARME_OVERDRACHT[type_]
    zorg_like = (type_ == cal.ZORG) | (type_ == cal.CAK)
    partner = zorg_like & hh.has_partner[household] & (keyed.uniform(hh_type, F_DEBTOR) < cal.P_PARTNER_DEBTOR)
    has_bsn = keyed.uniform(hh_type, F_BSN) < cal.P_BSN[type_]
    has_geboorte = keyed.uniform(hh_type, F_GEBOORTE) < cal.P_GEBOORTEDATUM[type_]
    creditor = hh.creditor[household, type_]

    window = month >= first_month
    klant = np.zeros(len(uid), dtype=np.int64)
    for t in range(len(cal.TYPES)):
        mask = window & (type_ == t)
        klant[mask] = ids.klantnummer(g, pop.ordinal[household[mask]], t, keyed.seed)

    sig = Signals(
        household=household, month=month, type=type_.astype(np.int8), creditor=creditor, klant=klant,
        signaaldatum=signaaldatum, ontstaansdatum=ont, cents=cents, herhaald=herhaald, crisis=crisis,
        warm=warm, partner=partner, has_bsn=has_bsn, has_geboortedatum=has_geboorte,
        seq=np.zeros(len(uid), dtype=np.int64), uid=uid,
    ).take(np.flatnonzero(window))
    order = np.lexsort((sig.uid, sig.signaaldatum, sig.month, sig.type))
    sig = sig.take(order)
    starts = np.flatnonzero(np.r_[True, sig.type[1:] != sig.type[:-1]])
    counts = np.diff(np.r_[starts, len(sig)])
    sig.seq = np.arange(len(sig)) - np.repeat(starts, counts) + 1
    return sig
