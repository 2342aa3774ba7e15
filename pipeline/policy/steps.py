"""Policy steps between the SQL models: the policy timeline, the melding-level pick-up decision and
the approach list. The Dagster assets and the plain build (tests, `simuleer`) call these.

Decisions are kept facts (docs/run-architecture.md): `melding_opname` and `aanpaklijst` hold one
row per candidate melding with its `maand` and the `beleid_hash` of the policy version it was
decided under. A run decides only candidate meldingen without a decision; an existing decision is
never re-derived by a later run, a late delivery, a purge, a rebuild or a key rotation. It is
re-decided only when the policy version in force for its month changes through a `geldig_vanaf`
that covers the month, or on `vroegsignaal run --herbereken-beleid` (announced). Decisions whose
melding is no longer a candidate (a late delivery with a lower signaal_id renames a melding, a
re-delivery removes signals) are removed.

`raw_beleid` is the policy timeline per gemeentecode ('*' = standaard): which version (by sha256 of
the file) applies from `geldig_vanaf` up to (not including) `geldig_tot`. `beleid_versies` keeps the
text of every version the warehouse used, so that a file edited in place (without geldig_vanaf)
applies only to months without decisions yet, and later meldingen of earlier months (a late
delivery) are decided under the version of their month.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from pipeline.policy import Policy, PolicySet, load_policy_text, route, route_pickup
from pipeline.policy.model import DEFAULT_CODE

#: What each policy step writes (the Dagster UI and the data dictionary show these).
DESCRIPTIONS = {
    "raw_beleid": "The policy timeline: per gemeente the policy version (policies/*.yaml, by sha256) in force "
    "from geldig_vanaf up to geldig_tot and its signal-level drempelbedrag; gemeentecode '*' is the default "
    "policy for gemeenten without a file of their own. Every version used is kept in beleid_versies.",
    "melding_opname": "Which candidate meldingen the gemeente's policy picks up: the leading pick-up rules "
    "(such as Leiden's melding-level drempel) on same-month facts, and residents already known at "
    "schuldhulpverlening. Kept decisions: made once per melding under the version of its month.",
    "aanpaklijst": "The approach list: per melding the aanpak, channels, letter template, priority, "
    "consultant, recurrence flags, the deciding rule and one Dutch sentence saying why. Kept decisions: "
    "made once per melding under the policy version of its month (beleid_hash).",
}

#: The asset group of each step in the Dagster UI.
GROUPS = {"raw_beleid": "beleid", "melding_opname": "beleid", "aanpaklijst": "marts"}

#: Same-month facts the pick-up rules may use, plus the reference flag bekend_shv.
PICKUP_QUERY = """
    select
        k.melding_id, k.gemeentecode, k.maand, k.leeftijd,
        cast(k.totaal_bedrag as double) as totaal_bedrag, k.aantal_signalen, k.is_meervoudig,
        k.is_crisis, k.signaalpartner_types, k.telefoon_bekend, k.email_bekend,
        r.minderjarige_kinderen, r.bekend_shv
    from int_melding_kandidaten as k
    inner join int_melding_referentie as r using (melding_id)
"""

AANPAK_COLUMNS = (
    "melding_id", "gemeentecode", "maand", "aanpak", "kanalen", "brief_sjabloon", "prioriteit",
    "consulent", "bewind_overwegen", "andere_systemen_raadplegen", "uitgesteld", "regel", "reden",
    "signaalstatus", "opgepakt",
)

#: First month of the timeline: a file without geldig_vanaf applies from here.
BEGIN = dt.date(1900, 1, 1)

#: Tables of this module that other code only reads.
DECISION_DDL = {
    "beleid_versies": """
        beleid_hash varchar, beleid varchar, bestand varchar, geldig_vanaf date,
        drempelbedrag decimal(12, 2), tekst varchar
    """,
    # the earliest month whose decisions this run re-opens (a policy version with geldig_vanaf
    # over decided months, or --herbereken-beleid); null = none. Written by write_beleid.
    "beleid_heropend": "vanaf date, reden varchar",
}

#: Columns added to warehouses made before decisions were kept (see migrate_decision_tables).
_ADDED_COLUMNS = {
    "raw_beleid": {"beleid_hash": "varchar", "geldig_vanaf": "date", "geldig_tot": "date"},
    "melding_opname": {"gemeentecode": "varchar", "maand": "date", "beleid_hash": "varchar"},
    "aanpaklijst": {"beleid_hash": "varchar"},
}

#: The timeline row of a melding: its gemeente's own row for its month, else the standaard's.
_TIMELINE_JOIN = """
    left join raw_beleid as eigen
        on eigen.gemeentecode = {t}.gemeentecode and {t}.maand >= eigen.geldig_vanaf
        and (eigen.geldig_tot is null or {t}.maand < eigen.geldig_tot)
    left join raw_beleid as std
        on std.gemeentecode = '*' and {t}.maand >= std.geldig_vanaf
        and (std.geldig_tot is null or {t}.maand < std.geldig_tot)
"""


#: A decision whose month now falls under another version than the one it was made under (decisions
#: from before kept decisions have no beleid_hash and stay).
_STALE = """d.beleid_hash is not null and coalesce(eigen.beleid_hash, std.beleid_hash) is not null
    and d.beleid_hash <> coalesce(eigen.beleid_hash, std.beleid_hash)"""


def month_label(day: dt.date | None) -> str:
    if day == BEGIN:
        return "het begin"
    return f"{day:%Y-%m}" if day else "-"


def add_months(day: dt.date, n: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + n
    return dt.date(index // 12, index % 12 + 1, 1)


def ensure_decision_tables(con: duckdb.DuckDBPyConnection) -> None:
    for table, columns in DECISION_DDL.items():
        con.execute(f"create table if not exists {table} ({columns})")
    migrate_decision_tables(con)


def migrate_decision_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Warehouses from before kept decisions: add the new columns. Old decisions keep a null
    beleid_hash (decided under an unknown version): they are kept, never re-opened by a version."""
    for table, added in _ADDED_COLUMNS.items():
        present = {r[0] for r in con.execute(
            "select column_name from information_schema.columns where table_name = ? and table_schema = current_schema()",
            [table]).fetchall()}
        if not present:
            continue
        for column, kind in added.items():
            if column not in present:
                con.execute(f"alter table {table} add column {column} {kind}")
                if table == "melding_opname" and column == "gemeentecode":
                    con.execute("update melding_opname set gemeentecode = split_part(melding_id, '-', 1)")
                if table == "melding_opname" and column == "maand":
                    con.execute("update melding_opname set maand = strptime(split_part(melding_id, '-', 2), '%Y%m')::date")


def replace_table(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> None:
    """Replace a table's rows with a frame in one transaction (the table keeps its schema)."""
    con.register("_frame", frame)
    try:
        con.execute("begin transaction")
        con.execute(f"delete from {table}")
        con.execute(f"insert into {table} by name select * from _frame")
        con.execute("commit")
    finally:
        con.unregister("_frame")


def policy_hash(policy) -> str:
    """The policy version: sha256 of its file (of its repr for a policy built in memory)."""
    if getattr(policy, "source_hash", None):
        return policy.source_hash
    return hashlib.sha256(repr(policy).encode()).hexdigest()


# --------------------------------------------------------------------------- #
# The policy timeline (raw_beleid)
# --------------------------------------------------------------------------- #


@dataclass(frozen=True)
class Segment:
    """One row of raw_beleid: a version in force from `vanaf` up to (not including) `tot`."""

    vanaf: dt.date
    tot: dt.date | None
    beleid_hash: str
    beleid: str
    drempelbedrag: float | None

    def covers(self, month: dt.date) -> bool:
        return self.vanaf <= month and (self.tot is None or month < self.tot)


def _at(segments: list[Segment], month: dt.date) -> Segment | None:
    return next((s for s in segments if s.covers(month)), None)


def _from_policy(policy: Policy) -> Segment:
    return Segment(BEGIN, None, policy.source_hash or "", policy.name, policy.drempelbedrag)


def _declared(policies: PolicySet, code: str, month: dt.date) -> tuple[Policy, str]:
    """The version the files give for a month, and how: 'gedateerd' (its geldig_vanaf covers the
    month), 'ongedateerd' (a file without geldig_vanaf) or 'terug' (the earliest version stretched
    back before its geldig_vanaf because nothing else covers the month)."""
    policy = policies.for_gemeente(None if code == DEFAULT_CODE else code, month)
    if policy.geldig_vanaf is None:
        return policy, "ongedateerd"
    return policy, "gedateerd" if policy.geldig_vanaf <= month else "terug"


def plan_timeline(policies: PolicySet, code: str, prev: list[Segment], decided_until: dt.date | None) -> list[Segment]:
    """The new timeline of one gemeentecode from the files, the stored timeline and the last month
    with decisions (months up to `decided_until` are decided; None = none).

    A decided month keeps the version it was decided under, unless a file's geldig_vanaf covers it
    (then that version replaces it and the month is re-decided). An undecided month follows the
    files; before the first geldig_vanaf of a gemeente's files the stored version stays."""
    cuts = {BEGIN}
    for policy in policies.policies:
        if policy.geldig_vanaf:
            cuts.add(policy.geldig_vanaf)
    for segment in prev:
        cuts.add(segment.vanaf)
        if segment.tot:
            cuts.add(segment.tot)
    if decided_until:
        cuts.add(add_months(decided_until, 1))
    starts = sorted(cuts)
    pieces: list[Segment] = []
    for start, end in zip(starts, [*starts[1:], None]):
        policy, kind = _declared(policies, code, start)
        kept = _at(prev, start)
        decided = decided_until is not None and start <= decided_until
        if kind == "gedateerd" or kept is None or (kind == "ongedateerd" and not decided):
            chosen = _from_policy(policy)
        else:
            chosen = kept
        piece = Segment(start, end, chosen.beleid_hash, chosen.beleid, chosen.drempelbedrag)
        if pieces and pieces[-1].beleid_hash == piece.beleid_hash:
            pieces[-1] = Segment(pieces[-1].vanaf, end, piece.beleid_hash, piece.beleid, piece.drempelbedrag)
        else:
            pieces.append(piece)
    return pieces


def _stored_timeline(con: duckdb.DuckDBPyConnection) -> dict[str, list[Segment]]:
    rows = con.execute(
        "select gemeentecode, geldig_vanaf, geldig_tot, beleid_hash, beleid, drempelbedrag from raw_beleid "
        "where beleid_hash is not null and geldig_vanaf is not null order by gemeentecode, geldig_vanaf"
    ).fetchall()
    timeline: dict[str, list[Segment]] = {}
    for code, vanaf, tot, digest, name, drempel in rows:
        timeline.setdefault(code, []).append(
            Segment(vanaf, tot, digest, name, float(drempel) if drempel is not None else None))
    return timeline


def _decided_until(con: duckdb.DuckDBPyConnection, codes: set[str]) -> dict[str, dt.date]:
    """Per gemeentecode the last month with a decision; '*' = over gemeenten without a row of their own."""
    rows = con.execute(
        "select gemeentecode, max(maand) from (select gemeentecode, maand from melding_opname "
        "union all select gemeentecode, maand from aanpaklijst) where maand is not null group by 1"
    ).fetchall()
    last = {code: month for code, month in rows}
    others = [month for code, month in last.items() if code not in codes]
    if others:
        last[DEFAULT_CODE] = max(others)
    return last


def _where(policies: PolicySet, digest: str) -> str:
    found = next((p for p in policies.policies if p.source_hash == digest), None)
    if found is None:
        return "een eerdere versie"
    vanaf = f", geldig vanaf {found.geldig_vanaf:%Y-%m}" if found.geldig_vanaf else ""
    return f"{Path(found.source_file).name if found.source_file else found.name}{vanaf}"


def _who(code: str) -> str:
    return "het standaardbeleid" if code == DEFAULT_CODE else f"gemeente {code}"


def write_beleid(con: duckdb.DuckDBPyConnection, policies: PolicySet, herbereken_vanaf: dt.date | None = None,
                 *, herbereken: bool = False) -> list[str]:
    """raw_beleid: the policy timeline per gemeentecode ('*' = standaard), each row with the version's
    sha256 and signal-level threshold; keeps every version used in beleid_versies. With
    `herbereken` (--herbereken-beleid), months from `herbereken_vanaf` (None = all) count as
    undecided: they follow the files and their decisions are removed, to be made again.
    Returns the lines for the run log (what changed for decided months)."""
    ensure_decision_tables(con)
    stored = _stored_timeline(con)
    codes = {DEFAULT_CODE} | set(stored) | {c for p in policies.policies for c in p.gemeentecodes}
    decided = _decided_until(con, codes - {DEFAULT_CODE})
    lines: list[str] = []
    reopened: list[dt.date] = []
    rows = []
    for code in sorted(codes):
        prev = stored.get(code) or stored.get(DEFAULT_CODE, [])
        until = decided.get(code)
        if herbereken:
            until = None if herbereken_vanaf is None or until is None else min(until, add_months(herbereken_vanaf, -1))
        timeline = plan_timeline(policies, code, prev, until)
        if prev:
            lines += _changes(policies, code, prev, timeline, decided.get(code), until, reopened, herbereken)
        rows += [{"gemeentecode": code, "beleid": s.beleid, "beleid_hash": s.beleid_hash,
                  "drempelbedrag": s.drempelbedrag, "geldig_vanaf": s.vanaf, "geldig_tot": s.tot} for s in timeline]
    frame = pl.DataFrame(rows, schema={
        "gemeentecode": pl.Utf8, "beleid": pl.Utf8, "beleid_hash": pl.Utf8, "drempelbedrag": pl.Float64,
        "geldig_vanaf": pl.Date, "geldig_tot": pl.Date})
    keep_versions(con, policies, set(frame["beleid_hash"].to_list()))
    replace_table(con, "raw_beleid", frame)
    if herbereken:
        reopened.append(herbereken_vanaf or BEGIN)
        removed = reopen_decisions(con, herbereken_vanaf)
        lines.insert(0, f"herberekening beleid: {removed} besluiten over meldingen "
                        f"{'vanaf ' + month_label(herbereken_vanaf) if herbereken_vanaf else 'van alle maanden'} "
                        "worden opnieuw genomen met het beleid dat nu voor hun maand geldt")
    vanaf = min(reopened) if reopened else None
    con.execute("delete from beleid_heropend")
    con.execute("insert into beleid_heropend values (?, ?)", [vanaf, "; ".join(lines) or None])
    return lines


def _changes(policies: PolicySet, code: str, prev: list[Segment], new: list[Segment], decided_until: dt.date | None,
             until: dt.date | None, reopened: list[dt.date], herbereken: bool) -> list[str]:
    """One line per kind of change to decided months, for the run log."""
    if not decided_until:
        return []
    months = sorted({s.vanaf for s in prev} | {s.vanaf for s in new} | {add_months(decided_until, 1)})
    changed = [m for m in months if m <= decided_until and _at(prev, m) is not None
               and _at(prev, m).beleid_hash != _at(new, m).beleid_hash]
    lines = []
    if changed and not herbereken:
        first = changed[0]
        reopened.append(first)
        lines.append(f"beleid {_where(policies, _at(new, first).beleid_hash)} vervangt voor {_who(code)} het beleid "
                     f"van al besliste maanden vanaf {month_label(first)} (t/m {month_label(decided_until)}): "
                     "die maanden worden opnieuw besloten")
    if until:
        after = add_months(until, 1)
        file_policy, kind = _declared(policies, code, until)
        kept = _at(new, until)
        if kind == "ongedateerd" and kept and kept.beleid_hash != file_policy.source_hash \
                        and _at(prev, after).beleid_hash != _at(new, after).beleid_hash:
            lines.append(f"beleid {_where(policies, file_policy.source_hash)} is gewijzigd zonder geldig_vanaf: het geldt "
                         f"voor {_who(code)} vanaf {month_label(after)} (maanden zonder besluit); de besliste maanden "
                         f"t/m {month_label(until)} houden het beleid en drempelbedrag waaronder ze besloten zijn")
    return lines


def keep_versions(con: duckdb.DuckDBPyConnection, policies: PolicySet, used: set[str]) -> None:
    """beleid_versies: the text of every version the timeline uses (once per sha256)."""
    known = {r[0] for r in con.execute("select beleid_hash from beleid_versies").fetchall()}
    for policy in policies.policies:
        if policy.source_hash in used and policy.source_hash not in known:
            con.execute(
                "insert into beleid_versies values (?, ?, ?, ?, ?, ?)",
                [policy.source_hash, policy.name, Path(policy.source_file).name if policy.source_file else None,
                 policy.geldig_vanaf, policy.drempelbedrag, policy.source_text])
            known.add(policy.source_hash)


def reopen_decisions(con: duckdb.DuckDBPyConnection, vanaf: dt.date | None) -> int:
    """Remove the decisions of months >= vanaf (None = all): --herbereken-beleid. Returns how many
    meldingen lose their decisions."""
    where = "where maand >= ?" if vanaf else ""
    params = [vanaf] if vanaf else []
    count = con.execute(
        f"select count(distinct melding_id) from (select melding_id, maand from melding_opname "
        f"union all select melding_id, maand from aanpaklijst) {where}", params).fetchall()[0][0]
    con.execute(f"delete from melding_opname {where}", params)
    con.execute(f"delete from aanpaklijst {where}", params)
    return count


def decisions_from(con: duckdb.DuckDBPyConnection, vanaf: dt.date | None) -> tuple[int, dt.date | None, dt.date | None]:
    """What --herbereken-beleid would rewrite: (meldingen with a decision, first month, last month)."""
    where = "where maand >= ?" if vanaf else ""
    return con.execute(
        f"select count(distinct melding_id), min(maand), max(maand) from (select melding_id, maand from melding_opname "
        f"union all select melding_id, maand from aanpaklijst) {where}", [vanaf] if vanaf else []).fetchall()[0]


def policy_for(con: duckdb.DuckDBPyConnection, policies: PolicySet, digest: str, cache: dict[str, Policy]) -> Policy:
    """The policy version with this sha256: a file of the current set, else the text the warehouse kept."""
    if digest not in cache:
        found = next((p for p in policies.policies if p.source_hash == digest), None)
        if found is None:
            rows = con.execute("select bestand, tekst from beleid_versies where beleid_hash = ?", [digest]).fetchall()
            if not rows:
                raise RuntimeError(f"beleidsversie {digest[:12]} staat niet in beleid_versies")
            found = load_policy_text(rows[0][1], f"{rows[0][0]} (bewaarde versie {digest[:12]})", digest)
        cache[digest] = found
    return cache[digest]


# --------------------------------------------------------------------------- #
# Decisions (melding_opname, aanpaklijst)
# --------------------------------------------------------------------------- #


def _first_open_month(con: duckdb.DuckDBPyConnection, table: str, since: dt.date | None) -> dt.date | None:
    """The first month this step must look at: the run's `since`, lowered to a month re-opened by
    write_beleid and to the first decision whose version no longer applies to its month."""
    reopened = con.execute("select min(vanaf) from beleid_heropend").fetchall()[0][0]
    stale = con.execute(
        f"select min(d.maand) from {table} as d {_TIMELINE_JOIN.format(t='d')} "
        f"where {_STALE}"
    ).fetchall()[0][0]
    firsts = [m for m in (since, reopened, stale) if m is not None]
    if since is None:
        return None
    return min(firsts)


def _drop_stale(con: duckdb.DuckDBPyConnection, table: str, since: dt.date | None) -> None:
    """Remove decisions whose melding is no longer a candidate (months >= since) and decisions whose
    month now falls under another policy version (a geldig_vanaf over decided months)."""
    where = "and d.maand >= $since" if since else ""
    con.execute(
        f"delete from {table} as d where not exists (select 1 from int_melding_kandidaten as k "
        f"where k.melding_id = d.melding_id) {where}", {"since": since} if since else None)
    con.execute(
        f"""delete from {table} where melding_id in (
            select d.melding_id from {table} as d {_TIMELINE_JOIN.format(t='d')}
            where {_STALE})""")


def _undecided(con: duckdb.DuckDBPyConnection, query: str, table: str, since: dt.date | None) -> pl.DataFrame:
    """Candidate rows (of months >= since) without a decision in `table`, with the version of their month."""
    where = "where c.maand >= $since" if since else ""
    return con.sql(
        f"""
        with c as ({query})
        select c.*, coalesce(eigen.beleid_hash, std.beleid_hash) as beleid_hash
        from c {_TIMELINE_JOIN.format(t='c')}
        {where} {'and' if since else 'where'} not exists (select 1 from {table} as d where d.melding_id = c.melding_id)
        order by c.melding_id
        """,
        params={"since": since} if since else None,
    ).pl()


def _per_version(con, policies: PolicySet, frame: pl.DataFrame, decide) -> pl.DataFrame | None:
    cache: dict[str, Policy] = {}
    parts = []
    for (digest,), part in frame.partition_by("beleid_hash", as_dict=True, maintain_order=True).items():
        if digest is None:
            # no timeline row (raw_beleid not written): the files decide, by gemeente and month
            decided = decide(part, policies)
        else:
            decided = decide(part, policy_for(con, policies, digest, cache))
        parts.append(decided.with_columns(part.select("gemeentecode", "maand", "beleid_hash")))
    return pl.concat(parts, how="diagonal") if parts else None


def _insert(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> None:
    con.register("_frame", frame)
    try:
        con.execute(f"insert into {table} by name select * from _frame")
    finally:
        con.unregister("_frame")


def decide_pickup(con: duckdb.DuckDBPyConnection, policies: PolicySet, since: dt.date | None = None) -> int:
    """melding_opname: decide pick-up for candidate meldingen (of months >= `since`, the run's vanaf;
    None = all months) that have no decision yet, under the policy version of their month. Existing
    decisions stay. Returns how many meldingen it decided."""
    ensure_decision_tables(con)
    since = _first_open_month(con, "melding_opname", since)
    con.execute("begin transaction")
    try:
        _drop_stale(con, "melding_opname", since)
        todo = _undecided(con, PICKUP_QUERY, "melding_opname", since)
        decided = _per_version(con, policies, todo, route_pickup)
        if decided is not None:
            _insert(con, "melding_opname", decided)
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    return todo.height


def route_candidates(con: duckdb.DuckDBPyConnection, policies: PolicySet, since: dt.date | None = None) -> pl.DataFrame:
    """Candidate meldingen (of months >= `since`, or all) routed by their gemeente's policy (in
    memory: the what-if of `simuleer`; no decision is read or written)."""
    where = "where maand >= $since" if since else ""
    features = con.sql(f"select * from int_aanpak_kenmerken {where} order by melding_id",
                       params={"since": since} if since else None).pl()
    return route(features, policies).select(AANPAK_COLUMNS)


def write_aanpaklijst(con: duckdb.DuckDBPyConnection, policies: PolicySet, since: dt.date | None = None) -> int:
    """aanpaklijst: route candidate meldingen (of months >= `since`; None = all) without a routing
    yet under the policy version of their month: aanpak, kanalen, priority, consultant, rule and
    reason. Existing rows stay. Returns how many meldingen it routed."""
    ensure_decision_tables(con)
    since = _first_open_month(con, "aanpaklijst", since)
    con.execute("begin transaction")
    try:
        _drop_stale(con, "aanpaklijst", since)
        todo = _undecided(con, "select * from int_aanpak_kenmerken", "aanpaklijst", since)
        routed = _per_version(con, policies, todo, lambda frame, p: route(frame, p).drop("gemeentecode", "maand"))
        if routed is not None:
            _insert(con, "aanpaklijst", routed.select(*AANPAK_COLUMNS, "beleid_hash"))
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    return todo.height


def run_since(con: duckdb.DuckDBPyConnection) -> dt.date | None:
    """The run's vanaf from the planning step's table run_bereik (docs/run-architecture.md), when it
    exists; None (every month) otherwise."""
    exists = con.execute("select count(*) from information_schema.tables where table_name = 'run_bereik'").fetchall()[0][0]
    if not exists:
        return None
    rows = con.execute("select vanaf, volledig from run_bereik").fetchall()
    if not rows or rows[0][1] or rows[0][0] is None:
        return None
    return rows[0][0]
