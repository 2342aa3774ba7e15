"""A contract checked in chunks of months decides exactly as one check over all rows."""

from __future__ import annotations

import datetime as dt

import duckdb
import polars as pl

from pipeline.contracts.chunks import merge_outcomes, month_chunks, unique_results
from tests.contracts.conftest import failures, pub_meldingen_frame, run, with_value

MONTHS = [dt.date(2024, 10, 1), dt.date(2024, 11, 1), dt.date(2024, 12, 1)]


def chunked(contract, frame: pl.DataFrame, limit: int):
    con = duckdb.connect()
    con.register("frame_in", frame)
    con.execute("create table meldingen as select * from frame_in")
    chunks = month_chunks(con, "meldingen", "maand", "", [], limit)
    outcomes = []
    for chunk in chunks:
        where, params = ("", []) if chunk is None else ("where maand between ? and ?", [chunk.first, chunk.last])
        outcomes.append(run(contract, con.sql(f"select * from meldingen {where}", params=params).pl()))
    uniques = unique_results(con, contract, "meldingen", "", []) if len(outcomes) > 1 else []
    return chunks, merge_outcomes(contract, outcomes, uniques)


def three_months() -> pl.DataFrame:
    return pub_meldingen_frame().with_columns(pl.Series("maand", MONTHS))


def test_months_are_grouped_up_to_the_row_limit(contracts):
    chunks, outcome = chunked(contracts["publicatie_meldingen"], three_months(), limit=2)
    assert [(c.first, c.last, c.rows) for c in chunks] == [(MONTHS[0], MONTHS[1], 2), (MONTHS[2], MONTHS[2], 1)]
    assert outcome.passed and outcome.rows == 3
    assert [r.rule for r in outcome.results] == [r.rule for r in run(contracts["publicatie_meldingen"], three_months()).results]


def test_everything_in_one_piece_when_it_fits(contracts):
    chunks, outcome = chunked(contracts["publicatie_meldingen"], three_months(), limit=10)
    assert chunks == [None] and outcome.passed


def test_a_duplicate_across_months_fails_uniqueness(contracts):
    frame = with_value(three_months(), "melding_id", 2, "M1")
    _, outcome = chunked(contracts["publicatie_meldingen"], frame, limit=1)
    assert not outcome.passed
    [uniek] = [r for r in outcome.results if r.rule == "melding_id: uniek"]
    assert (uniek.passed, uniek.failing_rows) == (False, 2)


def test_a_bad_value_in_a_later_chunk_fails_the_whole_check(contracts):
    frame = with_value(three_months(), "adres_sleutel", 2, "niet-gehasht")
    _, outcome = chunked(contracts["publicatie_meldingen"], frame, limit=1)
    assert "adres_sleutel: patroon" in failures(outcome)
    assert not outcome.passed
