"""A warehouse made by an older version: input fields added later (huisletter, the DDAS columns) are
added in place with the rows kept; a table without the columns derived at ingestion is dropped, so
the next run reads its files again from the landing folder (the derived columns cannot be added)."""

import re

import duckdb

from pipeline.ingest.raw_tables import RAW_DDL
from pipeline.warehouse.connection import ensure_raw_tables

LATER_FIELDS = ("huisletter", "status_geleverd")


def older_ddl() -> str:
    parts = re.split(r",\s*(?![^()]*\))", RAW_DDL["raw_signalen"].strip())
    return ", ".join(p for p in parts if p.split()[0] not in LATER_FIELDS)


def test_fields_added_later_are_added_and_rows_kept():
    con = duckdb.connect()
    con.execute(f"create table raw_signalen ({older_ddl()})")
    con.execute("insert into raw_signalen (partitie, bestand, rij, signaal_id, postcode) values (date '2024-01-01', 'a.csv', 2, 'S1', '1234AB')")
    ensure_raw_tables(con, {"raw_signalen": RAW_DDL["raw_signalen"]})
    columns = {r[0]: r[1] for r in con.execute("select column_name, data_type from duckdb_columns() where table_name = 'raw_signalen'").fetchall()}
    assert columns["huisletter"] == "VARCHAR" and columns["status_geleverd"] == "VARCHAR" and columns["opgeschoond_op"] == "DATE"
    assert con.execute("select signaal_id, postcode, huisletter from raw_signalen").fetchall() == [("S1", "1234AB", None)]
    ensure_raw_tables(con, {"raw_signalen": RAW_DDL["raw_signalen"]})  # idempotent
    assert con.execute("select count(*) from raw_signalen").fetchall() == [(1,)]


def test_a_table_without_derived_columns_is_read_again():
    con = duckdb.connect()
    con.execute("create table raw_signalen (partitie date, bestand varchar, rij bigint, signaal_id varchar, postcode varchar)")
    con.execute("insert into raw_signalen values (date '2024-01-01', 'a.csv', 2, 'S1', '1234AB')")
    ensure_raw_tables(con, {"raw_signalen": RAW_DDL["raw_signalen"]})
    assert con.execute("select count(*) from raw_signalen").fetchall() == [(0,)]
    assert "adres_sleutel" in {r[0] for r in con.execute("select column_name from duckdb_columns() where table_name = 'raw_signalen'").fetchall()}
