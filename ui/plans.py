"""Plans read from bytes (the one cached loader, for the plan in use and for a second plan;
the sidebar's uploads kept once per content, ui/uploads.py), the
problems of a rejected file as a table, and, for the What-if and Compare plans pages, the edited
plan and the list of changes remembered in the session so reruns do not compute them again."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.runtime import Runtime
from streamlit.runtime.scriptrunner import get_script_run_ctx

from analysis import Plan, PlanError, parse_plan, read_reference
from analysis.changes.diff import plan_changes
from analysis.changes.whatif import Edit, WhatIf, explain_edits
from analysis.model import problems_frame
from analysis.note.held_to_sentences import sentence_problems
from analysis.planfile.load import read_plan_bytes
from ui.plan_name import PlanName
from ui.render import escape_markdown, show_table
from ui.uploads import UploadedPlans

# What the uploaders accept: CSV (and the .txt/.tsv names spreadsheets give tab-separated and
# UTF-16 "Unicode text" saves), Excel workbooks, and the note itself (.docx, .pdf, text).
UPLOAD_TYPES = ["csv", "txt", "tsv", "xlsx", "docx", "pdf"]
# The What-if page leaves the edited plan here (an EditedPlanCsv) for the Compare plans page.
WHATIF_CSV_KEY = "whatif_csv"
# (plan, PlanName) of the plan the sidebar's upload replaced, while an upload is the plan in use:
# Compare plans compares the two when it is given no other second plan.
PLAN_BEFORE_UPLOAD_KEY = "_plan_before_upload"


# Session-scoped: one user's edits and comparisons are theirs alone, and a rerun for a selection
# or a filter must not apply the edits or compare the plans again. Plans are keyed by digest.
@st.cache_resource(scope="session", max_entries=2, show_spinner=False)
def _explained(plan_digest: str, edits_key: str, _plan: Plan, _edits: tuple[Edit, ...]) -> WhatIf:
    return explain_edits(_plan, list(_edits))


def explained_edits(plan: Plan, edits: Sequence[Edit]) -> WhatIf:
    """explain_edits(plan, edits), kept for the session, dated today; raises ValueError as it
    does."""
    return _explained(plan.digest, repr(tuple(edits)), plan, tuple(edits))


@st.cache_resource(scope="session", max_entries=2, show_spinner=False)
def _changes(old_digest: str, new_digest: str, _old: Plan, _new: Plan) -> pd.DataFrame:
    return plan_changes(_old, _new)


def edited_plan(plan: Plan, edits: Sequence[Edit]) -> Plan:
    """The plan with the edits applied (explained_edits(plan, edits).plan)."""
    return explained_edits(plan, edits).plan


def changes_between(old: Plan, new: Plan) -> pd.DataFrame:
    """plan_changes(old, new), kept for the session by the two plans' digests."""
    return _changes(old.digest, new.digest, old, new)


@st.cache_data(show_spinner=False)
def reference_tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    return read_reference()


@st.cache_resource(show_spinner="Reading the plan…", max_entries=4)
def plan_from_bytes(raw: bytes, name: str) -> Plan:
    """The plan in these bytes, checked as any plan file is; raises PlanError listing problems.

    Keyed by the bytes, so a file edited and read again is parsed again. One Plan object shared
    by every session (a resource, not a per-session copy: copies for each open session of a
    large plan add up to far more than the plan). Nothing writes to a Plan's frames:
    analysis/ is tested not to, and pages only read."""
    units, organisations = reference_tables()
    return parse_plan(raw, name, units, organisations)


@dataclass(frozen=True)
class EditedPlanCsv:
    """The What-if page's edited plan as the CSV file it downloads, and that file's digest:
    Compare plans reads it as any plan file is read, once per digest, rather than hashing and
    scanning the whole file on every rerun."""

    csv: bytes
    digest: str

    @classmethod
    def of(cls, csv: bytes) -> EditedPlanCsv:
        return cls(csv, hashlib.sha256(csv).hexdigest())


@st.cache_resource(show_spinner="Reading the plan…", max_entries=2)
def _plan_from_edited_csv(digest: str, _csv: bytes, name: str) -> Plan:
    units, organisations = reference_tables()
    return parse_plan(_csv, name, units, organisations)


def plan_from_edited_csv(edited: EditedPlanCsv, name: str) -> Plan:
    """The edited plan read back from its CSV as plan_from_bytes reads any file (raises
    PlanError as it does), keyed by the CSV's digest."""
    return _plan_from_edited_csv(edited.digest, edited.csv, name)


@st.cache_resource(show_spinner=False, max_entries=4)
def _plan_from_file(path: str, modified_ns: int, size: int) -> Plan:
    return plan_from_bytes(read_plan_bytes(path), path)


def plan_from_file(path: Path) -> Plan:
    """The plan in this file, read and parsed again only when the file's modification time or
    size changes: a rerun costs a stat(), not reading and hashing the whole file. Raises
    PlanError as plan_from_bytes does, or when unreadable."""
    try:
        status = path.stat()
    except OSError:
        return plan_from_bytes(read_plan_bytes(path), str(path))  # raises, naming the file
    return _plan_from_file(str(path), status.st_mtime_ns, status.st_size)


@st.cache_resource(show_spinner=False)
def _uploaded_plans() -> UploadedPlans:
    return UploadedPlans()


def _session_id() -> str:
    context = get_script_run_ctx()
    return context.session_id if context is not None else ""


def _session_open(session: str) -> bool:
    return Runtime.exists() and Runtime.instance().is_active_session(session)


def sweep_uploads() -> None:
    """Drop the uploaded plans of sessions that ended, and those unused for uploads.IDLE_S:
    run on every viewer's rerun, so an idle process keeps what it had until the next."""
    _uploaded_plans().sweep(time.monotonic(), _session_open)


def upload_key(raw: bytes, name: str) -> str:
    """What an upload is kept under: its content's digest (as Plan.digest) and its name."""
    return f"{hashlib.sha256(raw).hexdigest()[:16]} {name}"


def uploaded_plan(raw: bytes, name: str, key: str) -> Plan:
    """The plan in an uploaded file, parsed once for every session that uploads the same file
    (ui/uploads.py) and not kept by any cache besides; raises PlanError listing problems."""

    def parse() -> Plan:
        with st.spinner("Reading the plan…"):
            return parse_plan(raw, name, *reference_tables())

    return _uploaded_plans().plan(key, parse, _session_id(), time.monotonic())


def kept_upload(key: str) -> Plan | None:
    """The plan uploaded under key if it is still kept (None once dropped)."""
    return _uploaded_plans().kept(key, _session_id(), time.monotonic())


@st.cache_resource(show_spinner=False)
def _last_good_plans() -> dict[str, tuple[Plan, datetime]]:
    return {}


def remember_good_plan(path: Path, plan: Plan) -> None:
    """Keep this plan as the last good one read from path (a PLAN_CSV file), for every session."""
    _last_good_plans().update({str(path): (plan, datetime.now())})  # a registry, not a frame


def last_good_plan(path: Path) -> tuple[Plan, datetime] | None:
    """The last plan read without problems from path, and when: shared by every session, so
    that a file being rewritten (or removed) does not switch anyone to another plan."""
    return _last_good_plans().get(str(path))


MAX_PROBLEMS_SHOWN = 200


def show_problems(error: PlanError, what: str, consequence: str) -> None:
    """Why a file was refused, in the main area: what happens instead, then one row per problem
    (row, column, what is wrong, how to fix it), wrapping at full width. The file is named once."""
    count = len(error.problems)
    st.error(
        escape_markdown(f"{what} could not be read: {count} problem(s). {consequence}"),
    )
    table = problems_frame(error).drop(columns=["file"]).head(MAX_PROBLEMS_SHOWN)
    show_table(table.set_index("row"))
    if count > MAX_PROBLEMS_SHOWN:
        st.caption(f"The first {MAX_PROBLEMS_SHOWN} of {count} problems are listed.")


@st.cache_data(show_spinner=False, max_entries=8)
def _unsaid_activities(plan_digest: str, _plan: Plan) -> list[str]:
    return list(dict.fromkeys(p.message.split(" ", 1)[0] for p in sentence_problems(_plan)))


def show_sentence_check(plan: Plan, label: str) -> None:
    """Above every page, while the plan in use counts a role, partner or event its own sentence
    does not give (or lacks one it gives): which activities, and where to read them."""
    unsaid = _unsaid_activities(plan.digest, plan)
    if not unsaid:
        return
    shown = ", ".join(unsaid[:12]) + (f" and {len(unsaid) - 12} more" if len(unsaid) > 12 else "")
    st.warning(
        escape_markdown(
            f"In the plan in use ({label}), "
            + (f"{len(unsaid)} activities are" if len(unsaid) > 1 else "1 activity is")
            + f" not what its sentence says: {shown}. The figures count the columns; Plan and "
            "audit lists each one (check 'not what its sentence says') with the sentence beside it."
        ),
        icon=":material/rule:",
    )


def remember_plan_before_upload(plan: Plan, name: PlanName) -> None:
    """The plan an upload replaced (a shared object, not a copy), for Compare plans."""
    st.session_state[PLAN_BEFORE_UPLOAD_KEY] = (plan, name)
