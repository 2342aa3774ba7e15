"""Rotating the pseudonymisation key: every adres_sleutel, inwoner_sleutel and klant_sleutel of
raw_signalen is rebuilt under the new key, consistently, also for purged rows whose address is gone.

A row that still has its personal fields is re-keyed from them (the same derivation as at
ingestion, pipeline/ingest/raw_tables.py). A purged row's old pseudonym is mapped to the new one through
any non-purged row that had the same pseudonym; a purged pseudonym that no living row shares is
re-keyed as a keyed hash of the old pseudonym, which keeps purged rows that belonged together
together. The models and the publication are then rebuilt (the planning sees the new key).
"""

from __future__ import annotations

import duckdb

from pipeline.ingest.raw_tables import DERIVE_SIGNAL_SQL, SIGNAAL_INPUT
from pipeline.common.settings import Settings
from pipeline.warehouse.connection import prepare_connection

KEY_COLUMNS = ("adres_sleutel", "inwoner_sleutel", "klant_sleutel")


def rotate_retained_pseudonyms(con: duckdb.DuckDBPyConnection, settings: Settings, old_key: str, new_key: str) -> dict[str, int]:
    """Re-key every pseudonym under `new_key`; returns how many purged rows were mapped through a
    living row, per column."""
    del old_key  # the old pseudonyms are stored on the rows
    prepare_connection(con, settings, new_key)
    fields = ", ".join(["partitie", "bestand", "rij", *(f.name for f in SIGNAAL_INPUT.schema.fields)])
    living = f"(select {fields} from raw_signalen where opgeschoond_op is null)"
    mapped: dict[str, int] = {}
    con.execute("begin transaction")
    try:
        con.execute(
            f"create or replace temp table nieuwe_sleutels as select partitie, bestand, rij, {', '.join(KEY_COLUMNS)} "
            f"from ({DERIVE_SIGNAL_SQL.format(bron=living)})"
        )
        for column in KEY_COLUMNS:
            con.execute(
                f"""
                create or replace temp table vertaling as
                select distinct oud.{column} as oud, nieuw.{column} as nieuw
                from raw_signalen as oud
                inner join nieuwe_sleutels as nieuw using (partitie, bestand, rij)
                where oud.{column} is not null
                """
            )
            mapped[column] = con.execute(
                f"select count(*) from raw_signalen r join vertaling v on v.oud = r.{column} "
                "where r.opgeschoond_op is not null"
            ).fetchall()[0][0]
            con.execute(
                f"""
                update raw_signalen as r set {column} = coalesce(
                    (select v.nieuw from vertaling as v where v.oud = r.{column}),
                    sleutel_hash('herkeyd', r.{column}))
                where r.opgeschoond_op is not null and r.{column} is not null
                """
            )
            con.execute(
                f"""
                update raw_signalen as r set {column} = n.{column}
                from nieuwe_sleutels as n
                where r.partitie = n.partitie and r.bestand = n.bestand and r.rij = n.rij
                """
            )
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    return mapped
