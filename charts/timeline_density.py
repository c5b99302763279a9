"""Events per month: the timeline of a plan with too many events to draw one by one, as one
heatmap of events per lane and month, with the as-of line."""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from charts.contrast import legible
from charts.palette import FONT_FAMILY, plain
from charts.timeline import RANGE_PADDING, ROW_HEIGHT_PX, Trace, as_of_marker

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
    """Events per lane and month (analysis.measures.timeline.events_per_month) as one heatmap,
    lanes top to bottom in plan order, darker for more events, with the as-of line.

    A heatmap is drawn as one image, however many cells. Streamlit cannot select a heatmap cell,
    so an invisible scatter with a point at the middle of each cell carries the hover and the
    selection: customdata [lane_index, month as 'YYYY-MM-DD']. The selected cell is outlined."""
    cells = counts.reset_index(drop=True)
    middles = _month_middles(cells["month"])
    lanes = [plain(lane) for lane in cells["lane"].tolist()]
    lane_order = list(dict.fromkeys(lanes))
    as_of_rule, as_of_note = as_of_marker(as_of)
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
        "shapes": [as_of_rule],
        "annotations": [as_of_note],
    }
    traces = [
        _count_cells(cells, middles, lanes, lane_order),
        _cell_picks(cells, middles, lanes),
    ]
    return legible(go.Figure(data=traces, layout=layout))


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
    """Counts in words, so status reads without colour: '3 events: 2 held, 1 planned' (and
    'n unconfirmed' where there are any)."""
    months = cells["month"].dt.strftime("%B %Y").tolist()
    texts = [
        f"<b>{lane}</b><br>{month}: {_events(total)}<br>{held} held, {planned} planned"
        + (f", {unconfirmed} unconfirmed" if unconfirmed else "")
        + (
            f"<br>{approximate} dated only to the month or year, counted in its first month"
            if approximate
            else ""
        )
        for lane, month, total, held, planned, unconfirmed, approximate in zip(
            lanes,
            months,
            cells["events"].tolist(),
            cells["held"].tolist(),
            cells["planned"].tolist(),
            cells["unconfirmed"].tolist(),
            cells["approximate"].tolist(),
            strict=True,
        )
    ]
    return np.array(texts, dtype=object)


def _events(count: int) -> str:
    return f"{count} event" if count == 1 else f"{count} events"
