"""Workload in real Chromium, on one visit, as a manager uses it and the browser itself: a
filter goes into the URL and redraws the charts; Back after a second filter undoes it (and the
app stays open); Ctrl+P prints the page Back left (no sidebar, the whole page, no chart cut
across two sheets; printed as Chromium prints it and the PDF read back); and a click on a bar of
the filtered chart opens the source text (every page's own checks: test_page_walk.py; plan text
that must stay text: test_hostile_text.py)."""

from __future__ import annotations

import io

from playwright.sync_api import Page, expect
from pypdf import PdfReader

from .conftest import OUTPUT_DIR
from .helpers import (
    PATIENCE_MS,
    expect_no_exception,
    open_page,
    pick_in_multiselect,
    query_of,
    real_errors,
    screenshot_full,
    wait_for_app_idle,
    wait_for_charts,
)

SOURCE_TEXT_HEADING = "Allocation of responsibilities within ITU:"
PILLAR = "Internet Governance"


def first_chart_trace_lengths(page: Page) -> list[int]:
    return page.evaluate(
        """() => {
            const plot = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
            return plot.data.map((trace) => (trace.x || trace.y || []).length);
        }"""
    )


def a_filter_goes_into_the_url_and_redraws_the_charts(page: Page) -> None:
    before = first_chart_trace_lengths(page)
    pick_in_multiselect(page, "Pillar", PILLAR)
    page.wait_for_function("() => location.search.includes('pillar=')")
    page.wait_for_function(
        "(before) => JSON.stringify(Array.from(document.querySelector("
        "'[data-testid=\"stPlotlyChart\"] .js-plotly-plot').data, "
        "(t) => (t.x || t.y || []).length)) !== JSON.stringify(before)",
        arg=before,
        timeout=PATIENCE_MS,
    )
    wait_for_charts(page, 2)
    assert query_of(page)["pillar"] == [PILLAR]
    assert first_chart_trace_lengths(page) != before
    expect_no_exception(page)


def _shown(page: Page, label: str) -> str:
    """What a sidebar multiselect shows: its label, its chosen values or 'All'."""
    return page.locator('[data-testid="stMultiSelect"]').filter(has_text=label).inner_text()


def back_undoes_a_filter(page: Page, streamlit_server: str) -> None:
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
    assert query_of(page) == {"pillar": [PILLAR]}
    assert "ITU-D" not in _shown(page, "Sector or General Secretariat")
    assert PILLAR in _shown(page, "Pillar")
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
    page.emulate_media(media="null")


def click_first_bar(page: Page) -> None:
    """Plotly's drag layer swallows element clicks: click the bar's centre by coordinates."""
    bar = page.locator('[data-testid="stPlotlyChart"] .js-plotly-plot .bars path').first
    # The mouse reaches only what is in the window: bring the bar into it first.
    bar.scroll_into_view_if_needed()
    box = bar.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def a_bar_click_shows_the_source_text(page: Page) -> None:
    expect(page.get_by_text(SOURCE_TEXT_HEADING)).to_have_count(0)
    click_first_bar(page)
    # No second click: the verbatim text shows at once under the selected unit's roles.
    expect(page.get_by_text(SOURCE_TEXT_HEADING).first).to_be_visible(timeout=PATIENCE_MS)
    wait_for_app_idle(page, timeout=PATIENCE_MS)
    expect_no_exception(page)
    screenshot_full(page, "workload-bar-selected.png")


def test_a_filter_back_print_and_a_bar_click_on_one_visit(
    page: Page, streamlit_server: str
) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    errors = open_page(page, f"{streamlit_server}/workload")
    wait_for_charts(page, 4)
    a_filter_goes_into_the_url_and_redraws_the_charts(page)
    back_undoes_a_filter(page, streamlit_server)
    prints_without_the_sidebar_and_whole(page)
    a_bar_click_shows_the_source_text(page)
    assert real_errors(errors) == []
