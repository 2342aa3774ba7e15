"""The condition tree of a policy rule: leaves (a named condition with its parameters) combined with
all-of, any-of and not. Shared by the model (rules) and the condition catalogue (conditions.py)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Union


@dataclass(frozen=True)
class Range:
    """A numeric interval; a missing bound is open."""

    lower: float | None = None
    lower_inclusive: bool = True
    upper: float | None = None
    upper_inclusive: bool = True


@dataclass(frozen=True)
class Leaf:
    """One condition on one feature, e.g. `bedrag: {boven: 500}`."""

    key: str  # the key as written in the policy file (see conditions.CONDITIONS)
    value: object  # Range | bool | tuple[str, ...]


@dataclass(frozen=True)
class AllOf:
    items: tuple["Condition", ...]


@dataclass(frozen=True)
class AnyOf:
    items: tuple["Condition", ...]


@dataclass(frozen=True)
class Not:
    item: "Condition"


Condition = Union[Leaf, AllOf, AnyOf, Not]

ALWAYS = AllOf(())


def leaves(condition: Condition) -> Iterator[Leaf]:
    if isinstance(condition, Leaf):
        yield condition
    elif isinstance(condition, (AllOf, AnyOf)):
        for item in condition.items:
            yield from leaves(item)
    elif isinstance(condition, Not):
        yield from leaves(condition.item)


# ---------------------------------------------------------------- rules
