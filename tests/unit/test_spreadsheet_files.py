"""What spreadsheets write is read fact for fact, or refused with row, column and fix; a damaged
file is never read as a shorter or different plan. The fixtures under tests/fixtures/spreadsheets
were saved by a real LibreOffice Calc from data/plan.csv (make.sh beside them)."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook  # type: ignore[import-untyped]

from analysis.export import download_tables, workbook_bytes
from analysis.model import PLAN_COLUMNS, Plan, PlanError, Problem
from analysis.planfile.load import BUNDLED_PLAN, read_plan_cells

from .frames import assert_same_facts
from .plan_text import HEADER, plan_csv, row

Parse = Callable[..., Plan]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "spreadsheets"


def refused(parse: Parse, content: str | bytes, name: str = "upload.csv") -> list[Problem]:
    with pytest.raises(PlanError) as raised:
        parse(content, name)
    return raised.value.problems


# ---------------------------------------------------------------- saved by LibreOffice Calc


@pytest.mark.parametrize(
    "fixture",
    [
        "utf8-comma.csv",
        "utf8-semicolon.csv",
        "cp1252-comma.csv",
        "cp1252-semicolon.csv",
        "utf16-tab.csv",
        "plan.xlsx",
    ],
)
def test_calc_saves_load_with_the_facts_of_the_bundled_plan(
    plan: Plan, parse: Parse, fixture: str
) -> None:
    saved = parse((FIXTURES / fixture).read_bytes(), fixture)
    assert_same_facts(plan, saved)
    assert (len(saved.activities), len(saved.events)) == (54, 46)


def test_calc_writes_quoted_headers_with_semicolons() -> None:
    first_line = (FIXTURES / "utf8-semicolon.csv").read_text("utf-8").splitlines()[0]
    assert first_line.startswith('"activity_id";"parent_id";')


@pytest.mark.parametrize("fixture", ["mojibake-utf8.csv", "mojibake-bom-utf8.csv"])
def test_the_mojibake_save_is_refused_naming_each_garbled_cell(parse: Parse, fixture: str) -> None:
    """Opened as Windows-1252 and saved as UTF-8, the IGF meeting "30 October – 2 November" reads
    "30 October â€“ 2 November": read silently it would be two one-day events (47, not 46).
    Forced open so, today's data/plan.csv also turns its BOM into "ï»¿" before the header."""
    problems = refused(parse, (FIXTURES / fixture).read_bytes(), "mojibake.csv")
    where = {(problem.row, problem.column) for problem in problems}
    assert where == {(15, "title"), (37, "comments")}
    igf = next(problem for problem in problems if problem.column == "comments")
    assert "30 October â€“ 2 November" in igf.message
    assert "should read 'meeting, 30 October – 2 November, in Athens.'" in igf.message
    assert "UTF-8" in igf.fix


# ---------------------------------------------------------------- cut short


def _clean_boundaries(raw: bytes) -> set[int]:
    """Byte offsets at which a cut leaves whole rows: after a row's line end (or its CR)."""
    text = raw.decode("utf-8-sig")
    offsets = [len(codecs.BOM_UTF8)]
    for line in text.splitlines(keepends=True):
        offsets.append(offsets[-1] + len(line.encode("utf-8")))
    reader = csv.reader(io.StringIO(text, newline=""))
    ends = {offsets[reader.line_num] for _ in reader}
    return ends | {end - 1 for end in ends if raw[end - 2 : end] == b"\r\n"}


def test_every_cut_of_the_plan_not_at_a_row_boundary_is_refused() -> None:
    """Cut points of data/plan.csv (every byte near a row end, every 7th elsewhere), through the
    file-level checks parse_plan runs first. A cut after a whole row is a shorter, well-formed
    file: it cannot be told apart and is read (README: replace the file atomically)."""
    raw = BUNDLED_PLAN.read_bytes()
    boundaries = _clean_boundaries(raw)
    read: list[int] = []
    near_ends = {cut + step for cut in boundaries for step in range(-3, 4)}
    cuts = sorted({cut for cut in near_ends | set(range(0, len(raw), 7)) if 0 <= cut < len(raw)})
    for cut in cuts:
        try:
            read_plan_cells(raw[:cut], "cut.csv")
        except PlanError:
            continue
        read.append(cut)
    assert read, "the sweep read nothing: the boundaries are wrong"
    assert set(read) <= boundaries
    # Every whole-row cut but the header alone ("has a header but no activities") is read.
    header_end = min(boundaries) + 1  # data/plan.csv ends rows with CRLF
    assert set(read) == {cut for cut in boundaries if header_end < cut < len(raw)}
    assert len(cuts) > 2000


def test_head_c_6379_is_refused(parse: Parse) -> None:
    """The issue's example: `head -c 6379 data/plan.csv` used to validate as 25 activities."""
    [problem] = refused(parse, BUNDLED_PLAN.read_bytes()[:6379])
    assert "cut short" in problem.message


def test_an_unclosed_quote_on_the_last_row_names_its_cell(parse: Parse) -> None:
    content = plan_csv(row()) + 'X2,,Internet Governance,"A title never closed,,,,BDT\n'
    [problem] = refused(parse, content)
    assert (problem.row, problem.column) == (3, "title")
    assert "never closed" in problem.message
    assert '("")' in problem.fix


def test_an_unbalanced_quote_mid_file_is_reported_at_its_cell(parse: Parse) -> None:
    rows = [row(activity_id=f"X{n}", title=f"Title {n}") for n in range(1, 6)]
    text = plan_csv(*rows).replace(
        "X2,,Multi-stakeholder implementation,Title 2",
        'X2,,Multi-stakeholder implementation,"Title 2',
    )
    [problem] = refused(parse, text)
    assert (problem.row, problem.column) == (3, "title")
    assert "runs on to line" in problem.message or "never closed" in problem.message


@pytest.mark.parametrize("cells", [12, 14], ids=["one cell short", "one cell too many"])
def test_a_row_of_the_wrong_width_is_refused(parse: Parse, cells: int) -> None:
    values = list(row().values())
    values = values[:cells] if cells < len(values) else [*values, "surplus"]
    [problem] = refused(parse, HEADER + "\n" + ",".join(values) + "\n")
    assert problem.row == 2
    assert f"has {cells} cells but the header has 13 columns" in problem.message


# ---------------------------------------------------------------- encodings, separators, line ends

ROWS = (
    row(title="Réunion – Genève “E-Flash”", lead="BDT", comments="Held 15-16 May, in Genève."),
    row(activity_id="X2", title="Second", allocation_text="Lead: BDT\nAssisted by TSB"),
)


def _variants() -> list[tuple[str, bytes]]:
    comma = plan_csv(*ROWS, line_end="\r\n")
    return [
        ("UTF-16 LE with BOM, tabs (Excel's Unicode text)",
         plan_csv(*ROWS, delimiter="\t", line_end="\r\n").encode("utf-16")),
        ("UTF-16 LE without BOM", comma.encode("utf-16-le")),
        ("UTF-16 BE with BOM", codecs.BOM_UTF16_BE + comma.encode("utf-16-be")),
        ("CR line ends", plan_csv(*ROWS, line_end="\r\n").replace("\r\n", "\r").encode()),
        ("quoted header, semicolons", _quoted_all(";").encode("utf-8-sig")),
        ("quoted header, tabs", _quoted_all("\t").encode("cp1252")),
    ]  # fmt: skip


def _quoted_all(delimiter: str) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer, list(PLAN_COLUMNS), delimiter=delimiter, quoting=csv.QUOTE_ALL, lineterminator="\n"
    )
    writer.writeheader()
    writer.writerows(ROWS)
    return buffer.getvalue()


@pytest.mark.parametrize(("variant", "raw"), _variants(), ids=lambda v: str(v)[:30])
def test_spreadsheet_forms_read_fact_for_fact(parse: Parse, variant: str, raw: bytes) -> None:
    baseline = parse(plan_csv(*ROWS).encode("utf-8"))
    loaded = parse(raw)
    assert_same_facts(baseline, loaded)
    assert loaded.activities.loc[0, "title"] == "Réunion – Genève “E-Flash”"


def test_a_cell_of_one_megabyte_is_read(parse: Parse) -> None:
    loaded = parse(plan_csv(row(allocation_text="Lead: BDT. " + "x" * 1_000_000)))
    assert len(loaded.activities.loc[0, "allocation_text"]) > 1_000_000


def test_a_nul_byte_names_its_row_and_column(parse: Parse) -> None:
    raw = plan_csv(
        row(allocation_text="Lead: BDT\nAssisted by TSB"), row(activity_id="X2", title="Bro\x00ken")
    ).encode("utf-8")
    [problem] = refused(parse, raw)
    assert (problem.row, problem.column) == (3, "title")  # line 4: row 2 holds a line break
    assert "NUL byte (a zero byte) on line 4" in problem.message
    assert "stakeholder implementation,Bro" in problem.message


@pytest.mark.parametrize(
    ("raw", "what"),
    [
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100),
            "an Excel 97-2003 workbook (.xls) or an old Office file",
        ),
        (b"%PDF-1.7\n", "a PDF document"),
        (b"<!DOCTYPE html><html>", "a web page (HTML)"),
        (b"PK\x03\x04" + bytes(40), "a damaged zip archive or Office file (it may be cut short)"),
    ],
    ids=["xls", "pdf", "html", "broken zip"],
)
def test_other_files_get_one_sentence(parse: Parse, raw: bytes, what: str) -> None:
    [problem] = refused(parse, raw)
    assert problem.message == f"is {what}, not a plan in CSV or .xlsx."
    assert "CSV UTF-8" in problem.fix


def test_an_ods_file_is_named() -> None:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<x/>")
    with pytest.raises(PlanError, match=r"OpenDocument spreadsheet \(\.ods\)"):
        read_plan_cells(buffer.getvalue(), "plan.ods")


# ---------------------------------------------------------------- workbooks


def test_the_dashboards_own_excel_download_reads_back(plan: Plan, parse: Parse) -> None:
    """The Excel download's "plan" sheet (formula-like text neutralised) is the plan again."""
    assert_same_facts(plan, parse(workbook_bytes(download_tables(plan)), "wsis-plan.xlsx"))


def _workbook(*rows: list[object]) -> bytes:
    book = Workbook()
    sheet = book.active
    for values in rows:
        sheet.append(values)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_formula_without_a_saved_value_is_refused(parse: Parse) -> None:
    cells = list(row().values())
    cells[3] = '=CONCAT("A ", "title")'  # openpyxl saves the formula, not its value
    problems = refused(parse, _workbook(list(PLAN_COLUMNS), cells), "book.xlsx")
    assert [(p.row, p.column) for p in problems] == [(2, "title")]
    assert "no value saved" in problems[0].message


def test_a_workbook_reads_numbers_as_the_text_they_show(parse: Parse) -> None:
    cells: list[object] = list(row().values())
    cells[6] = 72  # references: "72" typed into a cell becomes a number
    loaded = parse(_workbook(list(PLAN_COLUMNS), cells), "book.xlsx")
    assert loaded.activities.loc[0, "references"] == "72"


# ---------------------------------------------------------------- activity ids


@pytest.mark.parametrize(
    "activity_id",
    ['<a href="https://x.example/">A99</a>', "A 1", "A1;A2", "-A1", "**A1**", "x" * 41],
)
def test_an_activity_id_outside_the_pattern_is_refused(parse: Parse, activity_id: str) -> None:
    content = plan_csv(row(activity_id=activity_id))
    problems = refused(parse, content)
    assert [(p.row, p.column) for p in problems] == [(2, "activity_id")]
    assert "is not an activity id" in problems[0].message
    assert "letters, digits" in problems[0].fix.lower()


@pytest.mark.parametrize("activity_id", ["A07.5", "A07.5-s12", "X_1", "2026-01"])
def test_ids_in_the_pattern_are_read(parse: Parse, activity_id: str) -> None:
    assert parse(plan_csv(row(activity_id=activity_id))).activities.loc[0, "activity_id"] == (
        activity_id
    )
