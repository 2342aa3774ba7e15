"""Reading hand-written YAML (policies, contracts) strictly: a key written twice is an error.

Both loaders wrap `YamlProblem` into their own error, which names the file (and rule or key)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class YamlProblem(ValueError):
    """The file cannot be read or is not valid YAML; `problem` says where, in Dutch."""

    def __init__(self, problem: str):
        super().__init__(problem)
        self.problem = problem


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses a key written twice in one mapping."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False):
    loader.flatten_mapping(node)
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None,
                f"sleutel '{key}' staat twee keer in dezelfde groep (eerder op regel {seen[key] + 1})",
                key_node.start_mark,
            )
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_strict_yaml(path: Path) -> Any:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise YamlProblem(f"kan het bestand niet lezen ({exc.strerror})") from exc
    return parse_strict_yaml(text)


def parse_strict_yaml(text: str) -> Any:
    """The same strict reading for text kept elsewhere (e.g. a policy version in the warehouse)."""
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f" op regel {mark.line + 1}, kolom {mark.column + 1}" if mark else ""
        raise YamlProblem(f"geen geldige YAML{where}: {exc.problem}") from exc
    except yaml.YAMLError as exc:
        raise YamlProblem(f"geen geldige YAML: {exc}") from exc
