"""The bad-input corpus through the whole pipeline: every row ends accepted, duplicate or
quarantined with a reason; a file-level problem stops the month with a message naming the file,
never a traceback."""

import io

import duckdb
import polars as pl
import pytest

from pipeline.cli import main

HEADER = "signaal_id;gemeentecode;signaalpartner_type;signaalpartner_naam;signaaldatum;bedrag;postcode;huisnummer;bsn\n"

ROW_LEVEL = {
    "goed.csv": HEADER + "G1;0999;Zorg;Zorg NV;15-01-2024;120,50;1234AB;1;111222333\n",
    "header_only.csv": HEADER,
    "komma.csv": HEADER.replace(";", ",") + 'K1,0999,Huur,Woon BV,2024-01-16,"1,234.56",1234AB,2,\n',
    "bom.csv": "\ufeff" + HEADER + "B1;0999;Water;Water NV;16-01-2024;12,50;1234AB;3;\n",
    "bedragen.csv": HEADER
    + "N1;0999;Zorg;Zorg NV;16-01-2024;€ 1.234,56;1234AB;4;\n"
    + "N2;0999;Zorg;Zorg NV;16-01-2024;1,234.56;1234AB;5;\n"
    + "N3;0999;Zorg;Zorg NV;16-01-2024;-12,00;1234AB;6;\n"
    + "N4;0999;Zorg;Zorg NV;16-01-2024;9999999;1234AB;7;\n",
    "datums.csv": HEADER
    + "D1;0999;Energie;Stroom BV;45322;80;1234AB;8;\n"  # Excel serial of 2024-01-31
    + "D2;0999;Energie;Stroom BV;31-13-2024;80;1234AB;9;\n",
    "velden.csv": HEADER
    + "V1;0999;Telecom;Bel BV;16-01-2024;80;1234AB;10;\n"
    + "V2;0999;Zorg;Zorg NV;16-01-2024;80;0123AB;11;\n"
    + "V3;0999;Zorg;Zorg NV;16-01-2024;80;1234AB;12;123456789\n"
    + "V4;0999;Zorg;Zorg NV;16-01-2024;80;1234AB\n"  # too few fields
    + ";0999;Zorg;Zorg NV;16-01-2024;80;1234AB;13;\n",
    "zz_dubbel.csv": HEADER
    + "G1;0999;Zorg;Zorg NV;15-01-2024;120,50;1234AB;1;111222333\n"  # same content as goed.csv
    + "K1;0999;Huur;Woon BV;16-01-2024;999;1234AB;2;\n",  # same id, other content
    "extra_kolom.csv": HEADER.rstrip("\n") + ";opmerking\n" + "E1;0999;Zorg;Zorg NV;16-01-2024;80;1234AB;14;;iets\n",
}


def windows_1252() -> bytes:
    text = HEADER + "W1;0999;Zorg;Zorgverzekeraar Café;16-01-2024;80;1234AB;15;\n"
    return text.encode("cp1252")


def xlsx_bytes() -> bytes:
    buffer = io.BytesIO()
    pl.DataFrame({"signaal_id": ["X1"], "gemeentecode": ["0999"], "signaalpartner_type": ["Huur"],
                  "signaalpartner_naam": ["Woon BV"], "signaaldatum": ["2024-01-20"], "bedrag": [500.0],
                  "postcode": ["1234AB"], "huisnummer": [16]}).write_excel(buffer)
    return buffer.getvalue()


@pytest.fixture()
def key(monkeypatch):
    monkeypatch.setenv("VROEGSIGNAAL_SLEUTEL", "corpus-sleutel-0123456789abcdef")


def test_row_level_corpus_every_row_is_accounted_for(tmp_path, key):
    folder = tmp_path / "landing" / "signalen" / "2024-01"
    folder.mkdir(parents=True)
    for name, text in ROW_LEVEL.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "cp1252.csv").write_bytes(windows_1252())
    (folder / "huur.xlsx").write_bytes(xlsx_bytes())
    out = tmp_path / "out"
    assert main(["run", "--landing", str(tmp_path / "landing"), "--out", str(out)]) == 0
    con = duckdb.connect(str(out / "analytics.duckdb"), read_only=True)
    try:
        files = con.execute("select bestand, rijen_gelezen, geaccepteerd, duplicaten, quarantaine from bestanden").fetchall()
        quarantaine = con.execute("select bestand, rij, veld, reden from quarantaine order by bestand, rij").fetchall()
        accepted = {r[0] for r in con.execute("select signaal_id from signalen").fetchall()}
    finally:
        con.close()
    assert all(read == a + d + q for _, read, a, d, q in files)
    per_file = {name.rsplit("/", 1)[1]: (read, a, d, q) for name, read, a, d, q in files}
    assert per_file["header_only.csv"] == (0, 0, 0, 0)
    assert per_file["bedragen.csv"] == (4, 2, 0, 2)
    assert per_file["velden.csv"] == (5, 0, 0, 5)
    assert per_file["zz_dubbel.csv"] == (2, 0, 1, 1)
    assert accepted == {"G1", "K1", "B1", "N1", "N2", "D1", "E1", "W1", "X1"}
    reasons = {(b.rsplit("/", 1)[1], rij): veld for b, rij, veld, _ in quarantaine}
    assert reasons[("velden.csv", 2)] == "signaalpartner_type"
    assert reasons[("velden.csv", 3)] == "postcode"
    assert reasons[("velden.csv", 4)] == "bsn"
    assert reasons[("velden.csv", 6)] == "signaal_id"
    assert reasons[("zz_dubbel.csv", 3)] == "signaal_id"
    assert all("0123AB" not in r and "123456789" not in r and "9999999" not in r for *_, r in quarantaine)


FILE_LEVEL = {
    "leeg.csv": (b"", "leeg"),
    "geen_postcode.csv": (("signaal_id;gemeentecode;signaalpartner_type;signaalpartner_naam;signaaldatum;bedrag;huisnummer\n"
                           "A;0999;Zorg;Z;16-01-2024;80;1\n").encode(), "postcode"),
    "kapot.xlsx": (None, "kapot.xlsx"),
    "onzin.parquet": (b"PAR1 dit is geen parquet", "onzin.parquet"),
}


@pytest.mark.parametrize("name", sorted(FILE_LEVEL))
def test_file_level_problem_stops_the_month_with_a_message_naming_the_file(tmp_path, key, capsys, name):
    content, expected = FILE_LEVEL[name]
    if content is None:
        whole = xlsx_bytes()
        content = whole[: len(whole) // 2]
    folder = tmp_path / "landing" / "signalen" / "2024-01"
    folder.mkdir(parents=True)
    (folder / "goed.csv").write_text(ROW_LEVEL["goed.csv"], encoding="utf-8")
    (folder / name).write_bytes(content)
    code = main(["run", "--landing", str(tmp_path / "landing"), "--out", str(tmp_path / "out")])
    captured = capsys.readouterr()
    err = captured.err
    assert code == 1
    [line] = [ln for ln in err.splitlines() if f"signalen/2024-01/{name}" in ln]  # one message: file, problem, what to do
    assert expected in line and "start de run opnieuw" in line
    for noise in ("Traceback", "Stack Trace", "dagster._core", 'File "'):  # no Python or Dagster stack trace
        assert noise not in captured.err + captured.out
    assert not (tmp_path / "out" / "analytics.duckdb").exists()


def test_file_problem_prints_one_message_without_a_trace_and_the_event_log_keeps_the_failure(tmp_path, monkeypatch):
    """A real process with a persistent instance: stderr has the message, the file and what to
    do, but no Python or Dagster stack trace; the run's event log (the UI) has the full failure."""
    import subprocess
    import sys
    from pathlib import Path

    import dagster as dg

    folder = tmp_path / "landing" / "signalen" / "2024-01"
    folder.mkdir(parents=True)
    (folder / "goed.csv").write_text(ROW_LEVEL["goed.csv"], encoding="utf-8")
    (folder / "geen_postcode.csv").write_bytes(FILE_LEVEL["geen_postcode.csv"][0])
    home = tmp_path / "dagster_home"
    home.mkdir()
    (home / "dagster.yaml").write_text((Path(__file__).parents[2] / "dagster.yaml").read_text())
    env = {"PATH": "/usr/bin:/bin", "VROEGSIGNAAL_SLEUTEL": "corpus-sleutel-0123456789abcdef", "DAGSTER_HOME": str(home)}
    run = subprocess.run([sys.executable, "-m", "pipeline.cli", "run", "--landing", str(tmp_path / "landing"),
                          "--out", str(tmp_path / "out")], env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 1
    for noise in ("Traceback", "Stack Trace", "dagster._core", 'File "'):
        assert noise not in run.stderr + run.stdout
    [line] = [ln for ln in run.stderr.splitlines() if "signalen/2024-01/geen_postcode.csv" in ln]
    assert "postcode" in line and "start de run opnieuw" in line
    monkeypatch.setenv("DAGSTER_HOME", str(home))  # the project's event log lives under DAGSTER_HOME
    with dg.DagsterInstance.from_config(str(home)) as instance:
        [record] = instance.get_run_records()
        failures = [e for e in instance.all_logs(record.dagster_run.run_id)
                    if e.dagster_event and e.dagster_event.event_type_value == "STEP_FAILURE"]
    assert failures and "geen_postcode.csv" in failures[0].dagster_event.step_failure_data.user_failure_data.description


NOT_EXPORTS = {
    "~$huur.xlsx": b"\x00lock",
    ".verborgen.csv": HEADER.encode(),
    "Thumbs.db": b"\x00\x01thumbs",
    "toelichting.txt": "Toelichting bij de levering van januari: twee bestanden, postcode en bedrag gecontroleerd.\n".encode(),
    "brief.pdf": b"%PDF-1.4",
    "notitie.docx": b"PK\x03\x04",
    "oud.xls": b"\xd0\xcf\x11\xe0",
}


def test_files_that_are_not_exports_are_skipped_and_reported_and_the_month_goes_on(tmp_path, key, capsys):
    folder = tmp_path / "landing" / "signalen" / "2024-01"
    folder.mkdir(parents=True)
    (folder / "goed.csv").write_text(ROW_LEVEL["goed.csv"], encoding="utf-8")
    # A tab-separated export saved as .txt has a header naming the input's columns: it is read.
    (folder / "export.txt").write_text(HEADER.replace(";", "\t") + "T1\t0999\tZorg\tZorg NV\t17-01-2024\t80\t1234AB\t20\t\n",
                                       encoding="utf-8")
    for name, content in NOT_EXPORTS.items():
        (folder / name).write_bytes(content)
    out = tmp_path / "out"
    assert main(["run", "--landing", str(tmp_path / "landing"), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    con = duckdb.connect(str(out / "analytics.duckdb"), read_only=True)
    try:
        files = con.execute("select soort, bestand, rijen_gelezen, geaccepteerd, duplicaten, quarantaine, reden "
                            "from bestanden where maand is not null order by bestand").fetchall()
        accepted = {r[0] for r in con.execute("select signaal_id from signalen").fetchall()}
    finally:
        con.close()
    assert accepted == {"G1", "T1"}
    read = {b.rsplit("/", 1)[1] for soort, b, *_ in files if soort == "signalen"}
    assert read == {"goed.csv", "export.txt"}
    skipped = {b.rsplit("/", 1)[1]: (counts, why) for soort, b, *counts, why in files if soort == "overgeslagen"}
    assert set(skipped) == set(NOT_EXPORTS)
    assert all(counts == [0, 0, 0, 0] and why for counts, why in skipped.values())
    assert "Excel" in skipped["~$huur.xlsx"][1] and "verborgen" in skipped[".verborgen.csv"][1]
    assert "toelichting" in skipped["toelichting.txt"][1] and ".pdf" in skipped["brief.pdf"][1]
    for name in NOT_EXPORTS:
        assert f"signalen/2024-01/{name}" in printed
