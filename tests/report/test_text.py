"""Dutch number, date and period formatting."""

from datetime import date

import pytest

from pipeline.report.text import (
    Periode, getal, kies_periode, maand, maand_kort, opsomming, procent, procentpunten, vergelijk,
)


@pytest.mark.parametrize(
    ("waarde", "decimalen", "verwacht"),
    [
        (1234.5, 1, "1.234,5"),
        (1234567, 0, "1.234.567"),
        (4.44, 1, "4,4"),
        (0.0, 1, "0,0"),
        (-0.01, 1, "0,0"),  # no '-0,0'
        (-1234.5, 1, "-1.234,5"),
        (None, 1, "–"),
        (float("nan"), 1, "–"),
    ],
)
def test_getal(waarde, decimalen, verwacht):
    assert getal(waarde, decimalen) == verwacht


@pytest.mark.parametrize(
    ("waarde", "decimalen", "verwacht"),
    [(0.432, 1, "43,2%"), (0.45, 0, "45%"), (1.0, 1, "100,0%"), (0.0004, 1, "0,0%"), (None, 1, "–")],
)
def test_procent(waarde, decimalen, verwacht):
    assert procent(waarde, decimalen) == verwacht


def test_procentpunten_and_months():
    assert procentpunten(-0.021) == "2,1 procentpunt"
    assert maand(date(2024, 3, 1)) == "maart 2024"
    assert maand_kort(date(2024, 10, 1)) == "okt 2024"
    assert opsomming(["a"]) == "a"
    assert opsomming(["a", "b", "c"]) == "a, b en c"


def _maanden(start: date, n: int) -> list[date]:
    uit = []
    for i in range(n):
        t = start.year * 12 + start.month - 1 + i
        uit.append(date(t // 12, t % 12 + 1, 1))
    return uit


def test_kies_periode_last_full_year():
    periode = kies_periode(_maanden(date(2023, 1, 1), 26))  # 2023-01 .. 2025-02
    assert periode == Periode(date(2024, 1, 1), date(2024, 12, 1), 12, jaar=2024)
    assert periode.label == "2024"
    assert periode.in_zin == "In 2024"


def test_kies_periode_last_twelve_months_without_full_year():
    periode = kies_periode(_maanden(date(2023, 6, 1), 14))  # 2023-06 .. 2024-07
    assert periode.jaar is None
    assert (periode.start, periode.eind, periode.maanden) == (date(2023, 8, 1), date(2024, 7, 1), 12)
    assert periode.label == "augustus 2023 t/m juli 2024"
    assert periode.in_zin == "Van augustus 2023 t/m juli 2024"


def test_kies_periode_few_months_and_none():
    periode = kies_periode(_maanden(date(2024, 3, 1), 3))
    assert (periode.start, periode.eind, periode.maanden) == (date(2024, 3, 1), date(2024, 5, 1), 3)
    assert kies_periode([]) is None


@pytest.mark.parametrize(
    ("waarde", "referentie", "soort", "verwacht"),
    [
        (0.432, 0.45, "aandeel", "iets lager dan"),
        (0.455, 0.45, "aandeel", "ongeveer gelijk aan"),
        (0.50, 0.45, "aandeel", "hoger dan"),
        (4.9, 4.4, "per1000", "iets hoger dan"),
        (4.5, 4.4, "per1000", "ongeveer gelijk aan"),
        (3.0, 4.4, "per1000", "lager dan"),
    ],
)
def test_vergelijk(waarde, referentie, soort, verwacht):
    assert vergelijk(waarde, referentie, soort) == verwacht
