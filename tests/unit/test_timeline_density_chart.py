"""charts.timeline_density.timeline_density_figure: events per lane and month as one heatmap,
under an invisible layer of one point per cell that carries the hover and the selection."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import pytest

from charts.timeline_density import (
    MAX_DENSITY_HEIGHT_PX,
    density_height,
    timeline_density_figure,
    too_many_to_draw,
)

AS_OF = date(2006, 9, 13)
IG, OTHER = "Internet Governance", "Other implementation issues"
# (lane, lane_index, month, held, planned, unconfirmed, events, approximate), as events_per_month
# gives them
CELLS = [
    (IG, 0, "2006-02-01", 1, 0, 0, 1, 0),
    (IG, 0, "2006-05-01", 2, 1, 0, 3, 0),
    (OTHER, 1, "2006-01-01", 0, 1, 0, 1, 1),
    (OTHER, 1, "2006-05-01", 3, 0, 1, 4, 0),
]


def counts_of(cells: list[tuple[Any, ...]]) -> pd.DataFrame:
    columns = [
        "lane", "lane_index", "month", "held", "planned", "unconfirmed", "events", "approximate"
    ]  # fmt: skip
    frame = pd.DataFrame(cells, columns=columns)
    return frame.assign(month=pd.to_datetime(frame["month"]))


@pytest.fixture(scope="module")
def figure() -> go.Figure:
    return timeline_density_figure(counts_of(CELLS), AS_OF, lane_title="Pillar")


def heatmap(figure: go.Figure) -> go.Heatmap:
    (trace,) = [trace for trace in figure.data if trace.type == "heatmap"]
    return trace


def picks(figure: go.Figure) -> go.Scatter:
    (trace,) = [trace for trace in figure.data if trace.type == "scatter"]
    return trace


def month_of(moment: str) -> str:
    return f"{pd.Timestamp(moment):%Y-%m}"


def test_one_heatmap_and_nothing_drawn_per_event(figure: go.Figure) -> None:
    assert sorted(trace.type for trace in figure.data) == ["heatmap", "scatter"]
    assert picks(figure).marker.opacity == 0  # the pick layer shows only the selected cell


def test_each_cell_holds_its_count(figure: go.Figure) -> None:
    cells = heatmap(figure)
    drawn = {
        (month_of(x), y): z
        for x, y, z in zip(cells.x, cells.y, cells.z, strict=True)
        if not math.isnan(z)
    }
    assert drawn == {
        ("2006-02", IG): 1,
        ("2006-05", IG): 3,
        ("2006-01", OTHER): 1,
        ("2006-05", OTHER): 4,
    }


def test_a_month_without_events_keeps_its_own_blank_cell(figure: go.Figure) -> None:
    cells = heatmap(figure)
    blank = sorted(month_of(x) for x, z in zip(cells.x, cells.z, strict=True) if math.isnan(z))
    assert blank == ["2006-03", "2006-04"]


def test_cells_sit_mid_month_so_they_span_the_month(figure: go.Figure) -> None:
    # February has 28 days: its middle is the 15th at midnight; May's (31) the 16th at noon.
    assert list(heatmap(figure).x[:2]) == ["2006-02-15T00:00:00", "2006-05-16T12:00:00"]


def test_lanes_in_plan_order_top_to_bottom(figure: go.Figure) -> None:
    lanes = figure.layout.yaxis
    assert list(lanes.categoryarray) == [IG, OTHER]
    assert list(lanes.range) == [1.5, -0.5]
    assert lanes.title.text == "Pillar"


@pytest.mark.parametrize(
    ("index", "customdata", "hover"),
    [
        (
            1,
            [0, "2006-05-01"],
            "<b>Internet Governance</b><br>May 2006: 3 events<br>2 held, 1 planned",
        ),
        (
            2,
            [1, "2006-01-01"],
            "<b>Other implementation issues</b><br>January 2006: 1 event<br>0 held, 1 planned"
            "<br>1 dated only to the month or year, counted in its first month",
        ),
        (
            3,
            [1, "2006-05-01"],
            "<b>Other implementation issues</b><br>May 2006: 4 events<br>3 held, 0 planned, "
            "1 unconfirmed",
        ),
    ],
)
def test_a_cell_says_its_counts_in_words_and_names_itself(
    figure: go.Figure, index: int, customdata: list[Any], hover: str
) -> None:
    layer = picks(figure)
    assert list(layer.customdata[index]) == customdata
    assert layer.hovertext[index] == hover


def test_lane_names_are_shown_as_text() -> None:
    cells = [("<b>A1</b> & co", 0, "2006-05-01", 1, 0, 0, 1, 0)]
    figure = timeline_density_figure(counts_of(cells), AS_OF, lane_title="Activity")
    assert heatmap(figure).y[0] == "&lt;b&gt;A1&lt;/b&gt; &amp; co"
    assert picks(figure).hovertext[0].startswith("<b>&lt;b&gt;A1&lt;/b&gt; &amp; co</b>")


def test_the_as_of_line_and_its_label(figure: go.Figure) -> None:
    (line,) = figure.layout.shapes
    assert line.x0 == line.x1 == "2006-09-13T00:00:00"
    assert line.line.dash == "dash"
    (label,) = figure.layout.annotations
    assert label.text == "as of 13 Sep 2006"
    # The axis reaches the as-of date even when every event is earlier.
    assert pd.Timestamp(figure.layout.xaxis.range[1]) > pd.Timestamp(AS_OF)


def test_the_title_says_it_counts_per_month(figure: go.Figure) -> None:
    assert figure.layout.title.text.startswith("Events per month")


@pytest.mark.parametrize(
    ("lanes", "height"),
    [
        (1, 400),  # never squashed below 400 px
        (4, 400),
        (10, 480),  # 240 px of frame, 24 px a lane
        (50, 1440),
        (57, 1600),
        (2900, 1600),  # 100x by activity: capped
    ],
)
def test_height_grows_with_lanes_up_to_a_cap(lanes: int, height: int) -> None:
    assert density_height(lanes) == height


def test_a_figure_of_thousands_of_lanes_is_capped() -> None:
    cells = [(f"A{n}", n, "2006-05-01", 1, 0, 0, 1, 0) for n in range(3000)]
    figure = timeline_density_figure(counts_of(cells), AS_OF, lane_title="Activity")
    assert figure.layout.height == MAX_DENSITY_HEIGHT_PX


@pytest.mark.parametrize(
    ("events", "too_many"),
    [(46, False), (1000, False), (1001, True), (4600, True)],
)
def test_past_a_thousand_events_they_are_counted(events: int, too_many: bool) -> None:
    assert too_many_to_draw(events) is too_many
