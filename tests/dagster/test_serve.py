"""What a server needs (deploy/, pipeline/serve.py): the checks before the daemon starts, the
systemd units, the environment template and the PostgreSQL instance variant."""

from __future__ import annotations

import configparser

import pytest
import yaml
from dagster._core.instance.ref import InstanceRef

from pipeline.serve import NotReady, prepare
from pipeline.common.settings import PROJECT_ROOT

DEPLOY = PROJECT_ROOT / "deploy"


@pytest.fixture()
def server(tmp_path):
    (tmp_path / "landing").mkdir()
    key = tmp_path / "sleutel"
    key.write_text("server-sleutel-0123456789abcdef\n", encoding="utf-8")
    key.chmod(0o400)
    env = {"VROEGSIGNAAL_LANDING": str(tmp_path / "landing"), "VROEGSIGNAAL_OUT": str(tmp_path / "out"),
           "VROEGSIGNAAL_SLEUTELBESTAND": str(key), "DAGSTER_HOME": str(tmp_path / "out" / "dagster"),
           "VROEGSIGNAAL_AUTOMATISCH": "1"}
    return tmp_path, env


def test_prepare_creates_the_instance_folder_with_the_project_settings_and_keeps_an_existing_one(server):
    tmp_path, env = server
    lines = prepare(env)
    config = tmp_path / "out" / "dagster" / "dagster.yaml"
    assert config.read_text() == (PROJECT_ROOT / "dagster.yaml").read_text()
    assert any("sensor 'nieuwe_bestanden'" in line and line.endswith(": aan") for line in lines)
    config.write_text("telemetry:\n  enabled: false\n")
    prepare(env)
    assert config.read_text() == "telemetry:\n  enabled: false\n"


@pytest.mark.parametrize("problem", ["key_readable_by_others", "no_key", "no_landing", "no_home"])
def test_prepare_refuses_with_one_message(server, problem):
    tmp_path, env = server
    if problem == "key_readable_by_others":
        (tmp_path / "sleutel").chmod(0o644)
        expected = "chmod 400"
    elif problem == "no_key":
        del env["VROEGSIGNAAL_SLEUTELBESTAND"]
        expected = "geen sleutel"
    elif problem == "no_landing":
        (tmp_path / "landing").rmdir()
        expected = "landingsmap"
    else:
        del env["DAGSTER_HOME"]
        expected = "DAGSTER_HOME"
    with pytest.raises(NotReady, match=expected):
        prepare(env)


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str
    parser.read(DEPLOY / name, encoding="utf-8")
    return parser


@pytest.mark.parametrize(("name", "program"), [("vroegsignaal-daemon.service", "dagster-daemon run"),
                                               ("vroegsignaal-webserver.service", "dagster-webserver")])
def test_systemd_units_restart_on_failure_as_the_service_user_with_the_checks_first(name, program):
    service = unit(name)["Service"]
    assert service["Restart"] == "on-failure"
    assert service["User"] == "vroegsignaal" and service["UMask"] == "0077"
    assert service["EnvironmentFile"] == "/etc/vroegsignaal/vroegsignaal.env"
    assert service["ExecStartPre"].endswith("python -m pipeline.serve")
    assert program in service["ExecStart"] and "-m pipeline.definitions" in service["ExecStart"]
    assert unit(name)["Install"]["WantedBy"] == "multi-user.target"


def test_the_environment_template_sets_every_setting_the_server_reads():
    lines = (DEPLOY / "vroegsignaal.env.example").read_text(encoding="utf-8").splitlines()
    settings = dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))
    assert {"VROEGSIGNAAL_LANDING", "VROEGSIGNAAL_OUT", "VROEGSIGNAAL_SLEUTELBESTAND", "DAGSTER_HOME",
            "VROEGSIGNAAL_AUTOMATISCH", "VROEGSIGNAAL_SENSOR_INTERVAL", "VROEGSIGNAAL_HOST", "VROEGSIGNAAL_PORT"} <= set(settings)
    assert "VROEGSIGNAAL_SLEUTEL" not in settings  # the key itself never goes in this file


def test_the_postgres_variant_stores_runs_events_and_schedules_in_postgres_with_the_same_limits(tmp_path, monkeypatch):
    import dagster_postgres  # noqa: F401 (installed with the project)

    for name in ("DAGSTER_PG_HOST", "DAGSTER_PG_DB", "DAGSTER_PG_USERNAME", "DAGSTER_PG_PASSWORD"):
        monkeypatch.setenv(name, "x")
    (tmp_path / "dagster.yaml").write_text((DEPLOY / "dagster-postgres.yaml").read_text(encoding="utf-8"))
    ref = InstanceRef.from_dir(str(tmp_path))  # validates the configuration; connects to nothing
    assert (ref.run_storage_data.class_name, ref.event_storage_data.class_name, ref.schedule_storage_data.class_name) == (
        "PostgresRunStorage", "PostgresEventLogStorage", "PostgresScheduleStorage")
    variant = yaml.safe_load((DEPLOY / "dagster-postgres.yaml").read_text(encoding="utf-8"))
    project = yaml.safe_load((PROJECT_ROOT / "dagster.yaml").read_text(encoding="utf-8"))
    assert variant["concurrency"] == project["concurrency"] and variant["telemetry"] == project["telemetry"]
