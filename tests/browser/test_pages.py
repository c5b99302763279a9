"""The dashboard in real Chromium: every page through the sidebar, filters in the URL, a chart
click that opens the source text, a copied link, and plan text that must stay text."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page, expect

from ui.registry import PAGES as REGISTRY

from .helpers import (
    PATIENCE_MS,
    chart_texts_cut,
    console_errors,
    screenshot_full,
    wait_for_app_idle,
)

# At least this many charts drawn on the bundled plan, per page (every page of the registry).
MINIMUM_CHARTS = {"overview": 1, "workload": 2, "matrix": 1, "timeline": 1, "network": 1}
PAGES = [(entry.title, entry.url_path, MINIMUM_CHARTS.get(entry.name, 0)) for entry in REGISTRY]
SOURCE_TEXT_HEADING = "Allocation of responsibilities within ITU:"
# Streamlit's frontend first asks for these under the page's own path (/workload/_stcore/...)
# to find the app's base path, and gets a 404 before asking at the root: noise, not an error.
BASE_PATH_PROBE = re.compile(r"/[\w-]+/_stcore/(host-config|health)")


def real_errors(errors: list[str]) -> list[str]:
    return [error for error in errors if not BASE_PATH_PROBE.search(error)]


def open_page(page: Page, url: str) -> list[str]:
    errors = console_errors(page)
    page.goto(url)
    wait_for_app_idle(page, timeout=PATIENCE_MS)
    return errors


def expect_no_exception(page: Page) -> None:
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def chart_count(page: Page) -> int:
    return page.locator('[data-testid="stPlotlyChart"] .js-plotly-plot').count()


def wait_for_charts(page: Page, minimum: int) -> None:
    """The script state can read 'notRunning' just before a rerun starts: wait for the charts."""
    page.wait_for_function(
        "(n) => document.querySelectorAll("
        "'[data-testid=\"stPlotlyChart\"] .js-plotly-plot').length >= n",
        arg=minimum,
        timeout=PATIENCE_MS,
    )
    wait_for_app_idle(page, timeout=PATIENCE_MS)


def pick_in_multiselect(page: Page, label: str, option_text: str) -> None:
    """Open a sidebar multiselect by its label and choose the option that starts with the text."""
    box = page.locator('[data-testid="stMultiSelect"]').filter(has_text=label)
    box.locator("input").click()
    page.get_by_role("option", name=re.compile(rf"^{re.escape(option_text)}")).first.click()
    page.keyboard.press("Escape")


def query_of(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def first_chart_trace_lengths(page: Page) -> list[int]:
    return page.evaluate(
        """() => {
            const plot = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
            return plot.data.map((trace) => (trace.x || trace.y || []).length);
        }"""
    )


def test_every_page_through_the_sidebar(page: Page, streamlit_server: str) -> None:
    errors = open_page(page, streamlit_server)
    nav = page.locator('[data-testid="stSidebarNav"]')
    for link_text, url_path, minimum_charts in PAGES:
        nav.get_by_role("link", name=link_text, exact=True).click()
        # The default page lives at the root; the others at their own path.
        expected_path = "/" if url_path == "overview" else f"/{url_path}"
        page.wait_for_function(f"() => location.pathname === '{expected_path}'")
        wait_for_charts(page, minimum_charts)
        expect_no_exception(page)
        assert chart_count(page) >= minimum_charts, f"{link_text}: charts missing"
        # 1280 px wide: half-width charts are at their narrowest.
        cut = chart_texts_cut(page)
        assert cut == [], (link_text, cut)
        screenshot_full(page, f"page-{url_path}.png")
    assert real_errors(errors) == []


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


def test_a_copied_link_opens_the_same_view(page: Page, streamlit_server: str) -> None:
    link = f"{streamlit_server}/workload?unit=BDT&unit=TSB&pillar=Internet+Governance"
    errors = open_page(page, link)
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar.get_by_text("BDT · Telecommunication Development Bureau")).to_be_visible()
    expect(sidebar.get_by_text("TSB · Telecommunication Standardization Bureau")).to_be_visible()
    expect(sidebar.get_by_text("Internet Governance", exact=True)).to_be_visible()
    assert query_of(page)["unit"] == ["BDT", "TSB"]
    expect_no_exception(page)
    screenshot_full(page, "copied-link-workload.png")
    assert real_errors(errors) == []


def click_first_bar(page: Page) -> None:
    """Plotly's drag layer swallows element clicks: click the bar's centre by coordinates."""
    bar = page.locator('[data-testid="stPlotlyChart"] .js-plotly-plot .bars path').first
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


@pytest.mark.parametrize("url_path", ["plan?q=A02", "matrix", "workload"])
def test_markup_in_the_plan_shows_as_text(page: Page, hostile_plan_url: str, url_path: str) -> None:
    errors = open_page(page, f"{hostile_plan_url}/{url_path}")
    wait_for_charts(page, 0 if url_path.startswith("plan") else 1)
    if url_path.startswith("plan"):
        table = page.locator('[data-testid="stDataFrame"]').first
        expect(table).to_be_visible()
        shown = page.locator('[data-testid="stText"]', has_text=HOSTILE_TITLE)
        # The data grid draws on a canvas and may not take a click while it is still laying
        # out: click the first row's checkbox until the row's text is printed as text.
        for _ in range(5):
            box = table.bounding_box()
            assert box is not None
            page.mouse.click(box["x"] + 20, box["y"] + 55)
            try:
                expect(shown.first).to_be_visible(timeout=6000)
                break
            except AssertionError:
                page.wait_for_timeout(500)
        expect(shown.first).to_be_visible(timeout=10000)
    assert page.evaluate("() => window.__planScriptRan === undefined")
    assert page.locator("#injected").count() == 0
    expect_no_exception(page)
    screenshot_full(page, f"hostile-{url_path.split('?')[0]}.png")
    assert real_errors(errors) == []
