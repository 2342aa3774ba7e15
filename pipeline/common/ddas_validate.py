"""Validate a DDAS v1.2 document: the JSON Schema (draft 2020-12, formats asserted) plus the
references the schema cannot express. Messages name the place (a JSON path with indices)
and the rule, never a value from the document: the document holds personal data.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from pathlib import Path

from typing import TYPE_CHECKING

from pipeline.common.ddas_schema import load_schema

_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$")
if TYPE_CHECKING:  # jsonschema is imported only to explain an invalid document
    from jsonschema.exceptions import ValidationError

_FORMAT_HINTS = {"date": "JJJJ-MM-DD", "date-time": "RFC 3339 met tijdzone", "email": "e-mailadres"}


@functools.lru_cache(maxsize=4)
def _compiled(schema_path: Path | None):
    """The schema compiled by jsonschema-rs (Rust; draft 2020-12 with formats asserted): fast for
    deliveries of hundreds of thousands of signals."""
    import jsonschema_rs

    return jsonschema_rs.validator_for(load_schema(schema_path), validate_formats=True)


def validate_ddas(document: dict, schema_path: Path | None = None) -> list[str]:
    """Problems of `document` against the DDAS schema (default: the shipped v1.2 copy) and
    its internal references; an empty list means valid. A compiled validator decides; when it
    finds a problem, jsonschema lists every problem with its path (never the value)."""
    if _compiled(schema_path).is_valid(document):
        return _reference_problems(document)
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(load_schema(schema_path), format_checker=format_checker())
    errors = sorted(validator.iter_errors(document), key=_error_key)
    problems = _unique(f"{_path(e.absolute_path)}: {_describe(e)}" for e in errors)
    if not problems:  # the validators disagree: never let an invalid document through
        problems = ["$: voldoet niet aan het DDAS-schema"]
    return problems + _reference_problems(document)


def format_checker():
    """Draft 2020-12 formats, plus `date-time` (jsonschema only checks it when the optional
    rfc3339-validator package is installed, which this project does not need)."""
    from jsonschema import Draft202012Validator, FormatChecker

    checker = FormatChecker(formats=())
    checker.checkers = dict(Draft202012Validator.FORMAT_CHECKER.checkers)
    checker.checks("date-time", raises=ValueError)(_is_rfc3339_date_time)
    return checker


def _is_rfc3339_date_time(instance: object) -> bool:
    if not isinstance(instance, str):
        return True
    if not _RFC3339.match(instance):
        return False
    dt.datetime.fromisoformat(instance.upper().replace("Z", "+00:00"))  # ValueError on 2024-02-30 etc.
    return True


def _error_key(error: "ValidationError") -> tuple:
    return tuple((0, p, "") if isinstance(p, int) else (1, 0, str(p)) for p in error.absolute_path), error.validator


def _path(parts) -> str:
    text = "$"
    for p in parts:
        text += f"[{p}]" if isinstance(p, int) else f".{p}"
    return text


def _unique(messages) -> list[str]:
    """One of each message, in order (jsonschema reports `required` once per missing field)."""
    return list(dict.fromkeys(messages))


def _names(names) -> str:
    return ", ".join(str(n)[:40] for n in names)


def _describe(error: "ValidationError") -> str:
    """What rule failed, without the failing value (error.message would quote it)."""
    keyword, rule, instance = error.validator, error.validator_value, error.instance
    if keyword == "required":
        present = instance if isinstance(instance, dict) else {}
        return "verplicht veld ontbreekt: " + _names(p for p in rule if p not in present)
    if keyword == "additionalProperties":
        known = error.schema.get("properties", {})
        extra = sorted(k for k in instance if k not in known) if isinstance(instance, dict) else []
        return "veld(en) niet toegestaan: " + _names(extra)
    if keyword == "enum":
        return "waarde komt niet voor in de toegestane lijst"
    if keyword == "type":
        return f"verkeerd type (verwacht {rule})"
    if keyword == "format":
        return f"geen geldige {rule} (verwacht {_FORMAT_HINTS.get(rule, rule)})"
    if keyword == "minLength":
        return f"te kort (minimaal {rule} tekens)"
    if keyword == "maxLength":
        return f"te lang (maximaal {rule} tekens)"
    if keyword == "minItems":
        return f"te weinig elementen (minimaal {rule})"
    if keyword == "uniqueItems":
        return "elementen komen dubbel voor"
    if keyword == "not":
        return "voldoet aan een uitgesloten vorm"
    if keyword in ("oneOf", "anyOf"):
        if not error.context:
            return "voldoet aan meer dan één variant (precies één verwacht)"
        per_variant: dict[int, list[str]] = {}
        for sub in sorted(error.context, key=_error_key):
            index = sub.relative_schema_path[0] if sub.relative_schema_path else 0
            where = _path(sub.relative_path)[1:].lstrip(".")
            per_variant.setdefault(index, []).append(f"{where + ': ' if where else ''}{_describe(sub)}")
        variants = "; ".join(
            f"variant {i + 1}: {', '.join(_unique(msgs))}" for i, msgs in sorted(per_variant.items())
        )
        return f"voldoet aan geen van de varianten ({variants})"
    return f"voldoet niet aan regel '{keyword}'"


def _reference_problems(document: object) -> list[str]:
    """Vroegsignaal IDs unique per levering; every zaak refers to vroegsignalen of its levering."""
    problems: list[str] = []
    leveringen = document.get("leveringen") if isinstance(document, dict) else None
    for li, levering in enumerate(leveringen if isinstance(leveringen, list) else []):
        if not isinstance(levering, dict):
            continue
        signalen = levering.get("vroegsignalen")
        signalen = signalen if isinstance(signalen, list) else []
        ids = [s["ID"] for s in signalen if isinstance(s, dict) and isinstance(s.get("ID"), str)]
        doubles = sum(n - 1 for n in Counter(ids).values() if n > 1)
        if doubles:
            problems.append(f"$.leveringen[{li}].vroegsignalen: {doubles} vroegsignaal-ID('s) komen dubbel voor")
        known = set(ids)
        zaken = levering.get("vroegsignaalzaken")
        for zi, zaak in enumerate(zaken if isinstance(zaken, list) else []):
            refs = zaak.get("vroegsignalen") if isinstance(zaak, dict) else None
            for ri, ref in enumerate(refs if isinstance(refs, list) else []):
                if isinstance(ref, dict) and isinstance(ref.get("ID"), str) and ref["ID"] not in known:
                    problems.append(
                        f"$.leveringen[{li}].vroegsignaalzaken[{zi}].vroegsignalen[{ri}]: "
                        "verwijst naar een vroegsignaal dat niet in deze levering staat"
                    )
    return problems
