"""Reading and validating data contracts (data_contracts/<naam>.yaml).

A contract is plain data: a `Contract` with one `ColumnRule` per column (or column
pattern such as ``aandeel_*``) plus a few table rules. Loading is strict: an unknown
key, a wrong type or an inconsistent rule raises `ContractError` naming the file and
the key, in Dutch, so a data steward can fix the file without reading code.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.common.strict_yaml import FileError, read_strict_yaml_file

#: Column types a contract may use, in the contract's own (Dutch) words.
TYPES: tuple[str, ...] = ("tekst", "datum", "bedrag", "getal", "geheel_getal", "waar_onwaar", "keuze", "lijst")
SOORTEN: tuple[str, ...] = ("invoer", "publicatie")
TODAY = "vandaag"  # allowed as niet_voor / niet_na: the check's `today`

CONTRACT_KEYS = {
    "naam", "beschrijving", "eigenaar", "soort", "tabel", "blokkerend", "kolommen",
    "unieke_combinatie", "rijen_minimaal", "persoonsgegevens_verboden", "maand_gelijk_aan_partitie",
}
REQUIRED_CONTRACT_KEYS = ("naam", "beschrijving", "eigenaar", "soort", "tabel", "blokkerend", "kolommen")
COLUMN_KEYS = {
    "type", "verplicht", "beschrijving", "waarden", "minimum", "maximum", "patroon", "uniek",
    "niet_voor", "niet_na", "elfproef",
}
REQUIRED_COLUMN_KEYS = ("type", "verplicht", "beschrijving")

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_PATTERN_NAME = re.compile(r"^[a-z0-9_*]+$")
_NUMERIC_TYPES = ("bedrag", "getal", "geheel_getal")
_TEXT_TYPES = ("tekst", "keuze")


class ContractError(FileError):
    """A contract file is invalid. ``str()`` names the file, the key and the problem (Dutch)."""

    without_file = "<contract zonder bestand>"

    @property
    def key(self) -> str | None:
        return self.place


@dataclass(frozen=True)
class ColumnRule:
    """The rules for one column, or for every column matching a pattern (``aandeel_*``)."""

    name: str
    type: str
    verplicht: bool
    beschrijving: str
    waarden: tuple[str, ...] | None = None
    minimum: float | int | None = None
    maximum: float | int | None = None
    patroon: str | None = None
    uniek: bool = False
    niet_voor: dt.date | str | None = None  # a date or TODAY
    niet_na: dt.date | str | None = None
    elfproef: bool = False

    @property
    def is_pattern(self) -> bool:
        return "*" in self.name

    def matches(self, column: str) -> bool:
        return fnmatch.fnmatchcase(column, self.name) if self.is_pattern else column == self.name


@dataclass(frozen=True)
class Contract:
    naam: str
    beschrijving: str
    eigenaar: str
    soort: str
    tabel: str
    blokkerend: bool
    kolommen: tuple[ColumnRule, ...]
    unieke_combinatie: tuple[str, ...] = ()
    rijen_minimaal: int | None = None
    persoonsgegevens_verboden: tuple[str, ...] = ()
    maand_gelijk_aan_partitie: str | None = None
    path: str | None = None

    def column(self, name: str) -> ColumnRule:
        for rule in self.kolommen:
            if rule.name == name:
                return rule
        raise KeyError(name)

    def resolve(self, columns: list[str] | tuple[str, ...]) -> list[tuple[str, ColumnRule]]:
        """(concrete column, rule) pairs: plain columns as listed, patterns expanded over `columns`.

        A plain column is listed even when absent from `columns` (the check reports it missing);
        a column matched by a plain rule is not matched again by a pattern.
        """
        plain = {rule.name for rule in self.kolommen if not rule.is_pattern}
        pairs: list[tuple[str, ColumnRule]] = []
        for rule in self.kolommen:
            if rule.is_pattern:
                pairs.extend((c, rule) for c in columns if c not in plain and rule.matches(c))
            else:
                pairs.append((rule.name, rule))
        return pairs


# --------------------------------------------------------------------------- #
# reading
# --------------------------------------------------------------------------- #


def load_contract(path: str | Path) -> Contract:
    """Read and validate one contract file; raises ContractError."""
    path = Path(path)
    contract = parse_contract(read_strict_yaml_file(path, ContractError), path)
    if contract.naam != path.stem:
        raise ContractError(path, "naam", f"moet gelijk zijn aan de bestandsnaam ('{path.stem}')")
    return contract


def load_contracts(folder: str | Path) -> dict[str, Contract]:
    """Every ``*.yaml`` directly in `folder` (not in subfolders), by naam."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ContractError(folder, None, "map met contracten bestaat niet")
    contracts: dict[str, Contract] = {}
    for path in sorted(folder.glob("*.yaml")):
        contract = load_contract(path)
        contracts[contract.naam] = contract
    if not contracts:
        raise ContractError(folder, None, "geen contracten (*.yaml) gevonden")
    return contracts


# --------------------------------------------------------------------------- #
# validation
# --------------------------------------------------------------------------- #


def _type_name(value: Any) -> str:
    if value is None:
        return "leeg"
    if isinstance(value, bool):
        return "waar/onwaar"
    if isinstance(value, (int, float)):
        return "getal"
    if isinstance(value, dt.date):
        return "datum"
    if isinstance(value, str):
        return "tekst"
    if isinstance(value, list):
        return "lijst"
    if isinstance(value, dict):
        return "groep"
    return type(value).__name__


class _Parser:
    def __init__(self, path: Path | None):
        self.path = path

    def fail(self, key: str | None, problem: str) -> ContractError:
        return ContractError(self.path, key, problem)

    def text(self, value: Any, key: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, f"moet een (niet-lege) tekst zijn, niet {_type_name(value)}")
        return value.strip()

    def boolean(self, value: Any, key: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(key, f"moet true of false zijn, niet {_type_name(value)}")
        return value

    def number(self, value: Any, key: str, *, integer: bool) -> float | int:
        ok = isinstance(value, int) if integer else isinstance(value, (int, float))
        if isinstance(value, bool) or not ok:
            wanted = "een geheel getal" if integer else "een getal"
            raise self.fail(key, f"moet {wanted} zijn, niet {_type_name(value)}")
        return value

    def date(self, value: Any, key: str) -> dt.date | str:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if value == TODAY:
            return TODAY
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        raise self.fail(key, f"moet een datum (JJJJ-MM-DD) of '{TODAY}' zijn")

    def name_list(self, value: Any, key: str) -> tuple[str, ...]:
        if not isinstance(value, list) or not value:
            raise self.fail(key, "moet een niet-lege lijst van kolomnamen zijn")
        names = tuple(self.text(v, f"{key}[{i}]") for i, v in enumerate(value))
        if len(set(names)) != len(names):
            raise self.fail(key, "bevat een kolomnaam twee keer")
        return names

    def keys(self, data: dict, allowed: set[str], required: tuple[str, ...], where: str | None) -> None:
        for key in data:
            if not isinstance(key, str) or key not in allowed:
                full = f"{where}.{key}" if where else str(key)
                raise self.fail(full, f"onbekende sleutel (toegestaan: {', '.join(sorted(allowed))})")
        for key in required:
            if key not in data:
                full = f"{where}.{key}" if where else key
                raise self.fail(full, "ontbreekt")

    # ------------------------------------------------------------------ #

    def column(self, name: Any, data: Any) -> ColumnRule:
        where = f"kolommen.{name}"
        if not isinstance(name, str) or not _PATTERN_NAME.match(name) or not re.match(r"^[a-z*]", name):
            raise self.fail(where, "kolomnaam mag alleen kleine letters, cijfers, _ en * bevatten")
        if not isinstance(data, dict):
            raise self.fail(where, f"moet een groep met regels zijn, niet {_type_name(data)}")
        self.keys(data, COLUMN_KEYS, REQUIRED_COLUMN_KEYS, where)
        kind = data["type"]
        if kind not in TYPES:
            raise self.fail(f"{where}.type", f"onbekend type {kind!r} (toegestaan: {', '.join(TYPES)})")
        rule: dict[str, Any] = {
            "name": name,
            "type": kind,
            "verplicht": self.boolean(data["verplicht"], f"{where}.verplicht"),
            "beschrijving": self.text(data["beschrijving"], f"{where}.beschrijving"),
        }

        def only_for(key: str, types: tuple[str, ...]) -> bool:
            if key not in data:
                return False
            if kind not in types:
                raise self.fail(f"{where}.{key}", f"kan niet bij type {kind} (alleen bij {', '.join(types)})")
            return True

        if kind == "keuze" and "waarden" not in data:
            raise self.fail(f"{where}.waarden", "ontbreekt (verplicht bij type keuze)")
        if only_for("waarden", ("keuze",)):
            values = data["waarden"]
            if not isinstance(values, list) or not values:
                raise self.fail(f"{where}.waarden", "moet een niet-lege lijst zijn")
            for i, value in enumerate(values):
                if not isinstance(value, str):
                    raise self.fail(
                        f"{where}.waarden[{i}]",
                        f"moet tekst zijn, niet {_type_name(value)} (zet de waarde tussen aanhalingstekens)",
                    )
            if len(set(values)) != len(values):
                raise self.fail(f"{where}.waarden", "bevat een waarde twee keer")
            rule["waarden"] = tuple(values)
        for key in ("minimum", "maximum"):
            if only_for(key, _NUMERIC_TYPES):
                rule[key] = self.number(data[key], f"{where}.{key}", integer=kind == "geheel_getal")
        if "minimum" in rule and "maximum" in rule and rule["minimum"] > rule["maximum"]:
            raise self.fail(f"{where}.minimum", "is groter dan maximum")
        if only_for("patroon", _TEXT_TYPES):
            pattern = self.text(data["patroon"], f"{where}.patroon")
            try:
                re.compile(pattern)
            except re.error as exc:
                raise self.fail(f"{where}.patroon", f"geen geldige reguliere expressie ({exc.msg})") from exc
            rule["patroon"] = pattern
        for key in ("niet_voor", "niet_na"):
            if only_for(key, ("datum",)):
                rule[key] = self.date(data[key], f"{where}.{key}")
        low, high = rule.get("niet_voor"), rule.get("niet_na")
        if isinstance(low, dt.date) and isinstance(high, dt.date) and low > high:
            raise self.fail(f"{where}.niet_voor", "ligt na niet_na")
        if "uniek" in data:
            rule["uniek"] = self.boolean(data["uniek"], f"{where}.uniek")
        if only_for("elfproef", ("tekst",)):
            rule["elfproef"] = self.boolean(data["elfproef"], f"{where}.elfproef")
        return ColumnRule(**rule)

    def contract(self, data: Any) -> Contract:
        if not isinstance(data, dict):
            raise self.fail(None, "een contract moet een groep sleutels zijn (naam, beschrijving, ...)")
        self.keys(data, CONTRACT_KEYS, REQUIRED_CONTRACT_KEYS, None)
        naam = self.text(data["naam"], "naam")
        if not _NAME.match(naam):
            raise self.fail("naam", "mag alleen kleine letters, cijfers en _ bevatten")
        soort = data["soort"]
        if soort not in SOORTEN:
            raise self.fail("soort", f"moet {' of '.join(SOORTEN)} zijn")
        tabel = self.text(data["tabel"], "tabel")
        if not _NAME.match(tabel):
            raise self.fail("tabel", "mag alleen kleine letters, cijfers en _ bevatten")
        kolommen = data["kolommen"]
        if not isinstance(kolommen, dict) or not kolommen:
            raise self.fail("kolommen", "moet een niet-lege groep kolommen zijn")
        columns = tuple(self.column(name, spec) for name, spec in kolommen.items())
        plain = {c.name: c for c in columns if not c.is_pattern}

        def known_column(name: str, key: str) -> ColumnRule:
            if name not in plain:
                raise self.fail(key, f"kolom '{name}' staat niet onder kolommen")
            return plain[name]

        fields: dict[str, Any] = {}
        if "unieke_combinatie" in data:
            names = self.name_list(data["unieke_combinatie"], "unieke_combinatie")
            for name in names:
                known_column(name, "unieke_combinatie")
            fields["unieke_combinatie"] = names
        if "rijen_minimaal" in data:
            minimum = self.number(data["rijen_minimaal"], "rijen_minimaal", integer=True)
            if minimum < 0:
                raise self.fail("rijen_minimaal", "mag niet negatief zijn")
            fields["rijen_minimaal"] = minimum
        if "maand_gelijk_aan_partitie" in data:
            name = self.text(data["maand_gelijk_aan_partitie"], "maand_gelijk_aan_partitie")
            if known_column(name, "maand_gelijk_aan_partitie").type != "datum":
                raise self.fail("maand_gelijk_aan_partitie", f"kolom '{name}' is geen datum")
            fields["maand_gelijk_aan_partitie"] = name
        if "persoonsgegevens_verboden" in data:
            forbidden = self.name_list(data["persoonsgegevens_verboden"], "persoonsgegevens_verboden")
            for column in columns:
                hit = next((f for f in forbidden if column.matches(f)), None)
                if hit is not None:
                    raise self.fail(
                        f"kolommen.{column.name}",
                        f"kolom '{hit}' staat ook onder persoonsgegevens_verboden",
                    )
            fields["persoonsgegevens_verboden"] = forbidden
        elif soort == "publicatie":
            raise self.fail("persoonsgegevens_verboden", "ontbreekt (verplicht bij soort publicatie)")
        return Contract(
            naam=naam,
            beschrijving=self.text(data["beschrijving"], "beschrijving"),
            eigenaar=self.text(data["eigenaar"], "eigenaar"),
            soort=soort,
            tabel=tabel,
            blokkerend=self.boolean(data["blokkerend"], "blokkerend"),
            kolommen=columns,
            path=str(self.path) if self.path is not None else None,
            **fields,
        )


def parse_contract(data: Any, path: str | Path | None = None) -> Contract:
    """Validate already-parsed YAML data; `path` only names the file in errors."""
    return _Parser(Path(path) if path is not None else None).contract(data)
