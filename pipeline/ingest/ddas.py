"""DDAS Vroegsignalering v1.2 deliveries as input: `<landing>/ddas/*.json` -> signal rows and
contact-attempt rows per month, with the same field rules and quarantine as a CSV export.

    ddas = read_ddas_landing(landing)        # every file read and validated once
    ddas.parts("signalen", month)            # [(bestand, IngestResult)] of that signal month
    ddas.problems                            # files that are not a DDAS delivery (FileProblem)

What becomes of a delivery:
- A file that is not JSON, or whose structure outside the records breaks the shipped v1.2 schema
  (the header, a levering), is not a delivery: a FileProblem naming the file and the JSON paths.
  Only that file stops; the other files are read.
- Each vroegsignaal is one signal row in the month of its `signaaldatum`; each contactpoging of a
  vroegsignaalzaak one contact-attempt row in the month of its zaak (its matching period, else
  its first signal). A record that breaks the schema, refers to an unknown signal, or breaks a
  field rule of the signal/contact schema is quarantined with its JSON path and the reason,
  never its value. `rij` is the record's 1-based position in the file (vroegsignalen and
  contactpogingen each counted over the whole file).
- The delivered `status` is kept on the row (`status_geleverd`): the platform decided it.
- DDAS has no creditor name and no klantnummer: `signaalpartner_naam` and `klantnummer` stay
  empty (the SQL then takes "same creditor" by type, herhaalde melding by address).
- The client is a BSN *or* an address (the schema allows not both). A BSN-only signal gets the
  address of its vroegsignaalzaak (the platform matched them), else the address the same BSN has
  in a zaak elsewhere in the landing folder's deliveries (nearest month, earlier first); else it
  keeps no address, and the SQL lets the resident (the BSN) stand in for the address.
- A zaak's contact attempts carry `zaak_signaal_id` (the lowest signal ID of the zaak) instead
  of a melding_id: the SQL maps it to the pipeline's melding of that signal. The zaak's
  `resultaat` goes on its last attempt (DDAS has no result date); a zaak with a result but no
  attempt is quarantined (there is no date to place the result).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from pipeline.common.ddas_schema import load_schema
from pipeline.common.ddas_validate import _compiled, _describe, _error_key, _path, format_checker

from .core import IngestResult
from .errors import FileProblem
from .read import FIELD_COUNT, ROW, RawTable, cell
from .schema import CONTACTPOGINGEN, SIGNALEN, InputSchema
from .validate import QUARANTINE_SCHEMA, apply_schema

FOLDER = "ddas"
FORMAT = "ddas"


def _optional(schema: InputSchema, *names: str) -> InputSchema:
    fields = tuple(dataclasses.replace(f, required=False) if f.name in names else f for f in schema.fields)
    return InputSchema(schema.name, fields)


#: DDAS has no creditor name; a zaak's attempts point at a signal, not at a melding_id.
#: A BSN-only client has no address (the schema's oneOf makes sure a client has one of the two).
DDAS_SIGNALEN = _optional(SIGNALEN, "signaalpartner_naam", "postcode", "huisnummer")
DDAS_CONTACTPOGINGEN = _optional(CONTACTPOGINGEN, "melding_id")

#: Signal field -> where it sits in a vroegsignaal (for the JSON path of a quarantine reason).
SIGNAL_PATHS = {
    "signaal_id": "ID", "signaalpartner_type": "signaalpartner.type", "signaaldatum": "signaaldatum",
    "bedrag": "bedrag", "ontstaansdatum": "ontstaansdatum", "crisissignaal": "crisissignaal",
    "warme_overdracht": "warmeOverdracht", "postcode": "client.postcode", "huisnummer": "client.huisnummer",
    "huisletter": "client.huisnummertoevoeging", "huisnummertoevoeging": "client.huisnummertoevoeging",
    "bsn": "client.burgerservicenummer", "geboortedatum": "client.geboortedatum",
    "geslacht": "client.geslachtsaanduiding",
}
ATTEMPT_PATHS = {"contactdatum": "datum", "soort": "soort", "bereikt": "bereikt", "dagdeel": "dagdeel",
                 "resultaat": "(zaak).resultaat"}
#: The last JSON property of a schema error -> the field it is reported under.
PROPERTY_FIELDS = {v.split(".")[-1]: k for k, v in SIGNAL_PATHS.items()} | {
    "type": "signaalpartner_type", "signaalpartner": "signaalpartner_type", "client": "postcode",
    "vroegsignalen": "vroegsignalen", "datum": "contactdatum", "soort": "soort", "bereikt": "bereikt",
    "dagdeel": "dagdeel", "resultaat": "resultaat", "contactpogingen": "contactpogingen",
}


@dataclass
class _Signal:
    rij: int
    path: str
    cells: dict[str, str | None]
    status: str | None
    month: dt.date | None
    problems: list[tuple[str, str]] = field(default_factory=list)  # (veld, reden) from the schema


@dataclass
class _Attempt:
    rij: int
    path: str
    cells: dict[str, str | None]
    zaak_signaal_id: str | None
    month: dt.date | None
    problems: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class _File:
    name: str
    sha256: str
    signals: list[_Signal]
    attempts: list[_Attempt]
    zaken: list[tuple[str, list[str]]]  # (gemeentecode, member signal IDs) of zaken without schema problems


@dataclass
class DdasLanding:
    """Every DDAS file of a landing folder, split per kind and month."""

    results: dict[tuple[str, dt.date], list[tuple[str, IngestResult]]] = field(default_factory=dict)
    problems: list[FileProblem] = field(default_factory=list)

    def parts(self, soort: str, month: dt.date) -> list[tuple[str, IngestResult]]:
        return self.results.get((soort, month), [])

    def months(self, soort: str | None = None) -> list[dt.date]:
        return sorted({m for (s, m) in self.results if soort is None or s == soort})


def ddas_files(landing: Path) -> list[Path]:
    folder = Path(landing) / FOLDER
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".json" and not p.name.startswith("."))


def read_ddas_landing(landing: Path, *, today: dt.date | None = None) -> DdasLanding:
    """Read, validate and split every `<landing>/ddas/*.json` (see the module docstring)."""
    landing = Path(landing)
    out = DdasLanding()
    files: list[_File] = []
    for path in ddas_files(landing):
        name = path.relative_to(landing).as_posix()
        try:
            files.append(_read_file(name, path.read_bytes()))
        except FileProblem as problem:
            out.problems.append(problem)
    _fill_addresses(files)
    for f in files:
        for soort, part in _results(f, today or dt.date.today()):
            out.results.setdefault((soort, part[0]), []).append((f.name, part[1]))
    return out


# --------------------------------------------------------------------------- #
# One file: JSON, schema, records
# --------------------------------------------------------------------------- #


def _read_file(name: str, data: bytes) -> _File:
    if not data.strip():
        raise FileProblem(name, "bestand is leeg")
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise FileProblem(name, "geen DDAS-levering: het bestand is geen geldige JSON (UTF-8)") from None
    if not isinstance(document, dict) or "leveringen" not in document:
        raise FileProblem(name, "geen DDAS-levering: verwacht een JSON-object met 'leveringen' (DDAS v1.2)")

    record_problems: dict[tuple[str, int, int], list[tuple[str, str]]] = {}
    file_problems: list[str] = []
    for error in _schema_errors(document):
        where = list(error.absolute_path)
        message = f"{_path(where)}: {_describe(error)}"
        if len(where) >= 4 and where[0] == "leveringen" and where[2] in ("vroegsignalen", "vroegsignaalzaken") \
                and isinstance(where[1], int) and isinstance(where[3], int):
            props = [p for p in where[4:] if isinstance(p, str)]
            veld = PROPERTY_FIELDS.get(props[-1] if props else "", "(record)")
            if error.validator == "required" and isinstance(error.validator_value, list) and isinstance(error.instance, dict):
                missing = [p for p in error.validator_value if p not in error.instance]
                veld = PROPERTY_FIELDS.get(missing[0], veld) if missing else veld
            record_problems.setdefault((where[2], where[1], where[3]), []).append((veld, message))
        else:
            file_problems.append(message)
    if file_problems:
        shown = "; ".join(file_problems[:5]) + (f"; ... en nog {len(file_problems) - 5}" if len(file_problems) > 5 else "")
        raise FileProblem(name, f"geen geldige DDAS v1.2-levering (levering gestopt): {shown}")

    signals: list[_Signal] = []
    attempts: list[_Attempt] = []
    zaken: list[tuple[str, list[str]]] = []
    fallback_month = _month_of(document.get("startdatumLevering"))
    for li, levering in enumerate(document["leveringen"]):
        gemeente = levering.get("gemeentecode")
        known: dict[str, dt.date | None] = {}
        for si, vs in enumerate(levering.get("vroegsignalen") or []):
            vs = vs if isinstance(vs, dict) else {}
            client = vs.get("client") if isinstance(vs.get("client"), dict) else {}
            partner = vs.get("signaalpartner") if isinstance(vs.get("signaalpartner"), dict) else {}
            month = _month_of(vs.get("signaaldatum")) or fallback_month
            signal_id = vs.get("ID") if isinstance(vs.get("ID"), str) else None
            if signal_id is not None and signal_id not in known:
                known[signal_id] = month
            signals.append(_Signal(
                rij=len(signals) + 1,
                path=f"$.leveringen[{li}].vroegsignalen[{si}]",
                cells={
                    "signaal_id": signal_id, "gemeentecode": _text(gemeente),
                    "signaalpartner_type": _text(partner.get("type")), "signaalpartner_naam": None,
                    "signaaldatum": _text(vs.get("signaaldatum")), "bedrag": _text(vs.get("bedrag")),
                    "postcode": _text(client.get("postcode")), "huisnummer": _text(client.get("huisnummer")),
                    "huisletter": None, "huisnummertoevoeging": _text(client.get("huisnummertoevoeging")),
                    "ontstaansdatum": _text(vs.get("ontstaansdatum")), "crisissignaal": _text(vs.get("crisissignaal")),
                    "warme_overdracht": _text(vs.get("warmeOverdracht")), "bsn": _text(client.get("burgerservicenummer")),
                    "geboortedatum": _text(client.get("geboortedatum")), "geslacht": _text(client.get("geslachtsaanduiding")),
                },
                status=vs.get("status") if isinstance(vs.get("status"), str) else None,
                month=month,
                problems=record_problems.get(("vroegsignalen", li, si), []),
            ))
        for zi, zaak in enumerate(levering.get("vroegsignaalzaken") or []):
            zaak = zaak if isinstance(zaak, dict) else {}
            path = f"$.leveringen[{li}].vroegsignaalzaken[{zi}]"
            problems = list(record_problems.get(("vroegsignaalzaken", li, zi), []))
            ids = sorted({r["ID"] for r in zaak.get("vroegsignalen") or [] if isinstance(r, dict) and isinstance(r.get("ID"), str)})
            unknown = [i for i, r in enumerate(zaak.get("vroegsignalen") or [])
                       if isinstance(r, dict) and isinstance(r.get("ID"), str) and r["ID"] not in known]
            for i in unknown:
                problems.append(("vroegsignalen", f"{path}.vroegsignalen[{i}]: verwijst naar een vroegsignaal dat niet in deze levering staat"))
            month = (_month_of(zaak.get("startdatumMatchingperiode"))
                     or min((known[i] for i in ids if known.get(i)), default=None) or fallback_month)
            pogingen = [p if isinstance(p, dict) else {} for p in zaak.get("contactpogingen") or []]
            resultaat = zaak.get("resultaat") if isinstance(zaak.get("resultaat"), str) else None
            if not problems:
                zaken.append((_text(gemeente) or "", ids))
            if not pogingen:
                if resultaat is not None or problems:
                    reason = problems or [("resultaat", f"{path}.resultaat: vroegsignaalzaak met een resultaat maar zonder "
                                           "contactpogingen; DDAS geeft geen datum voor het resultaat, het wordt niet gebruikt")]
                    attempts.append(_Attempt(len(attempts) + 1, path, {}, ids[0] if ids else None, month, reason))
                continue
            last = max(range(len(pogingen)), key=lambda k: (str(pogingen[k].get("datum") or ""), str(pogingen[k].get("soort") or ""), k))
            for pi, poging in enumerate(pogingen):
                attempts.append(_Attempt(
                    rij=len(attempts) + 1,
                    path=f"{path}.contactpogingen[{pi}]",
                    cells={
                        "melding_id": None, "contactdatum": _text(poging.get("datum")), "soort": _text(poging.get("soort")),
                        "bereikt": _text(poging.get("bereikt")), "dagdeel": _text(poging.get("dagdeel")),
                        "medewerker": None, "resultaat": resultaat if pi == last else None, "resultaatdatum": None,
                    },
                    zaak_signaal_id=ids[0] if ids else None,
                    month=month,
                    problems=problems,
                ))
    return _File(name, hashlib.sha256(data).hexdigest(), signals, attempts, zaken)


def _schema_errors(document: dict) -> list:
    """Every schema problem of the document (none when the compiled validator accepts it)."""
    if _compiled(None).is_valid(document):
        return []
    from jsonschema import Draft202012Validator  # lazy: loading the definitions stays light

    validator = Draft202012Validator(load_schema(), format_checker=format_checker())
    return sorted(validator.iter_errors(document), key=_error_key)


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, str)):
        return str(value)
    return None  # a wrong type: the schema problem already quarantines the record


def _month_of(value: object) -> dt.date | None:
    if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}$", value):
        try:
            return dt.date.fromisoformat(value).replace(day=1)
        except ValueError:
            return None
    return None


# --------------------------------------------------------------------------- #
# Addresses of BSN-only clients
# --------------------------------------------------------------------------- #

_ADDRESS = ("postcode", "huisnummer", "huisletter", "huisnummertoevoeging")


def _has_address(s: _Signal) -> bool:
    return bool(s.cells["postcode"]) and bool(s.cells["huisnummer"])


def _fill_addresses(files: list[_File]) -> None:
    """A BSN-only signal takes the address of its zaak, else of the same BSN in the nearest month."""
    by_id: dict[tuple[str, str], list[_Signal]] = {}
    for f in files:
        for s in f.signals:
            if s.cells["signaal_id"] and not s.problems:
                by_id.setdefault((s.cells["gemeentecode"] or "", s.cells["signaal_id"]), []).append(s)
    seen: dict[tuple[str, str], list[tuple[dt.date, tuple]]] = {}  # (gemeente, bsn) -> [(month, address)]
    for f in files:
        for gemeente, ids in f.zaken:
            members = [s for i in ids for s in by_id.get((gemeente, i), [])]
            placed = sorted((s.cells["signaal_id"], tuple(s.cells[c] for c in _ADDRESS)) for s in members if _has_address(s))
            if not placed:
                continue
            address = placed[0][1]
            for s in members:
                if not _has_address(s) and s.cells["bsn"]:
                    s.cells.update(zip(_ADDRESS, address))
                if s.cells["bsn"] and s.month:
                    seen.setdefault((gemeente, s.cells["bsn"]), []).append((s.month, address))
    for f in files:
        for s in f.signals:
            if _has_address(s) or not s.cells["bsn"] or s.month is None:
                continue
            options = seen.get((s.cells["gemeentecode"] or "", s.cells["bsn"]))
            if options:
                _, address = min(options, key=lambda o: (abs(_months_between(o[0], s.month)), o[0] > s.month, o[1]))
                s.cells.update(zip(_ADDRESS, address))


def _months_between(a: dt.date, b: dt.date) -> int:
    return (a.year - b.year) * 12 + a.month - b.month


# --------------------------------------------------------------------------- #
# Records -> IngestResult per month, through the same field rules as a CSV export
# --------------------------------------------------------------------------- #


def _results(f: _File, today: dt.date):
    for soort, records, schema, paths, extra in (
        ("signalen", f.signals, DDAS_SIGNALEN, SIGNAL_PATHS, "status_geleverd"),
        ("contactpogingen", f.attempts, DDAS_CONTACTPOGINGEN, ATTEMPT_PATHS, "zaak_signaal_id"),
    ):
        months = sorted({r.month for r in records if r.month is not None})
        undated = [r for r in records if r.month is None]
        for month in months:
            mine = [r for r in records if r.month == month] + (undated if month == months[0] else [])
            yield soort, (month, _ingest(f, mine, schema, paths, extra, today))


def _ingest(f: _File, records: list, schema: InputSchema, paths: dict[str, str], extra: str, today: dt.date) -> IngestResult:
    broken = [r for r in records if r.problems]
    fine = [r for r in records if not r.problems]
    names = list(schema.names)
    raw = pl.DataFrame(
        {
            ROW: pl.Series([r.rij for r in fine], dtype=pl.Int64),
            FIELD_COUNT: pl.Series([None] * len(fine), dtype=pl.Int64),
            **{cell(j): pl.Series([r.cells.get(n) for r in fine], dtype=pl.String) for j, n in enumerate(names)},
        }
    )
    rows, quarantine = apply_schema(f.name, RawTable(names, raw, "utf-8", FORMAT), {n: j for j, n in enumerate(names)}, schema, today)
    by_row = {r.rij: r for r in fine}
    extras = {r.rij: (r.status if extra == "status_geleverd" else r.zaak_signaal_id) for r in fine}
    rows = rows.with_columns(pl.col(ROW).replace_strict(extras, default=None, return_dtype=pl.String).alias(extra))
    q_rows = [(r, veld, _located(by_row[r].path, reden, paths)) for r, veld, reden in quarantine.iter_rows()]
    q_rows += [(r.rij, r.problems[0][0], "; ".join(_unique(m for _, m in r.problems))) for r in broken]
    quarantine = pl.DataFrame(sorted(q_rows), schema=QUARANTINE_SCHEMA, orient="row")
    return IngestResult(
        rows=rows, quarantine=quarantine, rows_read=len(records), sha256=f.sha256,
        extra_columns=[], encoding="utf-8", format=FORMAT,
    )


def _located(path: str, reden: str, paths: dict[str, str]) -> str:
    """"postcode: ontbreekt; bedrag: ..." -> "$.leveringen[0].vroegsignalen[3].client.postcode: ontbreekt; ..."."""
    parts = []
    for part in reden.split("; "):
        veld, _, message = part.partition(": ")
        where = f"{path}.{paths[veld]}" if veld in paths else (f"{path.split('.vroeg')[0]}.gemeentecode" if veld == "gemeentecode" else path)
        parts.append(f"{where}: {message}" if message else f"{path}: {part}")
    return "; ".join(parts)


def _unique(messages) -> list[str]:
    return list(dict.fromkeys(messages))


def ddas_months(landing: Path) -> list[dt.date]:
    """The months the DDAS deliveries of a landing folder hold (signals and contact attempts)."""
    return read_ddas_landing(landing).months()


def delivery_months(path: Path) -> list[dt.date]:
    """The months from startdatumLevering to einddatumLevering of one delivery (none when unreadable)."""
    try:
        document = json.loads(Path(path).read_bytes().decode("utf-8-sig"))
        start = _month_of(document.get("startdatumLevering"))
        end = _month_of(document.get("einddatumLevering"))
    except (OSError, UnicodeDecodeError, ValueError, AttributeError):
        return []
    if start is None or end is None or end < start:
        return []
    months, month = [], start
    while month <= end:
        months.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return months
