"""analysis.changes (diff, whatif) and the problems frame: the frames around the What-if and
Compare plans pages."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from analysis.changes.diff import (
    changes_for_units,
    changes_in_views,
    changes_of_kinds,
    plan_changes,
)
from analysis.changes.whatif import MoveRole, apply_edits
from analysis.filters import FilterSpec, apply_filters
from analysis.measures.activities import activity_labels
from analysis.measures.roles import unit_labels, units_of
from analysis.model import PROBLEM_COLUMNS, Plan, PlanError, Problem, problems_frame
from analysis.planfile.plan_csv import plan_csv_bytes


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
