"""The summary the CLI prints after a run, read from the published analytics.duckdb."""

from __future__ import annotations

import duckdb

from pipeline.run_report import file_rows, reasons, terminal
from pipeline.settings import Settings


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
    finally:
        con.close()
    period = con_period(settings)
    print(f"\nPer gemeente, laatste 12 maanden ({period}); aantallen gemiddeld per maand, aandelen over alle meldingen:")
    print(f"{'gemeente':>9} {'maanden':>7} {'signalen':>9} {'per 1000':>9} {'meldingen':>10} {'enkelv.':>8} {'meerv.':>7} {'opeenv.':>8}")
    for code, months, sig, per1000, meld, enk, meer, opv in rows:
        print(
            f"{code:>9} {months:>7} {sig:>9.1f} {per1000 or 0:>9.2f} {meld:>10.1f} "
            f"{enk or 0:>8.1%} {meer or 0:>7.1%} {opv or 0:>8.1%}"
        )
    if workload:
        print(f"\nWerklast per aanpak in de laatste maand ({workload[0][1]}):")
        per_gemeente: dict[str, list[str]] = {}
        for code, _, aanpak, n in workload:
            per_gemeente.setdefault(code, []).append(f"{aanpak} {n}")
        for code, parts in per_gemeente.items():
            print(f"  {code}: " + ", ".join(parts))
    print()
    print(terminal(files, reason_rows, checks or []))
