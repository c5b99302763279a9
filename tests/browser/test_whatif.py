"""What-if in real Chromium, as a manager prepares "WSIS-ES's roles go to CEC": the form, the
explained change lines, the total load beside the shares and the reason it fell, then the same
on Compare plans; screenshots are kept to look at (test-output/screenshots/, whatif-wsis-es-to-cec
and compare-wsis-es-to-cec)."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from .helpers import (
    PATIENCE_MS,
    TABLE_SIZES,
    TABLES_LAID_OUT,
    chart_texts_cut,
    expect_no_exception,
    open_page,
    real_errors,
    screenshot_full,
    wait_for_app_idle,
    wait_for_charts,
)


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
    page.wait_for_function(TABLES_LAID_OUT, timeout=PATIENCE_MS)
    for table in page.evaluate(TABLE_SIZES):
        assert table["scrollWidth"] <= table["clientWidth"] + 1, (where, table)


def test_wsis_es_roles_go_to_cec(page: Page, streamlit_server: str) -> None:
    # 1280 px, the narrowest window the tables are laid out for.
    page.set_viewport_size({"width": 1280, "height": 900})
    errors = open_page(page, f"{streamlit_server}/whatif?lead_w=1&assist_w=0.5")
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
    assert real_errors(errors) == []
