"""Text is text, seen in Chromium: with a plan and a link full of the
audit's strings, the Overview and the Timeline make no request to the host the text names, draw
no link or picture to it, show the text as typed, and a one-word 60,000-character value in the
link no longer holds the tab for minutes (the sidebar names it by its start)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode, urlparse

from playwright.sync_api import Page, Request, expect

from tests.hostile_plan import EVIL_HOST, PAYLOADS, write_hostile_plan
from ui.registry import page_named

from .conftest import StartStreamlit
from .helpers import PATIENCE_MS, expect_no_exception, show_page

HOSTILE_LINK = f"[Your session expired - sign in again](https://{EVIL_HOST}/login)"
# A value of one word: laid out whole in the sidebar, it kept the tab busy for over three minutes.
ONE_LONG_WORD = "A" * 60_000


def test_hostile_plan_and_link_stay_text(
    page: Page, start_streamlit: StartStreamlit, tmp_path: Path
) -> None:
    server = start_streamlit(env={"PLAN_CSV": str(write_hostile_plan(tmp_path))})
    requested: list[str] = []

    def note(request: Request) -> None:
        if urlparse(request.url).hostname == EVIL_HOST:
            requested.append(request.url)

    page.on("request", note)
    page.route(f"**/*{EVIL_HOST}*/**", lambda route: route.abort())
    query = "?" + urlencode({"unit": [HOSTILE_LINK, ONE_LONG_WORD], "org": PAYLOADS[2]}, True)
    show_page(page, server, page_named("overview"), query, charts=1)
    warning = page.locator('[data-testid="stSidebar"] [data-testid="stAlertContentWarning"]')
    # Named by its first 40 characters, as typed (a URL gets an invisible joiner before it).
    expect(warning).to_contain_text(f"unit={HOSTILE_LINK[:40]}…", timeout=PATIENCE_MS)
    expect(warning).to_contain_text(f"{'A' * 40}… (60,000 characters)")
    decisions = page.locator('[data-testid="stTable"]').first
    expect(decisions).to_contain_text("![pixel](")  # the Markdown image, as typed
    for entry, charts in ((page_named("overview"), 1), (page_named("timeline"), 1)):
        show_page(page, server, entry, charts=charts)
        expect_no_exception(page)
        expect(page.locator(f'a[href*="{EVIL_HOST}"]')).to_have_count(0)
        expect(page.locator(f'img[src*="{EVIL_HOST}"]')).to_have_count(0)
        expect(page.locator('[data-testid="stMain"] strong', has_text="bold")).to_have_count(0)
    expect(page.locator('[data-testid="stTable"]').first).to_contain_text(
        "<script>alert(1)</script>"
    )
    assert requested == []
