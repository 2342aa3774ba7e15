"""The run report: per file rows read, accepted, duplicates and quarantined by reason, and the
checks that passed or failed. Printed by the CLI and attached to the run's metadata in Dagster.
Names files and fields, never a value."""

from __future__ import annotations

import duckdb

FILES_QUERY = """
    select b.soort, b.bestand, b.rijen_gelezen, b.geaccepteerd, b.duplicaten, b.quarantaine,
           coalesce((select string_agg(q.veld || ' ' || q.n, ', ' order by q.n desc, q.veld)
                     from (select veld, count(*) as n from quarantaine as qq
                           where qq.bestand = b.bestand and qq.soort = b.soort group by veld) as q), '') as redenen
    from bestanden as b
    order by b.soort, b.bestand
"""


def file_rows(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    return con.execute(FILES_QUERY).fetchall()


def reasons(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    return con.execute("select soort, reden, count(*) from quarantaine group by all order by 3 desc, 2").fetchall()


def markdown(rows: list[tuple]) -> str:
    lines = ["| soort | bestand | gelezen | geaccepteerd | dubbel | quarantaine | quarantaine per veld |", "|---|---|---:|---:|---:|---:|---|"]
    lines += [f"| {s} | {b} | {r} | {a} | {d} | {q} | {why} |" for s, b, r, a, d, q, why in rows]
    return "\n".join(lines)


def terminal(rows: list[tuple], reason_rows: list[tuple], checks: list[tuple[str, bool]], *, all_files: bool = False) -> str:
    out = []
    shown = rows if all_files else [r for r in rows if r[4] or r[5]]
    totals = [sum(r[i] for r in rows) for i in (2, 3, 4, 5)]
    out.append(f"Bestanden: {len(rows)}; rijen gelezen {totals[0]}, geaccepteerd {totals[1]}, "
               f"dubbel {totals[2]}, quarantaine {totals[3]}")
    if shown:
        out.append(("Alle bestanden:" if all_files else "Bestanden met dubbele of afgekeurde rijen:"))
        for soort, bestand, read, accepted, dups, quarantined, why in shown:
            extra = f"  [{why}]" if why else ""
            out.append(f"  {bestand}: {read} gelezen, {accepted} geaccepteerd, {dups} dubbel, {quarantined} quarantaine{extra}")
    if reason_rows:
        out.append("Quarantaine per reden (details in de tabel quarantaine: bestand, rij, veld, reden):")
        out += [f"  {n:>6}  {soort}: {reden}" for soort, reden, n in reason_rows]
    if checks:
        passed = [name for name, ok in checks if ok]
        failed = [name for name, ok in checks if not ok]
        out.append(f"Controles: {len(passed)} geslaagd" + (f", {len(failed)} mislukt: {', '.join(failed)}" if failed else ""))
    return "\n".join(out)
