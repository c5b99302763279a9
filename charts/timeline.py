"""The meeting timeline: every dated event of the plan in lanes, with the as-of line.

Status reads without colour too: held events are solid (filled bars, filled circles), planned
ones hatched bars and open diamonds, unconfirmed ones (planned for a date now passed) cross-hatched
bars and crossed diamonds. Dates known only to the month or year are faint bars
spanning the whole period, labelled with '≈'.

Past MAX_EVENTS_DRAWN events (charts.timeline_density), the page counts them per lane and month
instead."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis.model import EVENT_STATUSES
from charts.contrast import legible
from charts.palette import FONT_FAMILY, NEUTRAL_GREY, STATUS_COLOURS, plain
from charts.timeline_labels import event_labels

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
# A label a month while the axis spans two years; past that, every second, third, sixth or
# twelfth month, then whole years: a plan with one far-off date drew a label for each of
# hundreds of months, unreadable (and slow to lay out).
MOST_DATE_TICKS = 24
MONTH_STEPS = (1, 2, 3, 6, 12)
# Status without colour: a fill pattern for bars, a symbol for single days.
BAR_PATTERNS: dict[str, str] = {"held": "", "planned": "/", "unconfirmed": "x"}
DAY_SYMBOLS: dict[str, str] = {
    "held": "circle",
    "planned": "diamond-open",
    "unconfirmed": "diamond-x-open",
}


def wrap(text: str, width: int = 70) -> str:
    """Plan text for a hover box: escaped, then broken into lines plotly shows as typed."""
    return "<br>".join(textwrap.wrap(plain(text), width)) or "(none)"


def timeline_figure(lanes: pd.DataFrame, as_of: date, *, lane_title: str) -> go.Figure:
    """Events (timeline_frame + timeline_lanes columns) on a date axis, one trace per
    kind of mark so the legend explains them. customdata[0] is the event's row number in
    `lanes`, for selections.

    Traces, shapes and annotations are gathered as plain dicts and handed to plotly once: each
    add_hline or add_trace re-validates what is already there, which at thousands of lanes
    takes minutes."""
    events = lanes.reset_index(drop=True)
    custom = _custom(events)
    traces: list[Trace] = []
    for status in EVENT_STATUSES:
        is_status = (events["status"] == status).to_numpy()
        approximate = events["approximate"].to_numpy(dtype=bool)
        ranges = (events["shape"] == "range").to_numpy()
        traces += _bars(events, custom, is_status & ~approximate & ranges)
        traces += _bars(events, custom, is_status & approximate, approximate=True)
        traces += _marks(events, custom, is_status & (events["shape"] == "day").to_numpy())
    first = events["start"].min() - RANGE_PADDING
    last = max(events["draw_end"].max(), pd.Timestamp(as_of)) + RANGE_PADDING
    labels = event_labels(events, pd.Timestamp(as_of), (first, last)) if len(events) else []
    rows = int(events["y"].max()) + 1 if not events.empty else 1
    yaxis = _lanes(events, lane_title)
    as_of_rule, as_of_note = as_of_marker(as_of)
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
            "title": {"text": date_axis_title(events)},
            "range": [first, last],
            **month_ticks(first, last),
            "showgrid": True,
        },
        "shapes": [as_of_rule],
        "annotations": [as_of_note, *labels],
    }
    if yaxis:
        layout["yaxis"] = yaxis
    return legible(go.Figure(data=traces, layout=layout))


def month_ticks(first: pd.Timestamp, last: pd.Timestamp) -> dict[str, str]:
    """A date axis's tick step and label format from first to last: at most MOST_DATE_TICKS
    labels, each month a label while they fit; years alone once a step is a year or more."""
    months = max((last.year - first.year) * 12 + last.month - first.month + 1, 1)
    step = next((s for s in MONTH_STEPS if months / s <= MOST_DATE_TICKS), None)
    if step is None:
        step = 12 * -(-months // (12 * MOST_DATE_TICKS))
    return {"dtick": f"M{step}", "tickformat": "%Y" if step >= 12 else "%b<br>%Y"}


def date_axis_title(events: pd.DataFrame) -> str:
    """'Date (2005–2006)', 'Date (2006)': the years the events span, not a fixed range."""
    if events.empty:
        return "Date"
    first, last = int(events["start"].min().year), int(events["end"].max().year)
    return f"Date ({first})" if first == last else f"Date ({first}–{last})"


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
                "pattern": {"shape": BAR_PATTERNS[status], "fillmode": "replace", "solidity": 0.45}
                if BAR_PATTERNS[status]
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
    solid = status == "held"
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
                "symbol": DAY_SYMBOLS[status],
                "size": 12,
                "color": STATUS_COLOURS[status],
                "line": {"width": 1 if solid else 2.5, "color": STATUS_COLOURS[status]},
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


def as_of_marker(as_of: date) -> tuple[dict[str, Any], dict[str, Any]]:
    """The dashed as-of line and its label: (shape, annotation)."""
    moment = pd.Timestamp(as_of).isoformat()
    line = {
        "type": "line",
        "x0": moment,
        "x1": moment,
        "yref": "paper",
        "y0": 0,
        "y1": 1,
        "line": {"color": NEUTRAL_GREY, "width": 2, "dash": "dash"},
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
