"""The real `dagster-daemon run` against a temporary instance, as `make serve` starts it: a new month
folder dropped into the landing folder makes the sensor (on by default in that mode) launch a run
that succeeds and publishes that month.

About 40 s on an idle 2-core machine (daemon start, the sensor's tick, a run worker process);
the polls allow for a busy machine. The daemon and its children are ended in every case."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from pipeline.common.settings import PROJECT_ROOT

HEADER = "signaal_id;gemeentecode;signaalpartner_type;signaalpartner_naam;signaaldatum;bedrag;postcode;huisnummer\n"
TIMEOUT = 300  # seconds; generous for a loaded machine


def wait_for(predicate, what: str, timeout: float = TIMEOUT, every: float = 1.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"na {timeout} s nog niet: {what}")


@pytest.fixture()
def daemon(tmp_path):
    landing, out, home = tmp_path / "landing", tmp_path / "out", tmp_path / "dagster_home"
    (landing / "referentie").mkdir(parents=True)
    (landing / "referentie" / "gemeenten.csv").write_text(
        "gemeentecode;naam;jaar;inwoners\n0999;Proefstad;2024;10.000\n", encoding="utf-8")
    home.mkdir()
    (home / "dagster.yaml").write_text((PROJECT_ROOT / "dagster.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    env = {
        "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "HOME": str(tmp_path), "DAGSTER_HOME": str(home),
        "VROEGSIGNAAL_LANDING": str(landing), "VROEGSIGNAAL_OUT": str(out),
        "VROEGSIGNAAL_SLEUTEL": "daemon-sleutel-0123456789abcdef",
        "VROEGSIGNAAL_AUTOMATISCH": "1", "VROEGSIGNAAL_SENSOR_INTERVAL": "1", "GX_ANALYTICS_ENABLED": "False",
    }
    log = (tmp_path / "daemon.log").open("w")
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "dagster-daemon"), "run", "-m", "pipeline.definitions"],
        cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        yield {"landing": landing, "out": out, "home": home, "log": tmp_path / "daemon.log", "process": process}
    finally:
        # The daemon, its code server and any run worker share the daemon's process group.
        for sig, grace in ((signal.SIGTERM, 30), (signal.SIGKILL, 10)):
            try:
                os.killpg(process.pid, sig)
            except ProcessLookupError:
                break
            try:
                process.wait(timeout=grace)
                break
            except subprocess.TimeoutExpired:
                continue
        try:
            os.killpg(process.pid, signal.SIGKILL)  # children that outlived the daemon
        except ProcessLookupError:
            pass
        log.close()


def drop_month(landing: Path, month: str, rows: list[str]) -> None:
    """Write the month folder beside the landing and move it in: the sensor never sees half a folder."""
    staging = landing.parent / f".{month}"
    staging.mkdir()
    (staging / "zorg.csv").write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    (landing / "signalen").mkdir(exist_ok=True)
    staging.rename(landing / "signalen" / month)


@pytest.mark.cost(30)
def test_the_daemon_sensor_runs_a_new_month_and_publishes_it(daemon, monkeypatch):
    home = daemon["home"]
    monkeypatch.setenv("DAGSTER_HOME", str(home))  # the project's event log lives under DAGSTER_HOME

    def sensor_ticked() -> bool:
        assert daemon["process"].poll() is None, daemon["log"].read_text()[-3000:]
        return "nieuwe_bestanden" in daemon["log"].read_text(errors="replace")

    wait_for(sensor_ticked, "de sensor nieuwe_bestanden draait in de daemon")
    drop_month(daemon["landing"], "2024-03", ["D1;0999;Zorg;Zorg NV;12-03-2024;120,50;1234AB;1",
                                              "D2;0999;Huur;Woon BV;20-03-2024;800;1234AB;1"])

    def finished_run():
        assert daemon["process"].poll() is None, daemon["log"].read_text()[-3000:]
        with dg.DagsterInstance.from_config(str(home)) as instance:
            runs = instance.get_runs()
        done = [r for r in runs if r.is_finished]
        return done[0] if done else None

    run = wait_for(finished_run, "een run van de sensor is klaar", every=2.0)
    assert run.status == dg.DagsterRunStatus.SUCCESS, daemon["log"].read_text(errors="replace")[-3000:]
    assert run.job_name == "maandrun"
    assert run.tags["dagster/partition"] == "2024-03-01"
    assert run.tags["dagster/sensor_name"] == "nieuwe_bestanden"
    con = duckdb.connect(str(daemon["out"] / "analytics.duckdb"), read_only=True)
    try:
        signalen = con.execute("select signaal_id, strftime(maand, '%Y-%m') from signalen order by 1").fetchall()
        meldingen = con.execute("select gemeentecode, aantal_signalen from meldingen").fetchall()
    finally:
        con.close()
    assert signalen == [("D1", "2024-03"), ("D2", "2024-03")]
    assert meldingen == [("0999", 2)]
