"""Which export files are up to date: a fingerprint of each file's input, kept in the warehouse.

An export (a werkvoorraad workbook, a DDAS delivery) is rebuilt only when the rows it is made
from changed or the file is gone: a run that changed one gemeente's month does not rewrite the
other 341. The fingerprint is a hash of the input frames (polars row hashes, the schema and the
file's parameters), never a value from the data; table `export_vingerafdruk` (bestand, vingerafdruk).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

import duckdb
import polars as pl

TABLE = "export_vingerafdruk"


def digest(frames: Iterable[pl.DataFrame], *params: object) -> str:
    h = hashlib.sha256(json.dumps([str(p) for p in params]).encode())
    for frame in frames:
        h.update(repr(frame.schema).encode())
        h.update(frame.height.to_bytes(8, "little"))
        if frame.height:
            h.update(frame.hash_rows(seed=0).to_numpy().tobytes())
    return h.hexdigest()


def _ensure(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(f"create table if not exists {TABLE} (bestand varchar primary key, vingerafdruk varchar)")


def known(con: duckdb.DuckDBPyConnection, paths: Iterable[Path]) -> dict[str, str]:
    """The stored fingerprints of the files among `paths` that still exist."""
    _ensure(con)
    names = [str(p) for p in paths if Path(p).exists()]
    if not names:
        return {}
    rows = con.execute(f"select bestand, vingerafdruk from {TABLE} where list_contains(?, bestand)", [names]).fetchall()
    return dict(rows)


def remember(con: duckdb.DuckDBPyConnection, fingerprints: dict[str, str]) -> None:
    if not fingerprints:
        return
    _ensure(con)
    frame = pl.DataFrame({"bestand": list(fingerprints), "vingerafdruk": list(fingerprints.values())})
    con.register("nieuwe_vingerafdrukken", frame)
    try:
        con.execute(f"insert or replace into {TABLE} select bestand, vingerafdruk from nieuwe_vingerafdrukken")
    finally:
        con.unregister("nieuwe_vingerafdrukken")
