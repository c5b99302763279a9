"""The meeting timeline: every dated event of the plan in lanes, with the as-of line.

Status reads without colour too: held events are solid (filled bars, filled circles), planned
ones hatched bars and open diamonds. Dates known only to the month or year are faint bars
spanning the whole period, labelled with '≈'."""

from __future__ import annotations

import textwrap
from datetime import date, timedelta
from typing import cast

import pandas as pd
import plotly.graph_objects as go

from charts.palette import FONT_FAMILY, STATUS_COLOURS, plain

GUIDE_COLOUR = "#888888"  # mid grey: visible on light and dark backgrounds
ROW_HEIGHT_PX = 24
# Margin around the plan's dates, so the first and last marks are not cut by the frame.
RANGE_PADDING = timedelta(days=12)
HOVER = (
    "<b>%{customdata[1]}</b><br>%{customdata[2]}<br>"
    "Activity %{customdata[3]}: %{customdata[4]}<br>"
    "Location: %{customdata[5]}<br>Date: %{customdata[6]}<extra>%{customdata[7]}</extra>"
)


def wrap(text: str, width: int = 70) -> str:
    """Plan text for a hover box: escaped, then broken into lines plotly shows as typed."""
    return "<br>".join(textwrap.wrap(plain(text), width)) or "(none)"


def timeline_figure(lanes: pd.DataFrame, as_of: date, *, lane_title: str) -> go.Figure:
    """Events (timeline_frame + tables.timeline_lanes columns) on a date axis, one trace per
    kind of mark so the legend explains them. customdata[0] is the event's row number in
    `lanes`, for selections."""
    figure = go.Figure()
    events = lanes.reset_index(drop=True)
    for status in ("held", "planned"):
        of_status = events[events["status"] == status]
        _add_bars(figure, of_status[~of_status["approximate"] & (of_status["shape"] == "range")])
        _add_bars(figure, of_status[of_status["approximate"]], approximate=True)
        _add_marks(figure, of_status[of_status["shape"] == "day"])
    _add_lanes(figure, events, lane_title)
    _add_as_of_line(figure, as_of)
    first = events["start"].min() - RANGE_PADDING
    last = max(events["draw_end"].max(), pd.Timestamp(as_of)) + RANGE_PADDING
    rows = int(events["y"].max()) + 1 if not events.empty else 1
    figure.update_layout(
        title={"text": "When the plan's meetings and publications happen", "x": 0},
        font={"family": FONT_FAMILY},
        height=max(400, 240 + rows * ROW_HEIGHT_PX),
        barmode="overlay",
        # Under the axis, so it never runs into the title or the as-of label.
        legend={
            "orientation": "h",
            "yref": "container",
            "yanchor": "bottom",
            "y": 0.005,
            "x": 0,
            "title": None,
        },
        margin={"l": 10, "r": 20, "t": 80, "b": 120},
        uniformtext={"mode": "hide", "minsize": 9},
        hoverlabel={"align": "left"},
        xaxis={
            "type": "date",
            "title": {"text": "Date (2005–2006)"},
            "range": [first, last],
            "dtick": "M1",
            "tickformat": "%b<br>%Y",
            "showgrid": True,
        },
    )
    return figure


def _custom(events: pd.DataFrame) -> list[list[object]]:
    return [
        [
            int(cast("int", index)),  # a RangeIndex label
            _date_heading(event),
            wrap(event["label"]),
            plain(event["activity_id"]),
            wrap(str(event["title"]), 60),
            plain(event["location"]) or "not given",
            f"{_day(event['start'])} to {_day(event['end'])}"
            if event["start"] != event["end"]
            else _day(event["start"]),
            event["status"],
        ]
        for index, event in events.iterrows()
    ]


def _date_heading(event: pd.Series) -> str:
    text = plain(event["date_text"])
    if event["approximate"]:
        return f"≈ {text} (the plan gives only the {event['precision']})"
    return text


def _day(stamp: pd.Timestamp) -> str:
    return f"{stamp.day} {stamp:%b %Y}"


def _add_bars(figure: go.Figure, events: pd.DataFrame, *, approximate: bool = False) -> None:
    if events.empty:
        return
    status = str(events["status"].iloc[0])
    colour = STATUS_COLOURS[status]
    planned = status == "planned"
    name = f"{status.capitalize()}: " + (
        "month or year only (≈, spans the period)" if approximate else "several days"
    )
    durations = (events["draw_end"] - events["start"]).dt.total_seconds() * 1000
    figure.add_bar(
        name=name,
        legendgroup=name,
        orientation="h",
        base=events["start"].dt.strftime("%Y-%m-%d").tolist(),
        x=durations.tolist(),
        y=events["y"].tolist(),
        width=0.72,
        marker={
            # A faint fill with a full-strength edge: adjacent months stay separate bars.
            "color": _translucent(colour, 0.3) if approximate else colour,
            "line": {"color": colour, "width": 1.5},
            "pattern": {"shape": "/", "fillmode": "replace", "solidity": 0.45}
            if planned
            else {"shape": ""},
        },
        text=[f"≈ {plain(text)}" for text in events["date_text"]] if approximate else None,
        textposition="inside",
        insidetextanchor="start",
        # The status colour, not black or white: it reads on light and dark backgrounds.
        textfont={"size": 11, "color": colour},
        customdata=_custom(events),
        hovertemplate=HOVER,
    )


def _translucent(hex_colour: str, alpha: float) -> str:
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"


def _add_marks(figure: go.Figure, events: pd.DataFrame) -> None:
    if events.empty:
        return
    status = str(events["status"].iloc[0])
    planned = status == "planned"
    name = f"{status.capitalize()}: single day"
    figure.add_scatter(
        name=name,
        legendgroup=name,
        mode="markers",
        # Midday, so the mark sits in the middle of its day.
        x=(events["start"] + pd.Timedelta(hours=12)).tolist(),
        y=events["y"].tolist(),
        marker={
            "symbol": "diamond-open" if planned else "circle",
            "size": 12,
            "color": STATUS_COLOURS[status],
            "line": {"width": 2.5 if planned else 1, "color": STATUS_COLOURS[status]},
        },
        customdata=_custom(events),
        hovertemplate=HOVER,
    )


def _add_lanes(figure: go.Figure, events: pd.DataFrame, lane_title: str) -> None:
    """Lane names on the y axis, at the middle of each lane's rows, and a rule between lanes."""
    if events.empty:
        return
    spans = events.groupby("lane_index").agg(lane=("lane", "first"), top=("y", "min"))
    spans["bottom"] = events.groupby("lane_index")["y"].max()
    figure.update_yaxes(
        title={"text": lane_title},
        tickmode="array",
        tickvals=((spans["top"] + spans["bottom"]) / 2).tolist(),
        # Two-line names only where the lane has the height for them.
        ticktext=[
            "<br>".join(textwrap.wrap(plain(lane), 26)) if bottom > top else plain(lane)
            for lane, top, bottom in zip(spans["lane"], spans["top"], spans["bottom"], strict=True)
        ],
        range=[int(events["y"].max()) + 0.7, -0.7],
        showgrid=False,
        zeroline=False,
        automargin=True,
    )
    for boundary in spans["bottom"].iloc[:-1]:
        figure.add_hline(
            y=float(boundary) + 0.5, line={"color": GUIDE_COLOUR, "width": 1}, opacity=0.4
        )


def _add_as_of_line(figure: go.Figure, as_of: date) -> None:
    moment = pd.Timestamp(as_of).isoformat()
    figure.add_shape(
        type="line",
        x0=moment,
        x1=moment,
        yref="paper",
        y0=0,
        y1=1,
        line={"color": GUIDE_COLOUR, "width": 2, "dash": "dash"},
    )
    figure.add_annotation(
        x=moment,
        yref="paper",
        y=1,
        yanchor="bottom",
        text=f"as of {as_of_label(as_of)}",
        showarrow=False,
        font={"size": 12},
        bgcolor="rgba(136,136,136,0.25)",
    )


def as_of_label(as_of: date) -> str:
    """'13 Sep 2006', as the line on the chart says it."""
    return f"{as_of.day} {as_of:%b %Y}"
