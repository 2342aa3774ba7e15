"""Compare the publications of two runs: every table of analytics.duckdb and every Parquet file.

    python benchmarks/vergelijk_publicatie.py OUT_BEFORE OUT_AFTER [--ook-bestanden]

Per table of either analytics.duckdb: the same column names and types, the same row count, no row
only on one side (EXCEPT ALL both ways) and the same rows in the same order after sorting both by
every column (`order by all`). Per Parquet file under parquet/: present on both sides and the same
bytes. With --ook-bestanden also the other outputs (rapport/, exports/, ddas/) byte for byte.
Used to show that a refactoring changes no published figure. Exit status 1 on any difference."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import duckdb

SIDES = ("voor", "na")
OTHER_OUTPUTS = ("rapport", "exports", "ddas")


def _tables(con: duckdb.DuckDBPyConnection, db: str) -> set[str]:
    return {r[0] for r in con.execute(
        "select table_name from duckdb_tables() where database_name = ? and schema_name = 'main'", [db]).fetchall()}


def _schema(con: duckdb.DuckDBPyConnection, db: str, table: str) -> list[tuple[str, str]]:
    return con.execute("select column_name, data_type from duckdb_columns() where database_name = ? "
                       "and table_name = ? order by column_index", [db, table]).fetchall()


def _comparable(row: tuple) -> tuple:
    """A row whose NaN values compare equal to each other (NaN != NaN in Python)."""
    return tuple("NaN" if isinstance(v, float) and math.isnan(v) else v for v in row)


def compare_tables(before: Path, after: Path) -> list[str]:
    con = duckdb.connect()
    for db, out in zip(SIDES, (before, after)):
        con.execute(f"attach '{out / 'analytics.duckdb'}' as {db} (read_only)")
    names = [_tables(con, db) for db in SIDES]
    problems = [f"tabel {t} alleen in {db}" for db, own, other in ((SIDES[0], *names), (SIDES[1], *names[::-1]))
                for t in sorted(own - other)]
    for table in sorted(names[0] & names[1]):
        schema = [_schema(con, db, table) for db in SIDES]
        if schema[0] != schema[1]:
            problems.append(f"{table}: kolommen verschillen: {sorted(set(schema[0]) ^ set(schema[1]))}")
            continue
        n = [con.execute(f"select count(*) from {db}.{table}").fetchone()[0] for db in SIDES]
        only_before = con.execute(f"select count(*) from (from voor.{table} except all from na.{table})").fetchone()[0]
        only_after = con.execute(f"select count(*) from (from na.{table} except all from voor.{table})").fetchone()[0]
        rows = [con.execute(f"from {db}.{table} order by all").fetchall() for db in SIDES]
        first = next((i for i, (a, b) in enumerate(zip(*rows)) if _comparable(a) != _comparable(b)), None)
        line = (f"{table}: {len(schema[0])} kolommen, rijen {n[0]} / {n[1]}, alleen voor {only_before}, "
                f"alleen na {only_after}, gesorteerd " + ("gelijk" if first is None else f"anders vanaf rij {first + 1}"))
        print(line)
        if n[0] != n[1] or only_before or only_after or first is not None:
            problems.append(line)
    return problems


def compare_files(before: Path, after: Path, folder: str) -> list[str]:
    """Every file below `folder` of both outputs, byte for byte."""
    files = [{p.relative_to(out / folder) for p in (out / folder).rglob("*") if p.is_file()} for out in (before, after)]
    problems = [f"{folder}/{f} alleen in {db}" for db, own, other in ((SIDES[0], *files), (SIDES[1], *files[::-1]))
                for f in sorted(own - other)]
    different = [f for f in sorted(files[0] & files[1])
                 if (before / folder / f).read_bytes() != (after / folder / f).read_bytes()]
    problems += [f"{folder}/{f}: bytes verschillen" for f in different]
    print(f"{folder}/: {len(files[0])} / {len(files[1])} bestanden, {len(files[0] & files[1]) - len(different)} "
          f"byte-gelijk, {len(different)} anders")
    return problems


def compare(before: Path, after: Path, other_outputs: bool = False) -> list[str]:
    problems = compare_tables(before, after) + compare_files(before, after, "parquet")
    for folder in OTHER_OUTPUTS if other_outputs else ():
        problems += compare_files(before, after, folder)
    return problems


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(arguments) != 2 or any(a not in ("--ook-bestanden",) for a in sys.argv[1:] if a.startswith("--")):
        print("gebruik: vergelijk_publicatie.py OUT_VOOR OUT_NA [--ook-bestanden]", file=sys.stderr)
        sys.exit(2)
    found = compare(Path(arguments[0]), Path(arguments[1]), "--ook-bestanden" in sys.argv)
    for problem in found:
        print("VERSCHIL", problem)
    print("gelijk" if not found else f"{len(found)} verschillen")
    sys.exit(1 if found else 0)
