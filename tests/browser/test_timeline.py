"""The timeline of a plan too big to draw event by event, in real Chromium: a click on a cell of
the events-per-month chart lists that cell's events (AppTest cannot click, and Streamlit returns
no selection for a heatmap: this checks the layer that makes the cells selectable). The plan is
uploaded in the sidebar of the worker's dashboard, not served by a Streamlit server of its own."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from benchmarks.generate import write_plan

from .helpers import (
    PATIENCE_MS,
    expect_no_exception,
    open_page,
    real_errors,
    screenshot_full,
    wait_for_charts,
)

SCALE_OVER_THE_THRESHOLD = 25  # about 1,150 events


HOVER = re.compile(r"^(?P<lane>.+?)(?P<month>[A-Z][a-z]+ \d{4}): (?P<count>\d+) events?")


def click_first_cell(page: Page) -> re.Match[str]:
    """Click a cell's invisible pick marker at its centre (plotly's drag layer swallows element
    clicks) and return what its hover label said: months are a few pixels wide, so the cell
    under the mouse may be the next month's."""
    marker = page.locator('[data-testid="stPlotlyChart"] .js-plotly-plot .scatterlayer path.point')
    # The mouse reaches only what is in the window: bring the chart into it first.
    marker.first.scroll_into_view_if_needed()
    box = marker.first.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    hover = page.locator(".js-plotly-plot .hoverlayer .hovertext")
    expect(hover).to_have_count(1)
    said = HOVER.match(str(hover.evaluate("(label) => label.textContent")))
    assert said is not None
    page.mouse.down()
    page.mouse.up()
    return said


def test_clicking_a_cell_lists_its_events(
    page: Page, streamlit_server: str, tmp_path: Path
) -> None:
    errors = open_page(page, f"{streamlit_server}/timeline")
    big = write_plan(SCALE_OVER_THE_THRESHOLD, tmp_path / "big.csv")
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(big)
    expect(page.get_by_text("Plan: upload: big.csv", exact=False).first).to_be_visible(
        timeout=PATIENCE_MS
    )
    wait_for_charts(page, 1)
    expect(page.get_by_text(re.compile(r"^1,150 events: too many to draw"))).to_be_visible()
    assert page.locator(".js-plotly-plot .heatmaplayer image").count() == 1
    assert page.locator(".js-plotly-plot .bars path").count() == 0
    said = click_first_cell(page)
    expect(
        page.get_by_text(
            f"Only the events of {said['lane']} that start in {said['month']} ({said['count']})"
        )
    ).to_be_visible(timeout=PATIENCE_MS)
    expect_no_exception(page)
    screenshot_full(page, "timeline-per-month-cell-selected.png")
    assert real_errors(errors) == []
