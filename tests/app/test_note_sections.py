"""A plan read from Rev.2 (status headings): the sidebar offers its sections and a link's
?section= selects them; the bundled plan, which has none, shows no section filter; Compare lists
each activity moved to a status heading."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.changes.whatif import MoveRole, apply_edits
from analysis.note.read import read_note
from analysis.planfile.load import load_plan, read_reference
from analysis.planfile.plan_csv import plan_csv_bytes
from ui.plans import WHATIF_CSV_KEY, EditedPlanCsv

from .conftest import MakeApp

REV2 = Path(__file__).resolve().parents[1] / "fixtures" / "note" / "revisions"
FIRST = (
    "Activities traditionally part of ITU's mandate, but with the addition of new tasks "
    "following WSIS"
)
SECOND = "Activities traditionally part of ITU's mandate"


@pytest.fixture(scope="module")
def rev2_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    units, organisations = read_reference()
    raw = (REV2 / "rev2-status-headings.txt").read_bytes()
    read = read_note(raw, "rev2.txt", units, organisations, load_plan())
    assert read.plan is not None
    path = tmp_path_factory.mktemp("rev2") / "rev2.csv"
    path.write_bytes(plan_csv_bytes(read.plan))
    return path


def test_a_link_selects_a_section_of_a_plan_that_has_them(
    make_app: MakeApp, rev2_plan: Path
) -> None:
    at = make_app(query={"section": FIRST}, plan_csv=rev2_plan)
    section = at.multiselect(key="f_sections")
    assert section.value == [FIRST]
    assert section.options[0] == FIRST and len(section.options) == 3
    # C1, C3, C4 and C6 with its six topics.
    assert "10" in " ".join(metric.value for metric in at.metric)


def test_no_section_filter_for_a_plan_without_sections(make_app: MakeApp) -> None:
    at = make_app(query={"section": FIRST})
    assert "f_sections" not in [widget.key for widget in at.sidebar.multiselect]
    # The link's value is left out, and the sidebar says so (its text escaped for Markdown).
    assert any("section\\=" in str(warning.value) for warning in at.sidebar.warning)


def test_a_note_read_through_the_sidebar_filtered_by_its_sections(make_app: MakeApp) -> None:
    at = make_app("overview")
    note = (REV2 / "rev2-status-headings.txt").read_bytes()
    at.file_uploader(key="plan_upload").set_value(("rev2.txt", note, "text/plain")).run()
    at.switch_page("pages/compare.py").run()
    at.button(key="note_use").click().run()
    assert not at.exception
    # Compare names both plans: the one the note replaced, and the note now in use. Rev.2 only
    # regroups the 2006 table: it says so once, then each of its 40 rows under its heading.
    shown = [str(text.value) for text in at.text]
    assert shown[0] == (
        "In note rev2.txt, the activities are grouped under 3 headings that are not pillars: "
        f"'{FIRST}' (4 activities), '{SECOND}' (14), 'New activities following WSIS' (22)."
    )
    assert shown[1].startswith("40 change(s) between bundled data/plan.csv and note rev2.txt")
    table = at.dataframe[0].value.set_index("activity_id")
    assert set(table["change"]) == {"heading changed"}
    assert table.loc["A04", ["old", "new"]].tolist() == [
        "Multi-stakeholder implementation (pillar)",
        FIRST,
    ]

    at.switch_page("pages/overview.py").run()
    at.multiselect(key="f_sections").set_value([FIRST]).run()
    assert at.query_params["section"] == FIRST
    # Under the first heading: C1, C3, C4 (with C7 eLearning), C6 and its six items that name a
    # lead (its Internet Governance line only points below); C6 itself names no lead.
    figures = {metric.label: metric.value for metric in at.metric}
    assert (figures["Activities"], figures["Without an ITU lead"]) == ("10", "1")
    at.switch_page("pages/workload.py").run()
    assert not at.exception
    by_unit = at.dataframe[0].value.set_index("unit")
    # Leads: BDT for C1, C3, C4, e-Commerce, Regulatory issues, National e-Strategies and
    # Financing mechanisms; SPU for Countering spam; BR for Spectrum management. Assists: SPU in
    # C1, Regulatory issues and Spectrum; TSB in C3, Regulatory issues and Countering spam; BDT
    # in Countering spam and Spectrum; CEC in C1.
    assert by_unit.loc[["BDT", "SPU", "TSB", "BR", "CEC"], ["lead", "assist"]].values.tolist() == [
        [7, 2], [1, 3], [0, 3], [1, 0], [0, 1],
    ]  # fmt: skip

    # A link names the second heading: C2, C5, the seven C7 theme rows (eLearning is C4's),
    # C8 to C11, and the Tunis Agenda paragraphs row with its five items.
    at.switch_page("pages/overview.py").run()
    at.query_params["section"] = SECOND
    at.run()
    assert at.multiselect(key="f_sections").value == [SECOND]
    assert {metric.label: metric.value for metric in at.metric}["Activities"] == "19"


def test_section_moves_are_counted_and_filtered_like_the_other_changes(
    make_app: MakeApp, rev2_plan: Path
) -> None:
    # Rev.2 with WSIS-ES's roles moved to CEC, against the bundled plan: 40 rows moved to a
    # status heading and the 7 role changes of that move.
    regrouped_and_moved = apply_edits(load_plan(rev2_plan), [MoveRole(None, "WSIS-ES", "CEC")])
    at = make_app("overview")
    at.session_state[WHATIF_CSV_KEY] = EditedPlanCsv.of(plan_csv_bytes(regrouped_and_moved))
    at.switch_page("pages/compare.py").run()
    assert not at.exception
    texts = [str(text.value) for text in at.text]
    assert any(text.startswith("47 change(s) between bundled data/plan.csv") for text in texts)
    kinds = at.multiselect(key="cmp_kinds")
    assert kinds.options[-1] == "heading changed"
    kinds.set_value(["heading changed"]).run()
    assert len(at.dataframe[0].value) == 40
    assert at.query_params["change"] == "heading changed"
    kinds.set_value(["role lost"]).run()
    assert list(at.dataframe[0].value["activity_id"]) == ["A01", "A33", "A39"]
