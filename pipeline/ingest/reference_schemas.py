"""Schemas of the optional reference files in <landing>/referentie/ (beside gemeenten.csv).

Address and BSN fields reuse the signal schema's definitions, so a postcode or BSN is parsed
and checked the same way in every input.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from pipeline.ingest import SIGNALEN, Field, InputSchema

_SIGNAL_FIELDS = {f.name: f for f in SIGNALEN.fields}


def _reuse(name: str, *, required: bool) -> Field:
    return dataclasses.replace(_SIGNAL_FIELDS[name], required=required)


def _address(*, required: bool) -> tuple[Field, ...]:
    return (
        _reuse("postcode", required=required),
        _reuse("huisnummer", required=required),
        _reuse("huisletter", required=False),
        _reuse("huisnummertoevoeging", required=False),
    )


HUISHOUDENS = InputSchema(
    "huishoudens",
    (
        *_address(required=True),
        Field("minderjarige_kinderen", "int", True, ("aantal_minderjarige_kinderen", "kinderen_onder_18", "minderjarigen"),
              minimum=0, maximum=30),
    ),
)

NIET_BENADEREN = InputSchema(
    "niet_benaderen",
    (
        *_address(required=False),
        _reuse("bsn", required=False),
        Field("tot", "date", False, ("tot_datum", "einddatum", "niet_benaderen_tot"), minimum=dt.date(2000, 1, 1)),
    ),
)

BEKEND_SHV = InputSchema(
    "bekend_shv",
    (
        _reuse("bsn", required=False),
        *_address(required=False),
    ),
)
