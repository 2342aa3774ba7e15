"""dbt-style SQL model files turned into something Dagster can run.

Each file `sql/<layer>/<model>.sql` is one model: one SELECT in CTE style whose result
becomes the table `<model>`. Dependencies are inferred by parsing the SQL with sqlglot
(CTE names excluded); unknown tables, cycles and name clashes are refused when the
models are loaded, so a broken model never reaches a run.

Parameters (windows, thresholds) are set as DuckDB variables and read in SQL with
`getvariable('name')`: configuration, never string formatting.
"""

from __future__ import annotations

from dataclasses import dataclass
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import duckdb
import sqlglot
from sqlglot import exp

from pipeline.faults import crash_point

LAYERS = ("staging", "intermediate", "marts")


class ModelError(ValueError):
    """A model file that cannot be used: unknown table, cycle, clash or unparsable SQL."""


@dataclass(frozen=True)
class SqlModel:
    name: str
    layer: str
    path: Path
    sql: str
    description: str
    deps: tuple[str, ...]


def description_of(sql: str) -> str:
    """The leading `--` comment block of a model file, as one paragraph."""
    lines = []
    for line in sql.splitlines():
        stripped = line.strip()
        if not stripped.startswith("--"):
            break
        lines.append(stripped.lstrip("-").strip())
    return " ".join(part for part in lines if part)


def parse_model(sql: str, *, file: Path | str = "<sql>") -> tuple[set[str], set[str]]:
    """(tables the SELECT reads, its CTE names); CTE references and table functions are not tables."""
    try:
        statements = sqlglot.parse(sql, read="duckdb")
    except sqlglot.errors.ParseError as error:
        raise ModelError(f"{file}: SQL kan niet worden gelezen: {error}") from None
    statements = [s for s in statements if s is not None]
    if len(statements) != 1 or not isinstance(statements[0], exp.Query):
        raise ModelError(f"{file}: een model is precies één SELECT-query")
    tree = statements[0]
    ctes = {cte.alias_or_name for cte in tree.find_all(exp.CTE)}
    for cte in tree.find_all(exp.CTE):
        if any(t.name == cte.alias_or_name for t in cte.this.find_all(exp.Table)):
            raise ModelError(
                f"{file}: CTE '{cte.alias_or_name}' leest een tabel met zijn eigen naam; "
                "geef de CTE een andere naam dan de tabel die hij leest"
            )
    names = set()
    for table in tree.find_all(exp.Table):
        if isinstance(table.this, exp.Identifier) and table.name not in ctes:
            names.add(table.name)
    return names, ctes


def tables_read(sql: str, *, file: Path | str = "<sql>") -> set[str]:
    """Names of the tables a SELECT reads, CTE names and table functions excluded."""
    return parse_model(sql, file=file)[0]


def discover_models(sql_dir: Path, sources: set[str] | frozenset[str]) -> dict[str, SqlModel]:
    """Read and validate every model file; return the models in dependency order."""
    found: dict[str, SqlModel] = {}
    for layer in LAYERS:
        for path in sorted((sql_dir / layer).glob("*.sql")):
            name = path.stem
            if name in found:
                raise ModelError(f"{path}: de naam '{name}' bestaat al in {found[name].path}")
            if name in sources:
                raise ModelError(f"{path}: de naam '{name}' botst met een brontabel")
            sql = path.read_text(encoding="utf-8")
            deps = tables_read(sql, file=path)
            found[name] = SqlModel(name, layer, path, sql, description_of(sql) or name, tuple(sorted(deps)))
    known = set(found) | set(sources)
    for model in found.values():
        unknown = sorted(set(model.deps) - known)
        if unknown:
            raise ModelError(f"{model.path}: onbekende tabel(len) {', '.join(unknown)}")
    graph = {name: {d for d in model.deps if d in found} for name, model in found.items()}
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as error:
        cycle = " -> ".join(error.args[1])
        raise ModelError(f"kringverwijzing tussen modellen: {cycle}") from None
    return {name: found[name] for name in order}


def set_parameters(con: duckdb.DuckDBPyConnection, parameters: dict[str, object]) -> None:
    """Expose configuration to the SQL as variables (read with getvariable)."""
    for name, value in parameters.items():
        if not name.isidentifier():
            raise ValueError(f"ongeldige parameternaam {name!r}")
        con.execute(f"set variable {name} = ?", [value])


def materialize(con: duckdb.DuckDBPyConnection, model: SqlModel) -> int:
    """Build one model with `create or replace table` inside a transaction; return its row count."""
    body = model.sql.strip().rstrip(";")
    con.execute("begin transaction")
    try:
        con.execute(f'create or replace table "{model.name}" as\n{body}')
        crash_point("model")
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    return con.execute(f'select count(*) from "{model.name}"').fetchall()[0][0]
