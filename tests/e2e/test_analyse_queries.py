"""Every SQL example in docs/analyse.md runs on a small generated demo and answers with rows, so
the examples never rot; the Parquet example gives the same answer for both Parquet layouts."""

from __future__ import annotations

import re

import duckdb
import pytest

from pipeline.cli import main
from pipeline.common.settings import PROJECT_ROOT
from pipeline.synthetic import generate

pytestmark = pytest.mark.xdist_group("analyse")

DOC = PROJECT_ROOT / "docs" / "analyse.md"


def queries() -> list[str]:
    return re.findall(r"```sql\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    base = tmp_path_factory.mktemp("analyse")
    landing, out = base / "landing", base / "out"
    generate(landing, start="2024-01", months=6, gemeenten=["1586"], seed=11, defect_rate=0.02)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("VROEGSIGNAAL_SLEUTEL", "analyse-sleutel-0123456789abcdef")
        assert main(["run", "--landing", str(landing), "--out", str(out)]) == 0
    return out


def test_the_document_has_ten_or_so_questions_and_one_reads_parquet():
    found = queries()
    assert len(found) >= 10
    assert sum("read_parquet(" in q for q in found) == 1


@pytest.mark.parametrize("number", range(1, len(queries()) + 1))
def test_every_query_in_docs_analyse_runs_on_the_demo_output(out, monkeypatch, number):
    monkeypatch.chdir(out)  # the document runs its queries from the output folder
    con = duckdb.connect("analytics.duckdb", read_only=True)
    try:
        rows = con.sql(queries()[number - 1]).fetchall()
    finally:
        con.close()
    assert rows, f"query {number} in docs/analyse.md gives no rows on the demo"


def test_the_parquet_query_reads_one_file_per_table_and_one_file_per_month_alike(out, tmp_path, monkeypatch):
    [query] = [q for q in queries() if "read_parquet(" in q]
    monkeypatch.chdir(out)
    con = duckdb.connect()
    try:
        one_file = con.sql(query).fetchall()
    finally:
        con.close()
    # The same table in the per-month layout: parquet/meldingen/maand=YYYY-MM/data.parquet.
    source = duckdb.connect(str(out / "analytics.duckdb"), read_only=True)
    try:
        months = [m for (m,) in source.execute("select distinct strftime(maand, '%Y-%m') from meldingen order by 1").fetchall()]
        for month in months:
            folder = tmp_path / "parquet" / "meldingen" / f"maand={month}"
            folder.mkdir(parents=True)
            source.execute(f"copy (select * exclude (maand) from meldingen where strftime(maand, '%Y-%m') = '{month}' "
                           f"order by melding_id) to '{folder / 'data.parquet'}' (format parquet)")
        source.execute(f"copy (select * from monitor_maand) to '{tmp_path / 'parquet' / 'monitor_maand.parquet'}' (format parquet)")
    finally:
        source.close()
    monkeypatch.chdir(tmp_path)
    con = duckdb.connect()
    try:
        per_month = con.sql(query).fetchall()
    finally:
        con.close()
    assert one_file and per_month == one_file
