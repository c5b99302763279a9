"""A note dropped on the sidebar reaches Compare plans: the plan read against the plan in use,
what could not be read, and the offer to use it or download it. Most tests hand the note over as
app.py leaves it (ui.notes.SidebarNote in the session); one drops it on Compare's own uploader,
and tests/browser/test_upload.py drops the real file on the sidebar's."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

from analysis.note.read import read_note
from analysis.planfile.load import load_plan, read_reference
from ui.notes import SIDEBAR_NOTE_KEY, UNREAD_SHOWN_OPEN, SidebarNote

from .conftest import MakeApp

NOTES = Path(__file__).resolve().parents[1] / "fixtures" / "note"


def with_note(make_app: MakeApp, path: Path) -> AppTest:
    units, organisations = read_reference()
    read = read_note(path.read_bytes(), path.name, units, organisations, load_plan())
    at = make_app("overview")
    at.session_state[SIDEBAR_NOTE_KEY] = SidebarNote(path.name, "file-1", read)
    at.switch_page("pages/compare.py").run()
    return at


def unescaped(markdown: str) -> str:
    return markdown.replace("\\", "")


def texts(at: AppTest) -> str:
    return "\n".join(str(element.value) for element in at.text)


def test_a_revised_note_is_compared_with_the_plan_in_use(make_app: MakeApp) -> None:
    at = with_note(make_app, NOTES / "revisions" / "roles-moved.txt")
    assert not at.exception
    # Markdown-escaped on the page: "roles\-moved\.txt".
    assert unescaped(at.subheader[0].value) == "Read from the note roles-moved.txt"
    assert "54 activities, 104 roles, 38 partner roles, 46 events." in texts(at)
    # What the note says that no rule reads, with its place: the 2006 note's two fragments.
    unread = at.table[0].value
    assert list(unread["activity"]) == ["A32", "A39"]
    assert list(unread.index) == ["line 239", "line 283"]
    # The comparison: exactly the moved roles.
    changes = at.dataframe[0].value
    assert list(changes["unit_or_organisation"]) == ["BDT", "TSB"]
    assert list(changes["new"]) == ["BDT assist (for standards)", "TSB lead"]
    labels = [button.label for button in at.get("download_button")]
    assert {"Download as CSV", "Download as Excel"} <= set(labels)


def test_a_note_dropped_on_compares_uploader_is_named_by_its_file(make_app: MakeApp) -> None:
    at = make_app("compare")
    note = (NOTES / "revisions" / "roles-moved.txt").read_bytes()
    at.file_uploader(key="cmp_upload").set_value(("roles-moved.txt", note, "text/plain")).run()
    assert not at.exception
    assert "2 change(s) between bundled data/plan.csv and note roles-moved.txt" in texts(at)
    header = json.loads(at.dataframe[0].proto.columns)
    assert (header["old"]["label"], header["new"]["label"]) == (
        "In data/plan.csv",
        "In roles-moved.txt",
    )
    # Only the sidebar's uploader makes a plan the plan in use.
    assert "drop it on the sidebar's uploader" in " ".join(c.value for c in at.caption)


def test_the_2006_note_is_identical_to_the_bundled_plan(make_app: MakeApp) -> None:
    at = with_note(make_app, NOTES / "note-2006.pdf")
    assert not at.exception
    assert "The two plans are identical" in at.success[-1].value


def test_use_it_as_the_plan_in_use(make_app: MakeApp) -> None:
    at = with_note(make_app, NOTES / "revisions" / "roles-moved.txt")
    at.button(key="note_use").click().run()
    assert not at.exception
    assert at.session_state["_note_in_use"] == "file-1"
    # The note is the plan in use now, so no longer a second plan.
    assert "No second plan yet" in at.info[0].value


def test_a_note_without_the_table_says_so(make_app: MakeApp) -> None:
    units, organisations = read_reference()
    read = read_note(b"Dear colleagues\n", "letter.txt", units, organisations, load_plan())
    at = make_app("overview")
    at.session_state[SIDEBAR_NOTE_KEY] = SidebarNote("letter.txt", "file-2", read)
    at.switch_page("pages/compare.py").run()
    assert "No plan could be read from the note letter.txt" in unescaped(at.error[0].value)
    assert "no table with the header" in unescaped(at.table[0].value["why"].iloc[0])


def test_a_long_list_of_what_to_check_waits_in_a_closed_expander(make_app: MakeApp) -> None:
    """Rev.2 regroups the activities under status headings: the pillar of each is taken from the
    plan in use, one line an activity. The comparison stays near the top."""
    at = with_note(make_app, NOTES / "revisions" / "rev2-status-headings.txt")
    assert not at.exception
    count = int(at.warning[0].value.split(" ", 1)[0])
    assert count > UNREAD_SHOWN_OPEN
    listed = at.expander[0]
    assert listed.label == f"The {count} to check, with where they are in the note"
    assert not listed.proto.expanded
    assert len(listed.table[0].value) == count
