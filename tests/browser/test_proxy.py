"""The dashboard as `make serve` runs it: two app processes with production settings behind nginx
(deploy/nginx.conf.template), on loopback. A viewer filters, switches page, uploads a plan and
downloads the briefing pack, all through the proxy; new viewers are spread over both processes
and a browser on each stays on its own; a colleague opens it by host name while one process is
killed, and that process comes back."""

from __future__ import annotations

import csv
import io
import os
import re
import signal
import time
import urllib.error
import urllib.request
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from playwright.sync_api import BrowserType, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from deploy.serve import Deployment, deployment, free_port, wait_healthy

from .helpers import (
    PATIENCE_MS,
    console_errors,
    expect_no_exception,
    open_page,
    query_of,
    real_errors,
    screenshot_full,
    wait_for_app_idle,
    wait_for_charts,
    wait_until,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
# One deployment for the module's tests: they run on one worker (xdist group), and its log is the
# worker's own, so another worker's deployment never writes into the lines read here.
pytestmark = pytest.mark.xdist_group("proxy")
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")
LOG = REPO_ROOT / "test-output" / f"serve-behind-nginx-{WORKER}.log"
# One access-log line: ... "GET /_stcore/stream HTTP/1.1" 101 ... upstream=127.0.0.1:PORT browser=ID
ACCESS = re.compile(r'"(?P<method>\S+) (?P<path>\S+) [^"]*" (?P<status>\d+) .* '
                    r"upstream=(?P<upstream>\S*) browser=(?P<browser>\S*)")  # fmt: skip
REMOVED_ROW = "A20"  # a leaf activity (no sub-items) of the bundled plan


BACKEND_COOKIE = "wsis_backend"  # nginx's sticky cookie: the process it hashes to
HOST_NAME = "dashboard.test"  # what colleagues type; Chromium is told it is 127.0.0.1


@pytest.fixture(scope="module")
def served() -> Iterator[Deployment]:
    """A deployment made for this module, nginx answering to HOST_NAME too."""
    LOG.parent.mkdir(parents=True, exist_ok=True)
    with (
        LOG.open("wb") as log,
        deployment("127.0.0.1", free_port(), 2, log=log, server_name=HOST_NAME) as running,
    ):
        yield running


def access_lines() -> list[dict[str, str]]:
    text = LOG.read_text(errors="replace")
    return [match.groupdict() for match in map(ACCESS.search, text.splitlines()) if match]


def stream_lines(lines: list[dict[str, str]]) -> list[dict[str, str]]:
    return [line for line in lines if line["path"].startswith("/_stcore/stream")]


def metric_value(page: Page, label: str) -> str:
    metric = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return metric.locator('[data-testid="stMetricValue"]').inner_text().strip()


def bundled_rows() -> list[list[str]]:
    text = (REPO_ROOT / "data" / "plan.csv").read_text(encoding="utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def write_rows(rows: list[list[str]], path: Path) -> Path:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def plan_without_one_row(folder: Path) -> Path:
    """The bundled plan less one leaf activity: 53 activities instead of 54."""
    rows = bundled_rows()
    kept = [row for row in rows if row[0] != REMOVED_ROW]
    assert len(kept) == len(rows) - 1, f"{REMOVED_ROW} is not one row of data/plan.csv"
    return write_rows(kept, folder / "revised-plan.csv")


def plan_with_a_blank_pillar(folder: Path) -> Path:
    rows = bundled_rows()
    pillar = rows[0].index("pillar")
    rows[1][pillar] = ""
    return write_rows(rows, folder / "broken-plan.csv")


def choose_unit(page: Page, code: str) -> None:
    """Type the unit's code in the 'ITU unit' filter and click its option (a rerun that lands
    while the list is open closes it: type again)."""
    box = page.locator('[data-testid="stMultiSelect"]').filter(has_text="ITU unit").locator("input")
    option = page.get_by_role("option", name=re.compile(rf"^{re.escape(code)}\b")).first
    for _ in range(5):
        box.click()
        box.fill(code)
        try:
            option.click(timeout=5000)
            break
        except PlaywrightTimeoutError:
            page.keyboard.press("Escape")
    page.keyboard.press("Escape")


def test_a_viewer_works_through_the_proxy_and_viewers_stay_on_their_process(
    page: Page,
    browser_type: BrowserType,
    browser_type_launch_args: dict[str, Any],
    served: Deployment,
    tmp_path: Path,
) -> None:
    """A viewer filters, switches page, uploads a plan, downloads the briefing pack and is
    refused a bad file, all through the proxy; then a colleague by host name on the other
    process while the viewer's is killed."""
    before = len(access_lines())
    errors = open_page(page, served.url)
    wait_for_charts(page, 1)
    assert metric_value(page, "Activities") == "54"

    # A filter: into the URL, and the figures follow.
    choose_unit(page, "BDT")
    wait_until(page, "() => location.search.includes('unit=BDT')")
    expect(
        page.locator('[data-testid="stMetric"]').filter(has_text="Activities").first
    ).not_to_contain_text("54")
    wait_for_app_idle(page, timeout=PATIENCE_MS)

    # Another page: the filter holds.
    nav = page.locator('[data-testid="stSidebarNav"]')
    nav.get_by_role("link", name="Workload", exact=True).click()
    wait_until(page, "() => location.pathname === '/workload'")
    wait_for_charts(page, 2)
    assert query_of(page)["unit"] == ["BDT"]
    expect_no_exception(page)

    # An upload: the file goes (by HTTP, not the websocket) to the process holding the session.
    nav.get_by_role("link", name="Overview", exact=True).click()
    wait_until(page, "() => location.pathname === '/'")
    # A click while the page's run is drawing can be lost: the button is drawn anew.
    wait_for_app_idle(page, timeout=PATIENCE_MS)
    page.locator('[data-testid="stSidebar"] button', has_text="Clear all filters").click()
    wait_until(page, "() => !location.search.includes('unit=')")
    wait_for_charts(page, 1)
    uploader = page.locator('[data-testid="stFileUploader"] input[type="file"]')
    uploader.set_input_files(plan_without_one_row(tmp_path))
    expect(page.get_by_text("Plan: upload: revised-plan.csv", exact=False).first).to_be_visible(
        timeout=PATIENCE_MS
    )
    wait_for_charts(page, 1)
    assert metric_value(page, "Activities") == "53"

    # The briefing pack, built on click and downloaded from the same process (its /media URL).
    slides = page.get_by_role("button", name="Download briefing pack (.pptx)")
    expect(slides).to_be_visible(timeout=60000)
    with page.expect_download(timeout=120000) as download_info:
        slides.click()
    saved = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(saved)
    assert saved.suffix == ".pptx"
    with zipfile.ZipFile(saved) as deck:
        assert any(name.startswith("ppt/slides/slide") for name in deck.namelist())

    # A bad file after a good one: its problems are listed and the good upload stays in use.
    uploader.set_input_files(plan_with_a_blank_pillar(tmp_path))
    expect(page.get_by_text("The upload broken-plan.csv could not be read").first).to_be_visible(
        timeout=PATIENCE_MS
    )
    wait_for_charts(page, 1)
    assert metric_value(page, "Activities") == "53"
    expect(page.get_by_text("Plan: upload: revised-plan.csv", exact=False).first).to_be_visible()
    expect_no_exception(page)
    screenshot_full(page, "behind-nginx.png")
    assert real_errors(errors) == []
    a_colleague_by_host_name_on_the_other_process_while_the_first_is_killed(
        page, browser_type, browser_type_launch_args, served, before
    )


def app_processes_of(lines: list[dict[str, str]]) -> dict[str, set[str]]:
    """The app processes each browser's requests went to, by its cookie (nginx answers the
    static files itself: no process)."""
    processes: dict[str, set[str]] = defaultdict(set)
    for line in lines:
        if line["upstream"] not in ("", "-") and line["browser"] != "-":
            processes[line["browser"]].add(line["upstream"])
    return processes


def new_viewers(url: str, count: int) -> dict[str, str]:
    """The cookie nginx gives each of `count` new viewers with their first request (no cookie
    yet), and the app process that answered it: {cookie: process address}."""
    answered: dict[str, str] = {}
    for viewer in range(count):
        path = f"/_stcore/health?new-viewer={viewer}"
        with urllib.request.urlopen(f"{url}{path}", timeout=10) as answer:
            cookies = SimpleCookie()
            for header in answer.headers.get_all("Set-Cookie"):  # Streamlit sets one too
                cookies.load(header)
            cookie = cookies[BACKEND_COOKIE].value
        # nginx writes the line once the answer is sent: wait for it.
        for _ in range(50):
            lines = [line for line in access_lines() if line["path"] == path]
            if lines:
                break
            time.sleep(0.1)
        answered[cookie] = lines[0]["upstream"]
    return answered


def a_colleague_by_host_name_on_the_other_process_while_the_first_is_killed(
    page: Page,
    browser_type: BrowserType,
    browser_type_launch_args: dict[str, Any],
    served: Deployment,
    before: int,
) -> None:
    """New viewers (first requests without the cookie) are spread over both processes. Then
    `kill -9` of the viewer's process: nginx answers from the other, and a colleague opening
    http://dashboard.test:PORT with a cookie nginx gave a new viewer of the other process sees
    the page drawn (the websocket's Origin matches the Host the app receives). Every request and
    the websocket of each browser went to one and the same process, both processes served a
    websocket, and the killed process is started again and answers its health check."""
    app_addresses = [app_url.removeprefix("http://") for app_url in served.app_urls]
    # Each new viewer is hashed on its own random request id: after 12, both processes are in
    # use (all 12 on one: 1 chance in 2,048).
    answered = new_viewers(served.url, 12)
    assert set(answered.values()) == set(app_addresses)
    own = {c["name"]: c["value"] for c in page.context.cookies(served.url)}[BACKEND_COOKIE]
    # nginx writes a websocket's line when it closes: each viewer's tab leaves the app once
    # drawn (the worker's tab is left open for the next test: a new tab costs more).
    page.goto("about:blank")
    its_process = app_processes_of(access_lines())[own]
    assert len(its_process) == 1
    other_cookie = next(c for c, process in answered.items() if process not in its_process)

    index = app_addresses.index(next(iter(its_process)))
    killed = served.apps[index]
    os.kill(killed.pid, signal.SIGKILL)
    killed.wait()
    # Each cookie hashes to one process; about half of these to the killed one.
    for probe in range(20):
        request = urllib.request.Request(
            f"{served.url}/_stcore/health", headers={"Cookie": f"{BACKEND_COOKIE}=probe-{probe}"}
        )
        with urllib.request.urlopen(request, timeout=10) as answer:
            assert answer.read() == b"ok"
    with pytest.raises(urllib.error.URLError):  # still down: the answers came from the other
        urllib.request.urlopen(f"{served.app_urls[index]}/_stcore/health", timeout=2)

    port = urlparse(served.url).port
    rules = f"--host-resolver-rules=MAP {HOST_NAME} 127.0.0.1"
    args = [*browser_type_launch_args.get("args", []), rules]
    by_name = browser_type.launch(**{**browser_type_launch_args, "args": args})
    try:
        colleague = by_name.new_context()
        colleague.add_cookies(
            [{"name": BACKEND_COOKIE, "value": other_cookie, "url": f"http://{HOST_NAME}:{port}"}]
        )
        viewer = colleague.new_page()
        errors = console_errors(viewer)
        response = viewer.goto(f"http://{HOST_NAME}:{port}/")
        assert response is not None
        assert response.headers["x-frame-options"] == "SAMEORIGIN"
        assert response.headers["content-security-policy"] == "frame-ancestors 'self'"
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "same-origin"
        wait_for_app_idle(viewer)
        wait_for_charts(viewer, 1)
        assert metric_value(viewer, "Activities") == "54"
        screenshot_full(viewer, "behind-nginx-by-host-name.png")
        assert real_errors(errors) == []
    finally:
        by_name.close()

    for _ in range(50):
        if len(stream_lines(access_lines()[before:])) >= 2:
            break
        time.sleep(0.2)
    lines = access_lines()[before:]
    streams = stream_lines(lines)
    assert streams and all(line["status"] == "101" for line in streams)
    assert {line["upstream"] for line in streams} == set(app_addresses)
    # Sticky: every request a viewer sent to an app process went to one and the same process.
    upstreams_of = app_processes_of(lines)
    assert set(upstreams_of) >= {own, other_cookie}
    assert all(len(used) == 1 for used in upstreams_of.values())

    deadline = time.monotonic() + 60
    while served.apps[index] is killed and time.monotonic() < deadline:
        time.sleep(0.2)
    assert served.apps[index] is not killed, "the killed app process was not started again"
    wait_healthy(served.app_urls[index], served.apps[index])
    said = LOG.read_text(errors="replace")
    address = app_addresses[index]
    assert f"serve: app process {address} exited with -9; starting it again in 1 s" in said
