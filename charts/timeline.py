"""The meeting timeline: every dated event of the plan in lanes, with the as-of line.

Status reads without colour too: held events are solid (filled bars, filled circles), planned
ones hatched bars and open diamonds. Dates known only to the month or year are faint bars
spanning the whole period, labelled with '≈'.

Past MAX_EVENTS_DRAWN events, timeline_density_figure counts them per lane and month instead."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from charts.palette import FONT_FAMILY, STATUS_COLOURS, plain

GUIDE_COLOUR = "#888888"  # mid grey: visible on light and dark backgrounds
LANE_RULE_COLOUR = "rgba(136,136,136,0.4)"  # the guide grey, faint
ROW_HEIGHT_PX = 24
# Margin around the plan's dates, so the first and last marks are not cut by the frame.
RANGE_PADDING = timedelta(days=12)
HOVER = (
    "<b>%{customdata[1]}</b><br>%{customdata[2]}<br>"
    "Activity %{customdata[3]}: %{customdata[4]}<br>"
    "Location: %{customdata[5]}<br>Date: %{customdata[6]}<extra>%{customdata[7]}</extra>"
)

MAX_BAR_LABELS = 300


def wrap(text: str, width: int = 70) -> str:
    """Plan text for a hover box: escaped, then broken into lines plotly shows as typed."""
    return "<br>".join(textwrap.wrap(plain(text), width)) or "(none)"


def timeline_figure(lanes: pd.DataFrame, as_of: date, *, lane_title: str) -> go.Figure:
    """Events (timeline_frame + tables.timeline_lanes columns) on a date axis, one trace per
    kind of mark so the legend explains them. customdata[0] is the event's row number in
    `lanes`, for selections.

    Traces, shapes and annotations are gathered as plain dicts and handed to plotly once: each
    add_hline or add_trace re-validates what is already there, which at thousands of lanes
    takes minutes."""
    events = lanes.reset_index(drop=True)
    custom = _custom(events)
    traces: list[Trace] = []
    for status in ("held", "planned"):
        is_status = (events["status"] == status).to_numpy()
        approximate = events["approximate"].to_numpy(dtype=bool)
        ranges = (events["shape"] == "range").to_numpy()
        traces += _bars(events, custom, is_status & ~approximate & ranges)
        traces += _bars(events, custom, is_status & approximate, approximate=True)
        traces += _marks(events, custom, is_status & (events["shape"] == "day").to_numpy())
    first = events["start"].min() - RANGE_PADDING
    last = max(events["draw_end"].max(), pd.Timestamp(as_of)) + RANGE_PADDING
    rows = int(events["y"].max()) + 1 if not events.empty else 1
    yaxis = _lanes(events, lane_title)
    as_of_line, as_of_note = _as_of_line(as_of)
    layout: dict[str, Any] = {
        "title": {"text": "When the plan's meetings and publications happen", "x": 0},
        "font": {"family": FONT_FAMILY},
        "height": max(400, 240 + rows * ROW_HEIGHT_PX),
        "barmode": "overlay",
        # Under the axis, so it never runs into the title or the as-of label.
        "legend": {
            "orientation": "h",
            "yref": "container",
            "yanchor": "bottom",
            "y": 0.005,
            "x": 0,
            "title": None,
        },
        "margin": {"l": 10, "r": 20, "t": 80, "b": 120},
        "uniformtext": {"mode": "hide", "minsize": 9},
        "hoverlabel": {"align": "left"},
        "xaxis": {
            "type": "date",
            "title": {"text": "Date (2005–2006)"},
            "range": [first, last],
            "dtick": "M1",
            "tickformat": "%b<br>%Y",
            "showgrid": True,
        },
        "shapes": [as_of_line],
        "annotations": [as_of_note],
    }
    if yaxis:
        layout["yaxis"] = yaxis
    return go.Figure(data=traces, layout=layout)


# Traces and layout parts are plain dicts holding numpy arrays: plotly validates each array
# once, as a whole, instead of element by element.
Trace = dict[str, Any]


def _once_each(values: list[str], render: Callable[[str], str]) -> list[str]:
    # Plans repeat sentences (the same meeting under several activities): wrap each text once.
    rendered = {value: render(value) for value in set(values)}
    return [rendered[value] for value in values]


def _custom(events: pd.DataFrame) -> np.ndarray:
    """One row per event: [row number, date heading, sentence, activity id, title, location,
    dates, status], built column by column."""
    custom = np.empty((len(events), 8), dtype=object)
    if events.empty:
        return custom
    custom[:, 0] = list(range(len(events)))  # a RangeIndex label: the row in `lanes`
    custom[:, 1] = _date_headings(events)
    custom[:, 2] = _once_each(events["label"].tolist(), wrap)
    custom[:, 3] = [plain(activity_id) for activity_id in events["activity_id"].tolist()]
    custom[:, 4] = _once_each(events["title"].astype("str").tolist(), lambda t: wrap(t, 60))
    custom[:, 5] = [plain(place) or "not given" for place in events["location"].tolist()]
    start, end = _days(events["start"]), _days(events["end"])
    same = (events["start"] == events["end"]).tolist()
    custom[:, 6] = [
        first if one_day else f"{first} to {last}"
        for first, last, one_day in zip(start, end, same, strict=True)
    ]
    custom[:, 7] = events["status"].tolist()
    return custom


def _date_headings(events: pd.DataFrame) -> list[str]:
    return [
        f"≈ {plain(text)} (the plan gives only the {precision})" if approximate else plain(text)
        for text, approximate, precision in zip(
            events["date_text"].tolist(),
            events["approximate"].tolist(),
            events["precision"].tolist(),
            strict=True,
        )
    ]


def _days(stamps: pd.Series) -> list[str]:
    """'30 Oct 2006' for each timestamp (day without a leading zero)."""
    days: list[str] = (stamps.dt.day.astype("str") + " " + stamps.dt.strftime("%b %Y")).tolist()
    return days


def _bars(
    events: pd.DataFrame, custom: np.ndarray, chosen: np.ndarray, *, approximate: bool = False
) -> list[Trace]:
    if not chosen.any():
        return []
    events = events[chosen]
    status = str(events["status"].iloc[0])
    colour = STATUS_COLOURS[status]
    planned = status == "planned"
    name = f"{status.capitalize()}: " + (
        "month or year only (≈, spans the period)" if approximate else "several days"
    )
    durations = (events["draw_end"] - events["start"]).dt.total_seconds() * 1000
    return [
        {
            "type": "bar",
            "name": name,
            "legendgroup": name,
            "orientation": "h",
            "base": events["start"].dt.strftime("%Y-%m-%d").to_numpy(dtype=object),
            "x": durations.to_numpy(),
            "y": events["y"].to_numpy(),
            "width": 0.72,
            "marker": {
                # A faint fill with a full-strength edge: adjacent months stay separate bars.
                "color": _translucent(colour, 0.3) if approximate else colour,
                "line": {"color": colour, "width": 1.5},
                "pattern": {"shape": "/", "fillmode": "replace", "solidity": 0.45}
                if planned
                else {"shape": ""},
            },
            # Labels inside bars are measured one by one by the browser: past a few hundred they
            # cost seconds to draw, and the hover still says "≈".
            "text": np.array([f"≈ {plain(text)}" for text in events["date_text"]], dtype=object)
            if approximate and len(events) <= MAX_BAR_LABELS
            else None,
            "textposition": "inside",
            "insidetextanchor": "start",
            # The status colour, not black or white: it reads on light and dark backgrounds.
            "textfont": {"size": 11, "color": colour},
            "customdata": custom[chosen],
            "hovertemplate": HOVER,
        }
    ]


def _translucent(hex_colour: str, alpha: float) -> str:
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"


def _marks(events: pd.DataFrame, custom: np.ndarray, chosen: np.ndarray) -> list[Trace]:
    if not chosen.any():
        return []
    events = events[chosen]
    status = str(events["status"].iloc[0])
    planned = status == "planned"
    name = f"{status.capitalize()}: single day"
    return [
        {
            "type": "scatter",
            "name": name,
            "legendgroup": name,
            "mode": "markers",
            # Midday, so the mark sits in the middle of its day.
            "x": (events["start"] + pd.Timedelta(hours=12))
            .dt.strftime("%Y-%m-%dT%H:%M:%S")
            .to_numpy(dtype=object),
            "y": events["y"].to_numpy(),
            "marker": {
                "symbol": "diamond-open" if planned else "circle",
                "size": 12,
                "color": STATUS_COLOURS[status],
                "line": {"width": 2.5 if planned else 1, "color": STATUS_COLOURS[status]},
            },
            "customdata": custom[chosen],
            "hovertemplate": HOVER,
        }
    ]


def _lanes(events: pd.DataFrame, lane_title: str) -> dict[str, Any]:
    """The y axis: lane names at the middle of each lane's rows, and a rule between lanes."""
    if events.empty:
        return {}
    spans = events.groupby("lane_index").agg(lane=("lane", "first"), top=("y", "min"))
    spans["bottom"] = events.groupby("lane_index")["y"].max()
    return {
        "title": {"text": lane_title},
        "tickmode": "array",
        "tickvals": ((spans["top"] + spans["bottom"]) / 2).to_numpy(),
        # Two-line names only where the lane has the height for them.
        "ticktext": [
            "<br>".join(textwrap.wrap(plain(lane), 26)) if bottom > top else plain(lane)
            for lane, top, bottom in zip(
                spans["lane"].tolist(), spans["top"].tolist(), spans["bottom"].tolist(), strict=True
            )
        ],
        "range": [int(events["y"].max()) + 0.7, -0.7],
        "showgrid": False,
        "zeroline": False,
        "automargin": True,
        # The rules between lanes as minor grid lines: one array, where a shape per lane costs
        # plotly a validated object each (seconds at thousands of lanes).
        "minor": {
            "tickmode": "array",
            "tickvals": spans["bottom"].iloc[:-1].to_numpy(dtype="float64") + 0.5,
            "showgrid": True,
            "gridcolor": LANE_RULE_COLOUR,
            "gridwidth": 1,
            "ticks": "",
        },
    }


def _as_of_line(as_of: date) -> tuple[dict[str, Any], dict[str, Any]]:
    """The dashed as-of line and its label: (shape, annotation)."""
    moment = pd.Timestamp(as_of).isoformat()
    line = {
        "type": "line",
        "x0": moment,
        "x1": moment,
        "yref": "paper",
        "y0": 0,
        "y1": 1,
        "line": {"color": GUIDE_COLOUR, "width": 2, "dash": "dash"},
    }
    note = {
        "x": moment,
        "yref": "paper",
        "y": 1,
        "yanchor": "bottom",
        "text": f"as of {as_of_label(as_of)}",
        "showarrow": False,
        "font": {"size": 12},
        "bgcolor": "rgba(136,136,136,0.25)",
    }
    return line, note


def as_of_label(as_of: date) -> str:
    """'13 Sep 2006', as the line on the chart says it."""
    return f"{as_of.day} {as_of:%b %Y}"


# --- events per month: the timeline of a plan with too many events to draw one by one ---------

# Past this many events the chart counts them per month instead: thousands of SVG bars and marks
# take the browser seconds to draw, and nobody can read them anyway.
MAX_EVENTS_DRAWN = 1000
MAX_DENSITY_HEIGHT_PX = 1600
# Plotly's "Blues" without its three palest steps: one hue, darker for more events, so it reads
# without colour vision, and its lightest step still shows on white and on the dark theme.
COUNT_COLOURS = [
    "rgb(158,202,225)",
    "rgb(107,174,214)",
    "rgb(66,146,198)",
    "rgb(33,113,181)",
    "rgb(8,81,156)",
    "rgb(8,48,107)",
]
SELECTED_CELL_COLOUR = "#E69F00"  # Okabe-Ito orange: stands out on every blue of the scale
# Past this many lanes a lane is a few pixels high or less: a gap would hide it.
MAX_LANES_WITH_GAPS = 200


def too_many_to_draw(event_count: int) -> bool:
    """Whether the timeline counts events per month rather than drawing each one."""
    return event_count > MAX_EVENTS_DRAWN


def density_height(lane_count: int) -> int:
    """Figure height for so many lanes: a row per lane, capped so thousands of lanes fit."""
    return max(400, min(240 + lane_count * ROW_HEIGHT_PX, MAX_DENSITY_HEIGHT_PX))


def timeline_density_figure(counts: pd.DataFrame, as_of: date, *, lane_title: str) -> go.Figure:
    """Events per lane and month (analysis.timeline.events_per_month) as one heatmap, lanes top
    to bottom in plan order, darker for more events, with the as-of line.

    A heatmap is drawn as one image, however many cells. Streamlit cannot select a heatmap cell,
    so an invisible scatter with a point at the middle of each cell carries the hover and the
    selection: customdata [lane_index, month as 'YYYY-MM-DD']. The selected cell is outlined."""
    cells = counts.reset_index(drop=True)
    middles = _month_middles(cells["month"])
    lanes = [plain(lane) for lane in cells["lane"].tolist()]
    lane_order = list(dict.fromkeys(lanes))
    as_of_line, as_of_note = _as_of_line(as_of)
    layout: dict[str, Any] = {
        "title": {
            "text": "Events per month: when the plan's meetings and publications happen",
            "x": 0,
        },
        "font": {"family": FONT_FAMILY},
        "height": density_height(len(lane_order)),
        "showlegend": False,
        "margin": {"l": 10, "r": 20, "t": 80, "b": 60},
        "hoverlabel": {"align": "left"},
        "xaxis": _month_axis(cells["month"], as_of),
        "yaxis": {
            "title": {"text": lane_title},
            "type": "category",
            "categoryorder": "array",
            "categoryarray": lane_order,
            "range": [len(lane_order) - 0.5, -0.5],
            "showgrid": False,
            "automargin": True,
        },
        "shapes": [as_of_line],
        "annotations": [as_of_note],
    }
    traces = [
        _count_cells(cells, middles, lanes, lane_order),
        _cell_picks(cells, middles, lanes),
    ]
    return go.Figure(data=traces, layout=layout)


def _month_middles(months: pd.Series) -> pd.Series:
    # A heatmap cell spans halfway to its neighbours: centred mid-month, it covers the month.
    middles: pd.Series = months + pd.to_timedelta(months.dt.days_in_month * 12, unit="h")
    return middles


def _iso(stamps: pd.Series) -> np.ndarray:
    iso: np.ndarray = stamps.dt.strftime("%Y-%m-%dT%H:%M:%S").to_numpy(dtype=object)
    return iso


def _month_axis(months: pd.Series, as_of: date) -> dict[str, Any]:
    axis: dict[str, Any] = {
        "type": "date",
        "title": {"text": "Month the event starts"},
        "tickformat": "%b<br>%Y",
        "showgrid": False,
    }
    if not months.empty:
        last_month_end = months.max() + pd.offsets.MonthBegin(1)
        axis["range"] = [
            months.min() - RANGE_PADDING,
            max(last_month_end, pd.Timestamp(as_of)) + RANGE_PADDING,
        ]
    return axis


def _count_cells(
    cells: pd.DataFrame, middles: pd.Series, lanes: list[str], lane_order: list[str]
) -> Trace:
    """The heatmap. Every month of the range gets a blank cell in the first lane, so a month
    with no event anywhere keeps its width instead of widening its neighbours' cells."""
    blank_months = _months_without_events(cells["month"])
    filler_lanes = lane_order[:1] * len(blank_months)
    return {
        "type": "heatmap",
        "x": np.concatenate([_iso(middles), _iso(_month_middles(blank_months))]),
        "y": np.array(lanes + filler_lanes, dtype=object),
        "z": np.concatenate(
            [cells["events"].to_numpy(dtype="float64"), np.full(len(blank_months), np.nan)]
        ),
        "zmin": 0,
        "colorscale": [
            [step / (len(COUNT_COLOURS) - 1), colour] for step, colour in enumerate(COUNT_COLOURS)
        ],
        "colorbar": {"title": {"text": "Events"}, "thickness": 14},
        "ygap": 1 if len(lane_order) <= MAX_LANES_WITH_GAPS else 0,
        "hoverinfo": "skip",
        "hoverongaps": False,
    }


def _months_without_events(months: pd.Series) -> pd.Series:
    if months.empty:
        return months
    every_month = pd.Series(pd.date_range(months.min(), months.max(), freq="MS"))
    return every_month[~every_month.isin(set(months))].astype(months.dtype)


def _cell_picks(cells: pd.DataFrame, middles: pd.Series, lanes: list[str]) -> Trace:
    custom = np.empty((len(cells), 2), dtype=object)
    custom[:, 0] = cells["lane_index"].tolist()
    custom[:, 1] = cells["month"].dt.strftime("%Y-%m-%d").tolist()
    return {
        "type": "scatter",
        "name": "Events per month",
        "mode": "markers",
        "x": _iso(middles),
        "y": np.array(lanes, dtype=object),
        "marker": {
            "symbol": "square-open",
            "size": 14,
            "color": SELECTED_CELL_COLOUR,
            "line": {"width": 3},
            "opacity": 0,
        },
        "selected": {"marker": {"opacity": 1}},
        "unselected": {"marker": {"opacity": 0}},
        "customdata": custom,
        "hovertext": _cell_hovers(cells, lanes),
        "hovertemplate": "%{hovertext}<extra></extra>",
    }


def _cell_hovers(cells: pd.DataFrame, lanes: list[str]) -> np.ndarray:
    """Counts in words, so status reads without colour: '3 events: 2 held, 1 planned'."""
    months = cells["month"].dt.strftime("%B %Y").tolist()
    texts = [
        f"<b>{lane}</b><br>{month}: {_events(total)}<br>{held} held, {planned} planned"
        + (
            f"<br>{approximate} dated only to the month or year, counted in its first month"
            if approximate
            else ""
        )
        for lane, month, total, held, planned, approximate in zip(
            lanes,
            months,
            cells["events"].tolist(),
            cells["held"].tolist(),
            cells["planned"].tolist(),
            cells["approximate"].tolist(),
            strict=True,
        )
    ]
    return np.array(texts, dtype=object)


def _events(count: int) -> str:
    return f"{count} event" if count == 1 else f"{count} events"
