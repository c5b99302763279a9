"""A note (text, .docx, PDF) dropped on an uploader: read once per content and plan in use (the
read depends on it: ids and pillars carry over), shown on the Compare plans page against the plan
in use with what could not be read, and made the plan in use on request."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from analysis import Plan
from analysis.export import download_tables, workbook_bytes
from analysis.note.read import NoteRead, read_note
from analysis.planfile.plan_csv import plan_csv_bytes
from ui.plans import reference_tables
from ui.render import escape_markdown, show_table

SIDEBAR_NOTE_KEY = "_sidebar_note"  # the SidebarNote the sidebar's uploader holds, if any
NOTE_IN_USE_KEY = "_note_in_use"  # the file id of the note the user made the plan in use
NOTE_SEEN_KEY = "_note_seen"  # the file id of the last note the sidebar received


@st.cache_resource(show_spinner="Reading the note…", max_entries=4)
def _read(raw: bytes, name: str, in_use_digest: str, _in_use: Plan) -> NoteRead:
    return read_note(raw, name, *reference_tables(), _in_use)


def note_read(raw: bytes, name: str, in_use: Plan) -> NoteRead:
    """The note read against the plan in use, once per content and plan."""
    return _read(raw, name, in_use.digest, in_use)


@dataclass(frozen=True)
class SidebarNote:
    """A note the sidebar's uploader holds, read against the plan in use before it (app.py)."""

    name: str
    file_id: str
    read: NoteRead


def sidebar_note() -> SidebarNote | None:
    """The note on the sidebar's uploader, if it holds one that is not yet the plan in use."""
    note: SidebarNote | None = st.session_state.get(SIDEBAR_NOTE_KEY)
    return None if note is None or note_in_use(note.file_id) else note


def forget_sidebar_note() -> None:
    """The note the uploader held is gone from it: no longer a second plan nor the plan in use."""
    note: SidebarNote | None = st.session_state.get(SIDEBAR_NOTE_KEY)
    if note is not None and note.file_id == st.session_state.get(NOTE_SEEN_KEY):
        del st.session_state[SIDEBAR_NOTE_KEY]
        st.session_state.pop(NOTE_IN_USE_KEY, None)


def note_in_use(file_id: str) -> bool:
    return bool(st.session_state.get(NOTE_IN_USE_KEY) == file_id)


def _use_note(file_id: str) -> None:
    st.session_state[NOTE_IN_USE_KEY] = file_id


def unread_frame(read: NoteRead) -> pd.DataFrame:
    """What the reader could not read or took from elsewhere, one row each, as the page lists it."""
    return pd.DataFrame(
        [(u.where, u.activity_id, u.column, u.text, u.why) for u in read.unread],
        columns=["where", "activity", "column", "text", "why"],
    )


UNREAD_SHOWN_OPEN = 10  # more lines than this wait in a closed expander


def show_note_reading(read: NoteRead, name: str, file_id: str | None) -> None:
    """Above the comparison: what was read, what was not, and what to do with the plan read
    (make it the plan in use, when it came through the sidebar; download it)."""
    plan = read.plan
    assert plan is not None
    stem = name.rsplit(".", 1)[0] or "note"
    st.subheader(escape_markdown(f"Read from the note {name}"))
    st.text(
        f"{len(plan.activities)} activities, {len(plan.assignments)} roles, "
        f"{len(plan.partners)} partner roles, {len(plan.events)} events."
    )
    if read.unread:
        st.warning(
            f"{len(read.unread)} sentence(s) or fragment(s) not read, or facts taken from "
            "elsewhere than the note: check them before using the plan."
        )
        unread = unread_frame(read).set_index("where")
        if len(unread) <= UNREAD_SHOWN_OPEN:
            show_table(unread)
        else:
            # A long list (Rev.2's regrouped pillars: one line an activity) would push the
            # comparison below the fold; the warning above says how many wait here.
            with st.expander(f"The {len(unread)} to check, with where they are in the note"):
                show_table(unread)
    else:
        st.success("Every sentence was read; nothing was taken from elsewhere than the note.")
    columns = st.columns(3)
    with columns[0]:
        if file_id is not None:
            st.button(
                "Use it as the plan in use",
                key="note_use",
                on_click=_use_note,
                args=(file_id,),
                help="For this session only, as any upload; data/plan.csv is never changed.",
            )
        else:
            st.caption("To use it as the plan in use, drop it on the sidebar's uploader.")
    with columns[1]:
        st.download_button(
            "Download as CSV",
            plan_csv_bytes(plan),
            file_name=f"{stem}.csv",
            mime="text/csv",
            key="note_csv",
        )
    with columns[2]:
        st.download_button(
            "Download as Excel",
            workbook_bytes(download_tables(plan)),
            file_name=f"{stem}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key="note_xlsx",
        )
