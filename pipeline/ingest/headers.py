"""Input headers -> schema fields: case, separator and accent insensitive, with synonyms."""

from __future__ import annotations

from .errors import FileProblem
from .schema import InputSchema, normalise_key


def _quoted(names: list[str]) -> str:
    return ", ".join(f"'{n}'" for n in names)


def map_headers(file: str, headers: list[str], schema: InputSchema) -> tuple[dict[str, int], list[str]]:
    """Return (field name -> column index, headers that map to no field).

    Raises FileProblem when two headers map to one field or required fields are
    missing (all missing ones are named). Header texts are column names, not
    personal data, so they may appear in messages.
    """
    lookup = schema.header_lookup()
    found: dict[str, list[int]] = {}
    extra: list[str] = []
    for j, header in enumerate(headers):
        key = normalise_key(header)
        if not key:  # empty header cell (e.g. a trailing delimiter)
            continue
        field = lookup.get(key)
        if field is None:
            extra.append(header)
        else:
            found.setdefault(field, []).append(j)

    doubles = {f: idx for f, idx in found.items() if len(idx) > 1}
    if doubles:
        parts = [
            f"kolommen {_quoted([headers[j] for j in idx])} horen bij hetzelfde veld '{f}'"
            for f, idx in doubles.items()
        ]
        raise FileProblem(file, "; ".join(parts))

    missing = [f for f in schema.required if f not in found]
    if len(missing) == 1:
        raise FileProblem(file, f"verplichte kolom '{missing[0]}' ontbreekt")
    if missing:
        raise FileProblem(file, f"verplichte kolommen {_quoted(missing)} ontbreken")
    return {f: idx[0] for f, idx in found.items()}, extra
