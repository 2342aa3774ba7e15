"""The Python steps inside the model graph (policy table, pick-up decision, approach list) as assets."""

import dagster as dg

from pipeline.build import PYTHON_STEPS
from pipeline.defs.contract_checks import run_months
from pipeline.defs.models import asset_metadata, upstream_keys
from pipeline.policy_tables import recompute_from
from pipeline.policy import load_policies
from pipeline.resources import Omgeving
from pipeline.warehouse import open_warehouse

DESCRIPTIONS = {
    "raw_beleid": "Per gemeente the policy file (policies/*.yaml) that applies and its signal-level "
    "drempelbedrag; gemeentecode '*' is the default policy for gemeenten without a file of their own.",
    "melding_opname": "Which candidate meldingen the gemeente's policy picks up: the leading pick-up rules "
    "(such as Leiden's melding-level drempel) on same-month facts, and residents already known at "
    "schuldhulpverlening.",
    "aanpaklijst": "The approach list: per melding the aanpak, channels, letter template, priority, "
    "consultant, recurrence flags, the deciding rule and one Dutch sentence saying why.",
}
#: Steps that recompute only the months a run can have changed (see policy_tables.recompute_from).
INCREMENTAL = {"melding_opname", "aanpaklijst"}

GROUPS = {"raw_beleid": "beleid", "melding_opname": "beleid", "aanpaklijst": "marts"}


def python_step_asset(name: str) -> dg.AssetsDefinition:
    deps = PYTHON_STEPS[name][0]

    @dg.asset(
        name=name, group_name=GROUPS[name], kinds={"python", "duckdb"}, pool="duckdb",
        deps=upstream_keys(deps), description=DESCRIPTIONS[name], metadata=asset_metadata(name),
    )
    def _step(context: dg.AssetExecutionContext, omgeving: Omgeving) -> dg.MaterializeResult:
        settings = omgeving.settings()
        policies = load_policies(settings.policies_dir)
        step = PYTHON_STEPS[name][1]  # looked up at run time: the registry is the one source
        months = run_months(context)
        with open_warehouse(settings) as con:
            since = recompute_from(con, policies, name, months[0] if months else None) if name in INCREMENTAL else None
            result = step(con, policies, since) if name in INCREMENTAL else step(con, policies)
        scope = f"vanaf {since:%Y-%m}" if since else "alle maanden"
        return dg.MaterializeResult(metadata={"rijen": result, "herberekend": scope})

    return _step


policy_assets = [python_step_asset(name) for name in PYTHON_STEPS]
