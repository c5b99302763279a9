"""Browser-test fixtures: Chromium launch settings and Streamlit servers."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, expect

from deploy.serve import local_server

from .helpers import screenshot_full

REPO_ROOT = Path(__file__).resolve().parents[2]
OUTPUT_DIR = REPO_ROOT / "test-output"
SYSTEM_CHROMIUM = Path("/usr/bin/chromium")
# Debian's build of Chromium's headless shell: the same Blink drawing the same pages, without
# the full browser's windowing layers, so each page costs it less CPU. Headed runs
# (`--headed`) need the full browser.
SYSTEM_HEADLESS_SHELL = Path("/usr/lib/chromium/chromium-headless-shell")
HEALTH_TIMEOUT_S = 30.0

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# Playwright's expect() waits 5 s by default; on a loaded 2-core machine one Streamlit rerun
# can take longer. Assertions still wait for the condition, only the patience grows.
expect.set_options(timeout=60_000)


# The pytest-xdist group (--dist loadgroup) of every test that uses the worker's dashboard.
APP_SERVER_GROUP = "app-server"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test under tests/browser with ``browser``, and put every test of the worker's
    dashboard (streamlit_server) on one worker: one server and one browser context then load the
    app, its caches and Streamlit's frontend once for all of them, not once on each worker."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)
            if "streamlit_server" in getattr(item, "fixturenames", ()):
                item.add_marker(pytest.mark.xdist_group(APP_SERVER_GROUP))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    args = list(CHROMIUM_ARGS)
    headless = browser_type_launch_args.get("headless", True)
    if headless:
        args.insert(0, "--headless")
    launch = {**browser_type_launch_args, "args": args}
    for executable in (SYSTEM_HEADLESS_SHELL, SYSTEM_CHROMIUM) if headless else (SYSTEM_CHROMIUM,):
        if executable.exists():
            launch["executable_path"] = str(executable)
            break
    return launch


@pytest.fixture(scope="session")
def shared_context(
    browser: Browser, browser_context_args: dict[str, Any]
) -> Iterator[BrowserContext]:
    """One browser context for the worker's tests: a tab in a new context loads and compiles
    Streamlit's frontend from nothing, one in the same context takes it from the HTTP and code
    caches. Each test still gets its own tab, so its own Streamlit session."""
    context = browser.new_context(**browser_context_args)
    yield context
    context.close()


class WorkerTab:
    """The worker's one tab, reused from test to test: a new tab starts a renderer and lays out
    Streamlit's frontend from nothing again. Tests open their first page by its link, so each
    still gets a Streamlit session of its own (its uploads and filters do not reach the next)."""

    def __init__(self, context: BrowserContext) -> None:
        self._context = context
        self._tab: Page | None = None

    def take(self) -> Page:
        if self._tab is None or self._tab.is_closed():
            self._tab = self._context.new_page()
        return self._tab

    def give_back(self, viewport: ViewportSize | None, *, failed: bool) -> None:
        """Undo what a test changed about the tab itself (window size, print media, routes);
        a tab left after a failure is closed, not reused."""
        tab = self._tab
        if tab is None or tab.is_closed():
            return
        if failed:
            self._tab = None
            tab.close()
            return
        tab.unroute_all(behavior="ignoreErrors")
        tab.emulate_media(media="null")
        if viewport is not None:
            tab.set_viewport_size(viewport)


@pytest.fixture(scope="session")
def worker_tab(shared_context: BrowserContext) -> WorkerTab:
    return WorkerTab(shared_context)


@pytest.fixture
def page(worker_tab: WorkerTab, request: pytest.FixtureRequest) -> Iterator[Page]:
    """The worker's tab (pytest-playwright's own opens a new context per test)."""
    tab = worker_tab.take()
    viewport = tab.viewport_size
    failed_before = request.session.testsfailed
    yield tab
    worker_tab.give_back(viewport, failed=request.session.testsfailed != failed_before)


@contextlib.contextmanager
def _served(script: Path, env: dict[str, str] | None, log_path: Path) -> Iterator[str]:
    """The URL of `script` served as `make run` serves it (deploy.serve.local_server); a server
    that never answers fails the test with the end of its log."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("wb") as log:
        try:
            with local_server(
                script,
                log=log,
                env={**os.environ, **(env or {})},
                production=False,
                timeout_s=HEALTH_TIMEOUT_S,
            ) as (url, _):
                yield url
        except RuntimeError as error:
            pytest.fail(f"{error}; log:\n{log_path.read_text(errors='replace')[-3000:]}")


@pytest.fixture(scope="session")
def streamlit_server() -> Iterator[str]:
    """Base URL of the dashboard (app.py) served for the whole session."""
    with _served(REPO_ROOT / "app.py", None, OUTPUT_DIR / "streamlit-server.log") as url:
        yield url


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """A failed browser test leaves a screenshot of what its page showed:
    test-output/screenshots/failed-<test>.png (screenshots of passing tests: SCREENSHOTS=1)."""
    report = yield
    if report.when == "call" and report.failed:
        funcargs = getattr(item, "funcargs", {})
        for name in ("page", "tab"):
            shown = funcargs.get(name)
            if isinstance(shown, tuple):  # a module's tab and what it collects
                shown = shown[0]
            if isinstance(shown, Page) and not shown.is_closed():
                safe = re.sub(r"[^\w.-]+", "-", item.name)[:120]
                with contextlib.suppress(Exception):
                    screenshot_full(shown, f"failed-{safe}.png", always=True)
                break
    return report
