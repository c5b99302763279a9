"""Helpers for browser tests against a running Streamlit app."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

from playwright.sync_api import ConsoleMessage, Error, Page, expect

from ui.registry import PageEntry

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = REPO_ROOT / "test-output" / "screenshots"

# How long a test waits for the app to answer (a page drawn, a rerun finished) before failing. A
# passing run never waits this long; a 2-core machine running other work (load 10 and more) can
# take over 40 s for one page, and that is slow, not broken.
PATIENCE_MS = 90_000
# How often wait_until asks the page again. Playwright's default asks on every animation
# frame, which keeps the renderer drawing frames, at the cost of a frame each, for as long as the
# wait lasts; a tenth of a second is soon enough for a test.
POLL_MS = 100
APP_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
# Every page starts with its st.title: once it is there, the app has run at least once (the
# script state reads "notRunning" before the first run starts, too).
PAGE_TITLE = '[data-testid="stMain"] h1'
CHARTS_RENDERED_JS = """() => Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"]'))
    .every((el) => el.querySelector('.js-plotly-plot') !== null)"""


def wait_until(page: Page, expression: str, arg: Any = None, timeout: float | None = None) -> None:
    """Wait until `expression` (JavaScript, given `arg`) holds in the page, asking every POLL_MS
    (`timeout` in ms; Playwright's default where None)."""
    page.wait_for_function(expression, arg=arg, timeout=timeout, polling=POLL_MS)


def wait_for_app_idle(page: Page, timeout: float = PATIENCE_MS) -> None:
    """Wait until the page has been drawn, the script run finished and every Plotly chart has
    been drawn."""
    page.wait_for_selector(PAGE_TITLE, state="attached", timeout=timeout)
    page.wait_for_selector(APP_IDLE, state="attached", timeout=timeout)
    wait_until(page, CHARTS_RENDERED_JS, timeout=timeout)


APP_TITLE = "WSIS plan dashboard"
CHARTS_AT_LEAST_JS = """(n) => document.querySelectorAll(
    '[data-testid="stPlotlyChart"] .js-plotly-plot').length >= n"""
HISTORY_SWITCH_JS = """(path) => {
    history.pushState({}, '', path);
    window.dispatchEvent(new PopStateEvent('popstate', {state: {}}));
}"""


def wait_for_charts(page: Page, minimum: int) -> None:
    """The script state can read 'notRunning' just before a rerun starts: wait for the charts."""
    wait_until(page, CHARTS_AT_LEAST_JS, arg=minimum, timeout=PATIENCE_MS)
    wait_for_app_idle(page, timeout=PATIENCE_MS)


def open_page(page: Page, url: str) -> list[str]:
    """Open `url` and wait until it is drawn; the console errors from then on (a list that fills
    as they happen)."""
    errors = console_errors(page)
    page.goto(url)
    wait_for_app_idle(page, timeout=PATIENCE_MS)
    return errors


def expect_no_exception(page: Page) -> None:
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def chart_count(page: Page) -> int:
    return page.locator('[data-testid="stPlotlyChart"] .js-plotly-plot').count()


# Streamlit's frontend first asks for these under the page's own path (/workload/_stcore/...)
# to find the app's base path, and gets a 404 before asking at the root: noise, not an error.
BASE_PATH_PROBE = re.compile(r"/[\w-]+/_stcore/(host-config|health)")


def real_errors(errors: list[str]) -> list[str]:
    return [error for error in errors if not BASE_PATH_PROBE.search(error)]


def pick_in_multiselect(page: Page, label: str, option_text: str) -> None:
    """Open a sidebar multiselect by its label and choose the option that starts with the text."""
    box = page.locator('[data-testid="stMultiSelect"]').filter(has_text=label)
    box.locator("input").click()
    page.get_by_role("option", name=re.compile(rf"^{re.escape(option_text)}")).first.click()
    page.keyboard.press("Escape")


def query_of(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def show_page(page: Page, server: str, entry: PageEntry, query: str = "", charts: int = 0) -> None:
    """Bring a page of the app up in `page` and wait until it is drawn with `charts` charts.

    When the tab already shows this server's app with the same filters, switch as a viewer does
    (follow_link). The filters stay in the session, and Chromium keeps Streamlit's frontend
    instead of loading it again: about a third of the CPU of opening the link. Otherwise open
    the link.
    """
    current = urlparse(page.url)
    same_app = page.url.startswith(server) and (
        parse_qs(current.query) == parse_qs(query.removeprefix("?"))
    )
    if not same_app:
        page.goto(f"{server}/{entry.url_path}{query}")
        wait_until_shown(page, entry, charts)
    else:
        follow_link(page, entry, charts, query)


def open_link_in_session(
    page: Page, server: str, link: str, entry: PageEntry, charts: int = 0
) -> None:
    """Follow `link` (a page's path and query) in the tab's own session when the tab shows this
    server's app, as the browser's Back and Forward do: the app reads every filter and weight
    the link holds anew (ui.state.follow_history) without loading Streamlit's frontend again.
    What else the session holds stays (an upload, what-if edits): for a session that has none.
    Otherwise open the link."""
    if page.url.startswith(server):
        page.evaluate(HISTORY_SWITCH_JS, f"/{link}")
    else:
        page.goto(f"{server}/{link}")
    wait_until_shown(page, entry, charts)


def follow_link(page: Page, entry: PageEntry, charts: int = 0, query: str = "") -> None:
    """Switch the tab's session to a page by its sidebar link (or, where a narrow window folds
    the sidebar away, by the browser's history, as the Back button would, with `query`), and
    wait until it is drawn with `charts` charts. The session, so an upload, stays."""
    if page.title() != f"{entry.title} · {APP_TITLE}":
        link = page.locator('[data-testid="stSidebarNav"]').get_by_role(
            "link", name=entry.title, exact=True
        )
        # A folded sidebar is moved out of the window, not hidden: look where the link is.
        box = link.bounding_box() if link.count() else None
        if box is not None and box["x"] >= 0:
            link.click()
        else:
            page.evaluate(HISTORY_SWITCH_JS, f"/{entry.url_path}{query}")
    wait_until_shown(page, entry, charts)


def wait_until_shown(page: Page, entry: PageEntry, charts: int) -> None:
    # The title is set early in the page's own run; idle after that means the run is over.
    title = f"{entry.title} · {APP_TITLE}"
    wait_until(page, "(title) => document.title === title", arg=title, timeout=PATIENCE_MS)
    page.wait_for_selector(PAGE_TITLE, state="attached", timeout=PATIENCE_MS)
    wait_until(page, CHARTS_AT_LEAST_JS, arg=charts, timeout=PATIENCE_MS)
    wait_for_app_idle(page, timeout=PATIENCE_MS)


# Every title, subtitle, axis title, legend entry and annotation of every chart, with where it
# ends against the chart's own width (pixels from the chart's left edge).
CHART_TEXTS_JS = """() => Array.from(
    document.querySelectorAll('[data-testid="stPlotlyChart"] svg.main-svg')
).flatMap((svg) => {
    const box = svg.getBoundingClientRect();
    return Array.from(svg.querySelectorAll('text')).map((t) => {
        const r = t.getBoundingClientRect();
        return {text: t.textContent.slice(0, 60), left: r.left - box.left,
                right: r.right - box.left, width: box.width, drawn: r.width > 0};
    // Bar labels too small for their bar are hidden by plotly (uniformtext): zero-sized.
    }).filter((t) => t.text.trim() && t.drawn);
})"""


def chart_texts_cut(page: Page) -> list[dict[str, object]]:
    """The chart texts that run past their chart's left or right edge (plotly draws no wrap:
    a long title or view line is cut there, on screen and in a saved image)."""
    texts = page.evaluate(CHART_TEXTS_JS)
    return [t for t in texts if t["left"] < -1 or t["right"] > t["width"] + 1]


# Streamlit's data grid draws on a canvas; its accessible header cells come once it is laid out.
TABLES_LAID_OUT = """(count) => {
    const tables = Array.from(document.querySelectorAll('[data-testid="stDataFrame"]'));
    return tables.length >= count && tables.every((el) => {
        const scroller = el.querySelector('.dvn-scroller');
        return scroller !== null && scroller.clientWidth > 100
            && el.querySelector('[role="columnheader"]') !== null;
    });
}"""
# Each table's scrolling width against its shown width, and its first column's heading.
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
# Every table's width (px) once the grid has laid itself out.
SCROLLER_WIDTHS = """() => Array.from(document.querySelectorAll('[data-testid="stDataFrame"]'))
    .map((el) => el.querySelector('.dvn-scroller').clientWidth)"""

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


def console_errors(page: Page) -> list[str]:
    """Collect console errors and uncaught page errors; the list fills as they happen.

    Attach before navigating: ``errors = console_errors(page); page.goto(url)``.
    """
    errors: list[str] = []

    def on_console(msg: ConsoleMessage) -> None:
        if msg.type == "error":
            errors.append(f"console.error: {msg.text} ({msg.location.get('url', '')})")

    def on_pageerror(exc: Error) -> None:
        errors.append(f"pageerror: {exc}")

    page.on("console", on_console)
    page.on("pageerror", on_pageerror)
    return errors


def screenshots_wanted() -> bool:
    """Screenshots of passing tests are for people looking at the pages (`make browser
    SCREENSHOTS=1`); a full-page shot re-lays out and rasterises the whole app, about a second of
    Chromium's time each, so a plain run takes them only of failures (tests/browser/conftest.py)."""
    return os.environ.get("SCREENSHOTS", "") not in ("", "0")


def screenshot_full(page: Page, path: str | Path, *, always: bool = False) -> Path | None:
    """Screenshot the whole app when screenshots are wanted (or ``always``); relative paths go
    under test-output/screenshots/.

    Streamlit scrolls inside ``stMain``, so the viewport is resized to its scroll height first.
    """
    if not (always or screenshots_wanted()):
        return None
    target = Path(path)
    if not target.is_absolute():
        target = SCREENSHOT_DIR / target
    target.parent.mkdir(parents=True, exist_ok=True)
    viewport = page.viewport_size or {"width": 1280, "height": 720}
    height = page.evaluate(
        """() => {
            const main = document.querySelector('[data-testid="stMain"]');
            return Math.max(main ? main.scrollHeight : 0, document.documentElement.scrollHeight);
        }"""
    )
    page.set_viewport_size({"width": viewport["width"], "height": max(int(height), 1)})
    try:
        page.screenshot(path=str(target), full_page=True)
    finally:
        page.set_viewport_size(viewport)
    return target
