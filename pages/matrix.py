"""Responsibility matrix: which unit leads (L) and which assists (A), activity by activity, or
counted per action line or pillar; any cell or table row leads to the plan's own words."""

from __future__ import annotations

from typing import Any, Literal, cast

import streamlit as st

from analysis.measures.activities import activities_by_id
from analysis.measures.matrix import (
    group_cells,
    group_order,
    group_roles,
    responsibility_cells,
    responsibility_matrix,
    unit_rows,
)
from analysis.measures.roles import activity_roles, roles_of
from charts.matrix import activity_matrix, group_matrix, too_many_columns
from ui.context import ViewContext, get_context
from ui.derived import derived_figure, derived_shared
from ui.render import (
    ROW_KEYS,
    caption,
    choice_box,
    empty_note,
    escape_markdown,
    png_filename,
    selectable_table,
    selected_points,
    show_chart,
    source_panel,
)
from ui.state import publish_value, seed_value

GROUP_KEY, GROUP_PARAM, GROUP_DEFAULT = "m_group", "group", "activity"
GROUPINGS = {
    "activity": "Each activity",
    "action_line": "By WSIS action line",
    "pillar": "By pillar",
}
CHART_KEY = "matrix_chart"
TABLE_KEY = "matrix_table"
CELL_CHOICE_KEY = "matrix_cell_choice"
ROLE_TABLE_COLUMNS = {
    "activity_id": st.column_config.TextColumn("Id", width="small"),
    "title": st.column_config.TextColumn("Activity", width="large"),
    "pillar": st.column_config.TextColumn("Pillar", width="small"),
    "unit": st.column_config.TextColumn("Unit"),
    "role": st.column_config.TextColumn("Role"),
    "note": st.column_config.TextColumn("Note in the plan"),
    "lead": st.column_config.TextColumn("Lead"),
    "assist": st.column_config.TextColumn("Assisted by"),
}


def grouping_radio(activity_count: int) -> str:
    # Thousands of one-letter columns cannot be read: large plans open on the pillar view.
    default = "pillar" if too_many_columns(activity_count) else GROUP_DEFAULT
    seed_value(GROUP_KEY, GROUP_PARAM, default)
    if st.session_state[GROUP_KEY] not in GROUPINGS:  # a hand-edited link
        st.session_state[GROUP_KEY] = default
    st.radio(
        "Show",
        list(GROUPINGS),
        format_func=GROUPINGS.__getitem__,
        key=GROUP_KEY,
        horizontal=True,
    )
    publish_value(GROUP_KEY, GROUP_PARAM, default)
    if default != GROUP_DEFAULT:
        st.caption(
            f"This view has {activity_count} activities, too many for a column each: it opens "
            "on roles by pillar. 'Each activity' still draws them all."
        )
    return str(st.session_state[GROUP_KEY])


def first_point(event: Any) -> list[str]:
    points = selected_points(event)
    if not points or not points[0].get("customdata"):
        return []
    return [str(value) for value in points[0]["customdata"]]


def show_roles_and_source(ctx: ViewContext, roles: Any, heading: str) -> None:
    st.markdown(escape_markdown(heading))
    st.dataframe(
        roles[["activity_id", "title", "unit", "role", "note"]],
        hide_index=True,
        width="stretch",
        column_config=ROLE_TABLE_COLUMNS,
        alt=f"{heading}: activity, unit, role, note in the plan",
    )
    source_panel(activities_by_id(ctx.view.activities, roles["activity_id"]))


ctx = get_context()
st.title("Responsibility matrix: who leads, who assists")
grouping = grouping_radio(len(ctx.view.activities))
units = derived_shared(ctx, lambda: unit_rows(ctx.view))
if units.empty:
    empty_note("no unit has a lead or assist role under these filters.")
    st.stop()

filters = ctx.spec.describe()
if grouping == "activity":
    columns = derived_shared(ctx, lambda: activity_roles(ctx.view))
    figure = derived_figure(
        ctx,
        lambda: activity_matrix(
            responsibility_matrix(ctx.view), responsibility_cells(ctx.view), columns, units
        ),
    )
    event = show_chart(
        figure,
        key=CHART_KEY,
        filename=png_filename("matrix", "lead-assist-by-activity", filters),
        caption_text=caption(
            ctx,
            "Units (rows, by Sector) against activities (columns, in plan order, by pillar): "
            "L lead, A assist; an empty column is an activity with no unit named",
        ),
        selectable=True,
    )
    picked = first_point(event)
    if picked:
        activity_id, unit = picked[0], picked[1]
        roles = roles_of(ctx.view, unit=unit)
        roles = roles[roles["activity_id"] == activity_id]
        show_roles_and_source(ctx, roles, f"Selected cell: {unit} in {activity_id}")
    else:
        st.caption("Select a cell, or a row of the table below, to read the plan's own words.")

    st.header("The same, as a table: one row per activity")
    st.caption(f"Select a row to read the activity's text in the plan. {ROW_KEYS}")
    rows = selectable_table(
        columns,
        key=TABLE_KEY,
        column_config=ROLE_TABLE_COLUMNS,
        alt="Lead and assisting units of each activity",
    )
    if rows:
        source_panel(activities_by_id(ctx.view.activities, columns["activity_id"].iloc[rows]))
else:
    by = cast(Literal["action_line", "pillar"], grouping)
    group_title = "action line" if by == "action_line" else "pillar"
    cells = derived_shared(ctx, lambda: group_cells(ctx.view, by), by)
    if cells.empty:
        empty_note(f"no role is tagged with a {group_title} under these filters.")
        st.stop()
    event = show_chart(
        derived_figure(
            ctx,
            lambda: group_matrix(cells, group_order(ctx.view, by), units, group_title),
            by,
        ),
        key=f"{CHART_KEY}_{grouping}",
        filename=png_filename("matrix", f"lead-assist-by-{group_title}", filters),
        caption_text=caption(
            ctx,
            f"Roles per unit and {group_title}: '2L 1A' is 2 leads and 1 assist"
            + (
                "; an activity tagged with two action lines counts in both"
                if by == "action_line"
                else ""
            ),
        ),
        selectable=True,
    )
    picked = first_point(event)
    cell = choice_box(
        "Show the activities of",
        list(zip(cells["unit"].astype(str), cells["group"].astype(str), strict=True)),
        key=f"{CELL_CHOICE_KEY}_{grouping}",
        chart_choice=(picked[0], picked[1]) if picked else None,
        format_func=lambda cell: f"{cell[0]} in {cell[1]}",
    )
    if cell:
        unit, group = cell
        show_roles_and_source(
            ctx,
            group_roles(ctx.view, by, unit, group),
            f"Selected cell: {unit} in {group}",
        )
    else:
        st.caption(
            "Select a cell, or choose one above, to list its activities and read the plan's "
            "own words."
        )

    st.header(f"The same, as a table: one row per unit and {group_title}")
    st.dataframe(
        cells[["unit", "group", "lead", "assist", "activity_ids"]],
        hide_index=True,
        width="stretch",
        column_config={
            "unit": st.column_config.TextColumn("Unit"),
            "group": st.column_config.TextColumn(group_title.capitalize()),
            "lead": st.column_config.NumberColumn("Leads"),
            "assist": st.column_config.NumberColumn("Assists"),
            "activity_ids": st.column_config.TextColumn("Activities", width="large"),
        },
        alt=f"Leads and assists per unit and {group_title}, with the activities behind them",
    )
