"""Unique synthetic identifiers: BSNs (eleven-test), klantnummers, addresses.

Each gemeente owns a block of every identifier space (its share of the inhabitants), and a
household's world ordinal is mapped into that block by an affine permutation, so numbers
are unique across households and gemeenten without any global bookkeeping.
"""

from __future__ import annotations

import math
import string

import numpy as np

from pipeline.synthetic import calibration as cal
from pipeline.synthetic.gemeenten import Gemeente
from pipeline.synthetic.keyed import scalar_mix

#: the two-letter part of a postcode (SA, SD and SS are not issued)
LETTER_PAIRS = tuple(
    a + b for a in string.ascii_uppercase for b in string.ascii_uppercase if a + b not in ("SA", "SD", "SS")
)

_BSN_PREFIX_LOW = 1_000_000  # 7-digit prefixes 1000000..9999999: the BSN never starts with 0
_BSN_PREFIX_SPACE = 9_000_000
_KLANT_SPACE = 100_000_000
_WEIGHTS_7 = np.array([9, 8, 7, 6, 5, 4, 3], dtype=np.int64)


class CapacityError(ValueError):
    """The window asks for more households than the gemeente's identifier block holds."""


def block_of(g: Gemeente, space: int) -> tuple[int, int]:
    start = int(g.block[0] * space)
    end = int(g.block[1] * space)
    return start, end - start


def affine(values: np.ndarray, size: int, salt: int) -> np.ndarray:
    """A permutation of range(size) applied to values (all < size)."""
    if len(values) and int(values.max()) >= size:
        raise CapacityError(f"identifier block of {size} exhausted")
    a = 2_654_435_761 % size or 1
    while math.gcd(a, size) != 1:
        a += 1
    b = salt % size
    return (values.astype(np.int64) * a + b) % size


def bsn(g: Gemeente, person_ordinal: np.ndarray, seed: int) -> np.ndarray:
    """Valid BSNs (eleven-test), injective in (gemeente, person ordinal).

    The ordinal picks a 7-digit prefix in the gemeente's block and one of the (at least)
    nine eighth digits that give a check digit below 10; the ninth digit is the check digit.
    """
    start, size = block_of(g, _BSN_PREFIX_SPACE)
    q, r = np.divmod(person_ordinal.astype(np.int64), 9)
    p7 = _BSN_PREFIX_LOW + start + affine(q, size, scalar_mix(seed, g.number, 7))
    digits = (p7[:, None] // 10 ** np.arange(6, -1, -1)) % 10
    s7 = digits @ _WEIGHTS_7
    bad = ((10 - s7) * 6) % 11  # the eighth digit that would make the check digit 10
    d8 = r + (r >= bad)
    d9 = (s7 + 2 * d8) % 11
    return p7 * 100 + d8 * 10 + d9


def is_valid_bsn(value: str | int | None) -> bool:
    """The eleven-test: 9 digits, d1*9 + d2*8 + ... + d8*2 - d9 divisible by 11."""
    if value is None:
        return False
    text = str(value).strip()
    if len(text) != 9 or not text.isdigit():
        return False
    d = [int(c) for c in text]
    return (sum(d[i] * (9 - i) for i in range(8)) - d[8]) % 11 == 0


def klantnummer(g: Gemeente, household_ordinal: np.ndarray, type_idx: int, seed: int) -> np.ndarray:
    """Customer numbers, unique per creditor type across gemeenten (8 digits)."""
    start, size = block_of(g, _KLANT_SPACE)
    return start + affine(household_ordinal, size, scalar_mix(seed, g.number, 100 + type_idx))


def address_slots(g: Gemeente, household_ordinal: np.ndarray, seed: int) -> tuple[np.ndarray, ...]:
    """(postcode prefix, letter-pair index, huisnummer) unique per household of the gemeente."""
    per_prefix = len(LETTER_PAIRS) * cal.HUISNUMMERS
    slot = affine(household_ordinal, len(g.prefixes) * per_prefix, scalar_mix(seed, g.number, 11))
    prefix_idx, rest = np.divmod(slot, per_prefix)
    letters, nr = np.divmod(rest, cal.HUISNUMMERS)
    return prefix_idx, letters, nr + 1
