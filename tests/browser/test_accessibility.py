"""WCAG 2.1 AA in real Chromium: axe-core on every page (default and filtered), the text inside
charts, names for charts and tables, one title per page, 200% zoom without sideways scrolling,
and the keyboard alone from the sidebar to the verbatim text behind a Workload bar."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from ui.registry import PAGES, PageEntry

from .a11y import chart_text_contrast, run_axe, unnamed_charts_and_tables
from .helpers import APP_TITLE, PATIENCE_MS, screenshot_full, show_page, wait_for_app_idle

# One filtered state for every page: a unit filter narrows every chart and table.
FILTERED = "?unit=BDT"
STATES = {"default": "", "filtered": FILTERED}
# Charts drawn on the bundled plan, at least: a page that draws fewer was not ready.
CHARTS_AT_LEAST = {"overview": 1, "workload": 4, "matrix": 1, "timeline": 1, "network": 1}


@pytest.fixture(scope="module")
def tab(browser: Browser) -> Iterator[Page]:
    """One browser tab for the module: pages are visited in turn, not reopened."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


# The filtered state is the outer loop, so one tab walks every page in one state, then the other.
@pytest.mark.parametrize("entry", PAGES, ids=[entry.name for entry in PAGES])
@pytest.mark.parametrize("state", list(STATES))
def test_axe_finds_nothing_serious(
    tab: Page,
    streamlit_server: str,
    entry: PageEntry,
    state: str,
    record_property: Callable[[str, object], None],
) -> None:
    show_page(tab, streamlit_server, entry, STATES[state], CHARTS_AT_LEAST.get(entry.name, 0))
    # WCAG 2.4.2: each page has a title of its own (distinct: test_page_titles_are_distinct).
    expect(tab).to_have_title(f"{entry.title} · {APP_TITLE}")
    report = run_axe(tab)
    checked, faint = chart_text_contrast(tab)
    charts, tables, unnamed = unnamed_charts_and_tables(tab)
    counts = report.counts()
    # Printed at the end of the run (tests/conftest.py), whichever worker ran the test.
    record_property(
        "summary",
        f"axe {entry.name} ({state}): critical {counts['critical']}, serious "
        f"{counts['serious']}, moderate {counts['moderate']}, minor {counts['minor']} "
        f"({', '.join(sorted(report.ids())) or 'none'}); chart texts checked {checked}, "
        f"under 4.5:1 {len(faint)}; charts {charts}, tables {tables}, unnamed {len(unnamed)}",
    )
    if report.blocking() or faint:
        screenshot_full(tab, f"a11y-{entry.name}-{state}.png", always=True)
    assert report.blocking() == []
    assert "heading-order" not in report.ids()
    assert faint == []
    assert unnamed == []
    if entry.name in CHARTS_AT_LEAST:
        assert checked > 0, "no chart text was found to check"


def test_page_titles_are_distinct() -> None:
    """The axe test above checks each page's title in the browser; here, that no two are alike."""
    titles = [f"{entry.title} · {APP_TITLE}" for entry in PAGES]
    assert len(set(titles)) == len(PAGES) == 8


def test_200_percent_zoom_needs_no_sideways_scrolling(
    browser: Browser, streamlit_server: str
) -> None:
    """A 1280 px window at 200% zoom lays the page out in 640 CSS px (WCAG 1.4.10 Reflow asks
    for 320 at 400%). The page body must not scroll sideways; a wide table may, inside itself.
    Layout depends on the CSS width only, so the pixels are not doubled (device scale 1): the
    same reflow for a quarter of the rasterising."""
    context = browser.new_context(viewport={"width": 640, "height": 800}, device_scale_factor=1)
    page = context.new_page()
    try:
        overflowing = {}
        for entry in PAGES:
            show_page(page, streamlit_server, entry, "", CHARTS_AT_LEAST.get(entry.name, 0))
            widths = page.evaluate(
                """() => {
                    const main = document.querySelector('[data-testid="stMain"]');
                    const root = document.documentElement;
                    return [root.scrollWidth, root.clientWidth, main.scrollWidth, main.clientWidth];
                }"""
            )
            if widths[0] > widths[1] + 1 or widths[2] > widths[3] + 1:
                overflowing[entry.name] = widths
                screenshot_full(page, f"zoom-200-{entry.name}.png", always=True)
        screenshot_full(page, "zoom-200-last-page.png")
        assert overflowing == {}
    finally:
        context.close()


FOCUSED = """() => {
    const el = document.activeElement;
    if (!el) return '';
    const label = el.getAttribute('aria-label') || el.textContent || '';
    return el.tagName + ' ' + label.trim().slice(0, 40);
}"""


def tab_to(page: Page, matches: str, what: str, limit: int = 200) -> None:
    """Press Tab until the focused element satisfies the JS predicate `matches` (on `el`); on
    failure, say which elements the focus went through."""
    path: list[str] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const el = document.activeElement; return !!({matches}); }}"):
            return
        path.append(page.evaluate(FOCUSED))
    raise AssertionError(f"{what} not reached with {limit} presses of Tab; focus went: {path}")


def test_the_keyboard_alone_reaches_the_source_text_behind_a_unit(
    tab: Page, streamlit_server: str
) -> None:
    tab.goto(streamlit_server)
    show_page(tab, streamlit_server, PAGES[0], "", CHARTS_AT_LEAST["overview"])
    # From the top of the page: the sidebar's link to Workload, then Enter.
    tab.locator("body").focus()
    tab_to(tab, "el.tagName === 'A' && el.textContent.trim() === 'Workload'", "the Workload link")
    # The focused link is outlined, not only faintly shaded (WCAG 2.4.7).
    tab.wait_for_function(
        "() => getComputedStyle(document.activeElement).outlineStyle === 'solid'", timeout=10000
    )
    tab.keyboard.press("Enter")
    tab.wait_for_function("() => location.pathname === '/workload'")
    visit_charts = CHARTS_AT_LEAST["workload"]
    tab.wait_for_function(
        "(n) => document.querySelectorAll('[data-testid=\"stPlotlyChart\"] .js-plotly-plot')"
        ".length >= n",
        arg=visit_charts,
        timeout=PATIENCE_MS,
    )
    wait_for_app_idle(tab, timeout=PATIENCE_MS)
    # The first "Show the activities of" box is the per-unit one: type a unit and press Enter.
    tab_to(
        tab,
        "el.getAttribute('aria-label') && el.getAttribute('aria-label')"
        ".startsWith('Show the activities of')",
        "the 'Show the activities of' box",
    )
    tab.keyboard.type("BDT")
    tab.keyboard.press("Enter")
    expect(tab.get_by_text(re.compile(r"^BDT: 18 leads, 10 assists"))).to_be_visible(
        timeout=PATIENCE_MS
    )
    wait_for_app_idle(tab, timeout=PATIENCE_MS)
    # The verbatim text shows at once under the unit's roles: no further key to press.
    verbatim = tab.locator('[data-testid="stCode"]', has_text="Lead: BDT. Assisted by TSB")
    expect(verbatim.first).to_be_visible(timeout=PATIENCE_MS)
    screenshot_full(tab, "keyboard-workload-bdt.png")
