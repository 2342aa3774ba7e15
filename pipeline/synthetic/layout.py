"""Which file a signal lands in, and how each signaalpartner formats its export.

Demo: one file per gemeente per signaalpartner type per month, each type in its own style
(zorg: Windows-1252 `;` CSV with Dutch amounts and dates; energie: UTF-8-with-BOM `,` CSV with
ISO dates; huur: XLSX with real date cells; water: Parquet with native types; CAK and overige:
two more CSV dialects). National: one Parquet file per type per month for all gemeenten.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.synthetic import calibration as cal

#: file name stem per type
STEMS = ("zorg", "huur", "energie", "water", "cak", "overige")


@dataclass(frozen=True)
class FileStyle:
    fmt: str  # csv | xlsx | parquet
    encoding: str = "utf-8"  # csv only: cp1252, utf-8-sig (BOM), utf-8
    separator: str = ","
    line_terminator: str = "\n"
    date_format: str = "%Y-%m-%d"  # text formats (and XLSX text fallbacks)
    amount: str = "dot"  # nl: 1.234,56 | comma: 1234,56 | dot: 1234.56
    bools: tuple[str, str] = ("ja", "nee")
    gm_prefix: bool = False  # gemeentecode written as GM0546
    headers: dict[str, str] = field(default_factory=dict)  # canonical name -> header label

    @property
    def extension(self) -> str:
        return self.fmt

    @property
    def day_first(self) -> bool:
        return self.date_format.startswith("%d")


_ZORG_HEADERS = {
    "signaal_id": "Kenmerk", "gemeentecode": "Gemeentecode", "signaalpartner_type": "Type signaalpartner",
    "signaalpartner_naam": "Signaalpartner", "signaaldatum": "Signaaldatum", "bedrag": "Achterstand",
    "postcode": "Postcode", "huisnummer": "Huisnummer", "huisnummertoevoeging": "Toevoeging",
    "klantnummer": "Klantnummer", "ontstaansdatum": "Ontstaansdatum", "crisissignaal": "Crisissignaal",
    "warme_overdracht": "Warme overdracht", "bsn": "BSN", "geboortedatum": "Geboortedatum",
    "geslacht": "Geslacht", "voorletters": "Voorletters", "tussenvoegsel": "Tussenvoegsel",
    "achternaam": "Achternaam", "straat": "Straat", "woonplaats": "Woonplaats",
    "telefoonnummer": "Telefoonnummer", "email": "Email",
}
_HUUR_HEADERS = {
    **_ZORG_HEADERS, "signaal_id": "Signaal ID", "gemeentecode": "Gemeente", "signaalpartner_naam": "VLP",
    "signaaldatum": "Datum signaal", "bedrag": "Bedrag", "huisnummer": "Huisnr",
    "huisnummertoevoeging": "Huisnummertoevoeging",
}
_CAK_HEADERS = {**_ZORG_HEADERS, "signaal_id": "Signaal ID", "signaaldatum": "Datum signaal"}
_OVERIGE_HEADERS = {
    "signaal_id": "signaalid", "gemeentecode": "gemeente", "signaalpartner_type": "type_signaalpartner",
    "signaalpartner_naam": "signaalpartner", "signaaldatum": "datum_signaal", "bedrag": "achterstand",
    "huisnummer": "huisnr", "huisnummertoevoeging": "toevoeging",
}

DEMO_STYLES: dict[int, FileStyle] = {
    cal.ZORG: FileStyle("csv", encoding="cp1252", separator=";", line_terminator="\r\n",
                        date_format="%d-%m-%Y", amount="nl", headers=_ZORG_HEADERS),
    cal.ENERGIE: FileStyle("csv", encoding="utf-8-sig", separator=",", gm_prefix=True),
    cal.HUUR: FileStyle("xlsx", date_format="%d-%m-%Y", bools=("Ja", "Nee"), headers=_HUUR_HEADERS),
    cal.WATER: FileStyle("parquet"),
    cal.CAK: FileStyle("csv", encoding="cp1252", separator=";", line_terminator="\r\n",
                       date_format="%d-%m-%Y", amount="comma", headers=_CAK_HEADERS),
    cal.OVERIGE: FileStyle("csv", encoding="utf-8", separator=";", amount="comma", headers=_OVERIGE_HEADERS),
}
NATIONAL_STYLE = FileStyle("parquet")


def style_for(type_idx: int, national: bool) -> FileStyle:
    return NATIONAL_STYLE if national else DEMO_STYLES[type_idx]


def file_path(month_label: str, type_idx: int, gemeentecode: str, national: bool) -> str:
    """Relative path of the file a signal is written to."""
    ext = style_for(type_idx, national).extension
    if national:
        return f"signalen/{month_label}/{STEMS[type_idx]}_{month_label}.{ext}"
    return f"signalen/{month_label}/{STEMS[type_idx]}_{gemeentecode}_{month_label}.{ext}"
