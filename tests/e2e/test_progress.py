"""Progress lines: step, months, rows and elapsed seconds, to the run log and (when asked) the terminal."""

import datetime as dt

from pipeline.common.progress import Progress


def test_a_line_names_step_months_rows_and_elapsed_and_goes_to_both(capsys):
    logged = []
    progress = Progress("publicatie", logged.append, terminal=True)
    line = progress("meldingen", maanden=(dt.date(2024, 1, 1), dt.date(2024, 6, 1)), rijen=1234567)
    assert line.startswith("[publicatie ") and " s] meldingen, maanden 2024-01..2024-06, 1.234.567 rijen" in line
    assert logged == [line]
    assert capsys.readouterr().err == line + "\n"


def test_not_on_the_terminal_unless_asked(capsys, monkeypatch):
    monkeypatch.setenv("VROEGSIGNAAL_VOORTGANG", "0")
    Progress("ddas")("klaar", bestanden=3)
    assert capsys.readouterr().err == ""
    monkeypatch.setenv("VROEGSIGNAAL_VOORTGANG", "1")
    Progress("ddas")("klaar", maanden=[dt.date(2024, 3, 1)], bestanden=3)
    assert "klaar, maanden 2024-03, 3 bestanden" in capsys.readouterr().err
