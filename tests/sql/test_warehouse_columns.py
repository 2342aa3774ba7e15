"""A warehouse made by an older version gains the columns a newer one defines (huisletter, the DDAS
columns) when it is opened, with its rows kept."""

import duckdb

from pipeline.raw_tables import RAW_DDL
from pipeline.warehouse import ensure_raw_tables


def test_missing_columns_are_added_and_rows_kept():
    con = duckdb.connect()
    con.execute("create table raw_signalen (partitie date, bestand varchar, rij bigint, signaal_id varchar, postcode varchar)")
    con.execute("insert into raw_signalen values (date '2024-01-01', 'a.csv', 2, 'S1', '1234AB')")
    ensure_raw_tables(con, {"raw_signalen": RAW_DDL["raw_signalen"]})
    columns = {r[0]: r[1] for r in con.execute("select column_name, data_type from duckdb_columns() where table_name = 'raw_signalen'").fetchall()}
    assert columns["huisletter"] == "VARCHAR" and columns["status_geleverd"] == "VARCHAR" and columns["opgeschoond_op"] == "DATE"
    assert con.execute("select signaal_id, postcode, huisletter from raw_signalen").fetchall() == [("S1", "1234AB", None)]
    ensure_raw_tables(con, {"raw_signalen": RAW_DDL["raw_signalen"]})  # idempotent
