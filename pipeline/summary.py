"""The summary the CLI prints after a run, read from the published analytics.duckdb."""

from __future__ import annotations

import duckdb

from pipeline.settings import Settings


def print_summary(settings: Settings) -> None:
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
            group by gemeentecode
            order by gemeentecode = 'alle', gemeentecode
            """
        ).fetchall()
        files = con.execute(
            "select count(*), sum(rijen_gelezen), sum(geaccepteerd), sum(duplicaten), sum(quarantaine) from bestanden"
        ).fetchall()[0]
    finally:
        con.close()
    print("\nPer gemeente (gemiddeld per maand; aandelen over alle meldingen van de periode):")
    print(f"{'gemeente':>9} {'maanden':>7} {'signalen':>9} {'per 1000':>9} {'meldingen':>10} {'enkelv.':>8} {'meerv.':>7} {'opeenv.':>8}")
    for code, months, sig, per1000, meld, enk, meer, opv in rows:
        print(
            f"{code:>9} {months:>7} {sig:>9.1f} {per1000 or 0:>9.2f} {meld:>10.1f} "
            f"{enk or 0:>8.1%} {meer or 0:>7.1%} {opv or 0:>8.1%}"
        )
    n_files, read, accepted, dups, quarantined = files
    print(f"\nBestanden: {n_files}; rijen gelezen {read}, geaccepteerd {accepted}, dubbel {dups}, quarantaine {quarantined}")
