"""The briefing pack's figures for the benchmark: build time (first build in the process, warm
builds, three packs asked for at once) and the memory of the chart renderer (kaleido's Chromium,
the processes under this one) after three packs and once it has been idle.

    .venv/bin/python -m benchmarks.briefing_bench [--plan PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import threading
import time
from pathlib import Path

from analysis.filters import FilterSpec
from analysis.planfile.load import load_plan
from briefing import PackRequest, build_pack, images

IDLE_CHECK_SECONDS = 2.0  # the idle timeout used here, so the check does not wait a minute


def _children(pid: int) -> list[int]:
    """Every process under pid, from /proc (Linux)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry.name)] = int(fields[1])
    found, frontier = [], [pid]
    while frontier:
        current = frontier.pop()
        kids = [child for child, parent in parents.items() if parent == current]
        found += kids
        frontier += kids
    return found


def renderer_rss_mb() -> float:
    """Resident memory of the processes under this one (the renderer's Chromium), in MB."""
    total_kb = 0
    for pid in _children(os.getpid()):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total_kb += int(line.split()[1])
    return total_kb / 1024


def measure_briefing(plan_path: Path | None, repeats: int = 3) -> dict[str, float]:
    """first_s, warm_median_s, three_at_once_s (wall time for three packs asked for together),
    rss_after_three_mb (the renderer after three packs) and rss_after_idle_mb (after the idle
    timeout: 0 when the browser closed)."""
    plan = load_plan(plan_path) if plan_path else load_plan()
    request = PackRequest(plan, FilterSpec())
    saved_idle = images.IDLE_SECONDS
    try:
        started = time.perf_counter()
        build_pack(request)
        first = time.perf_counter() - started
        warm = []
        for _ in range(repeats):
            started = time.perf_counter()
            build_pack(request)
            warm.append(time.perf_counter() - started)
        rss_after_three = renderer_rss_mb()
        started = time.perf_counter()
        packs = [threading.Thread(target=build_pack, args=(request,)) for _ in range(3)]
        for pack in packs:
            pack.start()
        for pack in packs:
            pack.join()
        three_at_once = time.perf_counter() - started
        images.IDLE_SECONDS = IDLE_CHECK_SECONDS
        build_pack(request)  # re-arms the idle timer with the short timeout
        deadline = time.monotonic() + IDLE_CHECK_SECONDS + 10
        while images.running() and time.monotonic() < deadline:
            time.sleep(0.2)
        rss_after_idle = renderer_rss_mb()
    finally:
        images.IDLE_SECONDS = saved_idle
        images.stop()
    return {
        "first_s": first,
        "warm_median_s": sorted(warm)[len(warm) // 2],
        "three_at_once_s": three_at_once,
        "rss_after_three_mb": rss_after_three,
        "rss_after_idle_mb": rss_after_idle,
    }


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.briefing_bench")
    parser.add_argument("--plan", type=Path, help="plan CSV (default: the bundled plan)")
    print(json.dumps(measure_briefing(parser.parse_args().plan), indent=2))


if __name__ == "__main__":
    main()
