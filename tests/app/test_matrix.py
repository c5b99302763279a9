"""The responsibility matrix page: L/A cells per unit and activity, the action line and pillar
views (radio mirrored in the URL), and the source text behind a selected cell or row."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pandas as pd
from streamlit.testing.v1 import AppTest

from charts.matrix import MAX_ACTIVITY_COLUMNS, activity_matrix, too_many_columns

from .conftest import MakeApp
from .plotly_json import chart_selection, figure, table_selection, values


def heatmap(spec: dict[str, Any]) -> dict[tuple[str, str], str]:
    """(unit, activity id) -> 'L' or 'A', from the heatmap's cell text."""
    grid = next(trace for trace in spec["data"] if trace["type"] == "heatmap")
    return {
        (unit, activity): letter
        for unit, row in zip(grid["y"], grid["text"], strict=True)
        for activity, letter in zip(grid["x"], row, strict=True)
        if letter
    }


def group_labels(spec: dict[str, Any]) -> dict[tuple[str, str], str]:
    """(unit, group) -> '2L 1A', from the grouped matrix's square markers."""
    return {
        (unit, group): label
        for trace in spec["data"]
        if trace.get("mode") == "markers+text"
        for (unit, group), label in zip(trace["customdata"], trace["text"], strict=True)
    }


def select(at: AppTest, key: str, *custom: str) -> None:
    at.session_state[key] = chart_selection(
        {"curve_number": 2, "point_index": 0, "customdata": list(custom)}, 0
    )
    at.run()


def test_matrix_of_the_whole_plan(make_app: MakeApp) -> None:
    at = make_app("matrix")
    assert not at.exception
    spec = figure(at)
    cells = heatmap(spec)
    # 52 lead roles and 52 assist roles in the plan (Workload: 2+9+18+23 and 5+12+10+25).
    assert Counter(cells.values()) == {"L": 52, "A": 52}
    assert cells[("TSB", "A27")] == "L"
    assert cells[("BDT", "A27")] == "A"
    grid = next(trace for trace in spec["data"] if trace["type"] == "heatmap")
    # All 54 activities are columns, the unled C9 (A16) included; units grouped by Sector.
    assert len(grid["x"]) == 54
    assert "A16" in grid["x"]
    assert grid["y"][:3] == ["BR", "TSB", "BDT"]
    pillars = [note["text"] for note in spec["layout"]["annotations"]]
    assert "<b>Internet Governance</b>" in pillars
    assert {
        trace.get("name") for trace in spec["data"] if trace.get("showlegend") is not False
    } >= {
        "Lead (L)",
        "Assist (A)",
    }


def test_hover_names_the_unit_and_the_note(make_app: MakeApp) -> None:
    at = make_app("matrix")
    hovers = [
        text
        for trace in figure(at)["data"]
        for text in trace.get("hovertext", [])
        if "A27" in text and "Telecommunication Standardization Bureau" in text
    ]
    assert hovers == [
        "<b>A27</b> International Internet Connectivity (IIC) (paras 27 and 50)<br>"
        "Telecommunication Standardization Bureau (TSB): lead<br>Note: Study Group 3"
    ]


def test_selecting_a_cell_shows_the_source(make_app: MakeApp) -> None:
    at = make_app("matrix")
    select(at, "matrix_chart", "A27", "TSB")
    assert not at.exception
    roles = at.dataframe[0].value
    assert list(roles["note"]) == ["Study Group 3"]
    assert any(text.value.startswith("A27 · International Internet") for text in at.text)
    assert any("Study Group 3" in code.value for code in at.code)


def test_selecting_a_table_row_shows_the_source(make_app: MakeApp) -> None:
    at = make_app("matrix")
    at.session_state["matrix_table"] = table_selection(21)
    at.run()
    assert not at.exception
    # Row 22 of the plan order is C9 Media (A16): "No ITU lead nominated."
    assert any(text.value.startswith("A16 · Action Line C9") for text in at.text)
    assert any("No ITU lead nominated" in code.value for code in at.code)


def test_action_line_view_by_radio_and_url(make_app: MakeApp) -> None:
    at = make_app("matrix")
    at.radio(key="m_group").set_value("action_line").run()
    assert not at.exception
    assert at.query_params["group"] == "action_line"
    labels = group_labels(figure(at))
    # C6: BDT leads 4 of its topics and assists on 2.
    assert labels[("BDT", "C6")] == "4L 2A"
    assert labels[("BDT", "C7")] == "7L"


def test_pillar_view_from_the_url_and_selection(make_app: MakeApp) -> None:
    at = make_app("matrix", query={"group": "pillar"})
    assert not at.exception
    assert at.radio(key="m_group").value == "pillar"
    labels = group_labels(figure(at))
    # Internet Governance: TSB leads the IGF (A25) and IIC (A27) and assists on A26.
    assert labels[("TSB", "Internet Governance")] == "2L 1A"
    select(at, "matrix_chart_pillar", "TSB", "Internet Governance")
    roles = at.dataframe[0].value
    assert list(roles["activity_id"]) == ["A25", "A26", "A27"]
    assert any("Study Group 3" in code.value for code in at.code)


def test_unit_filter_from_the_url(make_app: MakeApp) -> None:
    at = make_app("matrix", query={"unit": ["BDT"]})
    assert not at.exception
    cells = heatmap(figure(at))
    assert {unit for unit, _ in cells} == {"BDT"}
    assert Counter(cells.values()) == {"L": 18, "A": 10}


def test_filter_by_widget(make_app: MakeApp) -> None:
    at = make_app("matrix")
    at.multiselect(key="f_pillars").set_value(["Internet Governance"]).run()
    assert not at.exception
    grid = next(trace for trace in figure(at)["data"] if trace["type"] == "heatmap")
    assert grid["x"] == ["A25", "A26", "A27"]


def test_empty_filter_shows_a_note(make_app: MakeApp) -> None:
    at = make_app("matrix", query={"unit": ["BR"], "pillar": ["UN system-wide implementation"]})
    assert not at.exception
    assert not at.get("plotly_chart")
    assert any("Nothing to show" in info.value for info in at.info)


def test_bad_group_in_the_url_falls_back(make_app: MakeApp) -> None:
    at = make_app("matrix", query={"group": "nonsense"})
    assert not at.exception
    assert at.radio(key="m_group").value == "activity"


def test_one_band_per_pillar_on_the_whole_plan(make_app: MakeApp) -> None:
    spec = figure(make_app("matrix"))
    bands = [shape for shape in spec["layout"]["shapes"] if shape["type"] == "rect"]
    assert [(band["x0"], band["x1"]) for band in bands] == [
        (-0.5, 29.5),  # A01 to A19.5: 30 multi-stakeholder activities
        (29.5, 34.5),  # A20 to A24
        (34.5, 37.5),  # A25 to A27: Internet Governance
        (37.5, 53.5),  # A28 to A40
    ]
    labels = [note["text"] for note in spec["layout"]["annotations"]][:4]
    assert labels == [
        "<b>Multi-stakeholder implementation</b>",
        "<b>UN system-wide implementation</b>",
        "<b>Internet Governance</b>",
        "<b>Other implementation issues</b>",
    ]


def interleaved() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Four activities whose pillars alternate in plan order, two units."""
    activities = pd.DataFrame(
        {
            "activity_id": ["X1", "X2", "X3", "X4"],
            "pillar": [
                "Internet Governance",
                "Multi-stakeholder implementation",
                "Internet Governance",
                "Other implementation issues",
            ],
        }
    )
    letters = pd.DataFrame(
        [["L", "", "A", ""], ["", "L", "", "A"]],
        index=pd.Index(["TSB", "BDT"], name="unit"),
        columns=activities["activity_id"],
    )
    cells = pd.DataFrame(
        {
            "activity_id": ["X1", "X3", "X2", "X4"],
            "title": ["One", "Three", "Two", "Four"],
            "pillar": ["Internet Governance"] * 4,
            "unit": ["TSB", "TSB", "BDT", "BDT"],
            "unit_name": ["Bureau T", "Bureau T", "Bureau D", "Bureau D"],
            "sector": ["ITU-T", "ITU-T", "ITU-D", "ITU-D"],
            "role": ["lead", "assist", "lead", "assist"],
            "letter": ["L", "A", "L", "A"],
            "note": ["", "", "", ""],
        }
    )
    units = pd.DataFrame({"unit": ["TSB", "BDT"], "sector": ["ITU-T", "ITU-D"]})
    return letters, cells, activities, units


def test_columns_are_grouped_by_pillar_and_keep_their_letters() -> None:
    spec = json.loads(activity_matrix(*interleaved()).to_json())  # as the page hands it over
    grid = next(trace for trace in spec["data"] if trace["type"] == "heatmap")
    # Pillars in the plan's order, plan order within a pillar: one band each.
    assert list(grid["x"]) == ["X2", "X1", "X3", "X4"]
    assert [list(row) for row in grid["text"]] == [["", "L", "A", ""], ["L", "", "", "A"]]
    assert values(grid["z"])[0][1:3] == [1.0, 0.5]
    bands = [shape for shape in spec["layout"]["shapes"] if shape["type"] == "rect"]
    assert [(band["x0"], band["x1"]) for band in bands] == [(-0.5, 0.5), (0.5, 2.5), (2.5, 3.5)]


def test_too_many_columns_for_the_activity_view() -> None:
    assert MAX_ACTIVITY_COLUMNS == 400
    assert not too_many_columns(54)  # the bundled plan
    assert not too_many_columns(400)
    assert too_many_columns(401)
    assert too_many_columns(5400)  # the plan at 100x
