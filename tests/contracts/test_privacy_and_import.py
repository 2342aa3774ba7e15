"""No data value ever leaves a check; GX is imported only when a check runs."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

import polars as pl

from tests.contracts.conftest import INVALID_BSN, PARTITIE, failures, run, signalen_frame, with_value

REPO = Path(__file__).resolve().parents[2]


def _broken_signals() -> pl.DataFrame:
    frame = with_value(signalen_frame(), "postcode", 1, "12AB")
    frame = with_value(frame, "bsn", 0, INVALID_BSN)
    frame = with_value(frame, "signaalpartner_type", 2, "Geheimbank")
    return with_value(frame, "bedrag", 0, 987654.32)


def test_summary_metadata_and_logs_hold_no_values(contracts, caplog, capfd):
    caplog.set_level(logging.DEBUG)
    outcome = run(contracts["invoer_signalen"], _broken_signals(), partitie=PARTITIE)
    assert failures(outcome) == {
        "signaalpartner_type: waarden": [4],
        "bedrag: maximum": [2],
        "postcode: patroon": [3],
        "bsn: elfproef": [2],
    }
    texts = [
        outcome.summary(),
        json.dumps(outcome.metadata()),
        repr(outcome),
        caplog.text,
        *capfd.readouterr(),
    ]
    for text in texts:
        for value in ("12AB", INVALID_BSN, "Geheimbank", "987654"):
            assert value not in text
    summary = outcome.summary()
    assert summary.startswith("Contract invoer_signalen (tabel raw_signalen, 3 rijen): 4 van ")
    assert "[blokkerend]" in summary and "postcode: patroon (1 rij)" in summary


def test_a_failing_gx_computation_is_reported_without_its_message(caplog):
    # comparing text with a number makes GX's pandas metric raise; its message may quote values
    import great_expectations.expectations as gxe
    import pandas as pd

    from pipeline.contracts import gx_session
    from pipeline.contracts.expectations import PlannedRule

    caplog.set_level(logging.DEBUG)
    planned = [PlannedRule("k: minimum", "k", gxe.ExpectColumnValuesToBeBetween(
        column="k", min_value=5, meta={"regel": "k: minimum", "kolom": "k"}))]
    frame = pd.DataFrame({"k": pd.Series(["geheim-1", 7], dtype=object)})
    [result] = gx_session.validate(frame, planned, name="proef", index_column=None)
    assert (result.passed, result.detail) == (False, gx_session.ERROR_DETAIL)
    assert "geheim" not in repr(result) and "geheim" not in caplog.text


def test_metadata_is_plain():
    from pipeline.contracts import CheckOutcome, RuleResult

    outcome = CheckOutcome("c", "t", False, 5, [RuleResult("x: verplicht", "x", False, 2, [3, 4])])
    meta = outcome.metadata()
    assert meta["regels_niet_gehaald"] == 1
    assert meta["niet_gehaald"] == {"x: verplicht": {"rijen": 2, "rijnummers": [3, 4], "uitleg": None}}
    assert "[waarschuwing]" in outcome.summary()
    json.dumps(meta)


def test_importing_the_package_does_not_import_great_expectations():
    code = "import pipeline.contracts, sys; print('great_expectations' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_a_check_prints_nothing_and_disables_analytics(contracts, capfd):
    import os

    from tests.contracts.conftest import gemeenten_frame

    capfd.readouterr()
    assert run(contracts["invoer_gemeenten"], gemeenten_frame()).passed
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")  # no progress bars, no warnings
    assert os.environ["GX_ANALYTICS_ENABLED"] == "False"


def test_loading_the_definitions_imports_no_heavy_library():
    """GX, plotly, the XLSX writer and the JSON Schema validators load only in the steps that use them."""
    heavy = ("great_expectations", "plotly", "xlsxwriter", "openpyxl", "jsonschema", "jsonschema_rs", "orjson")
    code = f"import pipeline.definitions, sys; print([m for m in {heavy!r} if m in sys.modules])"
    done = subprocess.run([sys.executable, "-W", "ignore", "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"
