"""The pack's slides and sections, each a chart drawn by the dashboard's chart builders or a table
where a table reads better in a room (the matrix, what comes next), with its caption (filters and
weights in force) and its one-sentence finding (analysis.measures.findings)."""

from __future__ import annotations

from datetime import date

import networkx as nx
import pandas as pd
import plotly.graph_objects as go

from analysis.changes.compare import balance_comparison, sector_comparison
from analysis.filters import apply_filters
from analysis.measures.audit import needs_decision
from analysis.measures.balance_words import (
    GENERAL_SECRETARIAT,
    names_text,
    sectors_in_scope,
    share_change,
)
from analysis.measures.findings import (
    lead_finding,
    network_finding,
    sector_finding,
    workload_finding,
)
from analysis.measures.matrix import group_cells, group_order, unit_rows
from analysis.measures.meetings import meetings
from analysis.measures.metrics import Balance, workload_by_sector, workload_by_unit
from analysis.measures.network import centrality, collaboration_graph, two_sides_layout
from analysis.measures.timeline import events_per_month, timeline_frame, timeline_lanes
from analysis.model import Plan
from briefing.content import ChartEntry, PackRequest, PackTable, caption, weights_text
from charts.comparison import comparison_chart
from charts.held_months import held_months_chart
from charts.network import network_figure
from charts.workload import weighted_chart

NOTHING_MATCHES = "Nothing matches these filters: {what}. Widen the filters to see more."
DECIDE_ROWS = 8  # the points to decide on the one slide the audit has
NEXT_ROWS = 6  # what comes next lists at most this many events
# The network's labels at 14 px bold average 7 px a character; the pad clears the node.
LABEL_CHAR_PX, LABEL_PAD_PX = 8, 30
KEY_WIDTH_PX = 290  # the colour key's widest entry, "ITU unit, General Secretariat", and swatch


def _untitled(figure: go.Figure) -> go.Figure:
    """The slide or section heading names the chart; a second title inside the image would
    repeat it (and at slide size can collide with the legend)."""
    return figure.update_layout(title={"text": "", "subtitle": {"text": ""}})


def matrix_table(view: Plan) -> PackTable:
    """Units by pillar, each cell '2 L · 3 A' (leads and assists), the unit's Sector or GS
    beside its code. A table, not a chart: the counts in large type and every name whole."""
    frame = group_cells(view, "pillar")
    cells = {
        (str(unit), str(group)): (int(lead), int(assist))
        for unit, group, lead, assist in zip(
            frame["unit"], frame["group"], frame["lead"], frame["assist"], strict=True
        )
    }
    pillars = group_order(view, "pillar")
    rows, shades = [], []
    for unit in unit_rows(view).itertuples(index=False):
        counts = [_roles_text(cells, str(unit.unit), pillar) for pillar in pillars]
        rows.append((_unit_words(str(unit.unit), str(unit.unit_name), str(unit.sector)),
                     *(c for c, _ in counts)))  # fmt: skip
        shades.append(("", *(shade for _, shade in counts)))
    return PackTable(
        headers=("Unit", *pillars),
        rows=tuple(rows),
        widths=(3.2, *([2.2] * len(pillars))),
        shades=tuple(shades),
    )


def _unit_words(unit: str, name: str, sector: str) -> str:
    """'BDT (ITU-D)', 'SPU (GS)'; the General Secretariat's own row by its name."""
    home = "GS" if sector == GENERAL_SECRETARIAT else sector
    return name if unit == home else f"{unit} ({home})"


def _roles_text(
    cells: dict[tuple[str, str], tuple[int, int]], unit: str, pillar: str
) -> tuple[str, str]:
    """('2 L · 3 A', 'lead'): the cell's words and shade; ('', '') where the unit has no role."""
    if (unit, pillar) not in cells:
        return "", ""
    lead, assist = cells[(unit, pillar)]
    parts = [f"{lead} L" if lead else "", f"{assist} A" if assist else ""]
    return " · ".join(part for part in parts if part), "lead" if lead else "assist"


def next_table(timeline: pd.DataFrame, plan: Plan) -> PackTable:
    """What comes next: the planned events still ahead, then those planned for a date now passed
    and not reported held; each with its activity and lead unit, exact dates first. Leads come
    from the whole plan, so a unit filter does not hide them."""
    ahead = meetings(timeline, plan.assignments, ("planned",), exact_first=True)
    passed = meetings(timeline, plan.assignments, ("unconfirmed",), exact_first=True)
    rows = [_next_row(row, "") for row in ahead.head(NEXT_ROWS).itertuples(index=False)]
    room = max(0, NEXT_ROWS - len(rows))
    rows += [
        _next_row(row, " (passed, not reported held)")
        for row in passed.head(room).itertuples(index=False)
    ]
    return PackTable(
        headers=("When", "What (the plan's words)", "Activity", "Lead unit", "Where"),
        rows=tuple(rows),
        widths=(2.2, 4.1, 3.1, 1.4, 1.5),
    )


def _next_row(row: tuple[object, ...], note: str) -> tuple[str, ...]:
    """A row of analysis.measures.meetings.MEETING_COLUMNS as the table's five cells."""
    when, what, where, activity, lead = (str(value) for value in row[:5])
    return f"{when}{note}", what, activity, lead, where


def next_finding(timeline: pd.DataFrame, as_of: date) -> str:
    """'3 events are planned after 13 September 2006, the plan's as-of date; 2 more were planned
    for a date now passed and not reported held.'"""
    ahead = int((timeline["status"] == "planned").sum())
    passed = int((timeline["status"] == "unconfirmed").sum())
    when = f"{as_of:%d %B %Y}".lstrip("0")
    noun = "event is" if ahead == 1 else "events are"
    sentence = f"{ahead} {noun} planned after {when}, the plan's as-of date"
    if not passed:
        return sentence + "."
    more = "1 more was" if passed == 1 else f"{passed} more were"
    return f"{sentence}; {more} planned for a date now passed and not reported held."


def held_finding(timeline: pd.DataFrame) -> str:
    """'40 of 46 dated events were held; the busiest month was May 2006, with 16.'"""
    held = timeline[timeline["status"] == "held"]
    if held.empty:
        return f"None of the {len(timeline)} dated events is reported held yet."
    months = held["start"].dt.to_period("M").value_counts().sort_index(kind="stable")
    busiest = months.idxmax()
    return (
        f"{len(held)} of {len(timeline)} dated events were held; the busiest month was "
        f"{busiest.strftime('%B %Y')}, with {int(months.max())}."
    )


def _network(graph: nx.Graph, nodes: pd.DataFrame) -> go.Figure:
    """The network on two sides (analysis.measures.network.two_sides_layout), with margins that
    hold the longest label of each side whole and the colour key right of the organisations'."""
    figure = network_figure(graph, two_sides_layout(graph, nodes), nodes, size_by="degree")
    longest = {
        kind: max((len(str(label)) for label in nodes.loc[nodes["kind"] == kind, "label"]),
                  default=0)
        for kind in ("unit", "organisation")
    }  # fmt: skip
    # The link-width key and the node-size note (annotations under the plot) give way to the
    # caption's words; the colour key stands right of the organisations' labels.
    figure.layout.annotations = ()
    figure.update_traces(cliponaxis=False, selector={"type": "scatter"})  # outer nodes whole
    figure.update_layout(
        margin={"l": LABEL_PAD_PX + longest["unit"] * LABEL_CHAR_PX,
                "r": LABEL_PAD_PX + longest["organisation"] * LABEL_CHAR_PX + KEY_WIDTH_PX,
                "b": 10, "t": 10},
        legend={"x": 1, "xref": "container", "xanchor": "right", "y": 0.5, "yanchor": "middle",
                "title": None},
        yaxis={"scaleanchor": None, "range": [-1.08, 1.08]},
        xaxis={"range": [-1.12, 1.12]},
    )  # fmt: skip
    return figure


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
    table: PackTable | None = None,
) -> ChartEntry:
    return ChartEntry(
        key=key,
        title=title,
        figure=_untitled(figure) if figure is not None else None,
        finding=finding,
        caption=caption(what, request, as_of=as_of),
        empty_note=NOTHING_MATCHES.format(what=empty),
        table=table,
    )


def _before_after_finding(before: Balance, after: Balance) -> str:
    """'Largest share after the edits, the General Secretariat: 46% → 43% (-3 pts); largest unit
    share, BDT: 29% → 33% (+4 pts).'"""
    shares, points = share_change(before.largest_sector_share, after.largest_sector_share)
    unit_shares, unit_points = share_change(before.largest_unit_share, after.largest_unit_share)
    return (
        f"Largest share after the edits, {names_text(after.largest_sectors, 'sector')}: "
        f"{shares} ({points}); largest unit share, {names_text(after.largest_units, 'unit')}: "
        f"{unit_shares} ({unit_points})."
    )


def before_after_entry(request: PackRequest, view: Plan) -> ChartEntry:
    """A what-if pack's first slide: the weighted load of the Sectors and the General
    Secretariat before the edits and after them, under the same filters and weights."""
    assert request.before is not None
    before = apply_filters(request.before, request.spec)
    frame = sector_comparison(before, view, request.weights, spec=request.spec)
    change = balance_comparison(before, view, request.weights, spec=request.spec)
    names = request.before_after_names()
    return _entry(
        request,
        "before-after",
        "What-if: before and after",
        comparison_chart(frame, "sector", labels=names, weights=request.weights)
        if float(frame["weighted_load_before"].sum() + frame["weighted_load_after"].sum()) > 0
        else None,
        _before_after_finding(change.before, change.after),
        f"The weighted load ({weights_text(request.weights)}) of each Sector and the General "
        f"Secretariat in {names[0]}, before the what-if's edits (light, hatched, B), and in "
        f"{names[1]}, after them (solid, A)",
        empty="no unit has a role in the activities these filters keep",
    )


def chart_entries(request: PackRequest, view: Plan) -> list[ChartEntry]:
    """Sectors and the General Secretariat, unit workload, responsibility matrix, what was held,
    what comes next and the network, in that order, for the view (the plan under request.spec)."""
    weights, as_of = request.weights, request.plan.as_of
    by_unit = workload_by_unit(view, weights)
    by_sector = sectors_in_scope(workload_by_sector(view, weights), request.spec)
    has_load = not by_unit.empty and float(by_unit["weighted_load"].sum()) > 0
    timeline = timeline_frame(view.events, view.activities, as_of)
    held = timeline[timeline["status"] == "held"]
    graph = collaboration_graph(view)
    nodes = centrality(graph)
    weighed = f"weighted load ({weights_text(weights)})"
    return [
        _entry(
            request,
            "sectors",
            "Sectors and the General Secretariat",
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
            f"The {weighed} of each ITU unit, coloured by Sector or the General Secretariat; "
            "dashed line: even share",
            empty="no unit has a role in the activities these filters keep",
        ),
        _entry(
            request,
            "matrix",
            "Responsibility matrix",
            None,
            lead_finding(view.assignments, view.activities),
            "Leads (L) and assists (A) of each unit in each pillar: '2 L · 1 A' is 2 leads and "
            "1 assist; dark cells hold a lead, light cells assists only",
            empty="no unit leads or assists an activity these filters keep",
            table=matrix_table(view) if not view.assignments.empty else None,
        ),
        _entry(
            request,
            "held",
            "What was held",
            held_months_chart(events_per_month(timeline_lanes(timeline, view.activities, "pillar")))
            if not held.empty
            else None,
            held_finding(timeline) if not timeline.empty else "No dated event in the view.",
            "Dated events the plan's comments report held, per month of their start and by "
            "pillar; the month's total above its bar",
            as_of=True,
            empty="no event held in the activities these filters keep",
        ),
        _entry(
            request,
            "next",
            "What comes next",
            None,
            next_finding(timeline, as_of) if not timeline.empty else "No dated event in the view.",
            "Upcoming meetings: the events the plan's comments plan after the as-of date, dated "
            "to the day first, then to the month or year; then those planned for a date now "
            "passed and not reported held; each with its activity and lead unit",
            as_of=True,
            empty="no event is planned in the activities these filters keep",
            table=next_table(timeline, request.plan)
            if (timeline["status"] != "held").any()
            else None,
        ),
        _entry(
            request,
            "network",
            "Who works with whom",
            _network(graph, nodes) if graph.number_of_edges() else None,
            network_finding(nodes),
            "ITU units (circles, left, by Sector or the General Secretariat) and partner "
            "organisations (squares, right), each side the most connected first, joined by the "
            "activities they share: the more shared, the wider the line; node size: the number "
            "of partners (degree)",
            empty="no two units or organisations share an activity these filters keep",
        ),
    ]


def decide_finding(to_fix: int, shown: int, to_know: int) -> str:
    """One line: '8 points need a decision; the 29 only to know are in the report's appendix.'"""
    if not to_fix:
        head = "Nothing in the audit needs a decision"
    else:
        head = f"{to_fix} point{'s need' if to_fix != 1 else ' needs'} a decision"
        if shown < to_fix:
            head += f" (the first {shown} here, all in the report)"
    if not to_know:
        return head + "."
    rest = "the 1 point" if to_know == 1 else f"the {to_know} points"
    verb = "is" if to_know == 1 else "are"
    return f"{head}; {rest} only to know {verb} in the report's appendix."


def decide_entry(request: PackRequest, findings: pd.DataFrame) -> ChartEntry:
    """The audit on one slide: the points to fix (at most DECIDE_ROWS, in plan order), each with
    what the plan says and what to decide; the points only to know go to the report's appendix."""
    to_fix = needs_decision(findings)
    shown = to_fix.head(DECIDE_ROWS)
    rows = tuple(
        (f"{row.activity_id} · {row.title}", str(row.detail), str(row.fix))
        for row in shown.itertuples(index=False)
    )
    finding = decide_finding(len(to_fix), len(shown), len(findings) - len(to_fix))
    return ChartEntry(
        key="decide",
        title="Points to decide",
        figure=None,
        finding=finding,
        caption=caption(
            "The audit's points that need a decision (to fix), in plan order; the points only "
            "to know are in the printable report's appendix",
            request,
            as_of=False,
        ),
        empty_note="Nothing in the audit needs a decision in the activities shown.",
        table=PackTable(
            headers=("Activity", "What the plan says", "To decide"),
            rows=rows,
            widths=(4.6, 3.6, 4.1),
        )
        if rows
        else None,
    )
