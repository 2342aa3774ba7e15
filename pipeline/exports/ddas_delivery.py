"""The DDAS v1.2 delivery of one gemeente for a period, from the private warehouse.

Signals are those with a signal month in the period (every status: DDAS reports what was not
picked up too); vroegsignaalzaken are the meldingen of the period with their contact attempts and
the last result. Written only to OUT/ddas/ (private), validated before it is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import polars as pl

from pipeline.exports.ddas import build_ddas, check_ddas_text, write_ddas
from pipeline.exports.files import private_dir, write_private
from pipeline.exports.fingerprints import digest, known, remember

#: One query per frame for every gemeente at once ($alle = true) or one gemeente; set-based, no
#: per-melding subqueries, and only the meldingen and signals of the period are aggregated.
SIGNALEN_QUERY = """
    select s.gemeentecode, s.signaal_id, s.is_crisis as crisissignaal, s.warme_overdracht,
           cast(s.bedrag as double) as bedrag, s.ontstaansdatum, s.signaaldatum, m.status, s.signaalpartner_type,
           s.bsn, s.postcode, s.huisnummer,
           -- DDAS v1.2 has no huisletter: it leads the huisnummertoevoeging (12B-2 -> "B-2")
           nullif(concat_ws('-', s.huisletter, nullif(s.huisnummertoevoeging, '')), '') as huisnummertoevoeging, s.geboortedatum, s.geslacht
    from int_signalen as s
    inner join signalen as m using (signaal_id)
    -- signalen.maand is int_signalen.maand (sql/marts/signalen.sql): the second test only lets
    -- DuckDB skip the row groups of other months
    where ($alle or s.gemeentecode = $gemeente) and s.maand between $van and $tot and m.maand between $van and $tot
"""

ZAKEN_QUERY = """
    with zaak as (
        select gemeentecode, melding_id, maand
        from meldingen
        where ($alle or gemeentecode = $gemeente) and maand between $van and $tot
    ),
    uitkomst as (
        select melding_id,
               arg_max(resultaat, (coalesce(resultaatdatum, contactdatum), contactdatum))
                   filter (where resultaat is not null) as resultaat,
               min(contactdatum) as datum_opgepakt,
        from int_contactpogingen
        where melding_id in (select melding_id from zaak)
        group by melding_id
    ),
    melding_signalen as (
        select melding_id, list(signaal_id order by signaal_id) as signaal_ids
        from signalen
        -- a melding's signals are of its month (the melding ID holds it: sql/intermediate/int_signalen.sql),
        -- so the month test only lets DuckDB skip the row groups of other months
        where melding_id in (select melding_id from zaak) and maand between $van and $tot
        group by melding_id
    )
    select z.gemeentecode, z.melding_id, z.maand, u.resultaat, u.datum_opgepakt, ms.signaal_ids
    from zaak as z
    left join uitkomst as u using (melding_id)
    inner join melding_signalen as ms using (melding_id)
"""

POGINGEN_QUERY = """
    select m.gemeentecode, p.melding_id, p.contactdatum, p.soort, p.bereikt, p.dagdeel
    from int_contactpogingen as p
    inner join meldingen as m using (melding_id)
    where ($alle or m.gemeentecode = $gemeente) and m.maand between $van and $tot
"""


#: Threads that write the validated deliveries.
WRITERS = 4
#: Gemeenten whose documents are made at once.
BATCH = 100


def month_end(day: dt.date) -> dt.date:
    nxt = day.replace(day=28) + dt.timedelta(days=4)
    return nxt - dt.timedelta(days=nxt.day)


def ddas_frames(con: duckdb.DuckDBPyConnection, gemeente: str | None, van: dt.date, tot: dt.date) -> tuple[pl.DataFrame, ...]:
    """(signalen, zaken, pogingen) of one gemeente, or of every gemeente when `gemeente` is None."""
    params = {"alle": gemeente is None, "gemeente": gemeente or "", "van": van.replace(day=1), "tot": tot.replace(day=1)}
    return tuple(con.sql(q, params=params).pl() for q in (SIGNALEN_QUERY, ZAKEN_QUERY, POGINGEN_QUERY))


def organisation(con: duckdb.DuckDBPyConnection, gemeente: str) -> dict:
    return organisations(con, [gemeente])[gemeente]


def organisations(con: duckdb.DuckDBPyConnection, gemeenten: list[str]) -> dict[str, dict]:
    """The delivering organisation per gemeente (its latest name), from one query."""
    rows = con.execute("select gemeentecode, arg_max(naam, jaar) from stg_gemeenten group by 1").fetchall()
    names = dict(rows)
    return {code: {"naam": f"Gemeente {names[code]}" if names.get(code) else f"Gemeente {code}",
                   "contactpersonen": [{"naam": "Team vroegsignalering", "functietitel": "Vroegsignalering"}]}
            for code in gemeenten}


def delivery_path(ddas_dir: Path, gemeente: str, van: dt.date, tot: dt.date) -> Path:
    return ddas_dir / f"ddas_{gemeente}_{van:%Y-%m}_{tot:%Y-%m}.json"


def deliver(con: duckdb.DuckDBPyConnection, ddas_dir: Path, gemeente: str, van: dt.date, tot: dt.date,
            leverancier: str, aangeleverd_op: dt.datetime, client: str = "bsn") -> tuple[Path, dict]:
    """Build, validate and write one delivery; returns its path and the counts it holds."""
    frames = ddas_frames(con, gemeente, van, tot)
    return write_delivery(ddas_dir, gemeente, van, tot, leverancier, aangeleverd_op, frames, organisation(con, gemeente),
                          client)


def deliver_all(con: duckdb.DuckDBPyConnection, ddas_dir: Path, van: dt.date, tot: dt.date, leverancier: str,
                aangeleverd_op: dt.datetime, *, gemeenten: list[str] | None = None, skip_unchanged: bool = False,
                progress: Callable[..., object] | None = None,
                skip: frozenset[str] = frozenset(), client: str = "bsn") -> list[Path]:
    """One delivery per gemeente with meldingen in the period (or only `gemeenten`), from one set of
    queries; the documents are made as JSON text for all gemeenten at once (pipeline/exports/
    ddas_text.py: the bytes `write_ddas` would write), each read back and validated, then written.

    skip_unchanged: leave a delivery whose file exists and whose input did not change since it
    was written (fingerprints in the warehouse). Gemeenten in `skip` (personal data of the period
    purged) get none. Returns the paths written."""
    frames = ddas_frames(con, None, van, tot)
    parts = [frame.partition_by("gemeentecode", as_dict=True) for frame in frames]
    codes = [code for (code,) in sorted(parts[1]) if (gemeenten is None or code in gemeenten) and code not in skip]
    orgs = organisations(con, codes)
    jobs, fingerprints, rows = [], {}, 0
    for code in codes:
        mine = tuple(part.get((code,), frame.clear()) for part, frame in zip(parts, frames))
        path = delivery_path(ddas_dir, code, van, tot)
        fingerprints[str(path)] = digest(mine, code, van, tot, leverancier, aangeleverd_op, orgs[code], client)
        jobs.append((ddas_dir, code, van, tot, leverancier, aangeleverd_op, mine, orgs[code], client))
        rows += sum(f.height for f in mine)
    if skip_unchanged:
        before = known(con, [delivery_path(ddas_dir, j[1], van, tot) for j in jobs])
        jobs = [j for j in jobs if before.get(str(delivery_path(ddas_dir, j[1], van, tot))) !=
                fingerprints[str(delivery_path(ddas_dir, j[1], van, tot))]]
    say = progress or (lambda *a, **k: None)
    say(f"DDAS {van:%Y-%m}..{tot:%Y-%m}: {len(jobs)} van {len(codes)} leveringen te schrijven", rijen=rows)
    todo = [j[1] for j in jobs]

    def made(batch: list[str]) -> list[tuple[str, bytes]]:
        mine = tuple(frame.filter(pl.col("gemeentecode").is_in(batch)) for frame in frames)
        from pipeline.exports.ddas_text import documents  # orjson: only in the step that delivers

        return list(documents(*mine, batch, van=van, tot=tot, leverancier=leverancier, organisaties=orgs,
                              aangeleverd_op=aangeleverd_op, client=client))

    def texts():
        """The documents in batches: polars makes the next batch (in a thread, on the other core)
        while the previous one is validated here."""
        batches = [todo[i:i + BATCH] for i in range(0, len(todo), BATCH)]
        with ThreadPoolExecutor(max_workers=1) as maker:
            coming = maker.submit(made, batches[0]) if batches else None
            for i in range(len(batches)):
                ready = coming.result()
                coming = maker.submit(made, batches[i + 1]) if i + 1 < len(batches) else None
                yield from ready

    step = max(1, len(jobs) // 10)
    paths = []
    # validated here, one at a time; written (and synced) by threads meanwhile: a write waits on the disk
    with ThreadPoolExecutor(max_workers=WRITERS) as writers:
        written = []
        for n, (code, data) in enumerate(texts(), start=1):
            path = delivery_path(ddas_dir, code, van, tot)
            check_ddas_text(data)
            if n == 1:
                private_dir(ddas_dir)
            written.append(writers.submit(write_private, path, data))
            paths.append(path)
            if n % step == 0 or n == len(jobs):
                say(f"DDAS {van:%Y-%m}..{tot:%Y-%m}: {n} van {len(jobs)} geschreven")
        for future in written:
            future.result()
    remember(con, {str(p): fingerprints[str(p)] for p in paths})
    return paths


def write_delivery(ddas_dir: Path, gemeente: str, van: dt.date, tot: dt.date, leverancier: str,
                   aangeleverd_op: dt.datetime, frames: tuple[pl.DataFrame, ...], organisatie: dict,
                   client: str = "bsn") -> tuple[Path, dict]:
    signalen, zaken, pogingen = frames
    document = build_ddas(signalen, zaken, pogingen, gemeente=gemeente, van=van, tot=tot, leverancier=leverancier,
                          organisatie=organisatie, aangeleverd_op=aangeleverd_op, client=client)
    path = delivery_path(ddas_dir, gemeente, van, tot)
    write_ddas(document, path)
    levering = document["leveringen"][0]
    return path, {"vroegsignalen": len(levering["vroegsignalen"]), "vroegsignaalzaken": len(levering["vroegsignaalzaken"])}
