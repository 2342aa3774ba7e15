"""A sensor that starts a run when a new file lands in a month folder or in <landing>/ddas/."""


import hashlib
import json

import dagster as dg

from pipeline.ingest.ddas import ddas_files, delivery_months
from pipeline.ingest.landing import files_in, landing_months, month_key
from pipeline.common.settings import automation_running, load_settings, sensor_interval

WATCHED = ("signalen", "contactpogingen")


def landing_fingerprints() -> dict[str, str]:
    """Month partition key → fingerprint of the files in its folders (name, size, mtime)."""
    settings = load_settings()
    per_month: dict[str, list[str]] = {}
    for soort in WATCHED:
        for month in landing_months(settings.landing, soort):
            folder = settings.landing / soort / month_key(month)
            for path in files_in(folder):
                stat = path.stat()
                per_month.setdefault(month.isoformat(), []).append(f"{soort}/{path.name}:{stat.st_size}:{stat.st_mtime_ns}")
    for path in ddas_files(settings.landing):  # a DDAS delivery: every month of its period
        stat = path.stat()
        for month in delivery_months(path):
            per_month.setdefault(month.isoformat(), []).append(f"ddas/{path.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return {key: hashlib.sha256("\n".join(sorted(v)).encode()).hexdigest()[:16] for key, v in per_month.items()}


@dg.sensor(
    job_name="maandrun", minimum_interval_seconds=sensor_interval(),
    default_status=dg.DefaultSensorStatus.RUNNING if automation_running() else dg.DefaultSensorStatus.STOPPED,
    description="Starts maandrun for a month when files in its landing folders are new or changed.",
)
def nieuwe_bestanden(context: dg.SensorEvaluationContext):
    seen = json.loads(context.cursor) if context.cursor else {}
    current = landing_fingerprints()
    changed = sorted(key for key, fp in current.items() if seen.get(key) != fp)
    for key in changed:
        yield dg.RunRequest(run_key=f"{key}:{current[key]}", partition_key=key)
    if not changed:
        yield dg.SkipReason("geen nieuwe bestanden")
    context.update_cursor(json.dumps(current, sort_keys=True))
