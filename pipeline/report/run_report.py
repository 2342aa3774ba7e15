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
    where b.soort <> 'overgeslagen'
    order by b.soort, b.bestand
"""

SKIPPED_QUERY = "select bestand, reden from bestanden where soort = 'overgeslagen' order by bestand"


def file_rows(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    return con.execute(FILES_QUERY).fetchall()


def skipped_rows(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    """(bestand, reden) of the files that were not read because they are not exports."""
    has_reason = con.execute(
        "select count(*) from information_schema.columns where table_name = 'bestanden' and column_name = 'reden'"
    ).fetchall()[0][0]
    return con.execute(SKIPPED_QUERY).fetchall() if has_reason else []


def reasons(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    return con.execute("select soort, reden, count(*) from quarantaine group by all order by 3 desc, 2").fetchall()


def markdown(rows: list[tuple]) -> str:
    lines = ["| soort | bestand | gelezen | geaccepteerd | dubbel | quarantaine | quarantaine per veld |", "|---|---|---:|---:|---:|---:|---|"]
    lines += [f"| {s} | {b} | {r} | {a} | {d} | {q} | {why} |" for s, b, r, a, d, q, why in rows]
    return "\n".join(lines)


#: The terminal shows at most this many files with problems (the worst first) and quarantine reasons.
MAX_FILES, MAX_REASONS = 10, 5
MORE = "zie de tabellen bestanden en quarantaine"


def terminal(rows: list[tuple], reason_rows: list[tuple], checks: list[tuple[str, bool]], *, all_files: bool = False,
             skipped: list[tuple[str, str]] = (), limit: int | None = MAX_FILES) -> str:
    """The run report for a terminal. Files with problems are shown worst first (most quarantined
    plus duplicate rows), at most `limit` of them (None: all), then a pointer to the tables."""
    out = []
    shown = list(rows) if all_files else sorted((r for r in rows if r[4] or r[5]), key=lambda r: (-(r[4] + r[5]), r[1]))
    totals = [sum(r[i] for r in rows) for i in (2, 3, 4, 5)]
    out.append(f"Bestanden: {len(rows)}; rijen gelezen {totals[0]}, geaccepteerd {totals[1]}, "
               f"dubbel {totals[2]}, quarantaine {totals[3]}")
    if shown:
        hidden = len(shown) - limit if limit is not None and len(shown) > limit else 0
        title = "Alle bestanden:" if all_files else "Bestanden met dubbele of afgekeurde rijen"
        out.append(title if all_files else f"{title} ({len(shown)}" + (f", de {limit} met de meeste):" if hidden else "):"))
        for soort, bestand, read, accepted, dups, quarantined, why in shown[:len(shown) - hidden]:
            extra = f"  [{why}]" if why else ""
            out.append(f"  {bestand}: {read} gelezen, {accepted} geaccepteerd, {dups} dubbel, {quarantined} quarantaine{extra}")
        if hidden:
            out.append(f"  ... en {hidden} bestanden meer: {MORE}")
    if skipped:
        out.append(f"Overgeslagen, geen export ({len(skipped)}; in de tabel bestanden met soort overgeslagen):")
        cut = limit if limit is not None else len(skipped)
        out += [f"  {bestand}: {reden}" for bestand, reden in skipped[:cut]]
        if len(skipped) > cut:
            out.append(f"  ... en {len(skipped) - cut} bestanden meer: {MORE}")
    if reason_rows:
        out.append("Quarantaine per reden (details in de tabel quarantaine: bestand, rij, veld, reden):")
        cut = MAX_REASONS if limit is not None else len(reason_rows)
        out += [f"  {n:>6}  {soort}: {reden}" for soort, reden, n in reason_rows[:cut]]
        if len(reason_rows) > cut:
            rest = sum(n for *_, n in reason_rows[cut:])
            out.append(f"  {rest:>6}  om {len(reason_rows) - cut} andere redenen: {MORE}")
    if checks:
        passed = [name for name, ok in checks if ok]
        failed = [name for name, ok in checks if not ok]
        out.append(f"Controles: {len(passed)} geslaagd" + (f", {len(failed)} mislukt: {', '.join(failed)}" if failed else ""))
    return "\n".join(out)
