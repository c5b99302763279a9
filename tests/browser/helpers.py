"""Helpers for browser tests against a running Streamlit app."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import ConsoleMessage, Error, Page

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = REPO_ROOT / "test-output" / "screenshots"

APP_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
# Every page starts with its st.title: once it is there, the app has run at least once (the
# script state reads "notRunning" before the first run starts, too).
PAGE_TITLE = '[data-testid="stMain"] h1'
CHARTS_RENDERED_JS = """() => Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"]'))
    .every((el) => el.querySelector('.js-plotly-plot') !== null)"""


def wait_for_app_idle(page: Page, timeout: float = 20000) -> None:
    """Wait until the page has been drawn, the script run finished and every Plotly chart has
    been drawn."""
    page.wait_for_selector(PAGE_TITLE, state="attached", timeout=timeout)
    page.wait_for_selector(APP_IDLE, state="attached", timeout=timeout)
    page.wait_for_function(CHARTS_RENDERED_JS, timeout=timeout)


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


def screenshot_full(page: Page, path: str | Path) -> Path:
    """Screenshot the whole app; relative paths go under test-output/screenshots/.

    Streamlit scrolls inside ``stMain``, so the viewport is resized to its scroll height first.
    """
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
