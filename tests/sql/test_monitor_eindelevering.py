"""The seed's first bottleneck at the edges of its window: eindeleveringssignalen (crisis signals of
type Energie) whose address had no regular (non-crisis) signal, of any creditor and any status,
in the 12 months before the signal's month (M-12..M-1). All in gemeente 0999, March 2024:

  1111AA  Zorg 2023-03-15 (M-12: counts as earlier)                 + crisis Energie 2024-03-10
  2222BB  Zorg 2023-02-15 (M-13: too long ago)                      + crisis Energie 2024-03-10
  3333CC  crisis Energie 2023-09-15 (a crisis signal: does not count) + crisis Energie 2024-03-10
  4444DD  Zorg 2024-03-01 (the same month: does not count)          + crisis Energie 2024-03-20
  5555EE  Huur 2024-02-15 of EUR 10 (onterecht: any status counts)  + crisis Energie 2024-03-10
  6666FF  crisis Huur 2024-03-10 (crisis, but no eindelevering)
  7777GG  Energie 2024-03-10, not a crisis signal

March 2024: Energie signals 1111 2222 3333 4444 5555 7777 = 6, of which eindelevering 5
(crisis of energy 5/6); without an earlier signal 2222, 3333 and 4444: 3/5.
September 2023: the crisis signal at 3333CC is an eindelevering without earlier signal: 1/1.
"""

import pytest

from tests.sql.chain import run_chain, signaal

ZORG = {"signaalpartner_type": "Zorg", "signaalpartner_naam": "Zorgverzekeraar A"}
ENERGIE = {"signaalpartner_type": "Energie", "signaalpartner_naam": "E"}
CRISIS = {**ENERGIE, "crisissignaal": True}


@pytest.fixture(scope="module")
def monitor():
    chain = run_chain([
        signaal("2023-03-15", postcode="1111AA", **ZORG),
        signaal("2024-03-10", postcode="1111AA", **CRISIS),
        signaal("2023-02-15", postcode="2222BB", **ZORG),
        signaal("2024-03-10", postcode="2222BB", **CRISIS),
        signaal("2023-09-15", postcode="3333CC", **CRISIS),
        signaal("2024-03-10", postcode="3333CC", **CRISIS),
        signaal("2024-03-01", postcode="4444DD", **ZORG),
        signaal("2024-03-20", postcode="4444DD", **CRISIS),
        signaal("2024-02-15", postcode="5555EE", bedrag=10.0, signaalpartner_type="Huur", signaalpartner_naam="H"),
        signaal("2024-03-10", postcode="5555EE", **CRISIS),
        signaal("2024-03-10", postcode="6666FF", signaalpartner_type="Huur", signaalpartner_naam="H", crisissignaal=True),
        signaal("2024-03-10", postcode="7777GG", **ENERGIE),
    ])
    return {(r["periode_label"], r["gemeentecode"]): r for r in chain.rows("select * from monitor")}


def test_the_earlier_signal_at_the_onterecht_address_was_not_picked_up(monitor):
    feb = monitor["2024-02", "0999"]
    assert (feb["aantal_signalen"], feb["aantal_niet_opgepakt_onterecht"]) == (1, 1)


def test_window_edges_in_march(monitor):
    maart = monitor["2024-03", "0999"]
    assert (maart["aantal_energie"], maart["aantal_eindelevering"]) == (6, 5)
    assert maart["aandeel_crisis_van_energie"] == pytest.approx(5 / 6)
    assert maart["aantal_eindelevering_zonder_eerder_signaal"] == 3
    assert maart["aandeel_eindelevering_zonder_eerder_signaal"] == pytest.approx(3 / 5)


def test_an_eindelevering_with_nothing_before_it(monitor):
    sept = monitor["2023-09", "0999"]
    assert (sept["aantal_eindelevering"], sept["aandeel_eindelevering_zonder_eerder_signaal"]) == (1, 1)


def test_quarter_and_year(monitor):
    # 2024-K1 holds February and March (the delivered months); 2023 holds Feb, Mar and Sep
    assert monitor["2024-K1", "0999"]["maanden"] == 2
    assert monitor["2024-K1", "0999"]["aandeel_eindelevering_zonder_eerder_signaal"] == pytest.approx(3 / 5)
    assert monitor["2023", "0999"]["maanden"] == 3
    assert monitor["2023", "0999"]["aandeel_eindelevering_zonder_eerder_signaal"] == 1
    # no signal in 2023-K1 and 2023-K3 is an eindelevering in K1
    assert monitor["2023-K1", "0999"]["aandeel_eindelevering_zonder_eerder_signaal"] is None
