"""Ingestion assets: monthly signal and contact-attempt exports, and the reference files."""


import datetime as dt

import dagster as dg

from pipeline.ingest import FileProblem
from pipeline.ingest.ddas import read_ddas_landing
from pipeline.ingest.landing import MonthReport, ingest_month, ingest_reference
from pipeline.ingest.raw_tables import CONTACTPOGING_INPUT, REFERENCE_INPUTS, SIGNAAL_INPUT, LandingInput
from pipeline.defs.resources import Omgeving
from pipeline.privacy.retention import purged_months
from pipeline.defs.partitions import maanden
from pipeline.warehouse.connection import open_warehouse


#: Printed after a file-level problem: what the user can do about it.
WHAT_TO_DO = ("Herstel of vervang dat bestand (of haal het uit de map als het geen export is) en start de run "
              "opnieuw; de andere maanden en de vorige publicatie blijven zoals ze waren")


def summary_metadata(reports: list[MonthReport]) -> dict:
    files = [f for r in reports for f in r.files]
    skipped = [s for r in reports for s in r.skipped]
    table = "| bestand | gelezen | geparsed | quarantaine |\n|---|---:|---:|---:|\n" + "".join(
        f"| {f.bestand} | {f.rijen_gelezen} | {f.rijen_geparsed} | {f.quarantaine} |\n" for f in files
    )
    if skipped:
        table += "\n| overgeslagen (geen export) | reden |\n|---|---|\n" + "".join(f"| {b} | {why} |\n" for b, why in skipped)
    return {
        "maanden": len(reports),
        "bestanden": len(files),
        "bestanden_overgeslagen": len(skipped),
        "rijen_gelezen": sum(f.rijen_gelezen for f in files),
        "rijen_quarantaine_bij_inlezen": sum(f.quarantaine for f in files),
        "verslag": dg.MetadataValue.md(table if files else "geen bestanden"),
    }


def monthly_ingest_asset(inp: LandingInput, description: str) -> dg.AssetsDefinition:
    @dg.asset(
        name=inp.table,
        group_name="ingest",
        partitions_def=maanden,
        backfill_policy=dg.BackfillPolicy.single_run(),
        kinds={"polars", "duckdb"},
        description=description,
        pool="duckdb",
    )
    def _ingest(context: dg.AssetExecutionContext, omgeving: Omgeving) -> dg.MaterializeResult:
        settings = omgeving.settings()
        reports, problems = [], []
        ddas = read_ddas_landing(settings.landing)
        for problem in ddas.problems:  # a file that is not a DDAS delivery stops only that file
            context.log.error(f"ddas: {problem}")
            problems.append(str(problem))
        with open_warehouse(settings) as con:
            purged = purged_months(con, inp.soort)
            for key in context.partition_keys:
                month = dt.date.fromisoformat(key)
                if month in purged:
                    context.log.info(f"{inp.soort} {key[:7]}: opgeschoond; de landing wordt niet opnieuw ingelezen")
                    continue
                try:
                    report = ingest_month(con, settings.landing, inp, month, ddas)
                except FileProblem as problem:
                    context.log.error(f"{inp.soort} {key[:7]}: {problem}")
                    problems.append(str(problem))
                    continue
                if report is None:
                    context.log.info(f"{inp.soort} {key[:7]}: geen map in de landing, niets veranderd")
                    continue
                if report.ongewijzigd:
                    context.log.info(f"{inp.soort} {key[:7]}: bestanden ongewijzigd, niet opnieuw gelezen")
                    continue
                reports.append(report)
                for bestand, why in report.skipped:
                    context.log.info(f"overgeslagen: {bestand} ({why})")
                context.log.info(
                    f"{inp.soort} {key[:7]}: {len(report.files)} bestand(en), {report.rijen_gelezen} rijen gelezen"
                )
        if problems:
            problems = list(dict.fromkeys(problems))
            raise dg.Failure(
                description="Inlezen gestopt voor: " + "; ".join(problems) + ". " + WHAT_TO_DO,
                metadata=summary_metadata(reports),
            )
        return dg.MaterializeResult(metadata=summary_metadata(reports))

    return _ingest


raw_signalen = monthly_ingest_asset(
    SIGNAAL_INPUT,
    "Signal exports of the month as delivered (landing/signalen/YYYY-MM/*.csv|xlsx|parquet), "
    "parsed; rows that break a field rule go to raw_quarantaine. Private: holds personal data.",
)
raw_contactpogingen = monthly_ingest_asset(
    CONTACTPOGING_INPUT,
    "Contact attempts of the month (landing/contactpogingen/YYYY-MM/), parsed; bad rows to raw_quarantaine.",
)


@dg.asset(
    name="raw_referentie", group_name="ingest", kinds={"polars", "duckdb"}, pool="duckdb",
    description="Reference files in landing/referentie/: gemeenten.csv (inhabitants per gemeente per year; "
    "required for per-1000 figures) and the optional huishoudens.csv, niet_benaderen.csv and bekend_shv.csv.",
)
def raw_referentie(context: dg.AssetExecutionContext, omgeving: Omgeving) -> dg.MaterializeResult:
    settings = omgeving.settings()
    reports = []
    with open_warehouse(settings) as con:
        for inp in REFERENCE_INPUTS:
            try:
                report = ingest_reference(con, settings.landing, inp)
            except FileProblem as problem:
                raise dg.Failure(description=f"{problem}. {WHAT_TO_DO}") from None
            if report is None:
                context.log.info(f"referentie/{inp.reference_file} ontbreekt: tabel {inp.table} ongewijzigd")
            elif report.ongewijzigd:
                context.log.info(f"referentie/{inp.reference_file} ongewijzigd, niet opnieuw gelezen")
            else:
                reports.append(report)
    return dg.MaterializeResult(metadata=summary_metadata(reports))
