"""The pack's charts, drawn by the same chart builders as the dashboard's pages, each with its
caption and its one-sentence finding (analysis.findings)."""

from __future__ import annotations

import plotly.graph_objects as go

from analysis.filters import FilterSpec
from analysis.findings import (
    lead_finding,
    network_finding,
    timeline_finding,
    workload_finding,
)
from analysis.matrix import responsibility_cells, responsibility_matrix, unit_rows
from analysis.metrics import LoadWeights, workload_by_unit
from analysis.model import Plan
from analysis.network import centrality, collaboration_graph, layout
from analysis.timeline import timeline_frame, timeline_lanes
from briefing.content import ChartEntry, caption, weights_text
from charts.matrix import activity_matrix
from charts.network import network_figure
from charts.timeline import timeline_figure
from charts.workload import weighted_chart

NOTHING_MATCHES = "Nothing matches these filters: {what}. Widen the filters to see more."


def _untitled(figure: go.Figure) -> go.Figure:
    """The slide or section heading names the chart; a second title inside the image would
    repeat it (and at slide size can collide with the legend)."""
    return figure.update_layout(title={"text": ""})


def _matrix_figure(view: Plan) -> go.Figure:
    columns = view.activities.sort_values("row")[["activity_id", "pillar"]]
    return activity_matrix(
        responsibility_matrix(view), responsibility_cells(view), columns, unit_rows(view)
    )


def _entry(
    key: str,
    title: str,
    figure: go.Figure | None,
    finding: str,
    what: str,
    context: tuple[Plan, FilterSpec, str],
    *,
    as_of: bool = False,
    empty: str,
) -> ChartEntry:
    plan_full, spec, label = context
    return ChartEntry(
        key=key,
        title=title,
        figure=_untitled(figure) if figure is not None else None,
        finding=finding,
        caption=caption(what, spec, plan_full, label, as_of=as_of),
        empty_note=NOTHING_MATCHES.format(what=empty),
    )


def chart_entries(
    plan_full: Plan, view: Plan, spec: FilterSpec, weights: LoadWeights, plan_label: str
) -> list[ChartEntry]:
    """Workload, responsibility matrix, timeline and network, in that order."""
    context = (plan_full, spec, plan_label)
    by_unit = workload_by_unit(view, weights)
    timeline = timeline_frame(view.events, view.activities, plan_full.as_of)
    graph = collaboration_graph(view)
    nodes = centrality(graph)
    return [
        _entry(
            "workload",
            "Workload by unit",
            weighted_chart(by_unit, "unit", weights) if not by_unit.empty else None,
            workload_finding(by_unit),
            f"Weighted load per ITU unit ({weights_text(weights)}), coloured by Sector",
            context,
            empty="no unit has a role in the activities these filters keep",
        ),
        _entry(
            "matrix",
            "Responsibility matrix",
            _matrix_figure(view) if not view.assignments.empty else None,
            lead_finding(view.assignments, view.activities),
            "Who leads (L) and who assists (A) each activity; units grouped by Sector, "
            "activities in plan order by pillar",
            context,
            empty="no unit leads or assists an activity these filters keep",
        ),
        _entry(
            "timeline",
            "Timeline of meetings and publications",
            timeline_figure(
                timeline_lanes(timeline, view.activities, "pillar"),
                plan_full.as_of,
                lane_title="Pillar",
            )
            if not timeline.empty
            else None,
            timeline_finding(timeline, plan_full.as_of),
            "Dated events in the plan's comments, by pillar; held solid, planned hatched, "
            "unconfirmed (planned, date passed, not reported held) cross-hatched",
            context,
            as_of=True,
            empty="no dated event in the activities these filters keep",
        ),
        _entry(
            "network",
            "Who works with whom",
            network_figure(graph, layout(graph), nodes, size_by="degree")
            if graph.number_of_edges()
            else None,
            network_finding(nodes),
            "ITU units (circles, by Sector) and partner organisations (squares) joined by the "
            "activities they share; node size is the number of partners (degree)",
            context,
            empty="no two units or organisations share an activity these filters keep",
        ),
    ]
