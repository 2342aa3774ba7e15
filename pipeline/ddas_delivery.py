"""The DDAS v1.2 delivery of one gemeente for a period, from the private warehouse.

Signals are those with a signal month in the period (every status: DDAS reports what was not
picked up too); vroegsignaalzaken are the meldingen of the period with their contact attempts and
the last result. Written only to OUT/ddas/ (private), validated before it is written.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import polars as pl

from pipeline.exports.ddas import build_ddas, write_ddas

SIGNALEN_QUERY = """
    select s.signaal_id, s.is_crisis as crisissignaal, s.warme_overdracht, cast(s.bedrag as double) as bedrag,
           s.ontstaansdatum, s.signaaldatum, m.status, s.signaalpartner_type, s.bsn, s.postcode, s.huisnummer,
           s.huisnummertoevoeging, s.geboortedatum, s.geslacht
    from int_signalen as s
    inner join signalen as m using (signaal_id)
    where s.gemeentecode = $gemeente and s.maand between $van and $tot
"""

ZAKEN_QUERY = """
    select m.melding_id, m.maand,
           (select arg_max(p.resultaat, (coalesce(p.resultaatdatum, p.contactdatum), p.contactdatum))
              from int_contactpogingen as p where p.melding_id = m.melding_id and p.resultaat is not null) as resultaat,
           (select min(p.contactdatum) from int_contactpogingen as p where p.melding_id = m.melding_id) as datum_opgepakt,
           (select list(s.signaal_id order by s.signaal_id) from signalen as s where s.melding_id = m.melding_id) as signaal_ids
    from meldingen as m
    where m.gemeentecode = $gemeente and m.maand between $van and $tot
"""

POGINGEN_QUERY = """
    select p.melding_id, p.contactdatum, p.soort, p.bereikt, p.dagdeel
    from int_contactpogingen as p
    inner join meldingen as m using (melding_id)
    where m.gemeentecode = $gemeente and m.maand between $van and $tot
"""


def month_end(day: dt.date) -> dt.date:
    nxt = day.replace(day=28) + dt.timedelta(days=4)
    return nxt - dt.timedelta(days=nxt.day)


def ddas_frames(con: duckdb.DuckDBPyConnection, gemeente: str, van: dt.date, tot: dt.date) -> tuple[pl.DataFrame, ...]:
    params = {"gemeente": gemeente, "van": van.replace(day=1), "tot": tot.replace(day=1)}
    return tuple(con.sql(q, params=params).pl() for q in (SIGNALEN_QUERY, ZAKEN_QUERY, POGINGEN_QUERY))


def organisation(con: duckdb.DuckDBPyConnection, gemeente: str) -> dict:
    rows = con.execute("select naam from stg_gemeenten where gemeentecode = ? order by jaar desc limit 1", [gemeente]).fetchall()
    naam = f"Gemeente {rows[0][0]}" if rows else f"Gemeente {gemeente}"
    return {"naam": naam, "contactpersonen": [{"naam": "Team vroegsignalering", "functietitel": "Vroegsignalering"}]}


def deliver(con: duckdb.DuckDBPyConnection, ddas_dir: Path, gemeente: str, van: dt.date, tot: dt.date,
            leverancier: str, aangeleverd_op: dt.datetime) -> tuple[Path, dict]:
    """Build, validate and write one delivery; returns its path and the counts it holds."""
    signalen, zaken, pogingen = ddas_frames(con, gemeente, van, tot)
    document = build_ddas(signalen, zaken, pogingen, gemeente=gemeente, van=van, tot=tot, leverancier=leverancier,
                          organisatie=organisation(con, gemeente), aangeleverd_op=aangeleverd_op)
    path = ddas_dir / f"ddas_{gemeente}_{van:%Y-%m}_{tot:%Y-%m}.json"
    write_ddas(document, path)
    levering = document["leveringen"][0]
    return path, {"vroegsignalen": len(levering["vroegsignalen"]), "vroegsignaalzaken": len(levering["vroegsignaalzaken"])}
