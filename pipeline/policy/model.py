"""The in-memory form of a policy (werkwijze): plain frozen dataclasses.

Files are parsed into these by `schema.py`; the engine reads only these.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Union

from pipeline.policy.errors import PolicyError
from pipeline.policy.conditions import CONDITIONS
from pipeline.policy.frames import OPGEPAKT, SAME_MONTH_COLUMNS

from pipeline.policy.tree import ALWAYS, AllOf, AnyOf, Condition, Leaf, Not, Range, leaves  # noqa: F401 (re-exported)


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
    #: First month the file applies (`geldig_vanaf: YYYY-MM`); None = from the beginning.
    geldig_vanaf: dt.date | None = None
    drempelbedrag: float | None = None
    windows: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_WINDOWS))
    retentie: Mapping[str, int] = field(default_factory=dict)
    brief_sjablonen: Mapping[str, BriefSjabloon] = field(default_factory=dict)
    measures: Measures = Measures()
    source_file: Path | None = None
    #: sha256 of the file's bytes and its text, as read (the warehouse keeps every version it used).
    source_hash: str | None = None
    source_text: str | None = field(default=None, repr=False)

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
        used = {CONDITIONS[key].column for rule in self.pickup_rules for key in rule.condition_keys}
        return tuple(c for c in SAME_MONTH_COLUMNS if c in used)

    @property
    def pickup_conditions_only_same_month(self) -> bool:
        """True when pick-up can be decided from same-month columns (always, once validated)."""
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
    """All policies of a directory: per gemeente one or more versions (`geldig_vanaf`), plus the
    standaard policy (also possibly in versions). For month M the version with the latest
    geldig_vanaf <= M applies (a file without geldig_vanaf applies from the beginning); before a
    gemeente's first version, the standaard applies."""

    def __init__(self, policies: Sequence[Policy]):
        self._policies = tuple(policies)
        standaard = [p for p in self._policies if p.standaard]
        by_start: dict[dt.date | None, list[Policy]] = {}
        for policy in standaard:
            by_start.setdefault(policy.geldig_vanaf, []).append(policy)
        clash = next((group for group in by_start.values() if len(group) > 1), None)
        if not standaard or clash:
            found = clash or standaard
            where = found[1].source_file if len(found) > 1 else None
            versions = " met dezelfde geldig_vanaf" if len(by_start) > 1 else ""
            raise PolicyError(
                where,
                None,
                f"er moet precies één standaardbeleid (standaard: true) zijn{versions}, gevonden: {len(found)}"
                + (" (" + ", ".join(str(p.source_file) for p in found) + ")" if found else ""),
            )
        self._standaard_versions = tuple(sorted(standaard, key=_start))
        self._versions: dict[str, list[Policy]] = {}
        for policy in self._policies:
            for code in policy.gemeentecodes:
                versions = self._versions.setdefault(code, [])
                same = [p for p in versions if p.geldig_vanaf == policy.geldig_vanaf]
                if same:
                    when = f"geldig_vanaf {policy.geldig_vanaf:%Y-%m}" if policy.geldig_vanaf else "geen geldig_vanaf"
                    raise PolicyError(
                        policy.source_file,
                        None,
                        f"gemeentecode {code} staat ook in {same[0].source_file} met dezelfde {when}; "
                        "een gemeente mag per geldig_vanaf maar in één beleidsbestand staan",
                    )
                versions.append(policy)
                versions.sort(key=_start)

    @property
    def standaard(self) -> Policy:
        """The standaard policy in force now (the one with the latest geldig_vanaf)."""
        return self._standaard_versions[-1]

    @property
    def policies(self) -> tuple[Policy, ...]:
        return self._policies

    @property
    def has_versions(self) -> bool:
        """True when some file says geldig_vanaf (then the month matters, not only the gemeente)."""
        return any(p.geldig_vanaf is not None for p in self._policies)

    @property
    def by_code(self) -> Mapping[str, Policy]:
        """gemeentecode -> the policy in force now for every code a file names."""
        return {code: versions[-1] for code, versions in self._versions.items()}

    def by_gemeente(self) -> dict[str, Policy]:
        """gemeentecode -> Policy for every code a file names, plus '*' -> the standaard policy (now)."""
        return {**self.by_code, DEFAULT_CODE: self.standaard}

    def versions(self, gemeentecode: str) -> tuple[Policy, ...]:
        """The versions a gemeente's own files give, by geldig_vanaf ('*': the standaard's)."""
        if gemeentecode == DEFAULT_CODE:
            return self._standaard_versions
        return tuple(self._versions.get(gemeentecode, ()))

    def for_gemeente(self, gemeentecode: str | None, maand: dt.date | None = None) -> Policy:
        """The policy covering `gemeentecode` (e.g. "0546") in month `maand` (default: now),
        else the standaard policy of that month."""
        own = self._versions.get(gemeentecode, ()) if gemeentecode else ()
        found = _in_force(own, maand)
        return found or _in_force(self._standaard_versions, maand) or self._standaard_versions[0]

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


def _start(policy: Policy) -> dt.date:
    return policy.geldig_vanaf or dt.date(1900, 1, 1)


def _in_force(versions: Sequence[Policy], maand: dt.date | None) -> Policy | None:
    """The version with the latest geldig_vanaf <= maand (maand None: the latest)."""
    if maand is None:
        return versions[-1] if versions else None
    found = None
    for policy in versions:
        if _start(policy) <= maand:
            found = policy
    return found
