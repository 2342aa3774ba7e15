"""The DDAS v1.2 documents of many gemeenten at once, as the JSON text `write_ddas` writes.

`build_ddas` makes one document as Python dicts, row by row: clear, but a national quarter
(342 gemeenten, a quarter million signals) costs seconds. Here the same text is made column-wise
with polars: every vroegsignaal and every vroegsignaalzaak becomes its piece of indented JSON
(sorted keys, indent 2, exactly as orjson writes it inside the document), the pieces are sorted
and joined per gemeente, and the frame around them (period, organisation) is written by orjson.

Only rows whose strings are plain (printable ASCII without quote or backslash), whose amount is
an exact float below 2**53 and whose zaak has no contact attempts take the column-wise path;
every other row is made by the functions `build_ddas` uses and written by orjson, so the text
is byte for byte the one `dumps(build_ddas(...))` gives (tests/exports/test_ddas_text.py).
Frames of another shape than the queries give are built with `build_ddas` as a whole.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import orjson
import polars as pl

from pipeline.exports import ddas
from pipeline.exports.ddas import CLIENT_FORMS, SIGNALEN_COLUMNS, ZAKEN_COLUMNS, POGINGEN_COLUMNS

#: The column types the delivery queries give (pipeline/exports/ddas_delivery.py).
SIGNALEN_TYPES = {
    "signaal_id": pl.String, "crisissignaal": pl.Boolean, "warme_overdracht": pl.Boolean, "bedrag": pl.Float64,
    "ontstaansdatum": pl.Date, "signaaldatum": pl.Date, "status": pl.String, "signaalpartner_type": pl.String,
    "bsn": pl.String, "postcode": pl.String, "huisnummer": pl.Int64, "huisnummertoevoeging": pl.String,
    "geboortedatum": pl.Date, "geslacht": pl.String,
}
ZAKEN_TYPES = {
    "melding_id": pl.String, "maand": pl.Date, "resultaat": pl.String, "datum_opgepakt": pl.Date,
    "signaal_ids": pl.List(pl.String),
}
POGINGEN_TYPES = {
    "melding_id": pl.String, "contactdatum": pl.Date, "soort": pl.String, "bereikt": pl.Boolean, "dagdeel": pl.String,
}

#: A string that JSON writes as it is and whose whitespace is only the space: printable ASCII
#: without '"' and '\'.
_PLAIN = r"^[ !#-\[\]-~]*$"
#: The indentation of a list item inside a levering (vroegsignalen, vroegsignaalzaken).
_ITEM = 8
_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS
_SIGNALEN_SLOT = b'\n      "vroegsignalen": []'
_ZAKEN_SLOT = b'\n      "vroegsignaalzaken": []'


def fast_shape(signalen: pl.DataFrame, zaken: pl.DataFrame, pogingen: pl.DataFrame) -> bool:
    """True when the frames have the columns and types the column-wise path is written for."""
    return all(
        all(frame.schema.get(name) == kind for name, kind in types.items())
        for frame, types in ((signalen, SIGNALEN_TYPES), (zaken, ZAKEN_TYPES), (pogingen, POGINGEN_TYPES))
    )


def documents(
    signalen: pl.DataFrame,
    zaken: pl.DataFrame,
    pogingen: pl.DataFrame,
    gemeenten: list[str],
    *,
    van: dt.date,
    tot: dt.date,
    leverancier: str,
    organisaties: dict[str, dict],
    aangeleverd_op: dt.datetime,
    client: str = "bsn",
) -> Iterator[tuple[str, bytes]]:
    """(gemeente, document text) for each of `gemeenten`, in that order, from frames of many
    gemeenten (column `gemeentecode`): the bytes `ddas.dumps(build_ddas(<the gemeente's rows>, ...))`
    gives. Not validated here: see `write_ddas_text`."""
    if client not in CLIENT_FORMS:
        raise ValueError(f"DDAS: client moet een van {', '.join(CLIENT_FORMS)} zijn")
    if not fast_shape(signalen, zaken, pogingen):
        yield from _built(signalen, zaken, pogingen, gemeenten, van=van, tot=tot, leverancier=leverancier,
                          organisaties=organisaties, aangeleverd_op=aangeleverd_op, client=client)
        return
    start, end = van.replace(day=1), ddas._month_end(tot)
    if end < start:
        raise ValueError("DDAS: periode eindigt voor ze begint (tot < van)")
    signaal_lists = _joined(signal_pieces(signalen, client))
    zaak_lists = _joined(zaak_pieces(zaken, pogingen))
    _log_counts(signalen, zaken, pogingen, gemeenten)
    timestamp = ddas._timestamp(aangeleverd_op)
    for code in gemeenten:
        frame = {
            "codeGegevensleverancier": leverancier,
            "startdatumLevering": start.isoformat(),
            "einddatumLevering": end.isoformat(),
            "aanleverdatumEnTijd": timestamp,
            "leveringen": [{"teller": 1, "gemeentecode": code, "aanleverendeOrganisatie": ddas._organisatie(organisaties[code]),
                            "vroegsignalen": [], "vroegsignaalzaken": []}],
        }
        text = orjson.dumps(frame, option=_OPTIONS) + b"\n"
        text = _fill(text, _SIGNALEN_SLOT, signaal_lists.get(code))
        text = _fill(text, _ZAKEN_SLOT, zaak_lists.get(code))
        yield code, text


def _fill(text: bytes, slot: bytes, items: bytes | None) -> bytes:
    """Put the list items in the empty list the frame has for them (only a key at that place and
    indentation starts a line: a string in JSON holds no raw newline)."""
    if not items:
        return text
    before, found, after = text.partition(slot)
    if not found:
        raise AssertionError("DDAS: lijst niet gevonden in het raamwerk")
    return before + slot[:-1] + b"\n" + items + b"\n      ]" + after


def _joined(pieces: pl.DataFrame) -> dict[str, bytes]:
    """The pieces of each gemeente sorted on their key columns (every column but gemeentecode and
    text; the row number `_rij` last, so ties keep the row order as a stable sort does), joined
    as list items."""
    keys = [c for c in pieces.columns if c not in ("gemeentecode", "text")]
    grouped = pieces.sort(keys).group_by("gemeentecode", maintain_order=True).agg(pl.col("text").str.join(",\n").cast(pl.Binary))
    return dict(zip(grouped["gemeentecode"].to_list(), grouped["text"].to_list()))


def _built(signalen, zaken, pogingen, gemeenten, *, organisaties, **kwargs) -> Iterator[tuple[str, bytes]]:
    """Frames of another shape: each gemeente's document built by `build_ddas`."""
    parts = [frame.partition_by("gemeentecode", as_dict=True, include_key=False) for frame in (signalen, zaken, pogingen)]
    empty = [frame.drop("gemeentecode").clear() for frame in (signalen, zaken, pogingen)]
    for code in gemeenten:
        mine = [part.get((code,), blank) for part, blank in zip(parts, empty)]
        yield code, ddas.dumps(ddas.build_ddas(*mine, gemeente=code, organisatie=organisaties[code], **kwargs))


def _log_counts(signalen: pl.DataFrame, zaken: pl.DataFrame, pogingen: pl.DataFrame, gemeenten: list[str]) -> None:
    """The warnings and the info line `build_ddas` logs, per gemeente."""
    if not ddas.log.isEnabledFor(30):  # logging.WARNING
        return
    bsn = pl.col("bsn").str.strip_chars()
    malformed = dict(signalen.filter((bsn.str.len_chars() > 0) & ~bsn.str.contains(ddas._BSN.pattern))
                     .group_by("gemeentecode").len().iter_rows())
    for code in gemeenten:
        if malformed.get(code):
            ddas.log.warning("DDAS: %d vroegsignalen met een BSN die geen 9 cijfers is: geleverd met postcode/huisnummer",
                             malformed[code])
    orphans = pogingen.join(zaken.select("gemeentecode", "melding_id"), on=["gemeentecode", "melding_id"],
                            how="anti", nulls_equal=True)
    for code, count in orphans.group_by("gemeentecode").len().sort("gemeentecode").iter_rows():
        ddas.log.warning("DDAS: %d contactpogingen horen bij geen zaak in deze levering en zijn weggelaten", count)


# --------------------------------------------------------------------------- #
# Pieces
# --------------------------------------------------------------------------- #


def _pad(level: int) -> str:
    return " " * level


def _line(level: int, key: str, value: pl.Expr | list[pl.Expr]) -> pl.Expr:
    """`"key": value` at indentation `level` (null when value is null); `value` may be parts
    (one concatenation instead of nested ones: each copies the strings)."""
    parts = value if isinstance(value, list) else [value]
    return pl.concat_str([pl.lit(f'{_pad(level)}"{key}": '), *parts])


def _quoted(value: pl.Expr) -> list[pl.Expr]:
    return [pl.lit('"'), value, pl.lit('"')]


def _present(value: pl.Expr) -> pl.Expr:
    """The string when `_present` keeps it (not null, not blank; plain strings: blank = spaces)."""
    return pl.when(value.str.strip_chars(" ").str.len_bytes() > 0).then(value)


def _boolean(value: pl.Expr) -> pl.Expr:
    return pl.when(value).then(pl.lit("true")).when(value.not_()).then(pl.lit("false"))


def _date(value: pl.Expr) -> list[pl.Expr]:
    return _quoted(value.dt.to_string("%Y-%m-%d"))


def _object(level: int, lines: list[pl.Expr], *, item: bool = False, filled: bool = False) -> pl.Expr:
    """A dict of the present `lines` (keys in sorted order, indented at level + 2): '{}' when none.
    `filled`: the caller knows a line is always present (no test for the empty dict: strings are
    copied by every when/then)."""
    joined = pl.concat_str(lines, separator=",\n", ignore_nulls=True)
    parts = [pl.lit(("{}{{\n" if item else "{{\n").format(_pad(level))), joined, pl.lit(f"\n{_pad(level)}}}")]
    body = pl.concat_str(parts)
    if filled:
        return body
    empty = pl.lit(_pad(level) + "{}" if item else "{}")
    return pl.when(joined.str.len_bytes() > 0).then(body).otherwise(empty)


def whole_euros_expr(amount: pl.Expr) -> pl.Expr:
    """`whole_euros` column-wise, for finite amounts below 2**53: half rounded away from zero.
    |x| - floor(|x|) is exact in floating point, so the test against a half is too (floor(|x| + 0.5)
    is not: 0.49999999999999994 + 0.5 rounds to 1.0). Below 2**52 a float is at or above n + 0.5
    exactly when its shortest decimal form (what `whole_euros` rounds) is."""
    size = amount.abs()
    down = size.floor()
    whole = pl.when(size - down >= 0.5).then(down + 1).otherwise(down)
    return pl.when(amount < 0).then(-whole).otherwise(whole).cast(pl.Int64)


def _plain(column: str) -> pl.Expr:
    return pl.col(column).is_null() | pl.col(column).str.contains(_PLAIN)


def signal_pieces(signalen: pl.DataFrame, client: str = "bsn") -> pl.DataFrame:
    """(gemeentecode, key, text): each vroegsignaal as the indented JSON of `ddas._vroegsignaal`,
    key = its ID (sorting), from a frame shaped as SIGNALEN_TYPES plus gemeentecode."""
    level = _ITEM + 2
    inner = level + 2
    bedrag = pl.col("bedrag")
    finite_amount = bedrag.is_not_null() & bedrag.is_finite()
    ident = _present(pl.col("signaal_id"))
    plain = (
        ident.is_not_null()  # one line at least: the text needs no test for an empty dict
        & pl.all_horizontal([_plain(c) for c in ("signaal_id", "status", "signaalpartner_type", "bsn", "postcode",
                                                "huisnummertoevoeging", "geslacht")])
        & (~finite_amount | (bedrag.abs() < 2.0 ** 53)).fill_null(True)
    )
    bsn = pl.col("bsn").str.strip_chars(" ")
    postcode = pl.col("postcode")
    has_address = (postcode.str.len_bytes() > 0).fill_null(False) & pl.col("huisnummer").is_not_null()
    bsn_form = bsn.str.contains(r"^[0-9]{9}$").fill_null(False)
    if client == "adres":
        bsn_form = bsn_form & ~has_address
    bsn_client = pl.concat_str([pl.lit(f'{{\n{_pad(inner)}"burgerservicenummer": "'), bsn,
                                pl.lit(f'"\n{_pad(level)}}}')])
    address_client = _object(level, [
        _line(inner, "geboortedatum", _date(pl.col("geboortedatum"))),
        _line(inner, "geslachtsaanduiding", _quoted(_present(pl.col("geslacht")))),
        _line(inner, "huisnummer", _quoted(pl.col("huisnummer").cast(pl.String))),
        _line(inner, "huisnummertoevoeging", _quoted(_present(pl.col("huisnummertoevoeging")))),
        _line(inner, "postcode", _quoted(_present(postcode.str.replace_all(" ", "", literal=True).str.to_uppercase()))),
    ])
    partner = _object(level, [_line(inner, "type", _quoted(_present(pl.col("signaalpartner_type"))))])
    text = _object(_ITEM, [
        _line(level, "ID", _quoted(ident)),
        _line(level, "bedrag", pl.when(finite_amount).then(whole_euros_expr(bedrag).cast(pl.String))),
        _line(level, "client", pl.when(bsn_form).then(bsn_client).otherwise(address_client)),
        _line(level, "crisissignaal", _boolean(pl.col("crisissignaal"))),
        _line(level, "ontstaansdatum", _date(pl.col("ontstaansdatum"))),
        _line(level, "signaaldatum", _date(pl.col("signaaldatum"))),
        _line(level, "signaalpartner", partner),
        _line(level, "status", _quoted(_present(pl.col("status")))),
        _line(level, "warmeOverdracht", _boolean(pl.col("warme_overdracht"))),
    ], item=True, filled=True)
    pieces = signalen.with_row_index("_rij").select(
        "_rij", "gemeentecode", key=ident.fill_null(""), plain=plain, text=text)
    odd = pieces.filter(~pl.col("plain"))
    if odd.height:  # made as build_ddas makes them
        rows = signalen.with_row_index("_rij").join(odd.select("_rij"), on="_rij", how="semi")
        made = {row["_rij"]: ddas._vroegsignaal(row, client) for row in rows.iter_rows(named=True)}
        texts = {rij: _item_text(signaal) for rij, signaal in made.items()}
        keys = {rij: signaal.get("ID", "") for rij, signaal in made.items()}
        pieces = pieces.with_columns(
            text=pl.when("plain").then("text").otherwise(
                pl.col("_rij").replace_strict(texts, default=None, return_dtype=pl.String)),
            key=pl.when("plain").then("key").otherwise(
                pl.col("_rij").replace_strict(keys, default=None, return_dtype=pl.String)))
    return pieces.select("gemeentecode", "key", "_rij", "text")


def zaak_pieces(zaken: pl.DataFrame, pogingen: pl.DataFrame) -> pl.DataFrame:
    """(gemeentecode, key, start, melding, _rij, text): each vroegsignaalzaak as `ddas._zaken` makes
    it; (key, start, melding) is its sort key there (first signal ID, start of the matching
    period, melding ID)."""
    if zaken["maand"].null_count():
        raise ValueError("DDAS: zaak zonder maand")
    level = _ITEM + 2
    zaken = zaken.with_row_index("_rij")
    # the signal IDs of each zaak, distinct and sorted (row-wise list operations are slow)
    ref = (f"{_pad(level + 2)}{{\n{_pad(level + 4)}\"ID\": \"", f"\"\n{_pad(level + 2)}}}")
    ids = (
        zaken.select("_rij", "signaal_ids").explode("signaal_ids").drop_nulls().unique().sort("_rij", "signaal_ids")
        .group_by("_rij", maintain_order=True).agg(
            first=pl.col("signaal_ids").first(),
            refs=pl.concat_str([pl.lit(ref[0]), pl.col("signaal_ids"), pl.lit(ref[1])]).str.join(",\n"),
            plain_ids=pl.col("signaal_ids").str.contains(_PLAIN).all())
    )
    zaken = zaken.join(ids, on="_rij", how="left", maintain_order="left")
    refs = pl.when(pl.col("refs").is_not_null()).then(
        pl.concat_str([pl.lit("[\n"), pl.col("refs"), pl.lit(f"\n{_pad(level)}]")])).otherwise(pl.lit("[]"))
    start = pl.col("maand").dt.month_start().dt.to_string("%Y-%m-%d")
    end = _date(pl.col("maand").dt.month_end())
    attempted = pogingen["melding_id"].unique().implode()
    plain = (
        _plain("melding_id") & _plain("resultaat")
        & pl.col("plain_ids").fill_null(True)
        & ~pl.col("melding_id").is_in(attempted, nulls_equal=True)
    )
    text = _object(_ITEM, [
        _line(level, "contactpogingen", pl.lit("[]")),
        _line(level, "datumOpgepakt", _date(pl.col("datum_opgepakt"))),
        _line(level, "einddatumMatchingperiode", end),
        _line(level, "matchingsdatum", end),
        _line(level, "resultaat", _quoted(_present(pl.col("resultaat")))),
        _line(level, "startdatumMatchingperiode", _quoted(start)),
        _line(level, "vroegsignalen", refs),
    ], item=True, filled=True)
    pieces = zaken.select(
        "_rij", "gemeentecode", key=pl.col("first").fill_null(""), start=start,
        melding=pl.col("melding_id").fill_null("None"), plain=plain, text=text)
    odd = pieces.filter(~pl.col("plain"))
    if odd.height:  # made as build_ddas makes them, with the contact attempts of the gemeente
        rows = zaken.join(odd.select("_rij"), on="_rij", how="semi")
        attempts = pogingen.partition_by("gemeentecode", as_dict=True)
        made = {}
        for (code,), mine in rows.partition_by("gemeentecode", as_dict=True).items():
            theirs = ddas._attempts(attempts.get((code,), pogingen.clear()))
            for row in mine.iter_rows(named=True):
                made[row["_rij"]] = _item_text(ddas._zaak(row, theirs)[1])
        pieces = pieces.with_columns(
            text=pl.when("plain").then("text").otherwise(
                pl.col("_rij").replace_strict(made, default=None, return_dtype=pl.String)))
    return pieces.select("gemeentecode", "key", "start", "melding", "_rij", "text")


def _item_text(value: dict) -> str:
    """`value` as orjson writes it as a list item inside a levering (indented at _ITEM)."""
    return _pad(_ITEM) + orjson.dumps(value, option=_OPTIONS).decode().replace("\n", "\n" + _pad(_ITEM))
