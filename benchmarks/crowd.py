"""A room opening the same link: what a new viewer costs the server, beside a bare Streamlit page
with one chart, and how 10, 30 and 60 viewers arriving within a minute are served, by one app
process and by `make serve`'s nginx with two. Headless Chromium (one context per viewer, so each
downloads the page as a new browser does), loopback only, bounded in count and time.

    python -m benchmarks.crowd [--crowds 10,30,60] [--viewers 8] [--json FILE]

Server CPU is CPU time (/proc/<pid>/stat, user + system) of the app processes, not wall time:
it holds on a machine other work shares; the wall-clock figures (to charts drawn) do not.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from playwright.async_api import Browser, async_playwright

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:  # run as a script
    sys.path.insert(0, str(REPO_ROOT))

from benchmarks.browser_bench import CHROMIUM_ARGS, DRAWN_JS, EXCEPTION, SYSTEM_CHROMIUM  # noqa: E402
from deploy.serve import (  # noqa: E402
    APP,
    deployment,
    free_port,
    stop,
    streamlit_command,
    wait_healthy,
)

OUTPUT_DIR = REPO_ROOT / "benchmarks" / "output"
ARRIVAL_WINDOW_S = 60.0  # the crowd arrives within a minute
VIEWER_TIMEOUT_S = 120.0  # a viewer not drawn by then counts as an error
VIEWPORT = {"width": 1280, "height": 800}
CPU_RATIO_LIMIT = 1.2
# The bare page: Streamlit's own cost of a page with one Plotly chart, nothing else.
BARE_SCRIPT = """import plotly.graph_objects as go
import streamlit as st

st.plotly_chart(go.Figure(go.Bar(x=["ITU-R", "ITU-T", "ITU-D", "GS"], y=[2, 9, 18, 23])))
"""


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def tree_cpu_seconds(pid: int) -> float:
    """CPU seconds of a process and its children (nginx's master does no work: its workers do)."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return cpu_seconds(pid) + sum(cpu_seconds(int(child)) for child in children)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def machine_load() -> float:
    """The one-minute load average: how busy the machine was besides this benchmark."""
    return float(Path("/proc/loadavg").read_text().split()[0])


class MemorySampler:
    """The peak of the summed resident memory of some processes, sampled every 0.2 s."""

    def __init__(self, pids: list[int]) -> None:
        self.pids = pids
        self.peak_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            with contextlib.suppress(OSError):
                self.peak_mb = max(self.peak_mb, sum(rss_mb(pid) for pid in self.pids))
            self._stop.wait(0.2)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


def wait_idle(pids: list[int], limit_s: float = 300.0) -> None:
    """Until the processes use under a tenth of a CPU over half a second (sessions finished)."""
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        before = sum(cpu_seconds(pid) for pid in pids)
        time.sleep(0.5)
        if sum(cpu_seconds(pid) for pid in pids) - before < 0.05:
            return


@dataclass
class Viewer:
    arrived_s: float  # seconds after the first viewer
    drawn_s: float | None = None  # from opening the link to every chart drawn
    error: str = ""


async def one_viewer(browser: Browser, url: str, delay_s: float, charts: int) -> Viewer:
    await asyncio.sleep(delay_s)
    viewer = Viewer(delay_s)
    context = await browser.new_context(viewport=VIEWPORT)  # type: ignore[arg-type]
    try:
        page = await context.new_page()
        started = time.perf_counter()
        await page.goto(url, wait_until="commit", timeout=VIEWER_TIMEOUT_S * 1000)
        await page.wait_for_function(DRAWN_JS, arg=charts, timeout=VIEWER_TIMEOUT_S * 1000)
        viewer.drawn_s = time.perf_counter() - started
        if await page.locator(EXCEPTION).count():
            viewer.error = "exception shown"
    except Exception as error:  # a viewer who is not served is counted, the others go on
        viewer.error = f"{type(error).__name__}: {str(error).splitlines()[0][:120]}"
    finally:
        await context.close()
    return viewer


async def viewers(url: str, delays: list[float], charts: int) -> list[Viewer]:
    async with async_playwright() as playwright:
        launch: dict[str, Any] = {"args": CHROMIUM_ARGS}
        if SYSTEM_CHROMIUM.exists():
            launch["executable_path"] = str(SYSTEM_CHROMIUM)
        browser = await playwright.chromium.launch(**launch)
        try:
            return list(
                await asyncio.gather(*(one_viewer(browser, url, d, charts) for d in delays))
            )
        finally:
            await browser.close()


@dataclass
class Served:
    """Where the viewers go and which processes serve them."""

    url: str
    app_pids: list[int]
    proxy_pid: int | None = None


@contextlib.contextmanager
def one_process(script: Path, log: Path) -> Iterator[Served]:
    """`script` served by one process with `make serve`'s production settings, no proxy."""
    port = free_port()
    log.parent.mkdir(parents=True, exist_ok=True)
    env = {key: value for key, value in os.environ.items() if key != "PLAN_CSV"}
    with log.open("wb") as handle:
        proc = subprocess.Popen(
            streamlit_command("127.0.0.1", port, script), cwd=REPO_ROOT, env=env,
            stdin=subprocess.DEVNULL, stdout=handle, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            url = f"http://127.0.0.1:{port}"
            wait_healthy(url, proc)
            yield Served(url, [proc.pid])
        finally:
            stop(proc)


@contextlib.contextmanager
def behind_nginx(replicas: int, log: Path, script: Path = APP) -> Iterator[Served]:
    log.parent.mkdir(parents=True, exist_ok=True)
    with (
        log.open("wb") as handle,
        deployment("127.0.0.1", free_port(), replicas, log=handle, script=script) as running,
    ):
        assert running.proxy is not None
        yield Served(running.url, [app.pid for app in running.apps], running.proxy.pid)


@dataclass
class ViewerCost:
    setup: str
    viewers: int
    cpu_s_per_viewer: float
    drawn_median_s: float | None
    errors: int
    proxy_cpu_s_per_viewer: float | None = None


def cost_per_viewer(served: Served, setup: str, count: int, charts: int) -> ViewerCost:
    """Server CPU seconds per new viewer: one viewer first (the process's own first run: imports,
    the plan), then `count` viewers one after another, each in a new browser context."""
    asyncio.run(viewers(served.url, [0.0], charts))
    wait_idle(served.app_pids)
    before = sum(cpu_seconds(pid) for pid in served.app_pids)
    proxy_before = tree_cpu_seconds(served.proxy_pid) if served.proxy_pid else 0.0
    results: list[Viewer] = []
    for _ in range(count):
        results += asyncio.run(viewers(served.url, [0.0], charts))
    wait_idle(served.app_pids)
    spent = sum(cpu_seconds(pid) for pid in served.app_pids) - before
    proxy = tree_cpu_seconds(served.proxy_pid) - proxy_before if served.proxy_pid else None
    drawn = [v.drawn_s for v in results if v.drawn_s is not None]
    return ViewerCost(
        setup, count, spent / count, statistics.median(drawn) if drawn else None,
        sum(1 for v in results if v.error), None if proxy is None else proxy / count,
    )  # fmt: skip


@dataclass
class CrowdRun:
    setup: str
    viewers: int
    cpu_s_per_viewer: float
    proxy_cpu_s: float | None
    drawn_p50_s: float | None
    drawn_p95_s: float | None
    drawn_max_s: float | None
    errors: int
    peak_rss_mb: float
    load_average: float
    error_kinds: list[str] = field(default_factory=list)


def percentile(values: list[float], share: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def crowd(served: Served, setup: str, count: int, charts: int) -> CrowdRun:
    """`count` viewers arriving evenly within ARRIVAL_WINDOW_S on a process already warm (one
    viewer served before): server CPU per viewer, time to charts drawn, errors, peak memory."""
    asyncio.run(viewers(served.url, [0.0], charts))
    wait_idle(served.app_pids)
    load = machine_load()
    before = sum(cpu_seconds(pid) for pid in served.app_pids)
    proxy_before = tree_cpu_seconds(served.proxy_pid) if served.proxy_pid else None
    delays = [ARRIVAL_WINDOW_S * index / count for index in range(count)]
    with MemorySampler(served.app_pids) as memory:
        results = asyncio.run(viewers(served.url, delays, charts))
        wait_idle(served.app_pids)
    spent = sum(cpu_seconds(pid) for pid in served.app_pids) - before
    proxy_spent = (
        tree_cpu_seconds(served.proxy_pid) - proxy_before
        if served.proxy_pid and proxy_before is not None
        else None
    )
    drawn = [v.drawn_s for v in results if v.drawn_s is not None]
    errors = [v.error for v in results if v.error]
    return CrowdRun(
        setup, count, spent / count, proxy_spent, percentile(drawn, 0.5),
        percentile(drawn, 0.95), max(drawn) if drawn else None, len(errors), memory.peak_mb,
        load, sorted(set(errors))[:5],
    )  # fmt: skip


def run(crowds: list[int], cost_viewers: int, log_dir: Path) -> dict[str, Any]:
    results: dict[str, Any] = {"load_average_before": machine_load(), "costs": [], "crowds": []}
    with tempfile.TemporaryDirectory(prefix="wsis-crowd-") as tmp:
        bare = Path(tmp) / "bare_one_chart.py"
        bare.write_text(BARE_SCRIPT, encoding="utf-8")
        for page, script in (("bare page", bare), ("dashboard", APP)):
            print(f"… cost per viewer: {page}, one process", file=sys.stderr, flush=True)
            with one_process(script, log_dir / f"crowd-cost-{script.stem}.log") as served:
                cost = cost_per_viewer(served, f"{page}, one process", cost_viewers, 1)
            results["costs"].append(asdict(cost))
            print(f"… cost per viewer: {page}, behind nginx", file=sys.stderr, flush=True)
            with behind_nginx(1, log_dir / f"crowd-cost-{script.stem}-nginx.log", script) as served:
                cost = cost_per_viewer(served, f"{page}, behind nginx", cost_viewers, 1)
            results["costs"].append(asdict(cost))
    costs = {cost["setup"]: cost["cpu_s_per_viewer"] for cost in results["costs"]}
    results["cpu_ratio"] = {
        setup: costs[f"dashboard, {setup}"] / costs[f"bare page, {setup}"]
        for setup in ("one process", "behind nginx")
    }
    for count in crowds:
        print(f"… {count} viewers, one process", file=sys.stderr, flush=True)
        with one_process(APP, log_dir / f"crowd-{count}-one.log") as served:
            results["crowds"].append(asdict(crowd(served, "one process", count, 1)))
        print(f"… {count} viewers, nginx and 2 processes", file=sys.stderr, flush=True)
        with behind_nginx(2, log_dir / f"crowd-{count}-nginx.log") as served:
            results["crowds"].append(asdict(crowd(served, "nginx, 2 processes", count, 1)))
    results["load_average_after"] = machine_load()
    return results


def ms(seconds: float | None) -> str:
    return "–" if seconds is None else f"{seconds * 1000:.0f}"


def markdown(results: dict[str, Any]) -> str:
    viewers_timed = results["costs"][0]["viewers"] if results["costs"] else 0
    out = [
        f"A new viewer's server CPU: {viewers_timed} viewers one after another, each in a new "
        "browser context, on a warm process, opening the link to the Overview page; the bare "
        "page is a Streamlit script drawing one Plotly bar chart, served the same way:",
        "",
        "| page | setup | app process CPU per viewer (ms) | nginx CPU per viewer (ms) "
        "| to charts drawn, median (ms) | errors |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for cost in results["costs"]:
        page, setup = cost["setup"].split(", ", 1)
        out.append(
            f"| {page} | {setup} | {ms(cost['cpu_s_per_viewer'])} "
            f"| {ms(cost['proxy_cpu_s_per_viewer'])} | {ms(cost['drawn_median_s'])} "
            f"| {cost['errors']} |"
        )
    out.append("")
    for setup, ratio in results.get("cpu_ratio", {}).items():
        verdict = "pass" if ratio <= CPU_RATIO_LIMIT else "**FAIL**"
        out.append(
            f"Dashboard / bare page, app process CPU per viewer, {setup}: **{ratio:.2f}x** "
            f"(budget ≤ {CPU_RATIO_LIMIT}x: {verdict})."
        )
    out += [
        "",
        "A crowd opening the link within a minute (viewers arrive evenly over 60 s; Chromium, "
        "the server and nginx share the same 2 cores):",
        "",
        "| setup | viewers | server CPU per viewer (ms) | nginx CPU (ms) | charts drawn p50 (ms) "
        "| p95 (ms) | slowest (ms) | errors | peak server memory (MB) | load average |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for item in results["crowds"]:
        out.append(
            f"| {item['setup']} | {item['viewers']} | {ms(item['cpu_s_per_viewer'])} "
            f"| {ms(item['proxy_cpu_s'])} | {ms(item['drawn_p50_s'])} | {ms(item['drawn_p95_s'])} "
            f"| {ms(item['drawn_max_s'])} | {item['errors']} | {item['peak_rss_mb']:.0f} "
            f"| {item['load_average']:.1f} |"
        )
    return "\n".join(out)


CROWD_DOC = REPO_ROOT / "docs" / "crowd.md"


def write_crowd_doc(results: dict[str, Any], target: Path = CROWD_DOC) -> Path:
    """docs/crowd.md: written by `make crowd` from what it measured, never by hand."""
    loads = (
        f"{results['load_average_before']:.1f} before, {results['load_average_after']:.1f} after"
    )
    text = (
        "# A room opening one link\n\n"
        f"Written by `make crowd` (`benchmarks/crowd.py`) on {time.strftime('%Y-%m-%d')}; JSON "
        "in `benchmarks/output/crowd.json`. Both servers run with `make serve`'s production "
        "settings. Server CPU is CPU time of the app processes (user + system, /proc), which "
        "other work on the machine hardly changes; times to charts drawn are wall-clock and "
        "are not: Chromium, the servers and any other work share the same cores. Load average "
        f"(1 min) of the machine: {loads}, on {os.cpu_count()} CPUs.\n\n" + markdown(results) + "\n"
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--crowds", default="10,30,60", help="viewer counts (default 10,30,60)")
    parser.add_argument("--viewers", type=int, default=8, help="viewers for the cost per viewer")
    parser.add_argument("--json", help="default benchmarks/output/crowd.json")
    parser.add_argument("--no-doc", action="store_true", help="do not write docs/crowd.md")
    args = parser.parse_args(argv)
    crowds = [int(c) for c in args.crowds.split(",") if c.strip()] if args.crowds else []
    if any(count > 100 for count in crowds):
        parser.error("at most 100 viewers: this machine runs the browsers too")
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    results = run(crowds, args.viewers, OUTPUT_DIR)
    print(markdown(results))
    target = Path(args.json) if args.json else OUTPUT_DIR / "crowd.json"
    target.write_text(json.dumps(results, indent=2), encoding="utf-8")
    if not args.no_doc:
        write_crowd_doc(results)
    print(f"\nFigures written to {target}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
