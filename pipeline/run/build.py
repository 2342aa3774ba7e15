"""Build every table in dependency order: SQL models and the policy steps.

The Dagster job runs `run_models` inside one step (pipeline/defs/models.py); the tests and
`vroegsignaal simuleer` call `build_all` (everything, every month) or `build_incremental`
(plan the range, build the months from `vanaf`, close).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator
from graphlib import TopologicalSorter

import duckdb

from pipeline.run import planning as planning
from pipeline.run.planning import Bereik
from pipeline.policy import PolicySet
from pipeline.policy.steps import decide_pickup, ensure_decision_tables, write_aanpaklijst, write_beleid
from pipeline.warehouse.models import SqlModel, materialize

#: Python steps inside the model graph: table → (tables it reads, function).
PYTHON_STEPS: dict[str, tuple[tuple[str, ...], Callable[..., object]]] = {
    "raw_beleid": ((), write_beleid),
    "melding_opname": (("int_melding_kandidaten", "int_melding_referentie", "raw_beleid"), decide_pickup),
    "aanpaklijst": (("int_aanpak_kenmerken", "raw_beleid"), write_aanpaklijst),
}


def build_order(models: dict[str, SqlModel]) -> list[str]:
    graph: dict[str, set[str]] = {name: set(m.deps) for name, m in models.items()}
    for name, (deps, _) in PYTHON_STEPS.items():
        graph[name] = set(deps)
    known = set(models) | set(PYTHON_STEPS)
    return [name for name in TopologicalSorter(graph).static_order() if name in known]


def run_models(
    con: duckdb.DuckDBPyConnection, models: dict[str, SqlModel], policies: PolicySet,
    bereik: Bereik | None = None, selected: set[str] | None = None, *,
    herbereken: str | None = None, log: Callable[[str], object] | None = None,
) -> Iterator[tuple[str, int | None, float]]:
    """Build the selected tables (all by default) in order; yield (table, rows, seconds) per table.

    `bereik` None: every month of every table (`vanaf` at its default). Otherwise the variable
    `vanaf` is set from it: incremental models replace the months from `vanaf`, the monthly policy
    steps get `since = vanaf`; a full range rebuilds everything; nothing changed builds nothing
    (rows None). `herbereken` ('alle' or 'YYYY-MM', from --herbereken-beleid) re-opens the decisions
    of those months; `log` receives the policy timeline's lines (decided months a version changes)."""
    if bereik is not None and bereik.vanaf is None:
        for name in build_order(models):
            if selected is None or name in selected:
                yield name, None, 0.0
        return
    incremental = bereik is not None and not bereik.volledig
    since = bereik.vanaf if bereik is not None and not bereik.volledig else None
    con.execute("set variable vanaf = ?", [bereik.vanaf if bereik is not None else planning.BEGIN])
    for name in build_order(models):
        if selected is not None and name not in selected:
            continue
        started = time.perf_counter()
        if name == "raw_beleid":
            reopen = dt.date.fromisoformat(herbereken + "-01") if herbereken and herbereken != "alle" else None
            for line in write_beleid(con, policies, reopen, herbereken=bool(herbereken)):
                if log:
                    log(line)
            rows = con.execute("select count(*) from raw_beleid").fetchall()[0][0]
        elif name in PYTHON_STEPS:
            result = PYTHON_STEPS[name][1](con, policies, since)
            rows = result if isinstance(result, int) else None
        else:
            rows = materialize(con, models[name], incremental=incremental)
        yield name, rows, time.perf_counter() - started


def build_all(con: duckdb.DuckDBPyConnection, models: dict[str, SqlModel], policies: PolicySet, *,
              keep_decisions: bool = False) -> None:
    """Every table, every month. By default as from scratch: the policy timeline and every decision
    are made anew from the files (tests, `simuleer`); `keep_decisions=True` keeps them as a run does."""
    if not keep_decisions:
        ensure_decision_tables(con)
        for table in ("raw_beleid", "melding_opname", "aanpaklijst", "beleid_versies"):
            con.execute(f"delete from {table}")
    for _ in run_models(con, models, policies):
        pass


def build_incremental(con: duckdb.DuckDBPyConnection, models: dict[str, SqlModel], policies: PolicySet) -> Bereik:
    """Plan the range from what ingestion changed, build it, close it; return the range."""
    bereik = planning.plan(con, models, policies)
    for _ in run_models(con, models, policies, bereik):
        pass
    planning.close(con)
    return bereik
