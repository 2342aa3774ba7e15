"""write_werkvoorraad: files per gemeente per month, sheets, order, layout, CSV, privacy, determinism."""

from __future__ import annotations

import csv
import io
import logging
import re
import stat
import zipfile

import polars as pl
import pytest

from pipeline.common.ddas_schema import enum_values
from pipeline.exports.werkvoorraad import ATTEMPT_SLOTS, write_werkvoorraad
from pipeline.common.werkvoorraad_layout import LISTS_SHEET, UNASSIGNED_SHEET, attempt_headers
from tests.exports.helpers import PERSONAL, melding, read_sheets, standard_frame, werkvoorraad_frame

ATTEMPT_NAMES = [f"{f}_{n}" for n in range(1, 5) for f in ("contactdatum", "soort", "bereikt", "medewerker", "resultaat")]


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def written(tmp_path):
    out = tmp_path / "exports" / "werkvoorraad"
    return out, write_werkvoorraad(standard_frame(), out)


def test_one_xlsx_and_one_csv_per_gemeente_per_month(written):
    out, paths = written
    assert [p.relative_to(out).as_posix() for p in paths] == [
        "GM0001/werkvoorraad_GM0001_2024-03.xlsx",
        "GM0001/werkvoorraad_GM0001_2024-03.csv",
        "GM0001/werkvoorraad_GM0001_2024-04.xlsx",
        "GM0001/werkvoorraad_GM0001_2024-04.csv",
        "GM0002/werkvoorraad_GM0002_2024-03.xlsx",
        "GM0002/werkvoorraad_GM0002_2024-03.csv",
    ]
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == sorted(
        p.relative_to(out).as_posix() for p in paths
    )  # no temporary files left behind


def test_folders_0700_files_0600(written, tmp_path):
    out, paths = written
    for folder in (tmp_path / "exports", out, out / "GM0001", out / "GM0002"):
        assert mode(folder) == 0o700, folder
    assert {mode(p) for p in paths} == {0o600}


def test_existing_parent_folder_is_left_alone(tmp_path):
    tmp_path.chmod(0o755)
    write_werkvoorraad(standard_frame(), tmp_path)
    assert mode(tmp_path) == 0o755
    assert mode(tmp_path / "GM0001") == 0o700


def test_sheets_per_consultant_plus_unassigned_always_present(written):
    out, _ = written
    march = read_sheets(out / "GM0001" / "werkvoorraad_GM0001_2024-03.xlsx")
    assert [name for name, _ in march] == [UNASSIGNED_SHEET, "Els de Vries", "Team _Noord__ a_b_c_"]
    rows = {name: table.get_column("melding_id").to_list() for name, table in march}
    # prioriteit, then totaal_bedrag descending (empty last), then melding_id
    assert rows["Els de Vries"] == ["M-001", "M-002", "M-003", "M-004"]
    assert rows[UNASSIGNED_SHEET] == ["M-007", "M-006"]  # blank consultant counts as unassigned
    april = read_sheets(out / "GM0001" / "werkvoorraad_GM0001_2024-04.xlsx")
    assert [(name, table.height) for name, table in april] == [(UNASSIGNED_SHEET, 0), ("Els de Vries", 1)]


def test_header_layout(written):
    out, _ = written
    for name, table in read_sheets(out / "GM0001" / "werkvoorraad_GM0001_2024-03.xlsx"):
        assert table.columns[0] == "melding_id"
        assert [c for c in table.columns if c in ATTEMPT_NAMES] == ATTEMPT_NAMES
        assert [c for c in table.columns if c.startswith("dagdeel_")] == [f"dagdeel_{n}" for n in range(1, 5)]
        assert table.columns[-len(attempt_headers()):] == attempt_headers()
        assert table.select(attempt_headers()).null_count().row(0) == (table.height,) * len(attempt_headers())


def test_cells_readable(written):
    out, _ = written
    sheets = dict(read_sheets(out / "GM0001" / "werkvoorraad_GM0001_2024-03.xlsx"))
    row = sheets["Els de Vries"].row(0, named=True)
    assert row["Kanalen"] == "telefoon, brief"
    assert row["Meervoudig"] == "ja" and row["Opeenvolgend"] == "nee"
    assert row["Totaalbedrag (€)"] == "900"
    assert row["Geboortedatum"] == "1980-02-29 00:00:00"  # a real date cell
    assert row["Signaalpartners"] == "Zorg: Zorgverzekeraar Noord; Huur: Woonstichting"
    unassigned = sheets[UNASSIGNED_SHEET]
    assert unassigned.row(1, named=True)["Toevoeging"] == "bis"
    assert unassigned.row(0, named=True)["Achternaam"] == '=HYPERLINK("x")'  # text, never a formula


def _xml(path, member: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(member).decode("utf-8")


def test_dropdowns_date_format_freeze_and_filter(written):
    out, _ = written
    path = out / "GM0001" / "werkvoorraad_GM0001_2024-03.xlsx"
    workbook = _xml(path, "xl/workbook.xml")
    for name, values in (("Contactsoorten", 10), ("Eindresultaten", 16), ("Dagdelen", 3), ("JaNee", 2)):
        assert re.search(rf'<definedName name="{name}">{LISTS_SHEET}!\$[A-D]\$2:\$[A-D]\${values + 1}</definedName>', workbook)
    assert re.search(rf'<sheet name="{LISTS_SHEET}" sheetId="\d+" state="hidden"', workbook)
    sheet = _xml(path, "xl/worksheets/sheet2.xml")  # Els de Vries: 4 rows
    for name in ("Contactsoorten", "Eindresultaten", "Dagdelen", "JaNee"):
        assert sheet.count(f"<formula1>{name}</formula1>") == ATTEMPT_SLOTS
    assert sheet.count('type="date"') == ATTEMPT_SLOTS
    assert '<pane xSplit="1" ySplit="1"' in sheet
    assert re.search(r'<autoFilter ref="A1:[A-Z]+5"/>', sheet)
    assert "dd-mm-yyyy" in _xml(path, "xl/styles.xml")
    lists = dict(read_sheets_including_lists(path))[LISTS_SHEET]
    assert tuple(lists.get_column("soort").drop_nulls()) == enum_values("EnumContactsoort")
    assert tuple(lists.get_column("resultaat").drop_nulls()) == enum_values("EnumEindresultaat")
    assert tuple(lists.get_column("dagdeel").drop_nulls()) == ("Ochtend", "Middag", "Avond")
    assert tuple(lists.get_column("bereikt").drop_nulls()) == ("ja", "nee")


def read_sheets_including_lists(path):
    import fastexcel

    reader = fastexcel.read_excel(str(path))
    return [(name, pl.from_arrow(reader.load_sheet(name, dtypes="string").to_arrow())) for name in reader.sheet_names]


def test_csv_same_rows_with_blad_bom_and_semicolons(written):
    out, _ = written
    path = out / "GM0001" / "werkvoorraad_GM0001_2024-03.csv"
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    records = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    header, rows = records[0], records[1:]
    assert header[:2] == ["melding_id", "blad"]
    assert header[-len(attempt_headers()):] == attempt_headers()
    sheets = read_sheets(out / "GM0001" / "werkvoorraad_GM0001_2024-03.xlsx")
    assert [(r[1], r[0]) for r in rows] == [
        (name, melding_id) for name, table in sheets for melding_id in table.get_column("melding_id")
    ]
    by_id = {r[0]: dict(zip(header, r, strict=True)) for r in rows}
    assert by_id["M-001"]["Totaalbedrag (€)"] == "900,00"
    assert by_id["M-001"]["Geboortedatum"] == "29-02-1980"
    assert by_id["M-001"]["Consulent"] == "Els de Vries"
    assert by_id["M-007"]["Achternaam"] == "'=HYPERLINK(\"x\")"  # no formula when Excel opens it
    assert by_id["M-001"]["Telefoonnummer"] == "0612345678"


def test_byte_identical_when_written_twice(tmp_path):
    first = write_werkvoorraad(standard_frame(), tmp_path / "a")
    again = write_werkvoorraad(standard_frame(), tmp_path / "a")
    other = write_werkvoorraad(standard_frame().reverse(), tmp_path / "b")
    for x, y, z in zip(first, again, other, strict=True):
        assert x.read_bytes() == y.read_bytes() == z.read_bytes(), x.name


def test_no_timestamp_in_workbook(written):
    out, paths = written
    with zipfile.ZipFile(paths[0]) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert re.findall(r"\d{4}-\d{2}-\d{2}T[\d:]+Z", core) == ["2000-01-01T00:00:00Z"] * 2


def test_logs_counts_and_names_only(tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    write_werkvoorraad(standard_frame(), tmp_path)
    assert "werkvoorraad_GM0001_2024-03" in caplog.text
    for value in PERSONAL + ("Els de Vries", "Piet Tester"):
        assert value not in caplog.text


def test_missing_columns_named(tmp_path):
    with pytest.raises(ValueError, match="regel, consulent"):
        write_werkvoorraad(standard_frame().drop("consulent", "regel"), tmp_path)


def test_unsafe_gemeentecode_refused(tmp_path):
    with pytest.raises(ValueError, match="mapnaam"):
        write_werkvoorraad(werkvoorraad_frame([melding("M1", gemeentecode="../GM1")]), tmp_path / "x")
    assert not (tmp_path / "x").exists() and not (tmp_path / "GM1").exists()


def test_empty_frame_writes_nothing(tmp_path):
    assert write_werkvoorraad(werkvoorraad_frame([]), tmp_path / "x") == []
    assert not (tmp_path / "x").exists()


def test_kanalen_and_flags_as_text_columns_accepted(tmp_path):
    frame = standard_frame().with_columns(
        pl.col("kanalen").list.join(", "), pl.col("bewind_overwegen").cast(pl.String).replace({"false": "nee"})
    )
    paths = write_werkvoorraad(frame, tmp_path)
    row = dict(read_sheets(paths[0]))["Els de Vries"].row(0, named=True)
    assert row["Kanalen"] == "telefoon, brief" and row["Bewind overwegen"] == "nee"
