"""The DDAS v1.2 delivery per gemeente for the quarter of the run's (last) month, and again for
earlier quarters the run changed (months >= vanaf) that were delivered before."""

import datetime as dt
import os
import re

import dagster as dg

from pipeline.exports.ddas_delivery import deliver_all
from pipeline.defs.exports import export_month
from pipeline.defs.resources import Omgeving, warehouse_step
from pipeline.privacy.retention import gemeenten_in, purged_gemeenten, quarter_label, skipped_line
from pipeline.defs.tags import LOG_KEY

_DELIVERY = re.compile(r"^ddas_(?P<gemeente>[A-Za-z0-9_-]+)_(?P<van>\d{4}-\d{2})_(?P<tot>\d{4}-\d{2})\.json$")


def quarter_of(month: dt.date) -> tuple[dt.date, dt.date]:
    first = dt.date(month.year, 3 * ((month.month - 1) // 3) + 1, 1)
    return first, month


def _month(text: str) -> dt.date:
    return dt.datetime.strptime(text, "%Y-%m").date()


def periods_to_deliver(ddas_dir, month: dt.date, bereik) -> list[tuple[dt.date, dt.date, list[str] | None]]:
    """(van, tot, gemeenten or None = all) to (re)build: the quarter of `month` up to it, and every
    earlier delivery on disk whose period reaches a month the run changed (>= vanaf)."""
    van, tot = quarter_of(month)
    periods: dict[tuple[dt.date, dt.date], list[str] | None] = {}
    if bereik.covers(tot):
        periods[(van, tot)] = None
    if ddas_dir.exists():
        for path in sorted(ddas_dir.glob("ddas_*.json")):
            found = _DELIVERY.match(path.name)
            if not found:
                continue
            old_van, old_tot = _month(found["van"]), _month(found["tot"])
            if old_van >= van or not bereik.covers(old_tot):
                continue
            codes = periods.setdefault((old_van, old_tot), [])
            if codes is not None:
                codes.append(found["gemeente"])
    return [(v, t, codes) for (v, t), codes in sorted(periods.items())]


@dg.asset(
    group_name="exports", kinds={"python", "json"}, pool="duckdb",
    deps=[dg.AssetKey("publicatie"), dg.AssetKey("int_contactpogingen"), dg.AssetKey("int_signalen")],
    description="DDAS v1.2 delivery (JSON, validated against the shipped exchange schema) per gemeente "
    "for the quarter of the run's month, up to that month: OUT/ddas/ddas_<gemeente>_<van>_<tot>.json; earlier "
    "deliveries are rebuilt when the run changed their months. Only files whose input changed are written. "
    "Holds the client fields DDAS demands (BSN or postcode + huisnummer): private.",
)
def ddas_leveringen(context: dg.AssetExecutionContext, omgeving: Omgeving) -> dg.MaterializeResult:
    leverancier = os.environ.get("VROEGSIGNAAL_LEVERANCIER", "vroegsignaal")
    written = 0
    client = os.environ.get("VROEGSIGNAAL_DDAS_CLIENT", "bsn")  # bsn | adres (see pipeline/exports/ddas.py)
    with warehouse_step(context, omgeving, "ddas") as (settings, progress, con, bereik):
        ddas_dir = settings.out / "ddas"
        month = export_month(context, con)
        if month is None or bereik.niets:
            progress("niets nieuws: geen DDAS-levering" if bereik.niets else "geen meldingen: geen DDAS-levering")
            extra = {}
            if month is not None:  # still say that the run's quarter cannot be delivered once purged
                van, tot = quarter_of(month)
                line = skipped_line(f"DDAS {quarter_label(van)}", purged_gemeenten(con, van, tot),
                                    gemeenten_in(con, van, tot), "geen levering")
                if line:
                    progress(line)
                    extra = {LOG_KEY: line}
            return dg.MaterializeResult(metadata={"bestanden": 0, "bereik": bereik.text(), **extra})
        periods = periods_to_deliver(ddas_dir, month, bereik)
        lines = []
        for van, tot, codes in periods:
            skip = purged_gemeenten(con, van, tot)  # a purged period cannot be delivered: said, not failed
            line = skipped_line(f"DDAS {quarter_label(van)}", skip, gemeenten_in(con, van, tot), "geen levering")
            if line:
                lines.append(line)
                progress(line)
            paths = deliver_all(con, ddas_dir, van, tot, leverancier, dt.datetime(tot.year, tot.month, 1),
                                gemeenten=codes, skip_unchanged=True, progress=progress, skip=frozenset(skip),
                                client=client)
            written += len(paths)
    progress(f"DDAS: {written} leveringen geschreven", bestanden=written)
    last_van, last_tot, _ = periods[-1] if periods else (None, None, None)
    return dg.MaterializeResult(metadata={
        "bestanden": written, "perioden": ", ".join(f"{v:%Y-%m}..{t:%Y-%m}" for v, t, _ in periods),
        "van": f"{last_van:%Y-%m}" if last_van else "", "tot": f"{last_tot:%Y-%m}" if last_tot else "",
        "bereik": bereik.text(), "seconden": round(progress.elapsed, 2),
        **({LOG_KEY: "\n".join(lines)} if lines else {})})
