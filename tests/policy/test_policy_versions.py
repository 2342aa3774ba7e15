"""Policy versions (`geldig_vanaf`) and the policy timeline that keeps decided months (#13)."""

import datetime as dt

import polars as pl
import pytest

from pipeline.policy import PolicyError, load_policies, route
from pipeline.policy.steps import BEGIN, Segment, plan_timeline

D = dt.date

BASE = """\
naam: {naam}
{codes}
drempelbedrag: {drempel}
regels:
  - id: regel
    naam: Regel
    als: altijd
    dan:
      aanpak: {aanpak}
"""


def write(folder, name, *, naam="Proef", codes='gemeentecodes: ["0999"]', drempel="null", aanpak="telefoon", vanaf=None):
    text = BASE.format(naam=naam, codes=codes, drempel=drempel, aanpak=aanpak)
    if vanaf:
        text += f"geldig_vanaf: {vanaf}\n"
    (folder / name).write_text(text, encoding="utf-8")


def standaard(folder, **kw):
    write(folder, "standaard.yaml", naam="Standaard", codes="standaard: true", aanpak="sms_whatsapp", **kw)


def test_geldig_vanaf_is_a_month_and_is_checked(tmp_path):
    standaard(tmp_path)
    write(tmp_path, "a.yaml", vanaf="2024-07")
    policies = load_policies(tmp_path)
    assert policies.by_code["0999"].geldig_vanaf == D(2024, 7, 1)
    assert policies.standaard.geldig_vanaf is None
    for wrong in ("2024-13", "juli 2024", "2024-07-15"):
        write(tmp_path, "a.yaml", vanaf=wrong)
        with pytest.raises(PolicyError, match="geldig_vanaf: verwacht een maand in de vorm JJJJ-MM"):
            load_policies(tmp_path)


def test_several_versions_per_gemeente_the_latest_geldig_vanaf_up_to_the_month_applies(tmp_path):
    standaard(tmp_path)
    write(tmp_path, "a.yaml", aanpak="telefoon")                   # from the beginning
    write(tmp_path, "b.yaml", aanpak="huisbezoek", vanaf="2024-07")
    write(tmp_path, "c.yaml", aanpak="mail", codes='gemeentecodes: ["0888"]', vanaf="2024-03")
    policies = load_policies(tmp_path)
    assert policies.for_gemeente("0999", D(2024, 6, 1)).source_file.name == "a.yaml"
    assert policies.for_gemeente("0999", D(2024, 7, 1)).source_file.name == "b.yaml"
    assert policies.for_gemeente("0999").source_file.name == "b.yaml"  # now: the latest
    # before a gemeente's first version the standaard applies
    assert policies.for_gemeente("0888", D(2024, 2, 1)).name == "Standaard"
    assert policies.for_gemeente("0888", D(2024, 3, 1)).source_file.name == "c.yaml"
    features = pl.DataFrame({"melding_id": ["m1", "m2", "m3", "m4"], "gemeentecode": ["0999", "0999", "0888", "0888"],
                             "maand": [D(2024, 6, 1), D(2024, 7, 1), D(2024, 2, 1), D(2024, 3, 1)]})
    from pipeline.policy import FEATURE_SCHEMA
    full = features.with_columns(*(pl.lit(None, dtype=t).alias(c) for c, t in FEATURE_SCHEMA.items()
                                   if c not in features.columns))
    assert route(full, policies)["aanpak"].to_list() == ["telefoon", "huisbezoek", "sms_whatsapp", "mail"]


def test_same_gemeente_and_same_geldig_vanaf_in_two_files_is_refused(tmp_path):
    standaard(tmp_path)
    write(tmp_path, "a.yaml", vanaf="2024-07")
    write(tmp_path, "b.yaml", vanaf="2024-07")
    with pytest.raises(PolicyError) as caught:
        load_policies(tmp_path)
    assert caught.value.file == str(tmp_path / "b.yaml") and "geldig_vanaf 2024-07" in caught.value.problem


def seg(vanaf, tot, digest, drempel=None):
    return Segment(vanaf, tot, digest, "Proef", drempel)


def hashes(timeline):
    return [(s.vanaf, s.tot, s.beleid_hash) for s in timeline]


def test_timeline_a_file_edited_in_place_applies_only_after_the_last_decided_month(tmp_path):
    standaard(tmp_path)
    write(tmp_path, "a.yaml", aanpak="mail")
    policies = load_policies(tmp_path)
    new = policies.by_code["0999"].source_hash
    prev = [seg(BEGIN, None, "oud", 75.0)]
    timeline = plan_timeline(policies, "0999", prev, D(2024, 6, 1))
    assert hashes(timeline) == [(BEGIN, D(2024, 7, 1), "oud"), (D(2024, 7, 1), None, new)]
    assert timeline[0].drempelbedrag == 75.0  # earlier months keep the threshold they were decided with
    # nothing decided yet (first run): the file applies everywhere
    assert hashes(plan_timeline(policies, "0999", prev, None)) == [(BEGIN, None, new)]
    assert hashes(plan_timeline(policies, "0999", [], D(2024, 6, 1))) == [(BEGIN, None, new)]


def test_timeline_a_dated_version_replaces_decided_months_it_covers(tmp_path):
    standaard(tmp_path)
    write(tmp_path, "a.yaml", aanpak="mail")
    write(tmp_path, "b.yaml", aanpak="huisbezoek", vanaf="2024-04")
    policies = load_policies(tmp_path)
    a, b = (policies.by_name("Proef").source_hash, policies.for_gemeente("0999").source_hash)
    prev = [seg(BEGIN, None, a)]
    assert hashes(plan_timeline(policies, "0999", prev, D(2024, 6, 1))) == [(BEGIN, D(2024, 4, 1), a), (D(2024, 4, 1), None, b)]
    # the undated file replaced by a dated one only: decided months before it keep the stored version
    (tmp_path / "a.yaml").unlink()
    policies = load_policies(tmp_path)
    assert hashes(plan_timeline(policies, "0999", prev, D(2024, 6, 1))) == [(BEGIN, D(2024, 4, 1), a), (D(2024, 4, 1), None, b)]
    # ... and with nothing stored, the standaard covers the months before the first version
    std = policies.standaard.source_hash
    assert hashes(plan_timeline(policies, "0999", [], None)) == [(BEGIN, D(2024, 4, 1), std), (D(2024, 4, 1), None, b)]
