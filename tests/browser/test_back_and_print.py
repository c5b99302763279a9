"""Two things a manager does with the browser itself, on one visit to Workload: Back after a filter
change (it undoes the change, and the app stays open), then Ctrl+P on the page Back left (no
sidebar, the whole page, no chart cut across two sheets). The page is printed as Chromium prints
it, and the PDF read back."""

from __future__ import annotations

import io

from playwright.sync_api import Page
from pypdf import PdfReader

from .conftest import OUTPUT_DIR
from .helpers import (
    PATIENCE_MS,
    open_page,
    query_of,
    wait_for_app_idle,
    wait_for_charts,
)


def _shown(page: Page, label: str) -> str:
    """What a sidebar multiselect shows: its label, its chosen values or 'All'."""
    return page.locator('[data-testid="stMultiSelect"]').filter(has_text=label).inner_text()


def back_undoes_a_filter(page: Page, streamlit_server: str) -> None:
    open_page(page, f"{streamlit_server}/workload?pillar=Internet+Governance")
    wait_for_charts(page, 4)
    wait_for_app_idle(page)
    # Typed and chosen from the keyboard, as the sidebar allows: no pointer over a moving list.
    box = page.locator('[data-testid="stMultiSelect"]').filter(
        has_text="Sector or General Secretariat"
    )
    box.locator("input").focus()
    page.keyboard.type("ITU-D")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_function("() => location.search.includes('sector=')", timeout=PATIENCE_MS)
    wait_for_app_idle(page)

    page.go_back()
    page.wait_for_function("() => !location.search.includes('sector=')", timeout=PATIENCE_MS)
    wait_for_app_idle(page)
    page.wait_for_timeout(1000)  # a rerun that wrote the Sector back would have done it by now
    wait_for_app_idle(page)
    assert query_of(page) == {"pillar": ["Internet Governance"]}
    assert "ITU-D" not in _shown(page, "Sector or General Secretariat")
    assert "Internet Governance" in _shown(page, "Pillar")
    assert page.url.startswith(f"{streamlit_server}/workload")


PRINTED = OUTPUT_DIR / "print-workload.pdf"
PRINTED_STYLE_JS = """() => ({
    sidebar: getComputedStyle(document.querySelector('[data-testid="stSidebar"]')).display,
    main: getComputedStyle(document.querySelector('[data-testid="stMain"]')).overflowY,
    charts: Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"]'),
                       (chart) => getComputedStyle(chart).breakInside),
})"""


def prints_without_the_sidebar_and_whole(page: Page) -> None:
    page.emulate_media(media="print")
    style = page.evaluate(PRINTED_STYLE_JS)
    assert style["sidebar"] == "none"
    assert style["main"] == "visible"  # the whole page, not the window's height of it
    assert len(style["charts"]) >= 4 and set(style["charts"]) == {"avoid"}
    pdf = page.pdf(print_background=True, prefer_css_page_size=True)
    PRINTED.parent.mkdir(parents=True, exist_ok=True)
    PRINTED.write_bytes(pdf)  # to look at: pdftoppm -png test-output/print-workload.pdf
    sheets = [" ".join((s.extract_text() or "").split()) for s in PdfReader(io.BytesIO(pdf)).pages]
    text = " ".join(sheets)
    assert "Download briefing pack" not in text
    # The last heading of the page is printed: the page was not cut at the window's bottom.
    assert "Per Sector and the General Secretariat" in text
    assert len(sheets) >= 2


def test_back_undoes_a_filter_and_the_page_prints_whole(page: Page, streamlit_server: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    back_undoes_a_filter(page, streamlit_server)
    prints_without_the_sidebar_and_whole(page)
