"""In real Chromium against a real `streamlit run` of the bench app (app.py with floor pages,
benchmarks/bench_app.py): a click on a page's link to all its charts drawn, beside the same click
on its floor page's link; a first visit by its URL; a filter change to all charts redrawn; and the
server's peak resident memory."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

from benchmarks.bench_app import APP, floor_title, page_url
from deploy.serve import local_server
from ui.registry import PageEntry

SYSTEM_CHROMIUM = Path("/usr/bin/chromium")
# As tests/browser/conftest.py launches it (no network, no GPU, no sandbox in containers).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
HEALTH_TIMEOUT_S = 30.0
WAIT_MS = 60_000
SLOW_S = 15.0
UNIT_FILTER = ".st-key-f_units input"
EXCEPTION = '[data-testid="stException"]'
VIEWPORT = {"width": 1400, "height": 1000}

# A run is over when the app says so and every chart slot holds a drawn Plotly plot; `expected`
# charts must be there (a page still building has fewer).
DRAWN_JS = """(expected) => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
    const charts = Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"]'));
    return charts.length >= expected && charts.every((el) => el.querySelector('.js-plotly-plot'));
}"""
# Records, from the moment it is installed, whether a script run has started: the app said it is
# running, or page elements were added or removed. React may draw a short run's start and end in
# one render, so the "running" state alone is never seen for a fast page (its wait timed out).
WATCH_RERUN_JS = """() => {
    window.__benchRerunSeen = false;
    const app = document.querySelector('[data-testid="stApp"]');
    const main = document.querySelector('[data-testid="stMain"]') || app;
    const ELEMENT = '[data-testid="stElementContainer"]';
    const isElement = (node) => node.nodeType === Node.ELEMENT_NODE
        && (node.matches(ELEMENT) || node.querySelector(ELEMENT) !== null);
    const started = (record) => record.type === 'attributes'
        ? ['running', 'rerunRequested'].includes(app.getAttribute('data-test-script-state'))
        : [...record.addedNodes, ...record.removedNodes].some(isElement);
    const observer = new MutationObserver((records) => {
        if (records.some(started)) window.__benchRerunSeen = true;
    });
    observer.observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
    observer.observe(main, {childList: true, subtree: true});
    window.__benchObserver = observer;
}"""
REDRAWN_JS = """() => {
    if (!window.__benchRerunSeen) return false;
    const app = document.querySelector('[data-testid="stApp"]');
    if (app.getAttribute('data-test-script-state') !== 'notRunning') return false;
    return Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"]'))
        .every((el) => el.querySelector('.js-plotly-plot'));
}"""


# As REDRAWN_JS, and at least `expected` charts drawn (the page just left may have had fewer).
REDRAWN_EXPECTED_JS = """(expected) => {
    if (!window.__benchRerunSeen) return false;
    const app = document.querySelector('[data-testid="stApp"]');
    if (app.getAttribute('data-test-script-state') !== 'notRunning') return false;
    const charts = Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"]'));
    return charts.length >= expected && charts.every((el) => el.querySelector('.js-plotly-plot'));
}"""
NAV = '[data-testid="stSidebarNav"]'


@dataclass
class BrowserPage:
    page: str
    click_s: list[float] = field(default_factory=list)  # click on its link to charts drawn
    floor_click_s: list[float] = field(default_factory=list)  # the same for its floor page
    navigation_s: list[float] = field(default_factory=list)
    first_navigation_s: float | None = None  # the server's first run of this page
    filter_change_s: list[float] = field(default_factory=list)
    error: str = ""


@dataclass
class ServerRun:
    plan: str
    pages: list[BrowserPage]
    peak_rss_mb: float | None
    rss_mb: float | None
    log_tail: str = ""


@contextlib.contextmanager
def streamlit_server(
    plan_csv: Path | None, log_path: Path, script: Path = APP
) -> Iterator[tuple[str, int]]:
    """(base URL, pid) of `streamlit run app.py` started for the benchmark; stopped after."""
    env = {**os.environ}
    env.pop("PLAN_CSV", None)
    if plan_csv is not None:
        env["PLAN_CSV"] = str(plan_csv)
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with (
        log_path.open("wb") as log,
        local_server(script, log=log, env=env, production=False, timeout_s=HEALTH_TIMEOUT_S) as (
            url,
            proc,
        ),
    ):
        yield url, proc.pid


@contextlib.contextmanager
def chromium() -> Iterator[Browser]:
    launch: dict[str, object] = {"args": CHROMIUM_ARGS}
    if SYSTEM_CHROMIUM.exists():
        launch["executable_path"] = str(SYSTEM_CHROMIUM)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch)  # type: ignore[arg-type]
        try:
            yield browser
        finally:
            browser.close()


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_until_idle(pid: int, limit_s: float = 900.0) -> float:
    """Seconds until the server uses under a tenth of a CPU over a second (a script run that the
    browser gave up on keeps running in the server)."""
    start = time.monotonic()
    with contextlib.suppress(OSError):
        while time.monotonic() - start < limit_s:
            before = _cpu_seconds(pid)
            time.sleep(1.0)
            if _cpu_seconds(pid) - before < 0.1:
                break
    return time.monotonic() - start


def memory_mb(pid: int) -> tuple[float | None, float | None]:
    """(VmHWM, VmRSS) of a process in MB, from /proc/<pid>/status."""
    found: dict[str, float] = {}
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmHWM", "VmRSS"):
                found[key] = int(value.split()[0]) / 1024
    return found.get("VmHWM"), found.get("VmRSS")


def navigate(page: Page, url: str, expected_charts: int) -> float:
    start = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.wait_for_function(DRAWN_JS, arg=expected_charts, timeout=WAIT_MS)
    return time.perf_counter() - start


def change_unit_filter(page: Page, typed: str | None) -> float:
    """Add the unit `typed` to the 'ITU unit' filter (or, with None, remove the last one chosen)
    and time until the rerun is over and every chart is drawn."""
    box = page.locator(UNIT_FILTER)
    box.click()
    if typed is None:
        page.evaluate(WATCH_RERUN_JS)
        start = time.perf_counter()
        box.press("Backspace")
    else:
        box.fill(typed)
        # Enter would take the first option, "Select N matches" (a fuzzy match): click the unit.
        option = page.get_by_role("option", name=re.compile(rf"^{re.escape(typed)}\b"))
        option.first.wait_for(timeout=WAIT_MS)
        page.evaluate(WATCH_RERUN_JS)
        start = time.perf_counter()
        option.first.click()
    page.wait_for_function(REDRAWN_JS, timeout=WAIT_MS)
    elapsed = time.perf_counter() - start
    page.keyboard.press("Escape")
    return elapsed


def click_link(page: Page, title: str, expected_charts: int) -> float:
    """Seconds from a click on the navigation link `title` to the page's charts drawn."""
    nav = page.locator(NAV)
    link = nav.get_by_role("link", name=title, exact=True)
    if not link.is_visible():  # a long navigation is folded: "View N more"
        more = nav.get_by_role("button", name=re.compile(r"View \d+ more"))
        if more.count():
            more.first.click()
    page.evaluate(WATCH_RERUN_JS)
    start = time.perf_counter()
    link.click()
    page.wait_for_function(REDRAWN_EXPECTED_JS, arg=expected_charts, timeout=WAIT_MS)
    return time.perf_counter() - start


def exceptions_shown(page: Page) -> int:
    return int(page.locator(EXCEPTION).count())


def bare_navigation(log_dir: Path, navigations: int = 3) -> list[float]:
    """Navigation to a drawn page of a script that draws nothing: what the server, the websocket
    and the frontend cost before any page code runs (the floor of 'first page drawn')."""
    with tempfile.TemporaryDirectory(prefix="wsis-bare-") as tmp:
        script = Path(tmp) / "bare.py"
        script.write_text('import streamlit as st\n\nst.title("bare")\n', encoding="utf-8")
        with (
            streamlit_server(None, log_dir / "streamlit-bare.log", script) as (url, _),
            chromium() as browser,
        ):
            page = browser.new_page(viewport=VIEWPORT)
            navigate(page, url, 0)
            return [navigate(page, url, 0) for _ in range(navigations)]


def fresh_server_deep_link(pages: list[PageEntry], log_dir: Path) -> str:
    """What a shared link to a page (the first one not served at the root) shows when it is the
    first request a new server gets."""
    deep = [page for page in pages if page_url(page)]  # the default page is the root itself
    if not deep:
        return ""
    with (
        streamlit_server(None, log_dir / "streamlit-deeplink.log") as (url, _),
        chromium() as browser,
    ):
        page = browser.new_page(viewport=VIEWPORT)
        navigate(page, f"{url}/{page_url(deep[0])}", 0)
        shown = exceptions_shown(page)
        if not shown:
            return "ok"
        text = page.locator(EXCEPTION).first.inner_text()
        return f"exception: {text.splitlines()[0][:160]}"


def run_server(
    plan_csv: Path | None,
    label: str,
    pages: list[PageEntry],
    expected_charts: dict[str, int],
    log_dir: Path,
    script: Path = APP,
    navigations: int = 3,
    filter_units: tuple[str, ...] = ("BDT", "TSB"),
) -> ServerRun:
    """Show every page: first visit by URL, then `navigations` clicks on its link, each followed
    by a click on its floor page's link (when `script` is the bench app and the page draws a
    chart or a table); change the unit filter; then read the server's peak memory."""
    results: list[BrowserPage] = []
    log_path = log_dir / f"streamlit-{label}.log"
    with_floors = script != APP
    with streamlit_server(plan_csv, log_path, script) as (url, pid), chromium() as browser:
        context = browser.new_context(viewport=VIEWPORT)
        page = context.new_page()
        # The root first: a server that never ran app.py serves deep links in the legacy
        # pages/ folder mode (see fresh_server_deep_link), and users arrive at the root first.
        navigate(page, url, 0)
        for ref in pages:
            result = BrowserPage(ref.name)
            target = f"{url}/{page_url(ref)}"
            expected = expected_charts.get(ref.name, 0)
            try:
                result.first_navigation_s = navigate(page, target, expected)
                # A page far over budget is timed once: repeating it only burns the run.
                slow = result.first_navigation_s > SLOW_S
                floor = with_floors and ref.name in expected_charts
                for _ in range(1 if slow else navigations):
                    if floor:
                        result.floor_click_s.append(click_link(page, floor_title(ref), expected))
                    result.click_s.append(click_link(page, ref.title, expected))
                result.navigation_s = [navigate(page, target, expected)]
                if exceptions_shown(page):
                    result.error = (
                        "exception shown: "
                        + page.locator(EXCEPTION).first.inner_text().splitlines()[0][:160]
                    )
                for unit in filter_units[:1] if slow else filter_units:
                    result.filter_change_s.append(change_unit_filter(page, unit))
                for _ in filter_units[:1] if slow else filter_units:
                    result.filter_change_s.append(change_unit_filter(page, None))
            except Exception as error:  # a page that fails is reported, the rest still run
                result.error = f"{type(error).__name__}: {str(error).splitlines()[0][:200]}"
                # The abandoned run may still be computing: let it finish before timing others.
                busy = wait_until_idle(pid)
                result.error += f" (server busy {busy:.0f} s more)"
            results.append(result)
        context.close()
        peak, rss = memory_mb(pid)
    tail = log_path.read_text(errors="replace")[-2000:] if log_path.exists() else ""
    return ServerRun(label, results, peak, rss, tail)
