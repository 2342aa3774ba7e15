"""A landing folder holding only DDAS deliveries, end to end through the CLI: signals in the month
of their signaaldatum, meldingen and recurrence, the delivered status, a zaak's contact attempts
on the pipeline's melding, overlapping deliveries (duplicate or quarantined), a broken file, and a
month delivered both as a CSV folder and as DDAS (refused)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import duckdb
import pytest

from pipeline.cli import main


def vs(signaal_id: str, datum: str, postcode: str = "1234AB", status: str = "Opgepakt", bedrag: int = 200,
       type_: str = "Zorg") -> dict:
    return {"ID": signaal_id, "crisissignaal": False, "warmeOverdracht": False, "bedrag": bedrag,
            "ontstaansdatum": "2023-12-01", "signaaldatum": datum, "status": status,
            "signaalpartner": {"type": type_}, "client": {"postcode": postcode, "huisnummer": "12"}}


def delivery(vroegsignalen: list[dict], zaken: list[dict]) -> dict:
    return {
        "codeGegevensleverancier": "PLATFORM", "startdatumLevering": "2024-01-01", "einddatumLevering": "2024-03-31",
        "aanleverdatumEnTijd": "2024-04-02T09:30:00+02:00",
        "leveringen": [{"teller": 1, "gemeentecode": "0999",
                        "aanleverendeOrganisatie": {"naam": "Gemeente Proefstad", "contactpersonen": [{"naam": "Team"}]},
                        "vroegsignalen": vroegsignalen, "vroegsignaalzaken": zaken}],
    }


def melding_id(maand: str, lowest: str) -> str:
    return f"0999-{maand}-{hashlib.md5(lowest.encode()).hexdigest()[:12]}"


FIRST = delivery(
    [
        vs("S1", "2024-01-10"),
        vs("S2", "2024-01-20", type_="Huur"),
        vs("S3", "2024-01-25", postcode="9999ZZ", status="Niet opgepakt: herhaalde melding"),
        vs("S4", "2024-02-05", postcode="5555EE", status="Nog niet opgepakt", bedrag=10),
        vs("S5", "2024-03-03"),
    ],
    [
        {"resultaat": "Geen reactie na eerder contact", "startdatumMatchingperiode": "2024-01-01",
         "vroegsignalen": [{"ID": "S2"}, {"ID": "S1"}],
         "contactpogingen": [{"soort": "Brief", "bereikt": False, "datum": "2024-01-28"},
                             {"soort": "Telefoon", "bereikt": True, "datum": "2024-02-02", "dagdeel": "Middag"}]},
        {"startdatumMatchingperiode": "2024-03-01", "vroegsignalen": [{"ID": "S5"}]},
    ],
)

#: A later, overlapping delivery: S1 again unchanged (duplicate), S5 with another amount (quarantined),
#: S4 now decided by the platform, S6 new, and the first zaak again (its attempts are duplicates).
SECOND = delivery(
    [vs("S1", "2024-01-10"), vs("S2", "2024-01-20", type_="Huur"), vs("S4", "2024-02-05", postcode="5555EE", bedrag=10),
     vs("S5", "2024-03-03", bedrag=999), vs("S6", "2024-03-20", postcode="7777GG")],
    [FIRST["leveringen"][0]["vroegsignaalzaken"][0]],
)


@pytest.fixture()
def key(monkeypatch):
    monkeypatch.setenv("VROEGSIGNAAL_SLEUTEL", "ddas-invoer-sleutel-0123456789")


def ddas_landing(tmp_path: Path) -> Path:
    landing = tmp_path / "landing"
    (landing / "referentie").mkdir(parents=True)
    (landing / "referentie" / "gemeenten.csv").write_text(
        "gemeentecode;naam;jaar;inwoners\n0999;Proefstad;2024;10.000\n", encoding="utf-8")
    (landing / "ddas").mkdir()
    (landing / "ddas" / "levering_1.json").write_text(json.dumps(FIRST), encoding="utf-8")
    (landing / "ddas" / "levering_2.json").write_text(json.dumps(SECOND), encoding="utf-8")
    return landing


def query(path: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_a_landing_folder_of_only_ddas_runs_end_to_end(tmp_path, key):
    landing, out = ddas_landing(tmp_path), tmp_path / "out"
    assert main(["run", "--landing", str(landing), "--out", str(out)]) == 0
    analytics = out / "analytics.duckdb"
    m1, m3 = melding_id("202401", "S1"), melding_id("202403", "S6")
    m4 = melding_id("202402", "S4")
    # delivered statuses kept; the latest delivery of S4 decided it (its first said 'Nog niet opgepakt');
    # no creditor name in DDAS
    assert query(analytics, "select signaal_id, maand::varchar, status, melding_id, signaalpartner_naam from signalen order by 1") == [
        ("S1", "2024-01-01", "Opgepakt", m1, None), ("S2", "2024-01-01", "Opgepakt", m1, None),
        ("S3", "2024-01-01", "Niet opgepakt: herhaalde melding", None, None),
        ("S4", "2024-02-01", "Opgepakt", m4, None),
        ("S5", "2024-03-01", "Opgepakt", melding_id("202403", "S5"), None),
        ("S6", "2024-03-01", "Opgepakt", m3, None),
    ]
    # meldingen per address and month: S1+S2 meervoudig; S5 two months after S1/S2 at the same address: opeenvolgend
    assert query(analytics, "select melding_id, aantal_signalen, is_meervoudig, is_opeenvolgend, opeenvolgend_zelfde_partner, "
                 "opeenvolgend_andere_partner from meldingen order by maand, melding_id") == sorted([
        (m1, 2, True, False, False, False),
        (m4, 1, False, False, False, False),
        (melding_id("202403", "S5"), 1, False, True, True, True),
        (m3, 1, False, False, False, False),
    ], key=lambda r: (r[0].split("-")[1], r[0]))
    # the zaak's attempts belong to the pipeline's melding of its lowest signal; delivered twice: counted once
    assert query(out / "warehouse.duckdb", "select melding_id, contactdatum::varchar, soort, bereikt, resultaat "
                 "from int_contactpogingen order by contactdatum") == [
        (m1, "2024-01-28", "Brief", False, None), (m1, "2024-02-02", "Telefoon", True, "Geen reactie na eerder contact")]
    # every record accounted for, per file and month; format ddas
    files = query(analytics, "select bestand, maand::varchar, soort, formaat, rijen_gelezen, geaccepteerd, duplicaten, "
                  "quarantaine from bestanden where soort <> 'gemeenten' order by soort, bestand, maand")
    assert files == [
        ("ddas/levering_1.json", "2024-01-01", "contactpogingen", "ddas", 2, 2, 0, 0),
        ("ddas/levering_2.json", "2024-01-01", "contactpogingen", "ddas", 2, 0, 2, 0),
        ("ddas/levering_1.json", "2024-01-01", "signalen", "ddas", 3, 3, 0, 0),
        ("ddas/levering_1.json", "2024-02-01", "signalen", "ddas", 1, 1, 0, 0),
        ("ddas/levering_1.json", "2024-03-01", "signalen", "ddas", 1, 1, 0, 0),
        ("ddas/levering_2.json", "2024-01-01", "signalen", "ddas", 2, 0, 2, 0),
        ("ddas/levering_2.json", "2024-02-01", "signalen", "ddas", 1, 0, 1, 0),
        ("ddas/levering_2.json", "2024-03-01", "signalen", "ddas", 2, 1, 0, 1),
    ]
    assert query(analytics, "select bestand, rij, veld, reden from quarantaine") == [
        ("ddas/levering_2.json", 4, "signaal_id", "signaal_id: eerder geleverd met een andere inhoud")]
    assert query(analytics, "select count(*) from aanpaklijst") == [(4,)]
    assert query(analytics, "select count(*) from monitor_maand where gemeentecode = '0999'") == [(3,)]
    assert (out / "rapport" / "0999.html").is_file()


def test_a_broken_delivery_stops_only_itself_and_is_named(tmp_path, key, capsys):
    landing, out = ddas_landing(tmp_path), tmp_path / "out"
    (landing / "ddas" / "levering_3.json").write_text('{"leveringen": "geen lijst"}', encoding="utf-8")
    assert main(["run", "--landing", str(landing), "--out", str(out)]) != 0
    err = capsys.readouterr().err
    assert "ddas/levering_3.json" in err and "Traceback" not in err
    # the other deliveries were read
    assert query(out / "warehouse.duckdb", "select count(*) from raw_signalen") == [(10,)]


def test_a_month_in_both_a_csv_folder_and_a_ddas_delivery_is_refused(tmp_path, key, capsys):
    landing, out = ddas_landing(tmp_path), tmp_path / "out"
    folder = landing / "signalen" / "2024-02"
    folder.mkdir(parents=True)
    (folder / "export.csv").write_text(
        "signaal_id;gemeentecode;signaalpartner_type;signaalpartner_naam;signaaldatum;bedrag;postcode;huisnummer\n"
        "X1;0999;Zorg;Zorg NV;2024-02-07;120;1234AB;12\n", encoding="utf-8")
    assert main(["run", "--landing", str(landing), "--out", str(out)]) != 0
    err = capsys.readouterr().err
    assert "2024-02" in err and "ddas/levering_1.json" in err and "één bron per maand" in err
    months = query(out / "warehouse.duckdb", "select distinct partitie::varchar from raw_signalen order by 1")
    assert months == [("2024-01-01",), ("2024-03-01",)]  # the refused month is not ingested from either source
