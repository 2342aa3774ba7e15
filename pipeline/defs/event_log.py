"""Dagster's SQLite event log, with its connections kept open (the instance in dagster.yaml).

Dagster's `SqliteEventLogStorage` opens and closes a SQLite connection for every event it stores.
Closing the last connection of a WAL database checkpoints it and syncs it to disk, so each event
costs two disk syncs: about 5 to 15 ms on this machine, and a run of the pipeline stores some 500
events (one per asset materialisation, check, step and progress line), twice over for asset events.
This subclass keeps one engine per database file (the index and the most recent run files) and sets
`synchronous = NORMAL`, the usual setting for WAL: a committed event survives a crash of the
process; only a power cut can lose the last events of the log (never the pipeline's data, which is
in DuckDB). Everything else (schema, queries, watchers) is Dagster's own.

With PostgreSQL (deploy/dagster-postgres.yaml) this class is not used.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as db
from dagster import Field, StringSource
from dagster._core.storage.event_log.sqlite.sqlite_event_log import INDEX_SHARD_NAME, SqliteEventLogStorage
from sqlalchemy.engine import Connection

#: Run databases kept open besides the index (a long-lived webserver reads many runs).
KEPT_RUN_DATABASES = 4
BUSY_TIMEOUT_SECONDS = 30


def _normal_sync(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


class KeptConnectionSqliteEventLogStorage(SqliteEventLogStorage):
    """`SqliteEventLogStorage` that keeps its connections open between events (see the module)."""

    def __init__(self, base_dir: str, inst_data=None):
        self._engines: OrderedDict[str, db.engine.Engine] = OrderedDict()
        super().__init__(base_dir, inst_data=inst_data)

    @classmethod
    def config_type(cls):
        return {"base_dir": Field(StringSource, is_required=False)}

    @classmethod
    def from_config_value(cls, inst_data, config_value):
        base_dir = config_value.get("base_dir")
        if not base_dir:  # Dagster's own place for it: DAGSTER_HOME/history/runs
            home = os.environ.get("DAGSTER_HOME")
            if not home:
                raise ValueError("KeptConnectionSqliteEventLogStorage: zet DAGSTER_HOME (of base_dir in dagster.yaml)")
            base_dir = os.path.join(home, "history", "runs")
        return cls(base_dir, inst_data=inst_data)

    def _engine(self, shard: str) -> db.engine.Engine:
        engine = self._engines.get(shard)
        if engine is not None:
            self._engines.move_to_end(shard)
            return engine
        engine = db.create_engine(self.conn_string_for_shard(shard),
                               connect_args={"timeout": BUSY_TIMEOUT_SECONDS, "check_same_thread": False})
        db.event.listen(engine, "connect", _normal_sync)
        self._engines[shard] = engine
        runs = [name for name in self._engines if name != INDEX_SHARD_NAME]
        for old in runs[:-KEPT_RUN_DATABASES]:
            self._engines.pop(old).dispose()
        return engine

    @contextmanager
    def _connect(self, shard: str) -> Iterator[Connection]:
        with self._db_lock:
            engine = self._engine(shard)
            if shard not in self._initialized_dbs:
                self._initdb(engine)
                self._initialized_dbs.add(shard)
            with engine.connect() as conn:
                with conn.begin():
                    yield conn

    def dispose(self) -> None:
        with self._db_lock:
            while self._engines:
                self._engines.popitem()[1].dispose()
        super().dispose()
