"""Browser-test fixtures: Chromium launch settings and Streamlit servers."""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import IO, Any

import pytest
from playwright.sync_api import Page, expect

from .helpers import screenshot_full

REPO_ROOT = Path(__file__).resolve().parents[2]
OUTPUT_DIR = REPO_ROOT / "test-output"
SYSTEM_CHROMIUM = Path("/usr/bin/chromium")
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

StartStreamlit = Callable[..., str]
# Playwright's expect() waits 5 s by default; on a loaded 2-core machine one Streamlit rerun
# can take longer. Assertions still wait for the condition, only the patience grows.
expect.set_options(timeout=60_000)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test under tests/browser with ``browser``."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    args = list(CHROMIUM_ARGS)
    if browser_type_launch_args.get("headless", True):
        args.insert(0, "--headless")
    launch = {**browser_type_launch_args, "args": args}
    if SYSTEM_CHROMIUM.exists():
        launch["executable_path"] = str(SYSTEM_CHROMIUM)
    return launch


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class _Server:
    def __init__(self, proc: subprocess.Popen[bytes], url: str, log_path: Path, log: IO[bytes]):
        self.proc = proc
        self.url = url
        self.log_path = log_path
        self.log = log

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self.log.close()


def _launch(script: Path, env: dict[str, str] | None, log_path: Path) -> _Server:
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log = log_path.open("wb")
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--browser.gatherUsageStats",
        "false",
    ]
    proc = subprocess.Popen(
        cmd,
        cwd=REPO_ROOT,
        env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    server = _Server(proc, url, log_path, log)
    deadline = time.monotonic() + HEALTH_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            server.stop()
            pytest.fail(
                f"streamlit exited with {proc.returncode} before becoming healthy; "
                f"log:\n{log_path.read_text(errors='replace')[-3000:]}"
            )
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.read().decode().strip() == "ok":
                    return server
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    server.stop()
    pytest.fail(
        f"streamlit not healthy at {url} after {HEALTH_TIMEOUT_S:.0f} s; "
        f"log:\n{log_path.read_text(errors='replace')[-3000:]}"
    )


@pytest.fixture(scope="session")
def start_streamlit() -> Iterator[StartStreamlit]:
    """Factory: ``start_streamlit(env=None, script=None) -> base URL``.

    Starts another Streamlit server (e.g. with another ``PLAN_CSV``) running ``script``
    (default: the repo's app.py) from the repo root; all are stopped at session end.
    """
    servers: list[_Server] = []

    def start(env: dict[str, str] | None = None, script: str | Path | None = None) -> str:
        script_path = Path(script) if script is not None else REPO_ROOT / "app.py"
        log_path = OUTPUT_DIR / f"streamlit-server-{len(servers) + 1}.log"
        server = _launch(script_path.resolve(), env, log_path)
        servers.append(server)
        return server.url

    yield start
    for server in servers:
        server.stop()


@pytest.fixture(scope="session")
def streamlit_server() -> Iterator[str]:
    """Base URL of the dashboard (app.py) served for the whole session."""
    server = _launch(REPO_ROOT / "app.py", None, OUTPUT_DIR / "streamlit-server.log")
    try:
        yield server.url
    finally:
        server.stop()


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
