"""The DDAS Vroegsignalering v1.2 JSON Schema shipped in data_contracts/ddas/, and its enums."""

from __future__ import annotations

import functools
import json
from pathlib import Path

#: The project's copy of the published schema (see data_contracts/ddas/SOURCE.md).
SCHEMA_PATH = Path(__file__).resolve().parents[2] / "data_contracts/ddas/json_schema_Uitwisselmodel_v1.2.json"


@functools.lru_cache(maxsize=8)
def _load(path: str) -> dict:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def load_schema(path: Path | None = None) -> dict:
    """The schema as a dict (cached; do not mutate it)."""
    return _load(str(Path(path or SCHEMA_PATH).resolve()))


def enum_values(name: str, path: Path | None = None) -> tuple[str, ...]:
    """The values of `$defs/<name>`, e.g. enum_values("EnumContactsoort"), in schema order."""
    return tuple(load_schema(path)["$defs"][name]["enum"])
