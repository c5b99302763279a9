"""The keyboard's way to what a chart selection shows: the "Show the activities of" box beside
a selectable chart does what selecting its bar or cell does, and shows a bar selected on the
chart. Figures from the bundled plan (README: by Sector, lead/assist ITU-T 9/12)."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from .conftest import MakeApp
from .plotly_json import chart_selection

NO_CHOICE = ""


def texts(at: AppTest) -> list[str]:
    return [re.sub(r"\\(.)", r"\1", element.value) for element in [*at.text, *at.markdown]]


def test_overview_sector_chosen_from_the_box(make_app: MakeApp) -> None:
    at = make_app("overview")
    box = at.selectbox(key="overview_sector_choice")
    assert box.value == NO_CHOICE
    assert box.options[1:] == ["ITU-R", "ITU-T", "ITU-D", "General Secretariat"]
    box.set_value("ITU-T").run()
    assert not at.exception
    assert "ITU-T: 21 roles" in texts(at)  # 9 leads + 12 assists


def test_a_bar_selected_on_the_chart_shows_in_the_box(make_app: MakeApp) -> None:
    at = make_app("overview")
    at.session_state["overview_sector_chart"] = chart_selection(
        {"curve_number": 0, "point_index": 2, "customdata": ["ITU-D", "ITU-D"]}, 2
    )
    at.run()
    assert at.selectbox(key="overview_sector_choice").value == "ITU-D"
    assert "ITU-D: 28 roles" in texts(at)  # 18 leads + 10 assists
    # A later choice in the box wins until the chart's selection changes.
    at.selectbox(key="overview_sector_choice").set_value("ITU-R").run()
    assert "ITU-R: 7 roles" in texts(at)  # 2 leads + 5 assists


def test_workload_unit_chosen_from_the_box(make_app: MakeApp) -> None:
    at = make_app("workload")
    at.selectbox(key="workload_unit_choice").set_value("BDT").run()
    assert not at.exception
    assert "BDT: 18 leads, 10 assists" in texts(at)


def test_matrix_cell_chosen_from_the_box(make_app: MakeApp) -> None:
    at = make_app("matrix", query={"group": "pillar"})
    box = at.selectbox(key="matrix_cell_choice_pillar")
    cell = ("TSB", "Internet Governance")
    assert "TSB in Internet Governance" in box.options  # as the box words its cells
    box.set_value(cell).run()
    assert not at.exception
    assert "Selected cell: TSB in Internet Governance" in texts(at)
