"""Kept decisions (#13): pick-up and routing are made once per melding, under the policy version of
its month, and survive later runs, late deliveries and policy files edited in place; a version
with a geldig_vanaf over decided months re-decides exactly those months.

One gemeente (0999, file proef.yaml) and a chain of builds on the same warehouse, as runs do
(`keep_decisions=True`). Hand-worked expectations per step are in the comments.
"""

import hashlib
import shutil

import pytest

from pipeline.run.build import build_all
from pipeline.warehouse.catalog import MODELS
from pipeline.policy import load_policies
from pipeline.policy.steps import write_beleid
from pipeline.common.settings import PROJECT_ROOT
from tests.sql.chain import new_chain, signaal

V1 = """\
naam: Proef
gemeentecodes: ["0999"]
drempelbedrag: null
regels:
  - id: brief
    naam: Brief
    als: altijd
    dan:
      aanpak: brief
      brief_sjabloon: aanbod
brief_sjablonen:
  aanbod: Brief met het aanbod
"""
# edited in place: a signal threshold of 500 and every melding by phone
V2 = V1.replace("drempelbedrag: null", "drempelbedrag: 500").replace(
    "id: brief\n    naam: Brief\n    als: altijd\n    dan:\n      aanpak: brief\n      brief_sjabloon: aanbod",
    "id: bellen\n    naam: Bellen\n    als: altijd\n    dan:\n      aanpak: telefoon")
# a new version from February 2024: no threshold, every melding a home visit
V3 = V1.replace('gemeentecodes: ["0999"]', 'gemeentecodes: ["0999"]\ngeldig_vanaf: 2024-02').replace(
    "id: brief\n    naam: Brief\n    als: altijd\n    dan:\n      aanpak: brief\n      brief_sjabloon: aanbod",
    "id: bezoek\n    naam: Bezoek\n    als: altijd\n    dan:\n      aanpak: huisbezoek")


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@pytest.fixture()
def setup(tmp_path):
    policies = tmp_path / "beleid"
    policies.mkdir()
    shutil.copy(PROJECT_ROOT / "policies" / "standaard.yaml", policies / "standaard.yaml")
    (policies / "proef.yaml").write_text(V1, encoding="utf-8")
    chain = new_chain()
    return chain, policies


def run(chain, policies_dir, **herbereken):
    """One run: the policy timeline (its log lines returned), then every model and decision."""
    policies = load_policies(policies_dir)
    lines = write_beleid(chain.con, policies, **herbereken)
    build_all(chain.con, MODELS, policies, keep_decisions=True)
    return lines


def aanpak(chain):
    """{(postcode, month): (aanpak, beleid_hash)} of the aanpaklijst, and the same of melding_opname."""
    rows = chain.rows(
        "select k.adres, a.maand, a.aanpak, a.beleid_hash, o.opgepakt, o.beleid_hash as opname_hash, a.melding_id "
        "from aanpaklijst a join melding_opname o using (melding_id) join int_melding_kandidaten k using (melding_id)")
    for r in rows:
        assert r["beleid_hash"] == r["opname_hash"]  # both decisions of a melding under one version
    return {(r["adres"][:6], f"{r['maand']:%Y-%m}"): (r["aanpak"], r["beleid_hash"]) for r in rows}


def status(chain, signaal_id):
    return chain.one(f"select status from signalen where signaal_id = '{signaal_id}'")["status"]


def test_decisions_are_kept_through_edits_late_deliveries_and_replaced_only_by_a_dated_version(setup):
    chain, policies = setup
    # step 1: January A and February B under V1: both picked up, a letter
    chain.insert("raw_signalen", [signaal("2024-01-05", postcode="1111AA", signaal_id="J1"),
                                  signaal("2024-02-05", postcode="2222BB", signaal_id="F1")])
    assert run(chain, policies) == []  # first run: nothing decided before, nothing to say
    assert aanpak(chain) == {("1111AA", "2024-01"): ("brief", sha(V1)), ("2222BB", "2024-02"): ("brief", sha(V1))}
    old_feb_id = chain.one("select melding_id from aanpaklijst where maand = date '2024-02-01'")["melding_id"]

    # step 2: the file is edited in place (V2: threshold 500, phone). New: March C (100, below
    # V2's threshold) and E (600); late: January D (100) and at February's address B a signal
    # with a lower signaal_id (A0) - B's melding gets a new id.
    (policies / "proef.yaml").write_text(V2, encoding="utf-8")
    chain.insert("raw_signalen", [signaal("2024-03-05", postcode="3333CC", signaal_id="M1"),
                                  signaal("2024-03-06", postcode="5555EE", signaal_id="M2", bedrag=600.0),
                                  signaal("2024-01-07", postcode="4444DD", signaal_id="J2"),
                                  signaal("2024-02-07", postcode="2222BB", signaal_id="A0")])
    lines = run(chain, policies)
    assert len(lines) == 1 and "zonder geldig_vanaf" in lines[0] and "vanaf 2024-03" in lines[0] \
        and "t/m 2024-02" in lines[0], lines
    # decided months keep V1 (and its threshold null): J2 is picked up and, like the late B
    # melding, decided under the kept V1 text; March follows V2: C is below 500, E by phone
    assert aanpak(chain) == {
        ("1111AA", "2024-01"): ("brief", sha(V1)), ("4444DD", "2024-01"): ("brief", sha(V1)),
        ("2222BB", "2024-02"): ("brief", sha(V1)), ("5555EE", "2024-03"): ("telefoon", sha(V2))}
    assert [status(chain, s) for s in ("J2", "A0", "M1")] == ["Opgepakt", "Opgepakt", "Niet opgepakt: onterecht signaal"]
    # the old February melding is no longer a candidate: its decisions are gone
    assert chain.rows(f"select * from melding_opname where melding_id = '{old_feb_id}'") == []
    assert chain.one("select count(*) as n from beleid_versies")["n"] == 3  # V1, V2, standaard
    timeline = chain.rows("select geldig_vanaf, geldig_tot, beleid_hash, drempelbedrag from raw_beleid "
                          "where gemeentecode = '0999' order by geldig_vanaf")
    assert [(f"{r['geldig_vanaf']:%Y-%m}", r["geldig_tot"] and f"{r['geldig_tot']:%Y-%m}", r["beleid_hash"],
             r["drempelbedrag"]) for r in timeline] == [("1900-01", "2024-03", sha(V1), None),
                                                        ("2024-03", None, sha(V2), 500)]
    assert run(chain, policies) == []  # a rerun changes and says nothing

    # step 3: a version valid from 2024-02 (V3, home visits, no threshold) next to V2: February and
    # March are re-decided under V3 (C now passes), January keeps V1
    (policies / "proef_2024.yaml").write_text(V3, encoding="utf-8")
    lines = run(chain, policies)
    assert len(lines) == 1 and "proef_2024.yaml" in lines[0] and "vanaf 2024-02" in lines[0] \
        and "opnieuw besloten" in lines[0], lines
    assert aanpak(chain) == {
        ("1111AA", "2024-01"): ("brief", sha(V1)), ("4444DD", "2024-01"): ("brief", sha(V1)),
        ("2222BB", "2024-02"): ("huisbezoek", sha(V3)), ("3333CC", "2024-03"): ("huisbezoek", sha(V3)),
        ("5555EE", "2024-03"): ("huisbezoek", sha(V3))}
    assert status(chain, "M1") == "Opgepakt"

    # step 4: --herbereken-beleid for every month: January now follows the file V2 (threshold 500):
    # both January signals fall below it, so January has no melding and no decision any more
    lines = run(chain, policies, herbereken_vanaf=None, herbereken=True)
    assert lines[0].startswith("herberekening beleid: 5 besluiten"), lines
    assert aanpak(chain) == {
        ("2222BB", "2024-02"): ("huisbezoek", sha(V3)), ("3333CC", "2024-03"): ("huisbezoek", sha(V3)),
        ("5555EE", "2024-03"): ("huisbezoek", sha(V3))}
    assert [status(chain, s) for s in ("J1", "J2")] == ["Niet opgepakt: onterecht signaal"] * 2


def test_the_plain_build_decides_from_scratch(setup):
    """build_all without keep_decisions (tests, simuleer) forgets earlier decisions: what-if semantics."""
    chain, policies = setup
    chain.insert("raw_signalen", [signaal("2024-01-05", postcode="1111AA")])
    build_all(chain.con, MODELS, load_policies(policies))
    (policies / "proef.yaml").write_text(V2.replace("drempelbedrag: 500", "drempelbedrag: null"), encoding="utf-8")
    build_all(chain.con, MODELS, load_policies(policies))
    assert [r["aanpak"] for r in chain.rows("select aanpak from aanpaklijst")] == ["telefoon"]
