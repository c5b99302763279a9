"""The What-if page: a reassignment made through the form (WSIS-ES's roles go to CEC) changes the
indicators and the before/after charts; undo, reset, friendly errors, filters, the source text
behind a bar, the CSV download and the hand-over to the Compare plans page.

Numbers a reader can check in the 2006 plan: CEC leads 13 and assists on 4 (weighted 15); WSIS-ES
leads 3 (A31, A34, A39) and assists on 4 (A01, A25, A29, A33), weighted 5. Moved to CEC, CEC
leads A31 and A34 (15 leads, load 17); A39 (CEC leads already) and A01, A33 (CEC assists) merge."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from analysis import load_plan, parse_plan, read_reference
from analysis.changes.diff import plan_changes
from analysis.changes.whatif import MoveRole, apply_edits
from analysis.planfile.plan_csv import plan_csv_bytes
from ui.plans import WHATIF_CSV_KEY, EditedPlanCsv

from .conftest import MakeApp
from .plotly_json import chart_selection, values

UNIT_CHART, SECTOR_CHART = range(2)


def loads(at: AppTest, index: int) -> dict[str, tuple[float, float]]:
    """Bar label -> (before, after) weighted load."""
    spec = json.loads(at.get("plotly_chart")[index].proto.spec)
    before, after = spec["data"][0], spec["data"][1]
    found_before = dict(zip(before["y"], values(before["x"]), strict=True))
    found_after = dict(zip(after["y"], values(after["x"]), strict=True))
    return {label: (found_before[label], found_after[label]) for label in found_before}


def texts(at: AppTest) -> str:
    return "\n".join(str(element.value) for element in at.text)


def move(at: AppTest, from_unit: str, to_unit: str, activity: str = "(all)") -> AppTest:
    """Fill the form (its operation is "move" unless changed) and press the button."""
    at.selectbox(key="wi_move_activity").set_value(activity)
    at.selectbox(key="wi_move_from").set_value(from_unit)
    at.selectbox(key="wi_move_to").set_value(to_unit)
    return at.button(key="wi_apply").click().run()


def test_no_edits_yet(make_app: MakeApp) -> None:
    at = make_app("whatif")
    assert not at.exception
    assert "No edits yet" in at.info[0].value
    assert len(at.get("plotly_chart")) == 0


def test_wsis_es_roles_go_to_cec(make_app: MakeApp) -> None:
    at = move(make_app("whatif"), "WSIS-ES", "CEC")
    assert not at.exception
    assert not at.error
    assert "1. Move all of WSIS-ES's roles to CEC" in texts(at)
    by_unit = loads(at, UNIT_CHART)
    assert by_unit["CEC"] == (15.0, 17.0)
    assert by_unit["WSIS-ES"] == (5.0, 0.0)
    assert by_unit["BDT"] == (23.0, 23.0)
    assert loads(at, SECTOR_CHART)["General Secretariat"] == (35.5, 32.5)
    # The balance reading before and after: BDT's share grows as the total shrinks 78 -> 75.
    assert "Before: BDT carries 29% of the weighted load" in texts(at)
    assert "After:  BDT carries 31% of the weighted load" in texts(at)
    # 31% of the load against an even 1/8 = 12.5%, rounded half up to 13%: 18 pts.
    assert "18 pts above an even share of 13% among the 8 units shown" in texts(at)
    metrics = {metric.label: (metric.value, metric.delta) for metric in at.metric}
    # Differences of the rounded shares, in points: 23/78 = 29%, 23/75 = 31%; the General
    # Secretariat 35.5/78 = 46%, 32.5/75 = 43%.
    assert metrics["Largest unit share"] == ("29% → 31%", "+2 pts")
    assert metrics["Largest share"] == ("46% → 43%", "-3 pts")
    changed = at.dataframe[0].value
    cec = changed[changed["unit"] == "CEC"].iloc[0]
    assert (cec["lead_before"], cec["lead_after"], cec["assist_after"]) == (13, 15, 4)
    # The total beside the shares, and why it fell: roles merged inside the General Secretariat.
    assert metrics["Total load"] == ("78 → 75", "-3")
    assert at.info[0].value.replace("\\", "") == (
        "5 roles merged into roles the receiving unit already held, inside the General "
        "Secretariat; the total load falls from 78 to 75."
    )
    # Every role change with its reason; together they make CEC's +2 leads and 0 assists.
    assert "Every role change, with its reason (7)" in [header.value for header in at.header]
    assert (
        "• A31: WSIS-ES's lead moves to CEC; CEC's own assist (Coordination Unit) there is "
        "merged into that lead"
    ) in texts(at)
    assert "• A39: WSIS-ES's lead (Executive Director) is dropped: CEC already leads A39" in texts(
        at
    )


def test_weights_in_force_come_from_the_url(make_app: MakeApp) -> None:
    at = move(make_app("whatif", query={"lead_w": "2", "assist_w": "1"}), "WSIS-ES", "CEC")
    assert not at.exception
    # CEC: 13 leads x 2 + 4 assists x 1 = 30 before; 15 x 2 + 4 = 34 after.
    assert loads(at, UNIT_CHART)["CEC"] == (30.0, 34.0)
    metrics = {metric.label: (metric.value, metric.delta) for metric in at.metric}
    assert metrics["Total load"] == ("156 → 150", "-6")
    assert any("lead 2, assist 1; joint leads counted in full" in c.value for c in at.caption)


def test_undo_restores_and_reset_clears(make_app: MakeApp) -> None:
    at = move(make_app("whatif"), "WSIS-ES", "CEC")
    at = move(at, "SPU", "BR", activity="A01")
    assert "2. Move SPU's roles on A01" in texts(at)
    at.button(key="wi_undo").click().run()
    assert not at.exception
    assert "Edits so far (1)" in [header.value for header in at.header]
    assert loads(at, UNIT_CHART)["CEC"] == (15.0, 17.0)
    at = move(at, "SPU", "BR", activity="A01")
    at.button(key="wi_reset").click().run()
    assert not at.exception
    assert at.session_state["whatif_edits"] == []
    assert "No edits yet" in at.info[0].value
    assert len(at.get("plotly_chart")) == 0


def test_impossible_edits_are_friendly_errors(make_app: MakeApp) -> None:
    at = move(make_app("whatif"), "CEC", "CEC")
    assert not at.exception
    assert "cannot move CEC's roles to CEC itself" in at.error[0].value
    # BR holds no role on A34 (Production of "E-Flash").
    at.radio(key="wi_op").set_value("remove").run()
    at.selectbox(key="wi_remove_activity").set_value("A34")
    at.selectbox(key="wi_remove_unit").set_value("BR")
    at.selectbox(key="wi_remove_role").set_value("lead")
    at.button(key="wi_apply").click().run()
    assert not at.exception
    assert "BR holds no lead role on A34" in at.error[0].value.replace("\\", "")
    assert "Edits so far (0)" in [header.value for header in at.header]


def test_add_and_remove_roles(make_app: MakeApp) -> None:
    at = make_app("whatif")
    at.radio(key="wi_op").set_value("add").run()
    at.selectbox(key="wi_add_activity").set_value("A34")
    at.selectbox(key="wi_add_unit").set_value("BR")
    at.selectbox(key="wi_add_role").set_value("assist")
    at.button(key="wi_apply").click().run()
    assert not at.exception
    assert loads(at, UNIT_CHART)["BR"] == (4.5, 5.0)
    at.radio(key="wi_op").set_value("remove").run()
    at.selectbox(key="wi_remove_activity").set_value("A34")
    at.selectbox(key="wi_remove_unit").set_value("WSIS-ES")
    at.selectbox(key="wi_remove_role").set_value("lead")
    at.button(key="wi_apply").click().run()
    assert not at.exception
    assert loads(at, UNIT_CHART)["WSIS-ES"] == (5.0, 4.0)
    assert "Remove WSIS-ES's lead role on A34" in texts(at)


def test_sidebar_filter_narrows_the_display_not_the_edit(make_app: MakeApp) -> None:
    at = make_app("whatif", query={"unit": ["CEC"]})
    at = move(at, "WSIS-ES", "CEC")
    assert not at.exception
    assert loads(at, UNIT_CHART) == {"CEC": (15.0, 17.0)}
    at.multiselect(key="f_units").set_value(["WSIS-ES"]).run()
    assert not at.exception
    # After the move WSIS-ES holds nothing: the view before has it, the view after does not.
    assert loads(at, UNIT_CHART)["WSIS-ES"] == (5.0, 0.0)


def test_empty_filter_result_is_a_note(make_app: MakeApp) -> None:
    query = {"unit": ["BR"], "pillar": ["UN system-wide implementation"]}
    at = move(make_app("whatif", query=query), "WSIS-ES", "CEC")
    assert not at.exception
    assert len(at.get("plotly_chart")) == 0
    assert any("Nothing to show" in info.value for info in at.info)


def test_selected_bar_shows_changed_roles_and_source_text(make_app: MakeApp) -> None:
    at = move(make_app("whatif"), "WSIS-ES", "CEC")
    at.session_state["whatif_by_unit"] = chart_selection(
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
    assert "CEC: roles changed by the edits" in texts(at)
    assert (
        "• A34: WSIS-ES's lead moves to CEC; CEC's own assist there is merged into that lead"
        in (texts(at))
    )
    plan = load_plan()
    a34 = plan.activities.set_index("activity_id").loc["A34", "allocation_text"]
    codes = [code.value for code in at.code]
    # The 2006 text, verbatim, and beside it the roles now and the dated revision.
    assert a34 in codes
    assert any(
        code.endswith(
            "WSIS-ES's lead moves to CEC; CEC's own assist there is merged into that lead"
        )
        for code in codes
    )
    assert "Revised since the 2006 text. Roles in this version: lead: CEC · assist: SPU" in texts(
        at
    )


def test_download_bytes_are_a_valid_plan() -> None:
    plan = load_plan()
    edited = apply_edits(plan, [MoveRole(None, "WSIS-ES", "CEC")])
    units, organisations = read_reference()
    again = parse_plan(plan_csv_bytes(edited), "wsis-plan-what-if.csv", units, organisations)
    assert plan_changes(edited, again).empty
    assert len(plan_changes(plan, again)) == 7


def test_compare_button_hands_the_edited_plan_over(make_app: MakeApp) -> None:
    at = move(make_app("whatif"), "WSIS-ES", "CEC")
    at.button(key="wi_compare").click().run()
    assert not at.exception
    assert at.title[0].value == "Compare two versions of the plan"
    edited = apply_edits(load_plan(), [MoveRole(None, "WSIS-ES", "CEC")])
    assert at.session_state[WHATIF_CSV_KEY] == EditedPlanCsv.of(plan_csv_bytes(edited))
