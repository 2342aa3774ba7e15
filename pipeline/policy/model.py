"""The in-memory form of a policy (werkwijze): plain frozen dataclasses.

Files are parsed into these by `schema.py`; the engine reads only these.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Union

from pipeline.policy.errors import PolicyError
from pipeline.policy.frames import OPGEPAKT, SAME_MONTH_COLUMNS

# ---------------------------------------------------------------- conditions


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


@dataclass(frozen=True)
class Outcome:
    aanpak: str
    kanalen: tuple[str, ...]
    brief_sjabloon: str | None = None
    prioriteit: int = 3
    signaalstatus: str = OPGEPAKT

    @property
    def opgepakt(self) -> bool:
        return self.signaalstatus == OPGEPAKT


@dataclass(frozen=True)
class Rule:
    id: str
    naam: str
    als: Condition
    dan: Outcome

    @property
    def condition_keys(self) -> frozenset[str]:
        return frozenset(leaf.key for leaf in leaves(self.als))


# ---------------------------------------------------------------- measures


@dataclass(frozen=True)
class Measure:
    """One recurrence measure (maatregel): on/off plus its parameter."""

    aan: bool = False
    aantal: int | None = None
    sjabloon: str | None = None


@dataclass(frozen=True)
class Measures:
    niet_benaderen: Measure = Measure()
    pauze_na_zonder_contact: Measure = Measure(aantal=3)
    intensiveren: Measure = Measure()
    recidive_brief: Measure = Measure()
    bewind_overwegen_na: Measure = Measure(aantal=3)
    andere_systemen_na: Measure = Measure(aantal=3)
    zelfde_consulent: Measure = Measure()
    meer_prioriteit_recidive: Measure = Measure()


# ---------------------------------------------------------------- policy


@dataclass(frozen=True)
class BriefSjabloon:
    id: str
    omschrijving: str
    bestand: str | None = None


DEFAULT_WINDOWS = {"opeenvolgend_maanden": 6, "jaar_maanden": 12}


@dataclass(frozen=True, eq=False)
class Policy:
    name: str
    rules: tuple[Rule, ...]
    gemeentecodes: tuple[str, ...] = ()
    standaard: bool = False
    drempelbedrag: float | None = None
    windows: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_WINDOWS))
    retentie: Mapping[str, int] = field(default_factory=dict)
    brief_sjablonen: Mapping[str, BriefSjabloon] = field(default_factory=dict)
    measures: Measures = Measures()
    source_file: Path | None = None

    def rule(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    @property
    def pickup_rules(self) -> tuple[Rule, ...]:
        """Rules up to and including the last one that does not pick a melding up.

        Only these decide `opgepakt`; empty when every rule picks up.
        """
        last = -1
        for index, rule in enumerate(self.rules):
            if not rule.dan.opgepakt:
                last = index
        return self.rules[: last + 1]

    @property
    def pickup_columns(self) -> tuple[str, ...]:
        """Same-month feature columns the pick-up decision needs."""
        from pipeline.policy.conditions import CONDITIONS

        used = {CONDITIONS[key].column for rule in self.pickup_rules for key in rule.condition_keys}
        return tuple(c for c in SAME_MONTH_COLUMNS if c in used)

    @property
    def pickup_conditions_only_same_month(self) -> bool:
        """True when pick-up can be decided from same-month columns (always, once validated)."""
        from pipeline.policy.conditions import CONDITIONS

        return all(
            CONDITIONS[key].same_month
            for rule in self.pickup_rules
            for key in rule.condition_keys
        )

    def __repr__(self) -> str:
        codes = "standaard" if self.standaard else ",".join(self.gemeentecodes)
        return f"Policy({self.name!r}, {codes}, {len(self.rules)} regels)"


#: Key of the standaard policy in PolicySet.by_gemeente().
DEFAULT_CODE = "*"


class PolicySet:
    """All policies of a directory: one per gemeente, plus exactly one standaard."""

    def __init__(self, policies: Sequence[Policy]):
        self._policies = tuple(policies)
        standaard = [p for p in self._policies if p.standaard]
        if len(standaard) != 1:
            where = standaard[1].source_file if len(standaard) > 1 else None
            raise PolicyError(
                where,
                None,
                f"er moet precies één standaardbeleid (standaard: true) zijn, gevonden: {len(standaard)}"
                + (" (" + ", ".join(str(p.source_file) for p in standaard) + ")" if standaard else ""),
            )
        self._standaard = standaard[0]
        self._by_code: dict[str, Policy] = {}
        for policy in self._policies:
            for code in policy.gemeentecodes:
                if code in self._by_code:
                    raise PolicyError(
                        policy.source_file,
                        None,
                        f"gemeentecode {code} staat ook in {self._by_code[code].source_file}; "
                        "een gemeente mag maar in één beleidsbestand staan",
                    )
                self._by_code[code] = policy

    @property
    def standaard(self) -> Policy:
        return self._standaard

    @property
    def policies(self) -> tuple[Policy, ...]:
        return self._policies

    @property
    def by_code(self) -> Mapping[str, Policy]:
        return dict(self._by_code)

    def by_gemeente(self) -> dict[str, Policy]:
        """gemeentecode -> Policy for every code a file names, plus '*' -> the standaard policy."""
        return {**self._by_code, DEFAULT_CODE: self._standaard}

    def for_gemeente(self, gemeentecode: str | None) -> Policy:
        """The policy covering `gemeentecode` (e.g. "0546"), else the standaard policy."""
        return self._by_code.get(gemeentecode, self._standaard) if gemeentecode else self._standaard

    def by_name(self, name: str) -> Policy:
        for policy in self._policies:
            if policy.name == name:
                return policy
        raise KeyError(name)

    def __iter__(self) -> Iterator[Policy]:
        return iter(self._policies)

    def __len__(self) -> int:
        return len(self._policies)

    def __repr__(self) -> str:
        return "PolicySet(" + ", ".join(p.name for p in self._policies) + ")"
