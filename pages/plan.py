"""Plan and audit: the filtered plan as a searchable table with its verbatim text, downloads of
what is shown, and the list of rows a manager should look at."""

from __future__ import annotations

import streamlit as st

from analysis import Plan
from analysis.export import csv_zip_bytes, download_tables, workbook_bytes
from analysis.measures.activities import activities_by_id, plan_table, restrict_plan, search_plan
from analysis.measures.audit import CHECKS, audit, audit_counts, findings_for
from ui.context import get_context
from ui.derived import derived_shared
from ui.render import (
    ROW_KEYS,
    WRAPPED_ROW_HEIGHT,
    empty_note,
    escape_markdown,
    png_filename,
    selectable_table,
    source_panel,
)
from ui.state import publish_list, publish_value, seed_list, seed_value

SEARCH_KEY = "plan_search"
PLAN_TABLE_KEY = "plan_table"
CHECKS_KEY = "audit_checks"
AUDIT_TABLE_KEY = "audit_table"

AUDIT_HEADINGS = {
    "activity_id": "Activity",
    "title": "Title",
    "check": "Check",
    "detail": "What the plan says",
    "fix": "What to do",
}

ctx = get_context()
st.title("The plan and its audit")

seed_value(SEARCH_KEY, "q", "")
query = st.text_input(
    "Search the plan",
    key=SEARCH_KEY,
    placeholder="e.g. Geneva, A25, spam",
    help="Finds activities whose id, title, allocation text or comments contain every word "
    "typed (upper or lower case alike). Works within the sidebar filters.",
)
publish_value(SEARCH_KEY, "q", "")

# No search words: the activities themselves, with nothing to compute (a cached copy would
# cost an unpickling of the whole table on every rerun).
found = (
    derived_shared(ctx, lambda: search_plan(ctx.view.activities, query), query)
    if query.strip()
    else ctx.view.activities
)
scope = ctx.spec.describe() + (f'; search: "{query.strip()}"' if query.strip() else "")
if found.empty:
    empty_note(f"no activity matches these filters ({scope}).")
else:
    st.caption(
        escape_markdown(
            f"{len(found)} of {len(ctx.plan.activities)} activities · Filters: {scope} · "
            f"Plan: {ctx.plan_label}. Select a row to read its text as the plan gives it. "
            + ROW_KEYS
        )
    )
    table = derived_shared(ctx, lambda: plan_table(found), query)
    rows = selectable_table(
        table,
        key=PLAN_TABLE_KEY,
        alt="The activities of the plan, with their verbatim text",
        # The verbatim text next to the title, so nobody scrolls sideways to find it.
        # The verbatim text next to the title, so nobody scrolls sideways to find it; the other
        # columns (lead, assist, partners, pillar, ...) are in the downloads and the text below.
        column_order=["activity_id", "title", "allocation_text", "comments"],
        column_config={
            "activity_id": st.column_config.TextColumn("Activity", pinned=True, width=65),
            "title": st.column_config.TextColumn("Title", width=180),
            "allocation_text": st.column_config.TextColumn(
                "Allocation of responsibilities (verbatim)", width=260
            ),
            "comments": st.column_config.TextColumn("Comments (verbatim)", width=260),
        },
        row_height=WRAPPED_ROW_HEIGHT,
    )
    chosen = [str(table["activity_id"].iloc[row]) for row in rows if row < len(table)]
    if chosen:
        source_panel(activities_by_id(ctx.view.activities, chosen, order="given"))

    st.header("Download what is shown")

    def shown() -> Plan:
        # Built only when a download is asked for: for a large plan, a copy of it on every
        # rerun costs more than drawing the page.
        return restrict_plan(ctx.view, found["activity_id"])

    name = png_filename("plan", scope if not ctx.spec.is_empty() or query.strip() else "all")
    st.caption(
        f"The {len(found)} activit{'y' if len(found) == 1 else 'ies'} above, with their "
        "assignments, partners and events. "
        "The CSV zip holds the four tidy tables and plan.csv (the plan's own format, which "
        "this dashboard can read back); the Excel file has a sheet for each."
    )
    csv_column, excel_column = st.columns(2)
    with csv_column:
        st.download_button(
            "CSV files (zip)",
            data=lambda: csv_zip_bytes(shown()),
            file_name=f"{name}.zip",
            mime="application/zip",
            key="download_csv",
            on_click="ignore",
        )
    with excel_column:
        st.download_button(
            "Excel workbook",
            data=lambda: workbook_bytes(download_tables(shown())),
            file_name=f"{name}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key="download_excel",
            on_click="ignore",
        )

st.header("Audit: rows to look at")
findings = derived_shared(ctx, lambda: audit(ctx.view))
if findings.empty:
    empty_note("the audit finds nothing to look at in the activities these filters keep.")
    st.stop()
counts = derived_shared(ctx, lambda: audit_counts(findings))
st.caption(
    "What each check flags, counted in activities (one activity can be flagged by several "
    "checks), within the sidebar filters; the search above does not narrow the audit. The checks "
    "to fix need a decision; those to know describe a plan that is consistent as it stands. "
    "Choose checks to list only those."
)
st.dataframe(
    derived_shared(
        ctx,
        lambda: counts.rename(
            columns={
                "check": "Check",
                "kind": "To fix or to know",
                "activities": "Activities flagged",
            }
        ),
    ),
    hide_index=True,
    width="content",
    alt="Audit: activities flagged per check",
)
flagged_by_check = dict(zip(counts["check"], counts["activities"], strict=True))
seed_list(CHECKS_KEY, "check", CHECKS)
chosen_checks = st.multiselect(
    "Show checks",
    list(CHECKS),
    key=CHECKS_KEY,
    placeholder="All checks",
    filter_mode="contains",
    select_all=False,
    format_func=lambda check: f"{check} ({flagged_by_check[check]})",
)
publish_list(CHECKS_KEY, "check")
listed = derived_shared(ctx, lambda: findings_for(findings, chosen_checks), tuple(chosen_checks))
st.caption(
    f"{len(listed)} findings. Select a row to read the activity's text in the plan. {ROW_KEYS}"
)
audit_rows = selectable_table(
    derived_shared(
        ctx,
        lambda: listed.rename(columns=AUDIT_HEADINGS),
        tuple(chosen_checks),
    ),
    key=AUDIT_TABLE_KEY,
    column_order=["Title", "Activity", "Check", "What to do", "What the plan says"],
    alt="Audit findings: activity, check, what the plan says, what to do",
    column_config={
        "Title": st.column_config.TextColumn(width=165),
        "Activity": st.column_config.TextColumn(width=65),
        "Check": st.column_config.TextColumn(width=120),
        "What to do": st.column_config.TextColumn(width=210),
        "What the plan says": st.column_config.TextColumn(width=195),
    },
    row_height=WRAPPED_ROW_HEIGHT,
)
flagged = [str(listed["activity_id"].iloc[row]) for row in audit_rows if row < len(listed)]
if flagged:
    source_panel(activities_by_id(ctx.view.activities, flagged, order="given"))
