"""Reading policy files from disk (strict YAML: duplicate keys are an error)."""

from __future__ import annotations

from pathlib import Path

import yaml

from pipeline.policy.errors import PolicyError
from pipeline.policy.model import Policy, PolicySet
from pipeline.policy.schema import parse_policy

POLICY_SUFFIXES = (".yaml", ".yml")


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses a key written twice in one mapping."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False):
    loader.flatten_mapping(node)
    seen = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"sleutel '{key}' staat twee keer in dezelfde groep (ook op regelnummer {seen[key] + 1})",
                key_node.start_mark,
            )
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping
)


def read_yaml(path: Path):
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PolicyError(path, None, f"kan het bestand niet lezen: {exc}") from exc
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f" bij regelnummer {mark.line + 1}, kolom {mark.column + 1}" if mark else ""
        raise PolicyError(path, None, f"geen geldige YAML{where}: {exc.problem}") from exc
    except yaml.YAMLError as exc:
        raise PolicyError(path, None, f"geen geldige YAML: {exc}") from exc


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
