"""Every text of every pack chart read where it is placed: each chart laid out by plotly.js in
Chromium at its slide size (exactly the dict the deck renders) and at its report size, and every
title, tick label, legend entry, annotation and label measured. A text on another, or cut by or
running out of its chart, fails the test (a clash kaleido's PNG would show on the slide)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from itertools import combinations
from typing import Any

import plotly.io as pio
import plotly.offline
import pytest
from playwright.sync_api import BrowserContext, Page

from analysis.changes.whatif import MoveRole, apply_edits
from analysis.filters import FilterSpec, apply_filters
from analysis.model import Plan
from analysis.planfile.load import load_plan
from briefing import PackRequest
from briefing.content import ChartEntry
from briefing.deck import slide_drawing
from briefing.figures import before_after_entry, chart_entries
from briefing.report import report_figure

TODAY = date(2024, 5, 2)
VIEWS = {
    "whole plan": FilterSpec(),
    "Internet Governance": FilterSpec(pillars=("Internet Governance",)),
    "BDT": FilterSpec(units=("BDT",)),
}
SLACK_PX = 1.0  # rounding of the browser's boxes

# Each text drawn (not hidden by plotly's uniformtext), with its box against the chart's own.
TEXT_BOXES_JS = """async (spec) => {
    const holder = document.getElementById('chart');
    Plotly.purge(holder);
    await Plotly.newPlot(holder, spec.data, spec.layout, {staticPlot: true});
    const svgs = Array.from(holder.querySelectorAll('svg.main-svg'));
    const frame = svgs[0].getBoundingClientRect();
    return svgs.flatMap((svg) => Array.from(svg.querySelectorAll('text'))).map((t) => {
        const r = t.getBoundingClientRect();
        return {text: t.textContent, left: r.left - frame.left, right: r.right - frame.left,
                top: r.top - frame.top, bottom: r.bottom - frame.top,
                width: frame.width, height: frame.height};
    }).filter((t) => t.text.trim() && t.right > t.left && t.bottom > t.top);
}"""


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan()


@pytest.fixture(scope="module")
def plotly_page(shared_context: BrowserContext) -> Iterator[Page]:
    """One tab with plotly.js loaded, where each chart is drawn in turn (a tab of the worker's
    browser context: a context of its own costs Chromium more than the tab)."""
    page = shared_context.new_page()
    page.set_content(
        f"<html><body style='margin:0'><script>{plotly.offline.get_plotlyjs()}</script>"
        "<div id='chart'></div></body></html>"
    )
    yield page
    page.close()


def _entries(plan: Plan, spec: FilterSpec) -> list[ChartEntry]:
    """The pack's charts, and the before/after chart of a what-if pack (WSIS-ES's roles to CEC),
    its plans named as long as a legend shows them (charts.comparison.LEGEND_NAME_CHARS)."""
    request = PackRequest(plan, spec, today=TODAY)
    view = apply_filters(plan, spec)
    revised = apply_edits(plan, [MoveRole(None, "WSIS-ES", "CEC")], dated=TODAY)
    names = ("bundled data/plan.csv", "uploaded WSIS plan, revision 3 for Council 2007.csv")
    what_if = PackRequest(revised, spec, today=TODAY, before=plan, compared_names=names)
    entries = [*chart_entries(request, view),
               before_after_entry(what_if, apply_filters(revised, spec))]  # fmt: skip
    return [entry for entry in entries if entry.figure is not None]


def text_problems(boxes: list[dict[str, Any]]) -> list[str]:
    """Texts outside the chart, and pairs of texts on each other."""
    problems = [
        f"outside: {box['text']!r}"
        for box in boxes
        if box["left"] < -SLACK_PX
        or box["top"] < -SLACK_PX
        or box["right"] > box["width"] + SLACK_PX
        or box["bottom"] > box["height"] + SLACK_PX
    ]
    for first, second in combinations(boxes, 2):
        across = min(first["right"], second["right"]) - max(first["left"], second["left"])
        down = min(first["bottom"], second["bottom"]) - max(first["top"], second["top"])
        if across > SLACK_PX and down > SLACK_PX:
            problems.append(f"on each other: {first['text']!r} and {second['text']!r}")
    return problems


def _drawn(page: Page, spec: dict[str, Any]) -> list[dict[str, Any]]:
    # Through plotly's JSON encoder: the dict holds numpy arrays and timestamps.
    boxes: list[dict[str, Any]] = page.evaluate(
        TEXT_BOXES_JS, json.loads(pio.to_json(spec, validate=False))
    )
    return boxes


@pytest.mark.parametrize("view", list(VIEWS))
def test_every_chart_text_is_whole_and_apart_on_the_slide_and_in_the_report(
    plotly_page: Page, plan: Plan, view: str
) -> None:
    entries = _entries(plan, VIEWS[view])
    assert entries
    problems = []
    for entry in entries:
        for where, spec in (
            ("slide", slide_drawing(entry)),
            ("report", report_figure(entry.figure)),
        ):
            boxes = _drawn(plotly_page, spec)
            assert len(boxes) >= 5, (entry.key, where)
            problems += [f"{entry.key} ({where}): {p}" for p in text_problems(boxes)]
    assert problems == []


def test_the_check_sees_a_clash_and_a_cut_label() -> None:
    boxes = [
        {"text": "Internet Governance", "left": 10, "right": 150, "top": 10, "bottom": 27},
        {"text": "UN system-wide", "left": 100, "right": 200, "top": 20, "bottom": 37},
        {"text": "Libraries and Arc", "left": -40, "right": 90, "top": 60, "bottom": 77},
    ]
    for box in boxes:
        box |= {"width": 400, "height": 300}
    assert text_problems(boxes) == [
        "outside: 'Libraries and Arc'",
        "on each other: 'Internet Governance' and 'UN system-wide'",
    ]
