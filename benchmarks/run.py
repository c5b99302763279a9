"""Speed at scale: time the dashboard on the bundled plan and on plans 10x and 100x its size.

    python benchmarks/run.py [--json FILE] [--scales 1,10,100] [--skip-browser] [--repeats 5]

Measures load and validation, every page's warm rerun under AppTest beside its floor (the same
figures drawn by a bare script), the network graph and layout, and, in real Chromium against
`streamlit run app.py`: navigation to all charts drawn, filter change to all charts redrawn and
the server's peak memory. Prints Markdown tables with the budget (pass/fail per line), profiles
the warm rerun of any page that misses it, and writes every figure with the machine description
as JSON (default benchmarks/output/latest.json). Figures are reported, never asserted: this is not
a test.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:  # run as a script: `python benchmarks/run.py`
    sys.path.insert(0, str(REPO_ROOT))

import streamlit  # noqa: E402
import streamlit.logger  # noqa: E402

from analysis.load import load_plan  # noqa: E402
from analysis.network import collaboration_graph, layout  # noqa: E402
from benchmarks.apptest_bench import (  # noqa: E402
    FRAME,
    PageTiming,
    median_seconds,
    profile_page,
    time_pages,
)
from benchmarks.generate import write_plan  # noqa: E402
from benchmarks.pages_list import PageRef, app_pages  # noqa: E402

OUTPUT_DIR = REPO_ROOT / "benchmarks" / "output"

# The budget every page meets (seconds, MB, ratios).
RATIO_TO_FLOOR = 2.0
WARM_RERUN_AT_100X_S = 1.0
FILTER_CHANGE_AT_100X_S = 2.0
FIRST_PAGE_AT_1X_S = 3.0
SERVER_AT_100X_MB = 500.0
BUDGET_SCALES = (1, 100)


@dataclass
class ScaleFigures:
    scale: int
    plan: str
    activities: int
    events: int
    load_s: float
    graph_s: float
    layout_s: float
    pages: list[PageTiming]


@dataclass
class BudgetLine:
    check: str
    value: str
    limit: str
    passed: bool | None  # None: not measured


def machine() -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory_mb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory_mb = int(line.split()[1]) // 1024
    except OSError:
        pass
    import pandas
    import plotly

    return {
        "nproc": os.cpu_count(),
        "cpu_model": cpu,
        "ram_mb": memory_mb,
        "python": platform.python_version(),
        "streamlit": streamlit.__version__,
        "pandas": pandas.__version__,
        "plotly": plotly.__version__,
        "platform": platform.platform(),
    }


def plan_files(scales: list[int], directory: Path, seed: int) -> dict[int, Path | None]:
    """None stands for the bundled plan (scale 1), used as the app finds it."""
    return {
        scale: None if scale == 1 else write_plan(scale, directory / f"plan-{scale}x.csv", seed)
        for scale in scales
    }


def measure_scale(
    scale: int, plan_csv: Path | None, pages: list[PageRef], repeats: int
) -> ScaleFigures:
    path = plan_csv if plan_csv is not None else REPO_ROOT / "data" / "plan.csv"
    plan = load_plan(path)
    load_s = median_seconds(lambda: load_plan(path), repeats)
    graph_s = median_seconds(lambda: collaboration_graph(plan), repeats)
    graph = collaboration_graph(plan)
    layout_s = median_seconds(lambda: layout(graph), repeats)
    timings = time_pages(plan_csv, pages, repeats)
    return ScaleFigures(
        scale, str(path), len(plan.activities), len(plan.events), load_s, graph_s, layout_s,
        timings,
    )  # fmt: skip


def pages_only(timings: list[PageTiming]) -> list[PageTiming]:
    """The pages' timings, without the frame's (reported, but not a page the budget covers)."""
    return [timing for timing in timings if timing.page != FRAME]


def ms(seconds: float | None) -> str:
    return "–" if seconds is None else f"{seconds * 1000:.0f}"


def verdict(passed: bool | None) -> str:
    return {True: "pass", False: "**FAIL**", None: "not measured"}[passed]


BRIEFING_AT_1X_S = 10.0


def measure_briefing(plan_path: Path | None, repeats: int = 3) -> dict[str, float]:
    """Seconds to build the briefing pack (deck + HTML) of the whole plan: the first build in
    the process (it starts Chromium for the chart images) and the median of warm builds."""
    from analysis import FilterSpec, load_plan
    from briefing import images
    from briefing.pack import build_pack

    plan = load_plan(plan_path) if plan_path else load_plan()
    try:
        started = time.perf_counter()
        build_pack(plan, FilterSpec())
        first = time.perf_counter() - started
        warm = []
        for _ in range(repeats):
            started = time.perf_counter()
            build_pack(plan, FilterSpec())
            warm.append(time.perf_counter() - started)
    finally:
        images.stop()
    return {"first_s": first, "warm_median_s": sorted(warm)[len(warm) // 2]}


def budget(
    figures: dict[int, ScaleFigures],
    browser: dict[str, Any] | None,
    briefing: dict[str, float] | None = None,
) -> list[BudgetLine]:
    lines: list[BudgetLine] = []
    if briefing is not None:
        lines.append(BudgetLine(
            "briefing pack (deck + HTML) at 1x, first build in the process",
            f"{ms(briefing['first_s'])} ms (warm {ms(briefing['warm_median_s'])} ms)",
            f"< {BRIEFING_AT_1X_S * 1000:.0f} ms", briefing["first_s"] < BRIEFING_AT_1X_S,
        ))  # fmt: skip
    for scale in BUDGET_SCALES:
        if scale not in figures:
            continue
        for timing in pages_only(figures[scale].pages):
            ratio = timing.ratio
            lines.append(BudgetLine(
                f"{timing.label}: warm rerun within {RATIO_TO_FLOOR:g}x its floor at {scale}x",
                "–" if ratio is None else f"{ratio:.1f}x ({ms(timing.page_median)} ms / "
                f"{ms(timing.floor_median)} ms)",
                f"≤ {RATIO_TO_FLOOR:g}x", None if ratio is None else ratio <= RATIO_TO_FLOOR,
            ))  # fmt: skip
    if 100 in figures:
        for timing in pages_only(figures[100].pages):
            value = timing.page_median
            lines.append(BudgetLine(
                f"{timing.label}: warm rerun at 100x", f"{ms(value)} ms",
                f"< {WARM_RERUN_AT_100X_S * 1000:.0f} ms",
                None if value is None else value < WARM_RERUN_AT_100X_S,
            ))  # fmt: skip
    if browser is not None:
        for result in browser.get("servers", {}).get("100x", {}).get("pages", []):
            value = _median(result["filter_change_s"])
            lines.append(BudgetLine(
                f"{result['page']}: filter change to charts redrawn at 100x", f"{ms(value)} ms",
                f"< {FILTER_CHANGE_AT_100X_S * 1000:.0f} ms",
                None if value is None else value < FILTER_CHANGE_AT_100X_S,
            ))  # fmt: skip
        for result in browser.get("servers", {}).get("1x", {}).get("pages", []):
            value = _median(result["navigation_s"])
            lines.append(BudgetLine(
                f"{result['page']}: navigation to all charts drawn at 1x", f"{ms(value)} ms",
                f"< {FIRST_PAGE_AT_1X_S * 1000:.0f} ms",
                None if value is None else value < FIRST_PAGE_AT_1X_S,
            ))  # fmt: skip
        peak = browser.get("servers", {}).get("100x", {}).get("peak_rss_mb")
        lines.append(BudgetLine(
            "server peak resident memory at 100x (every page shown)",
            "–" if peak is None else f"{peak:.0f} MB", f"< {SERVER_AT_100X_MB:.0f} MB",
            None if peak is None else peak < SERVER_AT_100X_MB,
        ))  # fmt: skip
    return lines


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def markdown(
    figures: dict[int, ScaleFigures],
    browser: dict[str, Any] | None,
    lines: list[BudgetLine],
    about: dict[str, Any],
) -> str:
    out = [
        f"Machine: {about['nproc']} CPU ({about['cpu_model']}), {about['ram_mb']} MB RAM, "
        f"Python {about['python']}, Streamlit {about['streamlit']}.",
        "",
        "| plan | activities | events | load + validate (ms) | network graph (ms) "
        "| network layout (ms) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for item in figures.values():
        out.append(
            f"| {item.scale}x | {item.activities} | {item.events} | {ms(item.load_s)} "
            f"| {ms(item.graph_s)} | {ms(item.layout_s)} |"
        )
    out += [
        "",
        "Warm rerun under AppTest (median); *page file* is the page's own share (the rest is "
        "app.py: plan, sidebar filters, apply_filters); *floor* draws the same charts and tables "
        "from a bare script. What-if and Compare plans draw no chart until the user acts, so they "
        "are also timed in a working state (one edit moving every role of the unit with the most "
        "leads; the plan that edit makes), where *first run* is the cold run right after the "
        "action.",
        "",
        "| page | plan | charts | tables | first run (ms) | warm rerun (ms) | page file (ms) "
        "| floor (ms) | page / floor | note |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for item in figures.values():
        for timing in item.pages:
            ratio = "–" if timing.ratio is None else f"{timing.ratio:.1f}x"
            out.append(
                f"| {timing.label} | {item.scale}x | {timing.charts} | {timing.tables} "
                f"| {ms(timing.first_s) if timing.first_s is not None else ''} "
                f"| {ms(timing.page_median)} | {ms(timing.body_median)} "
                f"| {ms(timing.floor_median)} | {ratio} | {timing.error[:80]} |"
            )
    if browser is not None:
        out += [
            "",
            f"Chromium (median of the timed visits; a bare Streamlit script: "
            f"{ms(_median(browser.get('bare_navigation_s', [])))} ms to drawn). "
            f"Fresh server, deep link to the first page: {browser.get('deep_link', '–')}.",
            "",
            "| page | plan | first visit (ms) | navigation to all charts drawn (ms) "
            "| filter change to charts redrawn (ms) | note |",
            "|---|---:|---:|---:|---:|---|",
        ]
        for label, server in browser.get("servers", {}).items():
            for result in server["pages"]:
                out.append(
                    f"| {result['page']} | {label} | {ms(result['first_navigation_s'])} "
                    f"| {ms(_median(result['navigation_s']))} "
                    f"| {ms(_median(result['filter_change_s']))} | {result['error'][:100]} |"
                )
        for label, server in browser.get("servers", {}).items():
            peak = server.get("peak_rss_mb")
            if peak is not None:
                out.append(f"\nServer at {label}, every page shown: peak RSS {peak:.0f} MB.")
    out += ["", "| budget | value | limit | result |", "|---|---|---|---|"]
    out += [
        f"| {line.check} | {line.value} | {line.limit} | {verdict(line.passed)} |" for line in lines
    ]
    return "\n".join(out)


def run_browser(
    plans: dict[int, Path | None],
    pages: list[PageRef],
    figures: dict[int, ScaleFigures],
    log_dir: Path,
) -> dict[str, Any]:
    from benchmarks.browser_bench import bare_navigation, fresh_server_deep_link, run_server

    result: dict[str, Any] = {
        "deep_link": fresh_server_deep_link(pages, log_dir),
        "bare_navigation_s": bare_navigation(log_dir),
        "servers": {},
    }
    for scale in sorted({1, max(plans)}):
        expected = (
            {t.page: t.charts for t in figures[scale].pages if not t.state}
            if scale in figures
            else {}
        )
        run = run_server(plans.get(scale), f"{scale}x", pages, expected, log_dir)
        result["servers"][f"{scale}x"] = asdict(run)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", help="write every figure here (default "
                        "benchmarks/output/latest.json)")  # fmt: skip
    parser.add_argument("--scales", default="1,10,100", help="comma-separated plan sizes")
    parser.add_argument("--skip-browser", action="store_true", help="AppTest figures only")
    parser.add_argument("--repeats", type=int, default=5, help="timed reruns per figure (≥ 5)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the generated plans")
    parser.add_argument("--no-profile", action="store_true", help="skip profiling misses")
    parser.add_argument("--pages", help="comma-separated page names (default: app.py's PAGES)")
    parser.add_argument("--skip-briefing", action="store_true", help="no briefing pack timing")
    args = parser.parse_args(argv)
    streamlit.logger.set_log_level("error")
    scales = sorted({int(s) for s in args.scales.split(",") if s.strip()})
    pages = app_pages()
    if args.pages:
        wanted = set(args.pages.split(","))
        pages = [page for page in pages if page.name in wanted]
    about = machine()
    started = time.time()
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="wsis-bench-") as tmp:
        plans = plan_files(scales, Path(tmp), args.seed)
        figures: dict[int, ScaleFigures] = {}
        for scale in scales:
            print(f"… AppTest at {scale}x", file=sys.stderr, flush=True)
            figures[scale] = measure_scale(scale, plans[scale], pages, max(args.repeats, 5))
        browser = None
        if not args.skip_browser:
            print("… Chromium", file=sys.stderr, flush=True)
            browser = run_browser(plans, pages, figures, OUTPUT_DIR)
        briefing = None
        if not args.skip_briefing and 1 in plans:
            print("… briefing pack", file=sys.stderr, flush=True)
            briefing = measure_briefing(plans[1])
        lines = budget(figures, browser, briefing)
        profiles: dict[str, str] = {}
        if not args.no_profile:
            profiles = profile_misses(figures, plans, pages, lines)
    report = markdown(figures, browser, lines, about)
    print(report)
    for key, text in profiles.items():
        print(f"\n### cProfile: {key}, cumulative\n\n```\n{text}\n```")
    target = Path(args.json) if args.json else OUTPUT_DIR / "latest.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "machine": about,
        "seconds": round(time.time() - started, 1),
        "scales": {
            str(scale): {
                **{k: v for k, v in asdict(item).items() if k != "pages"},
                "pages": [
                    {
                        **asdict(timing),
                        "page_median_s": timing.page_median,
                        "body_median_s": timing.body_median,
                        "floor_median_s": timing.floor_median,
                        "ratio": timing.ratio,
                    }
                    for timing in item.pages
                ],
            }
            for scale, item in figures.items()
        },
        "browser": browser,
        "briefing": briefing,
        "budget": [asdict(line) for line in lines],
        "profiles": profiles,
    }
    target.write_text(json.dumps(payload, indent=2, default=str), encoding="utf-8")
    print(f"\nFigures written to {target}", file=sys.stderr)
    return 0


def profile_misses(
    figures: dict[int, ScaleFigures],
    plans: dict[int, Path | None],
    pages: list[PageRef],
    lines: list[BudgetLine],
) -> dict[str, str]:
    """cProfile the warm rerun of each page that misses a rerun budget, at the largest scale it
    misses at."""
    by_name = {page.name: page for page in pages}
    missed: dict[str, int] = {}
    for scale, item in figures.items():
        for timing in pages_only(item.pages):
            too_slow = scale == 100 and (timing.page_median or 0) >= WARM_RERUN_AT_100X_S
            over_floor = scale in BUDGET_SCALES and (timing.ratio or 0) > RATIO_TO_FLOOR
            if too_slow or over_floor:
                missed[timing.page] = max(missed.get(timing.page, 0), scale)
    profiles = {}
    slow = {
        (timing.page, scale)
        for scale, item in figures.items()
        for timing in item.pages
        if len(timing.page_s) == 1
    }
    for name, scale in missed.items():
        print(f"… profiling {name} at {scale}x", file=sys.stderr, flush=True)
        repeats = 1 if (name, scale) in slow else 5
        profiles[f"{name} at {scale}x ({repeats} warm rerun(s))"] = profile_page(
            plans[scale], by_name[name], repeats
        )
    return profiles


if __name__ == "__main__":
    sys.exit(main())
