"""The Dagster definitions: graph, descriptions, partitions, schedule, sensor (no run needed)."""

import datetime as dt

import dagster as dg

from pipeline.definitions import defs
from pipeline.warehouse.catalog import MODELS


def asset_graph():
    return defs.resolve_asset_graph()


def test_definitions_load_and_every_asset_has_a_description():
    dg.Definitions.validate_loadable(defs)
    graph = asset_graph()
    for key in graph.get_all_asset_keys():
        node = graph.get(key)
        assert node.description, f"{key.to_user_string()} has no description"


def test_every_sql_file_is_one_asset_grouped_by_layer_with_parsed_deps():
    graph = asset_graph()
    for name, model in MODELS.items():
        node = graph.get(dg.AssetKey(name))
        assert node.group_name == model.layer
    deps = {k.to_user_string() for k in graph.get(dg.AssetKey("int_melding_herhaling")).parent_keys}
    assert deps == {"int_meldingen", "int_signalen"}
    assert "publicatie" in {k.to_user_string() for k in graph.get(dg.AssetKey("signalen")).child_keys}


def test_ingestion_is_monthly_from_2021_with_single_run_backfills():
    node = asset_graph().get(dg.AssetKey("raw_signalen"))
    keys = node.partitions_def.get_partition_keys(current_time=dt.datetime(2024, 3, 15))
    assert keys[0] == "2021-01-01" and keys[-1] == "2024-02-01"
    assert node.backfill_policy == dg.BackfillPolicy.single_run()


def test_schedule_fires_on_the_5th_at_6_for_the_previous_month():
    schedule = defs.resolve_schedule_def("maandelijks")
    assert schedule.cron_schedule == "0 6 5 * *"
    context = dg.build_schedule_context(scheduled_execution_time=dt.datetime(2024, 4, 5, 6, 0))
    [request] = list(schedule.evaluate_tick(context).run_requests)
    assert request.partition_key == "2024-03-01"


def test_sensor_requests_a_run_for_a_month_with_new_files(tmp_path, monkeypatch):
    monkeypatch.setenv("VROEGSIGNAAL_LANDING", str(tmp_path))
    folder = tmp_path / "signalen" / "2024-05"
    folder.mkdir(parents=True)
    (folder / "zorg.csv").write_text("signaal_id\n", encoding="utf-8")
    sensor = defs.resolve_sensor_def("nieuwe_bestanden")
    repo = defs.get_repository_def()
    first = sensor.evaluate_tick(dg.build_sensor_context(repository_def=repo))
    assert [r.partition_key for r in first.run_requests] == ["2024-05-01"]
    again = sensor.evaluate_tick(dg.build_sensor_context(cursor=first.cursor, repository_def=repo))
    assert again.run_requests == []
    (tmp_path / "signalen" / "2024-06").mkdir()
    (tmp_path / "signalen" / "2024-06" / "huur.csv").write_text("x\n", encoding="utf-8")
    third = sensor.evaluate_tick(dg.build_sensor_context(cursor=first.cursor, repository_def=repo))
    assert [r.partition_key for r in third.run_requests] == ["2024-06-01"]


def test_schedule_and_sensor_start_running_only_when_the_setting_says_so():
    import subprocess
    import sys

    code = ("from pipeline.definitions import defs; "
            "print(defs.resolve_schedule_def('maandelijks').default_status.value, "
            "defs.resolve_sensor_def('nieuwe_bestanden').default_status.value, "
            "defs.resolve_sensor_def('nieuwe_bestanden').minimum_interval_seconds)")
    def statuses(extra):
        env = {"PATH": "/usr/bin:/bin", **extra}
        return subprocess.run([sys.executable, "-W", "ignore", "-c", code], env=env, capture_output=True, text=True,
                              check=True).stdout.split()
    assert statuses({"VROEGSIGNAAL_AUTOMATISCH": "1", "VROEGSIGNAAL_SENSOR_INTERVAL": "5"}) == ["RUNNING", "RUNNING", "5"]
    assert statuses({}) == ["STOPPED", "STOPPED", "60"]
