"""Which files in a month folder are exports and which are skipped, with a reason (pipeline/ingest/non_data.py)."""

import pytest

from pipeline.ingest import CONTACTPOGINGEN, SIGNALEN
from pipeline.ingest.non_data import split_folder, skip_reason

HEADER = "signaal_id;gemeentecode;signaalpartner_type;signaalpartner_naam;signaaldatum;bedrag;postcode;huisnummer\n"


@pytest.mark.parametrize(("name", "content", "reason"), [
    ("~$zorg.xlsx", b"lock", "Excel"),
    (".zorg.csv", HEADER.encode(), "verborgen"),
    ("Thumbs.db", b"\x00", "systeembestand"),
    ("desktop.ini", b"[x]", "systeembestand"),
    ("brief.PDF", b"%PDF", "(.pdf)"),
    ("oud.xls", b"\xd0\xcf", "(.xls)"),
    ("LEESMIJ", b"tekst", "geen extensie"),
    ("toelichting.txt", "Toelichting: postcode en bedrag gecontroleerd.\n".encode(), "toelichting"),
    ("een_kolom.txt", b"postcode\n1234AB\n", "toelichting"),  # one column is not a header of an export
    ("leeg.txt", b"", "toelichting"),
])
def test_files_that_are_not_exports_get_a_reason(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    assert reason in skip_reason(path, SIGNALEN)


@pytest.mark.parametrize(("name", "content"), [
    ("zorg.csv", b"anything: a broken csv is a file problem, not skipped"),
    ("huur.xlsx", b"PK"),
    ("water.parquet", b"PAR1"),
    ("tab.txt", HEADER.replace(";", "\t").encode()),
    ("synoniemen.TXT", "Kenmerk;Huisnr;Postcode\n".encode()),
    ("excel_unicode.txt", ("\ufeff" + HEADER.replace(";", "\t")).encode("utf-16")),
    ("sep.txt", ("sep=;\n" + HEADER).encode()),
])
def test_exports_are_read(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    assert skip_reason(path, SIGNALEN) is None


def test_a_txt_counts_against_the_input_it_lies_in_and_the_folder_is_split_in_name_order(tmp_path):
    (tmp_path / "b_pogingen.txt").write_text("melding_id;contactdatum;soort;bereikt\n", encoding="utf-8")
    (tmp_path / "a_notitie.txt").write_text("zie mail\n", encoding="utf-8")
    (tmp_path / "c.csv").write_text(HEADER, encoding="utf-8")
    (tmp_path / "map").mkdir()
    exports, skipped = split_folder(tmp_path, CONTACTPOGINGEN)
    assert [p.name for p in exports] == ["b_pogingen.txt", "c.csv"]
    assert [p.name for p, _ in skipped] == ["a_notitie.txt"]
    assert skip_reason(tmp_path / "b_pogingen.txt", SIGNALEN) is not None
