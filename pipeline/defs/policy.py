"""Policy assets: each gemeente's werkwijze (policies/*.yaml) as tables the SQL models join."""


import dagster as dg

from pipeline.policy import load_policies
from pipeline.policy_tables import decide_pickup, write_beleid
from pipeline.resources import Omgeving
from pipeline.warehouse import open_warehouse


@dg.asset(
    group_name="beleid", kinds={"python", "duckdb"}, pool="duckdb",
    description="Per gemeente the policy file that applies and its signal-level drempelbedrag "
    "(gemeentecode '*' = the default policy for gemeenten without a file of their own).",
)
def raw_beleid(omgeving: Omgeving) -> dg.MaterializeResult:
    settings = omgeving.settings()
    policies = load_policies(settings.policies_dir)
    with open_warehouse(settings) as con:
        rows = write_beleid(con, policies)
    return dg.MaterializeResult(metadata={"gemeenten_met_beleid": rows})


@dg.asset(
    group_name="beleid", kinds={"python", "duckdb"}, pool="duckdb",
    deps=[dg.AssetKey("int_melding_kandidaten"), dg.AssetKey("raw_beleid")],
    description="Which candidate meldingen the gemeente's policy picks up: the leading pick-up rules "
    "(such as Leiden's melding-level drempel) on same-month facts only.",
)
def melding_opname(omgeving: Omgeving) -> dg.MaterializeResult:
    settings = omgeving.settings()
    policies = load_policies(settings.policies_dir)
    with open_warehouse(settings) as con:
        skipped = decide_pickup(con, policies)
    return dg.MaterializeResult(metadata={"niet_opgepakt": skipped})
