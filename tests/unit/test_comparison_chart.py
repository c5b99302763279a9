"""charts.comparison: before/after bars per unit and per Sector, checked against the numbers of
the bundled plan with WSIS-ES's roles moved to CEC (CEC 13 leads, 4 assists -> 15 leads; weighted
load 15 -> 17; WSIS-ES 5 -> 0)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from analysis.changes.compare import sector_comparison, workload_comparison
from analysis.changes.whatif import MoveRole, apply_edits
from analysis.model import Plan
from charts.comparison import comparison_chart
from charts.palette import SECTOR_COLOURS


@pytest.fixture(scope="module")
def edited(plan: Plan) -> Plan:
    return apply_edits(plan, [MoveRole(None, "WSIS-ES", "CEC")])


def bars(figure: go.Figure) -> tuple[go.Bar, go.Bar]:
    before, after = figure.data[0], figure.data[1]
    return before, after


def test_unit_bars_hold_before_and_after_loads(plan: Plan, edited: Plan) -> None:
    frame = workload_comparison(plan, edited)
    before, after = bars(comparison_chart(frame, "unit"))
    assert list(before.y) == list(frame["unit"]) == list(after.y)
    loads_before = dict(zip(before.y, before.x, strict=True))
    loads_after = dict(zip(after.y, after.x, strict=True))
    assert (loads_before["CEC"], loads_after["CEC"]) == (15.0, 17.0)
    assert (loads_before["WSIS-ES"], loads_after["WSIS-ES"]) == (5.0, 0.0)
    assert loads_before["BDT"] == loads_after["BDT"] == 23.0
    cec = list(after.y).index("CEC")
    assert (
        after.customdata[cec][1]
        == "CEC (General Secretariat; the plan does not expand the acronym)"
    )
    assert list(after.customdata[cec][2:]) == [15, 4]
    assert after.text[cec] == "A 17"


def test_before_is_lighter_and_hatched_after_solid_in_sector_colours(
    plan: Plan, edited: Plan
) -> None:
    frame = workload_comparison(plan, edited)
    before, after = bars(comparison_chart(frame, "unit"))
    bdt = list(after.y).index("BDT")
    assert after.marker.color[bdt] == SECTOR_COLOURS["ITU-D"]
    assert before.marker.color[bdt] != SECTOR_COLOURS["ITU-D"]
    assert before.marker.pattern.shape == "/"
    assert after.marker.pattern.shape == ""
    # Without colour, the labels still say which bar is which.
    assert all(text.startswith("B ") for text in before.text)
    assert all(text.startswith("A ") for text in after.text)


def test_legend_explains_sides_and_sectors(plan: Plan, edited: Plan) -> None:
    figure = comparison_chart(
        workload_comparison(plan, edited), "unit", labels=("Plan in use", "Second plan")
    )
    names = [trace.name for trace in figure.data if trace.showlegend is not False]
    assert names[:2] == ["Plan in use (B, light, hatched)", "Second plan (A, solid)"]
    assert set(names[2:]) == set(SECTOR_COLOURS)
    assert figure.layout.title.text == "Weighted load per unit: Plan in use and Second plan"
    assert figure.layout.yaxis.title.text == "ITU unit"
    assert "Weighted load" in figure.layout.xaxis.title.text


def test_a_long_plan_name_is_cut_in_the_legend_only(plan: Plan, edited: Plan) -> None:
    long_name = "uploaded WSIS plan, revision 3 for Council 2007.xlsx"
    figure = comparison_chart(
        workload_comparison(plan, edited), "unit", labels=("bundled data/plan.csv", long_name)
    )
    names = [trace.name for trace in figure.data if trace.showlegend is not False]
    assert names[:2] == [
        "bundled data/plan.csv (B, light, hatched)",
        "uploaded WSIS plan, rev… (A, solid)",
    ]
    after = bars(figure)[1]
    assert f"{long_name}: weighted load" in after.hovertemplate


def test_sector_bars(plan: Plan, edited: Plan) -> None:
    frame = sector_comparison(plan, edited)
    before, after = bars(comparison_chart(frame, "sector", title="Per Sector"))
    assert list(after.y) == list(SECTOR_COLOURS)
    gs = list(after.y).index("General Secretariat")
    assert (before.x[gs], after.x[gs]) == (35.5, 32.5)
    assert after.marker.color[gs] == SECTOR_COLOURS["General Secretariat"]


def test_plan_text_is_escaped_for_hover() -> None:
    frame = pd.DataFrame(
        {
            "unit": ["X"],
            "unit_name": ["<b>Unit</b>"],
            "sector": ["ITU-R"],
            **{f"{m}_{s}": [1] for m in ("lead", "assist") for s in ("before", "after")},
            "weighted_load_before": [1.5],
            "weighted_load_after": [2.0],
        }
    )
    before, _ = bars(comparison_chart(frame, "unit"))
    assert before.customdata[0][1] == "&lt;b&gt;Unit&lt;/b&gt;"


def test_empty_frame_gives_an_empty_figure(plan: Plan) -> None:
    frame = workload_comparison(plan, plan).iloc[0:0]
    before, after = bars(comparison_chart(frame, "unit"))
    assert len(before.x) == len(after.x) == 0
