"""Run the whole SQL chain on hand-made raw rows, in memory, without Dagster or files."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from pipeline.run.build import build_all
from pipeline.warehouse.catalog import MODELS
from pipeline.policy import load_policies
from pipeline.ingest.raw_tables import RAW_DDL, SIGNAAL_INPUT, insert_signal_rows
from pipeline.common.settings import PROJECT_ROOT, DEMO_KEY, Settings
from pipeline.warehouse.connection import BOOKKEEPING_DDL, ensure_raw_tables, prepare_connection

TEST_SETTINGS = Settings(landing=Path("/nonexistent"), out=Path("/nonexistent"), demo=True)


def month(text: str) -> dt.date:
    return dt.date.fromisoformat(text + "-01") if len(text) == 7 else dt.date.fromisoformat(text)


_ids = itertools.count(1)


def signaal(datum: str, **fields) -> dict:
    """A raw signal row with sensible defaults; `datum` is the signaaldatum (YYYY-MM-DD or YYYY-MM)."""
    signaaldatum = month(datum) if len(datum) == 7 else dt.date.fromisoformat(datum)
    n = next(_ids)
    row = {
        "partitie": signaaldatum.replace(day=1),
        "bestand": f"signalen/{signaaldatum:%Y-%m}/test.csv",
        "rij": n + 1,
        "signaal_id": f"S{n:06d}",
        "gemeentecode": "0999",
        "signaalpartner_type": "Zorg",
        "signaalpartner_naam": "Zorgverzekeraar A",
        "signaaldatum": signaaldatum,
        "bedrag": 100.0,
        "postcode": "1234AB",
        "huisnummer": 1,
    }
    row.update(fields)
    return row


@dataclass
class Chain:
    con: duckdb.DuckDBPyConnection
    policies_dir: Path = PROJECT_ROOT / "policies"

    def insert(self, table: str, rows: list[dict]) -> None:
        """Insert raw rows; signal rows get their ingest-time columns as ingestion computes them."""
        target = table
        if table == "raw_signalen":
            fields = ", ".join(["partitie", "bestand", "rij", *(f.name for f in SIGNAAL_INPUT.schema.fields)])
            self.con.execute(f"create or replace temp table _testrijen as select {fields} from raw_signalen limit 0")
            target = "_testrijen"
        for row in rows:
            cols = ", ".join(row)
            marks = ", ".join("?" for _ in row)
            self.con.execute(f"insert into {target} ({cols}) values ({marks})", list(row.values()))
        if table == "raw_signalen":
            insert_signal_rows(self.con, "_testrijen")
            self.con.execute("drop table _testrijen")

    def build(self) -> None:
        build_all(self.con, MODELS, load_policies(self.policies_dir))

    def rows(self, sql: str) -> list[dict]:
        cur = self.con.execute(sql)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]

    def one(self, sql: str) -> dict:
        rows = self.rows(sql)
        assert len(rows) == 1, rows
        return rows[0]


def new_chain(key: str = DEMO_KEY) -> Chain:
    con = duckdb.connect()
    prepare_connection(con, TEST_SETTINGS, key)
    ensure_raw_tables(con, {**RAW_DDL, **BOOKKEEPING_DDL})
    return Chain(con)


def run_chain(signalen: list[dict], *, gemeenten: list[dict] | None = None, bestanden: list[dict] | None = None) -> Chain:
    chain = new_chain()
    chain.insert("raw_signalen", signalen)
    if gemeenten:
        chain.insert("raw_gemeenten", gemeenten)
    if bestanden:
        chain.insert("raw_bestanden", bestanden)
    chain.build()
    return chain
