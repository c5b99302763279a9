"""Workload in real Chromium, on one visit: a filter goes into the URL and redraws the charts,
and a click on a bar of the filtered chart opens the source text (every page's own checks:
test_page_walk.py; plan text that must stay text: test_hostile_text.py)."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from .helpers import (
    PATIENCE_MS,
    expect_no_exception,
    open_page,
    pick_in_multiselect,
    query_of,
    real_errors,
    screenshot_full,
    wait_for_app_idle,
    wait_for_charts,
)

SOURCE_TEXT_HEADING = "Allocation of responsibilities within ITU:"


def first_chart_trace_lengths(page: Page) -> list[int]:
    return page.evaluate(
        """() => {
            const plot = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
            return plot.data.map((trace) => (trace.x || trace.y || []).length);
        }"""
    )


def click_first_bar(page: Page) -> None:
    """Plotly's drag layer swallows element clicks: click the bar's centre by coordinates."""
    bar = page.locator('[data-testid="stPlotlyChart"] .js-plotly-plot .bars path').first
    # The mouse reaches only what is in the window: bring the bar into it first.
    bar.scroll_into_view_if_needed()
    box = bar.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def test_a_filter_updates_the_url_and_charts_and_a_bar_click_shows_the_source_text(
    page: Page, streamlit_server: str
) -> None:
    errors = open_page(page, f"{streamlit_server}/workload")
    wait_for_charts(page, 2)
    before = first_chart_trace_lengths(page)

    pick_in_multiselect(page, "Pillar", "Internet Governance")
    page.wait_for_function("() => location.search.includes('pillar=')")
    page.wait_for_function(
        "(before) => JSON.stringify(Array.from(document.querySelector("
        "'[data-testid=\"stPlotlyChart\"] .js-plotly-plot').data, "
        "(t) => (t.x || t.y || []).length)) !== JSON.stringify(before)",
        arg=before,
        timeout=PATIENCE_MS,
    )
    wait_for_charts(page, 2)
    assert query_of(page)["pillar"] == ["Internet Governance"]
    assert first_chart_trace_lengths(page) != before
    expect_no_exception(page)

    expect(page.get_by_text(SOURCE_TEXT_HEADING)).to_have_count(0)
    click_first_bar(page)
    # No second click: the verbatim text shows at once under the selected unit's roles.
    expect(page.get_by_text(SOURCE_TEXT_HEADING).first).to_be_visible(timeout=PATIENCE_MS)
    wait_for_app_idle(page, timeout=PATIENCE_MS)
    expect_no_exception(page)
    screenshot_full(page, "workload-bar-selected.png")
    assert real_errors(errors) == []
