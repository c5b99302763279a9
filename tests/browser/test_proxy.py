"""The dashboard as `make serve` runs it: two app processes with production settings behind nginx
(deploy/nginx.conf.template), on loopback. A viewer filters, switches page, uploads a plan and
downloads the briefing pack, all through the proxy; several browsers are spread over both
processes and each stays on its own."""

from __future__ import annotations

import csv
import io
import os
import re
import time
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from deploy.serve import deployment, free_port

from .helpers import PATIENCE_MS, screenshot_full, wait_for_app_idle
from .test_pages import (
    expect_no_exception,
    open_page,
    query_of,
    real_errors,
    wait_for_charts,
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


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[str, list[str]]]:
    """(nginx URL, the app processes' addresses) of a deployment made for this module."""
    LOG.parent.mkdir(parents=True, exist_ok=True)
    with LOG.open("wb") as log, deployment("127.0.0.1", free_port(), 2, log=log) as running:
        yield running.url, [url.removeprefix("http://") for url in running.app_urls]


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


def test_a_viewer_works_through_the_proxy(
    page: Page, served: tuple[str, list[str]], tmp_path: Path
) -> None:
    url, _ = served
    errors = open_page(page, url)
    wait_for_charts(page, 1)
    assert metric_value(page, "Activities") == "54"

    # A filter: into the URL, and the figures follow.
    choose_unit(page, "BDT")
    page.wait_for_function("() => location.search.includes('unit=BDT')")
    expect(
        page.locator('[data-testid="stMetric"]').filter(has_text="Activities").first
    ).not_to_contain_text("54")
    wait_for_app_idle(page, timeout=PATIENCE_MS)

    # Another page: the filter holds.
    nav = page.locator('[data-testid="stSidebarNav"]')
    nav.get_by_role("link", name="Workload", exact=True).click()
    page.wait_for_function("() => location.pathname === '/workload'")
    wait_for_charts(page, 2)
    assert query_of(page)["unit"] == ["BDT"]
    expect_no_exception(page)

    # An upload: the file goes (by HTTP, not the websocket) to the process holding the session.
    nav.get_by_role("link", name="Overview", exact=True).click()
    page.wait_for_function("() => location.pathname === '/'")
    page.locator('[data-testid="stSidebar"] button', has_text="Clear all filters").click()
    page.wait_for_function("() => !location.search.includes('unit=')")
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


def test_browsers_are_spread_over_both_processes_and_stay_on_theirs(
    browser: Browser, served: tuple[str, list[str]]
) -> None:
    url, app_addresses = served
    before = len(access_lines())
    # Each new browser context is a new viewer with its own cookies. The cookie is random, so
    # both processes are in use after a few viewers (12 all on one: 1 chance in 2,048).
    for _ in range(12):
        context = browser.new_context()
        viewer = context.new_page()
        viewer.goto(url)
        wait_for_app_idle(viewer, timeout=PATIENCE_MS)
        seen = len(stream_lines(access_lines()[before:]))
        context.close()
        # nginx writes the websocket's line when it closes: wait for it.
        for _ in range(50):
            if len(stream_lines(access_lines()[before:])) > seen:
                break
            time.sleep(0.2)
        if {line["upstream"] for line in stream_lines(access_lines()[before:])} >= set(
            app_addresses
        ):
            break
    lines = access_lines()[before:]
    streams = stream_lines(lines)
    assert streams and all(line["status"] == "101" for line in streams)
    assert {line["upstream"] for line in streams} == set(app_addresses)
    # Sticky: every request a viewer sent to an app process went to one and the same process.
    upstreams_of: dict[str, set[str]] = defaultdict(set)
    for line in lines:
        if line["upstream"] not in ("", "-") and line["browser"] != "-":
            upstreams_of[line["browser"]].add(line["upstream"])
    assert upstreams_of and all(len(used) == 1 for used in upstreams_of.values())
