"""Before/after workload bars, for the What-if and Compare plans pages: per unit or per Sector,
the weighted load in the first plan (lighter, hatched, "before") next to the second (solid,
"after"), coloured by Sector. Pattern and the bar labels keep the two apart in greyscale print."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis.measures.balance_words import per_words
from analysis.measures.metrics import By, LoadWeights
from charts.contrast import legible
from charts.palette import (
    FALLBACK_COLOUR,
    FONT_FAMILY,
    SECTOR_COLOURS,
    lighter,
    plain,
    readable_selection,
    sector_colour,
)

ROW_HEIGHT = 46  # two bars per row
BEFORE_PATTERN = "/"
# Bars are placed by hand (overlay mode), so the legend-only key traces take no slot in the row:
# the first plan's bar in the upper half of a row, the second's in the lower half.
BAR_WIDTH = 0.4
OFFSETS = {"before": -0.42, "after": 0.02}
# A plan's name in the legend, at most this many characters (with " (B, light, hatched)" it
# fits the narrower of Compare plans' two charts at 1280 px); hover, caption and view line give
# it whole.
LEGEND_NAME_CHARS = 24


def legend_name(label: str) -> str:
    """'uploaded revised-plan-20…' for a plan name too long for the legend; a short one as is."""
    label = plain(label)
    return label if len(label) <= LEGEND_NAME_CHARS else label[: LEGEND_NAME_CHARS - 1] + "…"


def _names(frame: pd.DataFrame, by: By) -> list[str]:
    if by == "unit":
        return [plain(name) for name in frame["unit_name"]]
    return [plain(sector) for sector in frame["sector"]]


def _side_trace(frame: pd.DataFrame, by: By, side: str, label: str) -> go.Bar:
    codes = [str(code) for code in frame[by]]
    names = _names(frame, by)
    loads = [float(value) for value in frame[f"weighted_load_{side}"]]
    leads = [int(value) for value in frame[f"lead_{side}"]]
    assists = [int(value) for value in frame[f"assist_{side}"]]
    colours = [sector_colour(str(sector)) for sector in frame["sector"]]
    before = side == "before"
    return go.Bar(
        name=plain(label),
        orientation="h",
        x=loads,
        y=codes,
        customdata=list(zip(codes, names, leads, assists, strict=True)),
        text=[f"{'B' if before else 'A'} {load:g}" for load in loads],
        textposition="outside",
        cliponaxis=False,
        marker={
            "color": [lighter(colour) for colour in colours] if before else colours,
            "line": {"color": colours, "width": 1},
            "pattern": {
                "shape": BEFORE_PATTERN if before else "",
                "fgcolor": colours,
                "fillmode": "overlay",
                "size": 8,
            },
        },
        showlegend=False,
        offset=OFFSETS[side],
        width=BAR_WIDTH,
        hovertemplate=(
            f"<b>%{{customdata[1]}}</b><br>{plain(label)}: weighted load %{{x:g}}"
            "<br>%{customdata[2]} leads, %{customdata[3]} assists<extra></extra>"
        ),
    )


def _key(figure: go.Figure, labels: tuple[str, str], sectors: list[str]) -> None:
    """Legend entries explaining hatched/solid in grey, then the Sector colours shown."""
    for label, before in ((labels[0], True), (labels[1], False)):
        figure.add_trace(
            go.Bar(
                name=f"{legend_name(label)} ({'B, light, hatched' if before else 'A, solid'})",
                x=[None],
                y=[None],
                orientation="h",
                marker={
                    "color": lighter(FALLBACK_COLOUR) if before else FALLBACK_COLOUR,
                    "pattern": {
                        "shape": BEFORE_PATTERN if before else "",
                        "fgcolor": FALLBACK_COLOUR,
                        "fillmode": "overlay",
                    },
                },
                hoverinfo="skip",
            )
        )
    for sector in SECTOR_COLOURS:
        if sector in sectors:
            figure.add_trace(
                go.Bar(
                    name=sector,
                    x=[None],
                    y=[None],
                    orientation="h",
                    marker={"color": sector_colour(sector)},
                    hoverinfo="skip",
                )
            )


def comparison_chart(
    frame: pd.DataFrame,
    by: By,
    *,
    labels: tuple[str, str] = ("Before", "After"),
    title: str | None = None,
    weights: LoadWeights | None = None,
) -> go.Figure:
    """Grouped horizontal bars of weighted load per unit
    (analysis.changes.compare.workload_comparison) or per Sector (sector_comparison): the first
    plan's bar above the second's. Each bar carries [code, full name, leads, assists] as
    customdata."""
    weights = weights or LoadWeights()
    figure = go.Figure()
    figure.add_trace(_side_trace(frame, by, "before", labels[0]))
    figure.add_trace(_side_trace(frame, by, "after", labels[1]))
    _key(figure, labels, [str(sector) for sector in frame["sector"]])
    longest = max(
        [*frame["weighted_load_before"].astype(float), *frame["weighted_load_after"].astype(float)],
        default=0.0,
    )
    figure.update_layout(
        title={"text": title or f"Weighted load{per_words(by)}: {labels[0]} and {labels[1]}"},
        barmode="overlay",
        height=190 + ROW_HEIGHT * max(len(frame), 1) + 60,
        margin={"l": 10, "r": 30, "t": 70, "b": 150},
        font={"family": FONT_FAMILY},
        # Below the axis title, from the container's bottom edge, whatever the chart's height.
        legend={
            "orientation": "h",
            "yref": "container",
            "y": 0.01,
            "yanchor": "bottom",
            "x": 0,
            "title": None,
        },
        clickmode="event+select",
    )
    figure.update_yaxes(
        title={"text": "ITU unit" if by == "unit" else ""},  # the Sector bars name themselves
        autorange="reversed",
        type="category",
    )
    # Room on the right for the outside labels of the longest bar.
    figure.update_xaxes(
        title={
            "text": f"Weighted load<br>({weights.lead:g} per lead, {weights.assist:g} per assist)"
        },
        range=[0, max(longest * 1.15, 1.0)],
    )
    return legible(readable_selection(figure))
