"""DDAS v1.2 deliveries as input (pipeline/ingest/ddas.py), on hand-made documents: months by
signaaldatum, the delivered status, the JSON path of every quarantined record (never its value),
files that are not a delivery, BSN-only clients, and a zaak's contact attempts."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

import polars as pl
import pytest

from pipeline.common.ddas_validate import validate_ddas
from pipeline.ingest.ddas import read_ddas_landing

TODAY = dt.date(2024, 12, 1)
SECRET_POSTCODE = "0123XY"  # an invalid postcode: must never appear in a reason


def vs(signaal_id: str, datum: str, *, client: dict | None = None, status: str = "Opgepakt", **extra) -> dict:
    return {
        "ID": signaal_id, "crisissignaal": False, "warmeOverdracht": False, "bedrag": 250,
        "ontstaansdatum": "2024-01-02", "signaaldatum": datum, "status": status,
        "signaalpartner": {"type": extra.pop("type", "Zorg")},
        "client": client if client is not None else {"postcode": "1234AB", "huisnummer": "12"},
        **extra,
    }


def document(vroegsignalen: list[dict], zaken: list[dict] | None = None, gemeente: str = "0999") -> dict:
    return {
        "codeGegevensleverancier": "PLATFORM", "startdatumLevering": "2024-01-01", "einddatumLevering": "2024-03-31",
        "aanleverdatumEnTijd": "2024-04-02T09:30:00+02:00",
        "leveringen": [{
            "teller": 1, "gemeentecode": gemeente,
            "aanleverendeOrganisatie": {"naam": "Gemeente Proefstad", "contactpersonen": [{"naam": "Team"}]},
            "vroegsignalen": vroegsignalen, "vroegsignaalzaken": zaken or [],
        }],
    }


def landing_with(tmp_path: Path, files: dict[str, object]) -> Path:
    folder = tmp_path / "landing" / "ddas"
    folder.mkdir(parents=True)
    for name, content in files.items():
        text = content if isinstance(content, str) else json.dumps(content)
        (folder / name).write_text(text, encoding="utf-8")
    return tmp_path / "landing"


def rows_of(ddas, soort: str) -> pl.DataFrame:
    frames = [r.rows.with_columns(pl.lit(n).alias("bestand"), pl.lit(m).alias("maand"))
              for (s, m), parts in ddas.results.items() if s == soort for n, r in parts]
    return pl.concat(frames, how="diagonal").sort("bestand", "rij") if frames else pl.DataFrame()


def quarantine_of(ddas, soort: str) -> list[tuple]:
    return sorted((n, q["rij"], q["veld"], q["reden"]) for (s, _), parts in ddas.results.items() if s == soort
                  for n, r in parts for q in r.quarantine.iter_rows(named=True))


def test_signals_land_in_the_month_of_their_signaaldatum_with_the_delivered_status(tmp_path):
    doc = document([
        vs("A", "2024-01-31"),
        vs("B", "2024-02-01", status="Niet opgepakt: herhaalde melding", type="Energie",
           client={"postcode": "1234 ab", "huisnummer": "12", "huisnummertoevoeging": "B-2"}),
        vs("C", "2024-03-15", status="Nog niet opgepakt", client={"burgerservicenummer": "111222333"}),
    ])
    assert validate_ddas(doc) == []
    ddas = read_ddas_landing(landing_with(tmp_path, {"k1.json": doc}), today=TODAY)
    assert ddas.problems == []
    assert ddas.months("signalen") == [dt.date(2024, 1, 1), dt.date(2024, 2, 1), dt.date(2024, 3, 1)]
    rows = rows_of(ddas, "signalen")
    assert rows.select("signaal_id", "maand", "status_geleverd", "signaalpartner_naam", "postcode", "huisnummer",
                       "huisnummertoevoeging", "bsn").rows() == [
        ("A", dt.date(2024, 1, 1), "Opgepakt", None, "1234AB", 12, None, None),
        ("B", dt.date(2024, 2, 1), "Niet opgepakt: herhaalde melding", None, "1234AB", 12, "B2", None),
        ("C", dt.date(2024, 3, 1), "Nog niet opgepakt", None, None, None, None, "111222333"),
    ]
    assert rows["bedrag"].to_list() == [250.0] * 3 and rows["gemeentecode"].to_list() == ["0999"] * 3
    for (soort, _), parts in ddas.results.items():
        for _, result in parts:
            assert result.format == "ddas" and result.rows_read == result.rows.height + result.quarantine.height


def test_a_record_that_breaks_the_schema_or_a_field_rule_is_quarantined_with_its_path_never_its_value(tmp_path):
    doc = document([
        vs("A", "2024-01-10"),
        vs("B", "2024-01-11", bedrag="€ 9876"),  # schema: bedrag is an integer
        vs("C", "2024-01-12", client={"postcode": SECRET_POSTCODE, "huisnummer": "12"}),  # field rule: postcode
        vs("D", "2024-01-13", bedrag=250000),  # field rule: more than 100.000
        vs("E", "2024-01-14", client={"burgerservicenummer": "123", "postcode": "1234AB"}),  # oneOf broken
    ])
    ddas = read_ddas_landing(landing_with(tmp_path, {"k1.json": doc}), today=TODAY)
    assert rows_of(ddas, "signalen")["signaal_id"].to_list() == ["A"]
    found = quarantine_of(ddas, "signalen")
    assert [(rij, veld) for _, rij, veld, _ in found] == [(2, "bedrag"), (3, "postcode"), (4, "bedrag"), (5, "postcode")]
    reasons = {rij: reden for _, rij, _, reden in found}
    assert reasons[2] == "$.leveringen[0].vroegsignalen[1].bedrag: verkeerd type (verwacht integer)"
    assert reasons[3] == "$.leveringen[0].vroegsignalen[2].client.postcode: geen geldige postcode (1234AB)"
    assert reasons[4].startswith("$.leveringen[0].vroegsignalen[3].bedrag: ")
    assert reasons[5].startswith("$.leveringen[0].vroegsignalen[4].client: voldoet aan geen van de varianten")
    text = json.dumps(found)
    for value in (SECRET_POSTCODE, "9876", "250000", '"123"'):
        assert value not in text


def test_a_file_that_is_not_a_delivery_stops_only_that_file_and_is_named(tmp_path):
    header_broken = document([vs("B", "2024-01-10")])
    del header_broken["codeGegevensleverancier"]
    landing = landing_with(tmp_path, {
        "a_goed.json": document([vs("A", "2024-01-10")]),
        "b_geen_json.json": "{dit is geen json",
        "c_csv.json": "signaal_id;bedrag\nX;12\n",
        "d_kop_kapot.json": header_broken,
        "e_lijst.json": [1, 2, 3],
    })
    ddas = read_ddas_landing(landing, today=TODAY)
    assert rows_of(ddas, "signalen")["signaal_id"].to_list() == ["A"]
    messages = sorted(str(p) for p in ddas.problems)
    assert [m.split(":")[0] for m in messages] == ["ddas/b_geen_json.json", "ddas/c_csv.json", "ddas/d_kop_kapot.json",
                                                  "ddas/e_lijst.json"]
    assert "codeGegevensleverancier" in messages[2] and "levering gestopt" in messages[2]


def test_a_bsn_only_client_gets_the_address_of_its_zaak_else_of_the_same_bsn_elsewhere_else_none(tmp_path):
    adres = {"postcode": "1234AB", "huisnummer": "7", "huisnummertoevoeging": "A"}
    doc = document(
        [
            vs("A1", "2024-02-03", client=adres, type="Energie"),
            vs("A2", "2024-02-05", client={"burgerservicenummer": "111222333"}),  # same zaak as A1
            vs("B1", "2024-01-20", client={"burgerservicenummer": "111222333"}),  # same BSN, no zaak address
            vs("C1", "2024-03-20", client={"burgerservicenummer": "123456782"}),  # nothing known
        ],
        [
            {"startdatumMatchingperiode": "2024-02-01", "vroegsignalen": [{"ID": "A2"}, {"ID": "A1"}]},
            {"vroegsignalen": [{"ID": "B1"}]},
        ],
    )
    ddas = read_ddas_landing(landing_with(tmp_path, {"k1.json": doc}), today=TODAY)
    rows = rows_of(ddas, "signalen").sort("signaal_id")
    assert rows.select("signaal_id", "postcode", "huisnummer", "huisnummertoevoeging", "bsn").rows() == [
        ("A1", "1234AB", 7, "A", None),
        ("A2", "1234AB", 7, "A", "111222333"),
        ("B1", "1234AB", 7, "A", "111222333"),
        ("C1", None, None, None, "123456782"),
    ]


def test_zaak_attempts_point_at_the_lowest_signal_and_carry_the_result_on_the_last_attempt(tmp_path):
    zaak = {
        "resultaat": "(Budget)advies en/of quick fix", "startdatumMatchingperiode": "2024-02-01",
        "vroegsignalen": [{"ID": "S2"}, {"ID": "S1"}],
        "contactpogingen": [
            {"soort": "Telefoon", "bereikt": True, "datum": "2024-02-20", "dagdeel": "Ochtend"},
            {"soort": "Brief", "bereikt": False, "datum": "2024-02-10"},
        ],
    }
    doc = document(
        [vs("S1", "2024-02-03"), vs("S2", "2024-02-04", type="Huur"), vs("S3", "2024-02-05")],
        [
            zaak,
            {"resultaat": "Inwoner al bekend bij schuldhulpverlening", "vroegsignalen": [{"ID": "S3"}]},  # no attempt
            {"vroegsignalen": [{"ID": "ONBEKEND"}], "contactpogingen": [{"soort": "Mail", "bereikt": False,
                                                                          "datum": "2024-02-11"}]},
            {"vroegsignalen": [{"ID": "S3"}], "contactpogingen": [{"soort": "Fax", "bereikt": False,
                                                                     "datum": "2024-02-12"}]},
        ],
    )
    ddas = read_ddas_landing(landing_with(tmp_path, {"k1.json": doc}), today=TODAY)
    attempts = rows_of(ddas, "contactpogingen")
    assert attempts.select("rij", "melding_id", "zaak_signaal_id", "contactdatum", "soort", "bereikt", "resultaat").rows() == [
        (1, None, "S1", dt.date(2024, 2, 20), "Telefoon", True, "(Budget)advies en/of quick fix"),
        (2, None, "S1", dt.date(2024, 2, 10), "Brief", False, None),
    ]
    found = quarantine_of(ddas, "contactpogingen")
    assert [(rij, veld) for _, rij, veld, _ in found] == [(3, "resultaat"), (4, "vroegsignalen"), (5, "soort")]
    assert found[0][3].startswith("$.leveringen[0].vroegsignaalzaken[1].resultaat: vroegsignaalzaak met een resultaat")
    assert found[1][3] == ("$.leveringen[0].vroegsignaalzaken[2].vroegsignalen[0]: verwijst naar een vroegsignaal "
                           "dat niet in deze levering staat")
    assert found[2][3] == ("$.leveringen[0].vroegsignaalzaken[3].contactpogingen[0].soort: waarde komt niet voor in de "
                           "toegestane lijst")
    assert all(r.rows_read == r.rows.height + r.quarantine.height
               for (s, _), parts in ddas.results.items() for _, r in parts)


@pytest.mark.parametrize("gemeente", ["0999", "GM0999", "999"])
def test_gemeentecode_of_the_levering_is_normalised(tmp_path, gemeente):
    doc = document([vs("A", "2024-01-10")], gemeente=gemeente)
    ddas = read_ddas_landing(landing_with(tmp_path, {"k1.json": copy.deepcopy(doc)}), today=TODAY)
    assert rows_of(ddas, "signalen")["gemeentecode"].to_list() == ["0999"]
