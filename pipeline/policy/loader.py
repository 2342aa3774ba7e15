"""Reading policy files from disk (strict YAML: duplicate keys are an error)."""

from __future__ import annotations

from pathlib import Path

from pipeline.policy.errors import PolicyError
from pipeline.strict_yaml import YamlProblem, read_strict_yaml
from pipeline.policy.model import Policy, PolicySet
from pipeline.policy.schema import parse_policy

POLICY_SUFFIXES = (".yaml", ".yml")


def read_yaml(path: Path):
    try:
        return read_strict_yaml(path)
    except YamlProblem as problem:
        raise PolicyError(path, None, problem.problem) from problem


def load_policy(path: str | Path) -> Policy:
    """Load and validate one policy file; raises PolicyError."""
    path = Path(path)
    return parse_policy(read_yaml(path), path)


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
