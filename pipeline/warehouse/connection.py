"""The pipeline's private DuckDB warehouse: one writer at a time, parameters and the key set.

Every writer (an asset, the CLI, a test) goes through `open_warehouse`, which takes the
project's file lock first: DuckDB allows one writing process, and a second run must wait or
refuse with a clear message rather than corrupt anything.
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import duckdb
from filelock import FileLock, Timeout

from pipeline.common.settings import Settings
from pipeline.warehouse.models import set_parameters

#: Tables written by Python (ingestion, policy) rather than by a SQL model file.
BOOKKEEPING_DDL = {
    "raw_bestanden": """
        soort varchar, partitie date, bestand varchar, sha256 varchar, formaat varchar,
        tekenset varchar, rijen_gelezen bigint, extra_kolommen varchar, grootte bigint, gewijzigd double, reden varchar
    """,
    "raw_quarantaine": """
        soort varchar, partitie date, bestand varchar, rij bigint, veld varchar, reden varchar
    """,
    "raw_beleid": """
        gemeentecode varchar, beleid varchar, beleid_hash varchar, drempelbedrag decimal(12, 2),
        geldig_vanaf date, geldig_tot date
    """,
    "melding_opname": """
        melding_id varchar, gemeentecode varchar, maand date, opgepakt boolean, signaalstatus varchar,
        regel varchar, beleid_hash varchar
    """,
    "aanpaklijst": """
        melding_id varchar, gemeentecode varchar, maand date, aanpak varchar, kanalen varchar[],
        brief_sjabloon varchar, prioriteit bigint, consulent varchar, bewind_overwegen boolean,
        andere_systemen_raadplegen boolean, uitgesteld boolean, regel varchar, reden varchar,
        signaalstatus varchar, opgepakt boolean, beleid_hash varchar
    """,
}

_locks: dict[Path, FileLock] = {}
_locks_guard = threading.Lock()


class WarehouseBusy(RuntimeError):
    """Another run holds the warehouse."""


def writer_lock(settings: Settings) -> FileLock:
    """One reentrant lock object per lock file in this process."""
    path = settings.lock_file
    with _locks_guard:
        if path not in _locks:
            path.parent.mkdir(parents=True, exist_ok=True)
            _locks[path] = FileLock(str(path))
        return _locks[path]


@contextlib.contextmanager
def hold_writer_lock(settings: Settings, timeout: float = 600) -> Iterator[None]:
    lock = writer_lock(settings)
    try:
        lock.acquire(timeout=timeout)
    except Timeout:
        raise WarehouseBusy(
            f"een andere run gebruikt {settings.out} al (slot {settings.lock_file}); "
            "wacht tot die klaar is en probeer het opnieuw"
        ) from None
    try:
        yield
    finally:
        lock.release()


def prepare_connection(con: duckdb.DuckDBPyConnection, settings: Settings, key: str) -> None:
    """Set model parameters and the keyed-hash macro the staging models use."""
    # Bounded memory: DuckDB spills to disk beyond this; row order is always explicit (ORDER BY).
    con.execute(f"set memory_limit = '{settings.duckdb_memory}'")
    con.execute("set preserve_insertion_order = false")
    set_parameters(con, {**settings.parameters, "sleutel": key})
    # The first month a run recomputes (docs/run-architecture.md); the runner overrides it from run_bereik.
    con.execute("set variable vanaf = date '0001-01-01'")
    # Keyed, nested SHA-256 (key || sha256(key || soort || waarde)): without the key the
    # postcode, BSN or birth date cannot be read back or brute-forced from the key.
    # The address as the definitions normalise it (the one definition of the address key):
    # postcode upper-cased without spaces | huisnummer as an integer | huisletter followed by
    # the huisnummertoevoeging, upper-cased, without spaces or dashes. Letter and toevoeging are
    # joined, so 12B-2 and 12-B2 are one home, and 12A (letter) and 12-A (toevoeging) too (see
    # README, "Address key"); 12B, 12B-2 and 12-2 stay three homes.
    con.execute(
        "create or replace temp macro adres_norm(postcode, huisnummer, huisletter, huisnummertoevoeging) as "
        "upper(replace(postcode, ' ', '')) || '|' || cast(huisnummer as bigint) || '|' || "
        "regexp_replace(upper(coalesce(huisletter, '') || coalesce(huisnummertoevoeging, '')), '[\\s\\-]', '', 'g')"
    )
    con.execute(
        "create or replace temp macro sleutel_hash(soort, waarde) as "
        "sha256(getvariable('sleutel') || sha256(getvariable('sleutel') || '|' || soort || '|' || waarde))"
    )
    con.execute("set variable vanaf = date '0001-01-01'")


def columns_of(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    return {r[0] for r in con.execute(
        "select column_name from information_schema.columns where table_name = ? and table_schema = 'main'", [table]
    ).fetchall()}


#: Columns a newer version added that older rows simply lack (null): added in place, rows kept.
ADDABLE_COLUMNS = {"huisletter": "varchar", "status_geleverd": "varchar", "zaak_signaal_id": "varchar", "reden": "varchar"}


def migrate_raw_tables(con: duckdb.DuckDBPyConnection, ddl: dict[str, str]) -> None:
    """An older warehouse: a raw or bookkeeping table without a column the code needs is dropped,
    with its files' bookkeeping, so the next run reads it again from the landing folder and the
    planning rebuilds everything (no further migration: purged rows of such a warehouse are lost)."""
    import re

    for table, columns in ddl.items():
        present = columns_of(con, table)
        if not present:
            continue
        wanted = {m.group(1) for m in re.finditer(r"(?:^|,)\s*(\w+)\s", columns)}
        if wanted <= present:
            continue
        if wanted - present <= set(ADDABLE_COLUMNS):  # plain input fields added later: no derivation needed
            for name in sorted(wanted - present):
                con.execute(f"alter table {table} add column if not exists {name} {ADDABLE_COLUMNS[name]}")
            continue
        con.execute(f"drop table {table}")
        if table.startswith("raw_") and "raw_bestanden" in ddl and table != "raw_bestanden":
            if columns_of(con, "raw_bestanden"):
                con.execute("delete from raw_bestanden")  # every file is read again
        if table == "raw_bestanden":
            for other in ddl:
                if other.startswith("raw_") and other not in ("raw_bestanden", "raw_beleid") and columns_of(con, other):
                    con.execute(f"delete from {other}")


def ensure_raw_tables(con: duckdb.DuckDBPyConnection, ddl: dict[str, str]) -> None:
    migrate_raw_tables(con, ddl)
    for table, columns in ddl.items():
        con.execute(f"create table if not exists {table} ({columns})")


@contextlib.contextmanager
def open_warehouse(settings: Settings, *, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the warehouse with the writer lock held, parameters and key set, raw tables present."""
    from pipeline.ingest.raw_tables import RAW_DDL  # the ingestion schemas define the raw tables

    settings.out.mkdir(parents=True, exist_ok=True)
    settings.out.chmod(0o700)
    with hold_writer_lock(settings):
        con = duckdb.connect(str(settings.warehouse), read_only=read_only)
        try:
            prepare_connection(con, settings, settings.hash_key())
            if not read_only:
                ensure_raw_tables(con, {**RAW_DDL, **BOOKKEEPING_DDL})
            yield con
        finally:
            con.close()
        if settings.warehouse.exists():
            settings.warehouse.chmod(0o600)
