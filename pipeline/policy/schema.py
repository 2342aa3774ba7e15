"""Strict validation of a parsed policy file (a dict from YAML) into a Policy.

Every problem raises PolicyError(file, rule_id, problem) with a Dutch message
that names the offending key path, e.g. "als.bedrag.min: verwacht een getal".
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pipeline.policy.conditions import (
    ALL_OF_KEYS,
    ANY_OF_KEYS,
    CONDITIONS,
    NOT_KEYS,
    SAME_MONTH_KEYS,
)
from pipeline.policy.errors import PolicyError
from pipeline.policy.frames import (
    AANPAKKEN,
    KANALEN,
    OPGEPAKT,
    RULE_SIGNAALSTATUSSEN,
)
from pipeline.policy.model import (
    ALWAYS,
    DEFAULT_WINDOWS,
    AllOf,
    AnyOf,
    BriefSjabloon,
    Condition,
    Leaf,
    Measure,
    Measures,
    Not,
    Outcome,
    Policy,
    Range,
    Rule,
)

TOP_KEYS = (
    "naam",
    "standaard",
    "gemeentecodes",
    "geldig_vanaf",
    "drempelbedrag",
    "vensters",
    "retentie",
    "brief_sjablonen",
    "maatregelen",
    "regels",
)
RULE_KEYS = ("id", "naam", "als", "dan")
OUTCOME_KEYS = ("aanpak", "kanalen", "brief_sjabloon", "prioriteit", "signaalstatus")
WINDOW_KEYS = tuple(DEFAULT_WINDOWS)
# measure -> its parameter besides `aan` (None: only on/off)
MEASURE_PARAMS: dict[str, str | None] = {
    "niet_benaderen": None,
    "pauze_na_zonder_contact": "aantal",
    "intensiveren": None,
    "recidive_brief": "sjabloon",
    "bewind_overwegen_na": "aantal",
    "andere_systemen_na": "aantal",
    "zelfde_consulent": None,
    "meer_prioriteit_recidive": None,
}
# Ids the engine writes into `regel` itself; a rule may not use them.
RESERVED_IDS = frozenset({"geen_regel", "bekend_shv", *MEASURE_PARAMS})
ALWAYS_WORD = "altijd"
IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*$")
GEMEENTECODE = re.compile(r"^[0-9]{4}$")


class _Context:
    """Where we are in the file, for error messages."""

    def __init__(self, file: Path | str | None, rule_id: str | None = None):
        self.file = file
        self.rule_id = rule_id

    def for_rule(self, rule_id: str) -> "_Context":
        return _Context(self.file, rule_id)

    def error(self, path: str, problem: str) -> PolicyError:
        return PolicyError(self.file, self.rule_id, f"{path}: {problem}" if path else problem)


# ------------------------------------------------------------------ primitives


def _show(value: Any) -> str:
    return repr(value) if isinstance(value, str) else str(value)


def _is_number(value: Any) -> bool:
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and math.isfinite(value)
    )


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _suggest(word: str, options) -> str:
    """' Bedoelt u ...?' for a near miss (case-insensitive), else ''."""
    options = list(options)
    lowered = {str(o).lower(): o for o in options}
    close = difflib.get_close_matches(str(word).lower(), list(lowered), n=1, cutoff=0.7)
    if not close:  # a prefix such as 'pauze' for 'pauze_na_zonder_contact'
        close = [o for o in lowered if len(str(word)) >= 4 and o.startswith(str(word).lower())][:1]
    return f" Bedoelt u '{lowered[close[0]]}'?" if close else ""


def _check_keys(ctx: _Context, path: str, data: Mapping, allowed, required=()) -> None:
    for key in data:
        if key not in allowed:
            raise ctx.error(
                path,
                f"onbekende sleutel '{key}'.{_suggest(key, allowed)} Toegestaan: {', '.join(allowed)}",
            )
    for key in required:
        if key not in data:
            raise ctx.error(path, f"sleutel '{key}' ontbreekt")


def _mapping(ctx: _Context, path: str, value: Any) -> Mapping:
    if not isinstance(value, Mapping):
        raise ctx.error(path, f"verwacht een lijst met sleutels (mapping), kreeg {_show(value)}")
    return value


def _bool(ctx: _Context, path: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ctx.error(path, f"verwacht true of false, kreeg {_show(value)}")
    return value


def _text(ctx: _Context, path: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ctx.error(path, f"verwacht een tekst, kreeg {_show(value)}")
    return value.strip()


def _identifier(ctx: _Context, path: str, value: Any) -> str:
    if not isinstance(value, str) or not IDENTIFIER.match(value):
        raise ctx.error(
            path,
            f"verwacht een id van kleine letters, cijfers en '_' (bijv. 'jongeren_huisbezoek'), kreeg {_show(value)}",
        )
    return value


def _count(ctx: _Context, path: str, value: Any, minimum: int = 1) -> int:
    if not _is_int(value) or value < minimum:
        raise ctx.error(path, f"verwacht een geheel getal van minstens {minimum}, kreeg {_show(value)}")
    return value


# ------------------------------------------------------------------ conditions


def _range(ctx: _Context, path: str, key: str, value: Any) -> Range:
    spec = CONDITIONS[key]
    data = _mapping(ctx, path, value)
    if not data:
        raise ctx.error(path, f"geef minstens één grens: {', '.join(spec.bounds)}")
    _check_keys(ctx, path, data, spec.bounds)
    for bound, number in data.items():
        if spec.integer and not _is_int(number):
            raise ctx.error(f"{path}.{bound}", f"verwacht een geheel getal, kreeg {_show(number)}")
        if not _is_number(number):
            raise ctx.error(f"{path}.{bound}", f"verwacht een getal, kreeg {_show(number)}")
        if number < 0:
            raise ctx.error(f"{path}.{bound}", f"verwacht een getal van 0 of meer, kreeg {_show(number)}")
    if "min" in data and "boven" in data:
        raise ctx.error(path, "gebruik 'min' (vanaf, inclusief) óf 'boven' (exclusief), niet allebei")
    if "max" in data and "onder" in data:
        raise ctx.error(path, "gebruik 'max' (tot en met, inclusief) óf 'onder' (exclusief), niet allebei")

    lower_key = next((k for k in ("van", "min", "boven") if k in data), None)
    upper_key = next((k for k in ("tot", "max", "onder") if k in data), None)
    rng = Range(
        lower=data[lower_key] if lower_key else None,
        lower_inclusive=lower_key != "boven",
        upper=data[upper_key] if upper_key else None,
        upper_inclusive=upper_key == "max",
    )
    if rng.lower is not None and rng.upper is not None:
        empty = rng.lower > rng.upper or (
            rng.lower == rng.upper and not (rng.lower_inclusive and rng.upper_inclusive)
        )
        if empty:
            relation = "groter dan" if rng.lower > rng.upper else "gelijk aan"
            raise ctx.error(
                path,
                f"{lower_key} ({_show(rng.lower)}) is {relation} {upper_key} ({_show(rng.upper)}): "
                "geen enkele waarde valt hierbinnen",
            )
    return rng


def _leaf(ctx: _Context, path: str, key: str, value: Any) -> Leaf:
    spec = CONDITIONS[key]
    if spec.kind == "range":
        return Leaf(key, _range(ctx, path, key, value))
    if spec.kind in ("flag", "children"):
        return Leaf(key, _bool(ctx, path, value))
    if spec.kind in ("list_any", "choice"):
        items = value if isinstance(value, list) else [value]
        if not items:
            raise ctx.error(path, f"geef minstens één waarde; toegestaan: {'; '.join(spec.choices)}")
        for item in items:
            if item not in spec.choices:
                raise ctx.error(
                    path,
                    f"onbekende waarde {_show(item)}.{_suggest(item, spec.choices)} "
                    f"Toegestaan: {'; '.join(spec.choices)}",
                )
        if len(set(items)) != len(items):
            raise ctx.error(path, "een waarde staat er dubbel in")
        return Leaf(key, tuple(items))
    raise AssertionError(spec.kind)  # pragma: no cover


def parse_condition(ctx: _Context, path: str, data: Any) -> Condition:
    """`als` (or a nested group): a mapping whose entries must ALL hold."""
    if data == ALWAYS_WORD and path == "als":
        return ALWAYS
    if data is None:
        raise ctx.error(path, f"leeg; schrijf de voorwaarden, of 'als: {ALWAYS_WORD}' voor een regel die altijd geldt")
    mapping = _mapping(ctx, path, data)
    items: list[Condition] = []
    for key, value in mapping.items():
        sub = f"{path}.{key}"
        if key in ANY_OF_KEYS or key in ALL_OF_KEYS:
            if not isinstance(value, list) or not value:
                raise ctx.error(sub, "verwacht een lijst met groepen voorwaarden (elk beginnend met '- ')")
            groups = tuple(
                parse_condition(ctx, f"{sub}[{n + 1}]", group) for n, group in enumerate(value)
            )
            for n, group in enumerate(groups):
                if group == ALWAYS:
                    raise ctx.error(f"{sub}[{n + 1}]", "lege groep voorwaarden")
            items.append(AnyOf(groups) if key in ANY_OF_KEYS else AllOf(groups))
        elif key in NOT_KEYS:
            inner = parse_condition(ctx, sub, value)
            if inner == ALWAYS:
                raise ctx.error(sub, "lege groep voorwaarden")
            items.append(Not(inner))
        elif key in CONDITIONS:
            items.append(_leaf(ctx, sub, key, value))
        else:
            allowed = (*CONDITIONS, *ANY_OF_KEYS, *ALL_OF_KEYS, *NOT_KEYS)
            raise ctx.error(
                sub,
                f"onbekende voorwaarde '{key}'.{_suggest(key, allowed)} Toegestaan: {', '.join(allowed)}",
            )
    if len(items) == 1:
        return items[0]
    return AllOf(tuple(items))


# ------------------------------------------------------------------ outcome and rules


def parse_outcome(ctx: _Context, data: Any, sjablonen: Mapping[str, BriefSjabloon]) -> Outcome:
    path = "dan"
    data = _mapping(ctx, path, data)
    _check_keys(ctx, path, data, OUTCOME_KEYS, required=("aanpak",))
    aanpak = data["aanpak"]
    if aanpak not in AANPAKKEN:
        raise ctx.error(
            f"{path}.aanpak",
            f"onbekende aanpak {_show(aanpak)}.{_suggest(aanpak, AANPAKKEN)} Toegestaan: {', '.join(AANPAKKEN)}",
        )
    contact = aanpak in KANALEN

    if "kanalen" in data:
        kanalen = data["kanalen"]
        if not isinstance(kanalen, list):
            raise ctx.error(f"{path}.kanalen", f"verwacht een lijst met kanalen, kreeg {_show(kanalen)}")
        for kanaal in kanalen:
            if kanaal not in KANALEN:
                raise ctx.error(
                    f"{path}.kanalen",
                    f"onbekend kanaal {_show(kanaal)}.{_suggest(kanaal, KANALEN)} Toegestaan: {', '.join(KANALEN)}",
                )
        if len(set(kanalen)) != len(kanalen):
            raise ctx.error(f"{path}.kanalen", "een kanaal staat er dubbel in")
        if not contact and kanalen:
            raise ctx.error(f"{path}.kanalen", f"bij aanpak '{aanpak}' horen geen kanalen")
        if contact and (not kanalen or kanalen[0] != aanpak):
            raise ctx.error(
                f"{path}.kanalen",
                f"het eerste kanaal moet de aanpak zelf zijn ('{aanpak}'), kreeg {kanalen}",
            )
        kanalen = tuple(kanalen)
    else:
        kanalen = (aanpak,) if contact else ()

    sjabloon = data.get("brief_sjabloon")
    if sjabloon is not None:
        if not isinstance(sjabloon, str) or sjabloon not in sjablonen:
            known = ", ".join(sjablonen) or "(geen brief_sjablonen gedefinieerd)"
            raise ctx.error(
                f"{path}.brief_sjabloon",
                f"onbekend sjabloon {_show(sjabloon)}.{_suggest(sjabloon, sjablonen)} "
                f"Definieer het onder brief_sjablonen; bekend: {known}",
            )
        if not contact:
            raise ctx.error(f"{path}.brief_sjabloon", f"bij aanpak '{aanpak}' wordt geen brief verstuurd")
    elif "brief" in kanalen:
        raise ctx.error(f"{path}.brief_sjabloon", "ontbreekt; een brief heeft een sjabloon nodig")

    prioriteit = _count(ctx, f"{path}.prioriteit", data.get("prioriteit", 3))

    status = data.get("signaalstatus", OPGEPAKT)
    if status not in RULE_SIGNAALSTATUSSEN:
        raise ctx.error(
            f"{path}.signaalstatus",
            f"onbekende signaalstatus {_show(status)}. Toegestaan: {'; '.join(RULE_SIGNAALSTATUSSEN)}",
        )
    if status != OPGEPAKT and aanpak != "geen":
        raise ctx.error(
            f"{path}.signaalstatus",
            f"een melding die niet wordt opgepakt ('{status}') moet aanpak 'geen' hebben, niet '{aanpak}'",
        )
    return Outcome(aanpak, kanalen, sjabloon, prioriteit, status)


def parse_rule(ctx: _Context, index: int, data: Any, sjablonen, seen: set[str]) -> Rule:
    label = f"#{index + 1}"
    if isinstance(data, Mapping) and isinstance(data.get("id"), str):
        label = data["id"]
    rctx = ctx.for_rule(label)
    data = _mapping(rctx, "", data)
    _check_keys(rctx, "", data, RULE_KEYS, required=RULE_KEYS)
    rule_id = _identifier(rctx, "id", data["id"])
    if rule_id in RESERVED_IDS:
        raise rctx.error("id", f"'{rule_id}' is gereserveerd voor de engine; kies een ander id")
    if rule_id in seen:
        raise rctx.error("id", "dit id komt al eerder voor; elke regel heeft een eigen id")
    seen.add(rule_id)
    naam = _text(rctx, "naam", data["naam"])
    als = parse_condition(rctx, "als", data["als"])
    dan = parse_outcome(rctx, data["dan"], sjablonen)
    return Rule(rule_id, naam, als, dan)


def check_pickup_rules(ctx: _Context, rules: tuple[Rule, ...]) -> None:
    """Rules up to the last non-pick-up rule may only use same-month conditions."""
    last = max((i for i, r in enumerate(rules) if not r.dan.opgepakt), default=-1)
    if last < 0:
        return
    last_rule = rules[last]
    for rule in rules[: last + 1]:
        history = sorted(k for k in rule.condition_keys if k not in SAME_MONTH_KEYS)
        if history:
            place = "is" if rule is last_rule else "staat vóór"
            raise ctx.for_rule(rule.id).error(
                "als",
                f"voorwaarde {', '.join(repr(k) for k in history)} gaat over eerdere meldingen, maar deze regel "
                f"{place} de laatste regel die meldingen niet oppakt ('{last_rule.id}', "
                f"signaalstatus '{last_rule.dan.signaalstatus}'). De pipeline beslist of een melding wordt "
                "opgepakt vóórdat de geschiedenis van het adres is berekend, dus tot en met die regel mogen "
                f"alleen voorwaarden over dezelfde maand staan ({', '.join(SAME_MONTH_KEYS)}). "
                f"Zet deze regel na '{last_rule.id}' of laat die voorwaarde weg.",
            )


# ------------------------------------------------------------------ top level


def _gemeentecodes(ctx: _Context, data: Mapping, standaard: bool) -> tuple[str, ...]:
    codes = data.get("gemeentecodes", [])
    if codes is None:
        codes = []
    if not isinstance(codes, list):
        raise ctx.error("gemeentecodes", f"verwacht een lijst, kreeg {_show(codes)}")
    for code in codes:
        if not isinstance(code, str):
            raise ctx.error(
                "gemeentecodes",
                f"een gemeentecode is geen tekst (YAML las het getal {_show(code)}); zet gemeentecodes "
                "tussen aanhalingstekens, bijv. [\"0546\"], anders leest YAML 0546 als getal",
            )
        if not GEMEENTECODE.match(code):
            raise ctx.error("gemeentecodes", f"verwacht een CBS-gemeentecode van 4 cijfers, kreeg {_show(code)}")
    if len(set(codes)) != len(codes):
        raise ctx.error("gemeentecodes", "een gemeentecode staat er dubbel in")
    if standaard and codes:
        raise ctx.error("gemeentecodes", "het standaardbeleid geldt voor alle overige gemeenten; laat de lijst leeg")
    if not standaard and not codes:
        raise ctx.error(
            "gemeentecodes",
            "geef de gemeentecodes waarvoor dit beleid geldt, of zet 'standaard: true' voor het standaardbeleid",
        )
    return tuple(codes)


def _windows(ctx: _Context, data: Any) -> dict[str, int]:
    windows = dict(DEFAULT_WINDOWS)
    if data is None:
        return windows
    data = _mapping(ctx, "vensters", data)
    _check_keys(ctx, "vensters", data, WINDOW_KEYS)
    for key, value in data.items():
        windows[key] = _count(ctx, f"vensters.{key}", value)
    return windows


def _geldig_vanaf(ctx: _Context, data: Any) -> dt.date | None:
    """`geldig_vanaf: 2024-07` (the first month the file applies); absent = from the beginning."""
    if data is None:
        return None
    if isinstance(data, dt.date) and not isinstance(data, dt.datetime) and data.day == 1:
        return data
    if isinstance(data, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}", data.strip()):
        try:
            return dt.datetime.strptime(data.strip(), "%Y-%m").date()
        except ValueError:
            pass
    raise ctx.error("geldig_vanaf", f"verwacht een maand in de vorm JJJJ-MM (bijv. 2025-01), kreeg {_show(data)}")


def _retentie(ctx: _Context, data: Any) -> dict[str, int]:
    if data is None:
        return {}
    data = _mapping(ctx, "retentie", data)
    return {
        _identifier(ctx, "retentie", key): _count(ctx, f"retentie.{key}", months)
        for key, months in data.items()
    }


def _sjablonen(ctx: _Context, data: Any) -> dict[str, BriefSjabloon]:
    if data is None:
        return {}
    data = _mapping(ctx, "brief_sjablonen", data)
    result = {}
    for key, value in data.items():
        sid = _identifier(ctx, "brief_sjablonen", key)
        path = f"brief_sjablonen.{sid}"
        if isinstance(value, str):
            result[sid] = BriefSjabloon(sid, _text(ctx, path, value))
            continue
        value = _mapping(ctx, path, value)
        _check_keys(ctx, path, value, ("omschrijving", "bestand"), required=("omschrijving",))
        bestand = value.get("bestand")
        result[sid] = BriefSjabloon(
            sid,
            _text(ctx, f"{path}.omschrijving", value["omschrijving"]),
            _text(ctx, f"{path}.bestand", bestand) if bestand is not None else None,
        )
    return result


def _measures(ctx: _Context, data: Any, sjablonen: Mapping[str, BriefSjabloon]) -> Measures:
    if data is None:
        return Measures()
    data = _mapping(ctx, "maatregelen", data)
    _check_keys(ctx, "maatregelen", data, tuple(MEASURE_PARAMS))
    parsed = {}
    for name, value in data.items():
        path = f"maatregelen.{name}"
        param = MEASURE_PARAMS[name]
        value = _mapping(ctx, path, value)
        allowed = ("aan",) + ((param,) if param else ())
        _check_keys(ctx, path, value, allowed, required=allowed)
        aan = _bool(ctx, f"{path}.aan", value["aan"])
        if param == "aantal":
            parsed[name] = Measure(aan=aan, aantal=_count(ctx, f"{path}.aantal", value["aantal"]))
        elif param == "sjabloon":
            sjabloon = value["sjabloon"]
            if not isinstance(sjabloon, str) or sjabloon not in sjablonen:
                raise ctx.error(
                    f"{path}.sjabloon",
                    f"onbekend sjabloon {_show(sjabloon)}; definieer het onder brief_sjablonen",
                )
            parsed[name] = Measure(aan=aan, sjabloon=sjabloon)
        else:
            parsed[name] = Measure(aan=aan)
    return Measures(**parsed)


def parse_policy(data: Any, file: Path | str | None = None) -> Policy:
    """Validate a parsed policy document; return a Policy or raise PolicyError."""
    ctx = _Context(file)
    if not isinstance(data, Mapping):
        raise ctx.error("", "het bestand moet een beleid met sleutels bevatten (naam, regels, ...)")
    _check_keys(ctx, "", data, TOP_KEYS, required=("naam", "drempelbedrag", "regels"))
    naam = _text(ctx, "naam", data["naam"])
    standaard = _bool(ctx, "standaard", data.get("standaard", False))
    gemeentecodes = _gemeentecodes(ctx, data, standaard)
    geldig_vanaf = _geldig_vanaf(ctx, data.get("geldig_vanaf"))

    drempel = data["drempelbedrag"]
    if drempel is not None and (not _is_number(drempel) or drempel < 0):
        raise ctx.error("drempelbedrag", f"verwacht een bedrag van 0 of meer, of null (geen drempel), kreeg {_show(drempel)}")

    windows = _windows(ctx, data.get("vensters"))
    retentie = _retentie(ctx, data.get("retentie"))
    sjablonen = _sjablonen(ctx, data.get("brief_sjablonen"))
    measures = _measures(ctx, data.get("maatregelen"), sjablonen)

    regels = data["regels"]
    if not isinstance(regels, list) or not regels:
        raise ctx.error("regels", "verwacht een lijst met minstens één regel")
    seen: set[str] = set()
    rules = tuple(parse_rule(ctx, i, rule, sjablonen, seen) for i, rule in enumerate(regels))
    check_pickup_rules(ctx, rules)

    return Policy(
        name=naam,
        rules=rules,
        gemeentecodes=gemeentecodes,
        standaard=standaard,
        geldig_vanaf=geldig_vanaf,
        drempelbedrag=float(drempel) if drempel is not None else None,
        windows=windows,
        retentie=retentie,
        brief_sjablonen=sjablonen,
        measures=measures,
        source_file=Path(file) if file is not None else None,
    )
