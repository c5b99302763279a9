"""Timeline: every dated event of the plan, held or planned against a movable as-of date."""

from __future__ import annotations

import streamlit as st

from analysis.tables import (
    LANE_MODES,
    activities_by_ids,
    event_table,
    parse_iso_date,
    timeline_lanes,
)
from analysis.timeline import timeline_frame
from charts.timeline import as_of_label, timeline_figure
from ui.context import get_context
from ui.derived import derived, derived_figure, derived_shared
from ui.render import (
    caption,
    empty_note,
    png_filename,
    selectable_table,
    selected_points,
    show_chart,
    source_panel,
)
from ui.state import publish_value, seed_value

CHART_KEY = "timeline_chart"
TABLE_KEY = "timeline_table"
LANES_KEY = "timeline_lanes"
AS_OF_KEY = "timeline_as_of"
LANE_NAMES = {"pillar": "By pillar", "activity": "By activity"}

ctx = get_context()
st.title("Timeline of meetings and publications")
st.caption(
    "Every date the plan's comments mention. Bars span several days; circles and diamonds mark "
    "single days; faint bars marked ≈ are dates the plan gives only as a month or a year."
)

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
        help="Events after this date count as planned, earlier ones as held (unless the plan "
        f"says they are planned). The plan's own date is {as_of_label(default_as_of)}.",
    )
publish_value(LANES_KEY, "lanes", "pillar")
publish_value(AS_OF_KEY, "as_of", default_as_of.isoformat())

events = derived(
    ctx, "timeline", lambda: timeline_frame(ctx.view.events, ctx.view.activities, as_of), as_of
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

lanes = derived(
    ctx,
    "timeline lanes",
    lambda: timeline_lanes(events, ctx.view.activities, lane_mode),
    as_of,
    lane_mode,
)
held = int((events["status"] == "held").sum())
what = (
    f"{len(events)} dated events ({held} held, {len(events) - held} planned), "
    f"lanes {LANE_NAMES[lane_mode].lower()}, status as of {as_of_label(as_of)}"
)
figure = derived_figure(
    ctx,
    "timeline figure",
    lambda: timeline_figure(
        lanes, as_of, lane_title="Pillar" if lane_mode == "pillar" else "Activity (plan order)"
    ),
    as_of,
    lane_mode,
)
event = show_chart(
    figure,
    key=CHART_KEY,
    filename=png_filename("timeline", lane_mode, ctx.spec.describe()),
    caption_text=caption(ctx, what),
    selectable=True,
)

st.subheader("The events shown")
st.caption("Select a row, or an event on the chart, to read the activity's text in the plan.")
table = derived_shared(ctx, "timeline table", lambda: event_table(lanes), as_of, lane_mode)
table_rows = selectable_table(
    table,
    key=TABLE_KEY,
    column_config={
        "Start": st.column_config.DateColumn(format="D MMM YYYY"),
        "End": st.column_config.DateColumn(format="D MMM YYYY"),
        "Activity title": st.column_config.TextColumn(width="medium"),
        "Sentence in the plan": st.column_config.TextColumn(width="large"),
    },
)

picked_rows = [
    int(point["customdata"][0])
    for point in selected_points(event)
    if point.get("customdata") is not None
]
picked_rows += table_rows
picked_ids = [str(lanes["activity_id"].iloc[row]) for row in picked_rows if row < len(lanes)]
if picked_ids:
    st.subheader("Where this comes from in the plan")
    source_panel(activities_by_ids(ctx.view.activities, picked_ids))
