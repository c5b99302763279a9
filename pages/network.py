"""Network: which ITU units and partner organisations share activities, and who bridges them."""

from __future__ import annotations

import streamlit as st

from analysis.measures.activities import activities_by_id
from analysis.measures.network import (
    SizeBy,
    centrality,
    centrality_table,
    collaboration_graph,
    layout,
    shared_activities,
)
from charts.network import SIZE_WORDS, network_figure
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
    show_chart,
    source_panel,
)
from ui.state import publish_value, seed_value

CHART_KEY = "network_chart"
SIZE_KEY = "network_size"
NODE_KEY = "network_node"
SHARED_TABLE_KEY = "network_shared_table"
LAST_PICK_KEY = "_network_last_chart_pick"
SIZE_OPTIONS: tuple[SizeBy, ...] = ("degree", "betweenness")
EVERYONE = ""

ctx = get_context()
st.title("Who works with whom")
st.caption(
    "ITU units and partner organisations are linked when the plan gives them an activity in "
    "common; thicker links mean more shared activities. Click a unit or organisation (or choose "
    "it in 'Focus on', from the keyboard too) to see its neighbourhood and the activities it "
    "shares; the table at the bottom gives every one's figures."
)

graph = derived_shared(ctx, lambda: collaboration_graph(ctx.view))
if graph.number_of_nodes() == 0:
    empty_note("no unit or organisation takes part in the activities these filters keep.")
    st.stop()
figures = derived_shared(ctx, lambda: centrality(graph))
names = {node: f"{data['label']} · {data['name']}" for node, data in graph.nodes(data=True)}
node_options = [EVERYONE, *figures["node"]]

seed_value(SIZE_KEY, "size", "degree")
if st.session_state[SIZE_KEY] not in SIZE_OPTIONS:
    st.session_state[SIZE_KEY] = "degree"
seed_value(NODE_KEY, "node", EVERYONE)
# A click on the chart picks the node in the box below, so the box (and the URL) say what is
# in focus; a later change of the box wins until the chart is clicked again.
chart_pick = [
    point["customdata"][1]
    for point in selected_points(st.session_state.get(CHART_KEY))
    if point.get("customdata") and point["customdata"][0] == "node"
]
if chart_pick and chart_pick[0] != st.session_state.get(LAST_PICK_KEY):
    st.session_state[NODE_KEY] = chart_pick[0]
st.session_state[LAST_PICK_KEY] = chart_pick[0] if chart_pick else None
if st.session_state[NODE_KEY] not in node_options:
    st.session_state[NODE_KEY] = EVERYONE

size_column, node_column = st.columns([1, 1])
with size_column:
    size_by = st.radio(
        "Node size shows",
        SIZE_OPTIONS,
        key=SIZE_KEY,
        format_func=lambda option: SIZE_WORDS[option].capitalize(),
        horizontal=True,
        help="Degree: how many others it shares an activity with. Betweenness: how often it "
        "lies on the shortest path between two others (links with more shared activities "
        "count as shorter), i.e. how much it bridges otherwise separate groups.",
    )
with node_column:
    focus = st.selectbox(
        "Focus on",
        node_options,
        key=NODE_KEY,
        format_func=lambda node: names.get(node, "everyone (no focus)"),
    )
publish_value(SIZE_KEY, "size", "degree")
publish_value(NODE_KEY, "node", EVERYONE)

what = (
    f"{graph.number_of_nodes()} units and organisations, {graph.number_of_edges()} links; "
    f"node size: {SIZE_WORDS[size_by]}"
    + (f"; focus on {graph.nodes[focus]['label']}" if focus else "")
)
figure = derived_figure(
    ctx,
    lambda: network_figure(graph, layout(graph), figures, size_by=size_by, focus=focus or None),
    size_by,
    focus,
)
event = show_chart(
    figure,
    key=CHART_KEY,
    filename=png_filename(
        "network", size_by, graph.nodes[focus]["label"] if focus else "", ctx.spec.describe()
    ),
    caption_text=caption(ctx, what),
    selectable=True,
)

picked_links = [
    (point["customdata"][1], point["customdata"][2])
    for point in selected_points(event)
    if point.get("customdata") and point["customdata"][0] == "link"
]
for left, right in picked_links:
    if not graph.has_edge(left, right):
        continue
    link = graph[left][right]
    st.header(
        escape_markdown(
            f"{graph.nodes[left]['label']} and {graph.nodes[right]['label']}: "
            f"{link['weight']} shared activities"
        )
    )
    source_panel(activities_by_id(ctx.view.activities, link["activities"], order="given"))

if focus:
    label = graph.nodes[focus]["label"]
    shared = shared_activities(ctx.view, focus)
    st.header(escape_markdown(f"Activities {label} takes part in, and with whom"))
    st.caption(
        f"{len(shared)} activities. Select a row to read its text in the plan; "
        "'with' lists the other units and organisations in that activity. " + ROW_KEYS
    )
    rows = selectable_table(
        shared.rename(
            columns={
                "activity_id": "Activity",
                "title": "Title",
                "pillar": "Pillar",
                "with": "Shared with",
            }
        ),
        key=SHARED_TABLE_KEY,
        alt=f"Activities {label} takes part in, and with whom",
        column_order=["Title", "Activity", "Shared with", "Pillar"],
        column_config={
            "Title": st.column_config.TextColumn(width=260),
            "Activity": st.column_config.TextColumn(width=65),
            "Shared with": st.column_config.TextColumn(width=280),
            "Pillar": st.column_config.TextColumn(width=160),
        },
        row_height=WRAPPED_ROW_HEIGHT,
    )
    chosen = [str(shared["activity_id"].iloc[row]) for row in rows if row < len(shared)]
    if chosen:
        source_panel(activities_by_id(ctx.view.activities, chosen, order="given"))
    else:
        title = f"Source text of all {len(shared)} activities of {label}"
        with st.expander(escape_markdown(title)):
            source_panel(
                activities_by_id(ctx.view.activities, shared["activity_id"], order="given")
            )

st.header("How connected each one is")
st.caption(
    "Partners worked with: how many others it shares at least one activity with. Shared "
    "activities, summed over partners: the link widths added up. Bridging score: the share of "
    "shortest paths between two others that pass through it."
)
st.dataframe(
    centrality_table(figures),
    hide_index=True,
    width="stretch",
    # Short headings (the full wording on hover) so the figures fit beside the names.
    column_order=[
        "Unit or organisation",
        "Full name",
        "Sector or kind",
        "Activities taken part in",
        "Partners worked with",
        "Shared activities, summed over partners",
        "Bridging score (betweenness, 0 to 1)",
    ],
    column_config={
        "Unit or organisation": st.column_config.TextColumn("Name", width=95),
        "Full name": st.column_config.TextColumn(width=215),
        "Sector or kind": st.column_config.TextColumn(
            width=110, help="The Sector of an ITU unit, or the kind of organisation"
        ),
        "Activities taken part in": st.column_config.NumberColumn(
            "Activities", width=90, help="Activities taken part in"
        ),
        "Partners worked with": st.column_config.NumberColumn(
            "Partners", width=90, help="Partners worked with"
        ),
        "Shared activities, summed over partners": st.column_config.NumberColumn(
            "Shared", width=90, help="Shared activities, summed over partners"
        ),
        "Bridging score (betweenness, 0 to 1)": st.column_config.NumberColumn(
            "Bridging", format="%.2f", width=90, help="Bridging score (betweenness, 0 to 1)"
        ),
    },
    alt="How connected each unit and organisation is: partners, shared activities, bridging",
)
