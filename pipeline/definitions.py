"""The one place where assets, checks, jobs, schedule, sensor and resources meet.

`dg dev` (and `dagster dev`) load this module; the `vroegsignaal` CLI runs the same jobs in-process.
"""

from __future__ import annotations

import dagster as dg

from pipeline.defs.checks import sql_checks
from pipeline.defs.contract_checks import contract_checks
from pipeline.defs.ddas import ddas_leveringen
from pipeline.defs.effect import herhaling
from pipeline.defs.exports import werkvoorraad
from pipeline.defs.ingest import raw_contactpogingen, raw_referentie, raw_signalen
from pipeline.defs.models import model_assets
from pipeline.defs.publish import publicatie
from pipeline.defs.report import rapport
from pipeline.defs.sensors import nieuwe_bestanden
from pipeline.defs.resources import Omgeving
from pipeline.common.settings import automation_running

ASSETS = [raw_signalen, raw_contactpogingen, raw_referentie, *model_assets, herhaling, publicatie, werkvoorraad, ddas_leveringen, rapport]

#: Ingest the partition(s), rebuild every model, check, publish: one run.
maandrun = dg.define_asset_job(
    "maandrun",
    selection=dg.AssetSelection.all(),
    description="Ingest the month(s), rebuild all models, run the blocking checks, publish.",
    tags={"dagster/max_retries": "0"},
)

#: Rebuild every model, check and publish from the warehouse as it is (after opschonen or a key rotation).
herbouw = dg.define_asset_job(
    "herbouw",
    selection=dg.AssetSelection.all() - dg.AssetSelection.groups("ingest"),
    description="Rebuild all models from the warehouse without reading the landing folder, check, publish.",
)

#: The 5th of every month at 06:00 for the previous (last complete) month.
maandelijks = dg.build_schedule_from_partitioned_job(
    maandrun, day_of_month=5, hour_of_day=6, name="maandelijks",
    description="Every 5th of the month at 06:00: the previous month end to end.",
    default_status=dg.DefaultScheduleStatus.RUNNING if automation_running() else dg.DefaultScheduleStatus.STOPPED,
)

defs = dg.Definitions(
    assets=ASSETS,
    asset_checks=[*sql_checks, *contract_checks],
    jobs=[maandrun, herbouw],
    schedules=[maandelijks],
    sensors=[nieuwe_bestanden],
    resources={"omgeving": Omgeving()},
    executor=dg.in_process_executor,
)
