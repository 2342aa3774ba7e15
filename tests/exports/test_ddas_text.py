"""ddas_text: the documents of many gemeenten as JSON text, column-wise; byte for byte what
`dumps(build_ddas(...))` gives, also for the rows that take the row-wise path."""

from __future__ import annotations

import datetime as dt
import math
import stat

import polars as pl
import pytest

from pipeline.exports.ddas import DdasInvalid, build_ddas, check_ddas_text, dumps, whole_euros, write_ddas_text
from pipeline.exports.ddas_text import documents, whole_euros_expr
from tests.exports.ddas_fixtures import (
    ORGANISATIE, gemeente_frames, pogingen_frame, signaal, signalen_frame, zaken_frame,
)

D = dt.date
KWARGS = {
    "van": D(2024, 2, 15), "tot": D(2024, 3, 3), "leverancier": "VROEGSIGNAAL",
    "aangeleverd_op": dt.datetime(2024, 4, 2, 9, 30, tzinfo=dt.UTC),
}


def with_code(frame: pl.DataFrame, code: str) -> pl.DataFrame:
    return frame.with_columns(gemeentecode=pl.lit(code)).select("gemeentecode", *frame.columns)


def expected(frames, code: str, client: str = "bsn") -> bytes:
    return dumps(build_ddas(*frames, gemeente=code, organisatie=ORGANISATIE, client=client, **KWARGS))


def texts(per_gemeente: dict[str, tuple], codes: list[str], client: str = "bsn") -> dict[str, bytes]:
    frames = [pl.concat([with_code(f[i], code) for code, f in per_gemeente.items()]) for i in range(3)]
    return dict(documents(*frames, codes, organisaties={c: ORGANISATIE for c in codes}, client=client, **KWARGS))


def awkward_frames() -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """Values that the column-wise path leaves to the row-wise one, and edges of the plain path."""
    signalen = signalen_frame([
        signaal("Z9", bsn=" 123456782 "),                        # spaces around a BSN: stripped
        signaal("A1", bsn="12345678", bedrag=0.49999999999999994),  # 8 digits: address; rounds to 0
        signaal('Q"uote', status="Opgepakt", bedrag=-49.5),        # a quote in the ID: row-wise
        signaal("É1", huisnummertoevoeging="bis\t2", bedrag=float("nan")),  # non-ASCII, tab
        signaal("B2", bsn="١٢٣٤٥٦٧٨٩", bedrag=float("inf")),      # Arabic-Indic digits: Python's \d
        signaal("B3", bedrag=2.0 ** 60, postcode="  ", huisnummer=None, geboortedatum=None, geslacht="  "),
        signaal("   ", bedrag=None),                              # a blank ID: left out
        signaal(None, status="   ", signaalpartner_type=None),    # no ID, blank status, no partner
        signaal("A1", bedrag=2.5),                                # a double ID: order of the rows
        signaal("C\\4", crisissignaal=None, warme_overdracht=None),  # backslash; unknown booleans
    ])
    zaken = zaken_frame([
        {"melding_id": "M3", "maand": D(2024, 3, 1), "resultaat": "  ", "datum_opgepakt": None,
         "signaal_ids": ["Z9", None, "A1", "A1"]},
        {"melding_id": "M1", "maand": D(2024, 3, 1), "resultaat": None, "datum_opgepakt": D(2024, 3, 2),
         "signaal_ids": []},
        {"melding_id": "M2", "maand": D(2024, 2, 1), "resultaat": None, "datum_opgepakt": None,
         "signaal_ids": None},
        {"melding_id": 'M"4', "maand": D(2024, 2, 1), "resultaat": None, "datum_opgepakt": None,
         "signaal_ids": ["A1"]},
        {"melding_id": None, "maand": D(2024, 2, 1), "resultaat": None, "datum_opgepakt": None,
         "signaal_ids": ["É1", "B2"]},
    ])
    pogingen = pogingen_frame([
        {"melding_id": "M1", "contactdatum": D(2024, 3, 5), "soort": "Brief", "bereikt": None, "dagdeel": None},
        {"melding_id": "M1", "contactdatum": D(2024, 3, 5), "soort": "Brief", "bereikt": True, "dagdeel": "Avond"},
    ])
    return signalen, zaken, pogingen


@pytest.mark.parametrize("client", ["bsn", "adres"])
def test_the_text_is_the_bytes_build_ddas_gives(client):
    frames = gemeente_frames()
    odd = awkward_frames()
    got = texts({"0001": frames, "0002": odd}, ["0001", "0002", "0003"], client)
    assert list(got) == ["0001", "0002", "0003"]
    assert got["0001"] == expected(frames, "0001", client)
    assert got["0002"] == expected(odd, "0002", client)
    # a gemeente without rows in the frames: empty lists
    assert got["0003"] == expected([f.clear() for f in frames], "0003", client)


def test_many_plain_rows_in_many_gemeenten():
    """Sorting and joining per gemeente: IDs and zaken in another order than the rows."""
    per = {}
    for g, code in enumerate(["0100", "0007", "0363"]):
        signalen = signalen_frame([
            signaal(f"S{(i * 7) % 23:03d}-{code}", bsn=f"1{i:08d}" if i % 3 else None, bedrag=i * 10.5,
                    huisnummertoevoeging="A" if i % 4 == 0 else None, crisissignaal=i % 5 == 0)
            for i in range(23)
        ])
        zaken = zaken_frame([
            {"melding_id": f"M{i}", "maand": D(2024, 2 + i % 2, 1), "resultaat": None if i % 2 else "Geen hulp nodig",
             "datum_opgepakt": None, "signaal_ids": [f"S{(i * 5) % 23:03d}-{code}", f"S{(i * 3) % 23:03d}-{code}"]}
            for i in range(11)
        ])
        per[code] = (signalen, zaken, pogingen_frame([]))
    got = texts(per, ["0007", "0100", "0363"])
    for code, frames in per.items():
        assert got[code] == expected(frames, code)


def test_a_signal_by_hand():
    signalen = signalen_frame([signaal("S1", bsn="123456782", bedrag=49.5, crisissignaal=True)])
    zaken = zaken_frame([{"melding_id": "M1", "maand": D(2024, 3, 1), "resultaat": None, "datum_opgepakt": None,
                          "signaal_ids": ["S1"]}])
    text = texts({"0001": (signalen, zaken, pogingen_frame([]))}, ["0001"])["0001"].decode()
    assert '''
      "vroegsignaalzaken": [
        {
          "contactpogingen": [],
          "einddatumMatchingperiode": "2024-03-31",
          "matchingsdatum": "2024-03-31",
          "startdatumMatchingperiode": "2024-03-01",
          "vroegsignalen": [
            {
              "ID": "S1"
            }
          ]
        }
      ],
      "vroegsignalen": [
        {
          "ID": "S1",
          "bedrag": 50,
          "client": {
            "burgerservicenummer": "123456782"
          },
          "crisissignaal": true,
          "ontstaansdatum": "2024-01-15",
          "signaaldatum": "2024-03-04",
          "signaalpartner": {
            "type": "Zorg"
          },
          "status": "Opgepakt",
          "warmeOverdracht": false
        }
      ]
    }
  ],
  "startdatumLevering": "2024-02-01"
}
''' in text


def test_frames_of_another_shape_are_built_row_wise():
    signalen, zaken, pogingen = gemeente_frames()
    other = signalen.with_columns(pl.col("huisnummer").cast(pl.String))
    got = texts({"0001": (other, zaken, pogingen)}, ["0001"])
    assert got["0001"] == expected((other, zaken, pogingen), "0001")


def test_whole_euros_expr_by_hand():
    amounts = [49.5, 49.49, -49.5, -49.49, 0.5, -0.5, 0.49999999999999994, 2.5, 1199.5, 0.0, -0.0, 1e15 + 0.5]
    got = pl.DataFrame({"a": amounts}).select(whole_euros_expr(pl.col("a")))["a"].to_list()
    assert got == [50, 49, -50, -49, 1, -1, 0, 3, 1200, 0, 0, 1_000_000_000_000_001]


def test_whole_euros_expr_is_whole_euros():
    import random

    rng = random.Random(7)
    amounts = [rng.uniform(-5000, 5000) for _ in range(2000)] + [rng.randint(-10**6, 10**6) / 2 for _ in range(2000)]
    amounts += [rng.randint(-10**6, 10**6) / 100 for _ in range(2000)]
    got = pl.DataFrame({"a": amounts}).select(whole_euros_expr(pl.col("a")))["a"].to_list()
    assert got == [whole_euros(a) for a in amounts]
    assert all(math.isfinite(a) for a in amounts)


def test_an_invalid_text_is_not_written(tmp_path):
    frames = gemeente_frames()
    good = expected(frames, "0001")
    bad = good.replace(b'"burgerservicenummer": "123456782"', b'"burgerservicenummer": "12345678"')
    assert bad != good
    with pytest.raises(DdasInvalid) as raised:
        write_ddas_text(bad, tmp_path / "ddas.json")
    assert not (tmp_path / "ddas.json").exists()
    assert "$.leveringen[0].vroegsignalen[0].client" in str(raised.value)
    assert "12345678" not in str(raised.value)


def test_a_valid_text_is_written_as_it_is(tmp_path):
    good = expected(gemeente_frames(), "0001")
    document = write_ddas_text(good, tmp_path / "ddas.json")
    assert (tmp_path / "ddas.json").read_bytes() == good
    assert stat.S_IMODE((tmp_path / "ddas.json").stat().st_mode) == 0o600
    assert len(document["leveringen"][0]["vroegsignalen"]) == 3
    assert check_ddas_text(good) == document
