"""The dashboard in real Chromium: filters in the URL, a chart click that opens the source
text, and plan text that must stay text (every page's own checks: test_page_walk.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from ui.registry import page_named

from .helpers import (
    PATIENCE_MS,
    TABLES_LAID_OUT,
    expect_no_exception,
    open_page,
    pick_in_multiselect,
    query_of,
    real_errors,
    screenshot_full,
    show_page,
    tab_to,
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


def test_a_filter_updates_the_url_and_the_charts(page: Page, streamlit_server: str) -> None:
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
    after = first_chart_trace_lengths(page)
    assert after != before
    expect_no_exception(page)
    assert real_errors(errors) == []


def click_first_bar(page: Page) -> None:
    """Plotly's drag layer swallows element clicks: click the bar's centre by coordinates."""
    bar = page.locator('[data-testid="stPlotlyChart"] .js-plotly-plot .bars path').first
    # The mouse reaches only what is in the window: bring the bar into it first.
    bar.scroll_into_view_if_needed()
    box = bar.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def test_clicking_a_bar_shows_the_source_text(page: Page, streamlit_server: str) -> None:
    errors = open_page(page, f"{streamlit_server}/workload")
    wait_for_charts(page, 2)
    expect(page.get_by_text(SOURCE_TEXT_HEADING)).to_have_count(0)
    click_first_bar(page)
    # No second click: the verbatim text shows at once under the selected unit's roles.
    expect(page.get_by_text(SOURCE_TEXT_HEADING).first).to_be_visible(timeout=PATIENCE_MS)
    wait_for_app_idle(page, timeout=PATIENCE_MS)
    expect_no_exception(page)
    screenshot_full(page, "workload-bar-selected.png")
    assert real_errors(errors) == []


HOSTILE_TITLE = '<script>window.__planScriptRan = true</script><b id="injected">bold</b>'


@pytest.fixture(scope="module")
def hostile_plan_url(start_streamlit: Any, tmp_path_factory: pytest.TempPathFactory) -> str:
    bundled = (Path(__file__).resolve().parents[2] / "data" / "plan.csv").read_text("utf-8-sig")
    # The title cell is unquoted in plan.csv, so its inner quotes are read literally.
    hostile = bundled.replace("Action Line C1 (Role of stakeholders)", HOSTILE_TITLE, 1)
    assert hostile != bundled
    path = tmp_path_factory.mktemp("plans") / "hostile.csv"
    path.write_text(hostile, encoding="utf-8")
    url: str = start_streamlit(env={"PLAN_CSV": str(path)})
    return url


def expect_markup_as_text(page: Page, where: str) -> None:
    assert page.evaluate("() => window.__planScriptRan === undefined"), where
    assert page.locator("#injected").count() == 0, where
    expect_no_exception(page)
    screenshot_full(page, f"hostile-{where}.png")


def test_markup_in_the_plan_shows_as_text(page: Page, hostile_plan_url: str) -> None:
    """Matrix, Workload, then Plan and audit in one tab: a title holding a script and markup is
    drawn as text everywhere, also when its row is chosen (from the keyboard) and its verbatim
    text printed."""
    errors = open_page(page, f"{hostile_plan_url}/matrix")
    wait_for_charts(page, 1)
    expect_markup_as_text(page, "matrix")
    show_page(page, hostile_plan_url, page_named("workload"), charts=1)
    expect_markup_as_text(page, "workload")
    show_page(page, hostile_plan_url, page_named("plan"))
    search = page.get_by_role("textbox", name="Search the plan")
    search.fill("A02")
    search.press("Enter")
    page.wait_for_function("() => location.search.includes('q=A02')", timeout=PATIENCE_MS)
    wait_for_app_idle(page, timeout=PATIENCE_MS)
    page.wait_for_function(TABLES_LAID_OUT, arg=1, timeout=PATIENCE_MS)
    # As the table's caption says: Tab into the table, arrow keys to a row, Shift+Space.
    search.focus()
    tab_to(
        page, "el.tagName === 'CANVAS' && el.closest('[data-testid=\"stDataFrame\"]')", "the table"
    )
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Shift+Space")
    shown = page.locator('[data-testid="stText"]', has_text=HOSTILE_TITLE)
    expect(shown.first).to_be_visible(timeout=PATIENCE_MS)
    wait_for_app_idle(page, timeout=PATIENCE_MS)
    expect_markup_as_text(page, "plan")
    assert real_errors(errors) == []
