"""`python -m analysis read-note`: the 2006 note in each form gives the bundled plan's tables;
each revision of our own gives exactly its changes against the bundled plan."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from analysis import cli
from analysis.changes.diff import format_changes, plan_changes
from analysis.model import Plan
from analysis.note.ids import ids_of_plan_in_use
from analysis.planfile.export_tables import export_frames
from analysis.planfile.load import BUNDLED_PLAN, load_plan
from analysis.planfile.plan_csv import plan_csv_bytes

from .plan_text import SOURCE_PATH, plan_csv, row

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "note"
REVISIONS = FIXTURES / "revisions"
# What the 2006 note says that no rule turns into a fact (counted as data/plan.csv does).
LISTED_2006 = [
    "A32 allocation: 'others' (not an organisation of data/organisations.csv (partner))",
    "A39 comments: 'WSIS-ES Executive Director is assisting IGF with civil society "
    "participation.' (names WSIS-ES: a unit's role is read from the allocation text only)",
]


@pytest.fixture(autouse=True)
def _no_plan_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PLAN_CSV", raising=False)


def read(
    note: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], *flags: str
) -> tuple[int, str, str, Path]:
    out = tmp_path / "read.csv"
    code = cli.main(["read-note", str(note), "--out", str(out), *flags])
    captured = capsys.readouterr()
    return code, captured.out, captured.err, out


@pytest.mark.parametrize(
    "note",
    [
        SOURCE_PATH,
        FIXTURES / "note-2006.docx",
        FIXTURES / "note-2006-libreoffice.docx",
        FIXTURES / "note-2006.pdf",
    ],
    ids=["text", "python-docx", "libreoffice-docx", "pdf"],
)
def test_the_2006_note_in_each_form_reads_as_the_bundled_plan(
    note: Path, plan: Plan, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err, written = read(note, tmp_path, capsys)
    assert (code, err) == (0, "")
    read_plan = load_plan(written)
    for name, table in export_frames(plan).items():
        pd.testing.assert_frame_equal(export_frames(read_plan)[name], table, obj=name)
    pd.testing.assert_frame_equal(read_plan.themes, plan.themes, obj="themes")
    # Written by the project's one writer, the file is the bundled plan's own.
    assert written.read_bytes() == plan_csv_bytes(plan)
    listed = out.split("):\n", 1)[1].splitlines()
    assert [line[line.index(" A3") + 1 :] for line in listed] == LISTED_2006


def test_strict_fails_on_anything_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _, written = read(SOURCE_PATH, tmp_path, capsys, "--strict")
    assert code == 1
    assert "line 239, A32 allocation: 'others'" in out
    assert written.exists()  # the plan is written all the same


def test_a_file_without_the_table_is_refused_in_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    note = tmp_path / "letter.txt"
    note.write_text("Dear colleagues,\n\tno table here.\n", encoding="utf-8")
    code, out, err, written = read(note, tmp_path, capsys)
    assert code == 1 and out == ""
    assert f"{note}: no activity was read from this text." in err
    assert "no table with the header Activity | Allocation" in err
    assert not written.exists()


@pytest.mark.parametrize(
    ("name", "changes"),
    [
        (
            "roles-moved.txt",
            [
                "Action Line C3 (Access to Information): BDT lead → BDT assist (for standards)",
                "Action Line C3 (Access to Information): TSB assist (for standards) → TSB lead",
            ],
        ),
        (
            "rows-added-removed-reordered.txt",
            [
                "WSIS archiving: activity A33 removed",
                "Preparation of the WSIS Forum: activity A41 added",
            ],
        ),
        (
            "meeting-planned.txt",
            [
                "Action Line C3 (Access to Information): meeting 'A meeting on access to "
                "information is planned for 20 November 2006 in Geneva.' added, 2006-11-20",
            ],
        ),
        (
            "new-unit-organisation.txt",
            [
                "Action Line C7, Theme eEnvironment: partner UNDP (coordination) added",
                "WSIS archiving: GS assist added",
            ],
        ),
        # The same units in another order: the same roles, nothing changed.
        ("assisted-new-order.txt", []),
        (
            "date-forms.txt",
            [
                "Action Line C7, Theme eScience: meeting 'First meeting held on 2006-06-12.' "
                "added, 2006-06-12",
            ],
        ),
    ],
)
def test_each_revision_gives_exactly_its_changes(
    name: str,
    changes: list[str],
    plan: Plan,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err, written = read(REVISIONS / name, tmp_path, capsys)
    assert (code, err) == (0, "")
    assert format_changes(plan_changes(plan, load_plan(written))) == changes


REV2_FIRST = (
    "Activities traditionally part of ITU's mandate, but with the addition of new tasks "
    "following WSIS"
)
REV2_SECOND = "Activities traditionally part of ITU's mandate"
REV2_THIRD = "New activities following WSIS"


@pytest.mark.parametrize("name", ["rev2-status-headings.txt", "rev2-status-headings.docx"])
def test_rev2_changes_are_exactly_its_activities_moved_to_status_headings(
    name: str, plan: Plan, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, _, _, written = read(REVISIONS / name, tmp_path, capsys)
    changes = plan_changes(plan, load_plan(written))
    assert set(changes["change"]) == {"heading changed"}
    # Each of the note's 40 rows once (an item moves with its row), from its pillar in 2006.
    pillars = plan.activities.set_index("activity_id")["pillar"]
    assert list(changes["old"]) == [f"{pillars[a]} (pillar)" for a in changes["activity_id"]]
    moved = {
        heading: list(changes.loc[changes["new"] == heading, "activity_id"])
        for heading in (REV2_FIRST, REV2_SECOND, REV2_THIRD)
    }
    assert moved == {
        REV2_FIRST: ["A02", "A04", "A05", "A07"],  # C1, C3, C4 (with C7 eLearning), C6
        REV2_SECOND: ["A03", "A06", *(f"A{number:02d}" for number in range(8, 20))],
        REV2_THIRD: ["A01", *(f"A{number}" for number in range(20, 41))],
    }


def test_diff_says_the_regrouping_once_then_each_move(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, _, _, written = read(REVISIONS / "rev2-status-headings.txt", tmp_path, capsys)
    code = cli.main(["diff", str(BUNDLED_PLAN), str(written)])
    lines = capsys.readouterr().out.splitlines()
    assert code == 0
    assert lines[0] == (
        f"In {written}, the activities are grouped under 3 headings that are not pillars: "
        f"'{REV2_FIRST}' (4 activities), '{REV2_SECOND}' (14), '{REV2_THIRD}' (22)."
    )
    assert len(lines) == 41
    assert lines[2] == (
        f"Action Line C1 (Role of stakeholders): under '{REV2_FIRST}', was under its pillar, "
        "Multi-stakeholder implementation"
    )


def test_a_planned_meeting_and_new_date_forms_are_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, _, _, written = read(REVISIONS / "meeting-planned.txt", tmp_path, capsys)
    events = load_plan(written).events
    meeting = events[events["label"].str.contains("access to information")].iloc[0]
    assert (meeting["status"], meeting["location"]) == ("planned", "Geneva")
    _, _, _, written = read(REVISIONS / "date-forms.txt", tmp_path, capsys)
    events = load_plan(written).events
    c11 = events[events["label"] == "First meeting held on 15.05.2006."].iloc[0]
    assert c11["start"] == pd.Timestamp("2006-05-15")


def test_an_organisation_not_in_the_table_is_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _, _ = read(REVISIONS / "new-unit-organisation.txt", tmp_path, capsys)
    assert (
        "line 101, A12 comments: 'UNEP' (not an organisation of data/organisations.csv "
        "(coordination))" in out
    )


def test_rev2_keeps_its_headings_and_lists_each_pillar_it_inferred(
    plan: Plan, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _, written = read(REVISIONS / "rev2-status-headings.txt", tmp_path, capsys)
    activities = load_plan(written).activities.set_index("activity_id")
    first = (
        "Activities traditionally part of ITU's mandate, but with the addition of new tasks "
        "following WSIS"
    )
    # C1, C3, C4 (with C7 eLearning) and C6, with its six topics.
    assert list(activities.index[activities["section"] == first]) == [
        "A02", "A04", "A05", "A07", "A07.1", "A07.2", "A07.3", "A07.4", "A07.5", "A07.6",
    ]  # fmt: skip
    assert activities.loc["A25", "pillar"] == "Internet Governance"
    inferred = [line for line in out.splitlines() if " pillar: " in line]
    # One line per activity read (the 40 rows; items take their row's pillar).
    assert len(inferred) == 40
    assert "pillar taken from the plan in use (activity of the same title)" in inferred[0]


def test_ids_follow_the_plan_in_use() -> None:
    in_use = pd.DataFrame(
        {"activity_id": ["A01", "A02", "A02.1"], "parent_id": ["", "", "A02"],
         "title": ["First", "Second", "Item"]}
    )  # fmt: skip
    read_rows = pd.DataFrame(
        {"activity_id": ["A01", "A02", "A02.1", "A02.2", "A03"],
         "parent_id": ["", "", "A02", "A02", ""],
         "title": ["New", "Second", "Another item", "Item", "First"]}
    )  # fmt: skip
    kept = ids_of_plan_in_use(read_rows, in_use)
    assert list(kept["activity_id"]) == ["A03", "A02", "A02.2", "A02.1", "A01"]
    assert list(kept["parent_id"]) == ["", "", "A02", "A02", ""]
    assert list(read_rows["activity_id"]) == ["A01", "A02", "A02.1", "A02.2", "A03"]


def test_a_plan_with_sections_and_a_pillar_not_stated_loads_and_writes_back(
    parse: Callable[..., Plan],
) -> None:
    text = plan_csv(row(pillar="not stated", activity_id="X1"), row(activity_id="X2"))
    lines = text.splitlines()
    lines[0] += ",section"
    lines[1] += ",New activities following WSIS"
    lines[2] += ","
    loaded = parse("\n".join(lines) + "\n")
    assert list(loaded.activities["pillar"]) == ["not stated", "Multi-stakeholder implementation"]
    assert list(loaded.activities["section"]) == ["New activities following WSIS", ""]
    assert plan_csv_bytes(loaded).decode("utf-8-sig").splitlines()[0].endswith(",section")
    # A plan without sections is written without the column.
    unsectioned = parse(plan_csv(row()))
    assert "section" not in plan_csv_bytes(unsectioned).decode("utf-8-sig").splitlines()[0]
