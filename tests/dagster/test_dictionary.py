"""The data dictionary is generated, complete and shown in Dagster."""

import fnmatch

import dagster as dg

from pipeline.definitions import defs
from pipeline.effect.tables import from_warehouse, write_tables
from pipeline.contracts.dictionary import DICTIONARY, publication_contracts, render
from pipeline.warehouse.publish import PUBLISHED_TABLES
from tests.sql.chain import run_chain, signaal


def test_generated_dictionary_is_up_to_date():
    assert DICTIONARY.read_text(encoding="utf-8") == render(), "run: python -m pipeline.contracts.dictionary"


def test_every_published_column_is_documented():
    chain = run_chain([signaal("2024-05-01")])
    write_tables(chain.con, from_warehouse(chain.con))  # the Python step between the marts and publicatie
    contracts = publication_contracts()
    for table in PUBLISHED_TABLES:
        assert table in contracts, f"{table} has no publication contract"
        documented = {rule.name for rule in contracts[table].kolommen}
        columns = [r["column_name"] for r in chain.rows(f"describe {table}")]
        missing = [c for c in columns if not any(fnmatch.fnmatchcase(c, name) for name in documented)]
        assert missing == [], f"{table}: undocumented columns {missing}"


def test_dagster_shows_the_column_descriptions():
    node = defs.resolve_asset_graph().get(dg.AssetKey("meldingen"))
    schema = node.metadata["dagster/column_schema"]
    assert any(c.name == "is_opeenvolgend" and c.description for c in schema.columns)
