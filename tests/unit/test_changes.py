"""analysis.changes (diff, whatif) and the problems frame: the frames around the What-if and
Compare plans pages."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest

from analysis.changes.diff import (
    changes_for_units,
    changes_in_views,
    changes_of_kinds,
    format_changes,
    plan_changes,
    regrouping_sentence,
)
from analysis.changes.whatif import MoveRole, apply_edits
from analysis.filters import FilterSpec, apply_filters
from analysis.measures.activities import activity_labels
from analysis.measures.roles import unit_labels, units_of
from analysis.model import PROBLEM_COLUMNS, Plan, PlanError, Problem, problems_frame
from analysis.planfile.plan_csv import plan_csv_bytes

from .plan_text import plan_csv, row


@pytest.fixture(scope="module")
def edited(plan: Plan) -> Plan:
    return apply_edits(plan, [MoveRole(None, "WSIS-ES", "CEC")])


def test_problems_frame_locates_each_problem() -> None:
    error = PlanError(
        [
            Problem("plan.csv", 4, "lead", "'XYZ' is not a unit", "Use a code from units.csv"),
            Problem("plan.csv", None, None, "the file is empty"),
        ]
    )
    frame = problems_frame(error)
    assert list(frame.columns) == list(PROBLEM_COLUMNS)
    assert frame.iloc[0].to_dict() == {
        "file": "plan.csv",
        "row": "4",
        "column": "lead",
        "problem": "'XYZ' is not a unit",
        "how to fix": "Use a code from units.csv",
    }
    assert (frame.iloc[1]["row"], frame.iloc[1]["column"]) == ("", "")


def test_labels(plan: Plan) -> None:
    assert activity_labels(plan)["A34"] == "A34 · Production of “E-Flash”"
    assert (
        unit_labels(plan)["CEC"]
        == "CEC · CEC (General Secretariat; the plan does not expand the acronym)"
    )
    assert unit_labels(plan)["Libraries and Archives Services"] == "Libraries and Archives Services"


def test_changes_narrowed_by_kind_unit_and_view(plan: Plan, edited: Plan) -> None:
    changes = plan_changes(plan, edited)
    assert len(changes) == 7
    assert len(changes_of_kinds(changes, [])) == 7
    assert list(changes_of_kinds(changes, ["role lost"])["activity_id"]) == ["A01", "A33", "A39"]
    # A handover names both units: CEC's rows are the four handovers, WSIS-ES's all seven.
    assert list(changes_for_units(changes, ["CEC"])["activity_id"]) == ["A25", "A29", "A31", "A34"]
    assert len(changes_for_units(changes, units_of(plan, "General Secretariat"))) == 7
    assert changes_for_units(changes, ["BDT"]).empty
    igf_only = FilterSpec(pillars=("Internet Governance",))
    narrowed = changes_in_views(
        changes, apply_filters(plan, igf_only), apply_filters(edited, igf_only)
    )
    assert list(narrowed["activity_id"]) == ["A25"]


def test_units_of(plan: Plan) -> None:
    assert units_of(plan, "ITU-D") == ["BDT"]
    assert units_of(plan, "CEC") == ["CEC"]


def test_csv_bytes_read_back_as_the_edited_plan(edited: Plan, parse: Callable[..., Plan]) -> None:
    again = parse(plan_csv_bytes(edited), "wsis-plan-what-if.csv")
    assert plan_changes(edited, again).empty
    assert again.digest == edited.digest


# ---------------------------------------------------------------- headings (section)

IGF = "Internet Governance"
MSI = "Multi-stakeholder implementation"
NEW = "New activities following WSIS"
OLD = "Activities traditionally part of ITU's mandate"


@pytest.fixture(scope="module")
def tiny(parse: Callable[..., Plan]) -> Plan:
    """X1 (with its item X1.1) and X2 under Multi-stakeholder implementation, X3 under Internet
    Governance; no sections."""
    return parse(
        plan_csv(
            row(activity_id="X1"),
            row(activity_id="X1.1", parent_id="X1", title="An item"),
            row(activity_id="X2", title="Second"),
            row(activity_id="X3", title="Third", pillar=IGF),
        )
    )


def sectioned(plan: Plan, *sections: str) -> Plan:
    """The plan with these sections, one per activity in order ("" for none)."""
    return plan.replace(activities=plan.activities.assign(section=list(sections)))


def moves(changes: pd.DataFrame) -> list[tuple[str, str, str, str]]:
    return [
        (str(r.change), str(r.activity_id), str(r.old), str(r.new))
        for r in changes.itertuples(index=False)
    ]


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        # Two plans without sections: none.
        (("", "", "", ""), ("", "", "", ""), []),
        # Regrouped (Rev.2): each activity once; the item moved with X1, so X1's row says it.
        (
            ("", "", "", ""),
            (NEW, NEW, OLD, NEW),
            [
                ("heading changed", "X1", f"{MSI} (pillar)", NEW),
                ("heading changed", "X2", f"{MSI} (pillar)", OLD),
                ("heading changed", "X3", f"{IGF} (pillar)", NEW),
            ],
        ),
        # An item under another heading than its activity is a row of its own.
        (
            (NEW, NEW, NEW, NEW),
            (NEW, OLD, NEW, NEW),
            [("heading changed", "X1.1", NEW, OLD)],
        ),
        # Back under the pillars; a section naming the pillar is the pillar's heading.
        (
            (OLD, OLD, MSI, NEW),
            ("", "", "", NEW),
            [("heading changed", "X1", OLD, f"{MSI} (pillar)")],
        ),
    ],
    ids=["no-sections", "regrouped", "item-apart", "back-to-pillars"],
)
def test_an_activity_under_another_heading_is_one_section_row(
    tiny: Plan, before: tuple[str, ...], after: tuple[str, ...], expected: list[tuple[str, ...]]
) -> None:
    changes = plan_changes(sectioned(tiny, *before), sectioned(tiny, *after))
    assert moves(changes) == expected


def test_an_activity_moved_to_another_pillar_is_a_heading_row(tiny: Plan) -> None:
    """Two plans without sections: the 2006 note's headings are its pillars."""
    activities = tiny.activities
    moved = tiny.replace(
        activities=activities.assign(pillar=activities["pillar"].replace(IGF, MSI))
    )
    changes = plan_changes(tiny, moved)
    assert moves(changes) == [("heading changed", "X3", f"{IGF} (pillar)", f"{MSI} (pillar)")]
    assert format_changes(changes) == [
        f"Third: under its pillar, {MSI}, was under its pillar, {IGF}"
    ]


def test_a_section_row_in_words_and_by_kind(tiny: Plan) -> None:
    changes = plan_changes(tiny, sectioned(tiny, NEW, NEW, "", "")).copy()
    assert format_changes(changes) == [
        f"A test activity: under '{NEW}', was under its pillar, {MSI}"
    ]
    back = plan_changes(sectioned(tiny, NEW, NEW, "", ""), tiny)
    assert format_changes(back) == [f"A test activity: under its pillar, {MSI}, was under '{NEW}'"]
    assert list(changes_of_kinds(changes, ["heading changed"])["activity_id"]) == ["X1"]
    assert changes_of_kinds(changes, ["role lost"]).empty


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (("", "", "", ""), ("", "", "", ""), ""),
        # Moves inside the same headings: the rows say them, no sentence.
        ((NEW, NEW, OLD, NEW), (OLD, OLD, NEW, NEW), ""),
        (
            ("", "", "", ""),
            (NEW, NEW, OLD, NEW),
            f"In B, the activities are grouped under 2 headings that are not pillars: '{NEW}' "
            f"(2 activities), '{OLD}' (1).",
        ),
        (
            ("", "", "", ""),
            (NEW, NEW, NEW, NEW),
            f"In B, the activities are grouped under 1 heading that is not a pillar: '{NEW}' "
            "(3 activities).",
        ),
        (
            (NEW, NEW, OLD, ""),
            ("", "", "", ""),
            f"In B, the activities are grouped under their pillars, not under the 2 headings of "
            f"A: '{NEW}' (1 activity), '{OLD}' (1).",
        ),
        (
            (NEW, NEW, NEW, ""),
            (NEW, NEW, OLD, ""),
            f"In B, the activities are grouped under 2 headings that are not pillars: '{NEW}' "
            f"(1 activity), '{OLD}' (1); in A, under 1: '{NEW}' (2 activities).",
        ),
    ],
    ids=["none", "same-headings", "regrouped", "one-heading", "back-to-pillars", "new-heading"],
)
def test_the_regrouping_is_said_once(
    tiny: Plan, before: tuple[str, ...], after: tuple[str, ...], expected: str
) -> None:
    assert regrouping_sentence(sectioned(tiny, *before), sectioned(tiny, *after), "A", "B") == (
        expected
    )
