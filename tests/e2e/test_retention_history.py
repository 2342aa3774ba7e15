"""Retention never rewrites history (#13), end to end on the generated two-gemeenten set
(`vroegsignaal generate --gemeenten 0546,1586 --start 2024-01 --months 6`, one run).

Purges at three peildata (retention 18 months in the shipped policies):
  2025-06-30 -> limit 2023-12: nothing is purged;
  2025-09-30 -> limit 2024-03: January and February are purged (rows without help);
  2026-06-30 -> limit 2024-12: every month is purged.
After each purge every published table equals the publication before it. Then (part and all) the
next run, a rebuild, a key rotation and a policy version from 2024-05 succeed and leave the months
before that unchanged (pseudonym columns change under the new key, by design). The effect analysis
(herhaling_*, bereik_per_poging) pools all months, so the later policy changes it as a whole (its
re-decided months are in it): there it must equal the same policy run on the un-purged publication.
A fourth purge lies inside the data (retention 2 months, peildatum 2024-04-30, data to 2024-06): the
effect analysis follows an address past its purge on the kept pseudonym, so nothing changes either.

Columns derived from personal fields (phone / e-mail known, age, minor children) are derived once,
at ingestion, and kept pseudonymously: a purge does not change them, and they are compared with the
rest.
"""

from __future__ import annotations

import contextlib
import hashlib
import datetime as dt
import io
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from pipeline.cli import main
from pipeline.effect import TABLES as EFFECT_TABLES
from pipeline.warehouse.publish import PUBLISHED_TABLES

from pipeline.common.settings import PROJECT_ROOT, load_settings

#: Every published table: the monitor figures, the signals and meldingen, the decisions and the effect
#: analysis. A purge must leave each as it is.
FIGURE_TABLES = PUBLISHED_TABLES
assert set(EFFECT_TABLES) <= set(FIGURE_TABLES)

KEY_A = "sleutel-a-voor-de-retentietest-0123"
KEY_B = "sleutel-b-voor-de-retentietest-9876"
PEILDATA = {"niets": "2025-06-30", "deel": "2025-09-30", "alles": "2026-06-30"}
NEW_POLICY_FROM = dt.date(2024, 5, 1)

PSEUDONYMS = {"signalen": {"adres_sleutel"}, "meldingen": {"adres_sleutel", "inwoner_sleutel"}}


def cli(*args: str) -> tuple[int, str]:
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(buffer):
        code = main(list(args))
    return code, buffer.getvalue()


def publication(out: Path, *, pseudonyms: bool = True, before: dt.date | None = None,
                tables: tuple[str, ...] = FIGURE_TABLES) -> dict:
    """Every published table (or `tables`) as sorted rows, every column (the ones derived from personal
    fields included); optionally without the pseudonym columns and only for months (or periods ending) before `before` (then without the effect analysis,
    which has no months)."""
    con = duckdb.connect(str(out / "analytics.duckdb"), read_only=True)
    try:
        rows = {}
        for table in tables:
            if before and table in EFFECT_TABLES:
                continue
            columns = [r[0] for r in con.execute(f"describe {table}").fetchall()]
            drop = set()
            where = ["true"]
            if not pseudonyms:
                drop |= PSEUDONYMS.get(table, set())
            if before and table in ("monitor", "monitor_verdeling"):
                where.append(f"periode + to_months(maanden) <= date '{before}'")
            elif before and "maand" in columns and table not in ("bestanden", "quarantaine"):
                where.append(f"maand < date '{before}'")
            kept = ", ".join(f'"{c}"' for c in columns if c not in drop)
            rows[table] = con.execute(f"select {kept} from {table} where {' and '.join(where)} order by all").fetchall()
        return rows
    finally:
        con.close()


def assert_same(after: dict, before: dict) -> None:
    assert after.keys() == before.keys()
    for table in before:
        assert len(after[table]) == len(before[table]), table
        assert after[table] == before[table], f"{table} changed"


@dataclass
class Base:
    landing: Path
    out: Path
    publication: dict


@pytest.fixture(scope="module")
def env():
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("VROEGSIGNAAL_SLEUTEL", KEY_A)
        for name in ("VROEGSIGNAAL_OUT", "VROEGSIGNAAL_LANDING"):  # the CLI sets these: restored afterwards
            mp.setenv(name, "unset")
        for name in ("VROEGSIGNAAL_BELEID", "VROEGSIGNAAL_OUDE_SLEUTEL"):
            mp.delenv(name, raising=False)
        yield mp


@pytest.fixture(scope="module")
def base(env, tmp_path_factory) -> Base:
    root = tmp_path_factory.mktemp("retentie")
    landing, out = root / "landing", root / "out"
    assert cli("generate", "--out", str(landing), "--gemeenten", "0546,1586", "--start", "2024-01", "--months", "6")[0] == 0
    code, text = cli("run", "--landing", str(landing), "--out", str(out))
    assert code == 0, text
    # a delivery of the first quarter too, so a partial purge has one to remove
    assert cli("ddas", "--out", str(out), "--gemeente", "0546", "--van", "2024-01", "--tot", "2024-03",
               "--leverancier", "test")[0] == 0
    return Base(landing, out, publication(out))


@pytest.fixture(scope="module")
def purges(base, tmp_path_factory) -> dict:
    """Per peildatum: a copy of the base output, purged: (out, exit code, output)."""
    done = {}
    for name, peildatum in PEILDATA.items():
        out = tmp_path_factory.mktemp(f"opgeschoond_{name}") / "out"
        shutil.copytree(base.out, out)
        code, text = cli("opschonen", "--out", str(out), "--peildatum", peildatum)
        done[name] = (out, code, text)
    return done


def purged_months(out: Path) -> list[str]:
    con = duckdb.connect(str(out / "warehouse.duckdb"), read_only=True)
    try:
        return [r[0] for r in con.execute(
            "select distinct strftime(signaaldatum, '%Y-%m') from raw_signalen where opgeschoond_op is not null order by 1"
        ).fetchall()]
    finally:
        con.close()


@pytest.mark.xdist_group("retentie")
@pytest.mark.cost(80)
def test_a_purge_at_any_peildatum_keeps_every_published_figure_and_decision(base, purges):
    expected = {"niets": [], "deel": ["2024-01", "2024-02"],
                "alles": ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06"]}
    for name, (out, code, text) in purges.items():
        assert code == 0, text
        assert "Traceback" not in text
        assert purged_months(out) == expected[name]
        if name == "niets":
            assert publication(out) == base.publication  # nothing purged: everything identical
        else:
            assert_same(publication(out), publication(base.out))


@pytest.mark.xdist_group("retentie")
def test_a_purge_removes_the_ddas_deliveries_of_purged_periods_and_says_so(base, purges):
    assert sorted(p.name for p in (base.out / "ddas").iterdir()) == [
        "ddas_0546_2024-01_2024-03.json", "ddas_0546_2024-04_2024-06.json", "ddas_1586_2024-04_2024-06.json"]
    left = {name: sorted(p.name for p in (out / "ddas").iterdir()) for name, (out, _, _) in purges.items()}
    assert left["niets"] == sorted(p.name for p in (base.out / "ddas").iterdir())
    assert left["deel"] == ["ddas_0546_2024-04_2024-06.json", "ddas_1586_2024-04_2024-06.json"]
    assert left["alles"] == []
    assert "verwijderde DDAS-leveringen: 1 (ddas_0546_2024-01_2024-03.json)" in purges["deel"][2]
    assert "verwijderde DDAS-leveringen: 3" in purges["alles"][2]
    # the rebuild inside the purge does not build the purged quarter again, and says so
    assert "DDAS 2024-K2: persoonsgegevens verwijderd door opschonen, geen levering" in purges["alles"][2]
    assert not (purges["alles"][0] / "exports" / "0546").exists() or not any((purges["alles"][0] / "exports" / "0546").iterdir())


@pytest.mark.xdist_group("retentie")
def test_the_ddas_command_refuses_a_purged_period_without_a_stack_trace(purges):
    out = purges["alles"][0]
    code, text = cli("ddas", "--out", str(out), "--gemeente", "0546", "--van", "2024-01", "--tot", "2024-03",
                     "--leverancier", "test")
    assert code == 1 and "persoonsgegevens verwijderd door opschonen, geen levering" in text and "Traceback" not in text
    assert not (out / "ddas" / "ddas_0546_2024-01_2024-03.json").exists()


LATER_POLICY = """\
naam: Leiden vanaf mei 2024
gemeentecodes: ["0546"]
geldig_vanaf: 2024-05
drempelbedrag: null
retentie:
  signalen_zonder_hulp: 18
regels:
  - id: bezoek
    naam: Iedereen een huisbezoek
    als: altijd
    dan:
      aanpak: huisbezoek
"""


@pytest.fixture(scope="module")
def afterwards(base, purges, env, tmp_path_factory) -> dict:
    """After the partial and the full purge: the next run, a rebuild, a key rotation and a policy
    version from 2024-05, each step's (exit code, output, out folder) in order."""
    from pipeline.defs.runner import rebuild

    policies = tmp_path_factory.mktemp("beleid")
    for path in (PROJECT_ROOT / "policies").glob("*.yaml"):
        shutil.copy(path, policies / path.name)
    (policies / "leiden_2024_05.yaml").write_text(LATER_POLICY, encoding="utf-8")
    steps = {}
    # the reference for the effect analysis: the later policy on the un-purged publication
    reference = tmp_path_factory.mktemp("beleid_zonder_opschonen") / "out"
    shutil.copytree(base.out, reference)
    env.setenv("VROEGSIGNAAL_BELEID", str(policies))
    code, text = cli("run", "--landing", str(base.landing), "--out", str(reference))
    env.delenv("VROEGSIGNAAL_BELEID")
    assert code == 0, text
    steps["zonder opschonen"] = (reference, [])
    for name in ("deel", "alles"):
        out = purges[name][0]
        landing = str(base.landing)
        done = [("run",) + cli("run", "--landing", landing, "--out", str(out))]
        env.setenv("VROEGSIGNAAL_OUT", str(out))
        outcome = rebuild(load_settings())
        done.append(("herbouw", 0 if outcome.success else 1, "\n".join(outcome.messages)))
        done.append(("ongewijzigd",) + (0, "") + (publication(out),))
        env.setenv("VROEGSIGNAAL_OUDE_SLEUTEL", KEY_A)
        env.setenv("VROEGSIGNAAL_SLEUTEL", KEY_B)
        done.append(("sleutel-roteren",) + cli("sleutel-roteren", "--out", str(out)))
        done.append(("geroteerd", 0, "", publication(out, pseudonyms=False)))
        env.setenv("VROEGSIGNAAL_BELEID", str(policies))
        done.append(("beleid",) + cli("run", "--landing", landing, "--out", str(out)))
        env.delenv("VROEGSIGNAAL_BELEID")
        env.setenv("VROEGSIGNAAL_SLEUTEL", KEY_A)
        env.delenv("VROEGSIGNAAL_OUDE_SLEUTEL")
        steps[name] = (out, done)
    return steps


@pytest.mark.xdist_group("retentie")
@pytest.mark.cost(100)
def test_after_a_purge_run_rebuild_rotation_and_a_later_policy_succeed_and_keep_history(base, afterwards):
    reference = publication(base.out)
    reference_no_keys = publication(base.out, pseudonyms=False)
    unpurged = publication(afterwards["zonder opschonen"][0], tables=EFFECT_TABLES)
    for name, (out, done) in afterwards.items():
        if name == "zonder opschonen":
            continue
        outputs = {step[0]: step for step in done}
        for step, code, text, *_ in done:
            assert code == 0, f"{name} {step}: {text}"
            assert "Traceback" not in text and "verplicht veld ontbreekt" not in text, f"{name} {step}"
        # the next run and the rebuild change nothing
        assert_same(outputs["ongewijzigd"][3], reference)
        # the key rotation changes the pseudonyms only
        assert_same(outputs["geroteerd"][3], reference_no_keys)
        # the later policy re-decides 2024-05 and 2024-06 of Leiden, says so, and leaves earlier months as they were
        text = outputs["beleid"][2]
        assert "vervangt voor gemeente 0546 het beleid van al besliste maanden vanaf 2024-05 (t/m 2024-06)" in text
        assert_same(publication(out, pseudonyms=False, before=NEW_POLICY_FROM),
                    publication(base.out, pseudonyms=False, before=NEW_POLICY_FROM))
        # the effect analysis (all months pooled) is that of the same policy without the purge
        assert_same(publication(out, tables=EFFECT_TABLES), unpurged)
        con = duckdb.connect(str(out / "analytics.duckdb"), read_only=True)
        try:
            later = con.execute("select distinct aanpak, beleid_hash from aanpaklijst where gemeentecode = '0546' "
                                "and maand >= date '2024-05-01'").fetchall()
            earlier = con.execute("select distinct beleid_hash from aanpaklijst where gemeentecode = '0546' "
                                  "and maand < date '2024-05-01'").fetchall()
        finally:
            con.close()
        new_hash = hashlib.sha256(LATER_POLICY.encode("utf-8")).hexdigest()
        assert {h for _, h in later} == {new_hash} and "huisbezoek" in {a for a, _ in later}
        assert {a for a, _ in later} <= {"huisbezoek", "geen"}  # geen: residents known at schuldhulpverlening
        assert len(earlier) == 1 and earlier[0][0] != new_hash
    # a purged quarter's DDAS is skipped with one line, and the run succeeds
    run_text = {step[0]: step[2] for step in afterwards["alles"][1]}["run"]
    assert "DDAS 2024-K2: persoonsgegevens verwijderd door opschonen, geen levering" in run_text


def short_retention_policies(folder: Path, months: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for path in (PROJECT_ROOT / "policies").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert "signalen_zonder_hulp: 18" in text, path.name
        (folder / path.name).write_text(text.replace("signalen_zonder_hulp: 18", f"signalen_zonder_hulp: {months}"),
                                        encoding="utf-8")
    return folder


def write_attempts(landing: Path, out: Path) -> None:
    """Caseworkers' attempts (reached or not, no help result) on every third melding with a
    personal or written aanpak, one or two each, dated in the month after the melding."""
    from pipeline.synthetic.contactpogingen import SOORT

    con = duckdb.connect(str(out / "analytics.duckdb"), read_only=True)
    try:
        rows = con.execute("select melding_id, maand, aanpak from aanpaklijst order by melding_id").fetchall()
    finally:
        con.close()
    lines = ["melding_id;contactdatum;soort;bereikt;medewerker"]
    for i, (melding_id, maand, aanpak) in enumerate(rows):
        if aanpak not in SOORT or i % 3:
            continue
        day = (maand + dt.timedelta(days=32)).replace(day=1 + i % 20)
        for n in range(1 + i % 2):
            lines.append(f"{melding_id};{day + dt.timedelta(days=n):%d-%m-%Y};{SOORT[aanpak]};"
                         f"{'ja' if (i // 3 + n) % 3 == 0 else 'nee'};Consulent {n + 1}")
    path = landing / "contactpogingen" / "2024-07" / "zaaksysteem_test.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.cost(25)
def test_a_purge_inside_the_data_keeps_every_published_table_also_the_effect_analysis(env, tmp_path):
    """Retention 2 months, data 2024-01..2024-06 with contact attempts, purge at 2024-04-30 (limit
    2024-02): January is purged, yet its addresses recur later in the data. The effect analysis
    follows them on the kept pseudonym, so every published table stays as it was."""
    env.setenv("VROEGSIGNAAL_BELEID", str(short_retention_policies(tmp_path / "beleid", 2)))
    try:
        landing, out = tmp_path / "landing", tmp_path / "out"
        assert cli("generate", "--out", str(landing), "--gemeenten", "1586", "--start", "2024-01", "--months", "6")[0] == 0
        assert cli("run", "--landing", str(landing), "--out", str(out))[0] == 0
        write_attempts(landing, out)
        code, text = cli("run", "--landing", str(landing), "--out", str(out))
        assert code == 0, text
        before = publication(out)
        assert before["bereik_per_poging"] and before["herhaling_curve"] and before["herhaling_effect"]
        code, text = cli("opschonen", "--out", str(out), "--peildatum", "2024-04-30")
        assert code == 0, text
        assert purged_months(out) == ["2024-01"]
        assert_same(publication(out), before)
        # and the next run keeps them too
        assert cli("run", "--landing", str(landing), "--out", str(out))[0] == 0
        assert_same(publication(out), before)
    finally:
        env.delenv("VROEGSIGNAAL_BELEID")


@pytest.mark.cost(12)
def test_herbereken_beleid_says_what_it_rewrites_and_re_decides_from_that_month(tmp_path, monkeypatch):
    """Small landing (tests/e2e/test_cli_run.py): gemeente 0999 under the standaard policy, January
    one melding at 1234AB and one at 9999ZZ, February one at 1234AB."""
    from tests.e2e.test_cli_run import small_landing

    monkeypatch.setenv("VROEGSIGNAAL_SLEUTEL", KEY_A)
    landing, out = small_landing(tmp_path), tmp_path / "out"
    assert cli("run", "--landing", str(landing), "--out", str(out))[0] == 0
    code, text = cli("run", "--landing", str(landing), "--out", str(out), "--herbereken-beleid", "2024-02")
    assert code == 0, text
    assert "dit herschrijft opname en aanpak van 1 meldingen (2024-02 t/m 2024-02)" in text
    assert "herberekening beleid: 1 besluiten over meldingen vanaf 2024-02 worden opnieuw genomen" in text
    con = duckdb.connect(str(out / "analytics.duckdb"), read_only=True)
    try:
        assert con.execute("select strftime(maand, '%Y-%m'), count(*) from aanpaklijst group by 1 order by 1").fetchall() == [
            ("2024-01", 2), ("2024-02", 1)]
    finally:
        con.close()
