"""File-level problems: always FileProblem with file name and a plain message."""

from __future__ import annotations

import pickle

import pytest

from .ingest_helpers import TODAY, csv_text, valid_signal
from pipeline.ingest import CONTACTPOGINGEN, SIGNALEN, FileProblem, ingest_file


def problem(path, schema=SIGNALEN) -> FileProblem:
    with pytest.raises(FileProblem) as info:
        ingest_file(path, schema, today=TODAY)
    assert info.value.file == str(path)
    assert str(info.value) == f"{path}: {info.value.problem}"
    return info.value


def test_message_format(tmp_path):
    path = tmp_path / "signalen" / "2024-01" / "zorg.csv"
    path.parent.mkdir(parents=True)
    row = valid_signal()
    del row["postcode"]
    path.write_text(csv_text([row]))
    exc = problem(path)
    assert exc.problem == "verplichte kolom 'postcode' ontbreekt"
    assert str(exc).endswith("signalen/2024-01/zorg.csv: verplichte kolom 'postcode' ontbreekt")


def test_all_missing_required_columns_are_named(write):
    path = write("s.csv", "signaal_id;bedrag;opmerking\nS1;12;x\n")
    exc = problem(path)
    for name in ("gemeentecode", "signaalpartner_type", "signaalpartner_naam", "signaaldatum",
                 "postcode", "huisnummer"):
        assert f"'{name}'" in exc.problem
    assert "'bedrag'" not in exc.problem
    assert exc.problem.startswith("verplichte kolommen")


def test_zero_byte_file(write):
    assert "leeg" in problem(write("s.csv", b"")).problem


@pytest.mark.parametrize("content", ["\n\n  \n", "\ufeff", ";;;\n;;\n"])
def test_file_without_header(write, content):
    assert "leeg" in problem(write("s.csv", content)).problem


def test_unsupported_extension(write):
    exc = problem(write("s.xls", csv_text([valid_signal()])))
    assert "'.xls'" in exc.problem


def test_no_extension(write):
    assert "niet ondersteund" in problem(write("signalen", csv_text([valid_signal()]))).problem


def test_two_headers_for_one_field(write):
    rows = [valid_signal() | {"Datum": "2024-01-01"}]
    exc = problem(write("s.csv", csv_text(rows)))
    assert "'signaaldatum'" in exc.problem and "'Datum'" in exc.problem


def test_missing_file(tmp_path):
    assert "geopend" in problem(tmp_path / "bestaat-niet.csv").problem


def test_directory_instead_of_file(tmp_path):
    (tmp_path / "map.csv").mkdir()
    problem(tmp_path / "map.csv")


def test_binary_file_named_csv(write):
    problem(write("s.csv", b"PK\x03\x04\x00\x00binary\x00stuff" * 10))


def test_other_schema_missing_columns(write):
    exc = problem(write("c.csv", "melding_id;contactdatum\nM1;2024-01-02\n"), CONTACTPOGINGEN)
    assert exc.problem == "verplichte kolommen 'soort', 'bereikt' ontbreken"


def test_file_problem_pickles():
    exc = pickle.loads(pickle.dumps(FileProblem("a.csv", "bestand is leeg")))
    assert (exc.file, exc.problem, str(exc)) == ("a.csv", "bestand is leeg", "a.csv: bestand is leeg")
