"""Retention purge and key rotation end to end: personal data goes, recurrence stays."""

import duckdb
import pytest

from pipeline.cli import main
from tests.e2e.test_cli_run import write_month

KEY_A = "sleutel-a-voor-de-test-0123456789"
KEY_B = "sleutel-b-voor-de-test-9876543210"


def query(path, sql):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture()
def landing(tmp_path):
    landing = tmp_path / "landing"
    write_month(landing, "2023-01", ["P1;0999;Zorg;Zorg NV;10-01-2023;120;1234AB;1"])
    write_month(landing, "2023-03", ["P2;0999;Huur;Woon BV;10-03-2023;300;1234AB;1"])
    write_month(landing, "2024-11", ["L1;0999;Zorg;Zorg NV;10-11-2024;150;1234AB;1"])
    write_month(landing, "2024-12", ["L2;0999;Water;Water NV;10-12-2024;90;5555XX;5"])
    return landing


def meldingen(out):
    return query(out / "analytics.duckdb",
                 "select melding_id, maand, adres_sleutel, is_opeenvolgend, aaneengesloten_maanden from meldingen order by maand")


@pytest.mark.cost(18)
def test_purge_removes_personal_fields_keeps_recurrence_and_is_not_undone_by_a_rerun(tmp_path, landing, monkeypatch, capsys):
    monkeypatch.setenv("VROEGSIGNAAL_SLEUTEL", KEY_A)
    out = tmp_path / "out"
    assert main(["run", "--landing", str(landing), "--out", str(out)]) == 0
    before = meldingen(out)
    assert [m[3] for m in before] == [False, True, False, False]

    assert main(["opschonen", "--out", str(out), "--peildatum", "2024-12-15"]) == 0
    text = capsys.readouterr().out
    assert "2 signaalrijen" in text and "2023-01" in text and "2023-03" in text
    raw = query(out / "warehouse.duckdb", "select signaal_id, postcode, huisnummer, adres, opgeschoond_op is not null, "
                "adres_sleutel is not null from raw_signalen order by 1")
    assert [r[:3] + r[4:] for r in raw] == [("L1", "1234AB", 1, False, True), ("L2", "5555XX", 5, False, True),
                                           ("P1", None, None, True, True), ("P2", None, None, True, True)]
    assert [r[3] is None for r in raw] == [False, False, True, True]  # the normalised address goes too
    assert meldingen(out) == before

    assert main(["run", "--landing", str(landing), "--out", str(out)]) == 0  # landing still holds the old files
    assert query(out / "warehouse.duckdb", "select count(*) from raw_signalen where postcode is null") == [(2,)]
    assert meldingen(out) == before


@pytest.mark.cost(18)
def test_key_rotation_rebuilds_every_key_consistently_also_for_purged_rows(tmp_path, landing, monkeypatch, capsys):
    monkeypatch.setenv("VROEGSIGNAAL_SLEUTEL", KEY_A)
    out = tmp_path / "out"
    assert main(["run", "--landing", str(landing), "--out", str(out)]) == 0
    assert main(["opschonen", "--out", str(out), "--peildatum", "2024-12-15"]) == 0
    before = meldingen(out)

    monkeypatch.setenv("VROEGSIGNAAL_OUDE_SLEUTEL", KEY_A)
    monkeypatch.setenv("VROEGSIGNAAL_SLEUTEL", KEY_B)
    assert main(["sleutel-roteren", "--out", str(out)]) == 0
    after = meldingen(out)
    assert [(m[0], m[1], m[3], m[4]) for m in after] == [(m[0], m[1], m[3], m[4]) for m in before]
    assert not {m[2] for m in after} & {m[2] for m in before}  # every key changed
    # the purged 2023 rows and the living 2024-11 row at the same address share the new key
    same_address = [m[2] for m in after if m[1].year == 2023 or m[1].month == 11]
    assert len(set(same_address)) == 1


def test_rotation_refuses_without_the_old_key(tmp_path, landing, monkeypatch, capsys):
    monkeypatch.setenv("VROEGSIGNAAL_SLEUTEL", KEY_A)
    monkeypatch.delenv("VROEGSIGNAAL_OUDE_SLEUTEL", raising=False)
    assert main(["sleutel-roteren", "--out", str(tmp_path / "out")]) == 2
    assert "VROEGSIGNAAL_OUDE_SLEUTEL" in capsys.readouterr().err
