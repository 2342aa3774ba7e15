"""Who lives in each household: address, main resident, partner, contact details, creditors.

All draws are keyed by the household id, so a household looks the same in every window.
Values are integer codes (indexes into the vocabulary); strings are made only when a month
is written.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from pipeline.synthetic import calibration as cal
from pipeline.synthetic import identifiers as ids
from pipeline.synthetic import vocabulary as voc
from pipeline.synthetic.keyed import Keyed
from pipeline.synthetic.population import TAG_CREDITOR, Population

(F_TOEV, F_TOEV_KIND, F_STREET, F_VROUW, F_JONG, F_AGE_BIN, F_AGE, F_INIT, F_TUSSEN, F_NAAM,
 F_PARTNER, F_P_VROUW, F_P_AGE, F_P_INIT, F_P_SAME_NAAM, F_P_TUSSEN, F_P_NAAM, F_PHONE, F_PHONE_NR,
 F_EMAIL, F_EMAIL_DOMAIN, F_EMAIL_NR, F_CREDITOR, F_PRIMARY, F_LEVEL, F_TREND) = range(100, 126)


def month_start_days(month: np.ndarray) -> np.ndarray:
    """Days since 1970-01-01 of the first day of absolute months."""
    return (np.asarray(month, dtype=np.int64) - 1970 * 12).astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)


@dataclass
class Person:
    vrouw: np.ndarray  # bool
    geboortedatum: np.ndarray  # int days since 1970-01-01
    voorletters: np.ndarray  # index into voc.VOORLETTERS
    tussenvoegsel: np.ndarray  # index into voc.TUSSENVOEGSELS (0 = none)
    achternaam: np.ndarray  # index into voc.SURNAMES
    bsn: np.ndarray  # int64, eleven-test valid


@dataclass
class Households:
    prefix_idx: np.ndarray  # index into gemeente.prefixes (and woonplaatsen)
    postcode_prefix: np.ndarray  # 4-digit number
    letters: np.ndarray  # index into ids.LETTER_PAIRS
    huisnummer: np.ndarray
    toevoeging: np.ndarray  # index into cal.TOEVOEGINGEN, -1 = none
    straat: np.ndarray  # index into voc.STREETS
    main: Person
    has_partner: np.ndarray
    partner: Person
    has_phone: np.ndarray
    phone: np.ndarray  # last four digits of 06-1234xxxx
    has_email: np.ndarray
    email_domain: np.ndarray  # 0 example.nl, 1 voorbeeld.nl
    email_nr: np.ndarray  # -1 = no number in the address
    creditor: np.ndarray  # (n, 6) index into the type's creditor list
    primary_type: np.ndarray  # the creditor type this household usually falls behind with
    level: np.ndarray  # log-scale amount multiplier
    trend: np.ndarray  # log-scale amount change per melding


def _ages(keyed: Keyed, uid: np.ndarray, jong_field: int, bin_field: int, age_field: int) -> np.ndarray:
    jong = keyed.uniform(uid, jong_field) < cal.P_JONG
    bins = cal.AGE_BINS[keyed.choice(uid, bin_field, cal.AGE_BIN_P)]
    u = keyed.uniform(uid, age_field)
    return np.where(jong, 18 + 9 * u, bins[:, 0] + (bins[:, 1] - bins[:, 0]) * u)


def _birthdates(start: np.ndarray, age_years: np.ndarray) -> np.ndarray:
    return month_start_days(start) - np.ceil(age_years * 365.25).astype(np.int64)


def build(pop: Population, keyed: Keyed) -> Households:
    g, uid = pop.gemeente, pop.uid
    n = len(uid)
    seed = keyed.seed

    prefix_idx, letters, huisnummer = ids.address_slots(g, pop.ordinal, seed)
    postcode_prefix = np.asarray(g.prefixes, dtype=np.int64)[prefix_idx]
    toevoeging = np.where(
        keyed.uniform(uid, F_TOEV) < cal.P_TOEVOEGING, keyed.choice(uid, F_TOEV_KIND, cal.TOEVOEGING_P), -1
    )
    postcode_key = TAG_CREDITOR | (postcode_prefix * 1000 + letters).astype(np.uint64)
    straat = keyed.integers(postcode_key, F_STREET, len(voc.STREETS))

    vrouw = keyed.uniform(uid, F_VROUW) < cal.P_VROUW
    age = _ages(keyed, uid, F_JONG, F_AGE_BIN, F_AGE)
    naam = keyed.integers(uid, F_NAAM, len(voc.SURNAMES))
    tussen = keyed.choice(uid, F_TUSSEN, voc.TUSSENVOEGSEL_P)
    person_ordinal = 2 * pop.ordinal
    main = Person(
        vrouw=vrouw,
        geboortedatum=_birthdates(pop.start, age),
        voorletters=keyed.choice(uid, F_INIT, voc.VOORLETTERS_P),
        tussenvoegsel=tussen,
        achternaam=naam,
        bsn=ids.bsn(g, person_ordinal, seed),
    )
    has_partner = keyed.uniform(uid, F_PARTNER) < cal.P_PARTNER
    p_age = np.clip(age + 4 * keyed.normal(uid, F_P_AGE), 18.2, 92.0)
    same = keyed.uniform(uid, F_P_SAME_NAAM) < 0.5
    partner = Person(
        vrouw=np.where(keyed.uniform(uid, F_P_VROUW) < 0.9, ~vrouw, vrouw),
        geboortedatum=_birthdates(pop.start, p_age),
        voorletters=keyed.choice(uid, F_P_INIT, voc.VOORLETTERS_P),
        tussenvoegsel=np.where(same, tussen, keyed.choice(uid, F_P_TUSSEN, voc.TUSSENVOEGSEL_P)),
        achternaam=np.where(same, naam, keyed.integers(uid, F_P_NAAM, len(voc.SURNAMES))),
        bsn=ids.bsn(g, person_ordinal + 1, seed),
    )

    creditor = np.zeros((n, len(cal.TYPES)), dtype=np.int64)
    for t in range(len(cal.TYPES)):
        if t == cal.HUUR:
            weights = voc.HUUR_SHARES
        elif t == cal.WATER:
            weights = np.array([1.0])
        else:
            weights = voc.CREDITORS[t][1]
        creditor[:, t] = keyed.choice(uid, F_CREDITOR + 1000 * t, weights)

    kind = pop.kind
    email_nr = np.where(keyed.uniform(uid, F_EMAIL_NR) < 0.6, keyed.integers(uid, F_EMAIL_NR + 1, 100), -1)
    return Households(
        prefix_idx=prefix_idx,
        postcode_prefix=postcode_prefix,
        letters=letters,
        huisnummer=huisnummer,
        toevoeging=toevoeging,
        straat=straat,
        main=main,
        has_partner=has_partner,
        partner=partner,
        has_phone=keyed.uniform(uid, F_PHONE) < cal.P_PHONE,
        phone=keyed.integers(uid, F_PHONE_NR, 10_000),
        has_email=keyed.uniform(uid, F_EMAIL) < cal.P_EMAIL,
        email_domain=keyed.integers(uid, F_EMAIL_DOMAIN, 2),
        email_nr=email_nr,
        creditor=creditor,
        primary_type=keyed.choice(uid, F_PRIMARY, cal.TYPE_MIX),
        level=cal.HOUSEHOLD_LEVEL_SIGMA * keyed.normal(uid, F_LEVEL),
        trend=np.where(kind == cal.EENMALIG, 0.0, cal.TREND_SIGMA * keyed.normal(uid, F_TREND)),
    )
