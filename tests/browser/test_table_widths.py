"""Tables that fit: at 1280 and 1500 px windows (sidebar open) no table of the bundled plan's
pages scrolls sideways, and its first column is the one a manager reads first. Screenshots of
each page go to test-output/screenshots/tables-<page>-<width>.png."""

from __future__ import annotations

import contextlib
from typing import Any

import pytest
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from .helpers import screenshot_full
from .test_pages import expect_no_exception, open_page, real_errors

# (url path, tables expected, first column of each table in page order)
PAGES = [
    ("", ["Activity", "Check"]),  # Overview: no-lead activities, audit checks
    ("workload", ["Unit", "Sector"]),
    ("matrix", ["Id"]),
    ("timeline", ["Start"]),
    ("network", ["Name"]),
    ("plan", ["Activity", "Check", "Title"]),
]
TABLES_LAID_OUT = """() => {
    const tables = Array.from(document.querySelectorAll('[data-testid="stDataFrame"]'));
    return tables.length > 0 && tables.every((el) => {
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


@pytest.mark.parametrize("width", [1280, 1500])
@pytest.mark.parametrize(("path", "first_columns"), PAGES)
def test_no_table_scrolls_sideways(
    page: Page, streamlit_server: str, width: int, path: str, first_columns: list[str]
) -> None:
    page.set_viewport_size({"width": width, "height": 1000})
    errors = open_page(page, f"{streamlit_server}/{path}")
    page.wait_for_function(TABLES_LAID_OUT, timeout=40000)
    tables: list[dict[str, Any]] = page.evaluate(TABLE_SIZES)
    assert [table["first"] for table in tables] == first_columns
    for table in tables:
        assert table["scrollWidth"] <= table["clientWidth"] + 1, (path, width, table)
    expect_no_exception(page)
    screenshot_full(page, f"tables-{path or 'overview'}-{width}.png")
    assert real_errors(errors) == []


CHIPS = """() => Array.from(
    document.querySelectorAll('[data-testid="stSidebar"] span[data-tag] > span')
).map((label) => ({text: label.textContent, cut: label.scrollWidth > label.clientWidth + 1}))"""


def test_chosen_filters_show_their_whole_names(page: Page, streamlit_server: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 1000})
    query = "unit=WSIS-ES&unit=BDT&pillar=Multi-stakeholder+implementation"
    errors = open_page(page, f"{streamlit_server}/workload?{query}")
    page.wait_for_function(f"() => ({CHIPS})().length >= 3", timeout=40000)
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
