"""dbt-style SQL model files turned into something Dagster can run.

Each file `sql/<layer>/<model>.sql` is one model: one SELECT in CTE style whose result
becomes the table `<model>`. Dependencies are inferred by parsing the SQL with sqlglot
(CTE names excluded); unknown tables, cycles and name clashes are refused when the
models are loaded, so a broken model never reaches a run.

Parameters (windows, thresholds) are set as DuckDB variables and read in SQL with
`getvariable('name')`: configuration, never string formatting.

Headers in the leading comment block (docs/run-architecture.md):
- `-- incrementeel: maand`: the model is keyed by `maand` and produces only the months
  `>= getvariable('vanaf')`; the runner replaces those months (delete + insert, one transaction)
  and keeps the earlier ones, or builds the whole table on a full rebuild or when it is missing.
- `-- materialisatie: view`: the model is a view (no copy of its rows).
"""

from __future__ import annotations

from dataclasses import dataclass
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import re

import duckdb
import sqlglot
from sqlglot import exp

from pipeline.common.faults import crash_point

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
    incremental: bool = False  # `-- incrementeel: maand`
    view: bool = False  # `-- materialisatie: view`


HEADER = re.compile(r"^--\s*(incrementeel|materialisatie)\s*:\s*(\w+)\s*$")


def headers_of(sql: str, *, file: Path | str = "<sql>") -> dict[str, str]:
    """The `-- incrementeel: maand` / `-- materialisatie: view` lines of the leading comment block."""
    found = {}
    for line in sql.splitlines():
        stripped = line.strip()
        if not stripped.startswith("--"):
            break
        match = HEADER.match(stripped)
        if match:
            found[match.group(1)] = match.group(2)
    allowed = {"incrementeel": {"maand"}, "materialisatie": {"view", "tabel"}}
    for name, value in found.items():
        if value not in allowed[name]:
            raise ModelError(f"{file}: onbekende waarde '{value}' voor '{name}' (toegestaan: {', '.join(sorted(allowed[name]))})")
    if found.get("incrementeel") and found.get("materialisatie") == "view":
        raise ModelError(f"{file}: een view is niet incrementeel")
    return found


def description_of(sql: str) -> str:
    """The leading `--` comment block of a model file (headers left out), as one paragraph."""
    lines = []
    for line in sql.splitlines():
        stripped = line.strip()
        if not stripped.startswith("--"):
            break
        if HEADER.match(stripped):
            continue
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
            headers = headers_of(sql, file=path)
            found[name] = SqlModel(
                name, layer, path, sql, description_of(sql) or name, tuple(sorted(deps)),
                incremental=headers.get("incrementeel") == "maand", view=headers.get("materialisatie") == "view",
            )
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


def table_exists(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    return bool(con.execute(
        "select count(*) from information_schema.tables where table_name = ? and table_schema = 'main' "
        "and table_type = 'BASE TABLE'", [name]
    ).fetchall()[0][0])


def materialize(con: duckdb.DuckDBPyConnection, model: SqlModel, *, incremental: bool = False) -> int:
    """Build one model inside a transaction; return its row count (of the months built, for an
    incremental model).

    A view is (re)created. With `incremental` and an incremental model whose table exists, the
    months `>= getvariable('vanaf')` are replaced; otherwise the whole table is built (with the
    variable vanaf at its default, so a missing table gets every month)."""
    body = model.sql.strip().rstrip(";")
    name = model.name
    con.execute("begin transaction")
    try:
        if model.view:
            if table_exists(con, name):
                con.execute(f'drop table "{name}"')
            con.execute(f'create or replace view "{name}" as\n{body}')
            rows = None
        elif model.incremental and incremental and table_exists(con, name):
            con.execute(f"delete from \"{name}\" where maand >= getvariable('vanaf')")
            rows = con.execute(f'insert into "{name}" by name\n{body}').fetchall()[0][0]
        else:
            if model.incremental:
                saved = con.execute("select getvariable('vanaf')").fetchall()[0][0]
                con.execute("set variable vanaf = date '0001-01-01'")
            if con.execute(
                "select count(*) from information_schema.tables where table_name = ? and table_schema = 'main' "
                "and table_type = 'VIEW'", [name]
            ).fetchall()[0][0]:
                con.execute(f'drop view "{name}"')
            try:
                con.execute(f'create or replace table "{name}" as\n{body}')
            finally:
                if model.incremental:
                    con.execute("set variable vanaf = ?", [saved])
            rows = None
        crash_point("model")
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    if rows is None:
        rows = con.execute(f'select count(*) from "{name}"').fetchall()[0][0]
    return rows
