"""Check on a built warehouse that int_monitor_aantallen built from a month (vanaf) gives exactly
the full build's rows of the months >= vanaf, and time both. Usage:
python benchmarks/incrementeel_monitor.py OUT/warehouse.duckdb [YYYY-MM ...] (works on a copy)."""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from pipeline.defs.models import MODELS
from pipeline.common.settings import Settings
from pipeline.warehouse.connection import prepare_connection


def main(warehouse: str, months: list[str]) -> int:
    sql = MODELS["int_monitor_aantallen"].sql.strip().rstrip(";")
    rows = "select * replace (list_sort(verdeling) as verdeling) from {}"
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "w.duckdb"
        shutil.copy(warehouse, copy)
        con = duckdb.connect(str(copy))
        settings = Settings(landing=Path("/nonexistent"), out=Path("/nonexistent"), demo=True)
        prepare_connection(con, settings, settings.hash_key())
        start = time.perf_counter()
        con.execute(f"create table heel as {sql}")
        print(f"full build: {time.perf_counter() - start:.3f} s")
        different = 0
        for month in months:
            con.execute(f"set variable vanaf = date '{month}-01'")
            start = time.perf_counter()
            con.execute(f"create or replace table deel as {sql}")
            took = time.perf_counter() - start
            full = f"({rows.format('heel')} where maand >= getvariable('vanaf'))"
            a = con.execute(f"select count(*) from ({rows.format('deel')} except all {full})").fetchone()[0]
            b = con.execute(f"select count(*) from ({full} except all {rows.format('deel')})").fetchone()[0]
            n = con.execute("select count(*) from deel").fetchone()[0]
            print(f"vanaf {month}: {took:.3f} s, {n} rows, only partial {a}, only full {b}")
            different += a + b
        return 1 if different else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
