"""Compare the published monitor tables of two runs row by row (EXCEPT ALL both ways, row counts,
column names and types). Usage: python benchmarks/vergelijk_monitor.py OUT_BEFORE OUT_AFTER.
Exit status 1 when any table differs."""

from __future__ import annotations

import sys

import duckdb

TABLES = ("monitor_maand", "monitor", "monitor_verdeling")


def compare(before: str, after: str, tables: tuple[str, ...] = TABLES) -> list[str]:
    con = duckdb.connect()
    con.execute(f"attach '{before}/analytics.duckdb' as voor (read_only)")
    con.execute(f"attach '{after}/analytics.duckdb' as na (read_only)")
    problems = []
    for table in tables:
        schema = [con.execute(f"select column_name, data_type from duckdb_columns() where database_name = '{db}' "
                              f"and table_name = '{table}' order by column_index").fetchall() for db in ("voor", "na")]
        if schema[0] != schema[1]:
            problems.append(f"{table}: columns differ: {set(schema[0]) ^ set(schema[1])}")
            continue
        n = [con.execute(f"select count(*) from {db}.{table}").fetchone()[0] for db in ("voor", "na")]
        only_before = con.execute(f"select count(*) from (from voor.{table} except all from na.{table})").fetchone()[0]
        only_after = con.execute(f"select count(*) from (from na.{table} except all from voor.{table})").fetchone()[0]
        line = f"{table}: rows {n[0]} / {n[1]}, only before {only_before}, only after {only_after}"
        print(line)
        if n[0] != n[1] or only_before or only_after:
            problems.append(line)
    return problems


if __name__ == "__main__":
    found = compare(sys.argv[1], sys.argv[2])
    for problem in found:
        print("VERSCHIL", problem)
    sys.exit(1 if found else 0)
