"""The view line under a chart's title (filters, weights, plan): broken into rows that fit a
half-width chart, so a saved image shows all of it instead of a line cut at the chart's edge."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from charts.palette import NARROW_VIEW_LINE_CHARS, VIEW_LINE_CHARS, view_line_rows, with_view_line

WORKLOAD_LINE = (
    "Filters: theme: C7 · eLearning · Weights: lead 1, assist 0.5; joint leads counted in full · "
    "Plan: data/plan.csv"
)


@pytest.mark.parametrize(
    ("line", "rows"),
    [
        ("Filters: no filters (the whole plan)", ["Filters: no filters (the whole plan)"]),
        (
            WORKLOAD_LINE,
            [
                "Filters: theme: C7 · eLearning",
                "Weights: lead 1, assist 0.5; joint leads counted in full",
                "Plan: data/plan.csv",
            ],
        ),
        ("Filters: unit: BDT · Plan: x.csv", ["Filters: unit: BDT · Plan: x.csv"]),
        # One part longer than a row: broken at its spaces, no word cut.
        (
            "Filters: unit: " + " ".join(["BDT"] * 30),
            ["Filters: unit: " + " ".join(["BDT"] * 14), " ".join(["BDT"] * 16)],
        ),
        ("", [""]),
    ],
)
def test_view_line_rows(line: str, rows: list[str]) -> None:
    found = view_line_rows(line)
    assert found == rows
    assert all(len(row) <= VIEW_LINE_CHARS for row in found)


def test_every_word_of_the_line_is_kept() -> None:
    rows = view_line_rows(WORKLOAD_LINE)
    assert " · ".join(rows) == WORKLOAD_LINE


def test_the_chart_grows_by_the_rows_it_gains() -> None:
    figure = go.Figure(layout={"height": 300, "margin": {"t": 80}, "title": {"text": "Load"}})
    with_view_line(figure, WORKLOAD_LINE)
    subtitle = figure.layout.title.subtitle.text
    assert subtitle.split("<br>") == view_line_rows(WORKLOAD_LINE)
    grown = figure.layout.margin.t - 80
    assert grown > 3 * 12  # three rows of 12-px text
    assert figure.layout.height == 300 + grown  # the plot itself keeps its height


def test_markup_in_the_line_is_text() -> None:
    figure = with_view_line(go.Figure(), "Plan: <b>plan</b>.csv")
    assert figure.layout.title.subtitle.text == "Plan: &lt;b&gt;plan&lt;/b&gt;.csv"


def test_a_narrow_chart_gets_narrower_rows() -> None:
    line = (
        "Filters: no filters (the whole plan) · Weights: lead 1, assist 0.5 · Plan: bundled "
        "data/plan.csv against uploaded WSIS plan, revision 3 for Council 2007.csv"
    )
    figure = with_view_line(go.Figure(), line, NARROW_VIEW_LINE_CHARS)
    rows = figure.layout.title.subtitle.text.split("<br>")
    assert rows[-2:] == [
        "Plan: bundled data/plan.csv against uploaded WSIS plan,",
        "revision 3 for Council 2007.csv",
    ]
    assert max(len(row) for row in rows) <= NARROW_VIEW_LINE_CHARS < VIEW_LINE_CHARS
