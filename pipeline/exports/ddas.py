"""DDAS Vroegsignalering v1.2 delivery: build the document for one gemeente and period,
validate it against the shipped schema, write it privately and atomically.

Deterministic: vroegsignalen sorted by ID, vroegsignaalzaken by their first signal ID,
contactpogingen by date then soort; the file has sorted keys and indent 2.
"""

from __future__ import annotations

import calendar
import datetime as dt
import gc
import json
import logging
import math
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import polars as pl

from pipeline.common.ddas_validate import validate_ddas
from pipeline.exports.files import private_dir, write_private

__all__ = ["DdasInvalid", "build_ddas", "validate_ddas", "write_ddas", "write_ddas_text", "whole_euros"]

log = logging.getLogger(__name__)

SIGNALEN_COLUMNS = (
    "signaal_id", "crisissignaal", "warme_overdracht", "bedrag", "ontstaansdatum", "signaaldatum",
    "status", "signaalpartner_type", "bsn", "postcode", "huisnummer", "huisnummertoevoeging",
    "geboortedatum", "geslacht",
)
ZAKEN_COLUMNS = ("melding_id", "maand", "resultaat", "datum_opgepakt", "signaal_ids")
POGINGEN_COLUMNS = ("melding_id", "contactdatum", "soort", "bereikt", "dagdeel")

#: A naive `aangeleverd_op` is taken as Dutch local time.
LOCAL_TIME = ZoneInfo("Europe/Amsterdam")
_BSN = re.compile(r"^\d{9}$")
#: The two client forms of the schema's oneOf, as `build_ddas(client=...)` names them.
CLIENT_FORMS = ("bsn", "adres")


class DdasInvalid(ValueError):
    """The document does not validate; `problems` lists where and why, without values."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        shown = "\n".join(f"- {p}" for p in self.problems[:50])
        more = f"\n- ... en nog {len(self.problems) - 50}" if len(self.problems) > 50 else ""
        super().__init__(f"DDAS-levering ongeldig ({len(self.problems)} problemen):\n{shown}{more}")


def build_ddas(
    signalen: pl.DataFrame,
    zaken: pl.DataFrame,
    pogingen: pl.DataFrame,
    *,
    gemeente: str,
    van: dt.date,
    tot: dt.date,
    leverancier: str,
    organisatie: dict,
    aangeleverd_op: dt.datetime,
    client: str = "bsn",
) -> dict:
    """The DDAS v1.2 document for one gemeente: its signals, zaken (meldingen) and contact
    attempts of the months `van`..`tot`. Not validated here: see `validate_ddas`.

    `client`: which of the schema's two client forms a signal gets when both are known:
    "bsn" (default; CBS links on the BSN) or "adres" (postcode, huisnummer, toevoeging, birth date,
    sex; what the pipeline's own definitions need when the delivery is read back in)."""
    if client not in CLIENT_FORMS:
        raise ValueError(f"DDAS: client moet een van {', '.join(CLIENT_FORMS)} zijn")
    for frame, columns, name in (
        (signalen, SIGNALEN_COLUMNS, "signalen"),
        (zaken, ZAKEN_COLUMNS, "zaken"),
        (pogingen, POGINGEN_COLUMNS, "pogingen"),
    ):
        missing = [c for c in columns if c not in frame.columns]
        if missing:
            raise ValueError(f"DDAS: {name} mist kolommen: " + ", ".join(missing))
    start, end = van.replace(day=1), _month_end(tot)
    if end < start:
        raise ValueError("DDAS: periode eindigt voor ze begint (tot < van)")
    _warn_malformed_bsn(signalen)
    vroegsignalen = sorted((_vroegsignaal(row, client) for row in signalen.iter_rows(named=True)), key=lambda s: s.get("ID", ""))
    levering = {
        "teller": 1,
        "gemeentecode": gemeente,
        "aanleverendeOrganisatie": _organisatie(organisatie),
        "vroegsignalen": vroegsignalen,
        "vroegsignaalzaken": _zaken(zaken, pogingen),
    }
    log.info(
        "DDAS %s %s..%s: %d vroegsignalen, %d vroegsignaalzaken",
        gemeente, start, end, len(vroegsignalen), len(levering["vroegsignaalzaken"]),
    )
    return {
        "codeGegevensleverancier": leverancier,
        "startdatumLevering": start.isoformat(),
        "einddatumLevering": end.isoformat(),
        "aanleverdatumEnTijd": _timestamp(aangeleverd_op),
        "leveringen": [levering],
    }


def write_ddas(document: dict, path: Path, *, schema_path: Path | None = None) -> Path:
    """Validate, then write `document` as UTF-8 JSON (sorted keys, indent 2) with mode 0600,
    atomically. Raises DdasInvalid and writes nothing when the document is invalid."""
    problems = validate_ddas(document, schema_path)
    if problems:
        raise DdasInvalid(problems)
    path = Path(path)
    private_dir(path.parent)
    data = dumps(document)
    write_private(path, data)
    log.info("DDAS geschreven: %s", path.name)
    return path


def write_ddas_text(data: bytes, path: Path, *, schema_path: Path | None = None) -> dict:
    """`write_ddas` for a document that is already JSON text (pipeline/exports/ddas_text.py): the
    text is read back and that document validated, then the text is written as it is. Raises
    DdasInvalid and writes nothing when it is invalid. Returns the document read back."""
    document = check_ddas_text(data, schema_path=schema_path)
    path = Path(path)
    private_dir(path.parent)
    write_private(path, data)
    log.info("DDAS geschreven: %s", path.name)
    return document


def check_ddas_text(data: bytes, *, schema_path: Path | None = None) -> dict:
    """The document in the JSON text `data`, validated (`validate_ddas`); DdasInvalid when it is not valid.

    The garbage collector pauses meanwhile: reading a delivery back makes a million objects
    without cycles, and collections on the way would cost more than the reading."""
    import orjson

    paused = gc.isenabled()
    gc.disable()
    try:
        document = orjson.loads(data)
        problems = validate_ddas(document, schema_path)
    finally:
        if paused:
            gc.enable()
    if problems:
        raise DdasInvalid(problems)
    return document


def dumps(document: dict) -> bytes:
    """UTF-8 JSON with sorted keys and indent 2 (the bytes `json.dumps(..., sort_keys=True, indent=2,
    ensure_ascii=False)` gives, plus a final newline), written by orjson: ten times faster."""
    import orjson

    return orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n"


def whole_euros(amount: float | Decimal | int | None) -> int | None:
    """Whole euros, half rounded up (away from zero): 49.5 -> 50, 49.49 -> 49."""
    if amount is None or (isinstance(amount, float) and not math.isfinite(amount)):
        return None
    return int(Decimal(str(amount)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


# --------------------------------------------------------------------------- #
# Parts
# --------------------------------------------------------------------------- #


def _vroegsignaal(row: dict, client: str = "bsn") -> dict:
    signaal = {
        "ID": None if row["signaal_id"] is None else str(row["signaal_id"]),
        "crisissignaal": row["crisissignaal"],
        "warmeOverdracht": row["warme_overdracht"],
        "bedrag": whole_euros(row["bedrag"]),
        "ontstaansdatum": _iso(row["ontstaansdatum"]),
        "signaaldatum": _iso(row["signaaldatum"]),
        "status": row["status"],
        "signaalpartner": _present({"type": row["signaalpartner_type"]}),
        "client": _client(row, client),
    }
    return _present(signaal)


def _client(row: dict, form: str = "bsn") -> dict:
    """BSN branch: only `burgerservicenummer` (the schema's oneOf branch allows nothing else).
    Address branch: postcode + huisnummer (+ toevoeging) + geboortedatum + geslacht.
    A BSN that is not 9 digits is treated as absent (address branch). Form "adres": the address
    branch whenever postcode and huisnummer are known, else the BSN."""
    bsn = str(row["bsn"]).strip() if row["bsn"] is not None else ""
    postcode = row["postcode"]
    huisnummer = row["huisnummer"]
    has_address = bool(postcode) and huisnummer is not None
    if _BSN.match(bsn) and not (form == "adres" and has_address):
        return {"burgerservicenummer": bsn}
    return _present(
        {
            "postcode": re.sub(r"\s+", "", postcode).upper() if isinstance(postcode, str) else postcode,
            "huisnummer": str(huisnummer) if huisnummer is not None else None,
            "huisnummertoevoeging": row["huisnummertoevoeging"],
            "geboortedatum": _iso(row["geboortedatum"]),
            "geslachtsaanduiding": row["geslacht"],
        }
    )


def _warn_malformed_bsn(signalen: pl.DataFrame) -> None:
    bsn = pl.col("bsn").cast(pl.String).str.strip_chars()
    malformed = signalen.filter((bsn.str.len_chars() > 0) & ~bsn.str.contains(_BSN.pattern)).height
    if malformed:
        log.warning("DDAS: %d vroegsignalen met een BSN die geen 9 cijfers is: geleverd met postcode/huisnummer", malformed)


def _zaken(zaken: pl.DataFrame, pogingen: pl.DataFrame) -> list[dict]:
    attempts = _attempts(pogingen)
    result = []
    seen: set[str] = set()
    for row in zaken.iter_rows(named=True):
        key, zaak = _zaak(row, attempts)
        seen.add(key[2])
        result.append((key, zaak))
    orphans = sum(len(v) for k, v in attempts.items() if k not in seen)
    if orphans:
        log.warning("DDAS: %d contactpogingen horen bij geen zaak in deze levering en zijn weggelaten", orphans)
    return [zaak for _, zaak in sorted(result, key=lambda item: item[0])]


def _attempts(pogingen: pl.DataFrame) -> dict[str, list[dict]]:
    """The contact attempts per melding ID (as a string)."""
    attempts: dict[str, list[dict]] = {}
    for row in pogingen.iter_rows(named=True):
        attempt = _present(
            {"soort": row["soort"], "bereikt": row["bereikt"], "datum": _iso(row["contactdatum"]), "dagdeel": row["dagdeel"]}
        )
        attempts.setdefault(str(row["melding_id"]), []).append(attempt)
    return attempts


def _zaak(row: dict, attempts: dict[str, list[dict]]) -> tuple[tuple[str, str, str], dict]:
    """One vroegsignaalzaak and its sort key (first signal ID, start of the matching period, melding ID)."""
    melding_id, maand = str(row["melding_id"]), row["maand"]
    if maand is None:
        raise ValueError("DDAS: zaak zonder maand")
    ids = sorted({str(i) for i in (row["signaal_ids"] or []) if i is not None})
    zaak = _present(
        {
            "resultaat": row["resultaat"],
            "startdatumMatchingperiode": maand.replace(day=1).isoformat(),
            "einddatumMatchingperiode": _month_end(maand).isoformat(),
            "matchingsdatum": _month_end(maand).isoformat(),
            "datumOpgepakt": _iso(row["datum_opgepakt"]),
            "vroegsignalen": [{"ID": i} for i in ids],
            "contactpogingen": sorted(attempts.get(melding_id, []), key=_attempt_key),
        }
    )
    return (ids[0] if ids else "", zaak["startdatumMatchingperiode"], melding_id), zaak


def _attempt_key(attempt: dict) -> tuple:
    return attempt.get("datum", ""), attempt.get("soort", ""), json.dumps(attempt, sort_keys=True)


def _organisatie(organisatie: dict) -> dict:
    org = {("kvk-nummer" if k == "kvk_nummer" else k): v for k, v in dict(organisatie).items()}
    if isinstance(org.get("contactpersonen"), list):
        org["contactpersonen"] = [
            _present(dict(p)) if isinstance(p, dict) else p for p in org["contactpersonen"]
        ]
    return _present(org)


def _present(mapping: dict) -> dict:
    """Drop absent values: None, NaN and empty strings (the schema wants them left out)."""
    return {
        k: v
        for k, v in mapping.items()
        if v is not None and not (isinstance(v, str) and not v.strip()) and not (isinstance(v, float) and math.isnan(v))
    }


def _iso(value: dt.date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    return value.isoformat()


def _month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _timestamp(moment: dt.datetime) -> str:
    if not isinstance(moment, dt.datetime):
        raise TypeError("DDAS: aangeleverd_op moet een datetime zijn")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=LOCAL_TIME)
    return moment.isoformat(timespec="seconds")
