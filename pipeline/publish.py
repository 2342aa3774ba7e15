"""Publishing for analysts: analytics.duckdb and one Parquet file per table.

Analysts never open the pipeline's warehouse (a DuckDB reader blocks the writer). Each run
builds the publication under a temporary name next to the old one and renames it into
place, so a reader holding the old file keeps a consistent copy and never sees a half-written
one. Rows are written in a fixed order, so the same data gives the same files.
"""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

import duckdb

from pipeline.faults import crash_point

#: Large tables are written in the order of their unique key; the others in the order of all columns.
SORT_KEYS = {"signalen": "signaal_id", "meldingen": "melding_id", "aanpaklijst": "melding_id"}

#: The pseudonymised tables analysts get; none holds a name, address, BSN, birth date, phone or e-mail.
PUBLISHED_TABLES = ("signalen", "meldingen", "aanpaklijst", "monitor_maand", "monitor", "monitor_verdeling", "bestanden", "quarantaine", "herhaling_curve", "herhaling_effect", "bereik_per_poging")


def _quote(path: Path) -> str:
    return str(path).replace("'", "''")


def publish(con: duckdb.DuckDBPyConnection, out: Path, tables: tuple[str, ...] = PUBLISHED_TABLES) -> dict[str, int]:
    """Write analytics.duckdb and parquet/<table>.parquet from the warehouse; return row counts."""
    clear_leftovers(out)
    token = uuid.uuid4().hex[:12]
    db_tmp = out / f".analytics.{token}.duckdb"
    pq_tmp = out / f".parquet.{token}"
    pq_tmp.mkdir(parents=True)
    counts: dict[str, int] = {}
    try:
        con.execute(f"attach '{_quote(db_tmp)}' as publicatie")
        try:
            for table in tables:
                order = SORT_KEYS.get(table, "all")
                con.execute(f'create table publicatie."{table}" as select * from "{table}" order by {order}')
                counts[table] = con.execute(f'select count(*) from publicatie."{table}"').fetchall()[0][0]
                con.execute(
                    f"copy (select * from publicatie.\"{table}\" order by {order}) "
                    f"to '{_quote(pq_tmp / (table + '.parquet'))}' (format parquet, compression zstd)"
                )
        finally:
            con.execute("detach publicatie")
        crash_point("publish")
        os.replace(db_tmp, out / "analytics.duckdb")
        _swap_dir(pq_tmp, out / "parquet", token)
    finally:
        db_tmp.unlink(missing_ok=True)
        shutil.rmtree(pq_tmp, ignore_errors=True)
    return counts


def clear_leftovers(out: Path) -> None:
    """Remove temporary files of a publication that was killed half-way (we hold the writer lock)."""
    for path in out.glob(".analytics.*.duckdb*"):
        path.unlink(missing_ok=True)
    for path in out.glob(".parquet.*"):
        shutil.rmtree(path, ignore_errors=True)


def _swap_dir(new: Path, target: Path, token: str) -> None:
    old = target.with_name(f".parquet.old.{token}")
    if target.exists():
        os.replace(target, old)
    os.replace(new, target)
    shutil.rmtree(old, ignore_errors=True)
