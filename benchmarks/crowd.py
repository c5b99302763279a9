"""A room opening the same link: what a new viewer costs the server, beside a bare Streamlit page
with one chart, and how 10, 30 and 60 viewers arriving within a minute are served, by one app
process and by `make serve`'s nginx with two. Loopback only, bounded in count and time.

    python -m benchmarks.crowd [--crowds 10,30,60] [--viewers 8] [--json FILE]

The cost per viewer uses headless Chromium (one context per viewer, so each downloads the page as
a new browser does). The crowds use protocol viewers (benchmarks/crowd_protocol.py): each fetches
the files a real Chromium fetched and runs the page over Streamlit's websocket, without drawing
it, so that 60 viewers within a minute measure the server, not 60 browsers on the same 2 cores;
the last arrival of each crowd is a real Chromium, for a true time to charts drawn.

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

from benchmarks import crowd_protocol as protocol  # noqa: E402
from benchmarks.browser_bench import CHROMIUM_ARGS, DRAWN_JS, EXCEPTION, SYSTEM_CHROMIUM  # noqa: E402
from deploy.serve import (  # noqa: E402
    APP,
    deployment,
    free_port,
    local_server,
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
    log.parent.mkdir(parents=True, exist_ok=True)
    env = {key: value for key, value in os.environ.items() if key != "PLAN_CSV"}
    with log.open("wb") as handle, local_server(script, log=handle, env=env) as (url, proc):
        yield Served(url, [proc.pid])


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
    cpu_s_per_viewer: float  # the viewer's own cost: measured CPU less the idle background
    drawn_median_s: float | None
    errors: int
    proxy_cpu_s_per_viewer: float | None = None
    measured_cpu_s_per_viewer: float = 0.0  # all the CPU the app processes used meanwhile
    idle_cpu_s_per_s: float = 0.0  # what they use with no viewer at all
    wall_s_per_viewer: float = 0.0


IDLE_SAMPLE_S = 10.0


def idle_cpu_rate(pids: list[int], seconds: float = IDLE_SAMPLE_S) -> float:
    """CPU seconds per second the processes use with nobody connected: Streamlit polls its
    config file five times a second and uvicorn ticks ten times a second (about 5 ms/s here)."""
    before, started = sum(cpu_seconds(pid) for pid in pids), time.monotonic()
    time.sleep(seconds)
    return (sum(cpu_seconds(pid) for pid in pids) - before) / (time.monotonic() - started)


def cost_per_viewer(served: Served, setup: str, count: int, charts: int) -> ViewerCost:
    """Server CPU seconds per new viewer: one viewer first (the process's own first run: imports,
    the plan), then `count` viewers one after another, each in a new browser context.

    The idle background (measured before, for IDLE_SAMPLE_S) times the wall time the viewers
    took is subtracted: on a loaded machine a viewer takes 10-50 s from launching Chromium to
    charts drawn, and the background alone would then outweigh what the viewer costs."""
    asyncio.run(viewers(served.url, [0.0], charts))
    wait_idle(served.app_pids)
    idle = idle_cpu_rate(served.app_pids)
    before = sum(cpu_seconds(pid) for pid in served.app_pids)
    proxy_before = tree_cpu_seconds(served.proxy_pid) if served.proxy_pid else 0.0
    started = time.monotonic()
    results: list[Viewer] = []
    for _ in range(count):
        results += asyncio.run(viewers(served.url, [0.0], charts))
    wait_idle(served.app_pids)
    spent = sum(cpu_seconds(pid) for pid in served.app_pids) - before
    wall = time.monotonic() - started
    proxy = tree_cpu_seconds(served.proxy_pid) - proxy_before if served.proxy_pid else None
    drawn = [v.drawn_s for v in results if v.drawn_s is not None]
    return ViewerCost(
        setup, count, (spent - idle * wall) / count, statistics.median(drawn) if drawn else None,
        sum(1 for v in results if v.error), None if proxy is None else proxy / count,
        spent / count, idle, wall / count,
    )  # fmt: skip


@dataclass
class CrowdRun:
    setup: str
    viewers: int
    cpu_s_per_viewer: float
    proxy_cpu_s: float | None
    drawn_p50_s: float | None  # protocol viewers: script finished, every chart delta received
    drawn_p95_s: float | None
    drawn_max_s: float | None
    errors: int
    peak_rss_mb: float
    load_average: float
    error_kinds: list[str] = field(default_factory=list)
    chromium_drawn_s: float | None = None  # the last arrival, a real Chromium: charts drawn
    sessions_open: int = 0  # sessions open at once when the last viewer was served
    load_average_after: float = 0.0


def crowd(served: Served, setup: str, count: int, charts: int, load: protocol.PageLoad) -> CrowdRun:
    """`count` viewers arriving evenly within ARRIVAL_WINDOW_S on a process already warm (one
    viewer served before), protocol viewers but the last, a real Chromium; every session stays
    open until all are served. Server CPU per viewer, time to served, errors, peak memory."""
    protocol.protocol_viewers_one_by_one(served.url, load, 1, charts)
    wait_idle(served.app_pids)
    load_average = machine_load()
    before = sum(cpu_seconds(pid) for pid in served.app_pids)
    proxy_before = tree_cpu_seconds(served.proxy_pid) if served.proxy_pid else None
    delays = [ARRIVAL_WINDOW_S * index / count for index in range(count)]
    with MemorySampler(served.app_pids) as memory:
        results, sessions_open = protocol.crowd_viewers(served.url, load, delays, charts)
        wait_idle(served.app_pids)
    spent = sum(cpu_seconds(pid) for pid in served.app_pids) - before
    proxy_spent = (
        tree_cpu_seconds(served.proxy_pid) - proxy_before
        if served.proxy_pid and proxy_before is not None
        else None
    )
    drawn = [v.served_s for v in results if v.served_s is not None and v.kind == "protocol"]
    chromium = [v.served_s for v in results if v.kind == "chromium" and not v.error]
    errors = [f"{v.kind}: {v.error}" for v in results if v.error]
    p50, p95 = protocol.percentile(drawn, 0.5), protocol.percentile(drawn, 0.95)
    return CrowdRun(
        setup, count, spent / count, proxy_spent, p50,
        p95, max(drawn) if drawn else None, len(errors), memory.peak_mb,
        load_average, sorted(set(errors))[:5], chromium[0] if chromium else None, sessions_open,
        machine_load(),
    )  # fmt: skip


DRIVER_CHECK_VIEWERS = 6


def page_load_and_check(log_dir: Path, charts: int) -> tuple[protocol.PageLoad, dict[str, Any]]:
    """The files a real Chromium fetches opening the dashboard (one process), and the server CPU
    of protocol viewers one after another on the same warm process: to set beside a Chromium
    viewer's (the cost per viewer, dashboard, one process) as the check that a protocol viewer
    makes the server do a viewer's whole work."""
    with one_process(APP, log_dir / "crowd-protocol-check.log") as served:
        first, load = protocol.record_page_load(served.url, charts)
        wait_idle(served.app_pids)
        before = sum(cpu_seconds(pid) for pid in served.app_pids)
        results = protocol.protocol_viewers_one_by_one(
            served.url, load, DRIVER_CHECK_VIEWERS, charts
        )
        wait_idle(served.app_pids)
        spent = sum(cpu_seconds(pid) for pid in served.app_pids) - before
    served_s = [v.served_s for v in results if v.served_s is not None]
    return load, {
        "files": len(load.paths),
        "file_bytes": results[0].file_bytes if results else 0,
        "messages": results[0].messages if results else 0,
        "chromium_first_drawn_s": first.served_s,
        "viewers": len(results),
        "cpu_s_per_viewer": spent / max(len(results), 1),
        "served_median_s": statistics.median(served_s) if served_s else None,
        "errors": sum(1 for v in results if v.error),
    }


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
    if crowds:
        print("… the files of a page load, protocol viewers' CPU", file=sys.stderr, flush=True)
        load, results["protocol_check"] = page_load_and_check(log_dir, 1)
    for count in crowds:
        print(f"… {count} viewers, one process", file=sys.stderr, flush=True)
        with one_process(APP, log_dir / f"crowd-{count}-one.log") as served:
            results["crowds"].append(asdict(crowd(served, "one process", count, 1, load)))
        print(f"… {count} viewers, nginx and 2 processes", file=sys.stderr, flush=True)
        with behind_nginx(2, log_dir / f"crowd-{count}-nginx.log") as served:
            results["crowds"].append(asdict(crowd(served, "nginx, 2 processes", count, 1, load)))
    results["load_average_after"] = machine_load()
    return results


def ms(seconds: float | None) -> str:
    return "–" if seconds is None else f"{seconds * 1000:.0f}"


def markdown(results: dict[str, Any]) -> str:
    viewers_timed = results["costs"][0]["viewers"] if results["costs"] else 0
    out = [
        f"A new viewer's server CPU: {viewers_timed} viewers one after another, each in a new "
        "browser context, on a warm process, opening the link to the Overview page; the bare "
        "page is a Streamlit script drawing one Plotly bar chart, served the same way. A "
        "viewer's cost is the app processes' CPU while the viewers came, less what they use "
        "idle (measured before) over the same wall time:",
        "",
        "| page | setup | app process CPU per viewer (ms) | measured (ms) | idle (ms/s) "
        "| wall per viewer (s) | nginx CPU per viewer (ms) | to charts drawn, median (ms) "
        "| errors |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for cost in results["costs"]:
        page, setup = cost["setup"].split(", ", 1)
        out.append(
            f"| {page} | {setup} | {ms(cost['cpu_s_per_viewer'])} "
            f"| {ms(cost.get('measured_cpu_s_per_viewer'))} "
            f"| {ms(cost.get('idle_cpu_s_per_s'))} | {cost.get('wall_s_per_viewer', 0):.1f} "
            f"| {ms(cost['proxy_cpu_s_per_viewer'])} | {ms(cost['drawn_median_s'])} "
            f"| {cost['errors']} |"
        )
    out.append("")
    for setup, ratio in results.get("cpu_ratio", {}).items():
        verdict = "pass" if ratio <= CPU_RATIO_LIMIT else "**FAIL**"
        out.append(
            f"Dashboard / bare page, app process CPU per viewer (idle background subtracted), "
            f"{setup}: **{ratio:.2f}x** "
            f"(budget ≤ {CPU_RATIO_LIMIT}x: {verdict})."
        )
    check = results.get("protocol_check")
    if check:
        chromium = next(
            (
                c["cpu_s_per_viewer"]
                for c in results["costs"]
                if c["setup"] == "dashboard, one process"
            ),
            None,
        )
        out += [
            "",
            "The crowds below use **protocol viewers** (`benchmarks/crowd_protocol.py`): each GETs "
            f"the page and the {check['files']} files a real Chromium fetched opening the link "
            f"({check['file_bytes'] / 1e6:.1f} MB as sent), with its cookies, on six keep-alive "
            "connections, then opens `/_stcore/stream` as the frontend does (subprotocols "
            "`streamlit` and the XSRF cookie), sends the frontend's first `rerun_script` and reads "
            f"the run's {check['messages']} ForwardMsgs to `script_finished`. It draws nothing: "
            "its time is to the script finished with every chart's delta received, which is all "
            "the server does for a viewer. Check, one process, viewers one after another: "
            f"server CPU per protocol viewer **{ms(check['cpu_s_per_viewer'])} ms** "
            f"({check['viewers']} viewers, {check['errors']} errors); per Chromium viewer "
            f"{ms(chromium)} ms in the cost per viewer above, measured on another process at "
            "another moment (on a busy machine, CPU time per request grows with the load).",
        ]
    out += [
        "",
        "A crowd opening the link within a minute: viewers arrive evenly over 60 s, all but the "
        "last are protocol viewers, the last is a real Chromium; every session stays open until "
        "the whole crowd is served (as a room's tabs do), so peak memory is with all of them "
        "open at once. Times are wall-clock from the first request:",
        "",
        "| setup | viewers | server CPU per viewer (ms) | nginx CPU (ms) | served p50 (ms) "
        "| p95 (ms) | slowest (ms) | Chromium, charts drawn (ms) | errors | sessions open at once "
        "| peak server memory (MB) | load average |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for item in results["crowds"]:
        out.append(
            f"| {item['setup']} | {item['viewers']} | {ms(item['cpu_s_per_viewer'])} "
            f"| {ms(item['proxy_cpu_s'])} | {ms(item['drawn_p50_s'])} | {ms(item['drawn_p95_s'])} "
            f"| {ms(item['drawn_max_s'])} | {ms(item.get('chromium_drawn_s'))} | {item['errors']} "
            f"| {item.get('sessions_open', '–')} | {item['peak_rss_mb']:.0f} "
            f"| {item['load_average']:.1f}–{item.get('load_average_after', 0):.1f} |"
        )
    kinds = sorted({kind for item in results["crowds"] for kind in item.get("error_kinds", [])})
    if kinds:
        out += ["", "Errors seen: " + "; ".join(f"`{kind}`" for kind in kinds[:8]) + "."]
    return "\n".join(out)


CROWD_DOC = REPO_ROOT / "benchmarks" / "reports" / "crowd.md"


def write_crowd_doc(results: dict[str, Any], target: Path = CROWD_DOC) -> Path:
    """benchmarks/reports/crowd.md: written by `make crowd` from what it measured, never by hand."""
    loads = (
        f"{results['load_average_before']:.1f} before, {results['load_average_after']:.1f} after"
    )
    text = (
        "# A room opening one link\n\n"
        f"Written by `make crowd` (`benchmarks/crowd.py`) on {time.strftime('%Y-%m-%d')}; JSON "
        "in `benchmarks/output/crowd.json`. Both servers run with `make serve`'s production "
        "settings. Server CPU is CPU time of the app processes (user + system, /proc), which "
        "other work on the machine hardly changes; times to charts drawn or served are "
        "wall-clock and are not: the viewers, the servers and any other work share the same "
        "cores. Load average "
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
    parser.add_argument(
        "--no-doc", action="store_true", help="do not write benchmarks/reports/crowd.md"
    )
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
