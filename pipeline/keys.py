"""Rotating the pseudonymisation key: every adres_sleutel, inwoner_sleutel and klant_sleutel is
rebuilt under the new key, consistently, also for purged rows whose address is gone.

For a purged row the old pseudonym is mapped to the new one through any non-purged row with the
same address (or BSN, or customer) — recomputed from its raw fields under both keys; a purged
pseudonym that no living row shares is re-keyed as a keyed hash of the old pseudonym, which keeps
purged rows that belonged together together. The models and the publication are then rebuilt.
"""

from __future__ import annotations

import duckdb

from pipeline.defs.models import MODELS
from pipeline.settings import Settings
from pipeline.sql_models import materialize
from pipeline.warehouse import prepare_connection

KEY_COLUMNS = ("adres_sleutel", "inwoner_sleutel", "klant_sleutel")


def rotate_retained_pseudonyms(con: duckdb.DuckDBPyConnection, settings: Settings, old_key: str, new_key: str) -> dict[str, int]:
    """Re-key the *_bewaard pseudonyms of purged rows; returns how many were mapped per column."""
    prepare_connection(con, settings, old_key)
    materialize(con, MODELS["stg_signalen"])
    con.execute(
        f"create or replace temp table sleutels_oud as select partitie, bestand, rij, {', '.join(KEY_COLUMNS)} "
        "from stg_signalen where opgeschoond_op is null"
    )
    prepare_connection(con, settings, new_key)
    materialize(con, MODELS["stg_signalen"])
    mapped: dict[str, int] = {}
    con.execute("begin transaction")
    try:
        for column in KEY_COLUMNS:
            con.execute(
                f"""
                create or replace temp table vertaling as
                select distinct oud.{column} as oud, nieuw.{column} as nieuw
                from sleutels_oud as oud
                inner join stg_signalen as nieuw using (partitie, bestand, rij)
                where oud.{column} is not null
                """
            )
            mapped[column] = con.execute(
                f"select count(*) from raw_signalen r join vertaling v on v.oud = r.{column}_bewaard"
            ).fetchall()[0][0]
            con.execute(
                f"""
                update raw_signalen as r set {column}_bewaard = coalesce(
                    (select v.nieuw from vertaling as v where v.oud = r.{column}_bewaard),
                    sleutel_hash('herkeyd', r.{column}_bewaard))
                where r.{column}_bewaard is not null
                """
            )
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    return mapped
