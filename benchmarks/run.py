"""National-scale benchmark: (a) one month's run after 59 months are loaded, (b) a full 60-month rebuild.

Run with `make bench` (or `.venv/bin/python benchmarks/run.py`). It generates the national
synthetic data once (about 80,000 signals a month, all gemeenten) under benchmarks/data/,
then times whole `vroegsignaal run` processes: wall time and the peak resident memory of the
process (ru_maxrss of the child), and prints the slowest steps from `--tijden`.
This is a script, not a test: numbers depend on the machine and are reported in the README.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
CLI = [sys.executable, "-m", "pipeline.cli"]
START, MONTHS = "2021-01", 60


WRAPPER = (
    "import resource, subprocess, sys; "
    "code = subprocess.run(sys.argv[1:]).returncode; "
    "print(f'maxrss_kib={resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}', file=sys.stderr); "
    "sys.exit(code)"
)


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS (GiB) of this one command's process, and its stdout."""
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", WRAPPER, *cmd], env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout + proc.stderr)
        raise SystemExit(f"command failed: {' '.join(cmd)}")
    kib = int(proc.stderr.rsplit("maxrss_kib=", 1)[1].split()[0])
    return wall, kib / 1024 / 1024, proc.stdout


def slowest(stdout: str, n: int = 6) -> list[str]:
    return [line for line in stdout.splitlines() if line.startswith("tijd ")][:n]


def ensure_data(seed: int) -> Path:
    landing = DATA / f"landing-seed{seed}"
    if not (landing / "signalen").is_dir():
        t0 = time.perf_counter()
        subprocess.run([*CLI, "generate", "--out", str(landing), "--national", "--start", START,
                        "--months", str(MONTHS), "--seed", str(seed)], check=True)
        print(f"generated national data in {time.perf_counter() - t0:.1f} s")
    return landing


def partial_landing(full: Path, months: list[str]) -> Path:
    """A landing folder holding only some months (symlinked folders, no copies)."""
    target = DATA / "landing-59"
    shutil.rmtree(target, ignore_errors=True)
    (target / "signalen").mkdir(parents=True)
    (target / "referentie").symlink_to(full / "referentie")
    for month in months:
        (target / "signalen" / month).symlink_to(full / "signalen" / month)
    return target


def measure(case: str, seed: int) -> None:
    env = {**os.environ, "VROEGSIGNAAL_DEMO": "1"}
    env.pop("DAGSTER_HOME", None)
    full = ensure_data(seed)
    months = sorted(p.name for p in (full / "signalen").iterdir())
    if case == "rebuild":
        out = DATA / "out-rebuild"
        shutil.rmtree(out, ignore_errors=True)
        wall, peak, stdout = run([*CLI, "run", "--landing", str(full), "--out", str(out), "--tijden"], env)
        print(f"(b) full {len(months)}-month rebuild: {wall:.1f} s wall, peak RSS {peak:.2f} GiB")
    else:
        landing = partial_landing(full, months[:-1])
        out = DATA / "out-month"
        shutil.rmtree(out, ignore_errors=True)
        run([*CLI, "run", "--landing", str(landing), "--out", str(out)], env)
        (landing / "signalen" / months[-1]).symlink_to(full / "signalen" / months[-1])
        wall, peak, stdout = run(
            [*CLI, "run", "--landing", str(landing), "--out", str(out), "--month", months[-1], "--tijden"], env)
        print(f"(a) one month ({months[-1]}) after {len(months) - 1} loaded: {wall:.1f} s wall, peak RSS {peak:.2f} GiB")
    for line in slowest(stdout):
        print("    " + line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--case", choices=["month", "rebuild", "both"], default="both")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    if args.case == "both":
        for case in ("month", "rebuild"):  # each in its own process, so peak RSS is per case
            subprocess.run([sys.executable, __file__, "--case", case, "--seed", str(args.seed)], check=True)
    else:
        measure(args.case, args.seed)


if __name__ == "__main__":
    main()
