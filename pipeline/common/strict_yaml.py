"""Reading hand-written YAML (policies, contracts) strictly: a key written twice is an error.

Both loaders raise their own kind of `FileError`, which names the file (and rule or key); a YAML
problem becomes one through `read_strict_yaml_file`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class YamlProblem(ValueError):
    """The file cannot be read or is not valid YAML; `problem` says where, in Dutch."""

    def __init__(self, problem: str):
        super().__init__(problem)
        self.problem = problem


class FileError(ValueError):
    """A hand-written file (a policy, a contract) is invalid. ``str()`` names the file, the place in
    it (when known) and the problem, in Dutch, so its owner can fix it without reading code."""

    #: what ``str()`` says for text that has no file
    without_file = "<zonder bestand>"

    def __init__(self, file: str | Path | None, place: str | None, problem: str):
        self.file = str(file) if file is not None else None
        self.place = place
        self.problem = problem
        super().__init__(self.__str__())

    def place_text(self) -> str | None:
        """How ``str()`` names the place in the file; None leaves it out."""
        return self.place or None

    def __str__(self) -> str:
        where = self.file if self.file is not None else self.without_file
        place = self.place_text()
        return f"{where}: {place}: {self.problem}" if place else f"{where}: {self.problem}"

    def __reduce__(self):  # picklable across processes (Dagster, xdist)
        return (type(self), (self.file, self.place, self.problem))


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


def read_strict_yaml_file(path: Path, error: type[FileError]) -> Any:
    """`read_strict_yaml` for a loader: a problem is raised as `error` naming the file."""
    try:
        return read_strict_yaml(path)
    except YamlProblem as problem:
        raise error(path, None, problem.problem) from problem


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
