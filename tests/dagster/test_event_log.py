"""The project's Dagster instance (dagster.yaml) keeps its SQLite event-log connections open
(pipeline/defs/event_log.py): the events of a run are stored as Dagster's own storage stores them."""

import shutil
import sqlite3

import dagster as dg
from dagster._core.storage.event_log.sqlite.sqlite_event_log import SqliteEventLogStorage

from pipeline.common.settings import PROJECT_ROOT
from pipeline.defs import event_log
from pipeline.defs.event_log import KeptConnectionSqliteEventLogStorage


@dg.asset
def eerste() -> int:
    return 1


@dg.asset(check_specs=[dg.AssetCheckSpec("positief", asset="tweede")])
def tweede(context: dg.AssetExecutionContext, eerste: int):
    context.log.info("voortgang: tweede")
    yield dg.Output(eerste + 1)
    yield dg.AssetCheckResult(passed=True)


JOB = dg.define_asset_job("klein", selection=[eerste, tweede])
DEFS = dg.Definitions(assets=[eerste, tweede], jobs=[JOB])


def _home(tmp_path, monkeypatch):
    home = tmp_path / "dagster"
    home.mkdir()
    shutil.copy(PROJECT_ROOT / "dagster.yaml", home / "dagster.yaml")
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    return home


def _event_types(instance: dg.DagsterInstance, run_id: str) -> list[str]:
    return [e.dagster_event_type.value if e.dagster_event_type else "log" for e in instance.all_logs(run_id)]


def test_the_project_instance_stores_every_event_and_dagsters_own_storage_reads_them_back(tmp_path, monkeypatch):
    home = _home(tmp_path, monkeypatch)
    with dg.DagsterInstance.get() as instance:
        assert isinstance(instance.event_log_storage, KeptConnectionSqliteEventLogStorage)
        result = DEFS.resolve_job_def("klein").execute_in_process(instance=instance)
        assert result.success
        stored = _event_types(instance, result.run_id)
        assert instance.get_latest_materialization_event(dg.AssetKey("tweede")) is not None

    assert stored.count("ASSET_MATERIALIZATION") == 2 and stored.count("ASSET_CHECK_EVALUATION") == 1
    assert "log" in stored and stored[-1] == "PIPELINE_SUCCESS"
    # Dagster's stock class, on the same folder in another instance, reads the same events and the asset index
    stock = SqliteEventLogStorage(str(home / "history" / "runs"))
    assert [e.dagster_event_type.value if e.dagster_event_type else "log"
            for e in stock.get_logs_for_run(result.run_id)] == stored
    assert stock.get_latest_materialization_events([dg.AssetKey("tweede")])[dg.AssetKey("tweede")] is not None
    # the journal mode Dagster sets is kept (WAL), the run's database is complete on disk
    with sqlite3.connect(home / "history" / "runs" / f"{result.run_id}.db") as con:
        assert con.execute("pragma journal_mode").fetchone()[0] == "wal"
        assert con.execute("select count(*) from event_logs").fetchone()[0] == len(stored)


def test_only_the_index_and_the_latest_run_databases_stay_open(tmp_path, monkeypatch):
    monkeypatch.setattr(event_log, "KEPT_RUN_DATABASES", 2)
    _home(tmp_path, monkeypatch)
    with dg.DagsterInstance.get() as instance:
        runs = [DEFS.resolve_job_def("klein").execute_in_process(instance=instance).run_id for _ in range(4)]
        assert set(instance.event_log_storage._engines) == {"index", *runs[-2:]}
        # an earlier run's database is opened again when it is read
        assert "PIPELINE_SUCCESS" in _event_types(instance, runs[0])
