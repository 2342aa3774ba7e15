"""Checks before the Dagster daemon and webserver start on a server (`make serve`, the systemd units).

    python -m pipeline.serve      # exit 0 and one line per setting, or exit 2 with what to fix

Refuses, with one message each: no key, a key file that others can read, a missing landing folder,
no DAGSTER_HOME. Creates DAGSTER_HOME with the project's dagster.yaml when it has none (an existing
dagster.yaml, such as deploy/dagster-postgres.yaml, is kept).
"""

from __future__ import annotations

import os
import shutil
import stat
import sys
from pathlib import Path

from pipeline.common.console import print_lines_or_refusal
from pipeline.common.settings import PROJECT_ROOT, KeyMissing, automation_running, load_settings, resolve_key, sensor_interval


class NotReady(RuntimeError):
    """A setting that must be fixed before the pipeline may run unattended."""


def check_key_file(path: Path) -> None:
    """The key file must belong to the user running the pipeline and be readable by that user only."""
    info = path.stat()
    if info.st_uid != os.geteuid():
        raise NotReady(f"sleutelbestand {path} is niet van de gebruiker die de pipeline draait: "
                       f"chown die-gebruiker {path}")
    if info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise NotReady(f"sleutelbestand {path} is leesbaar voor anderen (modus {stat.S_IMODE(info.st_mode):04o}): "
                       f"chmod 400 {path}")


def prepare(env: dict[str, str] | None = None) -> list[str]:
    """Check the settings and prepare DAGSTER_HOME; return lines describing the set-up."""
    env = dict(os.environ if env is None else env)
    try:
        resolve_key(demo=env.get("VROEGSIGNAAL_DEMO", "") == "1", env=env)
    except KeyMissing as problem:
        raise NotReady(str(problem)) from None
    key_file = env.get("VROEGSIGNAAL_SLEUTELBESTAND", "").strip()
    if key_file and not env.get("VROEGSIGNAAL_SLEUTEL", "").strip():
        check_key_file(Path(key_file))
    settings = load_settings(env)
    if not settings.landing.is_dir():
        raise NotReady(f"de landingsmap {settings.landing} bestaat niet: zet VROEGSIGNAAL_LANDING in het omgevingsbestand")
    home = env.get("DAGSTER_HOME", "").strip()
    if not home:
        raise NotReady("DAGSTER_HOME is niet gezet: de map voor de runhistorie (standaard $VROEGSIGNAAL_OUT/dagster)")
    home_dir = Path(home)
    home_dir.mkdir(parents=True, exist_ok=True)
    config = home_dir / "dagster.yaml"
    if not config.exists():
        shutil.copyfile(PROJECT_ROOT / "dagster.yaml", config)
    state = "aan" if automation_running(env) else "uit (aanzetten in de UI, of VROEGSIGNAAL_AUTOMATISCH=1)"
    return [
        f"landing: {settings.landing}",
        f"uitvoer: {settings.out}",
        f"Dagster-instantie (runhistorie): {home_dir} ({config.name})",
        f"schema 'maandelijks' en sensor 'nieuwe_bestanden' (elke {sensor_interval(env)} s): {state}",
    ]


def main() -> int:
    return print_lines_or_refusal("serve", lambda: (f"vroegsignaal serve: {line}" for line in prepare()), NotReady, 2)


if __name__ == "__main__":
    sys.exit(main())
