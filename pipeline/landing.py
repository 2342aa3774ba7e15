"""Landing folder → raw warehouse tables: find a month's files, ingest them, replace the partition.

A month is all-or-nothing: every file is read first; a file-level problem stops that month
before anything is written. Writing deletes the partition's rows and inserts the new ones in
one transaction, so re-ingesting the same month (or the same file) changes nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import polars as pl

from pipeline.exports.werkvoorraad import read_werkvoorraad_attempts
from pipeline.faults import crash_point
from pipeline.ingest import FileProblem, IngestResult, ingest_file
from pipeline.non_data import split_folder
from pipeline.raw_tables import LandingInput

#: `bestanden.soort` of a file in a month folder that is not an export (see pipeline/non_data.py).
SKIPPED = "overgeslagen"

EXTENSIONS = {".csv", ".txt", ".xlsx", ".parquet"}


@dataclass
class FileReport:
    bestand: str
    rijen_gelezen: int
    rijen_geparsed: int
    quarantaine: int
    redenen: dict[str, int] = field(default_factory=dict)


@dataclass
class MonthReport:
    soort: str
    maand: str
    files: list[FileReport] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (bestand, reden): not an export

    @property
    def rijen_gelezen(self) -> int:
        return sum(f.rijen_gelezen for f in self.files)


def month_key(month: dt.date) -> str:
    return month.strftime("%Y-%m")


def landing_months(landing: Path, soort: str) -> list[dt.date]:
    """The months that have a folder `<landing>/<soort>/<YYYY-MM>/`."""
    months = []
    base = landing / soort
    if base.is_dir():
        for child in sorted(base.iterdir()):
            try:
                months.append(dt.datetime.strptime(child.name, "%Y-%m").date())
            except ValueError:
                continue
    return months


def files_in(folder: Path) -> list[Path]:
    return sorted(
        p for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in EXTENSIONS and not p.name.startswith((".", "~$"))
    )


def ingest_werkvoorraad(path: Path, attempts: pl.DataFrame, schema) -> IngestResult:
    """A filled-in werkvoorraad: its attempt slots, in long form, parsed like any contact export.
    Row numbers point at the workbook's own rows."""
    with tempfile.TemporaryDirectory(prefix="vroegsignaal-") as tmp:
        long_csv = Path(tmp) / "pogingen.csv"
        attempts.drop("rij", "blad", "poging").write_csv(long_csv, separator=";")
        result = ingest_file(long_csv, schema)
    sheet_rows = attempts["rij"]
    remap = lambda frame: frame.with_columns(pl.col("rij").map_elements(lambda r: sheet_rows[r - 2], return_dtype=pl.Int64))  # noqa: E731
    return dataclasses.replace(
        result, rows=remap(result.rows), quarantine=remap(result.quarantine),
        sha256=hashlib.sha256(path.read_bytes()).hexdigest(), format="werkvoorraad", extra_columns=[],
    )


def read_files(paths: list[Path], landing: Path, inp: LandingInput) -> list[tuple[str, IngestResult]]:
    """Ingest every file; the first file-level problem stops the batch (nothing is written)."""
    results = []
    for path in paths:
        name = path.relative_to(landing).as_posix()
        try:
            attempts = read_werkvoorraad_attempts(path) if inp.soort == "contactpogingen" else None
            if attempts is not None:
                result = ingest_werkvoorraad(path, attempts, inp.schema)
            else:
                result = ingest_file(path, inp.schema)
        except FileProblem as problem:
            raise FileProblem(name, problem.problem) from None
        except Exception as error:  # a reader library failing on a corrupt file
            raise FileProblem(name, f"bestand kan niet worden gelezen ({type(error).__name__})") from None
        results.append((name, result))
    return results


def skipped_rows(paths: list[tuple[Path, str]], landing: Path) -> list[tuple[str, str, str, str]]:
    """(bestand, sha256, formaat, reden) of the files in a month folder that are not exports."""
    rows = []
    for path, reason in paths:
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        rows.append((path.relative_to(landing).as_posix(), digest.hexdigest(),
                     path.suffix.lower().lstrip(".") or "onbekend", reason))
    return rows


def write_partition(
    con: duckdb.DuckDBPyConnection, inp: LandingInput, partitie: dt.date | None,
    results: list[tuple[str, IngestResult]], skipped: list[tuple[str, str, str, str]] = (),
) -> None:
    """Replace one partition (or, for reference files, the whole table) in one transaction.
    Skipped files are recorded in raw_bestanden with soort 'overgeslagen' and their reason."""
    where = "partitie = ?" if partitie is not None else "partitie is null"
    args = [partitie] if partitie is not None else []
    con.execute("begin transaction")
    try:
        con.execute(f"delete from {inp.table} where {where}", args)
        for table in ("raw_quarantaine", "raw_bestanden"):
            con.execute(f"delete from {table} where soort = ? and {where}", [inp.soort, *args])
        con.execute(f"delete from raw_bestanden where soort = ? and starts_with(bestand, ?) and {where}",
                    [SKIPPED, f"{inp.soort}/", *args])
        for name, sha256, formaat, reason in skipped:
            con.execute(
                "insert into raw_bestanden (soort, partitie, bestand, sha256, formaat, rijen_gelezen, reden) "
                "values (?, ?, ?, ?, ?, 0, ?)",
                [SKIPPED, partitie, name, sha256, formaat, reason],
            )
        for name, result in results:
            meta = pl.DataFrame({"partitie": [partitie], "bestand": [name]}, schema={"partitie": pl.Date, "bestand": pl.Utf8})
            rows = result.rows.join(meta, how="cross")  # noqa: F841 (read by DuckDB below)
            con.execute(f"insert into {inp.table} by name select * from rows")
            quarantine = result.quarantine.join(meta, how="cross").with_columns(soort=pl.lit(inp.soort))  # noqa: F841
            con.execute("insert into raw_quarantaine by name select * from quarantine")
            con.execute(
                "insert into raw_bestanden (soort, partitie, bestand, sha256, formaat, tekenset, rijen_gelezen, "
                "extra_kolommen) values (?, ?, ?, ?, ?, ?, ?, ?)",
                [inp.soort, partitie, name, result.sha256, result.format, result.encoding,
                 result.rows_read, ",".join(result.extra_columns)],
            )
        crash_point("ingest")
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise


def report_for(results: list[tuple[str, IngestResult]], soort: str, maand: str) -> MonthReport:
    report = MonthReport(soort, maand)
    for name, result in results:
        reasons: dict[str, int] = {}
        if result.quarantine.height:
            for row in result.quarantine.group_by("veld").len().sort("veld").iter_rows(named=True):
                reasons[row["veld"]] = row["len"]
        report.files.append(FileReport(name, result.rows_read, result.rows.height, result.quarantine.height, reasons))
    return report


def ingest_month(con: duckdb.DuckDBPyConnection, landing: Path, inp: LandingInput, month: dt.date) -> MonthReport | None:
    """Ingest `<landing>/<soort>/<YYYY-MM>/`; None when that folder does not exist (partition untouched)."""
    folder = landing / inp.soort / month_key(month)
    if not folder.is_dir():
        return None
    exports, not_exports = split_folder(folder, inp.schema)
    results = read_files(exports, landing, inp)
    skipped = skipped_rows(not_exports, landing)
    write_partition(con, inp, month, results, skipped)
    report = report_for(results, inp.soort, month_key(month))
    report.skipped = [(name, reason) for name, _, _, reason in skipped]
    return report


def ingest_reference(con: duckdb.DuckDBPyConnection, landing: Path, inp: LandingInput) -> MonthReport | None:
    """Ingest `<landing>/referentie/<file>`; None when it does not exist (table left as it is)."""
    path = landing / "referentie" / inp.reference_file
    if not path.is_file():
        return None
    results = read_files([path], landing, inp)
    write_partition(con, inp, None, results)
    return report_for(results, inp.soort, "referentie")
