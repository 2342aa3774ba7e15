"""Crashes and concurrency: a run killed at any stage leaves the last good publication readable
and the next run completes; an analyst reading analytics.duckdb neither blocks a run nor sees a
half-written file; a second run at the same time refuses with a clear message."""

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time

import duckdb
import pytest

from pipeline.cli import main
from tests.e2e.test_cli_run import small_landing, write_month

#: the module-scoped baseline is built once, on one worker; each test is a run or two
pytestmark = [pytest.mark.xdist_group("veiligheid"), pytest.mark.cost(20)]

KEY = "veiligheidstest-sleutel-0123456789"


def cli(*args, crash=None):
    env = {**os.environ, "VROEGSIGNAAL_SLEUTEL": KEY}
    env.pop("VROEGSIGNAAL_CRASH_BIJ", None)
    env.pop("DAGSTER_HOME", None)
    if crash:
        env["VROEGSIGNAAL_CRASH_BIJ"] = crash
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], env=env, capture_output=True, text=True, timeout=600)


def publication(out):
    root = out / "parquet"
    digests = {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*.parquet"))}
    assert digests, "no Parquet files published"
    con = duckdb.connect(str(out / "analytics.duckdb"), read_only=True)
    try:
        signals = con.execute("select count(*) from signalen").fetchall()[0][0]
    finally:
        con.close()
    return digests, signals


@pytest.fixture(scope="module")
def baseline(tmp_path_factory):
    base = tmp_path_factory.mktemp("veilig")
    landing, out = small_landing(base), base / "out"
    assert cli("run", "--landing", str(landing), "--out", str(out)).returncode == 0
    write_month(landing, "2024-03", ["C1;0999;Water;Water NV;03-03-2024;75;4321BA;9"])
    return base, landing, out


@pytest.mark.parametrize("stage", ["ingest", "model", "publish"])
def test_a_run_killed_at_any_stage_leaves_the_publication_and_the_next_run_completes(baseline, tmp_path, stage):
    base, landing, good_out = baseline
    out = tmp_path / "out"
    shutil.copytree(good_out, out)
    before = publication(out)
    crashed = cli("run", "--landing", str(landing), "--out", str(out), crash=stage)
    assert crashed.returncode == -signal.SIGKILL
    assert publication(out) == before
    recovered = cli("run", "--landing", str(landing), "--out", str(out))
    assert recovered.returncode == 0, recovered.stderr[-2000:]
    assert publication(out)[1] == before[1] + 1
    assert not list(out.glob(".analytics.*")) and not list(out.glob(".parquet.*"))


def test_an_open_reader_neither_blocks_the_run_nor_sees_a_half_written_file(baseline, tmp_path, monkeypatch):
    base, landing, good_out = baseline
    out = tmp_path / "out"
    shutil.copytree(good_out, out)
    _, signals_before = publication(out)
    reader = subprocess.Popen(
        [sys.executable, "-c",
         "import duckdb, sys; con = duckdb.connect(sys.argv[1], read_only=True); "
         "print(con.execute('select count(*) from signalen').fetchall()[0][0], flush=True); "
         "sys.stdin.readline(); "
         "print(con.execute('select count(*) from signalen').fetchall()[0][0], flush=True)",
         str(out / "analytics.duckdb")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert int(reader.stdout.readline()) == signals_before
        monkeypatch.setenv("VROEGSIGNAAL_SLEUTEL", KEY)
        assert main(["run", "--landing", str(landing), "--out", str(out)]) == 0
        reader.stdin.write("\n")
        reader.stdin.flush()
        assert int(reader.stdout.readline()) == signals_before  # its own consistent, old copy
    finally:
        reader.kill()
        reader.wait()
    assert publication(out)[1] == signals_before + 1


def test_a_second_run_at_the_same_time_refuses_with_a_clear_message(baseline, tmp_path, monkeypatch, capsys):
    base, landing, good_out = baseline
    out = tmp_path / "out"
    shutil.copytree(good_out, out)
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from filelock import FileLock; lock = FileLock(sys.argv[1]); lock.acquire(); "
         "print('vast', flush=True); time.sleep(60)", str(out / ".vroegsignaal.lock")],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "vast"
        monkeypatch.setenv("VROEGSIGNAAL_SLEUTEL", KEY)
        assert main(["run", "--landing", str(landing), "--out", str(out)]) == 1
        assert "andere run" in capsys.readouterr().err
    finally:
        holder.kill()
        holder.wait()
    assert main(["run", "--landing", str(landing), "--out", str(out)]) == 0
