"""CSV/TXT reading: delimiters, encodings, headers, row numbers, shifted rows."""

from __future__ import annotations

import datetime as dt
import hashlib

import polars as pl
import pytest

from .ingest_helpers import TODAY, assert_accounting, csv_text, valid_signal
from pipeline.ingest import SIGNALEN, ingest_file
from pipeline.ingest import read


def ingest(path):
    return ingest_file(path, SIGNALEN, today=TODAY)


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_delimiters(write, delimiter):
    rows = [valid_signal(signaal_id="S1", bedrag="1.234,56"), valid_signal(signaal_id="S2", bedrag="12,5")]
    path = write("signalen.csv", csv_text(rows, delimiter))
    result = ingest(path)
    assert result.quarantine.height == 0
    assert result.rows["bedrag"].to_list() == [1234.56, 12.5]
    assert result.rows["rij"].to_list() == [2, 3]
    assert result.format == "csv"
    assert result.encoding == "utf-8"
    assert result.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert_accounting(result)


def test_output_columns_types_and_order(write):
    result = ingest(write("s.csv", csv_text([valid_signal()])))
    assert result.rows.columns == ["rij", *SIGNALEN.names]
    schema = result.rows.schema
    assert schema["rij"] == pl.Int64
    assert schema["signaal_id"] == pl.String
    assert schema["signaaldatum"] == pl.Date
    assert schema["bedrag"] == pl.Float64
    assert schema["huisnummer"] == pl.Int64
    assert schema["crisissignaal"] == pl.Boolean
    assert schema["geslacht"] == pl.String
    assert schema["geboortedatum"] == pl.Date  # absent optional column: typed, all null
    assert result.rows["geboortedatum"].to_list() == [None]
    assert result.rows["crisissignaal"].to_list() == [False]  # absent flag defaults to false
    assert result.rows["warme_overdracht"].to_list() == [False]
    assert dict(result.quarantine.schema) == {"rij": pl.Int64, "veld": pl.String, "reden": pl.String}


def test_comma_delimited_with_quoted_delimiter_and_english_amounts(write):
    text = (
        "signaal_id,gemeentecode,signaalpartner_type,signaalpartner_naam,signaaldatum,bedrag,postcode,huisnummer\n"
        'S1,546,Energie,"Energie, Gas & Licht BV",31-01-2024,"1,234.56",1234 AB,7\n'
        'S2,GM0546,Water,"Water ""Oost""",31/01/2024,"1,234",1234AB,8\n'
    )
    result = ingest(write("s.csv", text))
    assert result.quarantine.height == 0
    assert result.rows["signaalpartner_naam"].to_list() == ["Energie, Gas & Licht BV", 'Water "Oost"']
    assert result.rows["bedrag"].to_list() == [1234.56, 1234.0]
    assert result.rows["gemeentecode"].to_list() == ["0546", "0546"]
    assert result.rows["postcode"].to_list() == ["1234AB", "1234AB"]
    assert result.rows["signaaldatum"].to_list() == [dt.date(2024, 1, 31)] * 2


def test_utf8_bom(write):
    text = csv_text([valid_signal(signaalpartner_naam="Café Ñ")])
    path = write("bom.csv", "\ufeff" + text)
    result = ingest(path)
    assert result.encoding == "utf-8-sig"
    assert result.quarantine.height == 0
    assert result.rows["signaal_id"].to_list() == ["S1"]  # first header matched despite the BOM
    assert result.rows["signaalpartner_naam"].to_list() == ["Café Ñ"]


def test_windows_1252_with_accents_and_header_variant(write):
    rows = [valid_signal(signaalpartner_naam="Café Ñ", bedrag="€ 1.234,56")]
    headers = ["Signaal ID", "Gemeente", "Type signaalpartner", "Signaalpartner naam",
               "Datum", "Bedrag", "Postcode", "Huisnummer"]
    text = csv_text([dict(zip(headers, r.values())) for r in rows], headers=headers)
    path = write("ansi.csv", text, encoding="cp1252")
    assert "€".encode("cp1252") in path.read_bytes()  # really single-byte cp1252
    result = ingest(path)
    assert result.encoding == "cp1252"
    assert result.quarantine.height == 0
    assert result.rows["signaalpartner_naam"].to_list() == ["Café Ñ"]
    assert result.rows["bedrag"].to_list() == [1234.56]


def test_header_matching_case_separators_accents_synonyms(write):
    headers = ["KENMERK", "cbs-code", "Categorie", "Crediteur", "Meldingsdatum",
               "Openstaand bedrag", "PC", "Huis_nr.", "Toevoeging", "Burgerservicenummer",
               "Géb. datum", "E-mail", "Tel"]
    values = ["K-1", "gm0546", "woningcorporatie", "Woonstichting", "15-01-2024",
              "€ 450", "2311 ab", "4", "bis", "111222333", "01-02-1980", "a@b.nl", "0612345678"]
    path = write("s.csv", ";".join(headers) + "\n" + ";".join(values) + "\n")
    result = ingest(path)
    assert result.quarantine.height == 0, result.quarantine
    row = result.rows.row(0, named=True)
    assert row["signaal_id"] == "K-1"
    assert row["signaalpartner_type"] == "Huur"
    assert row["signaalpartner_naam"] == "Woonstichting"
    assert row["bedrag"] == 450.0
    assert row["huisnummer"] == 4
    assert row["huisnummertoevoeging"] == "BIS"
    assert row["bsn"] == "111222333"
    assert row["geboortedatum"] == dt.date(1980, 2, 1)
    assert row["email"] == "a@b.nl"
    assert row["telefoonnummer"] == "0612345678"
    assert result.extra_columns == []


def test_extra_columns_are_listed_and_ignored(write):
    rows = [valid_signal() | {"Opmerking": "bel na 17u", "intern id": "77"}]
    result = ingest(write("s.csv", csv_text(rows)))
    assert result.extra_columns == ["Opmerking", "intern id"]
    assert result.rows.columns == ["rij", *SIGNALEN.names]
    assert result.quarantine.height == 0


def test_txt_extension_and_uppercase_suffix(write):
    text = csv_text([valid_signal()], "\t")
    assert ingest(write("s.TXT", text)).rows.height == 1
    assert ingest(write("s.CSV", text)).rows.height == 1


def test_shifted_row_is_quarantined_not_fatal(write):
    header = ";".join(valid_signal().keys())
    good = ";".join(valid_signal().values())
    shifted = "S2;GM0546;Zorg;Naam;met;puntkomma;2024-01-15;12,50;2311AB;12"  # 10 fields, expected 8
    short = "S3;GM0546;Zorg"
    path = write("s.csv", "\n".join([header, good, shifted, short, good.replace("S1", "S4")]) + "\n")
    result = ingest(path)
    assert result.rows["rij"].to_list() == [2, 5]
    q = result.quarantine.sort("rij")
    assert q["rij"].to_list() == [3, 4]
    assert q["reden"].to_list() == [
        "aantal kolommen klopt niet (verwacht 8, gevonden 10)",
        "aantal kolommen klopt niet (verwacht 8, gevonden 3)",
    ]
    assert q["veld"].to_list() == ["(rij)", "(rij)"]
    assert_accounting(result)


def test_trailing_empty_fields_are_harmless(write):
    header = ";".join(valid_signal().keys())
    good = ";".join(valid_signal().values())
    result = ingest(write("s.csv", f"{header}\n{good};;\n"))
    assert result.quarantine.height == 0
    assert result.rows.height == 1


def test_blank_lines_are_not_rows_but_keep_spreadsheet_numbering(write):
    header = ";".join(valid_signal().keys())
    good = ";".join(valid_signal().values())
    text = f"{header}\r\n{good}\r\n\r\n;;;;;;;\r\n   \r\n{good}\r\n\r\n"
    result = ingest(write("s.csv", text))
    assert result.rows_read == 2
    assert result.rows["rij"].to_list() == [2, 6]
    assert_accounting(result)


def test_header_only_file_gives_empty_typed_frames(write):
    result = ingest(write("s.csv", ";".join(valid_signal().keys()) + "\n"))
    assert result.rows_read == 0
    assert result.rows.height == 0
    assert result.rows.columns == ["rij", *SIGNALEN.names]
    assert result.rows.schema["signaaldatum"] == pl.Date
    assert result.quarantine.columns == ["rij", "veld", "reden"]


def test_multiline_quoted_field_and_sep_hint(write):
    header = ";".join(valid_signal().keys())
    row1 = ";".join(valid_signal(signaalpartner_naam='"Woon\nstichting"').values())
    row2 = ";".join(valid_signal(signaal_id="S2").values())
    result = ingest(write("s.csv", f"sep=;\n{header}\n{row1}\n{row2}\n"))
    assert result.quarantine.height == 0
    assert result.rows["signaalpartner_naam"].to_list() == ["Woon\nstichting", "Zorgverzekeraar A"]
    # Excel hides the sep= line and shows the quoted line break inside one cell
    assert result.rows["rij"].to_list() == [2, 3]


def test_fast_and_general_csv_paths_agree(write):
    header = ";".join(valid_signal().keys())
    good = ";".join(valid_signal().values())
    text = "\n".join([header, good, "", '"S2";"GM0546";"Zorg";"a;b";"2024-01-15";"1,5";"2311AB";"3"',
                      "x;y", good + ";;", good + ";extra", ";;;", good]) + "\n"
    fast = read._split_with_polars(text, ";")
    slow = read._split_with_csv_module("x", text, ";")
    assert fast is not None, "this file should take the fast path"
    assert fast[0] == slow[0]
    n = len(fast[0])
    assert read._drop_blank_rows(fast[1], n).equals(read._drop_blank_rows(slow[1], n))


def test_rows_from_csv_with_crlf_and_lone_quotes_take_general_path(write):
    header = ";".join(valid_signal().keys())
    row = ";".join(valid_signal(signaalpartner_naam='Scherm 27" BV').values())
    result = ingest(write("s.csv", f"{header}\r\n{row}\r\n"))
    assert result.quarantine.height == 0
    assert result.rows["signaalpartner_naam"].to_list() == ['Scherm 27" BV']


def test_utf16_excel_unicode_text(write):
    text = csv_text([valid_signal(signaalpartner_naam="Café")], "\t")
    result = ingest(write("s.txt", text.encode("utf-16")))
    assert result.encoding == "utf-16"
    assert result.rows["signaalpartner_naam"].to_list() == ["Café"]
