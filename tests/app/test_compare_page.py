"""The Compare plans page: the plan in use against the What-if result (from session state) or a
rejected file; the changes as a table filtered by kind and as lines, the before/after workload,
the identical-plans note, and the problems of a bad file as a table.

A bad file reaches the page through the same parsing path as the What-if result (session
state), and ui.plans is also tested directly; one test drops a plan on the sidebar's uploader."""

from __future__ import annotations

import json
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from analysis import PlanError, load_plan
from analysis.changes.whatif import MoveRole, apply_edits
from analysis.planfile.plan_csv import plan_to_csv_text
from ui.plans import WHATIF_CSV_KEY, EditedPlanCsv, plan_from_bytes

from .conftest import MakeApp
from .plotly_json import chart_selection, table_selection

BAD_CSV = "activity_id,pillar,title,lead\nA01,Nowhere,,XYZ\n"


def with_second_plan(
    make_app: MakeApp, csv_text: str, query: dict[str, list[str]] | None = None
) -> AppTest:
    at = make_app("overview", query=query)
    at.session_state[WHATIF_CSV_KEY] = EditedPlanCsv.of(csv_text.encode("utf-8"))
    at.switch_page("pages/compare.py").run()
    return at


def whatif_csv() -> str:
    return plan_to_csv_text(apply_edits(load_plan(), [MoveRole(None, "WSIS-ES", "CEC")]))


def texts(at: AppTest) -> str:
    return "\n".join(str(element.value) for element in at.text)


def test_without_a_second_plan_a_note(make_app: MakeApp) -> None:
    at = make_app("compare")
    assert not at.exception
    assert "No second plan yet" in at.info[0].value
    assert len(at.get("plotly_chart")) == 0


def test_whatif_result_lists_the_expected_changes(make_app: MakeApp) -> None:
    at = with_second_plan(make_app, whatif_csv())
    assert not at.exception
    table = at.dataframe[0].value
    assert list(table["activity_id"]) == ["A01", "A25", "A29", "A31", "A33", "A34", "A39"]
    a31 = table[table["activity_id"] == "A31"].iloc[0]
    assert (a31["change"], a31["unit_or_organisation"]) == ("role changed", "WSIS-ES → CEC")
    assert (a31["old"], a31["new"]) == ("WSIS-ES lead", "CEC lead")
    assert "Production of “E-Flash”: WSIS-ES lead → CEC lead" in texts(at)
    assert "7 change(s) between bundled data/plan.csv and what-if result" in texts(at)
    # One caption names both plans and where the second comes from.
    about_second = [c.value.replace("\\", "") for c in at.caption if "compare another" in c.value]
    assert about_second == [
        "Comparing bundled data/plan.csv (B), the plan in use, with what-if result (A), the plan "
        "edited on the What-if page; upload a file to compare another."
    ]
    who = json.loads(at.dataframe[0].proto.columns)["unit_or_organisation"]
    assert (who["label"], who["help"]) == (
        "Who",
        "The unit or organisation whose role or partnership changed",
    )
    # The reasons the what-if plan records, beside the bare changes.
    assert any(
        "• A39: " in text and "WSIS-ES's lead (Executive Director) is dropped: CEC already" in text
        for text in (str(element.value) for element in at.text)
    )
    charts = at.get("plotly_chart")
    assert len(charts) == 2
    after = json.loads(charts[0].proto.spec)["data"][1]
    assert "CEC" in after["y"]


def legend(chart: Any) -> list[str]:
    return [trace["name"] for trace in json.loads(chart.proto.spec)["data"]]


def test_a_sidebar_upload_is_named_by_its_file(make_app: MakeApp) -> None:
    at = make_app("overview")
    upload = ("revised.csv", whatif_csv().encode("utf-8"), "text/csv")
    at.file_uploader(key="plan_upload").set_value(upload).run()
    at.switch_page("pages/compare.py").run()
    assert not at.exception
    assert "7 change(s) between bundled data/plan.csv and uploaded revised.csv" in texts(at)
    header = json.loads(at.dataframe[0].proto.columns)
    # The heading's help is Markdown, escaped ("data/plan\.csv"): compared without backslashes.
    sides = [
        (header[side]["label"], header[side]["help"].replace("\\", "")) for side in ("old", "new")
    ]
    assert sides == [
        ("In data/plan.csv", "As bundled data/plan.csv has it (B)"),
        ("In revised.csv", "As uploaded revised.csv has it (A)"),
    ]
    for chart in at.get("plotly_chart"):
        assert legend(chart)[2:4] == [
            "bundled data/plan.csv (B, light, hatched)",
            "uploaded revised.csv (A, solid)",
        ]
        subtitle = json.loads(chart.proto.spec)["layout"]["title"]["subtitle"]["text"]
        assert subtitle.endswith("Plan: bundled data/plan.csv against uploaded revised.csv")
        png = json.loads(chart.proto.config)["toImageButtonOptions"]["filename"]
        assert png.startswith("wsis-compare-load-by-") and "-uploaded-revised-csv-" in png


def test_filter_by_change_kind_widget_and_url(make_app: MakeApp) -> None:
    at = with_second_plan(make_app, whatif_csv())
    at.multiselect(key="cmp_kinds").set_value(["role lost"]).run()
    assert not at.exception
    assert list(at.dataframe[0].value["activity_id"]) == ["A01", "A33", "A39"]
    assert at.query_params["change"] == "role lost"  # one value comes back as a string
    linked = with_second_plan(make_app, whatif_csv(), query={"change": ["role changed"]})
    assert list(linked.dataframe[0].value["activity_id"]) == ["A25", "A29", "A31", "A34"]


def test_sidebar_filter_narrows_the_changes(make_app: MakeApp) -> None:
    at = with_second_plan(make_app, whatif_csv(), query={"pillar": ["Internet Governance"]})
    assert not at.exception
    assert list(at.dataframe[0].value["activity_id"]) == ["A25"]
    assert "1 touch the activities the sidebar filters show" in texts(at)


def test_selected_row_shows_the_source_text(make_app: MakeApp) -> None:
    at = with_second_plan(make_app, whatif_csv())
    at.session_state["cmp_table"] = table_selection(5)
    at.run()
    assert not at.exception
    a34 = load_plan().activities.set_index("activity_id").loc["A34", "allocation_text"]
    assert a34 in [code.value for code in at.code]


def test_selected_bar_lists_that_units_changes(make_app: MakeApp) -> None:
    at = with_second_plan(make_app, whatif_csv())
    at.session_state["compare_by_unit"] = chart_selection(
        {
            "y": "CEC",
            "customdata": [
                "CEC",
                "CEC (General Secretariat; the plan does not expand the acronym)",
            ],
        },
        4,
    )
    at.run()
    assert not at.exception
    assert "CEC: 4 role change(s)" in texts(at)
    a31 = load_plan().activities.set_index("activity_id").loc["A31", "allocation_text"]
    assert a31 in [code.value for code in at.code]


def test_identical_plans_note(make_app: MakeApp) -> None:
    at = with_second_plan(make_app, plan_to_csv_text(load_plan()))
    assert not at.exception
    assert "The two plans are identical" in at.success[0].value
    assert len(at.get("plotly_chart")) == 0


def test_bad_file_shows_its_problems(make_app: MakeApp) -> None:
    at = with_second_plan(make_app, BAD_CSV)
    assert not at.exception
    assert "could not be read" in at.error[0].value.replace("\\", "")
    assert "what-if result" in at.error[0].value.replace("\\", "")  # the file, named once
    problems = at.table[0].value
    assert problems.index.name == "row"
    assert list(problems.columns) == ["column", "problem", "how to fix"]
    assert len(at.get("plotly_chart")) == 0


def test_plan_from_bytes_raises_with_located_problems() -> None:
    with pytest.raises(PlanError) as caught:
        plan_from_bytes(BAD_CSV.encode("utf-8"), "bad.csv")
    assert caught.value.problems
    assert all(problem.file == "bad.csv" for problem in caught.value.problems)


def test_show_problems_renders_a_table() -> None:
    def page() -> None:
        from analysis import PlanError, Problem
        from ui.plans import show_problems

        error = PlanError([Problem("x.csv", 3, "lead", "'XYZ' is not a unit", "Fix")])
        show_problems(error, "x", "The last good plan stays in use.")

    at = AppTest.from_function(page).run()
    assert not at.exception
    assert at.table[0].value.iloc[0]["column"] == "lead"
    message = at.error[0].value.replace("\\", "")
    assert "1 problem(s)" in message
    assert "The last good plan stays in use." in message


def test_revisions_beside_the_verbatim_text_and_the_totals(make_app: MakeApp) -> None:
    at = with_second_plan(make_app, whatif_csv(), query={"lead_w": ["2"], "assist_w": ["1"]})
    at.session_state["cmp_table"] = table_selection(3)  # A31
    at.run()
    assert not at.exception
    a31 = load_plan().activities.set_index("activity_id").loc["A31", "allocation_text"]
    codes = [code.value for code in at.code]
    # The same 2006 text on both sides; the second plan's row says how its roles differ from it.
    assert codes.count(a31) == 2
    assert any(
        code.endswith(
            "WSIS-ES's lead moves to CEC; CEC's own assist (Coordination Unit) there is merged "
            "into that lead"
        )
        for code in codes
    )
    assert "Revised since the 2006 text. Roles in this version: lead: CEC · assist: SPU" in texts(
        at
    )
    # Weights in force from the URL: 52 leads x 2 + 52 assists x 1 = 156; 6 less after the merges.
    assert "The total load falls from 156 to 150." in texts(at)


@pytest.mark.parametrize(("count", "captions"), [(100, []), (101, ["The first 100 of 101"])])
def test_lines_past_a_hundred_say_where_the_rest_are(count: int, captions: list[str]) -> None:
    """'In words' and the revision reasons of a plan many times the bundled one ran to
    thousands of lines: the first hundred are shown, and a caption says where the rest are."""

    def page(count: int) -> None:
        from ui.render import short_lines

        short_lines([f"change {n}" for n in range(1, count + 1)], "The table lists every one.")

    at = AppTest.from_function(page, kwargs={"count": count}).run()
    assert not at.exception
    shown = str(at.text[0].value).splitlines()
    assert (len(shown), shown[0], shown[-1]) == (100, "• change 1", "• change 100")
    assert [str(c.value) for c in at.caption] == [
        f"{words} are listed here. The table lists every one." for words in captions
    ]
