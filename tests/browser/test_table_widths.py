"""Tables that fit: at 1280 and 1500 px windows (sidebar open) no table of the bundled plan's
pages scrolls sideways, and its first column is the one a manager reads first. Screenshots of
each page go to test-output/screenshots/tables-<page>-<width>.png."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from ui.registry import page_named

from .helpers import PATIENCE_MS, console_errors, screenshot_full, show_page
from .test_pages import expect_no_exception, open_page, real_errors

# (page, first column of each table in page order)
PAGES = [
    ("overview", ["Activity", "Check"]),  # no-lead activities, audit checks
    ("workload", ["Unit", "Sector"]),
    ("matrix", ["Id"]),
    ("timeline", ["Start"]),
    ("network", ["Name"]),
    ("plan", ["Activity", "Check", "Title"]),
]
TABLES_LAID_OUT = """(count) => {
    const tables = Array.from(document.querySelectorAll('[data-testid="stDataFrame"]'));
    return tables.length >= count && tables.every((el) => {
        const scroller = el.querySelector('.dvn-scroller');
        // Glide draws on a canvas; its accessible header cells come once the grid is laid out.
        return scroller !== null && scroller.clientWidth > 100
            && el.querySelector('[role="columnheader"]') !== null;
    });
}"""
TABLE_SIZES = """() => Array.from(document.querySelectorAll('[data-testid="stDataFrame"]')).map(
    (el) => {
        const scroller = el.querySelector('.dvn-scroller');
        const headers = Array.from(el.querySelectorAll('[role="columnheader"]'));
        return {
            scrollWidth: scroller.scrollWidth,
            clientWidth: scroller.clientWidth,
            first: headers.length ? headers[0].textContent : null,
        };
    })"""


WIDTHS = (1280, 1500)
# Every table's width (px) once the grid has re-laid itself out after a window resize.
SCROLLER_WIDTHS = """() => Array.from(document.querySelectorAll('[data-testid="stDataFrame"]'))
    .map((el) => el.querySelector('.dvn-scroller').clientWidth)"""


@pytest.fixture(scope="module")
def tab(browser: Browser) -> Iterator[tuple[Page, list[str]]]:
    """One tab for the module, and the console errors it collects: pages are switched to by
    their sidebar links, not reopened."""
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 1000})
    page = context.new_page()
    errors = console_errors(page)
    yield page, errors
    context.close()


@pytest.mark.parametrize(("name", "first_columns"), PAGES)
def test_no_table_scrolls_sideways(
    tab: tuple[Page, list[str]], streamlit_server: str, name: str, first_columns: list[str]
) -> None:
    """At 1280 px, then the window widened to 1500 px (the grid lays itself out again on a
    resize, as it does when a manager widens the window)."""
    page, errors = tab
    errors_before = len(errors)
    page.set_viewport_size({"width": WIDTHS[0], "height": 1000})
    show_page(page, streamlit_server, page_named(name))
    # A loaded machine may draw the tables one by one: wait for all of them.
    page.wait_for_function(TABLES_LAID_OUT, arg=len(first_columns), timeout=PATIENCE_MS)
    for width in WIDTHS:
        if width != WIDTHS[0]:
            narrower: list[int] = page.evaluate(SCROLLER_WIDTHS)
            page.set_viewport_size({"width": width, "height": 1000})
            page.wait_for_function(
                # Stretched tables widen; a table as wide as its columns keeps its width.
                f"(before) => {{ const now = ({SCROLLER_WIDTHS})(); "
                "return now.some((w, i) => w > before[i])"
                " && now.every((w, i) => w >= before[i]); }",
                arg=narrower,
                timeout=PATIENCE_MS,
            )
        tables: list[dict[str, Any]] = page.evaluate(TABLE_SIZES)
        assert [table["first"] for table in tables] == first_columns
        for table in tables:
            assert table["scrollWidth"] <= table["clientWidth"] + 1, (name, width, table)
        screenshot_full(page, f"tables-{name}-{width}.png")
    expect_no_exception(page)
    assert real_errors(errors[errors_before:]) == []


CHIPS = """() => Array.from(
    document.querySelectorAll('[data-testid="stSidebar"] span[data-tag] > span')
).map((label) => ({text: label.textContent, cut: label.scrollWidth > label.clientWidth + 1}))"""


def test_chosen_filters_show_their_whole_names(page: Page, streamlit_server: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 1000})
    query = "unit=WSIS-ES&unit=BDT&pillar=Multi-stakeholder+implementation"
    errors = open_page(page, f"{streamlit_server}/workload?{query}")
    page.wait_for_function(f"() => ({CHIPS})().length >= 3", timeout=PATIENCE_MS)
    # The chips are drawn before the app's stylesheet reaches them: wait for the whole names to
    # be laid out (or the time to run out), then read them.
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_function(f"() => ({CHIPS})().every((chip) => !chip.cut)", timeout=20000)
    chips: list[dict[str, Any]] = page.evaluate(CHIPS)
    assert {chip["text"] for chip in chips} == {
        "Multi-stakeholder implementation",
        "WSIS-ES · WSIS Executive Secretariat",
        "BDT · Telecommunication Development Bureau",
    }
    assert not [chip for chip in chips if chip["cut"]]
    screenshot_full(page, "sidebar-whole-filter-names-1280.png")
    assert real_errors(errors) == []
