"""Publication per month: only months >= vanaf are replaced, the rest is kept (and hard-linked)."""

import datetime as dt
import hashlib

import duckdb
import pytest

from pipeline.warehouse.publish import publish
from pipeline.warehouse.run_range import RunRange

TABLES = ("meldingen", "bestanden")
JAN, FEB, MAR = dt.date(2024, 1, 1), dt.date(2024, 2, 1), dt.date(2024, 3, 1)


@pytest.fixture()
def warehouse(tmp_path):
    con = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    con.execute("create table meldingen (melding_id varchar, maand date, aantal int)")
    con.execute("insert into meldingen values ('b', ?, 1), ('a', ?, 2), ('c', ?, 3)", [JAN, JAN, FEB])
    con.execute("create table bestanden (bestand varchar, rijen int)")
    con.execute("insert into bestanden values ('x.csv', 3)")
    yield con
    con.close()


def published(out, sql):
    con = duckdb.connect(str(out / "analytics.duckdb"), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def tree(out):
    root = out / "parquet"
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*.parquet"))}


def test_a_full_publication_writes_a_file_per_month_in_key_order(warehouse, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    counts = publish(warehouse, out, TABLES, bereik=RunRange(None, True, "eerste run"))
    assert counts == {"meldingen": 3, "bestanden": 1}
    assert set(tree(out)) == {"meldingen/maand=2024-01/data.parquet", "meldingen/maand=2024-02/data.parquet",
                              "bestanden/data.parquet"}
    rows = warehouse.execute(
        f"select melding_id, maand from read_parquet('{out}/parquet/meldingen/**/*.parquet', hive_partitioning = true)"
    ).fetchall()
    assert sorted(rows) == [("a", "2024-01"), ("b", "2024-01"), ("c", "2024-02")]
    jan = out / "parquet/meldingen/maand=2024-01/data.parquet"
    assert warehouse.execute(f"select melding_id from read_parquet('{jan}')").fetchall() == [("a",), ("b",)]


def test_only_months_from_vanaf_are_replaced_and_earlier_files_are_linked(warehouse, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    publish(warehouse, out, TABLES, bereik=RunRange(None, True, ""))
    before = tree(out)
    jan_inode = (out / "parquet/meldingen/maand=2024-01/data.parquet").stat().st_ino
    # January changes in the warehouse too, but the run says only February and later changed:
    # the publication must keep January as published (proof that it was not rewritten).
    warehouse.execute("update meldingen set aantal = 99 where maand = ?", [JAN])
    warehouse.execute("insert into meldingen values ('d', ?, 4), ('e', ?, 5)", [FEB, MAR])
    warehouse.execute("update bestanden set rijen = 5")
    publish(warehouse, out, TABLES, bereik=RunRange(FEB, False, "nieuwe maand 2024-03"))
    assert published(out, "select melding_id, aantal from meldingen order by 1") == [
        ("a", 2), ("b", 1), ("c", 3), ("d", 4), ("e", 5)]
    assert published(out, "select rijen from bestanden") == [(5,)]
    after = tree(out)
    assert after["meldingen/maand=2024-01/data.parquet"] == before["meldingen/maand=2024-01/data.parquet"]
    assert (out / "parquet/meldingen/maand=2024-01/data.parquet").stat().st_ino == jan_inode
    assert after["meldingen/maand=2024-02/data.parquet"] != before["meldingen/maand=2024-02/data.parquet"]
    assert "meldingen/maand=2024-03/data.parquet" in after


def test_incremental_and_full_publications_give_the_same_files(warehouse, tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    publish(warehouse, first, TABLES, bereik=RunRange(None, True, ""))
    warehouse.execute("insert into meldingen values ('f', ?, 6)", [FEB])
    publish(warehouse, first, TABLES, bereik=RunRange(FEB, False, ""))
    publish(warehouse, second, TABLES, bereik=RunRange(None, True, ""))
    assert tree(first) == tree(second)
    assert published(first, "select * from meldingen order by all") == published(second, "select * from meldingen order by all")


def test_nothing_new_keeps_every_month_and_a_changed_table_shape_is_rebuilt(warehouse, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    publish(warehouse, out, TABLES, bereik=RunRange(None, True, ""))
    before = tree(out)
    publish(warehouse, out, TABLES, bereik=RunRange(None, False, "niets nieuws"))
    assert tree(out) == before
    warehouse.execute("alter table meldingen add column extra int default 7")
    publish(warehouse, out, TABLES, bereik=RunRange(None, False, "niets nieuws"))
    assert published(out, "select distinct extra from meldingen") == [(7,)]
    assert tree(out)["meldingen/maand=2024-01/data.parquet"] != before["meldingen/maand=2024-01/data.parquet"]


def test_an_old_single_file_layout_is_replaced(warehouse, tmp_path):
    out = tmp_path / "out"
    (out / "parquet").mkdir(parents=True)
    (out / "parquet" / "meldingen.parquet").write_bytes(b"oud")
    publish(warehouse, out, TABLES, bereik=RunRange(None, True, ""))
    assert not (out / "parquet" / "meldingen.parquet").exists()
