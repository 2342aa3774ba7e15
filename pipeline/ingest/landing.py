"""Landing folder → raw warehouse tables: find a month's files, ingest them, replace the partition.

A month is all-or-nothing: every file is read first; a file-level problem stops that month
before anything is written. Writing deletes the partition's rows and inserts the new ones in
one transaction, so re-ingesting the same month (or the same file) changes nothing.

Each file's size, modification time and sha256 are kept in raw_bestanden: a partition whose
files did not change is not read again. A partition that did change records in
`run_wijzigingen` the earliest signal month it can have changed (docs/run-architecture.md),
in the same transaction, so the run's planning (pipeline/run/planning.py) sees it even after a crash.
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

from pipeline.ingest.werkvoorraad_read import read_werkvoorraad_attempts
from pipeline.common.faults import crash_point
from pipeline.ingest import FileProblem, IngestResult, ingest_file
from pipeline.ingest.ddas import DdasLanding
from pipeline.ingest.non_data import split_folder
from pipeline.ingest.raw_tables import SIGNAAL_INPUT, LandingInput, insert_signal_rows

#: `bestanden.soort` of a file in a month folder that is not an export (see pipeline/ingest/non_data.py).
SKIPPED = "overgeslagen"

#: `bestanden.soort` of a file in a month folder that is not an export (see pipeline/ingest/non_data.py).
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
    ongewijzigd: bool = False  # the files are those ingested before: nothing was read
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


#: Partitions whose inputs changed since the last completed model build, with the earliest
#: month they can have changed (cleared by the planning once the models are built).
CHANGES_DDL = "create table if not exists run_wijzigingen (soort varchar, partitie date, vanaf date, volledig boolean)"

#: The month a contact attempt belongs to: its melding's month, which the melding_id carries
#: (<gemeentecode>-<YYYYMM>-<hash>); the folder month when the id says nothing.
ATTEMPT_MONTH_SQL = "coalesce(cast(try_strptime(split_part(trim({id}), '-', 2), '%Y%m') as date), {partitie})"


@dataclass(frozen=True)
class FileStamp:
    bestand: str
    grootte: int
    gewijzigd: float  # mtime in seconds


def stamps(paths: list[Path], landing: Path) -> list[FileStamp]:
    out = []
    for path in paths:
        st = path.stat()
        out.append(FileStamp(path.relative_to(landing).as_posix(), st.st_size, st.st_mtime_ns / 1e9))
    return out


def unchanged(con: duckdb.DuckDBPyConnection, inp: LandingInput, partitie: dt.date | None,
              paths: list[Path], landing: Path) -> bool:
    """True when the partition's files are exactly those ingested before (same names, sizes and
    mtimes; or, after a mere touch, the same sha256 — then the new mtimes are stored)."""
    where = "partitie = ?" if partitie is not None else "partitie is null"
    args = [partitie] if partitie is not None else []
    stored = con.execute(
        f"select bestand, grootte, gewijzigd, sha256 from raw_bestanden where soort = ? and {where}",
        [inp.soort, *args],
    ).fetchall()
    if not stored or not paths:
        return False
    if inp.reference_file is not None:
        stored = [r for r in stored if r[0] == paths[0].relative_to(landing).as_posix()]
    current = stamps(paths, landing)
    by_name = {r[0]: r for r in stored}
    if set(by_name) != {c.bestand for c in current}:
        return False
    if all(by_name[c.bestand][1] == c.grootte and by_name[c.bestand][2] == c.gewijzigd for c in current):
        return True
    digests = {c.bestand: hashlib.sha256((landing / c.bestand).read_bytes()).hexdigest() for c in current}
    if any(by_name[name][3] != digest for name, digest in digests.items()):
        return False
    for c in current:
        con.execute(
            f"update raw_bestanden set grootte = ?, gewijzigd = ? where soort = ? and bestand = ? and {where}",
            [c.grootte, c.gewijzigd, inp.soort, c.bestand, *args],
        )
    return True


def record_change(con: duckdb.DuckDBPyConnection, inp: LandingInput, partitie: dt.date | None) -> None:
    """Before a partition is replaced (rows of the new delivery in `_nieuw`): the earliest month
    the replacement can change, in run_wijzigingen (see docs/run-architecture.md)."""
    con.execute(CHANGES_DDL)
    if partitie is None:  # a reference file: everything may change
        con.execute("insert into run_wijzigingen values (?, null, null, true)", [inp.soort])
        return
    if inp is SIGNAAL_INPUT:
        vanaf = con.execute(
            """
            with ids as (
                select signaal_id from raw_signalen where partitie = $p
                union
                select signaal_id from _nieuw
            )
            select least(
                $p,
                (select min(maand) from raw_signalen where signaal_id in (select signaal_id from ids)),
                (select min(cast(date_trunc('month', signaaldatum) as date)) from _nieuw)
            )
            """,
            {"p": partitie},
        ).fetchall()[0][0]
    else:
        month = ATTEMPT_MONTH_SQL
        vanaf = con.execute(
            f"""
            select least(
                $p,
                (select min({month.format(id='melding_id', partitie='partitie')}) from {inp.table} where partitie = $p),
                (select min({month.format(id='melding_id', partitie='$p')}) from _nieuw)
            )
            """,
            {"p": partitie},
        ).fetchall()[0][0]
    con.execute("insert into run_wijzigingen values (?, ?, ?, false)", [inp.soort, partitie, vanaf])


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
    results: list[tuple[str, IngestResult]], landing: Path | None = None,
    skipped: list[tuple[str, str, str, str]] = (),
) -> None:
    """Replace one partition (or, for reference files, the whole table) in one transaction.
    Skipped files are recorded in raw_bestanden with soort 'overgeslagen' and their reason."""
    where = "partitie = ?" if partitie is not None else "partitie is null"
    args = [partitie] if partitie is not None else []
    meta_schema = {"partitie": pl.Date, "bestand": pl.Utf8}
    frames = [
        result.rows.join(pl.DataFrame({"partitie": [partitie], "bestand": [name]}, schema=meta_schema), how="cross")
        for name, result in results
    ]
    nieuw = pl.concat(frames, how="diagonal_relaxed") if frames else None  # noqa: F841 (read by DuckDB)
    con.execute("begin transaction")
    try:
        if nieuw is not None and nieuw.height:
            con.execute("create or replace temp table _nieuw as select * from nieuw")
        else:
            raw_fields = ", ".join(["partitie", "bestand", "rij", *(f.name for f in inp.schema.fields)])
            con.execute(f"create or replace temp table _nieuw as select {raw_fields} from {inp.table} limit 0")
        record_change(con, inp, partitie)
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
        if nieuw is None or not nieuw.height:
            pass
        elif inp is SIGNAAL_INPUT:
            insert_signal_rows(con, "_nieuw")
        else:
            con.execute(f"insert into {inp.table} by name select * from _nieuw")
        for name, result in results:
            meta = pl.DataFrame({"partitie": [partitie], "bestand": [name]}, schema=meta_schema)
            quarantine = result.quarantine.join(meta, how="cross").with_columns(soort=pl.lit(inp.soort))  # noqa: F841
            con.execute("insert into raw_quarantaine by name select * from quarantine")
            stamp = stamps([landing / name], landing)[0] if landing is not None and (landing / name).is_file() else None
            con.execute(
                "insert into raw_bestanden by name select ? as soort, ? as partitie, ? as bestand, ? as sha256, "
                "? as formaat, ? as tekenset, ? as rijen_gelezen, ? as extra_kolommen, ? as grootte, ? as gewijzigd",
                [inp.soort, partitie, name, result.sha256, result.format, result.encoding,
                 result.rows_read, ",".join(result.extra_columns),
                 stamp.grootte if stamp else None, stamp.gewijzigd if stamp else None],
            )
        con.execute("drop table _nieuw")
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


def ingest_month(con: duckdb.DuckDBPyConnection, landing: Path, inp: LandingInput, month: dt.date,
                 ddas: DdasLanding | None = None) -> MonthReport | None:
    """Ingest `<landing>/<soort>/<YYYY-MM>/`, or the month's records of the DDAS deliveries in
    `<landing>/ddas/` (`ddas`, read once per run); None when neither has the month (partition
    untouched). A month in both is refused: it would be counted twice."""
    folder = landing / inp.soort / month_key(month)
    parts = ddas.parts(inp.soort, month) if ddas is not None else []
    if parts and folder.is_dir():
        raise FileProblem(
            f"{inp.soort}/{month_key(month)}",
            f"maand {month_key(month)} staat zowel in de map {inp.soort}/{month_key(month)}/ als in de DDAS-levering(en) "
            f"{', '.join(name for name, _ in parts)}; kies één bron per maand (haal de map of de levering weg). "
            "Deze maand is niet ingelezen",
        )
    if parts:
        write_partition(con, inp, month, parts)
        return report_for(parts, inp.soort, month_key(month))
    if not folder.is_dir():
        return None
    paths, not_exports = split_folder(folder, inp.schema)
    if unchanged(con, inp, month, paths, landing):
        return MonthReport(inp.soort, month_key(month), ongewijzigd=True)
    results = read_files(paths, landing, inp)
    if ddas is not None and inp.soort == "signalen":
        refuse_ddas_months(results, ddas)
    skipped = skipped_rows(not_exports, landing)
    write_partition(con, inp, month, results, landing, skipped)
    report = report_for(results, inp.soort, month_key(month))
    report.skipped = [(name, reason) for name, _, _, reason in skipped]
    return report


def refuse_ddas_months(results: list[tuple[str, IngestResult]], ddas: DdasLanding) -> None:
    """A late signal in a CSV/XLSX/Parquet export for a month the DDAS deliveries hold: refused too."""
    ddas_months = set(ddas.months("signalen"))
    for name, result in results:
        clash = sorted({d.replace(day=1) for d in result.rows["signaaldatum"].drop_nulls().to_list()} & ddas_months)
        if clash:
            raise FileProblem(name, "bevat signalen van " + ", ".join(month_key(m) for m in clash)
                              + ", een maand die al in de DDAS-levering(en) staat; kies één bron per maand")


def ingest_reference(con: duckdb.DuckDBPyConnection, landing: Path, inp: LandingInput) -> MonthReport | None:
    """Ingest `<landing>/referentie/<file>`; None when it does not exist (table left as it is)."""
    path = landing / "referentie" / inp.reference_file
    if not path.is_file():
        return None
    if unchanged(con, inp, None, [path], landing):
        return MonthReport(inp.soort, "referentie", ongewijzigd=True)
    results = read_files([path], landing, inp)
    write_partition(con, inp, None, results, landing)
    return report_for(results, inp.soort, "referentie")
