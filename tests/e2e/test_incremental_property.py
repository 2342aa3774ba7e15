"""Property (issue #9): after any sequence of monthly runs, reruns, late deliveries, re-deliveries,
new contact attempts and a policy change, every published figure table equals a full rebuild from
scratch into a fresh out (same rows; Parquet byte-identical after the same sort), and the decisions
(aanpaklijst) of months already decided equal the decisions as first made (docs/run-architecture.md).

Each example is one random order of every kind of step on a small generated landing folder (two
gemeenten, eight months, a few planted defects), run in-process (pipeline.defs.runner.run_pipeline).
Deterministic (derandomize); one example by default, because every step costs two pipeline runs
(a run and a rebuild): VROEGSIGNAAL_EIGENSCHAP_VOORBEELDEN=N asks for more, 0 skips it.

Two steps depend on the pipeline: a policy version with `geldig_vanaf` is skipped (with the reason,
see test_policy_version_step) while the policy loader refuses it; and while the pipeline does not
keep decisions (aanpaklijst has no `beleid_hash` yet: every run re-decides every month), a late or
changed delivery re-opens the decisions of its month and later ones here. Both flip by themselves.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import os
import random
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import polars as pl
import pytest
from hypothesis import HealthCheck, Phase, given, settings, strategies as st
from hypothesis import note as hypothesis_note

from pipeline.policy import load_policies
from pipeline.policy.errors import PolicyError
from pipeline.defs.runner import run_pipeline
from pipeline.common.settings import PROJECT_ROOT, load_settings
from pipeline.synthetic import generate
from pipeline.synthetic.contactpogingen import SOORT

GEMEENTEN = ["1586", "1121"]  # Oost Gelre (its own policy) and a small gemeente on the standard policy
START, MONTHS, SEED = "2024-01", 8, 11
FIGURES = ("signalen", "meldingen", "monitor_maand", "monitor", "monitor_verdeling", "bestanden", "quarantaine")
DECISIONS = "aanpaklijst"
KEY = "eigenschapstest-sleutel-0123456789"
#: every kind of step once, in an order hypothesis draws (the first two months are delivered first)
KINDS = ("maand", "maand", "laat", "herhaal", "zelfde", "gewijzigd", "contact", "beleid")
EXAMPLES = int(os.environ.get("VROEGSIGNAAL_EIGENSCHAP_VOORBEELDEN", "1"))
#: What a run keeps rather than re-derives: the decisions and the policy timeline they were made under.
KEPT = ("melding_opname", "aanpaklijst", "raw_beleid", "beleid_versies")


# --------------------------------------------------------------------------- environment and runs


def note(text: str) -> None:
    """The steps so far, printed with a failing example (or captured output outside hypothesis)."""
    try:
        hypothesis_note(text)
    except Exception:  # outside a hypothesis test
        print(text)


@contextlib.contextmanager
def pipeline_env(landing: Path, out: Path, policies: Path):
    saved = {k: v for k, v in os.environ.items() if k.startswith("VROEGSIGNAAL_") or k == "DAGSTER_HOME"}
    for name in saved:
        del os.environ[name]
    os.environ.update({"VROEGSIGNAAL_LANDING": str(landing), "VROEGSIGNAAL_OUT": str(out),
                       "VROEGSIGNAAL_BELEID": str(policies), "VROEGSIGNAAL_SLEUTEL": KEY})
    try:
        yield
    finally:
        for name in [k for k in os.environ if k.startswith("VROEGSIGNAAL_")]:
            del os.environ[name]
        os.environ.update(saved)


def run(landing: Path, out: Path, policies: Path, months: list[str] | None = None) -> None:
    with pipeline_env(landing, out, policies):
        outcome = run_pipeline(load_settings(), months)
    assert outcome.success, f"run {months or 'alle maanden'} into {out.name} failed: {outcome.messages}"


# --------------------------------------------------------------------------- reading a publication


def table_files(out: Path, table: str) -> tuple[list[str], bool]:
    """The Parquet files of a published table: parquet/<table>.parquet, or parquet/<table>/**/*.parquet."""
    single = out / "parquet" / f"{table}.parquet"
    if single.is_file():
        return [str(single)], False
    files = sorted(str(p) for p in (out / "parquet" / table).rglob("*.parquet"))
    assert files, f"{table} is not published under {out / 'parquet'}"
    return files, True


def snapshot(out: Path, tables: tuple[str, ...], scratch: Path) -> dict[str, tuple[str, list[str], list[tuple]]]:
    """Per table: the sha256 of its rows (columns by name) rewritten as Parquet after `order by all`,
    the column names and the sorted rows (for a readable difference); and the same table in
    analytics.duckdb (sorted rows)."""
    result = {}
    con = duckdb.connect()
    try:
        for table in tables:
            files, hive = table_files(out, table)
            con.execute("create or replace temp table r as select * from read_parquet(?, hive_partitioning = ?, "
                        "union_by_name = true)", [files, hive])
            # columns by name, so both layouts compare (a hive partition column comes last)
            names = sorted(row[0] for row in con.execute("describe r").fetchall())
            con.execute("create or replace temp table t as select " + ", ".join(f'"{n}"' for n in names) + " from r")
            target = scratch / f"{table}.parquet"
            con.execute(f"copy (select * from t order by all) to '{target}' (format parquet)")
            digest = hashlib.sha256(target.read_bytes()).hexdigest()
            columns = [row[0] for row in con.execute("describe t").fetchall()]
            result[table] = (digest, columns, con.execute("select * from t order by all").fetchall())
        con.execute(f"attach '{out / 'analytics.duckdb'}' as pub (read_only)")
        for table in tables:
            result[f"analytics.{table}"] = ("", [], con.execute(f"select * from pub.{table} order by all").fetchall())
    finally:
        con.close()
    return result


def difference(name: str, mine: tuple, theirs: tuple) -> str:
    _, columns, rows = mine
    _, ref_columns, ref_rows = theirs
    if columns != ref_columns:
        return f"{name}: columns differ: {columns} vs rebuild {ref_columns}"
    mine_set, ref_set = set(map(repr, rows)), set(map(repr, ref_rows))
    extra, missing = sorted(mine_set - ref_set)[:3], sorted(ref_set - mine_set)[:3]
    return (f"{name}: {len(rows)} rows vs {len(ref_rows)} in the rebuild; only here: {extra}; "
            f"only in the rebuild: {missing}")


def decisions(out: Path) -> dict[str, dict]:
    files, hive = table_files(out, DECISIONS)
    with duckdb.connect() as con:
        frame = con.sql("select * from read_parquet($files, hive_partitioning = $hive, union_by_name = true)",
                        params={"files": files, "hive": hive}).pl()
    return {row["melding_id"]: row for row in frame.iter_rows(named=True)}


def month_of(decision: dict) -> str:
    """YYYY-MM of a decision (maand read as a date, or as text from a hive partition path)."""
    return str(decision["maand"])[:7]


def keeps_decisions(out: Path) -> bool:
    """The pipeline keeps decisions once aanpaklijst carries beleid_hash (docs/run-architecture.md)."""
    with duckdb.connect(str(out / "warehouse.duckdb"), read_only=True) as con:
        columns = {row[0] for row in con.execute("describe aanpaklijst").fetchall()}
    return "beleid_hash" in columns


# --------------------------------------------------------------------------- policy versions


def month_after(month: str) -> str:
    year, mon = map(int, month.split("-"))
    return f"{year + mon // 12}-{mon % 12 + 1:02d}"


def policy_version(policies: Path, vanaf: str) -> Path:
    """A new version of Oost Gelre's policy from `vanaf` on: a signal-level drempel of € 75."""
    text = (PROJECT_ROOT / "policies" / "oost_gelre.yaml").read_text(encoding="utf-8")
    assert "\ndrempelbedrag: null\n" in text
    text = text.replace("\ndrempelbedrag: null\n", f"\ndrempelbedrag: 75\ngeldig_vanaf: \"{vanaf}\"\n")
    path = policies / f"oost_gelre_vanaf_{vanaf}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@functools.cache
def policy_versions_refused() -> str | None:
    """None when the loader accepts a second version of a policy with geldig_vanaf; else its reason."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "beleid"
        shutil.copytree(PROJECT_ROOT / "policies", folder)
        policy_version(folder, "2030-01")
        try:
            load_policies(folder)
        except PolicyError as refused:
            return str(refused).splitlines()[0]
    return None


# --------------------------------------------------------------------------- the world under test


@dataclass
class World:
    source: Path  # the whole generated landing folder; files are delivered from here
    root: Path
    held: str  # one file of the first month, delivered late
    delivered: list[str] = field(default_factory=list)
    first_made: dict[str, dict] = field(default_factory=dict)
    rebuilds: dict[str, dict] = field(default_factory=dict)
    step: int = 0

    @property
    def landing(self) -> Path:
        return self.root / "landing"

    @property
    def out(self) -> Path:
        return self.root / "out"

    @property
    def policies(self) -> Path:
        return self.root / "beleid"

    def months(self) -> list[str]:
        return sorted(p.name for p in (self.source / "signalen").iterdir())

    def deliver_month(self, month: str) -> None:
        for path in sorted((self.source / "signalen" / month).iterdir()):
            rel = path.relative_to(self.source)
            if rel.as_posix() != self.held:
                self.copy(path, self.landing / rel)
        self.delivered.append(month)

    @staticmethod
    def copy(src: Path, dst: Path) -> None:
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dst)

    def fingerprint(self) -> str:
        digest = hashlib.sha256()
        for folder in (self.landing, self.policies):
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                digest.update(path.relative_to(self.root).as_posix().encode() + path.read_bytes())
        return digest.hexdigest()

    def decided(self) -> str:
        """A fingerprint of the stored decisions and policy timeline of the incremental out."""
        with duckdb.connect(str(self.out / "warehouse.duckdb"), read_only=True) as con:
            rows = [con.execute(f"select * from {t} order by all").fetchall() for t in KEPT]
        return hashlib.sha256(repr(rows).encode()).hexdigest()

    def rebuild(self) -> dict:
        """A full rebuild from scratch of the landing folder as it is now, into a fresh out that starts
        with the decisions the incremental out made (decisions are kept facts: after a late delivery
        a from-scratch build would decide some meldingen otherwise; the figures must follow the kept
        decisions, docs/run-architecture.md)."""
        key = self.fingerprint() + self.decided()
        if key not in self.rebuilds:
            fresh = self.root / f"herbouw-{len(self.rebuilds)}"
            fresh.mkdir(parents=True)
            with duckdb.connect(str(fresh / "warehouse.duckdb")) as con:
                con.execute(f"attach '{self.out / 'warehouse.duckdb'}' as inc (read_only)")
                for table in KEPT:
                    con.execute(f"create table {table} as select * from inc.{table}")
            run(self.landing, fresh, self.policies)
            scratch = fresh / "vergelijk"
            scratch.mkdir()
            self.rebuilds = {key: snapshot(fresh, FIGURES, scratch)}  # only the latest is ever asked again
            shutil.rmtree(fresh)
        return self.rebuilds[key]

    def check(self, what: str, reopened_from: str | None = None) -> None:
        """After a step: figures equal a rebuild; decisions of decided months equal the first ones."""
        scratch = self.root / f"vergelijk-{self.step}"
        scratch.mkdir()
        mine, theirs = snapshot(self.out, FIGURES, scratch), self.rebuild()
        for name in mine:
            assert mine[name][2] == theirs[name][2], f"after {what}: " + difference(name, mine[name], theirs[name])
            assert mine[name][0] == theirs[name][0], f"after {what}: {name} Parquet differs after the same sort"
        now = decisions(self.out)
        kept = keeps_decisions(self.out)
        if reopened_from and not kept:  # today: every run re-decides; a late delivery re-opens its months
            self.first_made = {k: v for k, v in self.first_made.items() if month_of(v) < reopened_from}
        for melding_id, first in list(self.first_made.items()):
            if melding_id not in now and reopened_from:
                # a late or changed delivery may regroup a melding (its id follows its lowest signaal_id):
                # the old melding is gone, and so is its decision, for good
                del self.first_made[melding_id]
                continue
            assert melding_id in now, f"after {what}: the decision on {melding_id} ({first['maand']}) disappeared"
            assert now[melding_id] == first, (
                f"after {what}: the decision on {melding_id} ({first['maand']}) changed: {first} -> {now[melding_id]}")
        for melding_id, row in now.items():
            self.first_made.setdefault(melding_id, row)


def do_step(world: World, kind: str, rng: random.Random) -> None:
    world.step += 1
    months = world.months()
    latest = world.delivered[-1]
    if kind == "maand" and len(world.delivered) < len(months):
        month = months[len(world.delivered)]
        world.deliver_month(month)
        note(f"{world.step}. nieuwe maand {month}")
        run(world.landing, world.out, world.policies, [month])
        world.check(f"nieuwe maand {month}")
    elif kind == "laat":
        month = world.held.split("/")[1]
        world.copy(world.source / world.held, world.landing / world.held)
        note(f"{world.step}. late levering {world.held}")
        run(world.landing, world.out, world.policies, [month])
        world.check(f"late levering {world.held}", reopened_from=month)
    elif kind == "zelfde":
        files = sorted(p for p in (world.landing / "signalen").rglob("*") if p.is_file())
        original = rng.choice(files)
        copy = world.landing / "signalen" / latest / f"opnieuw{world.step}_{original.name}"
        world.copy(original, copy)
        note(f"{world.step}. dezelfde rijen opnieuw: {original.relative_to(world.landing)} als {copy.name}")
        run(world.landing, world.out, world.policies, [latest])
        world.check(f"herlevering van {original.name} in {latest}")
    elif kind == "gewijzigd":
        files = sorted(p for p in (world.landing / "signalen").rglob("*") if data_rows(p) > 1)
        path = rng.choice(files)
        month = path.parent.name
        change_file(path, rng)
        note(f"{world.step}. gewijzigde inhoud: {path.relative_to(world.landing)}")
        run(world.landing, world.out, world.policies, [month])
        world.check(f"gewijzigde levering {path.name}", reopened_from=month)
    elif kind == "contact" and write_attempts(world, latest, rng):
        note(f"{world.step}. contactpogingen op meldingen van {latest}")
        run(world.landing, world.out, world.policies, [latest])
        world.check(f"contactpogingen voor {latest}")
    elif kind == "beleid" and policy_versions_refused() is None:
        vanaf = month_after(latest)
        policy_version(world.policies, vanaf)
        note(f"{world.step}. nieuwe beleidsversie Oost Gelre geldig vanaf {vanaf}")
        run(world.landing, world.out, world.policies)
        world.check(f"beleidsversie vanaf {vanaf}")
    elif kind == "beleid":
        note(f"{world.step}. beleidswijziging overgeslagen: {policy_versions_refused()}")
    else:  # "herhaal", or a step with nothing left to do: run again with nothing new
        note(f"{world.step}. opnieuw, niets nieuws")
        run(world.landing, world.out, world.policies)
        world.check("een run zonder iets nieuws")


def data_rows(path: Path) -> int:
    """Data rows of a CSV or Parquet file (0 for other formats: those are not edited here)."""
    if path.suffix == ".parquet":
        return pl.read_parquet(path).height
    if path.suffix == ".csv":
        return sum(1 for line in path.read_bytes().split(b"\n")[1:] if line.strip())
    return 0


def change_file(path: Path, rng: random.Random) -> None:
    """A corrected delivery: one data row withdrawn (and in Parquet one amount raised)."""
    if path.suffix == ".parquet":
        frame = pl.read_parquet(path)
        frame = frame.filter(pl.int_range(pl.len()) != rng.randrange(frame.height))
        raise_at = rng.randrange(frame.height)
        frame = frame.with_columns(
            pl.when(pl.int_range(pl.len()) == raise_at).then(pl.col("bedrag") + 75).otherwise(pl.col("bedrag")).alias("bedrag"))
        frame.write_parquet(path)
        return
    lines = path.read_bytes().split(b"\n")
    del lines[rng.choice([i for i, line in enumerate(lines) if i > 0 and line.strip()])]
    path.write_bytes(b"\n".join(lines))


def write_attempts(world: World, month: str, rng: random.Random) -> bool:
    """Caseworkers' attempts on about half the meldingen of `month` that have a personal or written
    approach, dated after that month (so no decided month could have known them)."""
    after = (dt.date.fromisoformat(month + "-01") + dt.timedelta(days=32)).replace(day=1)
    made = decisions(world.out)
    rows = [made[k] for k in sorted(made)
            if month_of(made[k]) == month and made[k]["aanpak"] in SOORT and rng.random() < 0.5]
    if not rows:
        return False
    lines = ["melding_id;contactdatum;soort;bereikt;medewerker"]
    for row in rows:
        for n in range(rng.randint(1, 2)):
            day = after + dt.timedelta(days=rng.randrange(25))
            lines.append(f"{row['melding_id']};{day:%d-%m-%Y};{SOORT[row['aanpak']]};"
                         f"{'ja' if rng.random() < 0.4 else 'nee'};Consulent {n + 1}")
    path = world.landing / "contactpogingen" / month / f"zaaksysteem_stap{world.step}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return True


# --------------------------------------------------------------------------- the tests


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Path:
    landing = tmp_path_factory.mktemp("bron") / "landing"
    generate(landing, start=START, months=MONTHS, gemeenten=GEMEENTEN, seed=SEED, defect_rate=0.02)
    return landing


def start_world(source: Path, root: Path, held_index: int) -> World:
    first_month = sorted(p.name for p in (source / "signalen").iterdir())[0]
    candidates = sorted(p.relative_to(source).as_posix() for p in (source / "signalen" / first_month).iterdir())
    world = World(source=source, root=root, held=candidates[held_index % len(candidates)])
    shutil.copytree(PROJECT_ROOT / "policies", world.policies)
    world.copy(source / "referentie" / "gemeenten.csv", world.landing / "referentie" / "gemeenten.csv")
    for month in world.months()[:2]:
        world.deliver_month(month)
    note(f"0. eerste levering {world.delivered} zonder {world.held}")
    run(world.landing, world.out, world.policies)
    world.check("de eerste run")
    return world


@pytest.mark.cost(170 * max(EXAMPLES, 1))
@pytest.mark.skipif(EXAMPLES < 1, reason="VROEGSIGNAAL_EIGENSCHAP_VOORBEELDEN=0")
@settings(max_examples=max(EXAMPLES, 1), derandomize=True, database=None, deadline=None,
          phases=(Phase.explicit, Phase.generate),  # shrinking would rerun the pipeline many times
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(order=st.permutations(KINDS), held_index=st.integers(0, 50), seed=st.integers(0, 2**16))
def test_any_sequence_of_runs_equals_a_rebuild_and_keeps_decisions(source, order, held_index, seed):
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="eigenschap-") as tmp:
        world = start_world(source, Path(tmp), held_index)
        for kind in order:
            do_step(world, kind, rng)


@pytest.mark.cost(45)
def test_policy_version_step(source, tmp_path):
    """A policy version with geldig_vanaf after the last decided month: earlier decisions stay, the
    next month is decided under it, figures equal a rebuild. Skipped while the loader refuses it."""
    refused = policy_versions_refused()
    if refused:
        pytest.skip(f"beleidsversies met geldig_vanaf nog niet ondersteund (de loader weigert: {refused})")
    world = start_world(source, tmp_path, 0)
    rng = random.Random(3)
    for kind in ("beleid", "maand"):
        do_step(world, kind, rng)
