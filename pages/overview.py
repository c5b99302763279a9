"""Overview: which Sector carries most of the load, which activities have no ITU lead, and the
plan's headline figures, for the filters in force."""

from __future__ import annotations

import streamlit as st

from analysis.measures.activities import activities_by_id
from analysis.measures.audit import (
    audit_counts,
    audit_tally,
    needs_decision,
    overview_audit,
    unled_activities,
)
from analysis.measures.balance_words import sectors_in_scope
from analysis.measures.findings import load_headline
from analysis.measures.metrics import overview_counts, workload_by_sector
from analysis.measures.roles import roles_of
from charts.workload import sector_share_chart, shares_phrase
from ui.context import get_context
from ui.derived import derived_figure, derived_shared
from ui.render import (
    WRAPPED_ROW_HEIGHT,
    caption,
    choice_box,
    empty_note,
    escape_markdown,
    png_filename,
    selected_bar,
    short_table,
    short_table_of,
    show_chart,
    source_panel,
)

SECTOR_CHART_KEY = "overview_sector_chart"
SECTOR_CHOICE_KEY = "overview_sector_choice"

ctx = get_context()
weights = ctx.weights
counts = derived_shared(ctx, lambda: overview_counts(ctx.plan, ctx.view))
findings = derived_shared(ctx, lambda: overview_audit(ctx.plan, ctx.view))
unled = derived_shared(ctx, lambda: unled_activities(findings))
by_sector = derived_shared(
    ctx,
    lambda: sectors_in_scope(workload_by_sector(ctx.view, weights), ctx.spec),
    weights,
)

st.title("Overview of the WSIS implementation plan within ITU")
if not counts["activities"]:
    empty_note("no activity of the plan matches these filters.")
    st.stop()
# Escaped once: on a large plan the headline names every activity without a lead.
headline = derived_shared(
    ctx, lambda: escape_markdown(load_headline(by_sector, unled, weights)), weights
)
st.markdown(headline)
st.caption(
    escape_markdown(
        f"Filters: {ctx.spec.describe()} · Plan: {ctx.plan_label} · as of {ctx.plan.as_of:%d %B %Y}"
    )
)

row_one = st.columns(4)
row_one[0].metric("Activities", counts["activities"], help="Rows of the plan, items included.")
row_one[1].metric("Led by an ITU unit", counts["led"])
row_one[2].metric(
    "Without an ITU lead",
    counts["unassigned"],
    help="Judged on every unit's roles, whatever the unit, Sector or role filter.",
)
row_one[3].metric("ITU units with a role", counts["units"])
row_two = st.columns(4)
row_two[0].metric("Partner organisations", counts["organisations"])
row_two[1].metric(f"Events held by {ctx.plan.as_of:%d %b %Y}", counts["events_held"])
row_two[2].metric(
    "Events planned",
    counts["events_planned"],
    help="Still to come: they start later, or the plan says planned and they have not ended.",
)
row_two[3].metric(
    "Events unconfirmed",
    counts["events_unconfirmed"],
    help="The plan says planned, the date has passed and the plan does not report them held.",
)

st.header("What needs a decision")
tally = derived_shared(ctx, lambda: audit_tally(findings))
to_decide = derived_shared(
    ctx,
    lambda: short_table_of(
        needs_decision(findings)[["title", "activity_id", "check", "fix", "detail"]].rename(
            columns={
                "title": "Activity",
                "activity_id": "Id",
                "check": "Check",
                "fix": "What to decide",
                "detail": "What the plan says",
            }
        )
    ),
)
st.caption(
    escape_markdown(
        f"The audit of the activities shown: {tally['to fix']} points to fix, listed here; "
        f"{tally['to know']} more only to know (a lead without an assisting unit, a heading row "
        "whose items carry the leads, a cross-reference counted once). Every point is on Plan "
        "and audit."
    )
)
if to_decide.empty:
    st.text("Nothing in the audit of these activities needs a decision.")
else:
    short_table(to_decide, "Plan and audit lists every point.")

st.header("Activities without an ITU lead")
if unled.empty:
    st.text("Every activity shown has an ITU lead.")
else:
    st.dataframe(
        unled[["title", "activity_id", "why"]],
        hide_index=True,
        width="stretch",
        alt="Activities without an ITU lead: id, activity, why",
        column_config={
            "activity_id": st.column_config.TextColumn("Id", width="small"),
            "title": st.column_config.TextColumn("Activity"),
            "why": st.column_config.TextColumn("Why"),
        },
    )

left, right = st.columns([3, 2])
with left:
    st.header("Workload of the Sectors and the General Secretariat")
    if by_sector["weighted_load"].sum() > 0:
        event = show_chart(
            derived_figure(ctx, lambda: sector_share_chart(by_sector, weights), weights),
            key=SECTOR_CHART_KEY,
            filename=png_filename("overview", "share-by-sector", ctx.spec.describe()),
            # The figures in words: the chart's text alternative.
            caption_text=caption(
                ctx,
                f"The share of the weighted load ({weights.describe()}) of each Sector and the "
                f"General Secretariat: {shares_phrase(by_sector)}. Select a bar, or choose one "
                "below, to see its activities",
            ),
            selectable=True,
        )
        sector = choice_box(
            "Show the activities of",
            [str(value) for value in by_sector["sector"]],
            key=SECTOR_CHOICE_KEY,
            chart_choice=selected_bar(event),
        )
        if sector:
            roles = derived_shared(ctx, lambda: roles_of(ctx.view, sector=sector), sector)
            st.text(f"{sector}: {len(roles)} roles")
            st.dataframe(
                roles[["title", "activity_id", "unit", "role", "note"]],
                hide_index=True,
                width="stretch",
                column_config={
                    "title": st.column_config.TextColumn("Activity", width=190),
                    "activity_id": st.column_config.TextColumn("Id", width=55),
                    "unit": st.column_config.TextColumn("Unit", width=65),
                    "role": st.column_config.TextColumn("Role", width=55),
                    "note": st.column_config.TextColumn("Note", width=100),
                },
                row_height=WRAPPED_ROW_HEIGHT,
                alt=f"The roles of {sector}: activity, unit, role, note",
            )
            st.markdown("**Source text of these activities**")
            source_panel(activities_by_id(ctx.view.activities, roles["activity_id"]))
    else:
        empty_note("no unit has a lead or assist role under these filters.")
with right:
    st.header("Audit checks")
    metric_fix, metric_know = st.columns(2)
    metric_fix.metric(
        "Audit: to fix", tally["to fix"], help="Points that need a decision (listed above)."
    )
    metric_know.metric(
        "Audit: to know",
        tally["to know"],
        help="Points where the plan is consistent as it stands; worth knowing when reading it.",
    )
    warning_counts = derived_shared(ctx, lambda: audit_counts(findings))
    st.dataframe(
        warning_counts,
        hide_index=True,
        width="stretch",
        alt="Audit warnings: activities flagged per check",
        column_config={
            "check": st.column_config.TextColumn("Check", width=150),
            "kind": st.column_config.TextColumn("Kind", width=70),
            "activities": st.column_config.NumberColumn(
                "Activities", width=75, help="Activities flagged"
            ),
        },
    )

st.header("Where to go next")
links = st.columns(4)
links[0].page_link("pages/workload.py", label="Workload per unit and Sector")
links[1].page_link("pages/matrix.py", label="Responsibility matrix")
links[2].page_link("pages/timeline.py", label="Timeline of events")
links[3].page_link("pages/plan.py", label="Plan text and full audit list")
