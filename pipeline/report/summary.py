"""The summary the CLI prints after a run, read from the published analytics.duckdb."""

from __future__ import annotations

import duckdb

from pipeline.report.run_report import file_rows, reasons, skipped_rows, terminal
from pipeline.common.settings import Settings


def con_period(settings: Settings) -> str:
    con = duckdb.connect(str(settings.analytics), read_only=True)
    try:
        first, last = con.execute(
            "select strftime(min(maand), '%Y-%m'), strftime(max(maand), '%Y-%m') from monitor_maand "
            "where maand > (select max(maand) from monitor_maand) - interval 12 month"
        ).fetchall()[0]
    finally:
        con.close()
    return f"{first} t/m {last}"


def gemeente_names(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """gemeentecode -> name from the published monitor_maand (empty for an older publication)."""
    has_name = con.execute(
        "select count(*) from information_schema.columns where table_name = 'monitor_maand' and column_name = 'gemeentenaam'"
    ).fetchall()[0][0]
    if not has_name:
        return {}
    rows = con.execute(
        "select gemeentecode, arg_max(gemeentenaam, maand) from monitor_maand where gemeentenaam is not null group by all"
    ).fetchall()
    return dict(rows)


def label(code: str, names: dict[str, str]) -> str:
    """'Leiden (0546)'; 'alle gemeenten' for the pooled row; the code alone when no name is known."""
    if code == "alle":
        return "alle gemeenten"
    return f"{names[code]} ({code})" if code in names else code


def print_summary(settings: Settings, checks: list[tuple[str, bool]] | None = None) -> None:
    con = duckdb.connect(str(settings.analytics), read_only=True)
    try:
        rows = con.execute(
            """
            select gemeentecode, count(*) as maanden, avg(aantal_signalen), avg(signalen_per_1000_inwoners),
                   avg(aantal_meldingen),
                   sum(aantal_enkelvoudig) / nullif(sum(aantal_meldingen), 0),
                   sum(aantal_meervoudig) / nullif(sum(aantal_meldingen), 0),
                   sum(aantal_opeenvolgend) / nullif(sum(aantal_meldingen), 0),
            from monitor_maand
            where aantal_signalen > 0
                and maand > (select max(maand) from monitor_maand) - interval 12 month
            group by gemeentecode
            order by gemeentecode = 'alle', gemeentecode
            """
        ).fetchall()
        workload = con.execute(
            """
            select gemeentecode, strftime(maand, '%Y-%m'), aanpak, count(*)
            from aanpaklijst
            where maand = (select max(maand) from aanpaklijst)
            group by all
            order by gemeentecode, count(*) desc
            """
        ).fetchall()
        files = file_rows(con)
        reason_rows = reasons(con)
        skipped = skipped_rows(con)
        names = gemeente_names(con)
    finally:
        con.close()
    # The run report first (capped at the worst files), then the figures a reader is looking for.
    print()
    print(terminal(files, reason_rows, checks or [], skipped=skipped))
    period = con_period(settings)
    width = max([len(label(r[0], names)) for r in rows] + [8])
    print(f"\nPer gemeente, laatste 12 maanden ({period}); aantallen gemiddeld per maand, aandelen over alle meldingen:")
    print(f"{'gemeente':<{width}} {'maanden':>7} {'signalen':>9} {'per 1000':>9} {'meldingen':>10} {'enkelv.':>8} {'meerv.':>7} {'opeenv.':>8}")
    for code, months, sig, per1000, meld, enk, meer, opv in rows:
        print(
            f"{label(code, names):<{width}} {months:>7} {sig:>9.1f} {per1000 or 0:>9.2f} {meld:>10.1f} "
            f"{enk or 0:>8.1%} {meer or 0:>7.1%} {opv or 0:>8.1%}"
        )
    if workload:
        print(f"\nWerklast per aanpak in de laatste maand ({workload[0][1]}):")
        per_gemeente: dict[str, list[str]] = {}
        for code, _, aanpak, n in workload:
            per_gemeente.setdefault(code, []).append(f"{aanpak} {n}")
        for code, parts in per_gemeente.items():
            print(f"  {label(code, names)}: " + ", ".join(parts))
