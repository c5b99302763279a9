"""Text is text, seen in Chromium: a link full of the audit's strings opened, then a plan full
of them uploaded, in one tab. The Overview, the Timeline, the matrix, Workload and Plan and audit
make no request to the host the text names, draw no link or picture to it, run no script and add
no element from the plan, and show the text as typed, also when a row is chosen from the keyboard
and its verbatim text printed; a one-word 60,000-character value in the link no longer holds the
tab for minutes (the sidebar names it by its start)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode, urlparse

from playwright.sync_api import Page, Request, expect

from tests.hostile_plan import EVIL_HOST, MARKUP_TITLE, PAYLOADS, write_hostile_plan
from ui.registry import page_named

from .helpers import (
    PATIENCE_MS,
    TABLES_LAID_OUT,
    expect_no_exception,
    follow_link,
    open_page,
    real_errors,
    screenshot_full,
    tab_to,
    wait_for_app_idle,
    wait_until,
)

HOSTILE_LINK = f"[Your session expired - sign in again](https://{EVIL_HOST}/login)"
# A value of one word: laid out whole in the sidebar, it kept the tab busy for over three minutes.
ONE_LONG_WORD = "A" * 60_000
# Charts each page draws at least, once it is drawn.
PAGES_WITH_CHARTS = {"overview": 1, "timeline": 1, "matrix": 1, "workload": 1}


def expect_text_as_text(page: Page, where: str) -> None:
    """Nothing of the plan's or the link's text became a link, a picture, bold text, an element
    or a script run."""
    expect_no_exception(page)
    expect(page.locator(f'a[href*="{EVIL_HOST}"]')).to_have_count(0)
    expect(page.locator(f'img[src*="{EVIL_HOST}"]')).to_have_count(0)
    expect(page.locator('[data-testid="stMain"] strong', has_text="bold")).to_have_count(0)
    assert page.evaluate("() => window.__planScriptRan === undefined"), where
    assert page.locator("#injected").count() == 0, where
    screenshot_full(page, f"hostile-{where}.png")


def choose_a02_from_the_keyboard(page: Page) -> None:
    """On Plan and audit: search A02, then, as the table's caption says, Tab into the table,
    arrow down to a row, Shift+Space: its verbatim text is printed."""
    search = page.get_by_role("textbox", name="Search the plan")
    search.fill("A02")
    search.press("Enter")
    wait_until(page, "() => location.search.includes('q=A02')", timeout=PATIENCE_MS)
    wait_for_app_idle(page, timeout=PATIENCE_MS)
    wait_until(page, TABLES_LAID_OUT, arg=1, timeout=PATIENCE_MS)
    search.focus()
    tab_to(
        page, "el.tagName === 'CANVAS' && el.closest('[data-testid=\"stDataFrame\"]')", "the table"
    )
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Shift+Space")
    shown = page.locator('[data-testid="stText"]', has_text=MARKUP_TITLE)
    expect(shown.first).to_be_visible(timeout=PATIENCE_MS)
    wait_for_app_idle(page, timeout=PATIENCE_MS)


def test_a_hostile_link_and_plan_stay_text_on_every_page_they_reach(
    page: Page, streamlit_server: str, tmp_path: Path
) -> None:
    requested: list[str] = []

    def note(request: Request) -> None:
        if urlparse(request.url).hostname == EVIL_HOST:
            requested.append(request.url)

    page.on("request", note)
    page.route(f"**/*{EVIL_HOST}*/**", lambda route: route.abort())
    query = "?" + urlencode({"unit": [HOSTILE_LINK, ONE_LONG_WORD], "org": PAYLOADS[2]}, True)
    errors = open_page(page, f"{streamlit_server}/overview{query}")
    warning = page.locator('[data-testid="stSidebar"] [data-testid="stAlertContentWarning"]')
    # Named by its first 40 characters, as typed (a URL gets an invisible joiner before it).
    expect(warning).to_contain_text(f"unit={HOSTILE_LINK[:40]}…", timeout=PATIENCE_MS)
    expect(warning).to_contain_text(f"{'A' * 40}… (60,000 characters)")
    expect_text_as_text(page, "overview-link")

    plan = write_hostile_plan(tmp_path)
    page.locator('[data-testid="stSidebar"] [data-testid="stFileUploader"] input').set_input_files(
        plan
    )
    expect(page.get_by_text(f"Plan: upload: {plan.name}", exact=False).first).to_be_visible(
        timeout=PATIENCE_MS
    )
    wait_for_app_idle(page, timeout=PATIENCE_MS)
    decisions = page.locator('[data-testid="stTable"]').first
    expect(decisions).to_contain_text("![pixel](")  # the Markdown image, as typed
    expect_text_as_text(page, "overview")
    follow_link(page, page_named("timeline"), PAGES_WITH_CHARTS["timeline"])
    expect_text_as_text(page, "timeline")
    expect(page.locator('[data-testid="stTable"]').first).to_contain_text(
        "<script>alert(1)</script>"
    )
    for name in ("matrix", "workload"):
        follow_link(page, page_named(name), PAGES_WITH_CHARTS[name])
        expect_text_as_text(page, name)
    follow_link(page, page_named("plan"))
    choose_a02_from_the_keyboard(page)
    expect_text_as_text(page, "plan")
    assert requested == []
    assert real_errors(errors) == []
