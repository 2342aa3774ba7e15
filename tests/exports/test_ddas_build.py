"""build_ddas: mapping of signals, zaken and attempts to DDAS v1.2, validated against the schema."""

from __future__ import annotations

import datetime as dt
import logging

import polars as pl
import pytest

from pipeline.exports.ddas import validate_ddas, whole_euros
from tests.exports.ddas_fixtures import D, build, gemeente_frames, signaal, signalen_frame, zaken_frame
from tests.exports.helpers import PERSONAL


def levering(document: dict) -> dict:
    (only,) = document["leveringen"]
    return only


def test_hand_made_gemeente_is_valid_with_expected_counts():
    document = build()
    assert validate_ddas(document) == []
    lev = levering(document)
    assert (lev["teller"], lev["gemeentecode"]) == (1, "GM0001")
    assert [s["ID"] for s in lev["vroegsignalen"]] == ["S1", "S2", "S3"]
    assert len(lev["vroegsignaalzaken"]) == 2
    assert sum(len(z["contactpogingen"]) for z in lev["vroegsignaalzaken"]) == 4  # the orphan attempt is left out


def test_top_level():
    document = build()
    assert {k: v for k, v in document.items() if k != "leveringen"} == {
        "codeGegevensleverancier": "VROEGSIGNAAL",
        "startdatumLevering": "2024-02-01",
        "einddatumLevering": "2024-03-31",
        "aanleverdatumEnTijd": "2024-04-02T09:30:00+00:00",
    }
    assert levering(document)["aanleverendeOrganisatie"] == {
        "naam": "Gemeente Voorbeeld",
        "kvk-nummer": "12345678",
        "contactpersonen": [{"naam": "Team Vroegsignalering", "email": "vroegsignalering@example.org"}],
    }


def test_naive_delivery_time_is_dutch_local_time():
    assert build(aangeleverd_op=dt.datetime(2024, 1, 5, 8, 0))["aanleverdatumEnTijd"] == "2024-01-05T08:00:00+01:00"
    assert build(aangeleverd_op=dt.datetime(2024, 7, 5, 8, 0, 1, 999))["aanleverdatumEnTijd"] == "2024-07-05T08:00:01+02:00"


def test_vroegsignalen_mapping_and_both_client_branches():
    s1, s2, s3 = levering(build())["vroegsignalen"]
    assert s1 == {
        "ID": "S1", "crisissignaal": True, "warmeOverdracht": False, "bedrag": 50,
        "ontstaansdatum": "2024-01-15", "signaaldatum": "2024-02-06", "status": "Opgepakt",
        "signaalpartner": {"type": "Zorg"},
        "client": {"burgerservicenummer": "123456782"},  # the BSN branch allows nothing else
    }
    assert s2["client"] == {
        "postcode": "1234AB", "huisnummer": "12", "huisnummertoevoeging": "bis",
        "geboortedatum": "1975-06-15", "geslachtsaanduiding": "Vrouw",
    }
    assert (s2["bedrag"], s2["warmeOverdracht"], s2["signaalpartner"]) == (49, True, {"type": "Huur"})
    assert s3["client"] == {"postcode": "1234AB", "huisnummer": "12"}  # no toevoeging, birth date or sex
    assert "ontstaansdatum" not in s3 and s3["status"] == "Nog niet opgepakt" and s3["bedrag"] == 1200


def test_client_adres_gives_the_address_branch_whenever_the_address_is_known():
    s1, s2, _ = levering(build(client="adres"))["vroegsignalen"]
    # S1 has a BSN and an address: with client="adres" the address (with birth date and sex) goes
    assert s1["client"] == {"postcode": "1234AB", "huisnummer": "12", "geboortedatum": "1980-02-29",
                            "geslachtsaanduiding": "Man"}
    assert s2["client"]["huisnummertoevoeging"] == "bis"
    assert validate_ddas(build(client="adres")) == []
    without_address = gemeente_frames()[0].with_columns(pl.lit(None, dtype=pl.String).alias("postcode"))
    assert levering(build(signalen=without_address, client="adres"))["vroegsignalen"][0]["client"] == {
        "burgerservicenummer": "123456782"}  # no address known: the BSN still
    with pytest.raises(ValueError):
        build(client="naam")


@pytest.mark.parametrize(
    ("amount", "euros"),
    [(49.5, 50), (49.49, 49), (0.5, 1), (0.49, 0), (2.675, 3), (1234.5, 1235), (100.0, 100), (0.0, 0), (None, None),
     (float("nan"), None)],
)
def test_whole_euros_round_half_up(amount, euros):
    assert whole_euros(amount) == euros


def test_missing_amount_and_flags_are_left_out():
    signalen = signalen_frame([signaal("S1", bedrag=None, crisissignaal=None, warme_overdracht=None, status=None)])
    zaken = zaken_frame([{"melding_id": "M", "maand": D(2024, 3, 1), "resultaat": None, "datum_opgepakt": None,
                          "signaal_ids": ["S1"]}])
    document = build(signalen, zaken, gemeente_frames()[2].clear())
    assert set(levering(document)["vroegsignalen"][0]) == {"ID", "signaaldatum", "ontstaansdatum", "signaalpartner", "client"}
    assert validate_ddas(document) == []


def test_zaken_mapping_order_and_attempts():
    enkel, meervoudig = levering(build())["vroegsignaalzaken"]  # ordered by first signal ID: S1 before S2
    assert enkel == {
        "startdatumMatchingperiode": "2024-02-01",
        "einddatumMatchingperiode": "2024-02-29",
        "matchingsdatum": "2024-02-29",
        "vroegsignalen": [{"ID": "S1"}],
        "contactpogingen": [{"soort": "SMS/Whatsapp", "bereikt": False, "datum": "2024-02-20", "dagdeel": "Middag"}],
    }
    assert meervoudig["resultaat"] == "(Budget)advies en/of quick fix"
    assert meervoudig["datumOpgepakt"] == "2024-03-10"
    assert (meervoudig["startdatumMatchingperiode"], meervoudig["einddatumMatchingperiode"], meervoudig["matchingsdatum"]) == (
        "2024-03-01", "2024-03-31", "2024-03-31")
    assert meervoudig["vroegsignalen"] == [{"ID": "S2"}, {"ID": "S3"}]  # sorted, the double S3 once
    assert meervoudig["contactpogingen"] == [  # by date, then soort
        {"soort": "Brief", "bereikt": False, "datum": "2024-03-11"},
        {"soort": "Huisbezoek", "bereikt": True, "datum": "2024-03-12", "dagdeel": "Avond"},
        {"soort": "Telefoon", "bereikt": False, "datum": "2024-03-12", "dagdeel": "Ochtend"},
    ]


def test_same_input_in_another_order_gives_the_same_document():
    signalen, zaken, pogingen = gemeente_frames()
    assert build(signalen.reverse(), zaken.reverse(), pogingen.reverse()) == build()


def test_malformed_bsn_is_delivered_by_address(caplog):
    caplog.set_level(logging.DEBUG)
    signalen = signalen_frame([signaal("S1", bsn="12345678 "), signaal("S2", bsn=" "), signaal("S3", bsn=" 123456782 ")])
    clients = [s["client"] for s in levering(build(signalen))["vroegsignalen"]]
    assert "burgerservicenummer" not in clients[0] and clients[0]["postcode"] == "1234AB"
    assert "burgerservicenummer" not in clients[1]
    assert clients[2] == {"burgerservicenummer": "123456782"}
    assert "1 vroegsignalen met een BSN die geen 9 cijfers is" in caplog.text


def test_log_holds_counts_only(caplog):
    caplog.set_level(logging.DEBUG)
    build()
    assert "3 vroegsignalen, 2 vroegsignaalzaken" in caplog.text
    assert "1 contactpogingen horen bij geen zaak" in caplog.text
    for value in PERSONAL:
        assert value not in caplog.text


def test_missing_columns_refused():
    signalen, zaken, pogingen = gemeente_frames()
    with pytest.raises(ValueError, match="signalen mist kolommen: bsn"):
        build(signalen.drop("bsn"))
    with pytest.raises(ValueError, match="pogingen mist kolommen: dagdeel"):
        build(pogingen=pogingen.drop("dagdeel"))


def test_zaak_without_signals_does_not_validate():
    zaken = zaken_frame([{"melding_id": "M", "maand": D(2024, 3, 1), "resultaat": None, "datum_opgepakt": None,
                          "signaal_ids": []}])
    problems = validate_ddas(build(zaken=zaken))
    assert problems == ["$.leveringen[0].vroegsignaalzaken[0].vroegsignalen: te weinig elementen (minimaal 1)"]


def test_empty_period_is_valid():
    signalen, zaken, pogingen = (frame.clear() for frame in gemeente_frames())
    document = build(signalen, zaken, pogingen)
    assert levering(document)["vroegsignalen"] == [] and levering(document)["vroegsignaalzaken"] == []
    assert validate_ddas(document) == []


def test_polars_inputs_with_other_integer_and_decimal_types():
    signalen, zaken, pogingen = gemeente_frames()
    signalen = signalen.with_columns(pl.col("huisnummer").cast(pl.Int32), pl.col("bedrag").cast(pl.Decimal(12, 2)))
    assert build(signalen) == build()


def test_signal_without_id_does_not_validate():
    signalen = signalen_frame([signaal(None), signaal("S2"), signaal("S3")])
    zaken = zaken_frame([{"melding_id": "M", "maand": D(2024, 3, 1), "resultaat": None, "datum_opgepakt": None,
                          "signaal_ids": ["S2"]}])
    problems = validate_ddas(build(signalen, zaken))
    assert problems == ["$.leveringen[0].vroegsignalen[0]: verplicht veld ontbreekt: ID"]
