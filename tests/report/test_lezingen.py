"""The plain-language readings and the period figures, on hand-made frames."""

from datetime import date

import polars as pl
import pytest

from pipeline.report import lezingen
from pipeline.report.data import GemeenteData
from pipeline.report.kerncijfers import DEFINITIES, Kerncijfer, uit_maanden, verdeling_in, waarde
from pipeline.report.landelijk import KNELPUNTEN_ENQUETE, Referentie, referentie_voor
from pipeline.report.text import Periode

JAAR_2024 = Periode(date(2024, 1, 1), date(2024, 12, 1), 12, jaar=2024)
REF_OPEENVOLGEND = Referentie(0.45, 2024, "sessie2024")


def _maanden(jaar: int, **kolommen) -> pl.DataFrame:
    return pl.DataFrame({"maand": [date(jaar, m, 1) for m in range(1, 13)], **kolommen})


def _twee_jaar(**per_jaar) -> pl.DataFrame:
    """24 months (2023 and 2024); each keyword is (value in 2023, value in 2024)."""
    return pl.concat([
        _maanden(2023, **{k: [v[0]] * 12 for k, v in per_jaar.items()}),
        _maanden(2024, **{k: [v[1]] * 12 for k, v in per_jaar.items()}),
    ])


def _data(maanden: pl.DataFrame, jaren: pl.DataFrame | None = None, verdeling: pl.DataFrame | None = None) -> GemeenteData:
    return GemeenteData(
        code="0546", naam=None, maanden=maanden,
        jaren=jaren if jaren is not None else pl.DataFrame(),
        verdeling=verdeling if verdeling is not None else pl.DataFrame(),
        aanpak=pl.DataFrame(),
    )


def test_opeenvolgend_reading_like_the_brief():
    maanden = _twee_jaar(aantal_meldingen=(400.0, 500.0), aandeel_opeenvolgend=(0.30, 0.432), aandeel_drie_in_jaar=(0.05, 0.1))
    tekst = lezingen.herhaling(maanden, JAAR_2024, REF_OPEENVOLGEND)
    assert tekst.startswith(
        "In 2024 kwam 43,2% van de meldingen terug binnen zes maanden; landelijk was dat 45% (2024). "
        "Dat is iets lager dan het landelijke cijfer."
    )
    assert "Bij 10,0% was het de derde maand of vaker" in tekst
    assert "(januari 2023 t/m juni 2023, grijs)" in tekst
    assert "Die maanden vallen ook in de periode" not in tekst  # 2024 lies after the short history


def test_opeenvolgend_reading_warns_when_the_period_has_short_history():
    maanden = _maanden(2024, aantal_meldingen=[100.0] * 12, aandeel_opeenvolgend=[0.2] * 12)
    assert "het echte aandeel ligt dus hoger" in lezingen.herhaling(maanden, JAAR_2024, REF_OPEENVOLGEND)


def test_signalen_reading_weights_rates_and_compares_with_last_year():
    maanden = _twee_jaar(aantal_signalen=(500.0, 550.0), inwoners=(100_000.0, 100_000.0))
    maanden = maanden.with_columns(
        pl.when(pl.col("maand") == date(2024, 10, 1)).then(600.0).otherwise(pl.col("aantal_signalen")).alias("aantal_signalen")
    )
    tekst = lezingen.signalen(maanden, JAAR_2024, referentie_voor("signalen_per_1000", 2024))
    # (11 * 550 + 600) / 12 = 554.2 a month; 6650 * 1000 / (12 * 100000) = 5.5 per 1000
    assert tekst.startswith("In 2024 kwamen er gemiddeld 554 signalen per maand binnen, 5,5 per 1.000 inwoners; "
                            "landelijk was dat 4,4 (2024). Dat is hoger dan het landelijke cijfer.")
    assert "De meeste signalen kwamen in oktober 2024 (600), de minste in januari 2024 (550)." in tekst
    assert tekst.endswith("Dat is 10,8% meer dan in 2023.")


def test_meldingen_reading():
    maanden = _maanden(2024, aantal_meldingen=[400.0] * 12, inwoners=[100_000.0] * 12, aantal_signalen=[500.0] * 12,
                       aandeel_enkelvoudig=[0.5] * 12, aandeel_opgepakt=[0.8] * 12)
    tekst = lezingen.meldingen(maanden, JAAR_2024, referentie_voor("aandeel_opgepakt", 2024))
    assert tekst.startswith("In 2024 werden er gemiddeld 400 meldingen per maand gemaakt (4,0 per 1.000 inwoners). "
                            "50,0% was enkelvoudig")
    assert ("Van alle signalen werd 80,0% opgepakt; landelijk was dat 83% (2024). "
            "Dat is lager dan het landelijke cijfer.") in tekst


def test_bereik_reading_without_contact_data_and_with_late_months():
    zonder = _maanden(2024, aantal_meldingen=[100.0] * 12)
    assert lezingen.bereik(zonder, JAAR_2024, None).startswith("Geen contactgegevens aangeleverd")
    met = _maanden(2024, aantal_meldingen=[100.0] * 12, aandeel_bereikt=[0.2] * 10 + [0.1, 0.05])
    tekst = lezingen.bereik(met, JAAR_2024, referentie_voor("aandeel_bereikt", 2024))
    assert tekst.startswith(
        "In 2024 is bij 17,9% van de meldingen contact gelegd met de inwoner; landelijk was dat ca. 20% (2023)."
    )
    assert "De laatste maanden liggen lager" in tekst


def test_given_values_win_over_pooling():
    maanden = _maanden(2024, aantal_meldingen=[100.0] * 12, aandeel_opeenvolgend=[0.40] * 12)
    tekst = lezingen.herhaling(maanden, JAAR_2024, None, {"aandeel_opeenvolgend": 0.41})
    assert tekst.startswith("In 2024 kwam 41,0% van de meldingen terug")


def test_signaalpartners_reading():
    tekst = lezingen.signaalpartners({"zorg": 0.4, "huur": 0.2, "water": 0.15, "energie": 0.25, "duo": 0.0},
                                     JAAR_2024, {"zorg": Referentie(0.41, 2024, "x", periode="eerste helft van 2024")})
    assert tekst == ("In 2024 kwamen de meeste signalen van: zorgverzekeraar 40,0%, energie 25,0%, huur 20,0% en "
                     "drinkwater 15,0%. Landelijk was dat in de eerste helft van 2024: zorgverzekeraar 41%.")


def test_knelpunten_reading_says_the_survey_is_another_measure():
    rijen = [("Eindelevering zonder eerder vroegsignaal", 0.55, "van de eindeleveringssignalen kwam zonder eerder vroegsignaal",
              KNELPUNTEN_ENQUETE["eindelevering"]),
             ("Geen telefoonnummer bekend", None, "van de meldingen had geen telefoonnummer",
              KNELPUNTEN_ENQUETE["contactgegevens"])]
    kop, regels = lezingen.knelpunten(rijen, JAAR_2024)
    assert kop == "In 2024:"
    assert regels[0] == ("Eindelevering zonder eerder vroegsignaal: 55,0% van de eindeleveringssignalen kwam zonder eerder "
                         "vroegsignaal (in de enquête noemde 48% van de gemeenten dit een knelpunt).")
    assert regels[1].startswith("Geen telefoonnummer bekend: nog geen gegevens")
    assert "aandeel gemeenten" in lezingen.KNELPUNTEN_LET_OP and "niet hetzelfde" in lezingen.KNELPUNTEN_LET_OP


def test_aanpak_reading():
    frame = pl.DataFrame({
        "maand": [date(2024, 11, 1)] * 2 + [date(2024, 12, 1)] * 3,
        "aanpak": ["brief", "huisbezoek", "brief", "huisbezoek", "geen"],
        "aantal": [10.0, 30.0, 20.0, 25.0, 5.0],
    })
    tekst = lezingen.aanpak(frame)
    assert tekst.startswith("In december 2024 stonden 50 meldingen op de aanpaklijst: huisbezoek 25 (50,0%), "
                            "brief 20 (40,0%) en geen actie 5 (10,0%).")
    assert "Over de 2 getoonde maanden waren het er gemiddeld 45 per maand." in tekst
    assert lezingen.aanpak(frame.clear()) == lezingen.GEEN_GEGEVENS


def test_contact_readings():
    soort = pl.DataFrame({"categorie": ["Telefoon", "Brief"], "aantal": [55.0, 7.0], "noemer": [100.0, 100.0],
                          "aandeel": [0.55, 0.07]})
    tekst = lezingen.bereik_contactsoort(soort, JAAR_2024, {"telefoon": Referentie(0.59, 2023, "x")})
    assert "telefoon 55,0% en brief 7,0%" in tekst and "Landelijk was dat in 2023: telefoon 59%" in tekst
    pogingen = [("Bij 1 of 2 pogingen", 0.15, Referentie(0.18, 2023, "x")), ("Bij 3 pogingen", None, None)]
    assert lezingen.pogingen(pogingen, JAAR_2024) == (
        "In 2024 werd bereikt: 15,0% bij 1 of 2 pogingen. Er waren geen meldingen met 3 pogingen. "
        "Landelijk (2023): 18% bij 1 of 2 pogingen."
    )
    assert lezingen.pogingen([("Bij 3 pogingen", None, None)], JAAR_2024) == "Geen contactgegevens aangeleverd."


def test_kerncijfer_reading_and_summary():
    defs = {d.sleutel: d for d in DEFINITIES}
    opeenvolgend = Kerncijfer(defs["aandeel_opeenvolgend"], 0.432, REF_OPEENVOLGEND)
    gelijk = Kerncijfer(defs["aandeel_opgepakt"], 0.83, referentie_voor("aandeel_opgepakt", 2024))
    leeg = Kerncijfer(defs["aandeel_bereikt"], None, referentie_voor("aandeel_bereikt", 2024))
    assert lezingen.kerncijfer(leeg, JAAR_2024) == "Nog geen gegevens over bereik."
    assert lezingen.samenvatting([opeenvolgend, gelijk, leeg], JAAR_2024) == [
        "In 2024 kwam 43,2% van de meldingen terug binnen zes maanden; landelijk was dat 45% (2024). "
        "Dat is iets lager dan het landelijke cijfer.",
        "Ongeveer gelijk aan het landelijke cijfer: signalen opgepakt.",
    ]


def test_alle_compares_the_mean_over_gemeenten():
    defs = {d.sleutel: d for d in DEFINITIES}
    k = Kerncijfer(defs["signalen_per_1000"], 4.5, referentie_voor("signalen_per_1000", 2024), gemiddelde_gemeenten=3.9)
    assert lezingen.kerncijfer(k, JAAR_2024) == (
        "In 2024 kwamen er, gemiddeld over de gemeenten, 3,9 signalen per 1.000 inwoners per maand binnen; "
        "landelijk was dat 4,4 (2024). Dat is iets lager dan het landelijke cijfer."
    )


def test_telefoon_per_partner_reading():
    frame = pl.DataFrame({"categorie": ["Zorg", "CAK Zorgverzekeringen", "Water"], "aantal": [60.0, 7.0, 30.0],
                          "noemer": [100.0, 10.0, 100.0], "aandeel": [0.6, 0.7, 0.3]})
    assert lezingen.telefoon_per_partner(frame, JAAR_2024).startswith(
        "In 2024 zat bij 46,2% van de signalen een telefoonnummer: het vaakst bij CAK (zorgverzekering) (70,0%), "
        "het minst vaak bij drinkwater (30,0%)."
    )


def test_pooling_weights_each_month_by_its_denominator():
    rijen = pl.DataFrame({
        "maand": [date(2024, 1, 1), date(2024, 2, 1)], "aantal_meldingen": [100.0, 300.0],
        "aandeel_opeenvolgend": [0.2, 0.6], "aandeel_bereikt": [0.1, None], "aandeel_hulp_van_bereikt": [0.5, 0.5],
        "inwoners": [1000.0, 1000.0], "aantal_signalen": [4.0, 6.0],
    })
    assert uit_maanden(rijen, "aandeel_opeenvolgend") == pytest.approx(0.5)
    assert uit_maanden(rijen, "aandeel_bereikt") == pytest.approx(0.1)  # a null month drops out
    assert uit_maanden(rijen, "signalen_per_1000") == pytest.approx(5.0)
    assert uit_maanden(rijen, "aandeel_bestaat_niet") is None


def test_waarde_prefers_the_monitor_year_row():
    maanden = _maanden(2024, aantal_meldingen=[100.0] * 12, aandeel_opeenvolgend=[0.4] * 12)
    jaren = pl.DataFrame({"gemeentecode": ["0546"], "jaar": [2024], "aandeel_opeenvolgend": [0.41]})
    assert waarde(_data(maanden, jaren), JAAR_2024, "aandeel_opeenvolgend") == pytest.approx(0.41)
    assert waarde(_data(maanden), JAAR_2024, "aandeel_opeenvolgend") == pytest.approx(0.4)


def test_verdeling_in_sums_months_when_no_year_row():
    verdeling = pl.DataFrame({
        "periode_soort": ["maand", "maand", "maand"], "periode": [date(2024, 1, 1), date(2024, 2, 1), date(2023, 2, 1)],
        "gemeentecode": ["0546"] * 3, "onderwerp": ["contactsoort_bereik"] * 3, "categorie": ["Telefoon"] * 3,
        "aantal": [10.0, 30.0, 99.0], "noemer": [50.0, 50.0, 100.0], "aandeel": [0.2, 0.6, 0.99],
    })
    frame = verdeling_in(_data(_maanden(2024), verdeling=verdeling), JAAR_2024, "contactsoort_bereik")
    assert frame.to_dicts() == [{"categorie": "Telefoon", "aantal": 40.0, "noemer": 100.0, "aandeel": 0.4}]
