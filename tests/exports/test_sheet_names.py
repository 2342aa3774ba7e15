"""Sheet names follow Excel's rules and stay unique, whatever the consultant is called."""

from __future__ import annotations

import io

import fastexcel
import polars as pl
import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.common.werkvoorraad_layout import LISTS_SHEET, UNASSIGNED_SHEET, sheet_name, sheet_tables
from tests.exports.helpers import melding, werkvoorraad_frame

FORBIDDEN = set("[]:*?/\\")


def names_for(wanted: list[str]) -> list[str]:
    taken = {UNASSIGNED_SHEET.casefold(), LISTS_SHEET.casefold()}
    return [sheet_name(w, taken) for w in wanted]


def test_examples():
    assert names_for(["Els de Vries"]) == ["Els de Vries"]
    assert names_for(["a/b:c*d?e[f]g\\h"]) == ["a_b_c_d_e_f_g_h"]
    assert names_for(["'quoted'"]) == ["quoted"]
    assert names_for(["x" * 40, "x" * 35]) == ["x" * 31, "x" * 27 + " (2)"]
    assert names_for(["Niet toegewezen", "niet TOEGEWEZEN", "History", "Keuzelijsten"]) == [
        "Niet toegewezen (2)", "niet TOEGEWEZEN (3)", "History (2)", "Keuzelijsten (2)",
    ]
    assert names_for(["", "   ", "''"]) == ["Consulent", "Consulent (2)", "Consulent (3)"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(min_size=0, max_size=45), min_size=1, max_size=8))
def test_always_valid_and_unique(wanted):
    names = names_for(wanted)
    for name in names:
        assert 1 <= len(name) <= 31
        assert not FORBIDDEN & set(name)
        assert not name.startswith("'") and not name.endswith("'")
        assert name.strip() == name
    folded = [n.casefold() for n in names] + [UNASSIGNED_SHEET.casefold(), LISTS_SHEET.casefold()]
    assert len(set(folded)) == len(folded)
    assert "history" not in folded


@settings(max_examples=25, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40),
                min_size=1, max_size=5))
def test_xlsxwriter_and_calamine_accept_the_names(consultants):
    frame = werkvoorraad_frame([melding(f"M{i}", consulent=c) for i, c in enumerate(consultants)])
    sheets = sheet_tables(frame)
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    for name, _ in sheets:
        workbook.add_worksheet(name)  # raises on an invalid or duplicate name
    workbook.close()
    assert fastexcel.read_excel(buffer.getvalue()).sheet_names == [name for name, _ in sheets]
    assert sum(t.height for _, t in sheets) == frame.height
    assert all(isinstance(t, pl.DataFrame) for _, t in sheets)
