"""An export whose address columns follow the BAG (Huisnummer, Huisletter, Huisnummertoevoeging)
ingests; homes that differ only by letter or toevoeging stay apart, in the signals, the reference
files and the DDAS delivery (DDAS v1.2 has no huisletter: it leads the toevoeging)."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from pipeline.cli import main


@pytest.fixture()
def key(monkeypatch):
    monkeypatch.setenv("VROEGSIGNAAL_SLEUTEL", "bag-adressen-sleutel-0123456789")


def query(path: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_bag_columns_keep_letter_and_toevoeging_apart(tmp_path, key):
    landing, out = tmp_path / "landing", tmp_path / "out"
    (landing / "referentie").mkdir(parents=True)
    (landing / "referentie" / "gemeenten.csv").write_text(
        "gemeentecode;naam;jaar;inwoners\n0999;Proefstad;2024;10.000\n", encoding="utf-8")
    (landing / "referentie" / "huishoudens.csv").write_text(
        "Postcode;Huisnummer;Huisletter;Huisnummertoevoeging;minderjarige_kinderen\n"
        "1234AB;12;B;;2\n1234AB;12;;2;0\n", encoding="utf-8")
    folder = landing / "signalen" / "2024-03"
    folder.mkdir(parents=True)
    (folder / "bag.csv").write_text(
        "Kenmerk;gemeentecode;VLP_type;VLP;signaaldatum;bedrag;Postcode;Huisnummer;Huisletter;Huisnummertoevoeging\n"
        "A;0999;Zorg;Zorg NV;2024-03-01;100;1234AB;12;B;\n"        # 12B
        "B;0999;Energie;Stroom BV;2024-03-02;100;1234AB;12;b;2\n"  # 12B-2
        "C;0999;Water;Water NV;2024-03-03;100;1234AB;12;;2\n",     # 12-2
        encoding="utf-8")
    (folder / "een_kolom.csv").write_text(
        "Kenmerk;gemeentecode;VLP_type;VLP;signaaldatum;bedrag;Postcode;Huisnummer\n"
        "D;0999;Huur;Woon BV;2024-03-04;100;1234AB;12 B-2\n"       # 12B-2 in one column
        "E;0999;Huur;Woon BV;2024-03-05;100;1234AB;12b2\n",        # the same home, another spelling; other id
        encoding="utf-8")
    assert main(["run", "--landing", str(landing), "--out", str(out)]) == 0
    warehouse = out / "warehouse.duckdb"
    assert query(warehouse, "select signaal_id, huisnummer, huisletter, huisnummertoevoeging from raw_signalen order by 1") == [
        ("A", 12, "B", None), ("B", 12, "B", "2"), ("C", 12, None, "2"), ("D", 12, "B", "2"), ("E", 12, "B", "2")]
    homes = query(warehouse, "select k.adres, k.aantal_signalen, r.minderjarige_kinderen from int_melding_kandidaten k "
                  "join int_melding_referentie r using (melding_id) order by 1")
    assert homes == [("1234AB|12|2", 1, 0), ("1234AB|12|B", 1, 2), ("1234AB|12|B2", 3, None)]
    assert query(out / "analytics.duckdb", "select count(distinct adres_sleutel) from meldingen") == [(3,)]

    assert main(["ddas", "--out", str(out), "--gemeente", "0999", "--van", "2024-03", "--tot", "2024-03",
                 "--leverancier", "TEST", "--client", "adres"]) == 0
    path = out / "ddas" / "ddas_0999_2024-03_2024-03.json"
    signalen = json.loads(path.read_text(encoding="utf-8"))["leveringen"][0]["vroegsignalen"]
    assert {s["ID"]: s["client"].get("huisnummertoevoeging") for s in signalen} == {
        "A": "B", "B": "B-2", "C": "2", "D": "B-2", "E": "B-2"}
