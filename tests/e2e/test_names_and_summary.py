"""Gemeente names from referentie/gemeenten.csv in the report, the terminal summary and the
werkvoorraad (codes stay in the tables); the run report shows the worst ten files, then a pointer."""

from __future__ import annotations

import duckdb

from pipeline.cli import main
from pipeline.report.run_report import MORE, terminal
from tests.e2e.test_cli_run import small_landing


def test_names_appear_in_report_summary_and_werkvoorraad_and_codes_stay_in_tables(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("VROEGSIGNAAL_SLEUTEL", "namen-sleutel-0123456789abcdef")
    landing, out = small_landing(tmp_path), tmp_path / "out"
    assert main(["run", "--landing", str(landing), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Proefstad (0999)" in printed
    assert "<h1>Gemeente Proefstad</h1>" in (out / "rapport" / "0999.html").read_text(encoding="utf-8")
    [csv] = sorted((out / "exports" / "0999").glob("werkvoorraad_0999_*.csv"))
    header, first, *_ = csv.read_text(encoding="utf-8-sig").splitlines()
    columns = header.split(";")
    assert first.split(";")[columns.index("Gemeente")] == "Proefstad"
    con = duckdb.connect(str(out / "analytics.duckdb"), read_only=True)
    try:
        pairs = con.execute("select distinct gemeentecode, gemeentenaam from monitor_maand order by 1").fetchall()
        codes = {c for (c,) in con.execute("select distinct gemeentecode from meldingen").fetchall()}
    finally:
        con.close()
    assert pairs == [("0999", "Proefstad"), ("alle", None)]
    assert codes == {"0999"}


def file_row(n: int, quarantined: int) -> tuple:
    return ("signalen", f"signalen/2024-01/f{n:02d}.csv", 10, 10 - quarantined, 0, quarantined, f"bedrag {quarantined}")


def test_run_report_shows_the_ten_worst_files_then_points_to_the_tables():
    rows = [file_row(n, q) for n, q in enumerate([1, 5, 2, 9, 1, 1, 3, 1, 7, 1, 2, 4, 1, 6, 0])]
    text = terminal(rows, [], [])
    shown = [line for line in text.splitlines() if line.startswith("  signalen/")]
    assert len(shown) == 10
    assert shown[0].startswith("  signalen/2024-01/f03.csv") and shown[1].startswith("  signalen/2024-01/f08.csv")
    assert f"  ... en 4 bestanden meer: {MORE}" in text
    assert "f14.csv" not in text  # no problems: not listed
    assert len(terminal(rows, [], [], limit=None).splitlines()) == 2 + 14
