"""Shared test set-up: tests never use a persistent Dagster instance or a real key.

Scheduling over xdist workers (`make test`: `-n 2`, with `--dist loadgroup --no-loadscope-reorder`
from pyproject.toml). A module whose module-scoped fixture runs the pipeline marks its tests with
`pytest.mark.xdist_group(<module>)`, so that fixture is built once, on one worker, instead of once on
every worker that happens to run one of its tests. A test (or group) that takes long carries
`pytest.mark.cost(seconds)`: its expected seconds on an idle machine. The work is handed out longest
first (pytest_collection_modifyitems below), so both workers end together instead of one waiting
for a long test that was handed out last. Neither changes what any test runs or asserts.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

os.environ.pop("DAGSTER_HOME", None)
os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "cost(seconds): expected seconds of the test on an idle machine (long work is handed out first)")


def _unit(item: pytest.Item) -> str:
    """What xdist's loadgroup hands out as one piece: the xdist_group, else the test itself."""
    groups = sorted({str(m.args[0] if m.args else m.kwargs.get("name", "default"))
                     for m in item.iter_markers("xdist_group")})
    return "@" + "_".join(groups) if groups else item.nodeid


def _cost(item: pytest.Item) -> float:
    mark = item.get_closest_marker("cost")
    return float(mark.args[0]) if mark else 0.0


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Longest units first (stable: otherwise the collection order). Deterministic, so every
    worker collects the same order, which xdist requires."""
    totals: dict[str, float] = {}
    for item in items:
        totals[_unit(item)] = totals.get(_unit(item), 0.0) + _cost(item)
    first_seen = {unit: i for i, unit in reversed(list(enumerate(_unit(item) for item in items)))}
    order = {id(item): (-totals[_unit(item)], first_seen[_unit(item)], i) for i, item in enumerate(items)}
    items.sort(key=lambda item: order[id(item)])


def built_once(tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]) -> Path:
    """A folder `build` fills once per test session, shared by the xdist workers (the first one to
    ask builds it under a file lock; the others wait and reuse it). Tests copy it, never write in it."""
    from filelock import FileLock

    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the session's temporary folder, shared by its workers
    folder = base / f"gedeeld-{name}"
    with FileLock(str(folder) + ".lock"):
        if not (folder / ".klaar").exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            build(folder)
            (folder / ".klaar").touch()
    return folder
