"""The range of a run (docs/run-architecture.md): which months the models recompute.

After ingestion and before any model, `plan` writes one row to `run_bereik`:
`vanaf` (the first month to recompute; null = nothing changed), `volledig` (a full rebuild) and
`reden` (Dutch, printed). It reads what ingestion recorded in `run_wijzigingen` (per changed
partition the earliest month it can change) and compares the fingerprints of the key, the window
configuration, the SQL model files, the reference files and the policy versions with those stored
in `run_vingerafdruk` by the last completed build. `close` stores the new fingerprints and clears
the recorded changes once every model is built: a run that fails in between plans the same range
again next time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipeline.ingest.landing import CHANGES_DDL
from pipeline.policy import PolicySet
from pipeline.policy.steps import policy_hash
from pipeline.common.settings import DEFAULT_PARAMETERS
from pipeline.warehouse.models import SqlModel, table_exists

FINGERPRINT_DDL = "create table if not exists run_vingerafdruk (sleutel varchar, waarde varchar)"
PLANNED_DDL = "create table if not exists run_vingerafdruk_gepland (sleutel varchar, waarde varchar)"
RANGE_DDL = "create table if not exists run_bereik (vanaf date, volledig boolean, reden varchar)"

#: The value of `vanaf` when every month is built.
BEGIN = dt.date(1, 1, 1)


@dataclass(frozen=True)
class Bereik:
    vanaf: dt.date | None  # None: nothing changed
    volledig: bool
    reden: str


def models_fingerprint(models: dict[str, SqlModel]) -> str:
    digest = hashlib.sha256()
    for name in sorted(models):
        digest.update(f"{name}\n{models[name].sql}\n".encode())
    return digest.hexdigest()


def policy_fingerprints(policies: PolicySet) -> dict[str, str]:
    """Per policy file (every version of every gemeente and the standaard) its version and the first
    month it applies to."""
    out = {}
    for policy in policies.policies:
        name = Path(policy.source_file).name if policy.source_file else policy.name
        geldig = getattr(policy, "geldig_vanaf", None) or dt.date(1900, 1, 1)
        out[f"beleid:{name}"] = f"{policy_hash(policy)}|{geldig.isoformat()}"
    return out


def fingerprints(con: duckdb.DuckDBPyConnection, models: dict[str, SqlModel], policies: PolicySet) -> dict[str, str]:
    parameters = {name: con.execute(f"select getvariable('{name}')").fetchall()[0][0] for name in DEFAULT_PARAMETERS}
    referentie = con.execute(
        "select soort, bestand, sha256 from raw_bestanden where partitie is null order by all"
    ).fetchall()
    return {
        # a keyed hash of a constant: changes with the key, reveals nothing about it
        "sleutel": con.execute("select sleutel_hash('vingerafdruk', 'sleutel')").fetchall()[0][0],
        "vensters": json.dumps(parameters, sort_keys=True, default=str),
        "modellen": models_fingerprint(models),
        "referentie": hashlib.sha256(repr(referentie).encode()).hexdigest(),
        **policy_fingerprints(policies),
    }


FULL_REASONS = {
    "sleutel": "sleutel gewijzigd",
    "vensters": "vensters of drempels gewijzigd",
    "modellen": "SQL-modellen gewijzigd",
    "referentie": "referentiebestanden gewijzigd",
}


def first_month(con: duckdb.DuckDBPyConnection) -> dt.date | None:
    return con.execute(
        "select least((select min(maand) from raw_signalen), "
        "(select min(partitie) from raw_bestanden where soort in ('signalen', 'contactpogingen')))"
    ).fetchall()[0][0]


def plan(con: duckdb.DuckDBPyConnection, models: dict[str, SqlModel], policies: PolicySet,
         herbereken: str | None = None) -> Bereik:
    """Decide the run's range and write it to run_bereik (one row). `herbereken` ('alle' or
    'YYYY-MM', --herbereken-beleid) re-opens the decisions and figures of those months."""
    for ddl in (CHANGES_DDL, FINGERPRINT_DDL, PLANNED_DDL, RANGE_DDL):
        con.execute(ddl)
    current = fingerprints(con, models, policies)
    stored = dict(con.execute("select sleutel, waarde from run_vingerafdruk").fetchall())
    start = first_month(con) or BEGIN

    full: list[str] = []
    if not stored:
        full.append("eerste run")
    else:
        full += [reason for key, reason in FULL_REASONS.items() if stored.get(key) != current[key]]
    missing = [m.name for m in models.values() if not m.view and not table_exists(con, m.name)]
    if missing and stored:
        full.append(f"tabel {missing[0]} ontbreekt" + (f" (en {len(missing) - 1} meer)" if len(missing) > 1 else ""))

    changes = con.execute(
        "select soort, partitie, vanaf, volledig from run_wijzigingen order by soort, partitie"
    ).fetchall()
    if any(volledig for *_, volledig in changes) and "referentiebestanden gewijzigd" not in full and stored:
        full.append("referentiebestanden gewijzigd")
    if herbereken == "alle":
        full.append("--herbereken-beleid")

    if full:
        bereik = Bereik(start, True, f"{'; '.join(full)}: alles opnieuw")
    else:
        candidates: list[dt.date] = []
        parts: list[str] = []
        for soort, partitie, vanaf, _ in changes:
            if vanaf is None:
                continue
            candidates.append(vanaf)
            if partitie is None:
                parts.append(soort)
            else:
                parts.append(f"{soort} {partitie:%Y-%m}" + (f" (raakt {vanaf:%Y-%m})" if vanaf < partitie else ""))
        for key in sorted(set(current) | set(stored)):
            if key.startswith("beleid:") and current.get(key) != stored.get(key):
                value = current.get(key) or stored.get(key)
                geldig = dt.date.fromisoformat(value.rsplit("|", 1)[1])
                candidates.append(max(geldig, start))
                parts.append(f"beleid {key.split(':', 1)[1]} gewijzigd")
        if herbereken:
            month = dt.date.fromisoformat(herbereken + "-01")
            candidates.append(max(month, start))
            parts.append(f"--herbereken-beleid {herbereken}")
        if candidates:
            vanaf = min(candidates)
            bereik = Bereik(vanaf, False, f"{', '.join(parts)}: opnieuw vanaf {vanaf:%Y-%m}")
        else:
            bereik = Bereik(None, False, "niets nieuws")

    con.execute("begin transaction")
    try:
        con.execute("delete from run_bereik")
        con.execute("insert into run_bereik values (?, ?, ?)", [bereik.vanaf, bereik.volledig, bereik.reden])
        con.execute("delete from run_vingerafdruk_gepland")
        con.executemany("insert into run_vingerafdruk_gepland values (?, ?)", list(current.items()))
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    return bereik


def read_range(con: duckdb.DuckDBPyConnection) -> Bereik | None:
    if not table_exists(con, "run_bereik"):
        return None
    rows = con.execute("select vanaf, volledig, reden from run_bereik").fetchall()
    return Bereik(*rows[0]) if rows else None


def close(con: duckdb.DuckDBPyConnection) -> None:
    """Every model of the planned range is built: keep the planned fingerprints, forget the changes."""
    con.execute("begin transaction")
    try:
        con.execute("delete from run_vingerafdruk")
        con.execute("insert into run_vingerafdruk select * from run_vingerafdruk_gepland")
        con.execute("delete from run_wijzigingen")
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
