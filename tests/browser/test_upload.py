"""Uploads in real Chromium: an Excel workbook saved by LibreOffice Calc is read as the plan,
and a damaged file is refused with its problems listed in the main area, full width."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from analysis.note.read import read_note
from analysis.planfile.load import load_plan, read_reference
from analysis.planfile.plan_csv import plan_csv_bytes

from .helpers import (
    PATIENCE_MS,
    REPO_ROOT,
    TABLES_LAID_OUT,
    chart_texts_cut,
    expect_no_exception,
    open_page,
    real_errors,
    screenshot_full,
    wait_for_app_idle,
    wait_for_charts,
)

FIXTURES = REPO_ROOT / "tests" / "fixtures" / "spreadsheets"


def metric_value(page: Page, label: str) -> str:
    metric = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return metric.locator('[data-testid="stMetricValue"]').inner_text().strip()


def upload(page: Page, path: Path) -> None:
    page.locator('[data-testid="stFileUploader"] input[type="file"]').first.set_input_files(path)


def test_an_xlsx_upload_is_read_as_the_plan(page: Page, streamlit_server: str) -> None:
    errors = open_page(page, streamlit_server)
    wait_for_charts(page, 1)
    upload(page, FIXTURES / "plan.xlsx")
    expect(page.get_by_text("Plan: upload: plan.xlsx", exact=False).first).to_be_visible(
        timeout=PATIENCE_MS
    )
    wait_for_charts(page, 1)
    assert metric_value(page, "Activities") == "54"
    expect(page.locator('[data-testid="stAlert"]')).to_have_count(0)
    expect_no_exception(page)
    screenshot_full(page, "upload-xlsx.png")
    assert real_errors(errors) == []


def test_a_mojibake_upload_is_refused_in_the_main_area(
    page: Page, streamlit_server: str, tmp_path: Path
) -> None:
    open_page(page, streamlit_server)
    wait_for_charts(page, 1)
    garbled = tmp_path / "revised plan.csv"
    garbled.write_bytes((FIXTURES / "mojibake-utf8.csv").read_bytes())
    upload(page, garbled)
    main = page.locator('[data-testid="stMain"]')
    alert = main.locator('[data-testid="stAlert"]').first
    expect(alert).to_contain_text(
        "The upload revised plan.csv could not be read", timeout=PATIENCE_MS
    )
    wait_for_app_idle(page, timeout=PATIENCE_MS)
    table = main.locator('[data-testid="stTable"]').first
    expect(table).to_contain_text("30 October â€“ 2 November")
    expect(table).to_contain_text("30 October – 2 November")
    # Full width: the problems table is about as wide as the main area, not the sidebar.
    table_box, main_box = table.bounding_box(), main.bounding_box()
    assert table_box is not None and main_box is not None
    assert table_box["width"] > 0.6 * main_box["width"]
    assert metric_value(page, "Activities") == "54"  # the bundled plan stays
    expect_no_exception(page)
    screenshot_full(page, "upload-mojibake.png")


def test_a_workbook_with_bad_xml_is_refused_and_every_page_still_works(
    page: Page, streamlit_server: str, tmp_path: Path
) -> None:
    """The audit: a malformed .xlsx ended every page of the session in a generic error."""
    import zipfile

    source = zipfile.ZipFile(FIXTURES / "plan.xlsx")
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(broken, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", b"<row></sheetData>")
            archive.writestr(info.filename, data)
    open_page(page, streamlit_server)
    wait_for_charts(page, 1)
    upload(page, broken)
    main = page.locator('[data-testid="stMain"]')
    expect(main.locator('[data-testid="stAlert"]').first).to_contain_text(
        "The upload broken.xlsx could not be read", timeout=PATIENCE_MS
    )
    wait_for_app_idle(page, timeout=PATIENCE_MS)
    expect(main).to_contain_text("is not well-formed XML")
    assert metric_value(page, "Activities") == "54"  # the bundled plan stays
    expect_no_exception(page)
    page.get_by_role("link", name="Workload").first.click()
    wait_for_app_idle(page, timeout=PATIENCE_MS)
    expect_no_exception(page)
    screenshot_full(page, "upload-bad-xml.png")


def test_a_note_dropped_on_the_sidebar_reaches_compare_and_can_become_the_plan(
    page: Page, streamlit_server: str
) -> None:
    errors = open_page(page, streamlit_server)
    wait_for_charts(page, 1)
    note = REPO_ROOT / "tests" / "fixtures" / "note" / "revisions" / "roles-moved.txt"
    upload(page, note)
    page.get_by_role("link", name="Read the note on Compare plans").click()
    # Read, and shown against the plan in use on Compare plans.
    expect(page.get_by_text("Read from the note roles-moved.txt").first).to_be_visible(
        timeout=PATIENCE_MS
    )
    expect(
        page.get_by_text("2 change(s) between bundled data/plan.csv and note roles-moved.txt").first
    ).to_be_visible()
    expect(page.get_by_role("button", name="Download as Excel")).to_be_visible()
    wait_for_app_idle(page)
    screenshot_full(page, "upload-note-compare.png")
    page.get_by_role("button", name="Use it as the plan in use").click()
    expect(page.get_by_text("read from the note roles-moved.txt", exact=False).first).to_be_visible(
        timeout=PATIENCE_MS
    )
    expect_no_exception(page)
    assert real_errors(errors) == []


def test_a_plan_uploaded_in_the_sidebar_is_compared_with_the_plan_it_replaced(
    page: Page, streamlit_server: str, tmp_path: Path
) -> None:
    """Issue 22, point 3: a sidebar upload did not reach Compare ('No second plan yet'), then
    Compare called both plans "Plan in use" and "Second plan". A name as long as a real file's:
    each chart keeps its texts inside it at 1280 px."""
    units, organisations = read_reference()
    note = REPO_ROOT / "tests" / "fixtures" / "note" / "revisions" / "roles-moved.txt"
    read = read_note(note.read_bytes(), note.name, units, organisations, load_plan())
    assert read.plan is not None
    name = "WSIS plan, revision 3 for Council 2007.csv"
    (tmp_path / name).write_bytes(plan_csv_bytes(read.plan))
    page.set_viewport_size({"width": 1280, "height": 900})  # the narrowest window laid out for
    errors = open_page(page, streamlit_server)
    wait_for_charts(page, 1)
    upload(page, tmp_path / name)
    expect(page.get_by_text(f"Plan: upload: {name}", exact=False).first).to_be_visible(
        timeout=PATIENCE_MS
    )
    page.get_by_role("link", name="Compare plans").first.click()
    # Both plans named by their files, in the lines, the table's headings and the legends.
    expect(
        page.get_by_text(f"2 change(s) between bundled data/plan.csv and uploaded {name}").first
    ).to_be_visible(timeout=PATIENCE_MS)
    wait_for_app_idle(page, timeout=PATIENCE_MS)
    wait_for_charts(page, 2)
    expect(page.get_by_text("No second plan yet")).to_have_count(0)
    page.wait_for_function(TABLES_LAID_OUT, arg=1, timeout=PATIENCE_MS)
    headers = page.locator('[data-testid="stDataFrame"] [role="columnheader"]').all_inner_texts()
    assert {"In data/plan.csv", f"In {name}"} <= set(headers)
    legend = page.locator('[data-testid="stPlotlyChart"] .legendtext').all_text_contents()
    assert legend.count("bundled data/plan.csv (B, light, hatched)") == 2
    assert legend.count("uploaded WSIS plan, rev… (A, solid)") == 2
    assert chart_texts_cut(page) == []
    screenshot_full(page, "upload-compare-replaced.png")
    expect_no_exception(page)
    assert real_errors(errors) == []
