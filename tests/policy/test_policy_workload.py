"""workload_per_aanpak: counts per gemeente, month and aanpak, zeros included."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from pipeline.policy import AANPAKKEN, FeatureSchemaError, WORKLOAD_SCHEMA, load_policies, route, workload_per_aanpak
from policy_features import POLICY_DIR, frame, melding

OKT = dt.date(2024, 10, 1)
NOV = dt.date(2024, 11, 1)


def test_counts_by_hand():
    routed = pl.DataFrame(
        {
            "gemeentecode": ["0546", "0546", "0546", "0546", "1586", "0546"],
            "maand": [OKT, OKT, OKT, OKT, OKT, NOV],
            "aanpak": ["brief", "brief", "geen", "huisbezoek", "telefoon", "uitgesteld"],
        }
    )
    workload = workload_per_aanpak(routed)
    assert workload.schema == WORKLOAD_SCHEMA
    assert workload.height == 3 * len(AANPAKKEN)  # (0546, okt), (0546, nov), (1586, okt)
    counts = {(r["gemeentecode"], r["maand"], r["aanpak"]): r["aantal_meldingen"] for r in workload.iter_rows(named=True)}
    expected = {key: 0 for key in counts}
    expected.update({
        ("0546", OKT, "brief"): 2,
        ("0546", OKT, "geen"): 1,
        ("0546", OKT, "huisbezoek"): 1,
        ("1586", OKT, "telefoon"): 1,
        ("0546", NOV, "uitgesteld"): 1,
    })
    assert counts == expected
    # fixed order: gemeente, month, then the AANPAKKEN order
    assert workload["aanpak"].to_list()[: len(AANPAKKEN)] == list(AANPAKKEN)
    assert workload["gemeentecode"].to_list() == ["0546"] * 14 + ["1586"] * 7
    assert workload["aantal_meldingen"].sum() == routed.height


def test_empty():
    routed = pl.DataFrame(schema={"gemeentecode": pl.Utf8, "maand": pl.Date, "aanpak": pl.Utf8})
    workload = workload_per_aanpak(routed)
    assert workload.height == 0 and workload.schema == WORKLOAD_SCHEMA


def test_unknown_aanpak_is_an_error():
    routed = pl.DataFrame({"gemeentecode": ["0546"], "maand": [OKT], "aanpak": ["bellen"]})
    with pytest.raises(FeatureSchemaError, match="bellen"):
        workload_per_aanpak(routed)


def test_on_routed_output():
    rows = [
        melding(melding_id="a", totaal_bedrag=30.0),  # drempel -> geen
        melding(melding_id="b", totaal_bedrag=300.0),  # brief
        melding(melding_id="c", totaal_bedrag=3000.0),  # huisbezoek
        melding(melding_id="d", totaal_bedrag=300.0, email_bekend=True),  # mail
    ]
    workload = workload_per_aanpak(route(frame(rows), load_policies(POLICY_DIR)))
    got = dict(zip(workload["aanpak"], workload["aantal_meldingen"]))
    assert got == {"huisbezoek": 1, "telefoon": 0, "sms_whatsapp": 0, "mail": 1, "brief": 1, "uitgesteld": 0, "geen": 1}
