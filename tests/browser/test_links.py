"""Shared links, as a colleague opens them: the default page by its own path, repeated and
unknown values, theme values in their short and their old long form."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from playwright.sync_api import Page, expect

from .helpers import PATIENCE_MS, wait_for_app_idle

PAGE_NOT_FOUND = "Page not found"


def open_link(page: Page, url: str) -> None:
    page.goto(url)
    wait_for_app_idle(page, timeout=PATIENCE_MS)


def chips(page: Page, label: str, count: int) -> list[str]:
    """The chosen options of a sidebar multiselect once it shows `count` chips, as the chips
    read (their accessible names)."""
    box = page.locator('[data-testid="stMultiSelect"]').filter(has_text=label)
    tags = box.locator(".react-aria-ComboBox [data-tag]")
    expect(tags).to_have_count(count)
    return [str(tags.nth(i).get_attribute("aria-label")) for i in range(count)]


def test_the_default_page_opens_by_its_own_path(page: Page, streamlit_server: str) -> None:
    open_link(page, f"{streamlit_server}/overview?pillar=Internet+Governance")
    expect(page.locator('[data-testid="stMain"] h1').first).to_contain_text("Overview")
    assert page.get_by_text(PAGE_NOT_FOUND).count() == 0
    assert chips(page, "Pillar", 1) == ["Internet Governance"]


def test_a_repeated_value_is_chosen_once(page: Page, streamlit_server: str) -> None:
    open_link(page, f"{streamlit_server}/workload?unit=BDT&unit=BDT")
    assert chips(page, "ITU unit", 1) == ["BDT · Telecommunication Development Bureau"]
    assert parse_qs(urlparse(page.url).query)["unit"] == ["BDT"]


def test_a_value_the_plan_lacks_is_reported(page: Page, streamlit_server: str) -> None:
    open_link(page, f"{streamlit_server}/workload?unit=BDT&unit=XYZ")
    assert chips(page, "ITU unit", 1) == ["BDT · Telecommunication Development Bureau"]
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar.get_by_text("unit=XYZ", exact=False)).to_be_visible()


def test_theme_links_short_and_old(page: Page, streamlit_server: str) -> None:
    open_link(page, f"{streamlit_server}/matrix?theme=C7-eLearning")
    assert chips(page, "Theme", 1) == ["C7 theme · eLearning"]
    assert parse_qs(urlparse(page.url).query)["theme"] == ["C7-eLearning"]
    # A link shared before the short form existed still opens the same view.
    open_link(page, f"{streamlit_server}/matrix?theme=C7+%C2%B7+eLearning")
    assert chips(page, "Theme", 1) == ["C7 theme · eLearning"]
