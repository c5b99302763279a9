"""Uploads in real Chromium, one sidebar taking one file after another as a manager might: two
damaged files refused with their problems listed in the main area, full width, while the bundled
plan stays and every page still works; an Excel workbook saved by LibreOffice Calc read as the
plan; a plan with a long file name compared with the plan it replaced; and the note itself read
on Compare plans and made the plan in use."""

from __future__ import annotations

import zipfile
from pathlib import Path

from playwright.sync_api import Page, expect

from analysis.note.read import read_note
from analysis.planfile.load import load_plan, read_reference
from analysis.planfile.plan_csv import plan_csv_bytes
from ui.registry import page_named

from .helpers import (
    PATIENCE_MS,
    REPO_ROOT,
    TABLES_LAID_OUT,
    chart_texts_cut,
    expect_no_exception,
    follow_link,
    open_page,
    real_errors,
    screenshot_full,
    wait_for_app_idle,
    wait_for_charts,
    wait_until,
)

FIXTURES = REPO_ROOT / "tests" / "fixtures" / "spreadsheets"
NOTE = REPO_ROOT / "tests" / "fixtures" / "note" / "revisions" / "roles-moved.txt"
LONG_NAME = "WSIS plan, revision 3 for Council 2007.csv"


def metric_value(page: Page, label: str) -> str:
    metric = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return metric.locator('[data-testid="stMetricValue"]').inner_text().strip()


def upload(page: Page, path: Path) -> None:
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(path)


def workbook_with_bad_xml(folder: Path) -> Path:
    """plan.xlsx with an unclosed row in its sheet."""
    source = zipfile.ZipFile(FIXTURES / "plan.xlsx")
    broken = folder / "broken.xlsx"
    with zipfile.ZipFile(broken, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", b"<row></sheetData>")
            archive.writestr(info.filename, data)
    return broken


def plan_with_a_long_name(folder: Path) -> Path:
    """The plan the note roles-moved.txt holds (two roles moved), under a real file's name."""
    units, organisations = read_reference()
    read = read_note(NOTE.read_bytes(), NOTE.name, units, organisations, load_plan())
    assert read.plan is not None
    path = folder / LONG_NAME
    path.write_bytes(plan_csv_bytes(read.plan))
    return path


def refuse_mojibake(page: Page, folder: Path) -> None:
    """A CSV garbled by a wrong encoding is refused in the main area, its problems in a table as
    wide as the main area (not the sidebar's width)."""
    garbled = folder / "revised plan.csv"
    garbled.write_bytes((FIXTURES / "mojibake-utf8.csv").read_bytes())
    upload(page, garbled)
    main = page.locator('[data-testid="stMain"]')
    expect(main.locator('[data-testid="stAlert"]').first).to_contain_text(
        "The upload revised plan.csv could not be read", timeout=PATIENCE_MS
    )
    wait_for_app_idle(page, timeout=PATIENCE_MS)
    table = main.locator('[data-testid="stTable"]').first
    expect(table).to_contain_text("30 October â€“ 2 November")
    expect(table).to_contain_text("30 October – 2 November")
    table_box, main_box = table.bounding_box(), main.bounding_box()
    assert table_box is not None and main_box is not None
    assert table_box["width"] > 0.6 * main_box["width"]
    assert metric_value(page, "Activities") == "54"  # the bundled plan stays
    expect_no_exception(page)
    screenshot_full(page, "upload-mojibake.png")


def refuse_bad_xml(page: Page, folder: Path) -> None:
    """The audit: a malformed .xlsx ended every page of the session in a generic error."""
    upload(page, workbook_with_bad_xml(folder))
    main = page.locator('[data-testid="stMain"]')
    expect(main.locator('[data-testid="stAlert"]').first).to_contain_text(
        "The upload broken.xlsx could not be read", timeout=PATIENCE_MS
    )
    wait_for_app_idle(page, timeout=PATIENCE_MS)
    expect(main).to_contain_text("is not well-formed XML")
    assert metric_value(page, "Activities") == "54"  # the bundled plan stays
    expect_no_exception(page)
    follow_link(page, page_named("workload"))
    expect_no_exception(page)
    screenshot_full(page, "upload-bad-xml.png")


def read_the_workbook(page: Page) -> None:
    """On Overview, a workbook saved by LibreOffice Calc is read as the plan, without a word."""
    upload(page, FIXTURES / "plan.xlsx")
    expect(page.get_by_text("Plan: upload: plan.xlsx", exact=False).first).to_be_visible(
        timeout=PATIENCE_MS
    )
    wait_for_charts(page, 1)
    assert metric_value(page, "Activities") == "54"
    expect(page.locator('[data-testid="stAlert"]')).to_have_count(0)
    expect_no_exception(page)
    screenshot_full(page, "upload-xlsx.png")


def compare_with_the_plan_replaced(page: Page, folder: Path) -> None:
    """A sidebar upload once did not reach Compare ('No second plan yet'), then Compare called
    both plans "Plan in use" and "Second plan". Both plans are named by their
    files in the change line, the table's headings and the legends, and each chart keeps its
    texts inside it at 1280 px, with a name as long as a real file's."""
    upload(page, plan_with_a_long_name(folder))
    expect(page.get_by_text(f"Plan: upload: {LONG_NAME}", exact=False).first).to_be_visible(
        timeout=PATIENCE_MS
    )
    wait_for_app_idle(page, timeout=PATIENCE_MS)
    follow_link(page, page_named("compare"))
    expect(
        page.get_by_text(
            f"2 change(s) between bundled data/plan.csv and uploaded {LONG_NAME}"
        ).first
    ).to_be_visible(timeout=PATIENCE_MS)
    wait_for_charts(page, 2)
    expect(page.get_by_text("No second plan yet")).to_have_count(0)
    wait_until(page, TABLES_LAID_OUT, arg=1, timeout=PATIENCE_MS)
    headers = page.locator('[data-testid="stDataFrame"] [role="columnheader"]').all_inner_texts()
    assert {"In data/plan.csv", f"In {LONG_NAME}"} <= set(headers)
    legend = page.locator('[data-testid="stPlotlyChart"] .legendtext').all_text_contents()
    assert legend.count("bundled data/plan.csv (B, light, hatched)") == 2
    assert legend.count("uploaded WSIS plan, rev… (A, solid)") == 2
    assert chart_texts_cut(page) == []
    screenshot_full(page, "upload-compare-replaced.png")
    expect_no_exception(page)


def read_the_note(page: Page) -> None:
    """The note dropped on the sidebar is read against the plan in use on Compare plans (the
    sidebar links there), and one button makes it the plan in use."""
    upload(page, NOTE)
    page.get_by_role("link", name="Read the note on Compare plans").click()
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


def test_one_sidebar_refuses_bad_files_and_reads_a_workbook_a_plan_and_the_note(
    page: Page, streamlit_server: str, tmp_path: Path
) -> None:
    """One tab, one upload after another (each step's docstring says what it checks): a
    mojibake CSV and a workbook with bad XML refused, the bundled plan staying and Workload still
    drawn; plan.xlsx read as the plan; a plan with a long name on Compare against the bundled
    plan it replaced; the note on Compare, then the plan in use. No console error throughout."""
    page.set_viewport_size({"width": 1280, "height": 900})  # the narrowest window laid out for
    errors = open_page(page, streamlit_server)
    wait_for_charts(page, 1)
    refuse_mojibake(page, tmp_path)
    refuse_bad_xml(page, tmp_path)
    follow_link(page, page_named("overview"))
    read_the_workbook(page)
    compare_with_the_plan_replaced(page, tmp_path)
    read_the_note(page)
    assert real_errors(errors) == []
