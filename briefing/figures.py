"""The pack's charts, drawn by the same chart builders as the dashboard's pages, each with its
caption (filters and weights in force) and its one-sentence finding (analysis.measures.findings)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go

from analysis.measures.balance_words import sectors_in_scope
from analysis.measures.findings import (
    lead_finding,
    network_finding,
    sector_finding,
    timeline_finding,
    workload_finding,
)
from analysis.measures.matrix import group_cells, group_order, unit_rows
from analysis.measures.metrics import workload_by_sector, workload_by_unit
from analysis.measures.network import centrality, collaboration_graph, layout
from analysis.measures.timeline import timeline_frame, timeline_lanes
from analysis.model import Plan
from briefing.content import ChartEntry, PackRequest, SideTable, caption, weights_text
from charts.matrix import group_matrix
from charts.network import network_figure
from charts.palette import plain
from charts.timeline import timeline_figure
from charts.workload import weighted_chart

NOTHING_MATCHES = "Nothing matches these filters: {what}. Widen the filters to see more."
# Matrix axis text for a page (hover) and for paper and slides (no pointer there).
SCREEN_MATRIX_AXIS = "hover for the title"
UPCOMING_ROWS = 6  # the table after the timeline lists at most this many upcoming events
MATRIX_CELL_PX = 22


def _untitled(figure: go.Figure) -> go.Figure:
    """The slide or section heading names the chart; a second title inside the image would
    repeat it (and at slide size can collide with the legend)."""
    return figure.update_layout(title={"text": "", "subtitle": {"text": ""}})


def _static_words(figure: go.Figure) -> go.Figure:
    """Axis titles written for a screen (hover …) reworded for paper and slides."""
    for axis in ("xaxis", "yaxis"):
        title = figure.layout[axis].title.text
        if title and SCREEN_MATRIX_AXIS in title:
            text = title.replace(f"; {SCREEN_MATRIX_AXIS}", "").replace(SCREEN_MATRIX_AXIS, "")
            figure.layout[axis].title.text = text
    return figure


def _matrix_figure(view: Plan) -> go.Figure:
    """Units by pillar with the count of leads and assists in each cell ('2L 1A'): legible on a
    slide, where one column per activity (the page's matrix) would need 6 pt text."""
    cells = group_cells(view, "pillar")
    pillars = group_order(view, "pillar")
    figure = group_matrix(cells, pillars, unit_rows(view), "pillar")
    # Cells sized for a slide's rows (the page draws them 46 px tall), pillar names on two lines.
    # Small squares keep the colour key; the counts sit beside them in dark text, since at
    # that size they no longer fit inside.
    figure.update_traces(
        marker_size=MATRIX_CELL_PX,
        textposition="middle right",
        textfont_color="#222222",
        selector={"type": "scatter"},
    )
    figure.update_xaxes(
        tickmode="array", tickvals=pillars, ticktext=[_two_lines(p) for p in pillars]
    )
    return _static_words(figure)


def _two_lines(text: str) -> str:
    words = text.split()
    if len(words) < 2:
        return plain(text)
    middle = (len(words) + 1) // 2
    return plain(" ".join(words[:middle])) + "<br>" + plain(" ".join(words[middle:]))


def upcoming(timeline: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """The planned events not over by the as-of date, soonest first."""
    still_ahead = timeline["draw_end"] > pd.Timestamp(as_of)
    return timeline[(timeline["status"] == "planned") & still_ahead].sort_values("start")


def upcoming_table(timeline: pd.DataFrame, as_of: date) -> SideTable:
    """The upcoming events (date as the plan writes it, the sentence, the place), soonest
    first."""
    planned = upcoming(timeline, as_of)
    rows = tuple(
        (str(event.date_text), str(event.label), str(event.location or "not stated"))
        for event in planned.head(UPCOMING_ROWS).itertuples()
    )
    more = len(planned) - len(rows)
    title = "Upcoming meetings" + (f" (first {len(rows)} of {len(planned)})" if more else "")
    when = f"{as_of:%d %B %Y}".lstrip("0")
    count = f"{len(planned)} event{'s' if len(planned) != 1 else ''}"
    return SideTable(
        title=title,
        finding=f"{count} planned in the plan's comments {'are' if len(planned) != 1 else 'is'} "
        f"still ahead of the as-of date, {when}.",
        headers=("Date", "Meeting (as the plan words it)", "Place"),
        rows=rows,
        empty_note="No meeting is planned after the as-of date in the activities shown.",
    )


def _entry(
    request: PackRequest,
    key: str,
    title: str,
    figure: go.Figure | None,
    finding: str,
    what: str,
    *,
    as_of: bool = False,
    empty: str,
    side_table: SideTable | None = None,
) -> ChartEntry:
    return ChartEntry(
        key=key,
        title=title,
        figure=_untitled(figure) if figure is not None else None,
        finding=finding,
        caption=caption(what, request, as_of=as_of),
        empty_note=NOTHING_MATCHES.format(what=empty),
        side_table=side_table,
    )


def chart_entries(request: PackRequest, view: Plan) -> list[ChartEntry]:
    """Sector balance, unit workload, responsibility matrix, timeline with the upcoming
    meetings and network, in that order, for the view (the plan under request.spec)."""
    weights, as_of = request.weights, request.plan.as_of
    by_unit = workload_by_unit(view, weights)
    by_sector = sectors_in_scope(workload_by_sector(view, weights), request.spec)
    has_load = not by_unit.empty and float(by_unit["weighted_load"].sum()) > 0
    timeline = timeline_frame(view.events, view.activities, as_of)
    graph = collaboration_graph(view)
    nodes = centrality(graph)
    weighed = f"weighted load ({weights_text(weights)})"
    return [
        _entry(
            request,
            "sectors",
            "Sector balance",
            weighted_chart(by_sector, "sector", weights) if has_load else None,
            sector_finding(by_sector),
            f"The {weighed} of each Sector and the General Secretariat; dashed line: even share",
            empty="no unit has a role in the activities these filters keep",
        ),
        _entry(
            request,
            "workload",
            "Workload by unit",
            weighted_chart(by_unit, "unit", weights) if has_load else None,
            workload_finding(by_unit),
            f"The {weighed} of each ITU unit, coloured by Sector; dashed line: even share",
            empty="no unit has a role in the activities these filters keep",
        ),
        _entry(
            request,
            "matrix",
            "Responsibility matrix",
            _matrix_figure(view) if not view.assignments.empty else None,
            lead_finding(view.assignments, view.activities),
            "Leads (L) and assists (A) of each unit in each pillar: '2L 1A' is 2 leads and 1 "
            "assist; units grouped by Sector",
            empty="no unit leads or assists an activity these filters keep",
        ),
        _entry(
            request,
            "timeline",
            "Timeline and upcoming meetings",
            timeline_figure(
                timeline_lanes(timeline, view.activities, "pillar"), as_of, lane_title="Pillar"
            )
            if not timeline.empty
            else None,
            timeline_finding(timeline, as_of),
            "Dated events in the plan's comments, by pillar; held solid, planned hatched, "
            "unconfirmed (planned, date passed, not reported held) cross-hatched; the events "
            "still to come labelled with their date and place or activity",
            as_of=True,
            empty="no dated event in the activities these filters keep",
            side_table=upcoming_table(timeline, as_of) if not timeline.empty else None,
        ),
        _entry(
            request,
            "network",
            "Who works with whom",
            network_figure(graph, layout(graph), nodes, size_by="degree")
            if graph.number_of_edges()
            else None,
            network_finding(nodes),
            "ITU units (circles, by Sector) and partner organisations (squares) joined by the "
            "activities they share; node size is the number of partners (degree)",
            empty="no two units or organisations share an activity these filters keep",
        ),
    ]
