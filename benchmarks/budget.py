"""The speed budget, line by line: what each page must meet, and whether it did.

A page's FLOOR is the app's own frame (app.py with its sidebar, filters and navigation) drawing,
in place of the page, everything the page drew, bare (benchmarks/bench_app.py): its figures and
tables from their data, with the same Streamlit calls, and its text, metrics, widgets, links and
layout as the page sent them. A page is held to 1.5x its floor, at 1x and 100x the bundled plan,
for its warm rerun and, in Chromium, for a click on its link to its charts drawn: the ratio is
what the page's own code adds. A state that draws neither chart nor table (What-if and Compare
plans before the user acts) has no floor: it is held to the absolute bounds only.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Any

from benchmarks.apptest_bench import FRAME, PageTiming

RATIO_TO_FLOOR = 1.5
WARM_RERUN_AT_100X_S = 1.0
FILTER_CHANGE_AT_100X_S = 2.0
CLICK_TO_DRAWN_AT_1X_S = 3.0
SERVER_AT_100X_MB = 500.0
BRIEFING_AT_1X_S = 10.0
BUDGET_SCALES = (1, 100)


@dataclass
class BudgetLine:
    check: str
    value: str
    limit: str
    passed: bool | None  # None: not measured


def ms(seconds: float | None) -> str:
    return "–" if seconds is None else f"{seconds * 1000:.0f}"


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def verdict(passed: bool | None) -> str:
    return {True: "pass", False: "**FAIL**", None: "not measured"}[passed]


def pages_only(timings: list[PageTiming]) -> list[PageTiming]:
    """The pages' timings, without the frame's (reported, but not a page the budget covers)."""
    return [timing for timing in timings if timing.page != FRAME]


def _ratio_line(what: str, page: float | None, floor: float | None) -> BudgetLine:
    ratio = None if page is None or not floor else page / floor
    return BudgetLine(
        what,
        "–" if ratio is None else f"{ratio:.2f}x ({ms(page)} ms / {ms(floor)} ms)",
        f"≤ {RATIO_TO_FLOOR:g}x",
        None if ratio is None else ratio <= RATIO_TO_FLOOR,
    )


def budget(
    pages_by_scale: dict[int, list[PageTiming]],
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
        for timing in pages_only(pages_by_scale.get(scale, [])):
            if timing.floor_s:  # draws a chart or a table: held to its floor
                lines.append(_ratio_line(
                    f"{timing.label}: warm rerun CPU within {RATIO_TO_FLOOR:g}x its floor "
                    f"at {scale}x", timing.page_median, timing.floor_median,
                ))  # fmt: skip
    for timing in pages_only(pages_by_scale.get(100, [])):
        value = timing.page_median
        lines.append(BudgetLine(
            f"{timing.label}: warm rerun CPU at 100x", f"{ms(value)} ms",
            f"< {WARM_RERUN_AT_100X_S * 1000:.0f} ms",
            None if value is None else value < WARM_RERUN_AT_100X_S,
        ))  # fmt: skip
    if browser is None:
        return lines
    servers = browser.get("servers", {})
    for scale in BUDGET_SCALES:
        for result in servers.get(f"{scale}x", {}).get("pages", []):
            if result["floor_click_s"]:
                lines.append(_ratio_line(
                    f"{result['page']}: click on its link to charts drawn, within "
                    f"{RATIO_TO_FLOOR:g}x its floor at {scale}x (Chromium)",
                    median(result["click_s"]), median(result["floor_click_s"]),
                ))  # fmt: skip
    for result in servers.get("1x", {}).get("pages", []):
        value = median(result["click_s"])
        lines.append(BudgetLine(
            f"{result['page']}: click on its link to charts drawn at 1x", f"{ms(value)} ms",
            f"< {CLICK_TO_DRAWN_AT_1X_S * 1000:.0f} ms",
            None if value is None else value < CLICK_TO_DRAWN_AT_1X_S,
        ))  # fmt: skip
    for result in servers.get("100x", {}).get("pages", []):
        value = median(result["filter_change_s"])
        lines.append(BudgetLine(
            f"{result['page']}: filter change to charts redrawn at 100x", f"{ms(value)} ms",
            f"< {FILTER_CHANGE_AT_100X_S * 1000:.0f} ms",
            None if value is None else value < FILTER_CHANGE_AT_100X_S,
        ))  # fmt: skip
    peak = servers.get("100x", {}).get("peak_rss_mb")
    lines.append(BudgetLine(
        "server peak resident memory at 100x (every page shown)",
        "–" if peak is None else f"{peak:.0f} MB", f"< {SERVER_AT_100X_MB:.0f} MB",
        None if peak is None else peak < SERVER_AT_100X_MB,
    ))  # fmt: skip
    return lines
