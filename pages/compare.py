"""Compare plans: what changed between the plan in use and a second plan (an upload, or the
What-if page's result): activities, roles, partners, events, and the workload in each."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, NamedTuple

import pandas as pd
import streamlit as st

from analysis import Plan, PlanError
from analysis.changes.compare import compare_views, total_load_sentence
from analysis.changes.diff import (
    CHANGE_KINDS,
    changes_for_units,
    changes_of_kinds,
    format_changes,
    regrouping_sentence,
)
from analysis.measures.activities import activities_by_id
from analysis.measures.balance_words import per_words
from analysis.measures.metrics import By
from analysis.measures.roles import units_of
from analysis.note.containers import looks_like_note
from analysis.planfile.revisions import added_revisions
from ui.before_after import before_after_chart
from ui.context import ViewContext, get_context
from ui.derived import derived_shared, filtered
from ui.notes import (
    SidebarNote,
    note_read,
    show_note_reading,
    sidebar_note,
    unread_frame,
)
from ui.plan_name import WHATIF, WHATIF_NAME, PlanName, note_name, uploaded_name
from ui.plans import (
    PLAN_BEFORE_UPLOAD_KEY,
    UPLOAD_TYPES,
    WHATIF_CSV_KEY,
    EditedPlanCsv,
    changes_between,
    plan_from_bytes,
    plan_from_edited_csv,
    show_problems,
)
from ui.render import (
    ROW_KEYS,
    WRAPPED_ROW_HEIGHT,
    choice_box,
    empty_note,
    escape_markdown,
    selectable_table,
    short_lines,
    show_table,
    source_panel,
)
from ui.state import publish_list, seed_list

KINDS = ("cmp_kinds", "change")  # (widget key, URL parameter)
TABLE_KEY = "cmp_table"
CHART_KEYS: dict[By, str] = {"unit": "compare_by_unit", "sector": "compare_by_sector"}
CHOICE_KEY = "compare_choice"
# The kind of change, the activity, then before and after side by side.
CHANGE_ORDER = ["change", "title", "activity_id", "unit_or_organisation", "old", "new", "event"]


class Names(NamedTuple):
    """The two plans as the page names them (ui.plan_name.PlanName): "B" and "A" on the bars."""

    first: PlanName  # compared from: the plan in use, or the one the sidebar's upload replaced
    second: PlanName


class SecondSource(NamedTuple):
    raw: bytes | None  # None: a note the sidebar already read, or the What-if page's plan
    file_name: str
    shown: PlanName
    from_sidebar: SidebarNote | None
    edited: EditedPlanCsv | None = None


def change_columns(names: Names) -> dict[str, Any]:
    """The changes table's columns, before and after headed by the plans' names."""
    return {
        "change": st.column_config.TextColumn("Change", width=120),
        "title": st.column_config.TextColumn("Activity", width=150),
        "activity_id": st.column_config.TextColumn("Id", width=55),
        "unit_or_organisation": st.column_config.TextColumn(
            "Who", width=85, help="The unit or organisation whose role or partnership changed"
        ),
        "old": st.column_config.TextColumn(
            f"In {names.first.file}",
            width=135,
            help=escape_markdown(f"As {names.first} has it (B)"),
        ),
        "new": st.column_config.TextColumn(
            f"In {names.second.file}",
            width=135,
            help=escape_markdown(f"As {names.second} has it (A)"),
        ),
        "event": st.column_config.TextColumn("Event", width=85),
    }


def second_plan_source() -> SecondSource | None:
    """The second plan: an upload here, else a note dropped on the sidebar (not yet the plan in
    use; already read), else the What-if result."""
    upload = st.file_uploader(
        "Second plan: a CSV or Excel workbook in the format of data/plan.csv, or the note itself "
        "(.docx, .pdf or text)",
        type=UPLOAD_TYPES,
        key="cmp_upload",
        help="Checked like any plan file, or read like the note, and used for this comparison "
        "only; never saved.",
    )
    if upload is not None:
        raw = upload.getvalue()
        shown = note_name(upload.name) if looks_like_note(raw) else uploaded_name(upload.name)
        return SecondSource(raw, upload.name, shown, None)
    note = sidebar_note()
    if note is not None:
        return SecondSource(None, note.name, note_name(note.name), note)
    edited: EditedPlanCsv | None = st.session_state.get(WHATIF_CSV_KEY)
    if edited is not None:
        return SecondSource(None, WHATIF_NAME, WHATIF, None, edited)
    return None


def chart(ctx: ViewContext, second: Plan, frame: pd.DataFrame, by: By, names: Names) -> str | None:
    return before_after_chart(
        # Saved images and captions name both plans: "Plan: X against Y".
        replace(ctx, plan_name=PlanName("", f"{names.first} against {names.second}")),
        frame,
        by,
        key=CHART_KEYS[by],
        page="compare",
        version=second.digest,
        title=(
            "Load per unit in two plans" if by == "unit" else "Load per part of ITU in two plans"
        ),
        shows=f"Weighted load{per_words(by)}: B (light, hatched) in {names.first}, A (solid) in "
        f"{names.second}; {ctx.weights.describe()}",
        labels=(str(names.first), str(names.second)),
        file_words=str(names.second),
    )


def show_activity(ctx: ViewContext, second: Plan, names: Names, activity_id: str) -> None:
    """The activity's verbatim text in the first plan beside the second plan's row, whose
    revisions column (a what-if result) says how its roles differ from that text."""
    in_first = activities_by_id(ctx.plan.activities, [activity_id])
    in_second = activities_by_id(second.activities, [activity_id])
    title = escape_markdown(f"Source text of {activity_id}, verbatim, in both plans")
    with st.expander(title, expanded=True):
        sides = [(label, rows) for label, rows in zip(names, (in_first, in_second), strict=True)]
        sides = [(label, rows) for label, rows in sides if not rows.empty]
        for column, (label, activities) in zip(st.columns(len(sides) or 1), sides, strict=False):
            with column:
                st.text(str(label))
                source_panel(activities)


def changes_table(ctx: ViewContext, second: Plan, names: Names, changes: pd.DataFrame) -> None:
    kinds_in_changes = set(changes["change"].unique())
    present = [kind for kind in CHANGE_KINDS if kind in kinds_in_changes]
    key, param = KINDS
    seed_list(key, param, present)
    st.session_state[key] = [kind for kind in st.session_state[key] if kind in present]
    kinds = st.multiselect(
        "Show only these kinds of change",
        present,
        key=key,
        placeholder="All",
        filter_mode="contains",
        select_all=False,
    )
    publish_list(key, param)
    shown = changes_of_kinds(changes, kinds)
    rows = selectable_table(
        shown,
        column_config=change_columns(names),
        column_order=[column for column in CHANGE_ORDER if column in shown.columns],
        row_height=WRAPPED_ROW_HEIGHT,
        key=TABLE_KEY,
        alt=f"The changes from {names.first} to {names.second}, one row per change",
    )
    if rows and rows[0] < len(shown):
        show_activity(ctx, second, names, str(shown.iloc[rows[0]]["activity_id"]))
    else:
        st.caption(f"Select a row to read that activity's allocation text and comments. {ROW_KEYS}")
    st.subheader("In words")
    lines = derived_shared(ctx, lambda: format_changes(shown), second.digest, tuple(kinds))
    short_lines(lines, "The table above lists every change.")
    reasons = derived_shared(
        ctx,
        lambda: added_revisions(ctx.plan.activities, second.activities, shown["activity_id"]),
        second.digest,
        tuple(kinds),
    )
    if reasons:
        st.subheader(escape_markdown(f"Why, as {names.second} records it (its revisions column)"))
        short_lines(reasons, "Select a change in the table above to read its activity's revisions.")


def read_second_plan(ctx: ViewContext, source: SecondSource) -> Plan:
    """The second plan: a plan file parsed (the What-if page's edited plan is one), or a note
    read (and what was not read, shown above the comparison); a file that gives no plan stops
    the page with why."""
    raw, name, _, from_sidebar, edited = source
    try:
        if edited is not None:
            return plan_from_edited_csv(edited, name)
        if raw is not None and not looks_like_note(raw):
            return plan_from_bytes(raw, name)
    except PlanError as error:
        show_problems(error, f"The second plan ({name})", "Fix them, try again.")
        st.stop()
    read = from_sidebar.read if from_sidebar is not None else note_read(raw or b"", name, ctx.plan)
    if read.plan is None:
        st.error(escape_markdown(f"No plan could be read from the note {name}."))
        if read.problems:
            show_problems(PlanError(list(read.problems)), f"The note {name}", "Fix them.")
        show_table(unread_frame(read).set_index("where"))
        st.stop()
    show_note_reading(read, name, from_sidebar.file_id if from_sidebar is not None else None)
    return read.plan


ctx = get_context()
st.title("Compare two versions of the plan")
st.caption(
    "What changed from one version of the plan to another: activities, roles per unit, "
    "partners and events. Upload a second plan to compare with the plan in use, or make one on "
    "the What-if page."
)
source = second_plan_source()
before: tuple[Plan, PlanName] | None = st.session_state.get(PLAN_BEFORE_UPLOAD_KEY)
if source is None and before is not None:
    # The sidebar's upload is the plan in use: compared with the plan it replaced.
    base, base_name = before
    second, names = ctx.plan, Names(base_name, ctx.plan_name)
    st.caption(
        escape_markdown(
            f"Comparing {names.first} (B) with {names.second} (A), the sidebar's upload, now the "
            "plan in use."
        )
    )
    base_view = base if ctx.spec.is_empty() else filtered(base.digest, ctx.spec, base)
    ctx = replace(ctx, plan=base, view=base_view, plan_name=base_name)
elif source is None:
    st.info(
        "No second plan yet: upload a plan or the note above (or on the sidebar), or edit the "
        "plan on the What-if page."
    )
    st.stop()
else:
    second = read_second_plan(ctx, source)
    names = Names(ctx.plan_name, source.shown)
    edited_there = (
        ", the plan edited on the What-if page; upload a file to compare another"
        if source.shown == WHATIF
        else ""
    )
    st.caption(
        escape_markdown(
            f"Comparing {names.first} (B), the plan in use, with {names.second} (A){edited_there}."
        )
    )


all_changes = changes_between(ctx.plan, second)
if all_changes.empty:
    st.success(
        escape_markdown(
            f"The two plans are identical: {names.second} has the same activities, roles, "
            f"partners and events as {names.first}."
        )
    )
    st.stop()
# Once per (plan in use, filters, second plan): a rerun for a selection only draws.
compared = derived_shared(
    ctx,
    lambda: compare_views(ctx.view, second, ctx.spec, all_changes, ctx.weights),
    second.digest,
    ctx.weights,
)
changes = compared.changes
regrouped = derived_shared(
    ctx,
    lambda: regrouping_sentence(ctx.plan, second, str(names.first), str(names.second)),
    second.digest,
    str(names.first),
    str(names.second),
)
if regrouped:
    st.text(regrouped)
st.text(
    f"{len(all_changes)} change(s) between {names.first} and {names.second}; "
    f"{len(changes)} touch the activities the sidebar filters show."
)
st.header("What changed")
if changes.empty:
    empty_note("no change touches the activities these filters show.")
else:
    changes_table(ctx, second, names, changes)

st.header("Workload in the two plans")
by_unit = compared.by_unit
if by_unit.empty:
    empty_note("no unit has a lead or assist role under these filters in either plan.")
else:
    st.text(total_load_sentence(compared.total_before, compared.total_after))
    left, right = st.columns([3, 2])
    with left:
        picked = chart(ctx, second, by_unit, "unit", names)
    with right:
        picked = chart(ctx, second, compared.by_sector, "sector", names) or picked
    code = choice_box(
        "Show the role changes of",
        [*by_unit["unit"].astype(str), *compared.by_sector["sector"].astype(str)],
        key=CHOICE_KEY,
        chart_choice=picked,
    )
    if code:
        rows = changes_for_units(changes, units_of(ctx.plan, code))
        st.text(f"{code}: {len(rows)} role change(s)")
        if not rows.empty:
            st.dataframe(
                rows,
                hide_index=True,
                width="stretch",
                column_config=change_columns(names),
                column_order=[column for column in CHANGE_ORDER if column in rows.columns],
                row_height=WRAPPED_ROW_HEIGHT,
                alt=f"The role changes of {code}",
            )
            activities = activities_by_id(ctx.plan.activities, rows["activity_id"])
            in_first = escape_markdown(f"in {names.first}")
            st.markdown(
                f"**Source text of these {len(activities)} activities, verbatim, {in_first}**"
            )
            source_panel(activities)
    else:
        st.caption("Select a bar, or choose above, to list a unit's or Sector's role changes.")
