"""Every page in real Chromium, visited once per state in one tab, with every check a page gets
on that visit: reached through the sidebar at its own path, its own title, its charts drawn, no
exception and no console error, no chart text cut at the chart's edge, axe-core (WCAG 2.1 AA)
finding nothing serious, chart texts at 4.5:1, every chart and table named; then, resizing the
window at the end of the visit, its tables at 1280 and 1500 px (no sideways scrolling, the
column a manager reads first) and 200% zoom (640 CSS px) without sideways scrolling. Before the
walk, a shared link to the default page by its own path; the filtered state is chosen in the
sidebar, and one visit goes by the keyboard alone: from the sidebar to Workload, then to the
verbatim text behind a unit. After the walk, in the same session (it holds no upload and no
edit): What-if and Compare plans as a manager prepares a move of roles, and Workload as a
manager uses it and the browser itself (each test's docstring says what it checks; plan text
that must stay text: test_hostile_text.py)."""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from pypdf import PdfReader

from ui.registry import PAGES, PageEntry, page_named

from .a11y import chart_text_contrast, run_axe, unnamed_charts_and_tables
from .conftest import OUTPUT_DIR, WorkerTab
from .helpers import (
    APP_TITLE,
    PATIENCE_MS,
    SCROLLER_WIDTHS,
    TABLE_SIZES,
    TABLES_LAID_OUT,
    chart_count,
    chart_texts_cut,
    console_errors,
    expect_no_exception,
    open_link_in_session,
    pick_in_multiselect,
    query_of,
    real_errors,
    screenshot_full,
    show_page,
    tab_to,
    wait_for_app_idle,
    wait_for_charts,
    wait_until,
    wait_until_shown,
)

# One tab walks the pages in order: the module stays on one pytest-xdist worker, the one of
# every test of the worker's dashboard (conftest.APP_SERVER_GROUP).
WIDE, WIDER, ZOOMED = 1280, 1500, 640
HEIGHT = 900
# One filtered state for every page: a unit filter narrows every chart and table.
FILTERED_UNIT = "BDT"
STATES = {"default": "", "filtered": f"?unit={FILTERED_UNIT}"}
# The visit reached by the keyboard alone, which then also shows a unit's source text.
KEYBOARD_VISIT = ("filtered", "workload")
# Charts drawn on the bundled plan, at least: a page that draws fewer was not ready.
CHARTS_AT_LEAST = {"overview": 1, "workload": 4, "matrix": 1, "timeline": 1, "network": 1}
# The first column of each table of a page, in page order (the one a manager reads first).
FIRST_COLUMNS = {
    "overview": ["Activity", "Check"],  # no-lead activities, audit checks
    "workload": ["Unit", "Part of ITU"],
    "matrix": ["Id"],
    "timeline": ["Start"],
    "network": ["Name"],
    "plan": ["Activity", "Check", "Title"],
}
# The default state starts at the second page, so the default page too is reached by its
# sidebar link, last; the filtered state walks in the registry's order, from the default page
# with the unit chosen in its sidebar.
VISITS = [("default", entry) for entry in [*PAGES[1:], PAGES[0]]] + [
    ("filtered", entry) for entry in PAGES
]
SIDEBAR_OPEN = """() => {
    const bar = document.querySelector('[data-testid="stSidebar"]');
    return bar !== null && bar.getBoundingClientRect().left >= 0;
}"""
SIDEBAR_FOLDED = """() => {
    const bar = document.querySelector('[data-testid="stSidebar"]');
    return bar === null || bar.getBoundingClientRect().right <= 0;
}"""
PAGE_WIDTHS = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    const root = document.documentElement;
    return [root.scrollWidth, root.clientWidth, main.scrollWidth, main.clientWidth];
}"""


@pytest.fixture(scope="module")
def tab(worker_tab: WorkerTab, request: pytest.FixtureRequest) -> Iterator[tuple[Page, list[str]]]:
    """The worker's tab for the module, and the console errors it collects: pages are switched
    to by their sidebar links, not reopened."""
    page = worker_tab.take()
    viewport = page.viewport_size
    failed_before = request.session.testsfailed
    page.set_viewport_size({"width": WIDE, "height": HEIGHT})
    errors = console_errors(page)
    yield page, errors
    worker_tab.give_back(viewport, failed=request.session.testsfailed != failed_before)


CHIPS = """() => Array.from(
    document.querySelectorAll('[data-testid="stSidebar"] span[data-tag] > span')
).map((label) => ({text: label.textContent, cut: label.scrollWidth > label.clientWidth + 1}))"""
SHARED_LINK = "overview?unit=WSIS-ES&unit=BDT&pillar=Multi-stakeholder+implementation"


def test_a_shared_link_to_the_default_page_by_its_own_path(
    tab: tuple[Page, list[str]], streamlit_server: str
) -> None:
    """The default page opens at /overview too, with the link's filters chosen in the sidebar
    under their whole names (the chips wrap instead of cutting them) and kept in the URL."""
    page, errors = tab
    page.goto(f"{streamlit_server}/{SHARED_LINK}")
    wait_for_app_idle(page, timeout=PATIENCE_MS)
    expect(page.locator('[data-testid="stMain"] h1').first).to_contain_text("Overview")
    assert page.get_by_text("Page not found").count() == 0
    wait_until(page, f"() => ({CHIPS})().length >= 3", timeout=PATIENCE_MS)
    # The chips are drawn before the app's stylesheet reaches them: wait for the whole names to
    # be laid out (or the time to run out), then read them.
    with contextlib.suppress(PlaywrightTimeoutError):
        wait_until(page, f"() => ({CHIPS})().every((chip) => !chip.cut)", timeout=20000)
    chips: list[dict[str, Any]] = page.evaluate(CHIPS)
    assert {chip["text"] for chip in chips} == {
        "Multi-stakeholder implementation",
        "WSIS-ES · WSIS Executive Secretariat",
        "BDT · Telecommunication Development Bureau",
    }
    assert not [chip for chip in chips if chip["cut"]]
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar.get_by_text("BDT · Telecommunication Development Bureau")).to_be_visible()
    assert query_of(page)["unit"] == ["WSIS-ES", "BDT"]
    assert query_of(page)["pillar"] == ["Multi-stakeholder implementation"]
    expect_no_exception(page)
    # Screenshots of failures are taken the same way (tests/browser/conftest.py): they work.
    shot = screenshot_full(page, "shared-link-overview.png", always=True)
    assert shot is not None and shot.stat().st_size > 0
    assert real_errors(errors) == []
    clear_filters(page)


def clear_filters(page: Page) -> None:
    """The sidebar's Clear all filters: the link loses its filters and the session stays, so the
    next page is reached by its sidebar link rather than opened afresh (show_page)."""
    page.locator('[data-testid="stSidebar"] button', has_text="Clear all filters").click()
    wait_until(page, "() => location.search === ''", timeout=PATIENCE_MS)
    wait_for_app_idle(page, timeout=PATIENCE_MS)


def check_tables(page: Page, entry: PageEntry) -> None:
    """At 1280 px, then the window widened to 1500 px (the grid lays itself out again on a
    resize, as it does when a manager widens the window): no table scrolls sideways, and each
    leads with the column a manager reads first."""
    first_columns = FIRST_COLUMNS[entry.name]
    # A loaded machine may draw the tables one by one: wait for all of them.
    wait_until(page, TABLES_LAID_OUT, arg=len(first_columns), timeout=PATIENCE_MS)
    for width in (WIDE, WIDER):
        if width != WIDE:
            narrower: list[int] = page.evaluate(SCROLLER_WIDTHS)
            page.set_viewport_size({"width": width, "height": HEIGHT})
            # Stretched tables widen; a table as wide as its columns keeps its width.
            wait_until(
                page,
                f"(before) => {{ const now = ({SCROLLER_WIDTHS})(); "
                "return now.some((w, i) => w > before[i])"
                " && now.every((w, i) => w >= before[i]); }",
                arg=narrower,
                timeout=PATIENCE_MS,
            )
        tables: list[dict[str, Any]] = page.evaluate(TABLE_SIZES)
        assert [table["first"] for table in tables] == first_columns
        for table in tables:
            assert table["scrollWidth"] <= table["clientWidth"] + 1, (entry.name, width, table)
        screenshot_full(page, f"tables-{entry.name}-{width}.png")


def check_zoomed(page: Page, entry: PageEntry) -> None:
    """A 1280 px window at 200% zoom lays the page out in 640 CSS px (WCAG 1.4.10 Reflow asks
    for 320 at 400%). The page body must not scroll sideways; a wide table may, inside itself.
    Layout depends on the CSS width only, so the pixels are not doubled: the same reflow for a
    quarter of the rasterising. At that width Streamlit folds the sidebar away, as it does for a
    page opened there."""
    page.set_viewport_size({"width": ZOOMED, "height": 800})
    wait_until(page, SIDEBAR_FOLDED, timeout=PATIENCE_MS)
    widths = page.evaluate(PAGE_WIDTHS)
    if widths[0] > widths[1] + 1 or widths[2] > widths[3] + 1:
        screenshot_full(page, f"zoom-200-{entry.name}.png", always=True)
    assert widths[0] <= widths[1] + 1 and widths[2] <= widths[3] + 1, (entry.name, widths)


@pytest.mark.parametrize(
    ("state", "entry"), VISITS, ids=[f"{state}-{entry.name}" for state, entry in VISITS]
)
def test_every_page(
    tab: tuple[Page, list[str]],
    streamlit_server: str,
    state: str,
    entry: PageEntry,
    record_property: Callable[[str, object], None],
) -> None:
    page, errors = tab
    errors_before = len(errors)
    page.set_viewport_size({"width": WIDE, "height": HEIGHT})
    if page.url.startswith(streamlit_server):
        # Widened again after the last visit's 640 px: Streamlit unfolds the sidebar.
        wait_until(page, SIDEBAR_OPEN, timeout=PATIENCE_MS)
    charts_at_least = CHARTS_AT_LEAST.get(entry.name, 0)
    if (state, entry.name) == KEYBOARD_VISIT:
        the_keyboard_reaches(page, entry, charts_at_least)
    else:
        choose_the_state_in_the_sidebar(page, streamlit_server, state)
        show_page(page, streamlit_server, entry, STATES[state], charts_at_least)
    # The default page lives at the root; the others at their own path.
    path = "/" if entry.default else f"/{entry.url_path}"
    wait_until(page, "(path) => location.pathname === path", arg=path)
    # WCAG 2.4.2: each page has a title of its own (distinct: test_page_titles_are_distinct).
    expect(page).to_have_title(f"{entry.title} · {APP_TITLE}")
    expect_no_exception(page)
    assert chart_count(page) >= charts_at_least, f"{entry.name}: charts missing"
    if state == "default":
        # 1280 px wide: half-width charts are at their narrowest.
        cut = chart_texts_cut(page)
        assert cut == [], (entry.name, cut)
        screenshot_full(page, f"page-{entry.url_path}.png")

    report = run_axe(page)
    checked, faint = chart_text_contrast(page)
    charts, tables, unnamed = unnamed_charts_and_tables(page)
    counts = report.counts()
    # Printed at the end of the run (tests/conftest.py), whichever worker ran the test.
    record_property(
        "summary",
        f"axe {entry.name} ({state}): critical {counts['critical']}, serious "
        f"{counts['serious']}, moderate {counts['moderate']}, minor {counts['minor']} "
        f"({', '.join(sorted(report.ids())) or 'none'}); chart texts checked {checked}, "
        f"under 4.5:1 {len(faint)}; charts {charts}, tables {tables}, unnamed {len(unnamed)}",
    )
    if report.blocking() or faint:
        screenshot_full(page, f"a11y-{entry.name}-{state}.png", always=True)
    assert report.blocking() == []
    assert "heading-order" not in report.ids()
    assert faint == []
    assert unnamed == []
    if entry.name in CHARTS_AT_LEAST:
        assert checked > 0, "no chart text was found to check"

    if state == "default":
        if entry.name in FIRST_COLUMNS:
            check_tables(page, entry)
        check_zoomed(page, entry)
    if (state, entry.name) == KEYBOARD_VISIT:
        the_keyboard_shows_the_source_text_behind_a_unit(page)
    assert real_errors(errors[errors_before:]) == []


def test_page_titles_are_distinct() -> None:
    """The walk checks each page's title in the browser; here, that no two are alike."""
    titles = [f"{entry.title} · {APP_TITLE}" for entry in PAGES]
    assert len(set(titles)) == len(PAGES) == 8


def choose_the_state_in_the_sidebar(page: Page, streamlit_server: str, state: str) -> None:
    """From the default state of the app, the filtered one is chosen in the sidebar, as a manager
    narrows the view: the session and Streamlit's frontend stay (opening the filtered link would
    load both afresh; the shared link opened before the walk checks a link's filters)."""
    if state != "filtered" or not page.url.startswith(streamlit_server) or query_of(page):
        return
    # The unit's code typed, then Enter: that unit alone. Streamlit's default matched every unit
    # whose name holds B, D and T in turn and offered "Select 3 matches" first, which Enter took.
    box = page.locator('[data-testid="stMultiSelect"]').filter(has_text="ITU unit")
    box.locator("input").click()
    page.keyboard.type(FILTERED_UNIT)
    expect(page.get_by_role("option")).to_have_text([re.compile(rf"^{FILTERED_UNIT} ")])
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    wait_until(page, "() => location.search !== ''")
    wait_for_app_idle(page, timeout=PATIENCE_MS)
    assert query_of(page) == {"unit": [FILTERED_UNIT]}


def the_keyboard_reaches(page: Page, entry: PageEntry, charts: int) -> None:
    """From the top of the page: Tab to the sidebar's link to the page, outlined, then Enter."""
    page.locator("body").focus()
    tab_to(
        page,
        f"el.tagName === 'A' && el.textContent.trim() === '{entry.title}'",
        f"the {entry.title} link",
    )
    # The focused link is outlined, not only faintly shaded (WCAG 2.4.7).
    wait_until(
        page,
        "() => getComputedStyle(document.activeElement).outlineStyle === 'solid'",
        timeout=10000,
    )
    page.keyboard.press("Enter")
    wait_until_shown(page, entry, charts)


def the_keyboard_shows_the_source_text_behind_a_unit(page: Page) -> None:
    """On Workload, from the sidebar's link: the first "Show the activities of" box is the
    per-unit one; a unit typed there and Enter show its verbatim text at once."""
    tab_to(
        page,
        "el.getAttribute('aria-label') && el.getAttribute('aria-label')"
        ".startsWith('Show the activities of')",
        "the 'Show the activities of' box",
    )
    page.keyboard.type("BDT")
    page.keyboard.press("Enter")
    expect(page.get_by_text(re.compile(r"^BDT: 18 leads, 10 assists"))).to_be_visible(
        timeout=PATIENCE_MS
    )
    wait_for_app_idle(page, timeout=PATIENCE_MS)
    # The verbatim text shows at once under the unit's roles: no further key to press.
    verbatim = page.locator('[data-testid="stCode"]', has_text="Lead: BDT. Assisted by TSB")
    expect(verbatim.first).to_be_visible(timeout=PATIENCE_MS)
    screenshot_full(page, "keyboard-workload-bdt.png")


# After the walk, in its session: What-if, then Workload as a manager uses them.
WHAT_IF_LINK = "whatif?lead_w=1&assist_w=0.5"


def choose(page: Page, label: str, code: str) -> None:
    """Pick the unit of the Streamlit selectbox with this label, by typing its code as a user
    would and taking the option that starts with it ("CEC · …")."""
    page.get_by_label(label, exact=True).click()
    page.keyboard.type(code)
    page.get_by_role("option").filter(has_text=f"{code} ·").first.click()
    wait_for_app_idle(page)


def assert_tables_fit(page: Page, where: str) -> None:
    """No table of the page scrolls sideways (What-if and Compare plans once cut off
    "load after", "share", "change" and "In the second plan" at 1500 px)."""
    wait_until(page, TABLES_LAID_OUT, timeout=PATIENCE_MS)
    for table in page.evaluate(TABLE_SIZES):
        assert table["scrollWidth"] <= table["clientWidth"] + 1, (where, table)


def test_wsis_es_roles_go_to_cec(tab: tuple[Page, list[str]], streamlit_server: str) -> None:
    """What-if in the walk's session, as a manager prepares "WSIS-ES's roles go to CEC": the
    form, the explained change lines, the total load beside the shares and the reason it fell,
    then the same on Compare plans (screenshots to look at: whatif-wsis-es-to-cec and
    compare-wsis-es-to-cec). The link is followed in the session: it sets the filters and
    weights anew (the walk's unit filter goes), and the walk made no edit and no upload."""
    page, errors = tab
    errors_before = len(errors)
    # 1280 px, the narrowest window the tables are laid out for.
    page.set_viewport_size({"width": WIDE, "height": HEIGHT})
    open_link_in_session(page, streamlit_server, WHAT_IF_LINK, page_named("whatif"))
    choose(page, "From unit", "WSIS-ES")
    choose(page, "To unit", "CEC")
    page.get_by_role("button", name="Add this edit").click()
    wait_for_app_idle(page)
    wait_for_charts(page, 2)
    expect_no_exception(page)
    main = page.locator('[data-testid="stMain"]')
    expect(main).to_contain_text("Every role change, with its reason (7)")
    expect(main).to_contain_text(
        "A31: WSIS-ES's lead moves to CEC; CEC's own assist (Coordination Unit) there is merged "
        "into that lead"
    )
    expect(main).to_contain_text("A39: WSIS-ES's lead (Executive Director) is dropped")
    expect(main).to_contain_text("78 → 75")
    expect(main).to_contain_text(
        "5 roles merged into roles the receiving unit already held, inside the General "
        "Secretariat; the total load falls from 78 to 75."
    )
    assert_tables_fit(page, "what-if")
    assert chart_texts_cut(page) == []
    screenshot_full(page, "whatif-wsis-es-to-cec.png")
    # Handed over to Compare plans: the same totals, read from the revised CSV.
    page.get_by_role("button", name="Compare this with the current plan").click()
    wait_for_app_idle(page)
    wait_for_charts(page, 2)
    expect_no_exception(page)
    expect(main).to_contain_text("The total load falls from 78 to 75.")
    assert_tables_fit(page, "compare")
    assert chart_texts_cut(page) == []
    screenshot_full(page, "compare-wsis-es-to-cec.png")
    assert real_errors(errors[errors_before:]) == []


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
    wait_until(page, "() => location.search.includes('pillar=')")
    wait_until(
        page,
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
    wait_until(page, "() => location.search.includes('sector=')", timeout=PATIENCE_MS)
    wait_for_app_idle(page)

    page.go_back()
    wait_until(page, "() => !location.search.includes('sector=')", timeout=PATIENCE_MS)
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
    tab: tuple[Page, list[str]], streamlit_server: str
) -> None:
    """Workload on one visit, as a manager uses it and the browser itself: a filter goes into
    the URL and redraws the charts; Back after a second filter undoes it (and the app stays
    open); Ctrl+P prints the page Back left (no sidebar, the whole page, no chart cut across
    two sheets; printed as Chromium prints it and the PDF read back); and a click on a bar of
    the filtered chart opens the source text. Reached by its sidebar link from What-if's
    session, whose link left no filter and the default weights."""
    page, errors = tab
    errors_before = len(errors)
    page.set_viewport_size({"width": WIDE, "height": HEIGHT})
    show_page(page, streamlit_server, page_named("workload"), "", CHARTS_AT_LEAST["workload"])
    a_filter_goes_into_the_url_and_redraws_the_charts(page)
    back_undoes_a_filter(page, streamlit_server)
    prints_without_the_sidebar_and_whole(page)
    a_bar_click_shows_the_source_text(page)
    assert real_errors(errors[errors_before:]) == []
