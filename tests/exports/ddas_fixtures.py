"""A hand-made gemeente for the DDAS tests: 3 signals, 2 zaken (one meervoudig), 5 attempts."""

from __future__ import annotations

import datetime as dt

import polars as pl

from pipeline.exports.ddas import build_ddas

D = dt.date

SIGNALEN_SCHEMA = {
    "signaal_id": pl.String, "crisissignaal": pl.Boolean, "warme_overdracht": pl.Boolean, "bedrag": pl.Float64,
    "ontstaansdatum": pl.Date, "signaaldatum": pl.Date, "status": pl.String, "signaalpartner_type": pl.String,
    "bsn": pl.String, "postcode": pl.String, "huisnummer": pl.Int64, "huisnummertoevoeging": pl.String,
    "geboortedatum": pl.Date, "geslacht": pl.String,
}
ZAKEN_SCHEMA = {
    "melding_id": pl.String, "maand": pl.Date, "resultaat": pl.String, "datum_opgepakt": pl.Date,
    "signaal_ids": pl.List(pl.String),
}
POGINGEN_SCHEMA = {
    "melding_id": pl.String, "contactdatum": pl.Date, "soort": pl.String, "bereikt": pl.Boolean, "dagdeel": pl.String,
}

ORGANISATIE = {
    "naam": "Gemeente Voorbeeld",
    "kvk_nummer": "12345678",
    "contactpersonen": [{"naam": "Team Vroegsignalering", "email": "vroegsignalering@example.org", "telefoonnummer": None}],
}


def signaal(signaal_id: str, **overrides) -> dict:
    row = {
        "signaal_id": signaal_id, "crisissignaal": False, "warme_overdracht": False, "bedrag": 250.0,
        "ontstaansdatum": D(2024, 1, 15), "signaaldatum": D(2024, 3, 4), "status": "Opgepakt",
        "signaalpartner_type": "Zorg", "bsn": None, "postcode": "1234AB", "huisnummer": 12,
        "huisnummertoevoeging": None, "geboortedatum": D(1975, 6, 15), "geslacht": "Vrouw",
    }
    row.update(overrides)
    return row


def signalen_frame(rows: list[dict]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=SIGNALEN_SCHEMA)


def zaken_frame(rows: list[dict]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=ZAKEN_SCHEMA)


def pogingen_frame(rows: list[dict]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=POGINGEN_SCHEMA)


def gemeente_frames() -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    signalen = signalen_frame([
        # with BSN: the client is the BSN only, birth date and sex are not delivered
        signaal("S1", bsn="123456782", bedrag=49.5, signaaldatum=D(2024, 2, 6), geboortedatum=D(1980, 2, 29),
                geslacht="Man", crisissignaal=True),
        # address with toevoeging, postcode typed with a space
        signaal("S2", postcode="1234 ab", huisnummertoevoeging="bis", bedrag=49.49, signaalpartner_type="Huur",
                warme_overdracht=True),
        # no birth date, no sex, empty toevoeging, no ontstaansdatum
        signaal("S3", huisnummertoevoeging="", geboortedatum=None, geslacht=None, ontstaansdatum=None, bedrag=1200.0,
                signaalpartner_type="Energie", status="Nog niet opgepakt"),
    ])
    zaken = zaken_frame([
        {"melding_id": "M-meervoudig", "maand": D(2024, 3, 1), "resultaat": "(Budget)advies en/of quick fix",
         "datum_opgepakt": D(2024, 3, 10), "signaal_ids": ["S3", "S2", "S3"]},
        {"melding_id": "M-enkel", "maand": D(2024, 2, 1), "resultaat": None, "datum_opgepakt": None,
         "signaal_ids": ["S1"]},
    ])
    pogingen = pogingen_frame([
        {"melding_id": "M-meervoudig", "contactdatum": D(2024, 3, 12), "soort": "Telefoon", "bereikt": False, "dagdeel": "Ochtend"},
        {"melding_id": "M-meervoudig", "contactdatum": D(2024, 3, 11), "soort": "Brief", "bereikt": False, "dagdeel": None},
        {"melding_id": "M-meervoudig", "contactdatum": D(2024, 3, 12), "soort": "Huisbezoek", "bereikt": True, "dagdeel": "Avond"},
        {"melding_id": "M-enkel", "contactdatum": D(2024, 2, 20), "soort": "SMS/Whatsapp", "bereikt": False, "dagdeel": "Middag"},
        {"melding_id": "M-elders", "contactdatum": D(2024, 2, 21), "soort": "Mail", "bereikt": False, "dagdeel": None},
    ])
    return signalen, zaken, pogingen


def build(signalen=None, zaken=None, pogingen=None, **overrides) -> dict:
    frames = gemeente_frames()
    kwargs = {
        "gemeente": "GM0001",
        "van": D(2024, 2, 15),
        "tot": D(2024, 3, 3),
        "leverancier": "VROEGSIGNAAL",
        "organisatie": ORGANISATIE,
        "aangeleverd_op": dt.datetime(2024, 4, 2, 9, 30, tzinfo=dt.UTC),
    } | overrides
    return build_ddas(
        frames[0] if signalen is None else signalen,
        frames[1] if zaken is None else zaken,
        frames[2] if pogingen is None else pogingen,
        **kwargs,
    )
