"""Row rules per schema: what is accepted, what is quarantined and with which reason."""

from __future__ import annotations

import datetime as dt

import pytest

from .ingest_helpers import TODAY, assert_accounting, bsn_with_check, csv_text, valid_signal
from pipeline.ingest import CONTACTPOGINGEN, GEMEENTEN, SIGNALEN, ingest_file


def ingest_rows(write, rows, schema=SIGNALEN, headers=None):
    result = ingest_file(write("in.csv", csv_text(rows, headers=headers)), schema, today=TODAY)
    assert_accounting(result)
    return result


def reasons(result) -> dict[int, str]:
    return dict(zip(result.quarantine["rij"].to_list(), result.quarantine["reden"].to_list()))


def one_reason(write, **overrides) -> str | None:
    """Reason for a single otherwise valid signal row (None when accepted)."""
    result = ingest_rows(write, [valid_signal(**overrides)])
    return reasons(result).get(2)


def test_valid_row_is_accepted(write):
    result = ingest_rows(write, [valid_signal()])
    assert result.quarantine.height == 0
    row = result.rows.row(0, named=True)
    assert row == row | {
        "rij": 2, "signaal_id": "S1", "gemeentecode": "0546", "signaalpartner_type": "Zorg",
        "signaaldatum": dt.date(2024, 1, 15), "bedrag": 120.5, "postcode": "2311AB", "huisnummer": 12,
    }


@pytest.mark.parametrize(
    ("bedrag", "reason"),
    [
        ("-12,50", "bedrag: bedrag is negatief"),
        ("100.000,01", "bedrag: bedrag is onwaarschijnlijk hoog (> 100.000)"),
        ("1.234.567", "bedrag: bedrag is onwaarschijnlijk hoog (> 100.000)"),
        ("twaalf", "bedrag: geen geldig bedrag"),
        ("", "bedrag: ontbreekt"),
        ("100.000", None),
        ("0", None),
    ],
)
def test_amount_rules(write, bedrag, reason):
    assert one_reason(write, bedrag=bedrag) == reason


@pytest.mark.parametrize(
    ("value", "expected"),
    [("Zorgverzekeraar", "Zorg"), ("energieleverancier", "Energie"), ("GAS", "Energie"),
     ("woningcorporatie", "Huur"), ("Drinkwaterbedrijf", "Water"), ("CAK", "CAK Zorgverzekeringen"),
     ("cak eigen bijdrage", "CAK Eigen bijdrage"), ("dienst toeslagen", "Dienst Toeslagen"),
     ("duo", "DUO"), ("overig", "Overige"), ("HYPOTHEEK", "Hypotheek")],
)
def test_partner_type_synonyms(write, value, expected):
    result = ingest_rows(write, [valid_signal(signaalpartner_type=value)])
    assert result.rows["signaalpartner_type"].to_list() == [expected]


def test_unknown_partner_type(write):
    assert one_reason(write, signaalpartner_type="Bakker") == "signaalpartner_type: onbekend type signaalpartner"


@pytest.mark.parametrize("postcode", ["0123AB", "123AB", "1234A", "12345", "AB1234", "1234-AB"])
def test_invalid_postcodes(write, postcode):
    assert one_reason(write, postcode=postcode) == "postcode: geen geldige postcode (1234AB)"


@pytest.mark.parametrize(("code", "expected"), [("GM0546", "0546"), ("546", "0546"), ("gm 0546", "0546")])
def test_gemeentecode_accepted(write, code, expected):
    result = ingest_rows(write, [valid_signal(gemeentecode=code)])
    assert result.rows["gemeentecode"].to_list() == [expected]


@pytest.mark.parametrize("code", ["GM05461", "Leiden", "0", "GMX546"])
def test_gemeentecode_rejected(write, code):
    assert one_reason(write, gemeentecode=code).startswith("gemeentecode: geen geldige gemeentecode")


def test_bsn_eleven_test(write):
    valid = [bsn_with_check("11122233"), "111222333", bsn_with_check("01234567"), bsn_with_check("23456789")]
    assert valid[0] == "111222333"
    rows = [valid_signal(signaal_id=f"S{i}", bsn=b) for i, b in enumerate(valid)]
    rows += [valid_signal(signaal_id="X1", bsn="123456789"), valid_signal(signaal_id="X2", bsn="000000000"),
             valid_signal(signaal_id="X3", bsn="12345"), valid_signal(signaal_id="X4", bsn="")]
    result = ingest_rows(write, rows)
    assert result.rows["bsn"].to_list() == [*valid, None]
    assert reasons(result) == {
        6: "bsn: voldoet niet aan de elfproef",
        7: "bsn: voldoet niet aan de elfproef",
        8: "bsn: geen geldig bsn (8 of 9 cijfers)",
    }


def test_bsn_eight_digits_padded(write):
    bsn = bsn_with_check("01234567")  # 012345672
    result = ingest_rows(write, [valid_signal(bsn=bsn[1:])])
    assert result.rows["bsn"].to_list() == [bsn]


def test_house_number_addition_split(write):
    rows = [
        valid_signal(signaal_id="A", huisnummer="12a"),
        valid_signal(signaal_id="B", huisnummer="12-A"),
        valid_signal(signaal_id="C", huisnummer="12 bis"),
        valid_signal(signaal_id="D", huisnummer="12.0", huisnummertoevoeging="h-1"),
        valid_signal(signaal_id="E", huisnummer="12a", huisnummertoevoeging="b"),  # letter in the number, toevoeging apart
        valid_signal(signaal_id="F", huisnummer="0"),
        valid_signal(signaal_id="G", huisnummer="a"),
    ]
    result = ingest_rows(write, rows, headers=[*valid_signal().keys(), "huisnummertoevoeging"])
    assert result.rows["huisnummer"].to_list() == [12, 12, 12, 12, 12]
    assert result.rows["huisletter"].to_list() == ["A", None, None, None, "A"]
    assert result.rows["huisnummertoevoeging"].to_list() == [None, "A", "BIS", "H1", "B"]
    assert reasons(result) == {
        7: "huisnummer: moet minimaal 1 zijn",
        8: "huisnummer: geen geldig huisnummer",
    }


def test_bag_address_columns(write):
    """An export with the BAG's three columns (Huisnummer, Huisletter, Huisnummertoevoeging) ingests;
    a single column like 12 B-2 splits the same way; a huisletter is one letter."""
    headers = [*valid_signal().keys(), "Huisletter", "Huisnummertoevoeging"]
    rows = [
        {**valid_signal(signaal_id="A", huisnummer="12"), "Huisletter": "b", "Huisnummertoevoeging": "2"},
        {**valid_signal(signaal_id="B", huisnummer="12 B-2")},
        {**valid_signal(signaal_id="C", huisnummer="12"), "Huisletter": "", "Huisnummertoevoeging": "2"},
        {**valid_signal(signaal_id="D", huisnummer="12"), "Huisletter": "B", "Huisnummertoevoeging": ""},
        {**valid_signal(signaal_id="E", huisnummer="12"), "Huisletter": "BB", "Huisnummertoevoeging": ""},
    ]
    result = ingest_rows(write, rows, headers=headers)
    assert result.rows.select("signaal_id", "huisnummer", "huisletter", "huisnummertoevoeging").rows() == [
        ("A", 12, "B", "2"), ("B", 12, "B", "2"), ("C", 12, None, "2"), ("D", 12, "B", None),
    ]
    assert reasons(result) == {6: "huisletter: geen geldige huisletter (één letter)"}


def test_booleans_and_defaults(write):
    values = ["ja", "Nee", "J", "n", "TRUE", "false", "waar", "onwaar", "yes", "no", "1", "0", ""]
    rows = [valid_signal(signaal_id=str(i), crisissignaal=v) for i, v in enumerate(values)]
    rows.append(valid_signal(signaal_id="bad", crisissignaal="misschien"))
    result = ingest_rows(write, rows)
    expected = [True, False] * 6 + [False]
    assert result.rows["crisissignaal"].to_list() == expected
    assert result.rows["warme_overdracht"].to_list() == [False] * len(values)
    assert reasons(result) == {len(values) + 2: "crisissignaal: geen geldige ja/nee-waarde"}


def test_dates_rules(write):
    rows = [
        valid_signal(signaal_id="A", signaaldatum="31-01-2024"),
        valid_signal(signaal_id="B", signaaldatum="45322"),      # Excel serial of 2024-01-31
        valid_signal(signaal_id="C", signaaldatum="02-02-2024"),  # after TODAY
        valid_signal(signaal_id="D", signaaldatum="31-12-2019"),  # before 2020
        valid_signal(signaal_id="E", signaaldatum="31-02-2024"),  # no such day
        valid_signal(signaal_id="F", signaaldatum=TODAY.isoformat()),
    ]
    result = ingest_rows(write, rows)
    assert result.rows["signaaldatum"].to_list() == [dt.date(2024, 1, 31), dt.date(2024, 1, 31), TODAY]
    assert reasons(result) == {
        4: "signaaldatum: ligt in de toekomst",
        5: "signaaldatum: ligt voor 2020-01-01",
        6: "signaaldatum: geen geldige datum",
    }


def test_today_defaults_to_real_today(write):
    future = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    result = ingest_file(write("s.csv", csv_text([valid_signal(signaaldatum=future)])), SIGNALEN)
    assert result.quarantine["reden"].to_list() == ["signaaldatum: ligt in de toekomst"]


def test_optional_fields_invalid_or_empty(write):
    headers = [*valid_signal().keys(), "geboortedatum", "geslacht", "ontstaansdatum", "email"]
    rows = [
        valid_signal(signaal_id="A", geboortedatum="01-01-1980", geslacht="v", ontstaansdatum="2023-05-01"),
        valid_signal(signaal_id="B", geboortedatum="", geslacht="", ontstaansdatum=""),
        valid_signal(signaal_id="C", geboortedatum="01-01-1899", geslacht="?", ontstaansdatum="1999-12-31"),
    ]
    result = ingest_rows(write, rows, headers=headers)
    assert result.rows["geslacht"].to_list() == ["Vrouw", None]
    assert result.rows["geboortedatum"].to_list() == [dt.date(1980, 1, 1), None]
    assert result.rows["email"].to_list() == [None, None]
    assert reasons(result) == {
        4: "ontstaansdatum: ligt voor 2000-01-01; geboortedatum: ligt voor 1900-01-01; geslacht: onbekend geslacht"
    }
    assert result.quarantine["veld"].to_list() == ["ontstaansdatum"]


def test_geslacht_values(write):
    values = ["M", "man", "Male", "V", "vrouw", "F", "female", "O", "onbekend", "X", "Leeg"]
    rows = [valid_signal(signaal_id=str(i), geslacht=v) for i, v in enumerate(values)]
    result = ingest_rows(write, rows)
    assert result.rows["geslacht"].to_list() == ["Man"] * 3 + ["Vrouw"] * 4 + ["Onbekend"] * 3 + ["Leeg"]


def test_all_reasons_joined_and_first_field_named(write):
    row = valid_signal(signaal_id="", postcode="nope", bedrag="-1", signaaldatum="morgen")
    result = ingest_rows(write, [row])
    assert result.quarantine.to_dicts() == [{
        "rij": 2,
        "veld": "signaal_id",
        "reden": "signaal_id: ontbreekt; signaaldatum: geen geldige datum; bedrag: bedrag is negatief; "
                 "postcode: geen geldige postcode (1234AB)",
    }]


def test_text_is_trimmed_and_empty_is_null(write):
    headers = [*valid_signal().keys(), "achternaam", "woonplaats"]
    result = ingest_rows(write, [valid_signal(signaal_id="  S1 ", achternaam="  Jansen ", woonplaats="   ")],
                         headers=headers)
    assert result.rows.select("signaal_id", "achternaam", "woonplaats").row(0) == ("S1", "Jansen", None)


def test_reasons_never_contain_the_value(write):
    bad = {
        "signaal_id": "",
        "gemeentecode": "GM99887",
        "signaalpartner_type": "Slagerij Pietersen",
        "signaaldatum": "31-02-2031",
        "bedrag": "-876,54",
        "postcode": "0999XQ",
        "huisnummer": "zeventien",
        "bsn": "987654321",
        "geboortedatum": "17-05-1888",
        "geslacht": "onzijdig",
        "crisissignaal": "misschien",
        "ontstaansdatum": "12-12-1999",
    }
    result = ingest_rows(write, [valid_signal(**bad)])
    reden = result.quarantine["reden"].item()
    for field, value in bad.items():
        if value:
            assert value not in reden, field
            assert value.lower() not in reden.lower(), field
        assert f"{field}: " in reden, field
    # and the digits of the values do not leak either
    for value in ("99887", "876", "0999", "987654321", "1888", "1999"):
        assert value not in reden


def test_contactpogingen(write):
    rows = [
        {"melding_id": "M1", "contactdatum": "15-01-2024", "soort": "telefonisch", "bereikt": "ja",
         "dagdeel": "ochtend", "resultaat": "vervolghulp en/of verwijzing financieel"},
        {"melding_id": "M1", "contactdatum": "16-01-2024", "soort": "WhatsApp", "bereikt": "nee",
         "dagdeel": "", "resultaat": "(budget)advies en/of QUICK FIX"},
        {"melding_id": "M2", "contactdatum": "16-01-2024", "soort": "afspraak", "bereikt": "",
         "dagdeel": "nacht", "resultaat": "opgelost"},
        {"melding_id": "M3", "contactdatum": "16-01-2024", "soort": "postduif", "bereikt": "1",
         "dagdeel": "Avond", "resultaat": "niet opgepakt: herhaalde melding"},
    ]
    result = ingest_rows(write, rows, CONTACTPOGINGEN)
    assert result.rows.columns == ["rij", *CONTACTPOGINGEN.names]
    assert result.rows["soort"].to_list() == ["Telefoon", "SMS/Whatsapp"]
    assert result.rows["bereikt"].to_list() == [True, False]
    assert result.rows["dagdeel"].to_list() == ["Ochtend", None]
    assert result.rows["resultaat"].to_list() == [
        "Vervolghulp en/of verwijzing financieel", "(Budget)advies en/of quick fix"
    ]
    assert reasons(result) == {
        4: "bereikt: ontbreekt; dagdeel: onbekend dagdeel; resultaat: onbekend resultaat",
        5: "soort: onbekende soort contactpoging",
    }


@pytest.mark.parametrize(
    ("value", "expected"),
    [("bellen", "Telefoon"), ("tel", "Telefoon"), ("sms", "SMS/Whatsapp"), ("app", "SMS/Whatsapp"),
     ("e-mail", "Mail"), ("email", "Mail"), ("bezoek", "Huisbezoek"), ("Huisbezoek", "Huisbezoek"),
     ("brief", "Brief"), ("kaartje", "Kaartje"), ("administratief", "Administratief"),
     ("onbekend", "Onbekend"), ("overige", "Overige"), ("sms/whatsapp", "SMS/Whatsapp")],
)
def test_contactsoort_synonyms(write, value, expected):
    rows = [{"melding_id": "M1", "contactdatum": "15-01-2024", "soort": value, "bereikt": "nee"}]
    assert ingest_rows(write, rows, CONTACTPOGINGEN).rows["soort"].to_list() == [expected]


def test_gemeenten(write):
    rows = [
        {"gemeentecode": "GM0546", "naam": "Leiden", "jaar": "2024", "inwoners": "130.067"},
        {"gemeentecode": "1859", "naam": "Oost Gelre", "jaar": "2024", "inwoners": "29696"},
        {"gemeentecode": "GM0014", "naam": "Groningen", "jaar": "1999", "inwoners": "0"},
        {"gemeentecode": "GM0014", "naam": "", "jaar": "2024,5", "inwoners": "veel"},
    ]
    result = ingest_rows(write, rows, GEMEENTEN)
    assert result.rows.to_dicts() == [
        {"rij": 2, "gemeentecode": "0546", "naam": "Leiden", "jaar": 2024, "inwoners": 130067},
        {"rij": 3, "gemeentecode": "1859", "naam": "Oost Gelre", "jaar": 2024, "inwoners": 29696},
    ]
    assert reasons(result) == {
        4: "jaar: moet minimaal 2000 zijn; inwoners: moet minimaal 1 zijn",
        5: "naam: ontbreekt; jaar: geen geldig geheel getal; inwoners: geen geldig geheel getal",
    }
