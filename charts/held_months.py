"""What was held, month by month: the timeline of a whole plan for a room, where forty dated
events in one May cannot each carry a name. Stacked bars of the events held per month, one colour
per pillar, the month's total above its bar."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.contrast import legible
from charts.palette import FALLBACK_COLOUR, FONT_FAMILY, PILLAR_COLOURS, plain
from charts.timeline import month_ticks


def held_months_chart(per_month: pd.DataFrame) -> go.Figure:
    """per_month: lane (a pillar), month (first day), held (analysis.measures.timeline
    .events_per_month, lanes by pillar); months with nothing held are left out of the bars but
    kept on the axis."""
    held = per_month[per_month["held"] > 0]
    figure = go.Figure()
    for lane in dict.fromkeys(held["lane"].astype("str")):
        rows = held[held["lane"] == lane]
        figure.add_bar(
            name=plain(lane),
            x=rows["month"].dt.strftime("%Y-%m-15").tolist(),
            y=rows["held"].astype(int).tolist(),
            marker={"color": PILLAR_COLOURS.get(lane, FALLBACK_COLOUR)},
            hovertemplate=f"{plain(lane)}: %{{y}} held<extra></extra>",
        )
    totals = held.groupby("month")["held"].sum()
    figure.add_scatter(
        x=[month.strftime("%Y-%m-15") for month in totals.index],
        y=totals.astype(int).tolist(),
        mode="text",
        text=[str(int(total)) for total in totals],
        textposition="top center",
        textfont={"color": "#1A1A1A", "weight": 600},
        showlegend=False,
        hoverinfo="skip",
        cliponaxis=False,
    )
    tallest = int(totals.max()) if not totals.empty else 1
    months = per_month["month"]
    ticks = month_ticks(months.min(), months.max()) if not months.empty else {}
    figure.update_layout(
        title={"text": "Events held per month, by pillar", "x": 0},
        font={"family": FONT_FAMILY},
        barmode="stack",
        bargap=0.25,
        legend={"orientation": "h", "yanchor": "top", "y": -0.22, "x": 0, "title": None},
        margin={"l": 60, "r": 20, "t": 60, "b": 120},
        xaxis={"type": "date", **ticks, "ticklabelmode": "period"},
        yaxis={"title": {"text": "Events held"}, "range": [0, tallest * 1.18], "dtick": 5},
    )
    return legible(figure)
