"""Exports on what changed: which periods and gemeenten a run writes again, and the fingerprints."""

from __future__ import annotations

import datetime as dt

import duckdb
import polars as pl

from pipeline.defs.ddas import periods_to_deliver
from pipeline.defs.exports import months_to_write
from pipeline.exports.fingerprints import digest, known, remember
from pipeline.warehouse.run_range import RunRange

D = dt.date


def touch(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("x")
    return path


def test_ddas_the_runs_quarter_and_earlier_deliveries_of_changed_months(tmp_path):
    for name in ("ddas_0546_2024-01_2024-03.json", "ddas_1586_2024-01_2024-03.json",
                 "ddas_0546_2023-10_2023-12.json", "ddas_0546_2024-04_2024-05.json"):
        touch(tmp_path / name)
    late = RunRange(D(2024, 2, 1), False, "late levering voor 2024-02")
    assert periods_to_deliver(tmp_path, D(2024, 6, 1), late) == [
        (D(2024, 1, 1), D(2024, 3, 1), ["0546", "1586"]),   # touches 2024-02: written again
        (D(2024, 4, 1), D(2024, 6, 1), None),               # the run's quarter, every gemeente
    ]
    new_month = RunRange(D(2024, 6, 1), False, "nieuwe maand 2024-06")
    assert periods_to_deliver(tmp_path, D(2024, 6, 1), new_month) == [(D(2024, 4, 1), D(2024, 6, 1), None)]
    assert periods_to_deliver(tmp_path, D(2024, 6, 1), RunRange(None, False, "")) == []


def test_werkvoorraad_the_runs_month_and_earlier_workbooks_of_changed_months(tmp_path):
    touch(tmp_path / "0546" / "werkvoorraad_0546_2024-04.xlsx")
    touch(tmp_path / "0546" / "werkvoorraad_0546_2024-02.xlsx")
    touch(tmp_path / "1586" / "werkvoorraad_1586_2024-05.xlsx")
    late = RunRange(D(2024, 4, 1), False, "")
    assert months_to_write(tmp_path, D(2024, 6, 1), late) == {
        D(2024, 4, 1): {"0546"}, D(2024, 5, 1): {"1586"}, D(2024, 6, 1): None}
    assert months_to_write(tmp_path, D(2024, 6, 1), RunRange(None, True, "")) == {
        D(2024, 2, 1): {"0546"}, D(2024, 4, 1): {"0546"}, D(2024, 5, 1): {"1586"}, D(2024, 6, 1): None}
    assert months_to_write(tmp_path, D(2024, 6, 1), RunRange(None, False, "")) == {}


def test_fingerprints_change_with_the_rows_and_are_kept_for_existing_files(tmp_path):
    frame = pl.DataFrame({"melding_id": ["M1", "M2"], "signaal_ids": [["S1"], ["S2", "S3"]]})
    same = digest([frame], "0546", D(2024, 6, 1))
    assert digest([frame.clone()], "0546", D(2024, 6, 1)) == same
    assert digest([frame.with_columns(pl.lit("M9").alias("melding_id"))], "0546", D(2024, 6, 1)) != same
    assert digest([frame], "0546", D(2024, 5, 1)) != same
    con = duckdb.connect()
    path, gone = touch(tmp_path / "a.json"), tmp_path / "weg.json"
    remember(con, {str(path): same, str(gone): "oud"})
    remember(con, {str(path): same})  # replaced, not duplicated
    assert known(con, [path, gone]) == {str(path): same}
