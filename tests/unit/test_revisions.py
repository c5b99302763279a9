"""The optional `revisions` column: a what-if plan records its changes there, dated, and keeps the
2006 text verbatim; the loader reads and checks it; a file without it still loads."""

from __future__ import annotations

from datetime import date

import pytest

from analysis.changes.whatif import MoveRole, apply_edits
from analysis.measures.audit import audit
from analysis.model import Plan, PlanError
from analysis.planfile.load import load_plan, parse_plan, read_reference
from analysis.planfile.plan_csv import plan_to_csv_text
from analysis.planfile.revisions import (
    added_revisions,
    revision_lines,
    revision_problems,
    with_revisions,
)

DAY = date(2026, 12, 2)
HEADER = (
    "activity_id,parent_id,pillar,title,action_line,theme,references,lead,assist,partners,"
    "cross_references,allocation_text,comments"
)


@pytest.fixture(scope="module")
def bundled_plan() -> Plan:
    return load_plan()


def parse(text: str) -> Plan:
    units, organisations = read_reference()
    return parse_plan(text.encode("utf-8"), "revised.csv", units, organisations)


def test_revised_plan_keeps_the_2006_text_and_says_what_changed(bundled_plan: Plan) -> None:
    after = apply_edits(bundled_plan, [MoveRole(None, "WSIS-ES", "CEC")], DAY)
    text = plan_to_csv_text(after)
    assert text.splitlines()[0].endswith(",comments,revisions")
    again = parse(text)  # validates: a problem would raise PlanError
    before_rows = bundled_plan.activities.set_index("activity_id")
    rows = again.activities.set_index("activity_id")
    for column in ("allocation_text", "comments"):
        assert rows[column].equals(before_rows[column])
    assert str(rows.loc["A31", "allocation_text"]).startswith("Lead: WSIS-ES")
    assert rows.loc["A31", "lead"] == "CEC"
    assert rows.loc["A31", "revisions"] == (
        "2026-12-02: WSIS-ES's lead moves to CEC; CEC's own assist (Coordination Unit) there is "
        "merged into that lead"
    )
    revised = sorted(rows.index[rows["revisions"] != ""])
    assert revised == ["A01", "A25", "A29", "A31", "A33", "A34", "A39"]
    # Round trip: the file read back is the plan the what-if made.
    assert again.assignments.equals(after.assignments)
    assert again.activities.drop(columns="row").equals(after.activities.drop(columns="row"))
    assert plan_to_csv_text(again) == text


def test_second_edit_adds_lines_after_the_first(bundled_plan: Plan) -> None:
    first = apply_edits(bundled_plan, [MoveRole("A34", "WSIS-ES", "BDT")], DAY)
    second = apply_edits(parse(plan_to_csv_text(first)), [MoveRole("A34", "BDT", "TSB")], DAY)
    cell = second.activities.set_index("activity_id").loc["A34", "revisions"]
    assert revision_lines(cell) == [
        "2026-12-02: WSIS-ES's lead moves to BDT",
        "2026-12-02: BDT's lead moves to TSB",
    ]


def test_file_without_the_column_loads_with_blank_revisions(bundled_plan: Plan) -> None:
    assert "revisions" not in plan_to_csv_text(bundled_plan).splitlines()[0]
    assert set(bundled_plan.activities["revisions"]) == {""}


def test_bad_revision_line_is_reported_with_row_and_column() -> None:
    text = (
        HEADER + ",revisions\n"
        'X1,,Internet Governance,A title,,,,BDT,,,,Lead: BDT,,"2026-12-02: ok\nmoved to TSB"\n'
    )
    with pytest.raises(PlanError) as caught:
        parse(text)
    [problem] = caught.value.problems
    assert (problem.row, problem.column) == (2, "revisions")
    assert "'moved to TSB' does not start with a date" in problem.message
    assert "2026-12-02:" in problem.fix


@pytest.mark.parametrize(
    ("cell", "problems"),
    [
        ("", 0),
        ("2026-12-02: moved", 0),
        ("2026-12-02: moved\n\n2026-12-03: back", 0),
        ("2026-02-30: moved", 1),
        ("moved", 1),
        ("2026-12-02 moved", 1),
    ],
)
def test_revision_problems(cell: str, problems: int) -> None:
    assert len(revision_problems(cell)) == problems


def test_with_revisions_appends_dated_lines() -> None:
    assert with_revisions("2026-01-01: a", ["b", "c"], DAY) == (
        "2026-01-01: a\n2026-12-02: b\n2026-12-02: c"
    )


def test_audit_lists_rows_whose_text_no_longer_matches(bundled_plan: Plan) -> None:
    after = apply_edits(bundled_plan, [MoveRole(None, "WSIS-ES", "CEC")], DAY)
    findings = audit(after)
    revised = findings[findings["check"] == "revised roles"].set_index("activity_id")
    assert list(revised.index) == ["A01", "A25", "A29", "A31", "A33", "A34", "A39"]
    assert revised.loc["A34", "detail"] == (
        "The allocation text no longer matches the roles (lead: CEC / assist: SPU): "
        "2026-12-02: WSIS-ES's lead moves to CEC; CEC's own assist there is merged into that lead"
    )
    assert "revised roles" not in set(audit(bundled_plan)["check"])


def test_added_revisions_are_the_reasons_a_second_plan_records(bundled_plan: Plan) -> None:
    first = apply_edits(bundled_plan, [MoveRole("A34", "WSIS-ES", "BDT")], DAY)
    second = apply_edits(first, [MoveRole(None, "WSIS-ES", "CEC")], DAY)
    lines = added_revisions(first.activities, second.activities, ["A39", "A34", "A39", "A01"])
    # A34: WSIS-ES no longer holds a role there after the first edit; nothing new to say.
    assert lines == [
        "A39: 2026-12-02: WSIS-ES's lead (Executive Director) is dropped: CEC already leads A39",
        "A01: 2026-12-02: WSIS-ES's assist (logistics) is dropped: CEC already leads A01",
    ]
    assert added_revisions(bundled_plan.activities, first.activities, ["A34"]) == [
        "A34: 2026-12-02: WSIS-ES's lead moves to BDT"
    ]
