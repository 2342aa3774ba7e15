"""Reading policy files from disk (strict YAML: duplicate keys are an error)."""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

from pipeline.policy.errors import PolicyError
from pipeline.common.strict_yaml import YamlProblem, parse_strict_yaml
from pipeline.policy.model import Policy, PolicySet
from pipeline.policy.schema import parse_policy

POLICY_SUFFIXES = (".yaml", ".yml")


def load_policy(path: str | Path) -> Policy:
    """Load and validate one policy file; raises PolicyError. Keeps the file's text and sha256."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PolicyError(path, None, f"kan het bestand niet lezen ({exc.strerror})") from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise PolicyError(path, None, "het bestand is geen UTF-8-tekst") from None
    return load_policy_text(text, path, hashlib.sha256(data).hexdigest())


def load_policy_text(text: str, file: str | Path, source_hash: str | None = None) -> Policy:
    """A policy from its text (a file, or a version the warehouse kept); raises PolicyError."""
    try:
        document = parse_strict_yaml(text)
    except YamlProblem as problem:
        raise PolicyError(file, None, problem.problem) from problem
    policy = parse_policy(document, file)
    digest = source_hash or hashlib.sha256(text.encode("utf-8")).hexdigest()
    return dataclasses.replace(policy, source_hash=digest, source_text=text)


def load_policies(directory: str | Path) -> PolicySet:
    """Load every *.yaml / *.yml in `directory` (sorted by name) into a PolicySet.

    Exactly one file must be `standaard: true`; a gemeentecode may appear in one
    file only.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise PolicyError(directory, None, "map met beleidsbestanden bestaat niet")
    files = sorted(p for p in directory.iterdir() if p.suffix in POLICY_SUFFIXES and p.is_file())
    if not files:
        raise PolicyError(directory, None, "geen beleidsbestanden (*.yaml) gevonden")
    return PolicySet([load_policy(p) for p in files])
