"""Caseworker exports: the werkvoorraad of the run's last month per gemeente (personal data), and
again the earlier workbooks on disk of months the run changed (months >= vanaf). Only workbooks
whose rows changed are written (fingerprints in the warehouse)."""

import datetime as dt
import re
from pathlib import Path

import dagster as dg
import polars as pl

from pipeline.defs.models import upstream_keys
from pipeline.exports.fingerprints import digest, known, remember
from pipeline.exports.werkvoorraad import write_werkvoorraad
from pipeline.defs.resources import Omgeving, warehouse_step
from pipeline.privacy.retention import gemeenten_in, purged_gemeenten, skipped_line
from pipeline.defs.tags import LOG_KEY, RANGE_END
from pipeline.common.settings import PROJECT_ROOT
from pipeline.warehouse.models import tables_read

WERKVOORRAAD_SQL = (PROJECT_ROOT / "sql" / "exports" / "werkvoorraad.sql").read_text(encoding="utf-8")

_WORKBOOK = re.compile(r"^werkvoorraad_(?P<gemeente>[A-Za-z0-9_-]+)_(?P<maand>\d{4}-\d{2})\.xlsx$")


def export_month(context: dg.AssetExecutionContext, con) -> dt.date | None:
    """The month to export: the run's partition (or the end of its range), else the latest month."""
    tags = context.run.tags
    key = tags.get(RANGE_END) or tags.get("dagster/partition")
    if key:
        return dt.date.fromisoformat(key)
    return con.execute("select max(maand) from aanpaklijst").fetchall()[0][0]


def months_to_write(exports_dir, month: dt.date, bereik) -> dict[dt.date, set[str] | None]:
    """month -> gemeenten (None = all) to (re)write: the run's month, and the earlier workbooks on
    disk of months the run changed."""
    months: dict[dt.date, set[str] | None] = {}
    if bereik.covers(month):
        months[month] = None
    if exports_dir.exists():
        for path in sorted(exports_dir.glob("*/werkvoorraad_*.xlsx")):
            found = _WORKBOOK.match(path.name)
            if not found:
                continue
            when = dt.datetime.strptime(found["maand"], "%Y-%m").date()
            if when >= month or not bereik.covers(when):
                continue
            codes = months.setdefault(when, set())
            if codes is not None:
                codes.add(found["gemeente"])
    return dict(sorted(months.items()))


def workbook_path(exports_dir, gemeente: str, month: dt.date):
    return exports_dir / gemeente / f"werkvoorraad_{gemeente}_{month:%Y-%m}.xlsx"


def changed_parts(con, exports_dir, frame: pl.DataFrame) -> tuple[pl.DataFrame, dict[str, str]]:
    """The rows of the workbooks whose input changed (or whose file is gone), and their fingerprints."""
    if frame.is_empty():
        return frame, {}
    fingerprints: dict[str, str] = {}
    for (code, month), part in frame.partition_by(["gemeentecode", "maand"], as_dict=True).items():
        fingerprints[str(workbook_path(exports_dir, code.strip(), month))] = digest([part])
    before = known(con, [Path(p) for p in fingerprints])
    stale = {p for p, fp in fingerprints.items() if before.get(p) != fp}
    keep = [(code, month) for code, month in frame.select("gemeentecode", "maand").unique().iter_rows()
            if str(workbook_path(exports_dir, code.strip(), month)) in stale]
    if not keep:
        return frame.clear(), {}
    wanted = pl.DataFrame(keep, schema={"gemeentecode": frame.schema["gemeentecode"], "maand": frame.schema["maand"]},
                          orient="row")
    return frame.join(wanted, on=["gemeentecode", "maand"], how="semi", maintain_order="left"), {
        p: fingerprints[p] for p in stale}


@dg.asset(
    group_name="exports", kinds={"python", "excel"}, pool="duckdb",
    deps=[*upstream_keys(tables_read(WERKVOORRAAD_SQL)), dg.AssetKey("publicatie")],
    description="Werkvoorraad per gemeente for the run's (last) month: OUT/exports/<gemeente>/"
    "werkvoorraad_<gemeente>_<YYYY-MM>.xlsx (a sheet per consultant plus 'Niet toegewezen', empty "
    "attempt columns to fill in) and .csv; earlier workbooks are rewritten when the run changed their "
    "month and their rows. Personal data: files are readable by the owner only.",
)
def werkvoorraad(context: dg.AssetExecutionContext, omgeving: Omgeving) -> dg.MaterializeResult:
    written, rows = [], 0
    with warehouse_step(context, omgeving, "werkvoorraad") as (settings, progress, con, bereik):
        exports_dir = settings.exports_dir
        month = export_month(context, con)
        if month is None or bereik.niets:
            progress("niets nieuws: geen werkvoorraad" if bereik.niets else "geen werkvoorraad om te exporteren")
            return dg.MaterializeResult(metadata={"bestanden": 0, "bereik": bereik.text()})
        lines = []
        for when, codes in months_to_write(exports_dir, month, bereik).items():
            frame = con.sql(WERKVOORRAAD_SQL, params={"maand": when}).pl()
            # purged months get no caseworker list (their personal data is gone): said, not failed
            skip = purged_gemeenten(con, when, when)
            line = skipped_line(f"werkvoorraad {when:%Y-%m}", skip, gemeenten_in(con, when, when), "geen export")
            if line:
                lines.append(line)
                progress(line)
                frame = frame.filter(~pl.col("gemeentecode").is_in(sorted(skip)))
            if codes is not None:
                frame = frame.filter(pl.col("gemeentecode").cast(pl.String).str.strip_chars().is_in(sorted(codes)))
            frame, fingerprints = changed_parts(con, exports_dir, frame)
            progress(f"werkvoorraad {when:%Y-%m}: {len(fingerprints)} werkmappen te schrijven", rijen=frame.height)
            if frame.is_empty():
                continue
            written += write_werkvoorraad(frame, exports_dir, progress=progress)
            rows += frame.height
            remember(con, fingerprints)
    progress(f"werkvoorraad: {len(written)} bestanden in {exports_dir}", bestanden=len(written))
    return dg.MaterializeResult(metadata={"maand": f"{month:%Y-%m}", "bestanden": len(written), "meldingen": rows,
                                          "bereik": bereik.text(), "seconden": round(progress.elapsed, 2),
                                          **({LOG_KEY: "\n".join(lines)} if lines else {})})
