"""The printable report printed as a person would, from Chromium on A4 landscape: every chart's
caption on the page of its chart, no chart toolbar, and no near-empty page (the Network caption
alone on a page, as was seen before). The PDF is read with pypdf, page by page."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page
from pypdf import PdfReader

from analysis.filters import FilterSpec
from analysis.model import Plan
from analysis.planfile.load import load_plan
from briefing import PackRequest
from briefing.pack import assemble
from briefing.report import report_html

from .helpers import wait_until

TODAY = date(2024, 5, 2)
VIEWS = {
    "whole plan": FilterSpec(),
    "Internet Governance": FilterSpec(pillars=("Internet Governance",)),
}
# (section heading, first words of its caption) of every chart section.
SECTIONS = [
    ("Sectors and the General Secretariat", "of each Sector and the General Secretariat"),
    ("Workload by unit", "of each ITU unit"),
    ("Responsibility matrix", "Leads (L) and assists (A) of each unit"),
    ("What was held", "Dated events the plan's comments report held"),
    ("What comes next", "Upcoming meetings: the events"),
    ("Who works with whom", "ITU units (circles, left"),
    ("Points to decide", "The audit's points that need a decision"),
]
TOOLBARS_SHOWN = """() => Array.from(document.querySelectorAll('.modebar-container'))
    .filter((bar) => getComputedStyle(bar).display !== 'none').length"""
NEAR_EMPTY_CHARACTERS = 120  # a page with less text than this holds a stray caption at most


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan()


def _printed_pages(page: Page, report: str, folder: Path) -> list[str]:
    path = folder / "report.html"
    path.write_text(report, encoding="utf-8")
    page.goto(path.as_uri())
    wait_until(
        page,
        "document.querySelectorAll('.plotly-graph-div .main-svg').length"
        " >= document.querySelectorAll('.plotly-graph-div').length",
    )
    page.emulate_media(media="print")
    # Printed, the charts carry no toolbar (its icons sat above every chart on paper).
    assert page.evaluate(TOOLBARS_SHOWN) == 0
    pdf = page.pdf(format="A4", landscape=True, print_background=True)
    return [
        " ".join((sheet.extract_text() or "").split()) for sheet in PdfReader(io.BytesIO(pdf)).pages
    ]


def _page_of(pages: list[str], words: str) -> int:
    found = [number for number, text in enumerate(pages) if words in text]
    assert found, f"{words!r} is on no page"
    return found[0]


@pytest.mark.parametrize("view", list(VIEWS))
def test_captions_stay_with_their_charts_and_no_page_is_near_empty(
    page: Page, plan: Plan, tmp_path: Path, view: str
) -> None:
    # The pack's report as build_pack makes it, without the deck's slide images beside it.
    report = report_html(assemble(PackRequest(plan, VIEWS[view], today=TODAY)))
    pages = _printed_pages(page, report, tmp_path)
    for heading, caption_start in SECTIONS:
        chart_page = _page_of(pages, heading)
        assert _page_of(pages[chart_page:], caption_start) == 0, (heading, view)
    for number, text in enumerate(pages, start=1):
        assert len(text) >= NEAR_EMPTY_CHARACTERS, (view, number, text)
