"""Run the Dagster job in-process for a range of months, as one run (the CLI and the tests use this)."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field

import dagster as dg

from pipeline.ingest.ddas import ddas_months
from pipeline.ingest.landing import landing_months
from pipeline.common.settings import Settings
from pipeline.defs.tags import HERBEREKEN_TAG, LOG_KEY, RANGE_END, RANGE_START
from pipeline.warehouse.connection import WarehouseBusy, hold_writer_lock

# Dagster's console logger prints a failed step with its stack trace; the CLI prints its own one-line
# messages instead (failure_messages, warning_messages). The event log (the UI) keeps everything.
QUIET = {"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}}


@dataclass
class RunOutcome:
    success: bool
    months: list[str]
    messages: list[str] = field(default_factory=list)
    timings: list[tuple[str, float]] = field(default_factory=list)
    checks: list[tuple[str, bool]] = field(default_factory=list)


def months_to_run(settings: Settings, months: list[str] | None) -> list[dt.date]:
    if months:
        return sorted({dt.datetime.strptime(m, "%Y-%m").date() for m in months})
    found = set(landing_months(settings.landing, "signalen")) | set(landing_months(settings.landing, "contactpogingen"))
    return sorted(found | set(ddas_months(settings.landing)))


def _instance() -> dg.DagsterInstance:
    return dg.DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else dg.DagsterInstance.ephemeral()


def failure_messages(result: dg.ExecuteInProcessResult) -> list[str]:
    """One line per failed step or blocking check: what, where, what to do. An expected failure
    (dg.Failure: a file problem) has no stack trace; an unexpected exception (a bug) keeps its trace."""
    messages = []
    for event in result.all_events:
        if event.is_step_failure:
            data = event.step_failure_data
            user = data.user_failure_data
            if data.error and data.error.cls_name == "DagsterAssetCheckFailedError":
                continue  # a blocking check: its own line below names the check and what to do
            if user and user.description:
                messages.append(f"stap {event.step_key} mislukt: {user.description}")
            elif data.error:
                messages.append(f"stap {event.step_key} mislukt door een onverwachte fout (meld deze aan de beheerders "
                                f"van de pipeline):\n{data.error.to_string().rstrip()}")
            else:
                messages.append(f"stap {event.step_key} mislukt")
    for evaluation in result.get_asset_check_evaluations():
        if not evaluation.passed and evaluation.severity != dg.AssetCheckSeverity.WARN:
            name = f"{evaluation.asset_key.to_user_string()}.{evaluation.check_name}"
            summary = evaluation.metadata.get("samenvatting")
            count = evaluation.metadata.get("foute_rijen")
            where = evaluation.metadata.get("query")
            if summary:  # a data contract
                what = f"{summary.value} Zie het contract data_contracts/{evaluation.check_name}.yaml"
            else:
                what = (f"{count.value if count else '?'} foute rijen. Bekijk ze met de query in "
                        f"{where.value if where else 'sql/checks'} op warehouse.duckdb")
            messages.append(f"blokkerende controle {name} faalde: {what}; niets gepubliceerd, de vorige publicatie blijft staan")
    return messages


def warning_messages(result: dg.ExecuteInProcessResult) -> list[str]:
    """The failed warning-level contracts (the console logger no longer prints them)."""
    return [
        f"waarschuwing: {e.metadata['samenvatting'].value}"
        for e in result.get_asset_check_evaluations()
        if not e.passed and e.severity == dg.AssetCheckSeverity.WARN and "samenvatting" in e.metadata
    ]


def step_durations(entries: list) -> list[tuple[str, float]]:
    """Wall seconds per step (asset), from the run's own start and success/failure log entries."""
    started: dict[str, float] = {}
    durations: list[tuple[str, float]] = []
    for entry in entries:
        event = entry.dagster_event
        if event is None or event.step_key is None:
            continue
        if event.event_type_value == "STEP_START":
            started[event.step_key] = entry.timestamp
        elif event.event_type_value in ("STEP_SUCCESS", "STEP_FAILURE") and event.step_key in started:
            durations.append((event.step_key, entry.timestamp - started[event.step_key]))
    return durations


def model_durations(result: dg.ExecuteInProcessResult) -> list[tuple[str, float]]:
    """Wall seconds per table built inside the models step (its materialisation metadata)."""
    out = []
    for event in result.get_asset_materialization_events():
        materialization = event.step_materialization_data.materialization
        seconds = materialization.metadata.get("seconden")
        if seconds is not None:
            out.append((f"{event.step_key}.{materialization.asset_key.to_user_string()}", float(seconds.value)))
    return out


def range_reason(result: dg.ExecuteInProcessResult) -> str | None:
    """The planning's reason for the run's range (run_bereik.reden), if it ran."""
    for event in result.get_asset_materialization_events():
        materialization = event.step_materialization_data.materialization
        if materialization.asset_key.to_user_string() == "run_bereik" and "reden" in materialization.metadata:
            return str(materialization.metadata["reden"].value)
    return None




def log_lines(result: dg.ExecuteInProcessResult) -> list[str]:
    """The lines steps asked to show (policy versions over decided months, outputs not built for
    purged periods), in the order the steps ran."""
    lines: list[str] = []
    for event in result.all_events:
        if event.is_step_materialization:
            entry = event.step_materialization_data.materialization.metadata.get(LOG_KEY)
            if entry is not None and entry.value:
                lines += [line for line in str(entry.value).splitlines() if line]
    return lines


def check_results(result: dg.ExecuteInProcessResult) -> list[tuple[str, bool]]:
    return sorted(
        (f"{e.asset_key.to_user_string()}.{e.check_name}", e.passed) for e in result.get_asset_check_evaluations()
    )


def execute(job_name: str, tags: dict[str, str]) -> tuple[dg.ExecuteInProcessResult, list[tuple[str, float]]]:
    from pipeline.definitions import defs

    job = defs.resolve_job_def(job_name)
    with _instance() as instance:
        result = job.execute_in_process(instance=instance, tags=tags, run_config=QUIET, raise_on_error=False)
        return result, step_durations(instance.all_logs(result.run_id)) + model_durations(result)


def rebuild(settings: Settings, *, wait_seconds: float = 0) -> RunOutcome:
    """Rebuild every model from the warehouse, check and publish (the `herbouw` job)."""
    try:
        with hold_writer_lock(settings, timeout=wait_seconds):
            result, timings = execute("herbouw", {})
    except WarehouseBusy as busy:
        return RunOutcome(False, [], [str(busy)])
    if result.success:
        return RunOutcome(True, [], [*log_lines(result), "herbouw geslaagd"], timings, check_results(result))
    return RunOutcome(False, [], failure_messages(result) or ["de herbouw is mislukt"], timings, check_results(result))


def run_pipeline(settings: Settings, months: list[str] | None = None, *, wait_seconds: float = 0,
                 herbereken_beleid: str | None = None) -> RunOutcome:
    """Ingest the months (all in the landing folder by default), rebuild, check and publish in one run.
    `herbereken_beleid` ('alle' or 'YYYY-MM'): re-decide the policy decisions of every month (or from
    that month) under the policy now in force for each month."""
    chosen = months_to_run(settings, months)
    keys = [m.isoformat() for m in chosen]
    if not keys:
        return RunOutcome(False, [], [f"geen maandmappen gevonden onder {settings.landing / 'signalen'} "
                                      f"en geen DDAS-leveringen in {settings.landing / 'ddas'}"])
    try:
        with hold_writer_lock(settings, timeout=wait_seconds):
            tags = {RANGE_START: keys[0], RANGE_END: keys[-1]}
            if herbereken_beleid:
                tags[HERBEREKEN_TAG] = herbereken_beleid
            result, timings = execute("maandrun", tags)
    except WarehouseBusy as busy:
        return RunOutcome(False, keys, [str(busy)])
    labels = [k[:7] for k in keys]
    if result.success:
        reason = range_reason(result)
        messages = ([f"bereik: {reason}"] if reason else []) + log_lines(result) + warning_messages(result)
        return RunOutcome(True, labels, [*messages, f"run geslaagd voor {labels[0]} t/m {labels[-1]}"],
                          timings, check_results(result))
    return RunOutcome(False, labels, [*(failure_messages(result) or ["de run is mislukt"]), *warning_messages(result)],
                      timings, check_results(result))
