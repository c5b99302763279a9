"""How a plan is named: in captions, and where two plans stand side by side."""

from __future__ import annotations

import pytest

from ui.plan_name import WHATIF, PlanName, note_name, uploaded_name


@pytest.mark.parametrize(
    ("name", "caption", "side_by_side"),
    [
        (PlanName("bundled", "data/plan.csv"), "data/plan.csv", "bundled data/plan.csv"),
        (uploaded_name("revised.csv"), "upload: revised.csv", "uploaded revised.csv"),
        (note_name("rev2.docx"), "read from the note rev2.docx", "note rev2.docx"),
        (PlanName("", "/srv/plans/plan.csv"), "/srv/plans/plan.csv", "/srv/plans/plan.csv"),
        (WHATIF, "what-if result", "what-if result"),
        # A file gone bad: the caption says so; side by side it is named by its file alone.
        (
            PlanName("", "plans/live.csv", "as read at 09:15:00 (the file now has problems)"),
            "plans/live.csv as read at 09:15:00 (the file now has problems)",
            "plans/live.csv",
        ),
        (
            PlanName("bundled", "data/plan.csv", "(bundled; live.csv could not be read)"),
            "data/plan.csv (bundled; live.csv could not be read)",
            "bundled data/plan.csv",
        ),
        # A file name that looks like a caption is not read as one.
        (PlanName("", "upload: x.csv"), "upload: x.csv", "upload: x.csv"),
    ],
)
def test_a_plan_is_named_by_what_it_is_and_its_file(
    name: PlanName, caption: str, side_by_side: str
) -> None:
    assert name.caption == caption
    assert str(name) == side_by_side
