"""Self-test of the browser harness: a throwaway Streamlit script in real Chromium."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect

from .helpers import console_errors, screenshot_full, wait_for_app_idle


def test_harness_serves_a_script(page: Page, start_streamlit: Any, tmp_path: Path) -> None:
    script = tmp_path / "harness_app.py"
    script.write_text('import streamlit as st\n\nst.title("harness ok")\n')
    url = start_streamlit(script=script)

    errors = console_errors(page)
    page.goto(url)
    wait_for_app_idle(page)

    expect(page.get_by_role("heading", name="harness ok")).to_be_visible()
    # The harness's own screenshot is taken always: it checks that screenshots work.
    shot = screenshot_full(page, "harness.png", always=True)
    assert shot is not None and shot.stat().st_size > 0
    assert errors == []
