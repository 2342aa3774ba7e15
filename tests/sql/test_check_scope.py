"""The SQL checks on signalen and meldingen look at the run's months (maand >= vanaf) only.

Parity with the queries as they were before (every row, kept below as the reference), on random
tables with violations anywhere:
- without the variable `vanaf` (a query run by hand) the rows are exactly those of the reference;
- with it, a subset of them; and exactly them whenever the months before `vanaf` are clean on their
  own, which is what the last successful run checked (a run rewrites only the months >= vanaf).
"""

import datetime as dt
import random
from pathlib import Path

import duckdb
import pytest

from pipeline.defs.checks import CHECKS_DIR, FIRST, NONE, check_from, run_check_query
from pipeline.warehouse.run_range import RunRange

REFERENCE = {
    "signalen__signaal_id_uniek": """
        select signaal_id, count(*) as aantal
        from signalen
        group by signaal_id
        having count(*) > 1
    """,
    "signalen__opgepakt_in_een_melding": """
        select signalen.signaal_id, signalen.status, signalen.melding_id
        from signalen
        left join meldingen using (melding_id)
        where (signalen.status = 'Opgepakt') <> (signalen.melding_id is not null)
            or (signalen.melding_id is not null and meldingen.melding_id is null)
    """,
    "meldingen__signalen_tellen": """
        with per_melding as (
            select melding_id, count(*) as signalen from signalen where melding_id is not null group by melding_id
        )
        select meldingen.melding_id, meldingen.aantal_signalen, per_melding.signalen
        from meldingen
        left join per_melding using (melding_id)
        where meldingen.aantal_signalen is distinct from per_melding.signalen
            or meldingen.melding_id in (select melding_id from meldingen group by melding_id having count(*) > 1)
    """,
}

MONTHS = [dt.date(2024, m, 1) for m in range(1, 7)]


def scoped(name: str) -> str:
    return (Path(CHECKS_DIR) / f"{name}.sql").read_text(encoding="utf-8")


def random_tables(rng: random.Random, bad_old: float) -> tuple[list[tuple], list[tuple]]:
    """signalen (signaal_id, maand, status, melding_id) and meldingen (melding_id, maand, aantal_signalen):
    consistent, then broken at random (in old months with chance `bad_old`)."""
    signalen, meldingen = [], []
    n = 0
    for month in MONTHS:
        for k in range(rng.randint(0, 4)):
            melding = f"M{month:%m}-{k}"
            size = rng.randint(1, 3)
            meldingen.append([melding, month, size])
            for _ in range(size):
                n += 1
                signalen.append([f"S{n}", month, "Opgepakt", melding])
        for _ in range(rng.randint(0, 3)):
            n += 1
            signalen.append([f"S{n}", month, "Nog niet opgepakt", None])

    def breaks(row_month) -> bool:
        return rng.random() < (bad_old if row_month is not None and row_month < MONTHS[3] else 0.5)

    for _ in range(rng.randint(0, 4)):
        kind = rng.randrange(9)
        if kind == 0 and signalen:  # a signal id twice (same or another month)
            row = list(rng.choice(signalen))
            row[1] = rng.choice(MONTHS + [None])
            if breaks(row[1]):
                signalen.append(row)
        elif kind == 1 and signalen:  # status and melding_id disagree
            row = rng.choice(signalen)
            if breaks(row[1]):
                row[2] = "Opgepakt" if row[3] is None else "Nog niet opgepakt"
        elif kind == 2 and meldingen:  # a melding lost
            row = rng.choice(meldingen)
            if breaks(row[1]):
                meldingen.remove(row)
        elif kind == 3 and meldingen:  # a wrong count
            row = rng.choice(meldingen)
            if breaks(row[1]):
                row[2] += rng.choice([-1, 1])
        elif kind == 4 and meldingen:  # a melding twice
            row = list(rng.choice(meldingen))
            row[1] = rng.choice(MONTHS + [None])
            if breaks(row[1]):
                meldingen.append(row)
        elif kind == 5 and signalen and meldingen:  # a signal points to a melding of another month
            row = rng.choice(signalen)
            if breaks(row[1]):
                row[2], row[3] = "Opgepakt", rng.choice(meldingen)[0]
        elif kind == 6 and signalen:  # a signal or melding without month or id
            row = rng.choice(signalen)
            if breaks(None):
                row[rng.choice([0, 1, 3])] = None
        elif kind == 7 and meldingen:
            row = rng.choice(meldingen)
            if breaks(None):
                row[rng.choice([0, 1, 2])] = None
        elif kind == 8 and signalen:  # a signal of a melding moved to another month
            row = rng.choice(signalen)
            if breaks(row[1]):
                row[1] = rng.choice(MONTHS)
    return [tuple(r) for r in signalen], [tuple(r) for r in meldingen]


def literal(value) -> str:
    if value is None:
        return "null"
    return f"date '{value}'" if isinstance(value, dt.date) else repr(value)


def load(con, signalen, meldingen, keep=lambda month: True) -> duckdb.DuckDBPyConnection:
    """`con` holding the tables (the rows whose month passes `keep`)."""
    for table, columns, data in (
        ("signalen", "signaal_id varchar, maand date, status varchar, melding_id varchar", signalen),
        ("meldingen", "melding_id varchar, maand date, aantal_signalen bigint", meldingen),
    ):
        con.execute(f"create or replace table {table} ({columns})")
        chosen = [r for r in data if keep(r[1])]
        if chosen:
            values = ", ".join("(" + ", ".join(literal(v) for v in r) + ")" for r in chosen)
            con.execute(f"insert into {table} values {values}")
    return con


def rows(con, sql: str) -> list[tuple]:
    return sorted(con.execute(sql).fetchall(), key=repr)


def contained(part: list[tuple], whole: list[tuple]) -> bool:
    rest = list(whole)
    for row in part:
        if row not in rest:
            return False
        rest.remove(row)
    return True


@pytest.mark.parametrize("name", sorted(REFERENCE))
def test_the_scoped_checks_find_what_the_full_checks_find(name):
    rng = random.Random(name)
    caught_in_new_months = 0
    con, old = duckdb.connect(), duckdb.connect()
    for _ in range(120):
        signalen, meldingen = random_tables(rng, bad_old=rng.choice([0.0, 0.0, 0.3]))
        load(con, signalen, meldingen)
        con.execute("reset variable vanaf")
        reference = rows(con, REFERENCE[name])
        assert rows(con, scoped(name)) == reference  # no variable: every row
        vanaf = rng.choice(MONTHS)
        con.execute("set variable vanaf = ?", [vanaf])
        found = rows(con, scoped(name))
        assert contained(found, reference)
        if reference and not rows(load(old, signalen, meldingen, lambda m: m is not None and m < vanaf),
                                  REFERENCE[name]):  # the months before vanaf clean on their own
            assert found == reference, (vanaf, signalen, meldingen)
            caught_in_new_months += 1
            count, _ = run_check_query(con, scoped(name))
            assert count == len(found)
    assert caught_in_new_months >= 10  # the generator does reach the interesting cases


def test_the_checks_take_vanaf_from_the_run_range():
    assert check_from(RunRange(None, True, "alles")) == FIRST
    assert check_from(RunRange(dt.date(2025, 12, 1), False, "")) == dt.date(2025, 12, 1)
    assert check_from(RunRange(None, False, "")) == NONE
