"""Not-picked-up reasons the monitor counts, produced through the chain by every route there is:
the signal-level drempel (onterecht) and herhaalde melding (default policy), a melding-level rule
(Leiden's drempel: onterecht; a test policy's rule: andere reden), and the reference file of
residents known at schuldhulpverlening. "Persoon is geen inwoner" and "Inwoner is overleden"
cannot arise from the chain (no policy rule may set them) and stay 0.

March 2024:
  0999 (default policy): 1111AA Zorg 30 alone -> onterecht; 2222BB CAK 100 twice with the same
       ontstaansdatum (10 and 20 March) -> the second herhaald; 3333CC Zorg 100 in bekend_shv ->
       known at SHV; 4444DD Zorg 100 -> melding.
       Signals 5, picked up 2 (the first CAK and 4444DD), not picked up 3: 1/3 each.
  0546 (Leiden, no signal-level drempel): 5111AA Zorg 30 -> candidate melding, Leiden's drempel
       rule (below 50, not meervoudig, no age) -> onterecht; 5222BB Zorg 100 -> melding.
       Not picked up 1: onterecht 1/1.
  0777 (test policy: above EUR 5000 -> "Niet opgepakt: andere reden"): 7111AA Huur 6000 -> andere
       reden; 7222BB Huur 100 -> melding. Not picked up 1: andere reden 1/1.
Pooled over the three: 5 not picked up: onterecht 2/5, herhaald 1/5, SHV 1/5, andere 1/5.
Mean over the gemeenten: onterecht (1/3 + 1 + 0) / 3 = 4/9, herhaald 1/9, SHV 1/9, andere 1/3.
"""

import datetime as dt
import shutil

import pytest

from pipeline.common.settings import PROJECT_ROOT
from tests.sql.chain import new_chain, signaal

ZORG = {"signaalpartner_type": "Zorg", "signaalpartner_naam": "Zorgverzekeraar A"}
HUUR = {"signaalpartner_type": "Huur", "signaalpartner_naam": "H"}
CAK = {"signaalpartner_type": "CAK Zorgverzekeringen", "signaalpartner_naam": "CAK"}

PROEF_REGEL = """
regels:
  - id: rechtspersoon
    naam: Achterstand van een rechtspersoon
    als:
      bedrag: {boven: 5000}
    dan:
      aanpak: geen
      signaalstatus: "Niet opgepakt: andere reden"
"""


@pytest.fixture(scope="module")
def chain(tmp_path_factory):
    policies = tmp_path_factory.mktemp("beleid")
    for path in (PROJECT_ROOT / "policies").glob("*.yaml"):
        shutil.copy(path, policies / path.name)
    standaard = (PROJECT_ROOT / "policies" / "standaard.yaml").read_text(encoding="utf-8")
    proef = standaard.replace("naam: Standaard\nstandaard: true\ngemeentecodes: []", 'naam: Proef\ngemeentecodes: ["0777"]')
    proef = proef.replace("\nregels:\n", PROEF_REGEL, 1)
    assert 'gemeentecodes: ["0777"]' in proef and "id: rechtspersoon" in proef
    (policies / "proef.yaml").write_text(proef, encoding="utf-8")

    chain = new_chain()
    chain.policies_dir = policies
    ontstaan = {"ontstaansdatum": dt.date(2024, 1, 1)}
    chain.insert("raw_signalen", [
        signaal("2024-03-05", postcode="1111AA", bedrag=30.0, **ZORG),
        signaal("2024-03-10", postcode="2222BB", bedrag=100.0, **CAK, **ontstaan),
        signaal("2024-03-20", postcode="2222BB", bedrag=100.0, **CAK, **ontstaan),
        signaal("2024-03-05", postcode="3333CC", bedrag=100.0, **ZORG),
        signaal("2024-03-05", postcode="4444DD", bedrag=100.0, **ZORG),
        signaal("2024-03-05", gemeentecode="0546", postcode="5111AA", bedrag=30.0, **ZORG),
        signaal("2024-03-05", gemeentecode="0546", postcode="5222BB", bedrag=100.0, **ZORG),
        signaal("2024-03-05", gemeentecode="0777", postcode="7111AA", bedrag=6000.0, **HUUR),
        signaal("2024-03-05", gemeentecode="0777", postcode="7222BB", bedrag=100.0, **HUUR),
    ])
    chain.insert("raw_bekend_shv", [{"partitie": None, "bestand": "referentie/bekend_shv.csv", "rij": 2,
                                     "bsn": None, "postcode": "3333CC", "huisnummer": 1, "huisnummertoevoeging": None}])
    chain.build()
    return chain


@pytest.fixture(scope="module")
def maart(chain):
    return {r["gemeentecode"]: r for r in chain.rows("select * from monitor where periode_label = '2024-03'")}


def test_the_statuses_arrive_in_the_signalen_mart(chain):
    statuses = chain.rows("select gemeentecode, status, count(*) as n from signalen group by all order by all")
    assert statuses == [
        {"gemeentecode": "0546", "status": "Niet opgepakt: onterecht signaal", "n": 1},
        {"gemeentecode": "0546", "status": "Opgepakt", "n": 1},
        {"gemeentecode": "0777", "status": "Niet opgepakt: andere reden", "n": 1},
        {"gemeentecode": "0777", "status": "Opgepakt", "n": 1},
        {"gemeentecode": "0999", "status": "Inwoner al bekend bij schuldhulpverlening", "n": 1},
        {"gemeentecode": "0999", "status": "Niet opgepakt: herhaalde melding", "n": 1},
        {"gemeentecode": "0999", "status": "Niet opgepakt: onterecht signaal", "n": 1},
        {"gemeentecode": "0999", "status": "Opgepakt", "n": 2},
    ]


def test_reasons_per_gemeente(maart):
    def reasons(code):
        r = maart[code]
        return tuple(r[f"aandeel_niet_opgepakt_{k}"] for k in
                     ("onterecht", "herhaald", "andere_reden", "bekend_shv", "geen_inwoner", "overleden"))
    assert reasons("0999") == pytest.approx((1 / 3, 1 / 3, 0, 1 / 3, 0, 0))
    assert reasons("0546") == (1, 0, 0, 0, 0, 0)
    assert reasons("0777") == (0, 0, 1, 0, 0, 0)
    assert (maart["0999"]["aantal_signalen"], maart["0999"]["aantal_opgepakt"], maart["0999"]["aantal_niet_opgepakt"]) == (5, 2, 3)
    assert maart["0999"]["aandeel_opgepakt"] == pytest.approx(2 / 5)
    # the meldingen are the picked-up ones only: the first CAK signal and 4444DD
    assert [maart[c]["aantal_meldingen"] for c in ("0999", "0546", "0777")] == [2, 1, 1]


def test_reasons_pooled_and_mean(maart):
    alle, gem = maart["alle"], maart["gemiddelde_gemeenten"]
    assert alle["aantal_niet_opgepakt"] == 5
    assert (alle["aandeel_niet_opgepakt_onterecht"], alle["aandeel_niet_opgepakt_herhaald"],
            alle["aandeel_niet_opgepakt_bekend_shv"], alle["aandeel_niet_opgepakt_andere_reden"]) == pytest.approx((2 / 5, 1 / 5, 1 / 5, 1 / 5))
    assert (gem["aandeel_niet_opgepakt_onterecht"], gem["aandeel_niet_opgepakt_herhaald"],
            gem["aandeel_niet_opgepakt_bekend_shv"], gem["aandeel_niet_opgepakt_andere_reden"]) == pytest.approx((4 / 9, 1 / 9, 1 / 9, 1 / 3))
    assert gem["aandeel_opgepakt"] == pytest.approx((2 / 5 + 1 / 2 + 1 / 2) / 3)


def test_workload_counts_the_candidates_that_get_no_approach(chain):
    # aanpaklijst holds candidate meldingen: the SHV one (0999), Leiden's drempel (0546) and the
    # andere-reden one (0777) get aanpak 'geen'; signal-level onterecht/herhaald are no candidates.
    # Candidates: 0999 2222BB 3333CC 4444DD (3), 0546 two, 0777 two.
    rows = chain.rows("""
        select gemeentecode, categorie, aantal, noemer, aandeel from monitor_verdeling
        where periode_label = '2024-03' and onderwerp = 'aanpak' and categorie = 'geen' order by gemeentecode
    """)
    assert [(r["gemeentecode"], r["aantal"], r["noemer"], r["aandeel"]) for r in rows] == [
        ("0546", 1, 2, 1 / 2), ("0777", 1, 2, 1 / 2), ("0999", 1, 3, pytest.approx(1 / 3)), ("alle", 3, 7, pytest.approx(3 / 7)),
        ("gemiddelde_gemeenten", 1, pytest.approx(7 / 3), pytest.approx((1 / 2 + 1 / 2 + 1 / 3) / 3))]


def test_a_rebuild_gives_the_same_monitor(chain):
    before = chain.rows("select * from monitor order by all"), chain.rows("select * from monitor_verdeling order by all")
    chain.build()
    after = chain.rows("select * from monitor order by all"), chain.rows("select * from monitor_verdeling order by all")
    assert after == before
