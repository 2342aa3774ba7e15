"""The package layout shows the flow (docs/architecture.md): every stage imports only stages before it,
none imports the Dagster layer, and no module imports itself through a loop."""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

PIPELINE = Path(__file__).resolve().parents[1] / "pipeline"

#: The stages in flow order; a module may import its own stage and the stages before it.
STAGES = ("common", "ingest", "warehouse", "policy", "run", "effect", "contracts", "privacy", "exports", "report", "synthetic")
#: On top: the Dagster layer and the command line; nothing below imports them.
TOP = ("definitions", "defs", "cli", "serve")


def module_name(path: Path) -> str:
    parts = path.relative_to(PIPELINE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every pipeline module this file imports, at module level or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("pipeline")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0 and node.module.startswith("pipeline"):
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names}
    return found


MODULES = {module_name(p): p for p in PIPELINE.rglob("*.py")}


def area(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_every_module_lives_in_a_known_place():
    loose = sorted(m for m in MODULES if area(m) not in STAGES + TOP + ("",))
    assert not loose, f"modules outside the stages of docs/architecture.md: {loose}"
    top_level = sorted(m for m in MODULES if m.count(".") == 1 and area(m) not in TOP and not (PIPELINE / area(m)).is_dir())
    assert not top_level, f"loose modules on the top level of pipeline/: {top_level}"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if area(m) in STAGES))
def test_stages_import_only_earlier_stages(module):
    own = STAGES.index(area(module))
    for target in imports_of(MODULES[module]):
        if target not in MODULES and target.rsplit(".", 1)[0] not in MODULES:
            continue
        where = area(target)
        assert where not in TOP, f"{module} imports the Dagster layer / CLI ({target})"
        if where in STAGES:
            assert STAGES.index(where) <= own or where == "synthetic" and area(module) == "synthetic", (
                f"{module} ({area(module)}) imports {target} ({where}), a later stage"
            )


def test_no_import_cycles():
    graph = {}
    for module, path in MODULES.items():
        deps = set()
        for target in imports_of(path):
            while target and target not in MODULES:
                target = target.rsplit(".", 1)[0] if "." in target else ""
            if target and target != module and not module.startswith(target + ".") and target != "pipeline":
                deps.add(target)
        graph[module] = deps
    try:
        list(TopologicalSorter(graph).static_order())
    except CycleError as error:
        pytest.fail(f"import cycle: {' -> '.join(error.args[1])}")
