"""Declarative input schemas: which columns a landing file has and the rules per column.

A schema is data (a tuple of `Field`s); `validate.py` turns it into polars
expressions. Canonical field names and enum spellings follow DDAS Vroegsignalering
v1.2 where DDAS has them.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field as dc_field
from typing import Literal

from pipeline.common.ddas_enums import CONTACTSOORTEN, DAGDELEN, EINDRESULTATEN, SIGNAALPARTNER_TYPES

Kind = Literal["text", "date", "amount", "bool", "int", "enum"]
KINDS: tuple[str, ...] = ("text", "date", "amount", "bool", "int", "enum")

# Named text formats and named checks, implemented in parse.py.
TEXT_FORMATS: tuple[str, ...] = ("gemeentecode", "postcode", "bsn", "toevoeging", "huisletter")
CHECKS: tuple[str, ...] = ("elfproef",)


def normalise_key(text: str) -> str:
    """Key for header and enum matching: lower case, accents and separators dropped.

    "Signaalpartner naam", "signaalpartner_naam" and "SIGNAALPARTNER-NAAM" all give
    "signaalpartnernaam"; "Café" gives "cafe". Same rule as `parse.normalised_key`.
    """
    text = unicodedata.normalize("NFKD", text.replace("\ufeff", "")).lower()
    return re.sub(r"[^a-z0-9]", "", text)


@dataclass(frozen=True)
class Field:
    """One column of an input file.

    name: canonical (DDAS-style) column name in the output.
    kind: text | date | amount | bool | int | enum.
    required: an empty cell quarantines the row ("<name>: ontbreekt"), and a file
        without the column is a FileProblem.
    synonyms: other header spellings (matched with `normalise_key`).
    enum_values: canonical values for kind "enum".
    value_synonyms: (input spelling, canonical value) pairs for kind "enum".
    text_format: a named normaliser/validator for text (see parse.TEXT_FORMATS).
    checks: named extra checks on the parsed value (see parse.CHECKS).
    minimum / maximum: inclusive bounds for date, amount and int.
    not_in_future: for dates, the value may not be after `today`.
    default: for bool, the value of an empty cell (None: empty stays null).
    thousands: for int, also accept Dutch/English thousands grouping ("130.067").
    split_addition / split_letter: for int (huisnummer), the fields that receive the
        huisnummertoevoeging and the huisletter when the cell holds more than a number
        ("12a", "12 B-2", "12-2", "12 bis"; see parse.split_house_number).
    invalid_message / minimum_message / maximum_message: override the default
        Dutch messages. Messages never contain the offending value.
    """

    name: str
    kind: Kind
    required: bool = False
    synonyms: tuple[str, ...] = ()
    enum_values: tuple[str, ...] = ()
    value_synonyms: tuple[tuple[str, str], ...] = ()
    text_format: str | None = None
    checks: tuple[str, ...] = ()
    minimum: float | int | dt.date | None = None
    maximum: float | int | dt.date | None = None
    not_in_future: bool = False
    default: bool | None = None
    thousands: bool = False
    split_addition: str | None = None
    split_letter: str | None = None
    invalid_message: str | None = None
    minimum_message: str | None = None
    maximum_message: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"{self.name}: unknown kind {self.kind!r}")
        if self.kind == "enum" and not self.enum_values:
            raise ValueError(f"{self.name}: enum field without enum_values")
        if self.text_format is not None and self.text_format not in TEXT_FORMATS:
            raise ValueError(f"{self.name}: unknown text_format {self.text_format!r}")
        for check in self.checks:
            if check not in CHECKS:
                raise ValueError(f"{self.name}: unknown check {check!r}")
        for _, target in self.value_synonyms:
            if target not in self.enum_values:
                raise ValueError(f"{self.name}: synonym target {target!r} is not an enum value")
        if (self.minimum is not None or self.maximum is not None) and self.kind not in ("date", "amount", "int"):
            raise ValueError(f"{self.name}: minimum/maximum only apply to date, amount and int")
        if self.not_in_future and self.kind != "date":
            raise ValueError(f"{self.name}: not_in_future only applies to dates")
        if self.default is not None and self.kind != "bool":
            raise ValueError(f"{self.name}: default only applies to bools")
        if (self.thousands or self.split_addition or self.split_letter) and self.kind != "int":
            raise ValueError(f"{self.name}: thousands/split_addition only apply to ints")
        if (self.text_format or self.checks) and self.kind != "text":
            raise ValueError(f"{self.name}: text_format/checks only apply to text")

    def header_keys(self) -> tuple[str, ...]:
        """All normalised header spellings that map to this field."""
        keys = [normalise_key(self.name), *(normalise_key(s) for s in self.synonyms)]
        return tuple(dict.fromkeys(keys))

    def enum_lookup(self) -> dict[str, str]:
        """Normalised spelling -> canonical value (canonical values and synonyms)."""
        lookup: dict[str, str] = {}
        for value in self.enum_values:
            lookup[normalise_key(value)] = value
        for spelling, value in self.value_synonyms:
            key = normalise_key(spelling)
            if lookup.get(key, value) != value:
                raise ValueError(f"{self.name}: spelling {spelling!r} maps to two values")
            lookup[key] = value
        return lookup


@dataclass(frozen=True)
class InputSchema:
    """A named, ordered set of fields. Output columns follow this order."""

    name: str
    fields: tuple[Field, ...]
    _by_name: dict[str, Field] = dc_field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_name = {f.name: f for f in self.fields}
        if len(by_name) != len(self.fields):
            raise ValueError(f"{self.name}: duplicate field names")
        seen: dict[str, str] = {}
        for f in self.fields:
            for key in f.header_keys():
                if key in seen and seen[key] != f.name:
                    raise ValueError(
                        f"{self.name}: header spelling {key!r} used by {seen[key]} and {f.name}"
                    )
                seen[key] = f.name
            if (f.split_addition is None) != (f.split_letter is None):
                raise ValueError(f"{f.name}: split_addition and split_letter go together")
            for name in (f.split_addition, f.split_letter):
                target = by_name.get(name) if name is not None else None
                if name is not None and (target is None or target.kind != "text" or f.kind != "int"):
                    raise ValueError(f"{f.name}: split_addition/split_letter need an int field and text targets")
        object.__setattr__(self, "_by_name", by_name)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.required)

    def field(self, name: str) -> Field:
        return self._by_name[name]

    def header_lookup(self) -> dict[str, str]:
        """Normalised header spelling -> canonical field name."""
        return {key: f.name for f in self.fields for key in f.header_keys()}


# --------------------------------------------------------------------------- #
# Shared field rules
# --------------------------------------------------------------------------- #

EARLIEST_SIGNAL = dt.date(2020, 1, 1)

_GEMEENTECODE_SYNONYMS = ("gemeente", "gemeente_code", "gm_code", "cbs_code")


def _gemeentecode() -> Field:
    return Field("gemeentecode", "text", True, _GEMEENTECODE_SYNONYMS, text_format="gemeentecode")


# --------------------------------------------------------------------------- #
# SIGNALEN: one row per vroegsignaal from a signaalpartner (VLP)
# --------------------------------------------------------------------------- #


_SIGNAALPARTNER_SYNONYMS: tuple[tuple[str, str], ...] = (
    ("zorgverzekeraar", "Zorg"),
    ("zorgverzekering", "Zorg"),
    ("energieleverancier", "Energie"),
    ("energiebedrijf", "Energie"),
    ("gas", "Energie"),
    ("elektriciteit", "Energie"),
    ("verhuurder", "Huur"),
    ("woningcorporatie", "Huur"),
    ("woning", "Huur"),
    ("wonen", "Huur"),
    ("huurachterstand", "Huur"),
    ("drinkwater", "Water"),
    ("waterbedrijf", "Water"),
    ("drinkwaterbedrijf", "Water"),
    ("cak", "CAK Zorgverzekeringen"),
    ("overig", "Overige"),
)

GESLACHT_VALUES: tuple[str, ...] = ("Man", "Vrouw", "Onbekend", "Leeg")
_GESLACHT_SYNONYMS: tuple[tuple[str, str], ...] = (
    ("m", "Man"),
    ("male", "Man"),
    ("v", "Vrouw"),
    ("f", "Vrouw"),
    ("female", "Vrouw"),
    ("o", "Onbekend"),
    ("x", "Onbekend"),
)

SIGNALEN = InputSchema(
    "signalen",
    (
        Field("signaal_id", "text", True,
              ("id", "signaalid", "signaal_nummer", "signaalnummer", "kenmerk")),
        _gemeentecode(),
        Field("signaalpartner_type", "enum", True,
              ("type_signaalpartner", "signaalpartnertype", "vlp_type", "type_vlp",
               "partner_type", "soort_signaalpartner", "categorie"),
              SIGNAALPARTNER_TYPES,
              value_synonyms=_SIGNAALPARTNER_SYNONYMS,
              invalid_message="onbekend type signaalpartner"),
        Field("signaalpartner_naam", "text", True,
              ("signaalpartner", "vlp", "vlp_naam", "naam_signaalpartner", "partner",
               "schuldeiser", "crediteur")),
        Field("signaaldatum", "date", True,
              ("datum_signaal", "datum", "meldingsdatum", "aanleverdatum"),
              minimum=EARLIEST_SIGNAL, not_in_future=True),
        Field("bedrag", "amount", True,
              ("achterstand", "bedrag_achterstand", "hoogte_achterstand", "openstaand_bedrag",
               "schuld", "bedrag_eur"),
              minimum=0.0, maximum=100_000.0,
              minimum_message="bedrag is negatief",
              maximum_message="bedrag is onwaarschijnlijk hoog (> 100.000)"),
        Field("postcode", "text", True, ("pc", "postcode_adres"), text_format="postcode"),
        Field("huisnummer", "int", True, ("huisnr", "nummer", "huis_nummer"),
              minimum=1, split_addition="huisnummertoevoeging", split_letter="huisletter",
              invalid_message="geen geldig huisnummer"),
        # BAG: the huisletter is one letter, the huisnummertoevoeging up to four characters;
        # both kept apart, and joined (letter first) in the address key.
        Field("huisletter", "text", False, ("huis_letter",), text_format="huisletter"),
        Field("huisnummertoevoeging", "text", False,
              ("toevoeging", "huisnummer_toevoeging", "huisnr_toevoeging", "toev"), text_format="toevoeging"),
        Field("klantnummer", "text", False, ("klantnr", "debiteurnummer", "contractnummer")),
        Field("ontstaansdatum", "date", False, ("datum_ontstaan", "ontstaan"),
              minimum=dt.date(2000, 1, 1), not_in_future=True),
        Field("crisissignaal", "bool", False,
              ("crisis", "eindelevering", "eindeleveringssignaal", "is_crisis"), default=False),
        Field("warme_overdracht", "bool", False, ("warmeoverdracht",), default=False),
        Field("bsn", "text", False, ("burgerservicenummer", "bsn_nummer"),
              text_format="bsn", checks=("elfproef",)),
        Field("geboortedatum", "date", False, ("geb_datum", "geboorte_datum", "dob"),
              minimum=dt.date(1900, 1, 1), not_in_future=True),
        Field("geslacht", "enum", False, (), GESLACHT_VALUES,
              value_synonyms=_GESLACHT_SYNONYMS, invalid_message="onbekend geslacht"),
        Field("voorletters", "text"),
        Field("tussenvoegsel", "text", False, ("voorvoegsel",)),
        Field("achternaam", "text", False, ("naam", "geslachtsnaam")),
        Field("straat", "text", False, ("straatnaam",)),
        Field("woonplaats", "text", False, ("plaats", "plaatsnaam")),
        Field("telefoonnummer", "text", False, ("telefoon", "tel", "mobiel", "telefoonnr")),
        Field("email", "text", False, ("e-mail", "emailadres", "mail")),
    ),
)

# --------------------------------------------------------------------------- #
# CONTACTPOGINGEN: one row per contact attempt for a melding
# --------------------------------------------------------------------------- #


_CONTACTSOORT_SYNONYMS: tuple[tuple[str, str], ...] = (
    ("telefonisch", "Telefoon"),
    ("bellen", "Telefoon"),
    ("tel", "Telefoon"),
    ("whatsapp", "SMS/Whatsapp"),
    ("sms", "SMS/Whatsapp"),
    ("app", "SMS/Whatsapp"),
    ("e-mail", "Mail"),
    ("email", "Mail"),
    ("huisbezoek", "Huisbezoek"),
    ("bezoek", "Huisbezoek"),
    ("afspraak", "Afspraak op locatie"),
)



CONTACTPOGINGEN = InputSchema(
    "contactpogingen",
    (
        Field("melding_id", "text", True),
        Field("contactdatum", "date", True, ("datum", "datum_contact"),
              minimum=EARLIEST_SIGNAL, not_in_future=True),
        Field("soort", "enum", True, ("contactsoort", "soort_contact"), CONTACTSOORTEN,
              value_synonyms=_CONTACTSOORT_SYNONYMS,
              invalid_message="onbekende soort contactpoging"),
        Field("bereikt", "bool", True),
        Field("dagdeel", "enum", False, (), DAGDELEN, invalid_message="onbekend dagdeel"),
        Field("medewerker", "text", False, ("consulent", "behandelaar")),
        Field("resultaat", "enum", False, (), EINDRESULTATEN, invalid_message="onbekend resultaat"),
        Field("resultaatdatum", "date", False),
    ),
)

# --------------------------------------------------------------------------- #
# GEMEENTEN: referentie/gemeenten.csv (inhabitants per gemeente per year)
# --------------------------------------------------------------------------- #

GEMEENTEN = InputSchema(
    "gemeenten",
    (
        _gemeentecode(),
        Field("naam", "text", True),
        Field("jaar", "int", True, minimum=2000, maximum=2100),
        Field("inwoners", "int", True, minimum=1, thousands=True),
    ),
)

SCHEMAS: dict[str, InputSchema] = {s.name: s for s in (SIGNALEN, CONTACTPOGINGEN, GEMEENTEN)}
