"""The fast path of `vroegsignaal run`: what the inputs looked like at the last successful run.

Standard library only (no Dagster, no DuckDB), so "niets nieuws" is answered in well under a
second: the landing folder's files (path, size, modification time), the policy files, the SQL
files, the contracts, the window configuration and a keyed fingerprint of the key are compared with
`OUT/run_staat.json`, written after a run that ended with a publication. Any difference, a
missing publication or a missing state file means a real run.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from pathlib import Path

from pipeline.common.settings import PROJECT_ROOT, Settings

STATE_NAME = "run_staat.json"


def _files(root: Path) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    if not root.is_dir():
        return out
    # followlinks: a month folder may be a symbolic link to the export share (it was invisible here).
    for folder, _dirs, names in os.walk(root, followlinks=True):
        for name in names:
            path = Path(folder) / name
            st = path.stat()
            out[path.relative_to(root).as_posix()] = [st.st_size, st.st_mtime_ns]
    return out


def _digest(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def current_state(settings: Settings) -> dict:
    key = settings.hash_key()
    return {
        "landing": _files(settings.landing),
        "beleid": _digest(list(settings.policies_dir.glob("*.y*ml"))),
        "sql": _digest(list(settings.sql_dir.rglob("*.sql"))),
        "contracten": _digest(list(settings.contracts_dir.rglob("*.y*ml"))),
        "code": _digest(list((PROJECT_ROOT / "pipeline").rglob("*.py"))),
        "parameters": settings.parameters,
        "sleutel": hmac.new(key.encode(), b"vroegsignaal-run-staat", hashlib.sha256).hexdigest(),
    }


def state_file(settings: Settings) -> Path:
    return settings.out / STATE_NAME


def _as_stored(state: dict) -> dict:
    """`state` as the state file holds it (tuples become lists), so the two compare equal."""
    return json.loads(json.dumps(state))


def recorded(settings: Settings) -> dict | None:
    """The state written by the last successful run, or None."""
    path = state_file(settings)
    if not path.is_file():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def after_chosen_months(previous: dict | None, state: dict, months: list[str]) -> dict | None:
    """What a successful run of only `months` may record, or None (record nothing).

    Such a run ingested the signal and contact-attempt folders of those months and nothing else: the
    record takes their current files and keeps the last full record for every other landing file,
    so a later run without `--month` is fast only when the other months are still as they were. A
    change of policy, SQL, contracts, code, parameters or key since that record records nothing.
    """
    if previous is None:
        return None
    stored = _as_stored(state)
    if any(previous.get(name) != value for name, value in stored.items() if name != "landing"):
        return None
    chosen = tuple(f"{soort}/{month}/" for soort in ("signalen", "contactpogingen") for month in months)
    landing = {path: entry for path, entry in previous.get("landing", {}).items() if not path.startswith(chosen)}
    landing.update({path: entry for path, entry in stored["landing"].items() if path.startswith(chosen)})
    return {**stored, "landing": landing}


def nothing_new(settings: Settings, state: dict, previous: dict | None) -> bool:
    """True when the last successful run (`previous`, from `recorded`) saw exactly these inputs and its
    publication is there."""
    return previous is not None and settings.analytics.is_file() and previous == _as_stored(state)


def remember(settings: Settings, state: dict) -> None:
    path = state_file(settings)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(state, sort_keys=True), encoding="utf-8")
    tmp.replace(path)


def forget(settings: Settings) -> None:
    state_file(settings).unlink(missing_ok=True)
