"""Build every table in dependency order without Dagster: SQL models and the policy steps.

The Dagster job does the same through its asset graph; this plain loop serves the tests and
`vroegsignaal simuleer`, which must not touch the published outputs.
"""

from __future__ import annotations

from collections.abc import Callable
from graphlib import TopologicalSorter

import duckdb

from pipeline.policy import PolicySet
from pipeline.policy_tables import decide_pickup, ensure_decision_tables, write_aanpaklijst, write_beleid
from pipeline.sql_models import SqlModel, materialize

#: Python steps inside the model graph: table → (tables it reads, function).
PYTHON_STEPS: dict[str, tuple[tuple[str, ...], Callable[[duckdb.DuckDBPyConnection, PolicySet], object]]] = {
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


def build_all(con: duckdb.DuckDBPyConnection, models: dict[str, SqlModel], policies: PolicySet, *,
              keep_decisions: bool = False) -> None:
    """Build every table. By default as from scratch: the policy timeline and every decision are made
    anew from the files (tests, `simuleer`); `keep_decisions=True` keeps them as a run does."""
    if not keep_decisions:
        ensure_decision_tables(con)
        for table in ("raw_beleid", "melding_opname", "aanpaklijst", "beleid_versies"):
            con.execute(f"delete from {table}")
    for name in build_order(models):
        if name in PYTHON_STEPS:
            PYTHON_STEPS[name][1](con, policies)
        else:
            materialize(con, models[name])
