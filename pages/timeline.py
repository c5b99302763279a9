"""Timeline: every dated event of the plan, held, planned or unconfirmed against a movable as-of
date."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from analysis.measures.activities import activities_by_id
from analysis.measures.meetings import next_meetings, unconfirmed_meetings
from analysis.measures.timeline import (
    LANE_MODES,
    event_table,
    events_in_month,
    events_per_month,
    status_counts_phrase,
    timeline_frame,
    timeline_lanes,
)
from charts.timeline import as_of_label, timeline_figure
from charts.timeline_density import MAX_EVENTS_DRAWN, timeline_density_figure, too_many_to_draw
from ui.context import get_context
from ui.derived import derived_figure, derived_shared
from ui.render import (
    ROW_KEYS,
    WRAPPED_ROW_HEIGHT,
    caption,
    empty_note,
    escape_markdown,
    png_filename,
    selectable_table,
    selected_points,
    short_table,
    short_table_of,
    show_chart,
    source_panel,
)
from ui.state import parse_iso_date, publish_value, seed_value

CHART_KEY = "timeline_chart"
TABLE_KEY = "timeline_table"
LANES_KEY = "timeline_lanes"
AS_OF_KEY = "timeline_as_of"
LANE_NAMES = {"pillar": "By pillar", "activity": "By activity"}
EVENTS_INTRO = (
    "Every date the plan's comments mention. Bars span several days; circles and diamonds mark "
    "single days; faint bars marked ≈ are dates the plan gives only as a month or a year."
)
PER_MONTH_INTRO = (
    "Every date the plan's comments mention, counted per month: the darker a cell, the more "
    "events start in that month."
)


def selected_cell(event: Any) -> tuple[int, pd.Timestamp] | None:
    """The (lane_index, month) of the cell selected on the events-per-month chart, if any."""
    for point in selected_points(event):
        custom = point.get("customdata")
        if custom is not None and len(custom) == 2:
            return int(custom[0]), pd.Timestamp(custom[1])
    return None


ctx = get_context()
st.title("Timeline of meetings and publications")
# Rewritten once the page knows how many events there are, if it counts them per month.
intro = st.empty()
intro.caption(EVENTS_INTRO)

seed_value(LANES_KEY, "lanes", "pillar")
if st.session_state[LANES_KEY] not in LANE_MODES:
    st.session_state[LANES_KEY] = "pillar"
default_as_of = ctx.plan.as_of
if AS_OF_KEY not in st.session_state:
    st.session_state[AS_OF_KEY] = parse_iso_date(st.query_params.get("as_of"), default_as_of)

lanes_column, as_of_column = st.columns([1, 1])
with lanes_column:
    lane_mode = st.radio(
        "Lanes", LANE_MODES, key=LANES_KEY, format_func=LANE_NAMES.__getitem__, horizontal=True
    )
with as_of_column:
    as_of = st.date_input(
        "Status as of",
        key=AS_OF_KEY,
        format="DD/MM/YYYY",
        help="Held: the plan reports it. Planned: it starts after this date, or the plan says "
        "it is planned and it has not ended. Unconfirmed: the plan says planned, but it ended "
        "before this date and the plan does not report it held. A month or a year ends on its "
        f"last day. The plan's own date is {as_of_label(default_as_of)}.",
    )
publish_value(LANES_KEY, "lanes", "pillar")
publish_value(AS_OF_KEY, "as_of", default_as_of.isoformat())

events = derived_shared(
    ctx, lambda: timeline_frame(ctx.view.events, ctx.view.activities, as_of), as_of
)
if events.empty:
    empty_note("no dated event in the activities these filters keep.")
    st.stop()

if ctx.spec.statuses and as_of != default_as_of:
    st.caption(
        "The sidebar's event-status filter uses the plan's own date "
        f"({as_of_label(default_as_of)}); the chart recolours the events it kept against "
        f"{as_of_label(as_of)}."
    )

lanes = derived_shared(
    ctx,
    lambda: timeline_lanes(events, ctx.view.activities, lane_mode),
    as_of,
    lane_mode,
)
by_status = derived_shared(ctx, lambda: status_counts_phrase(events), as_of)
what = (
    f"{len(events)} dated events ({by_status}), "
    f"lanes {LANE_NAMES[lane_mode].lower()}, status as of {as_of_label(as_of)}"
)
lane_title = "Pillar" if lane_mode == "pillar" else "Activity (plan order)"
per_month = too_many_to_draw(len(lanes))
if per_month:
    intro.caption(PER_MONTH_INTRO)
    st.info(
        f"{len(lanes):,} events: too many to draw one by one, so the chart counts them per "
        f"month. Narrow the sidebar filters to {MAX_EVENTS_DRAWN:,} events or fewer to see each "
        "one; the table below lists every event."
    )
    counts = derived_shared(ctx, lambda: events_per_month(lanes), as_of, lane_mode)
    figure = derived_figure(
        ctx,
        lambda: timeline_density_figure(counts, as_of, lane_title=lane_title),
        as_of,
        lane_mode,
    )
    what += ", counted per month"
else:
    figure = derived_figure(
        ctx,
        lambda: timeline_figure(lanes, as_of, lane_title=lane_title),
        as_of,
        lane_mode,
    )
event = show_chart(
    figure,
    key=CHART_KEY,
    filename=png_filename(
        "timeline", "per-month" if per_month else "", lane_mode, ctx.spec.describe()
    ),
    caption_text=caption(ctx, what),
    selectable=True,
)

st.header(f"Next meetings as of {as_of_label(as_of)}")
upcoming = derived_shared(
    ctx,
    lambda: short_table_of(next_meetings(events, ctx.plan.assignments).drop(columns="activity_id")),
    as_of,
)
unconfirmed = derived_shared(
    ctx,
    lambda: short_table_of(
        unconfirmed_meetings(events, ctx.plan.assignments).drop(columns="activity_id")
    ),
    as_of,
)
if upcoming.empty:
    st.text("No event of the activities shown is still to come on this date.")
else:
    st.caption("Earliest first; ≈ marks a date the plan gives only as a month or a year.")
    short_table(upcoming, "The table of the events shown, below, lists them all.")
if not unconfirmed.empty:
    st.markdown(f"**Unconfirmed ({unconfirmed.rows})**")
    st.caption(
        "The plan says these are planned, but their date has passed and it does not report "
        "them held: ask whether they took place."
    )
    short_table(unconfirmed, "The table of the events shown, below, lists them all.")

st.header("The events shown")
cell = selected_cell(event) if per_month else None
if cell is None:
    listed = lanes
    st.caption(
        (
            "Select a row to read the activity's text in the plan, or a cell on the chart to "
            "list only the events it counts. "
            if per_month
            else "Select a row, or an event on the chart, to read the activity's text in the plan. "
        )
        + ROW_KEYS
    )
else:
    lane_index, month = cell
    listed = events_in_month(lanes, lane_index, month)
    lane_name = listed["lane"].iloc[0] if not listed.empty else "the selected lane"
    st.caption(
        escape_markdown(
            f"Only the events of {lane_name} that start in {month:%B %Y} ({len(listed)}): the "
            "cell selected on the chart. Double-click the chart to list every event again; select "
            f"a row to read the activity's text in the plan. {ROW_KEYS}"
        )
    )
table = derived_shared(
    ctx,
    lambda: event_table(listed),
    as_of,
    lane_mode,
    None if cell is None else (cell[0], cell[1].isoformat()),
)
table_rows = selectable_table(
    table,
    # One table per cell: a row chosen under one cell must not point at another cell's event.
    key=TABLE_KEY if cell is None else f"{TABLE_KEY}_{cell[0]}_{cell[1]:%Y-%m}",
    # The date and the plan's sentence first; the activity's title is in its source text below.
    column_order=[
        "Start",
        "Sentence in the plan",
        "Status",
        "Location",
        "Activity",
        "Date as written",
    ],
    alt="The dated events shown: start, end, status, activity and the sentence in the plan",
    column_config={
        "Start": st.column_config.DateColumn(format="D MMM YYYY", width=95),
        "Sentence in the plan": st.column_config.TextColumn(width=295),
        "Status": st.column_config.TextColumn(width=90),
        "Location": st.column_config.TextColumn(width=100),
        "Activity": st.column_config.TextColumn(width=65),
        "Date as written": st.column_config.TextColumn(width=110),
    },
    row_height=WRAPPED_ROW_HEIGHT,
)

# A cell of the per-month chart stands for many events: only an event or a row picks one.
picked_rows = (
    []
    if per_month
    else [
        int(point["customdata"][0])
        for point in selected_points(event)
        if point.get("customdata") is not None
    ]
)
picked_rows += table_rows
picked_ids = [str(listed["activity_id"].iloc[row]) for row in picked_rows if row < len(listed)]
if picked_ids:
    st.header("Where this comes from in the plan")
    source_panel(activities_by_id(ctx.view.activities, picked_ids, order="given"))
