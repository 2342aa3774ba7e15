"""Publishing for analysts: analytics.duckdb and Parquet per table (and per month).

Analysts never open the pipeline's warehouse (a DuckDB reader blocks the writer). Each run
builds the publication under a temporary name next to the old one and renames it into place,
so a reader holding the old file keeps a consistent copy and never sees a half-written one.

A run publishes only what it changed (docs/run-architecture.md): the last published
analytics.duckdb is copied to the temporary name, the rows of months >= `vanaf` of the
month-keyed tables are replaced and the small tables replaced whole; a full run (or a first
one, or a table whose columns changed) writes the tables anew. Parquet:

    parquet/<table>/maand=YYYY-MM/data.parquet     month-keyed tables (signalen, meldingen, ...)
    parquet/<table>/data.parquet                   the others

The new tree is built beside the old one: months before `vanaf` are hard links to the old
files, the others are written, then the trees are swapped. Rows are written in a fixed order
with fixed writer settings, so the same data gives byte-identical files.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import uuid
from collections.abc import Callable
from pathlib import Path

import duckdb

from pipeline.common.faults import crash_point
from pipeline.warehouse.run_range import RunRange, read_run_range

#: Large tables are written in the order of their unique key; the others in the order of all columns.
SORT_KEYS = {"signalen": "signaal_id", "meldingen": "melding_id", "aanpaklijst": "melding_id"}

#: Tables keyed by `maand`: republished per month, one Parquet file per month.
MONTH_TABLES = ("signalen", "meldingen", "aanpaklijst")

#: The pseudonymised tables analysts get; none holds a name, address, BSN, birth date, phone or e-mail.
PUBLISHED_TABLES = ("signalen", "meldingen", "aanpaklijst", "monitor_maand", "monitor", "monitor_verdeling", "bestanden", "quarantaine", "herhaling_curve", "herhaling_effect", "bereik_per_poging")

#: Fixed Parquet writer settings (the same data gives the same bytes).
PARQUET_OPTIONS = "format parquet, compression zstd, row_group_size 122880"

MONTH_DIR = "maand="


def _quote(path: Path) -> str:
    return str(path).replace("'", "''")


def order_of(table: str) -> str:
    key = SORT_KEYS.get(table, "all")
    return f"maand, {key}" if table in MONTH_TABLES and key != "all" else key


def parquet_glob(out: Path, table: str) -> str:
    """The pattern that reads one published table back: `read_parquet(<glob>, hive_partitioning = true)`."""
    return str(out / "parquet" / table / "**" / "*.parquet")


def _columns(con: duckdb.DuckDBPyConnection, database: str, table: str) -> list[tuple[str, str]]:
    return [tuple(r) for r in con.execute(
        "select column_name, data_type from duckdb_columns() where database_name = ? and schema_name = 'main' "
        "and table_name = ? order by column_index", [database, table]).fetchall()]


def publish(
    con: duckdb.DuckDBPyConnection,
    out: Path,
    tables: tuple[str, ...] = PUBLISHED_TABLES,
    *,
    bereik: RunRange | None = None,
    progress: Callable[..., object] | None = None,
) -> dict[str, int]:
    """Write analytics.duckdb and parquet/ from the warehouse for the run's range; return row counts."""
    say = progress or (lambda *a, **k: None)
    clear_leftovers(out)
    bereik = bereik if bereik is not None else read_run_range(con)
    token = uuid.uuid4().hex[:12]
    target = out / "analytics.duckdb"
    db_tmp = out / f".analytics.{token}.duckdb"
    pq_tmp = out / f".parquet.{token}"
    incremental = not bereik.volledig and target.exists()
    say(f"publicatie {'per maand: ' + bereik.text() if incremental else 'geheel'}")
    if incremental:
        shutil.copyfile(target, db_tmp)
        say("vorige publicatie gekopieerd")
    pq_tmp.mkdir(parents=True)
    counts: dict[str, int] = {}
    #: per month-keyed table the first month rewritten (None: every month)
    rewrite_from: dict[str, dt.date | None] = {}
    try:
        con.execute(f"attach '{_quote(db_tmp)}' as publicatie")
        try:
            catalog = con.execute("select current_database()").fetchall()[0][0]
            for table in tables:
                rewrite_from[table] = _publish_table(con, catalog, table, bereik, incremental)
                counts[table] = con.execute(f'select count(*) from publicatie."{table}"').fetchall()[0][0]
                say(f"{table} ({_scope_label(rewrite_from[table])})", rijen=counts[table])
            con.execute("checkpoint publicatie")
            written = _write_parquet(con, out / "parquet", pq_tmp, tables, rewrite_from)
            say("parquet", bestanden=written)
        finally:
            con.execute("detach publicatie")
        crash_point("publish")
        os.replace(db_tmp, target)
        _swap_dir(pq_tmp, out / "parquet", token)
    finally:
        db_tmp.unlink(missing_ok=True)
        Path(f"{db_tmp}.wal").unlink(missing_ok=True)
        shutil.rmtree(pq_tmp, ignore_errors=True)
    return counts


def _scope_label(start: dt.date | None) -> str:
    if start is None:
        return "geheel"
    return "ongewijzigd" if start == dt.date.max else f"maanden vanaf {start:%Y-%m} vervangen"


def _publish_table(con, catalog: str, table: str, bereik: RunRange, incremental: bool) -> dt.date | None:
    """Bring publicatie.<table> up to date; return the first month rewritten (None: all, date.max: none)."""
    order = order_of(table)
    same_shape = incremental and _columns(con, "publicatie", table) == _columns(con, catalog, table)
    if table in MONTH_TABLES and same_shape:
        if bereik.niets:
            return dt.date.max
        con.execute("begin")
        try:
            con.execute(f'delete from publicatie."{table}" where maand >= ?', [bereik.vanaf])
            con.execute(f'insert into publicatie."{table}" select * from "{table}" where maand >= ? order by {order}',
                        [bereik.vanaf])
            con.execute("commit")
        except BaseException:
            con.execute("rollback")
            raise
        return bereik.vanaf
    con.execute(f'create or replace table publicatie."{table}" as select * from "{table}" order by {order}')
    return None


def _write_parquet(con, old_root: Path, new_root: Path, tables: tuple[str, ...],
                   rewrite_from: dict[str, dt.date | None]) -> int:
    """Write the Parquet tree into `new_root`; hard-link unchanged months from `old_root`. Returns files written."""
    written = 0
    for table in tables:
        folder = new_root / table
        folder.mkdir(parents=True)
        order = SORT_KEYS.get(table, "all")
        if table not in MONTH_TABLES:
            _copy(con, f'select * from publicatie."{table}" order by {order}', folder / "data.parquet")
            written += 1
            continue
        start = rewrite_from.get(table)
        months = [r[0] for r in con.execute(f'select distinct maand from publicatie."{table}" order by 1').fetchall()]
        for month in months:
            name = f"{MONTH_DIR}{month:%Y-%m}"
            old = old_root / table / name / "data.parquet"
            (folder / name).mkdir()
            if start is not None and month < start and old.exists():
                _link(old, folder / name / "data.parquet")
                continue
            _copy(con, f'select * from publicatie."{table}" where maand = ? order by {order}',
                  folder / name / "data.parquet", [month])
            written += 1
    return written


def _copy(con, query: str, path: Path, params: list | None = None) -> None:
    con.execute(f"copy ({query}) to '{_quote(path)}' ({PARQUET_OPTIONS})", params or [])


def _link(old: Path, new: Path) -> None:
    try:
        os.link(old, new)
    except OSError:  # another file system: a copy is as good
        shutil.copy2(old, new)


def clear_leftovers(out: Path) -> None:
    """Remove temporary files of a publication that was killed half-way (we hold the writer lock).

    A run killed between the two renames of the Parquet swap left the old tree under its
    temporary name and none in place: that old tree is put back first.
    """
    target = out / "parquet"
    if not target.exists():
        olds = sorted(out.glob(".parquet.old.*"))
        if olds:
            os.replace(olds[-1], target)
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
