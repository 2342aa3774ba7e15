"""Configuration, resolved in one place: environment variables with defaults.

Nothing inside an asset hard-codes a path or a parameter; everything comes from here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]

#: Fixed key for the demo only: the demo data is synthetic, so a public key does no harm there.
DEMO_KEY = "vroegsignaal-demo-sleutel-niet-voor-echte-gegevens"

#: Model parameters the SQL reads with getvariable(); every window and threshold is configuration.
DEFAULT_PARAMETERS: dict[str, int | float] = {
    "opeenvolgend_maanden": 6,  # Divosa: another signal at the address in the six months before (M-6..M-1)
    "jaar_maanden": 12,  # meldingen_12m counts the months M-11..M
    "drie_in_jaar": 3,  # aandeel_drie_in_jaar: meldingen with meldingen_12m >= this
    "drempelbedrag": 50.0,  # signal-level threshold for gemeenten whose policy sets none explicitly
}


class KeyMissing(RuntimeError):
    """Raised when no hashing key is configured outside the demo."""


@dataclass(frozen=True)
class Settings:
    landing: Path
    out: Path
    sql_dir: Path = PROJECT_ROOT / "sql"
    policies_dir: Path = PROJECT_ROOT / "policies"
    contracts_dir: Path = PROJECT_ROOT / "data_contracts"
    demo: bool = False
    duckdb_memory: str = "5GB"
    parameters: dict[str, int | float] = field(default_factory=lambda: dict(DEFAULT_PARAMETERS))

    @property
    def warehouse(self) -> Path:
        """The pipeline's own private DuckDB file (personal data lives here only)."""
        return self.out / "warehouse.duckdb"

    @property
    def analytics(self) -> Path:
        """The published, pseudonymised DuckDB file analysts open."""
        return self.out / "analytics.duckdb"

    @property
    def parquet_dir(self) -> Path:
        return self.out / "parquet"

    @property
    def exports_dir(self) -> Path:
        """Caseworker exports: personal data, owner-only."""
        return self.out / "exports"

    @property
    def lock_file(self) -> Path:
        return self.out / ".vroegsignaal.lock"

    def hash_key(self) -> str:
        """The key for adres_sleutel / inwoner_sleutel. Never logged, never stored."""
        return resolve_key(demo=self.demo)


def resolve_key(*, demo: bool = False, env: dict[str, str] | None = None) -> str:
    env = os.environ if env is None else env
    key = env.get("VROEGSIGNAAL_SLEUTEL", "").strip()
    key_file = env.get("VROEGSIGNAAL_SLEUTELBESTAND", "").strip()
    if not key and key_file:
        path = Path(key_file)
        if not path.is_file():
            raise KeyMissing(f"sleutelbestand {path} bestaat niet")
        key = path.read_text(encoding="utf-8").strip()
    if key:
        if len(key) < 16:
            raise KeyMissing("de sleutel is te kort: gebruik minstens 16 tekens")
        return key
    if demo:
        return DEMO_KEY
    raise KeyMissing(
        "geen sleutel voor de pseudonimisering: zet VROEGSIGNAAL_SLEUTEL of "
        "VROEGSIGNAAL_SLEUTELBESTAND (een bestand buiten de repository). "
        "Alleen de demo gebruikt een vaste demosleutel."
    )


def automation_running(env: dict[str, str] | None = None) -> bool:
    """Schedule and sensor on by default (unattended server, `make serve`): VROEGSIGNAAL_AUTOMATISCH=1.
    Read when the definitions load; otherwise they start stopped and are switched on in the UI."""
    env = os.environ if env is None else env
    return env.get("VROEGSIGNAAL_AUTOMATISCH", "").strip().lower() in ("1", "ja", "true")


def sensor_interval(env: dict[str, str] | None = None) -> int:
    """Seconds between two evaluations of the sensor (VROEGSIGNAAL_SENSOR_INTERVAL, default 60)."""
    env = os.environ if env is None else env
    raw = env.get("VROEGSIGNAAL_SENSOR_INTERVAL", "").strip()
    return max(1, int(raw)) if raw else 60


def load_settings(env: dict[str, str] | None = None) -> Settings:
    env = os.environ if env is None else env
    params = dict(DEFAULT_PARAMETERS)
    for name, default in DEFAULT_PARAMETERS.items():
        raw = env.get(f"VROEGSIGNAAL_{name.upper()}")
        if raw:
            params[name] = type(default)(raw)
    return Settings(
        landing=Path(env.get("VROEGSIGNAAL_LANDING", "landing")).resolve(),
        out=Path(env.get("VROEGSIGNAAL_OUT", "out")).resolve(),
        policies_dir=Path(env.get("VROEGSIGNAAL_BELEID", str(PROJECT_ROOT / "policies"))).resolve(),
        demo=env.get("VROEGSIGNAAL_DEMO", "") == "1",
        duckdb_memory=env.get("VROEGSIGNAAL_DUCKDB_GEHEUGEN", "5GB"),
        parameters=params,
    )
