"""benchmarks/reports/speed.md, written by `make bench` from the figures it measured (never by
hand)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from benchmarks.apptest_bench import PageTiming
from benchmarks.budget import BudgetLine, median, ms, verdict
from benchmarks.budget import __doc__ as BUDGET_RULES

REPO_ROOT = Path(__file__).resolve().parents[1]
SPEED_DOC = REPO_ROOT / "benchmarks" / "reports" / "speed.md"


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


def _ratio(page: float | None, floor: float | None) -> str:
    return "–" if page is None or not floor else f"{page / floor:.2f}x"


def markdown(
    figures: dict[int, ScaleFigures],
    browser: dict[str, Any] | None,
    lines: list[BudgetLine],
    machine_line: str,
    command: str = "",
) -> str:
    rules = " ".join((BUDGET_RULES or "").split("\n\n", 1)[1].split())
    out = [
        "# Speed",
        "",
        f"Written by `{command or 'make bench'}` (`benchmarks/run.py`) on "
        f"{date.today():%Y-%m-%d}; every figure "
        "below comes from that run (JSON in `benchmarks/output/latest.json`). The generated "
        "plans (`python -m benchmarks.generate --scale N --out FILE`) are N copies of the "
        "bundled plan with units permuted within their Sector group and dates spread over ten "
        "years. How earlier changes paid off: [speed-history.md](speed-history.md). A crowd "
        "of viewers is measured apart (`make crowd`, [crowd.md](crowd.md), "
        "[serving-costs.md](serving-costs.md)).",
        "",
        f"**The budget.** {rules}",
        "",
        machine_line,
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
        "## Warm rerun (AppTest, CPU time, median)",
        "",
        "*page file* is the page's own share (the rest is the frame: app.py's plan, sidebar and "
        "navigation); *floor* is the frame drawing everything the page drew, bare; the "
        "*frame* row is app.py with an empty page, what every page and floor pays first. "
        "What-if and Compare plans draw nothing until the user acts, so they are also timed in a "
        "working state (one edit moving every role of the unit with the most leads; the plan "
        "that edit makes), where *first run* is the cold run right after the action.",
        "",
        "| page | plan | charts | tables | first run (ms) | warm rerun (ms) | page file (ms) "
        "| floor (ms) | page / floor | note |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for item in figures.values():
        for timing in item.pages:
            ratio = "–" if timing.ratio is None else f"{timing.ratio:.2f}x"
            out.append(
                f"| {timing.label} | {item.scale}x | {timing.charts} | {timing.tables} "
                f"| {ms(timing.first_s) if timing.first_s is not None else ''} "
                f"| {ms(timing.page_median)} | {ms(timing.body_median)} "
                f"| {ms(timing.floor_median)} | {ratio} | {timing.error[:80]} |"
            )
    if browser is not None:
        out += [
            "",
            "## In Chromium (wall-clock, median)",
            "",
            f"A click on the page's link in the navigation to all its charts drawn, beside the "
            f"same click on its floor page; the first visit by its URL in a fresh tab; a change "
            f"of the unit filter to all charts redrawn. A bare Streamlit script: "
            f"{ms(median(browser.get('bare_navigation_s', [])))} ms from its URL to drawn. "
            f"Fresh server, deep link to a page: {browser.get('deep_link', '–')}.",
            "",
            "| page | plan | click to drawn (ms) | floor (ms) | page / floor | first visit (ms) "
            "| filter change to redrawn (ms) | note |",
            "|---|---:|---:|---:|---:|---:|---:|---|",
        ]
        for label, server in browser.get("servers", {}).items():
            for result in server["pages"]:
                click, floor = median(result["click_s"]), median(result["floor_click_s"])
                out.append(
                    f"| {result['page']} | {label} | {ms(click)} | {ms(floor)} "
                    f"| {_ratio(click, floor)} | {ms(result['first_navigation_s'])} "
                    f"| {ms(median(result['filter_change_s']))} | {result['error'][:100]} |"
                )
        for label, server in browser.get("servers", {}).items():
            peak = server.get("peak_rss_mb")
            if peak is not None:
                out.append(f"\nServer at {label}, every page shown: peak RSS {peak:.0f} MB.")
    failed = [line for line in lines if line.passed is False]
    out += [
        "",
        "## Budget",
        "",
        f"{len(lines) - len(failed)} of {len(lines)} lines pass"
        + (": " + "; ".join(line.check for line in failed) + " do not." if failed else "."),
        "",
        "| budget | value | limit | result |",
        "|---|---|---|---|",
    ]
    out += [
        f"| {line.check} | {line.value} | {line.limit} | {verdict(line.passed)} |" for line in lines
    ]
    return "\n".join(out) + "\n"


def write_speed_doc(text: str, target: Path = SPEED_DOC) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target
