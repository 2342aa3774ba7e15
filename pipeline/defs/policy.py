"""The Python steps inside the model graph (policy table, pick-up decision, approach list) as assets."""

import dagster as dg

import datetime as dt

from pipeline.build import PYTHON_STEPS
from pipeline.defs.models import asset_metadata, upstream_keys
from pipeline.policy_tables import run_since
from pipeline.policy import load_policies
from pipeline.resources import Omgeving
from pipeline.runner import HERBEREKEN_TAG, LOG_KEY
from pipeline.warehouse import open_warehouse

DESCRIPTIONS = {
    "raw_beleid": "The policy timeline: per gemeente the policy version (policies/*.yaml, by sha256) in force "
    "from geldig_vanaf up to geldig_tot and its signal-level drempelbedrag; gemeentecode '*' is the default "
    "policy for gemeenten without a file of their own. Every version used is kept in beleid_versies.",
    "melding_opname": "Which candidate meldingen the gemeente's policy picks up: the leading pick-up rules "
    "(such as Leiden's melding-level drempel) on same-month facts, and residents already known at "
    "schuldhulpverlening. Kept decisions: made once per melding under the version of its month.",
    "aanpaklijst": "The approach list: per melding the aanpak, channels, letter template, priority, "
    "consultant, recurrence flags, the deciding rule and one Dutch sentence saying why. Kept decisions: "
    "made once per melding under the policy version of its month (beleid_hash).",
}

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
        herbereken = context.run.tags.get(HERBEREKEN_TAG)
        with open_warehouse(settings) as con:
            if name == "raw_beleid":
                vanaf = dt.date.fromisoformat(herbereken + "-01") if herbereken and herbereken != "alle" else None
                lines = step(con, policies, vanaf, herbereken=bool(herbereken))
                for line in lines:
                    context.log.info(line)
                return dg.MaterializeResult(metadata={LOG_KEY: "\n".join(lines)} if lines else {})
            since = run_since(con)
            decided = step(con, policies, since)
        scope = f"vanaf {since:%Y-%m}" if since else "alle maanden"
        return dg.MaterializeResult(metadata={"nieuw_besloten": decided, "bekeken": scope})

    return _step


policy_assets = [python_step_asset(name) for name in PYTHON_STEPS]
