"""The range of a run as the steps after the models see it: table `run_bereik` (docs/run-architecture.md).

`run_bereik` (one row: `vanaf date`, `volledig boolean`, `reden varchar`) is written by the
planning step after ingestion. Without it (an older warehouse, a planning step not yet run) the
run counts as a full one: every month.

    bereik = read_run_range(con)
    bereik.niets            # nothing changed: no month to republish, check or export
    bereik.covers(month)    # month >= vanaf (every month on a full run)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb


@dataclass(frozen=True)
class RunRange:
    #: the earliest month the run changed; None with volledig (every month) or without (nothing)
    vanaf: dt.date | None
    volledig: bool
    reden: str

    @property
    def niets(self) -> bool:
        return self.vanaf is None and not self.volledig

    def covers(self, month: dt.date) -> bool:
        if self.volledig:
            return True
        return self.vanaf is not None and month >= self.vanaf

    def condition(self, column: str) -> tuple[str, list]:
        """A SQL condition (with its parameters) selecting the run's rows by a month column."""
        if self.volledig:
            return "true", []
        if self.vanaf is None:
            return "false", []
        return f"{column} >= ?", [self.vanaf]

    def text(self) -> str:
        if self.volledig:
            return f"alle maanden ({self.reden})" if self.reden else "alle maanden"
        if self.vanaf is None:
            return "niets nieuws"
        return f"maanden vanaf {self.vanaf:%Y-%m}" + (f" ({self.reden})" if self.reden else "")


FULL = RunRange(None, True, "geen run_bereik: alles")


def table_exists(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    return bool(con.execute(
        "select count(*) from duckdb_tables() where table_name = ? and database_name = current_database() "
        "and schema_name = current_schema()", [name]).fetchall()[0][0])


def read_run_range(con: duckdb.DuckDBPyConnection) -> RunRange:
    """The run's range from `run_bereik`; a full run when the table is missing or empty."""
    if not table_exists(con, "run_bereik"):
        return FULL
    rows = con.execute("select vanaf, volledig, reden from run_bereik limit 1").fetchall()
    if not rows:
        return FULL
    vanaf, volledig, reden = rows[0]
    if isinstance(vanaf, dt.datetime):
        vanaf = vanaf.date()
    return RunRange(None if volledig else vanaf, bool(volledig), reden or "")
