"""Signals as a typed polars frame in the canonical columns (strings are made here)."""

from __future__ import annotations

import numpy as np
import polars as pl

from pipeline.synthetic import calibration as cal
from pipeline.synthetic import identifiers as ids
from pipeline.synthetic import vocabulary as voc
from pipeline.synthetic.world import World

#: the canonical signal columns, in export order
COLUMNS = (
    "signaal_id", "gemeentecode", "signaalpartner_type", "signaalpartner_naam", "signaaldatum",
    "bedrag", "postcode", "huisnummer", "huisnummertoevoeging", "klantnummer", "ontstaansdatum",
    "crisissignaal", "warme_overdracht", "bsn", "geboortedatum", "geslacht", "voorletters",
    "tussenvoegsel", "achternaam", "straat", "woonplaats", "telefoonnummer", "email",
)
DATE_COLUMNS = ("signaaldatum", "ontstaansdatum", "geboortedatum")
#: internal columns: the BSN even where the signal carries none, signal uid, gemeente index,
#: type index, absolute month
INTERNAL = ("_bsn_raw", "_uid", "_g", "_type", "_month")

_ASCII = {"ö": "o", "ü": "u", "ç": "c", "é": "e", "ë": "e", "ï": "i", "Ö": "o", "Ç": "c"}


def _lookup(values, idx: np.ndarray, *, none_at: int | None = None) -> pl.Series:
    """values[idx] as a String series; idx == none_at gives null."""
    table = pl.Series([None, *values], dtype=pl.String)
    shifted = np.asarray(idx, dtype=np.int64) + 1
    if none_at is not None:
        shifted = np.where(idx == none_at, 0, shifted)
    return table.gather(shifted)


def _dates(days: np.ndarray) -> pl.Series:
    return pl.Series(np.asarray(days, dtype=np.int32)).cast(pl.Date)


def signal_frame(world: World, idx: np.ndarray) -> pl.DataFrame:
    """Rows idx of world.signals (in that order) as the canonical typed frame."""
    s = world.signals.take(idx)
    hh = world.households
    h = s.household
    g = world.signal_gemeente[idx]
    codes = [gm.code for gm in world.gemeenten]
    partner = s.partner

    def person(field: str) -> np.ndarray:
        return np.where(partner, getattr(hh.partner, field)[h], getattr(hh.main, field)[h])

    bsn = pl.Series(person("bsn")).cast(pl.String)
    geboorte = _dates(person("geboortedatum"))
    has_phone = hh.has_phone[h]
    has_email = hh.has_email[h]
    email_nr = hh.email_nr[h]

    df = pl.DataFrame(
        {
            "_prefix": _lookup(cal.ID_PREFIX, s.type),
            "_code": _lookup(codes, g),
            "_seq": s.seq,
            "signaalpartner_type": _lookup(cal.TYPES, s.type),
            "signaalpartner_naam": _lookup(world.partner_namen, world.signal_partner_naam[idx]),
            "signaaldatum": _dates(s.signaaldatum),
            "bedrag": s.cents / 100.0,
            "_pc4": hh.postcode_prefix[h],
            "_letters": _lookup(ids.LETTER_PAIRS, hh.letters[h]),
            "huisnummer": pl.Series(hh.huisnummer[h], dtype=pl.Int32),
            "huisnummertoevoeging": _lookup(cal.TOEVOEGINGEN, hh.toevoeging[h], none_at=-1),
            "_klant_prefix": _lookup(cal.KLANT_PREFIX, s.type),
            "_klant": s.klant,
            "ontstaansdatum": _dates(s.ontstaansdatum),
            "crisissignaal": s.crisis,
            "warme_overdracht": s.warm,
            "bsn": bsn,
            "_has_bsn": s.has_bsn,
            "geboortedatum": geboorte,
            "_has_geboorte": s.has_geboortedatum,
            "geslacht": _lookup(("Man", "Vrouw"), person("vrouw").astype(np.int64)),
            "voorletters": _lookup(voc.VOORLETTERS, person("voorletters")),
            "tussenvoegsel": _lookup(voc.TUSSENVOEGSELS, person("tussenvoegsel"), none_at=0),
            "achternaam": _lookup(voc.SURNAMES, person("achternaam")),
            "straat": _lookup(voc.STREETS, hh.straat[h]),
            "woonplaats": _lookup(world.woonplaatsen, world.household_woonplaats[h]),
            "_phone": hh.phone[h],
            "_has_phone": has_phone,
            "_has_email": has_email,
            "_email_nr": email_nr,
            "_email_domain": _lookup(("example.nl", "voorbeeld.nl"), hh.email_domain[h]),
            "_uid": s.uid,
            "_g": g,
            "_type": s.type,
            "_month": s.month,
        }
    )
    local = pl.concat_str(
        [
            pl.col("voorletters").str.replace_all(".", "", literal=True),
            pl.lit("."),
            pl.col("tussenvoegsel").fill_null(""),
            pl.col("achternaam"),
        ]
    ).str.to_lowercase().str.replace_many(_ASCII).str.replace_all(r"[^a-z.]", "")
    email = pl.concat_str(
        [
            local,
            pl.when(pl.col("_email_nr") >= 0).then(pl.col("_email_nr").cast(pl.String)).otherwise(pl.lit("")),
            pl.lit("@"),
            pl.col("_email_domain"),
        ]
    )
    return df.select(
        pl.concat_str([pl.col("_prefix"), pl.lit("-"), pl.col("_code"), pl.lit("-"),
                       pl.col("_seq").cast(pl.String).str.zfill(6)]).alias("signaal_id"),
        pl.col("_code").alias("gemeentecode"),
        "signaalpartner_type",
        "signaalpartner_naam",
        "signaaldatum",
        pl.col("bedrag").round(2),
        pl.concat_str([pl.col("_pc4").cast(pl.String), pl.col("_letters")]).alias("postcode"),
        "huisnummer",
        "huisnummertoevoeging",
        pl.concat_str([pl.col("_klant_prefix"), pl.col("_klant").cast(pl.String).str.zfill(8)]).alias("klantnummer"),
        "ontstaansdatum",
        "crisissignaal",
        "warme_overdracht",
        pl.when(pl.col("_has_bsn")).then(pl.col("bsn")).alias("bsn"),
        pl.when(pl.col("_has_geboorte")).then(pl.col("geboortedatum")).alias("geboortedatum"),
        "geslacht",
        "voorletters",
        "tussenvoegsel",
        "achternaam",
        "straat",
        "woonplaats",
        pl.when(pl.col("_has_phone"))
        .then(pl.concat_str([pl.lit("06-1234"), pl.col("_phone").cast(pl.String).str.zfill(4)]))
        .alias("telefoonnummer"),
        pl.when(pl.col("_has_email")).then(email).alias("email"),
        pl.col("bsn").alias("_bsn_raw"),
        pl.col("_uid").cast(pl.UInt64),
        pl.col("_g").cast(pl.Int32),
        pl.col("_type").cast(pl.Int8),
        pl.col("_month").cast(pl.Int32),
    )
