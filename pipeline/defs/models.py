"""Every SQL model file under sql/ is one Dagster asset (key = file stem, group = layer), and so is
each Python step inside the model graph (raw_beleid, melding_opname, aanpaklijst) and the run's
planning (run_bereik). They execute as ONE step (a subsettable multi_asset) on one warehouse
connection: with about sixty models, a step per model cost more in Dagster overhead than the SQL
itself. The lineage in the UI is unchanged: every asset keeps its own key and dependencies.
"""


import dagster as dg

from pipeline.run import planning
from pipeline.run.build import PYTHON_STEPS, build_order, run_models
from pipeline.policy import load_policies
from pipeline.defs.resources import Omgeving
from pipeline.defs.tags import HERBEREKEN_TAG, LOG_KEY
from pipeline.common.settings import PROJECT_ROOT
from pipeline.warehouse.catalog import MODELS, SOURCE_TABLES
from pipeline.warehouse.models import SqlModel
from pipeline.warehouse.connection import open_warehouse

#: Tables written by Python assets, and which asset(s) write them.

PLANNING = "run_bereik"
PLANNING_DESCRIPTION = (
    "The range of the run: the first month whose inputs changed (vanaf), whether everything is rebuilt "
    "(volledig: a new key, window configuration, SQL model or reference file) and why (reden). "
    "Every month-keyed model recomputes the months from vanaf only."
)


def upstream_keys(tables) -> list[dg.AssetKey]:
    """Asset keys of the steps that write these tables."""
    keys: list[str] = []
    for table in tables:
        for key in SOURCE_TABLES.get(table, (table,)):
            if key not in keys:
                keys.append(key)
    return [dg.AssetKey(k) for k in keys]


def asset_metadata(table: str, extra: dict | None = None) -> dict:
    """Definition metadata: the column descriptions of a published table (from its contract)."""
    from pipeline.contracts.dictionary import column_schema

    metadata = dict(extra or {})
    schema = column_schema(table)
    if schema is not None:
        metadata["dagster/column_schema"] = schema
    return metadata


def with_planning(tables) -> list[dg.AssetKey]:
    """The upstream keys; a table that reads no other model or Python step also waits for the planning."""
    keys = upstream_keys(tables)
    internal = set(MODELS) | set(PYTHON_STEPS)
    return keys if any(t in internal for t in tables) else [*keys, dg.AssetKey(PLANNING)]


def model_spec(model: SqlModel) -> dg.AssetSpec:
    return dg.AssetSpec(
        key=model.name,
        group_name=model.layer,
        deps=with_planning(model.deps),
        description=model.description,
        kinds={"duckdb", "sql"},
        metadata=asset_metadata(model.name, {
            "sql_bestand": str(model.path.relative_to(PROJECT_ROOT)),
            "materialisatie": "view" if model.view else ("incrementeel per maand" if model.incremental else "tabel"),
        }),
    )


def python_step_spec(name: str) -> dg.AssetSpec:
    from pipeline.policy.steps import DESCRIPTIONS, GROUPS

    return dg.AssetSpec(
        key=name, group_name=GROUPS[name], kinds={"python", "duckdb"},
        deps=with_planning(PYTHON_STEPS[name][0]),
        description=DESCRIPTIONS[name], metadata=asset_metadata(name),
    )


SPECS = [
    dg.AssetSpec(
        key=PLANNING, group_name="planning", kinds={"python", "duckdb"}, description=PLANNING_DESCRIPTION,
        deps=[dg.AssetKey(k) for k in ("raw_signalen", "raw_contactpogingen", "raw_referentie")],
    ),
    *(python_step_spec(name) if name in PYTHON_STEPS else model_spec(MODELS[name]) for name in build_order(MODELS)),
]


@dg.multi_asset(specs=SPECS, can_subset=True, name="modellen", pool="duckdb")
def modellen(context: dg.AssetExecutionContext, omgeving: Omgeving):
    settings = omgeving.settings()
    policies = load_policies(settings.policies_dir)
    selected = {key.to_user_string() for key in context.selected_asset_keys}
    herbereken = context.run.tags.get(HERBEREKEN_TAG)
    with open_warehouse(settings) as con:
        if PLANNING in selected:
            bereik = planning.plan(con, MODELS, policies, herbereken)
        else:
            bereik = planning.read_range(con)
        if bereik is not None:
            scope = "alle maanden" if bereik.volledig else (f"vanaf {bereik.vanaf:%Y-%m}" if bereik.vanaf else "niets")
            context.log.info(f"bereik van de run: {bereik.reden}")
            if PLANNING in selected:
                yield dg.MaterializeResult(asset_key=PLANNING, metadata={
                    "vanaf": str(bereik.vanaf) if bereik.vanaf else "-", "volledig": bereik.volledig,
                    "reden": bereik.reden, "bereik": scope,
                })
        elif PLANNING in selected:
            yield dg.MaterializeResult(asset_key=PLANNING)
        lines: list[str] = []

        def log(line: str) -> None:
            context.log.info(line)
            lines.append(line)

        for name, rows, seconds in run_models(con, MODELS, policies, bereik, selected - {PLANNING},
                                              herbereken=herbereken, log=log):
            metadata = {"seconden": round(seconds, 3)}
            if name == "raw_beleid" and lines:
                metadata[LOG_KEY] = "\n".join(lines)
            if rows is not None:
                metadata["rijen"] = rows
            else:
                metadata["ongewijzigd"] = True
            yield dg.MaterializeResult(asset_key=name, metadata=metadata)
        # The range is closed (fingerprints kept, changes forgotten) only once the run's publication is
        # in place (pipeline/defs/publish.py): a run killed or stopped before that plans this range again.


model_assets = [modellen]
