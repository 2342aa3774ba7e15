"""Counter-based randomness: every random number is a pure function of (seed, entity, field).

Nothing is drawn from a sequential stream, so a household, melding or signal gets the same
values whatever window, month count or gemeente list is generated, and the generator is
vectorised without any ordering concerns. The mixer is splitmix64 in uint64 arithmetic
(wrapping on purpose), which is identical on every platform and numpy version.
"""

from __future__ import annotations

import numpy as np

_MASK = (1 << 64) - 1
_GOLDEN = 0x9E3779B97F4A7C15
_FIELD_MULT = 0xD1B54A32D192ED03


def _mix_scalar(x: int) -> int:
    x = (x + _GOLDEN) & _MASK
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _MASK
    return x ^ (x >> 31)


def _mix(x: np.ndarray) -> np.ndarray:
    x = x + np.uint64(_GOLDEN)
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


class Keyed:
    """Random values keyed by a uint64 entity id and a small integer field number."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self._key = _mix_scalar(_mix_scalar(seed & _MASK) ^ 0x5EED)

    def bits(self, uid: np.ndarray, field: int) -> np.ndarray:
        salt = np.uint64(_mix_scalar(self._key ^ ((field * _FIELD_MULT) & _MASK)))
        return _mix(_mix(np.asarray(uid, dtype=np.uint64) ^ salt) ^ salt)

    def uniform(self, uid: np.ndarray, field: int) -> np.ndarray:
        """Uniform floats in [0, 1)."""
        return (self.bits(uid, field) >> np.uint64(11)).astype(np.float64) * (1.0 / (1 << 53))

    def normal(self, uid: np.ndarray, field: int) -> np.ndarray:
        """Standard normal (Box-Muller on two keyed uniforms)."""
        u1 = self.uniform(uid, field)
        u2 = self.uniform(uid, field + 10_000)
        return np.sqrt(-2.0 * np.log1p(-u1)) * np.cos(2.0 * np.pi * u2)

    def choice(self, uid: np.ndarray, field: int, weights) -> np.ndarray:
        """Index drawn with the given weights (one weight vector for all entities)."""
        cdf = np.cumsum(np.asarray(weights, dtype=np.float64))
        cdf /= cdf[-1]
        idx = np.searchsorted(cdf, self.uniform(uid, field), side="right")
        return np.minimum(idx, len(cdf) - 1)

    def integers(self, uid: np.ndarray, field: int, high) -> np.ndarray:
        """Integers in [0, high) (high may be an array)."""
        return np.floor(self.uniform(uid, field) * np.asarray(high)).astype(np.int64)


def scalar_mix(*parts: int) -> int:
    """A stable 64-bit hash of a few integers (for per-gemeente constants)."""
    h = 0
    for part in parts:
        h = _mix_scalar(h ^ (part & _MASK))
    return h
