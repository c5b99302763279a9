"""Speed at scale: time the dashboard on the bundled plan and on plans 10x and 100x its size, and
write benchmarks/reports/speed.md.

    python benchmarks/run.py [--json FILE] [--scales 1,10,100] [--skip-browser] [--repeats 5]

Measures load and validation, the network graph and layout, every page's warm rerun under AppTest
beside its floor (benchmarks/apptest_bench.py, bench_app.py) and, in real Chromium, a click on
each page's link to its charts drawn beside its floor's, filter changes and the server's peak
memory (browser_bench.py). Checks the budget (budget.py), profiles the warm rerun of any page
that misses it, writes benchmarks/reports/speed.md (report.py) and every figure as JSON (default
benchmarks/output/latest.json). Figures are reported, never asserted: this is not a test.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:  # run as a script: `python benchmarks/run.py`
    sys.path.insert(0, str(REPO_ROOT))

import streamlit.logger  # noqa: E402

from analysis.measures.network import collaboration_graph, layout  # noqa: E402
from analysis.planfile.load import load_plan  # noqa: E402
from benchmarks.apptest_bench import median_seconds, profile_page, time_pages  # noqa: E402
from benchmarks.bench_app import BENCH_APP  # noqa: E402
from benchmarks.briefing_bench import measure_briefing  # noqa: E402
from benchmarks.budget import (  # noqa: E402
    BUDGET_SCALES,
    RATIO_TO_FLOOR,
    WARM_RERUN_AT_100X_S,
    budget,
    pages_only,
)
from benchmarks.generate import write_plan  # noqa: E402
from benchmarks.machine import describe, load_average, machine  # noqa: E402
from benchmarks.report import ScaleFigures, markdown, write_speed_doc  # noqa: E402
from ui.registry import PAGES, PageEntry  # noqa: E402

OUTPUT_DIR = REPO_ROOT / "benchmarks" / "output"


def plan_files(scales: list[int], directory: Path, seed: int) -> dict[int, Path | None]:
    """None stands for the bundled plan (scale 1), used as the app finds it."""
    return {
        scale: None if scale == 1 else write_plan(scale, directory / f"plan-{scale}x.csv", seed)
        for scale in scales
    }


def measure_scale(
    scale: int, plan_csv: Path | None, pages: list[PageEntry], repeats: int, folder: Path
) -> ScaleFigures:
    path = plan_csv if plan_csv is not None else REPO_ROOT / "data" / "plan.csv"
    plan = load_plan(path)
    load_s = median_seconds(lambda: load_plan(path), repeats)
    graph_s = median_seconds(lambda: collaboration_graph(plan), repeats)
    graph = collaboration_graph(plan)
    layout_s = median_seconds(lambda: layout(graph), repeats)
    timings = time_pages(plan_csv, pages, repeats, folder)
    return ScaleFigures(
        scale, str(path), len(plan.activities), len(plan.events), load_s, graph_s, layout_s,
        timings,
    )  # fmt: skip


def run_browser(
    plans: dict[int, Path | None],
    pages: list[PageEntry],
    figures: dict[int, ScaleFigures],
    work: Path,
    pages_at: dict[int, list[PageEntry]],
) -> dict[str, Any]:
    """Chromium at 1x and at the largest scale, on the bench app whose floor pages draw what
    AppTest captured at that scale (the captures of each scale are kept in work/<scale>x)."""
    from benchmarks.bench_app import bench_app_source
    from benchmarks.browser_bench import bare_navigation, fresh_server_deep_link, run_server

    result: dict[str, Any] = {
        "deep_link": fresh_server_deep_link(pages, OUTPUT_DIR),
        "bare_navigation_s": bare_navigation(OUTPUT_DIR),
        "servers": {},
    }
    for scale in sorted({1, max(plans)}):
        if scale not in figures:
            continue
        drawn = {t.page: t.charts for t in figures[scale].pages if not t.state and t.floor_s}
        states = {t.page: t.state for t in figures[scale].pages if t.state}
        BENCH_APP.write_text(bench_app_source(work / f"{scale}x" / "captures", states))
        run = run_server(
            plans.get(scale), f"{scale}x", pages_at[scale], drawn, OUTPUT_DIR, BENCH_APP
        )
        result["servers"][f"{scale}x"] = asdict(run)
    return result


def profile_misses(
    figures: dict[int, ScaleFigures], plans: dict[int, Path | None], pages: list[PageEntry]
) -> dict[str, str]:
    """cProfile the warm rerun of each page that misses a rerun budget, at the largest scale it
    misses at."""
    by_name = {page.name: page for page in pages}
    missed: dict[str, int] = {}
    for scale, item in figures.items():
        for timing in pages_only(item.pages):
            too_slow = scale == 100 and (timing.page_median or 0) >= WARM_RERUN_AT_100X_S
            over_floor = scale in BUDGET_SCALES and (timing.ratio or 0) > RATIO_TO_FLOOR
            if (too_slow or over_floor) and not timing.state:
                missed[timing.page] = max(missed.get(timing.page, 0), scale)
    profiles = {}
    for name, scale in missed.items():
        print(f"… profiling {name} at {scale}x", file=sys.stderr, flush=True)
        profiles[f"{name} at {scale}x (5 warm reruns)"] = profile_page(
            plans[scale], by_name[name], 5
        )
    return profiles


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--json", help="write every figure here (default "
                        "benchmarks/output/latest.json)")  # fmt: skip
    parser.add_argument("--scales", default="1,10,100", help="comma-separated plan sizes")
    parser.add_argument("--skip-browser", action="store_true", help="AppTest figures only")
    parser.add_argument("--repeats", type=int, default=5, help="timed reruns per figure (≥ 5)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the generated plans")
    parser.add_argument("--no-profile", action="store_true", help="skip profiling misses")
    parser.add_argument("--pages", help="comma-separated page names (default: every page)")
    parser.add_argument("--skip-briefing", action="store_true", help="no briefing pack timing")
    parser.add_argument(
        "--no-doc", action="store_true", help="do not write benchmarks/reports/speed.md"
    )
    args = parser.parse_args(argv)
    streamlit.logger.set_log_level("error")
    scales = sorted({int(s) for s in args.scales.split(",") if s.strip()})
    pages = list(PAGES)
    if args.pages:
        wanted = set(args.pages.split(","))
        pages = [page for page in pages if page.name in wanted]
    about = machine()
    loads = [load_average()]
    started = time.time()
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    try:
        with tempfile.TemporaryDirectory(prefix="wsis-bench-") as tmp:
            work = Path(tmp)
            plans = plan_files(scales, work, args.seed)
            figures: dict[int, ScaleFigures] = {}
            for scale in scales:
                print(f"… AppTest at {scale}x", file=sys.stderr, flush=True)
                figures[scale] = measure_scale(
                    scale, plans[scale], pages, max(args.repeats, 5), work / f"{scale}x"
                )
                loads.append(load_average())
            browser = None
            if not args.skip_browser:
                print("… Chromium", file=sys.stderr, flush=True)
                browser = run_browser(plans, pages, figures, work, dict.fromkeys(scales, pages))
                loads.append(load_average())
            briefing = None
            if not args.skip_briefing and 1 in plans:
                print("… briefing pack", file=sys.stderr, flush=True)
                briefing = measure_briefing(plans[1])
            lines = budget({s: f.pages for s, f in figures.items()}, browser, briefing)
            loads.append(load_average())
            # The figures are written before profiling: a profile that fails loses nothing.
            given = sys.argv[1:] if argv is None else argv  # none: `make bench`
            command = " ".join(["python benchmarks/run.py", *given]) if given else ""
            report = markdown(figures, browser, lines, describe(about, loads), command)
            print(report, flush=True)
            if not args.no_doc:
                print(f"\nWritten to {write_speed_doc(report)}", file=sys.stderr)
            profiles = {} if args.no_profile else profile_misses(figures, plans, pages)
    finally:
        BENCH_APP.unlink(missing_ok=True)
    for key, text in profiles.items():
        print(f"\n### cProfile: {key}, cumulative\n\n```\n{text}\n```")
    target = Path(args.json) if args.json else OUTPUT_DIR / "latest.json"
    payload = {
        "machine": about,
        "load_averages": loads,
        "seconds": round(time.time() - started, 1),
        "scales": {
            str(scale): {
                **{k: v for k, v in asdict(item).items() if k != "pages"},
                "pages": [
                    {**asdict(t), "page_median_s": t.page_median, "floor_median_s":
                     t.floor_median, "ratio": t.ratio}
                    for t in item.pages
                ],
            }
            for scale, item in figures.items()
        },
        "browser": browser,
        "briefing": briefing,
        "budget": [asdict(line) for line in lines],
        "profiles": profiles,
    }  # fmt: skip
    target.write_text(json.dumps(payload, indent=2, default=str), encoding="utf-8")
    print(f"Figures written to {target}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
