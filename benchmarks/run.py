"""Benchmark of whole `vroegsignaal` processes against a plain-DuckDB reference (issue #9, item 8).

    make bench                                   # national: 342 gemeenten, 60 months 2021-01..2025-12
    .venv/bin/python benchmarks/run.py --klein   # 20 gemeenten, 24 months 2024-01..2025-12: a quick check
    .venv/bin/python benchmarks/run.py --cases a,c --test   # a subset; --test adds (e) `make test`

The data (`vroegsignaal generate --national`, seeded) is generated once per scale and seed into
--data (default /tmp/vroegsignaal-bench, outside the repository) and reused. Every case is a whole
process, timed by wall clock, with the peak resident memory of its whole process tree (the larger
of: the sampled sum over the tree, and the largest single process's ru_maxrss). The reference is
benchmarks/minimal.sql (the core recurrence only) over the same landing files, timed the same way.
Prints a Markdown table for the README (date, machine, ratio of every case to the reference).
This is a script, not a test: numbers depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PY = sys.executable
CLI = [PY, "-m", "pipeline.cli"]
KEY = "benchmark-sleutel-niet-geheim-0123456789"


@dataclass(frozen=True)
class Scale:
    name: str
    start: str
    months: int
    gemeenten: int | None  # None: every gemeente (national)

    def generate_args(self) -> list[str]:
        args = ["--national", "--start", self.start, "--months", str(self.months)]
        if self.gemeenten is not None:
            args += ["--gemeenten", ",".join(spread_gemeenten(self.gemeenten))]
        return args


NATIONAL = Scale("nationaal", "2021-01", 60, None)
KLEIN = Scale("klein", "2024-01", 24, 20)

CASES = {
    "a": "(a) one month after the earlier ones are loaded",
    "b": "(b) full rebuild from the landing folder into an empty out",
    "c": "(c) rerun with nothing new",
    "d": "(d) `make demo` (two gemeenten, 24 months, two runs) after set-up",
    "e": "(e) `make test` on 2 cores",
}
#: issue #9's targets (national data, this 2-core machine); they apply to the national scale.
MUST = {"a": "≤ 10 s, ≤ 2 GB", "b": "≤ 60 s, ≤ 3 GB", "c": "≤ 3 s", "d": "≤ 25 s", "e": "≤ 3 min"}


def spread_gemeenten(n: int) -> list[str]:
    """n gemeentecodes spread over the synthetic registry (small and large alike), deterministic."""
    sys.path.insert(0, str(ROOT))
    from pipeline.synthetic.gemeenten import registry

    codes = sorted(registry())
    step = len(codes) // n
    return codes[::step][:n]


# --------------------------------------------------------------------------- measuring a process


@dataclass
class Measured:
    label: str
    command: str
    wall: float
    peak_kib: int
    stdout: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def peak_gib(self) -> float:
        return self.peak_kib / 1024 / 1024


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    return children


def tree_rss_kib(root: int) -> int:
    """Sum of the resident memory of `root` and all its descendants now (KiB)."""
    children, total, todo = _children_map(), 0, [root]
    page_kib = os.sysconf("SC_PAGE_SIZE") // 1024
    while todo:
        pid = todo.pop()
        try:
            with open(f"/proc/{pid}/statm", "rb") as f:
                total += int(f.read().split()[1]) * page_kib
        except OSError:
            pass
        todo.extend(children.get(pid, []))
    return total


def measure(label: str, cmd: list[str], *, env: dict[str, str], cwd: Path, log: Path) -> Measured:
    """Run one command as a whole process; wall time and the peak RSS of its process tree."""
    log.parent.mkdir(parents=True, exist_ok=True)
    shown = " ".join(Path(c).name if i == 0 else c for i, c in enumerate(cmd))
    print(f"... {label}: {shown}", file=sys.stderr, flush=True)
    peak = [0]
    done = threading.Event()
    with open(log, "w") as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)

        def sample() -> None:
            while not done.is_set():
                peak[0] = max(peak[0], tree_rss_kib(proc.pid))
                done.wait(0.1)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)  # rusage of the child and its waited-for descendants
        wall = time.perf_counter() - t0
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
    stdout = log.read_text(errors="replace")
    if proc.returncode != 0:
        sys.stderr.write(stdout[-4000:])
        raise SystemExit(f"{label} failed (exit {proc.returncode}); log: {log}")
    peak_kib = max(peak[0], usage.ru_maxrss)
    print(f"    {wall:.1f} s, peak RSS {peak_kib / 1024 / 1024:.2f} GiB", file=sys.stderr, flush=True)
    return Measured(label, shown, wall, peak_kib, stdout)


# --------------------------------------------------------------------------- the cases


def pipeline_env(*, dagster_home: Path | None = None, demo: bool = False) -> dict[str, str]:
    """The environment of a case: no inherited VROEGSIGNAAL_* settings; a benchmark key (the demo
    uses its own demo key); an ephemeral Dagster instance unless a home is given (as `make` does)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VROEGSIGNAAL_", "DAGSTER_HOME"))}
    env.update({"GX_ANALYTICS_ENABLED": "False", "PYTHONWARNINGS": "ignore"})
    if not demo:
        env["VROEGSIGNAAL_SLEUTEL"] = KEY
    if dagster_home is not None:
        dagster_home.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "dagster.yaml", dagster_home / "dagster.yaml")  # as the Makefile's .dagster/
        env["DAGSTER_HOME"] = str(dagster_home)
    return env


def ensure_data(base: Path, scale: Scale, seed: int) -> tuple[Path, Measured | None]:
    """The landing folder for this scale and seed: reused when present, else generated (timed)."""
    landing = base / "landing"
    if (landing / "signalen").is_dir():
        return landing, None
    partial = base / "landing.tmp"
    shutil.rmtree(partial, ignore_errors=True)
    cmd = ["nice", "-n", "10", *CLI, "generate", "--out", str(partial), *scale.generate_args(), "--seed", str(seed)]
    made = measure("generate", cmd, env=pipeline_env(), cwd=ROOT, log=base / "logs" / "generate.log")
    partial.rename(landing)  # only a complete data set is ever reused
    return landing, made


def landing_months(landing: Path) -> list[str]:
    return sorted(p.name for p in (landing / "signalen").iterdir() if p.is_dir())


def partial_landing(full: Path, target: Path, months: list[str]) -> Path:
    """A landing folder holding only some months (symlinked month folders, no copies)."""
    shutil.rmtree(target, ignore_errors=True)
    (target / "signalen").mkdir(parents=True)
    (target / "referentie").symlink_to(full / "referentie")
    for month in months:
        (target / "signalen" / month).symlink_to(full / "signalen" / month)
    return target


def slowest(stdout: str, n: int = 5) -> str:
    steps = []
    for line in stdout.splitlines():
        if line.startswith("tijd "):
            seconds, _, step = line[5:].strip().partition(" s  ")
            steps.append(f"`{step.strip()}` {float(seconds):.1f} s")
    return ", ".join(steps[:n])


def run_cases(args: argparse.Namespace, scale: Scale, base: Path, landing: Path) -> dict[str, Measured]:
    work, logs = base / "werk", base / "logs"
    work.mkdir(parents=True, exist_ok=True)
    env = pipeline_env()
    months = landing_months(landing)
    results: dict[str, Measured] = {}

    results["ref"] = measure(
        "reference (benchmarks/minimal.sql)",
        [PY, str(HERE / "minimal.py"), "--landing", str(landing), "--uitvoer", str(work / "kern_monitor.parquet")],
        env=env, cwd=ROOT, log=logs / "minimal.log")
    results["ref"].notes.append(results["ref"].stdout.strip().splitlines()[-1])

    if "a" in args.cases or "c" in args.cases:
        part, out = work / "landing-deel", work / "out-maand"
        shutil.rmtree(out, ignore_errors=True)
        partial_landing(landing, part, months[:-1])
        setup = measure(f"set-up of (a): run over {months[0]}..{months[-2]}",
                        [*CLI, "run", "--landing", str(part), "--out", str(out), "--tijden"],
                        env=env, cwd=ROOT, log=logs / "a-setup.log")
        (part / "signalen" / months[-1]).symlink_to(landing / "signalen" / months[-1])
        if "a" in args.cases:
            results["a"] = measure(
                CASES["a"], [*CLI, "run", "--landing", str(part), "--out", str(out), "--month", months[-1], "--tijden"],
                env=env, cwd=ROOT, log=logs / "a.log")
            results["a"].notes.append(f"{months[-1]} delivered after a run over {len(months) - 1} months "
                                      f"(that run: {setup.wall:.1f} s, {setup.peak_gib:.2f} GiB)")
        else:
            subprocess.run([*CLI, "run", "--landing", str(part), "--out", str(out), "--month", months[-1]],
                           env=env, cwd=ROOT, check=True, capture_output=True)
        if "c" in args.cases:
            results["c"] = measure(CASES["c"], [*CLI, "run", "--landing", str(part), "--out", str(out), "--tijden"],
                                   env=env, cwd=ROOT, log=logs / "c.log")
            results["c"].notes.append("every month of the landing folder again, right after (a) on the same out")

    if "b" in args.cases:
        out = work / "out-herbouw"
        shutil.rmtree(out, ignore_errors=True)
        results["b"] = measure(CASES["b"], [*CLI, "run", "--landing", str(landing), "--out", str(out), "--tijden"],
                               env=env, cwd=ROOT, log=logs / "b.log")
        results["b"].notes.append(f"{len(months)} months {months[0]}..{months[-1]}")
        agreement = compare_with_reference(out, work / "kern_monitor.parquet")
        if agreement:
            results["ref"].notes.append(agreement)

    if "d" in args.cases:
        demo, home = work / "demo", work / "dagster-demo"
        shutil.rmtree(demo, ignore_errors=True)
        shutil.rmtree(home, ignore_errors=True)
        results["d"] = measure(CASES["d"], [*CLI, "demo", "--dir", str(demo)],
                               env=pipeline_env(dagster_home=home, demo=True), cwd=ROOT, log=logs / "d.log")
        results["d"].notes.append("`vroegsignaal demo`: generate, run, simulated caseworkers, run again, summary")

    if "e" in args.cases:
        home = work / "dagster-test"
        shutil.rmtree(home, ignore_errors=True)
        results["e"] = measure(CASES["e"], [PY, "-m", "pytest", "-n", "2", "-q", "-p", "no:cacheprovider"],
                               env=pipeline_env(dagster_home=home, demo=True), cwd=ROOT, log=logs / "e.log")
        tail = [line for line in results["e"].stdout.splitlines() if " passed" in line or " failed" in line]
        results["e"].notes.append(f"`pytest -n 2` as `make test` runs it: {tail[-1].strip('= ') if tail else '?'}")
    return results


def compare_with_reference(out: Path, reference: Path) -> str | None:
    """How far the reference's meldingen and pooled shares lie from the pipeline's monitor_maand."""
    import duckdb

    single = out / "parquet" / "monitor_maand.parquet"
    files = [str(single)] if single.is_file() else sorted(str(p) for p in (out / "parquet" / "monitor_maand").rglob("*.parquet"))
    if not files or not reference.is_file():
        return None
    with duckdb.connect() as con:
        row = con.execute("""
            with p as (
                select gemeentecode, maand, aantal_meldingen, aantal_meervoudig, aantal_opeenvolgend, aantal_drie_in_jaar
                from read_parquet($files, hive_partitioning = $hive, union_by_name = true) where gemeentecode <> 'alle'
            )
            select sum(p.aantal_meldingen), sum(r.aantal_meldingen),
                sum(p.aantal_meervoudig) / sum(p.aantal_meldingen), sum(r.aantal_meervoudig) / sum(r.aantal_meldingen),
                sum(p.aantal_opeenvolgend) / sum(p.aantal_meldingen), sum(r.aantal_opeenvolgend) / sum(r.aantal_meldingen),
                sum(p.aantal_drie_in_jaar) / sum(p.aantal_meldingen), sum(r.aantal_drie_in_jaar) / sum(r.aantal_meldingen),
            from p join read_parquet($reference) as r using (gemeentecode, maand)
        """, {"files": files, "hive": len(files) > 1, "reference": str(reference)}).fetchone()
    if row[0] is None:
        return None
    return (f"against (b)'s monitor_maand: meldingen {row[1]:,.0f} vs {row[0]:,.0f}; pooled shares meervoudig "
            f"{row[3]:.3f} vs {row[2]:.3f}, opeenvolgend {row[5]:.3f} vs {row[4]:.3f}, drie in een jaar "
            f"{row[7]:.3f} vs {row[6]:.3f} (the reference has no herhaalde meldingen, policies or rules)")


# --------------------------------------------------------------------------- the report


def machine() -> str:
    mem = next(line.split()[1] for line in open("/proc/meminfo") if line.startswith("MemTotal"))
    model = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    return f"{os.cpu_count()} cores (nproc {len(os.sched_getaffinity(0))}), {int(mem) / 1024 / 1024:.0f} GiB, {model}, {platform.system()} {platform.release()}"


def git_version() -> str:
    try:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                               capture_output=True, text=True).stdout.strip()
        return rev + (" (with uncommitted changes)" if dirty else "")
    except OSError:
        return "?"


def table(results: dict[str, Measured], scale: Scale, signals: int, load: tuple[str, str], made: Measured | None,
          version: str) -> str:
    ref = results["ref"]
    lines = [
        f"Measured {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC on {machine()}; load average "
        f"{load[0]} at the start, {load[1]} at the end; commit {version}.",
        f"Data: `vroegsignaal generate {' '.join(scale.generate_args())} --seed …` ({scale.name}, "
        f"{signals:,} signal rows).",
        "",
        "| case | wall time | peak RSS | × reference (time) | × reference (RSS) | must (national) | notes |",
        "|---|---:|---:|---:|---:|---|---|",
        f"| reference: `benchmarks/minimal.sql` (plain DuckDB, core recurrence) | {ref.wall:.1f} s | "
        f"{ref.peak_gib:.2f} GiB | 1 | 1 | | {'; '.join(ref.notes)} |",
    ]
    for key in "abcde":
        if key not in results:
            continue
        m = results[key]
        steps = slowest(m.stdout)
        notes = "; ".join(m.notes + ([f"slowest: {steps}"] if steps else []))
        lines.append(f"| {CASES[key]} | **{m.wall:.1f} s** | {m.peak_gib:.2f} GiB | {m.wall / ref.wall:.1f}× | "
                     f"{m.peak_kib / ref.peak_kib:.1f}× | {MUST[key]} | {notes} |")
    if made is not None:
        lines += ["", f"Generating the data took {made.wall:.1f} s (peak {made.peak_gib:.2f} GiB; under `nice -n 10`)."]
    return "\n".join(lines)


def count_signals(landing: Path) -> int:
    import duckdb

    glob = str(landing / "signalen" / "*" / "*.parquet")
    with duckdb.connect() as con:
        return con.execute("select count(*) from read_parquet(?, union_by_name = true)", [glob]).fetchone()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default="/tmp/vroegsignaal-bench", help="folder for data and outputs (outside the repo)")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--klein", action="store_true", help=f"{KLEIN.gemeenten} gemeenten, {KLEIN.months} months: a quick check")
    parser.add_argument("--cases", default="a,b,c,d", help="comma-separated subset of a,b,c,d,e (default a,b,c,d)")
    parser.add_argument("--test", action="store_true", help="also (e): the whole test suite on 2 cores (long)")
    parser.add_argument("--alleen-data", action="store_true", help="only generate (or find) the data set")
    args = parser.parse_args()
    args.cases = {c.strip() for c in args.cases.split(",") if c.strip()} | ({"e"} if args.test else set())
    unknown = args.cases - set(CASES)
    if unknown:
        parser.error(f"unknown case(s) {sorted(unknown)}; choose from a,b,c,d,e")

    scale = KLEIN if args.klein else NATIONAL
    base = Path(args.data).resolve() / f"{scale.name}-seed{args.seed}"
    if ROOT in base.parents or base == ROOT:
        parser.error("--data must lie outside the repository")
    base.mkdir(parents=True, exist_ok=True)
    landing, made = ensure_data(base, scale, args.seed)
    signals = count_signals(landing)
    size = sum(p.stat().st_size for p in landing.rglob("*") if p.is_file())
    print(f"data: {landing} ({signals:,} signal rows, {size / 1e6:.0f} MB)", file=sys.stderr)
    if args.alleen_data:
        if made:
            print(f"generated in {made.wall:.1f} s, peak {made.peak_gib:.2f} GiB")
        return
    load_start, version = f"{os.getloadavg()[0]:.1f}", git_version()
    results = run_cases(args, scale, base, landing)
    report = table(results, scale, signals, (load_start, f"{os.getloadavg()[0]:.1f}"), made, version)
    (base / "resultaat.md").write_text(report + "\n", encoding="utf-8")
    print(report)
    print(f"\n(also in {base / 'resultaat.md'}; logs in {base / 'logs'})", file=sys.stderr)


if __name__ == "__main__":
    main()
