"""How long the briefing pack takes to build: the first build in a process and warm builds."""

from __future__ import annotations

import time
from pathlib import Path


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
