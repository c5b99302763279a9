"""Hostile and damaged containers (a zip posing as a CSV, .xlsx bombs, bad XML, a lying
<dimension>) are refused while they stream, naming the limit and the file, or read whole; never
inflated without bound, never cut short. The files are built small: highly compressible parts,
and limits that trip long before the audit's gigabytes (benchmarks/hostile_files measures
those)."""

from __future__ import annotations

import contextlib
import io
import re
import resource
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from analysis.model import Plan, PlanError, Problem
from analysis.note.pdf_bound import PDF_LIMITS, PdfLimits, read_pdf_bounded
from analysis.note.read import read_note
from analysis.planfile import workbook_limits
from analysis.planfile.load import read_plan_cells
from analysis.planfile.zip_limits import ZipLimits, open_archive, stream_part
from benchmarks.hostile_files import (
    blank_rows_without_dimension,
    header_row,
    long_shared_string,
    many_cells,
    many_parts,
    many_shared_strings,
    pdf_bomb,
    pdf_of_countless_operators,
    repeated,
    sheet_xml,
    whitespace_sheet,
    workbook_of,
    zip_named_csv,
    zip_of,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "spreadsheets"
MB = 1_000_000


def refusal(raw: bytes, name: str = "plan.xlsx") -> Problem:
    with pytest.raises(PlanError) as raised:
        read_plan_cells(raw, name)
    [problem] = raised.value.problems
    return problem


def python_peak_mb(read: Callable[[], object]) -> float:
    """Peak Python allocation while read() runs, in MB."""
    tracemalloc.start()
    try:
        with contextlib.suppress(PlanError):
            read()
        return tracemalloc.get_traced_memory()[1] / MB
    finally:
        tracemalloc.stop()


def refusal_and_peak_mb(raw: bytes, name: str) -> tuple[Problem, float]:
    """refusal(raw, name), read once, with the peak Python allocation while it read, in MB."""
    tracemalloc.start()
    try:
        problem = refusal(raw, name)
        return problem, tracemalloc.get_traced_memory()[1] / MB
    finally:
        tracemalloc.stop()


def resaved_plan(sheet: Callable[[str], str]) -> bytes:
    """LibreOffice's plan.xlsx with its sheet's XML changed by `sheet`."""
    source = zipfile.ZipFile(FIXTURES / "plan.xlsx")
    parts = {
        info.filename: [
            sheet(source.read(info).decode()).encode()
            if info.filename == "xl/worksheets/sheet1.xml"
            else source.read(info)
        ]
        for info in source.infolist()
    }
    return zip_of(parts)


# ---------------------------------------------------------------- a zip posing as a CSV


def test_a_zip_named_csv_is_told_apart_without_inflating_its_mimetype() -> None:
    """The audit's file: one 'mimetype' part that inflates to gigabytes (here 200 MB)."""
    raw = zip_named_csv(200 * MB)
    assert len(raw) < MB
    problem, peak = refusal_and_peak_mb(raw, "plan.csv")
    assert problem.file == "plan.csv"
    assert "is an OpenDocument file" in problem.message
    assert peak < 5


# ---------------------------------------------------------------- the zip's own directory


@pytest.mark.parametrize(
    ("limits", "said"),
    [
        (
            ZipLimits(members=5, part_bytes=MB, total_bytes=MB),
            "zip archive of 6 parts; the limit is 5 parts",
        ),
        (
            ZipLimits(members=10, part_bytes=1_000, total_bytes=MB),
            "holds a part, 'xl/sharedStrings.xml', that inflates to",
        ),
        (ZipLimits(members=10, part_bytes=MB, total_bytes=2_000), "inflates to "),
    ],
    ids=["members", "part", "total"],
)
def test_the_directory_is_checked_before_a_byte_is_inflated(limits: ZipLimits, said: str) -> None:
    raw = workbook_of(sheet_xml([header_row()]), repeated(b"<si><t>ab</t></si>", 3_000))
    with pytest.raises(PlanError) as raised:
        open_archive(raw, "plan.xlsx", limits)
    [problem] = raised.value.problems
    assert problem.file == "plan.xlsx"
    assert said in problem.message
    assert "the limit is" in problem.message


def test_the_workbook_limits_refuse_a_sheet_that_inflates_past_64_mb() -> None:
    problem = refusal(whitespace_sheet(65 * MB))
    assert "holds a part, 'xl/worksheets/sheet1.xml', that inflates to 65 MB" in problem.message
    assert "the limit is 64 MB per part" in problem.message


def test_a_part_that_inflates_past_its_declared_size_is_refused() -> None:
    """Its directory entry says 100 bytes; the bytes inflate to 1 MB. zipfile stops at 100
    bytes; the reader says the part is damaged."""
    raw = bytearray(zip_of({"mimetype": [b"x" * MB]}))
    directory = raw.rfind(b"PK\x01\x02")
    raw[directory + 24 : directory + 28] = (100).to_bytes(4, "little")
    archive = zipfile.ZipFile(io.BytesIO(bytes(raw)))
    limits = ZipLimits(members=1, part_bytes=MB, total_bytes=MB)
    with pytest.raises(PlanError) as raised:
        b"".join(stream_part(archive, "mimetype", "plan.xlsx", limits))
    assert "inflates to more than its zip entry declares" in str(raised.value)


def test_a_large_styles_part_is_refused() -> None:
    raw = workbook_of(
        sheet_xml([header_row()]),
        **{"xl/styles.xml": repeated(b" ", workbook_limits.SMALL_PART_BYTES + 1)},
    )
    problem = refusal(raw)
    assert "'xl/styles.xml'" in problem.message
    assert f"read up to {workbook_limits.SMALL_PART_BYTES:,} bytes" in problem.message


# ---------------------------------------------------------------- the workbook's XML


def test_a_huge_shared_string_table_is_refused_while_it_streams(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(workbook_limits, "MAX_SHARED_STRINGS", 20_000)
    raw = many_shared_strings(10 * MB)  # 555,555 strings
    peak = python_peak_mb(lambda: read_plan_cells(raw, "plan.xlsx"))
    started = time.perf_counter()
    problem = refusal(raw)
    assert time.perf_counter() - started < 5  # stops at 20,000, not after 555,555
    assert "more than 20,000 texts in its shared-string table" in problem.message
    assert peak < 5


def test_a_shared_string_longer_than_a_cell_holds_is_refused() -> None:
    problem = refusal(long_shared_string(10 * MB))
    assert "holds a text of more than 32,767 characters" in problem.message


def test_a_filled_cell_far_below_the_plan_is_refused_without_filling_the_rows_between() -> None:
    started = time.perf_counter()
    problem = refusal(blank_rows_without_dimension(1_048_576))
    assert time.perf_counter() - started < 2
    assert "has a filled cell on row 1,048,576; a plan workbook is read up to row 100,000" in (
        problem.message
    )


def test_empty_numbered_rows_below_the_plan_are_not_walked() -> None:
    """A million formatted rows without cells: the read stops at the last filled row."""
    raw = resaved_plan(
        lambda xml: xml.replace(
            "</sheetData>", "".join(f'<row r="{n}"/>' for n in range(56, 300_000)) + "</sheetData>"
        )
    )
    _, table = read_plan_cells(raw, "plan.xlsx")
    assert len(table.numbers) == 54


@pytest.mark.parametrize(
    ("cell", "said"),
    [
        (
            '<c r="CW2"><v>1</v></c>',
            "has a cell in column CW (column 101); a plan workbook is read up to column CV",
        ),
        ('<c r="XFE2"/>', "has a cell in column 16,385 (past a spreadsheet's last column, XFD)"),
        ('<c r="B2"><v>' + " " * 32_768 + "</v></c>", "of more than 32,767 characters"),
    ],
    ids=["filled-past-the-columns", "past-XFD", "long-cell"],
)
def test_a_cell_out_of_bounds_is_refused_with_its_row(cell: str, said: str) -> None:
    problem = refusal(workbook_of(sheet_xml([header_row(), f'<row r="2">{cell}</row>'.encode()])))
    assert problem.row == 2
    assert said in problem.message


def test_a_blank_formatted_cell_past_the_columns_is_not_read() -> None:
    raw = resaved_plan(
        lambda xml: re.sub(r'(<row r="3".*?)</row>', r'\1<c r="ZZ3" s="0"/></row>', xml, count=1)
    )
    _, table = read_plan_cells(raw, "plan.xlsx")
    assert len(table.numbers) == 54
    assert not table.misshapen


def test_too_many_filled_cells_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workbook_limits, "MAX_FILLED_CELLS", 10_000)
    problem = refusal(many_cells(MB))
    assert "fills more than 10,000 cells" in problem.message


def test_a_sheet_of_whitespace_within_the_limits_costs_the_part_and_no_more() -> None:
    """openpyxl keeps whitespace between rows as one string: at most the part's size twice."""
    raw = whitespace_sheet(30 * MB)
    peak = python_peak_mb(lambda: read_plan_cells(raw, "plan.xlsx"))
    assert peak < 2.2 * 30


def test_a_document_type_is_refused() -> None:
    sheet = [
        b'<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa">]>',
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
        b"<sheetData><row><c><v>&a;</v></c></row></sheetData></worksheet>",
    ]
    problem = refusal(workbook_of(sheet))
    assert "document type declaration" in problem.message


# ---------------------------------------------------------------- damaged, not hostile


@pytest.mark.parametrize(
    ("part", "damage", "said"),
    [
        (
            "xl/worksheets/sheet1.xml",
            lambda xml: xml.replace("</sheetData>", "<row></sheetData>"),
            "its part 'xl/worksheets/sheet1.xml' is not well-formed XML (mismatched tag, line 2",
        ),
        ("xl/workbook.xml", lambda xml: xml[:200], "is an Excel workbook that cannot be read ("),
        ("xl/styles.xml", lambda xml: xml.replace("<", "<<", 1), "cannot be read"),
    ],
    ids=["sheet", "workbook", "styles"],
)
def test_bad_xml_is_a_message_naming_the_file(
    part: str, damage: Callable[[str], str], said: str
) -> None:
    source = zipfile.ZipFile(FIXTURES / "plan.xlsx")
    raw = zip_of(
        {
            info.filename: [
                damage(source.read(info).decode()).encode()
                if info.filename == part
                else source.read(info)
            ]
            for info in source.infolist()
        }
    )
    problem = refusal(raw, "revised plan.xlsx")
    assert problem.file == "revised plan.xlsx"
    assert said in problem.message
    assert "save it again" in problem.fix


def test_a_dimension_that_declares_fewer_rows_does_not_cut_the_plan(plan: Plan) -> None:
    """The audit's file: <dimension ref="A1:M30"> on a sheet of 55 rows read 29 activities."""
    raw = resaved_plan(
        lambda xml: xml.replace('<dimension ref="A1:M55"/>', '<dimension ref="A1:M30"/>')
    )
    _, table = read_plan_cells(raw, "plan.xlsx")
    assert len(table.numbers) == len(plan.activities) == 54
    assert table.numbers[-1] == 55


def test_an_unsaved_formula_is_named_with_its_row_and_column() -> None:
    raw = resaved_plan(
        lambda xml: re.sub(r'<c r="C5"([^>]*)>.*?</c>', r'<c r="C5"\1><f>1+1</f></c>', xml, count=1)
    )
    with pytest.raises(PlanError) as raised:
        read_plan_cells(raw, "plan.xlsx")
    [problem] = raised.value.problems
    assert (problem.row, problem.column) == (5, "pillar")
    assert "holds the formula =1+1 with no value saved for it" in problem.message


def test_a_sheet_of_countless_blank_rows_is_refused_by_its_element_count(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """openpyxl keeps every row element of a sheet without a <dimension> while it looks for
    one: blank rows cost memory though they hold nothing."""
    monkeypatch.setattr(workbook_limits, "MAX_ELEMENTS", 50_000)
    problem = refusal(workbook_of(sheet_xml([header_row(), *repeated(b"<row/>", MB)])))
    assert (
        "holds more than 50,000 XML elements in its part 'xl/worksheets/sheet1.xml'"
        in problem.message
    )


def test_the_notes_docx_is_held_to_the_same_guard() -> None:
    """A .docx whose document part inflates past 16 MB is not handed to python-docx (which
    reads every part whole)."""
    from analysis.note.docx_form import read_docx_note

    raw = zip_of({"word/document.xml": repeated(b" ", 17 * MB)})
    peak = python_peak_mb(lambda: read_docx_note(raw))
    table = read_docx_note(raw)
    assert not table.rows
    [unread] = table.unread
    assert "holds a part, 'word/document.xml', that inflates to 17 MB" in unread.reason
    assert "the limit is 16 MB per part" in unread.reason
    assert peak < 5


def test_validate_names_the_malformed_workbook_and_what_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The audit: exit 2 and "this is a bug in the dashboard" for a workbook with bad XML."""
    from analysis.cli import main

    path = tmp_path / "revised.xlsx"
    path.write_bytes(resaved_plan(lambda xml: xml.replace("</sheetData>", "<row></sheetData>")))
    assert main(["validate", "--plan", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}: is an Excel workbook that cannot be read: its part" in err
    assert "save it again" in err
    assert "bug" not in err


def test_a_zip_of_countless_parts_is_refused_from_its_end_record() -> None:
    """150,000 empty parts: the directory is not parsed (zipfile builds an object per part)."""
    raw = many_parts(150_000)
    started = time.perf_counter()
    problem, peak = refusal_and_peak_mb(raw, "plan.csv")
    assert time.perf_counter() - started < 2
    assert "is a zip archive of 150,000 parts; the limit is 1,000 parts" in problem.message
    assert peak < 30


def _every_entry(raw: bytes, change: Callable[[bytearray, int], None]) -> bytes:
    patched = bytearray(raw)
    start = 0
    while (start := patched.find(b"PK\x01\x02", start)) >= 0:
        change(patched, start)
        start += 4
    return bytes(patched)


def _encrypted(raw: bytearray, entry: int) -> None:
    raw[entry + 8] |= 1  # general purpose flag bit 0


def _unknown_method(raw: bytearray, entry: int) -> None:
    raw[entry + 10 : entry + 12] = (99).to_bytes(2, "little")


@pytest.mark.parametrize("change", [_encrypted, _unknown_method], ids=["encrypted", "method"])
def test_parts_zipfile_cannot_inflate_are_a_message(
    change: Callable[[bytearray, int], None],
) -> None:
    """zipfile raises RuntimeError for an encrypted part, NotImplementedError for a compression
    method it lacks: both reached the command line as "a bug in the dashboard"."""
    workbook = _every_entry(workbook_of(sheet_xml([header_row()])), change)
    assert "cannot be read" in refusal(workbook).message
    posing = _every_entry(
        zip_of({"mimetype": [b"application/vnd.oasis.opendocument.text"]}), change
    )
    assert "is a zip archive whose parts cannot be read (encrypted or damaged)" in (
        refusal(posing, "plan.csv").message
    )


@pytest.mark.parametrize(
    ("rows", "said"),
    [
        (b"a\r\n" * 3_300_000, "is past the 100,000 rows a plan is read up to"),
        (b"a," * 150 + b"\r\n", "has 151 cells; a plan is read up to 100 columns"),
    ],
    ids=["rows", "columns"],
)
def test_a_csv_is_held_to_the_workbooks_rows_and_columns(rows: bytes, said: str) -> None:
    """Within 10 MB, 3.3 million one-cell rows were 3.3 million problems: 3 GB of RSS and 27 s
    of CPU before the change."""
    raw = b"activity_id,title\r\n" + rows
    problem, peak = refusal_and_peak_mb(raw, "plan.csv")
    assert said in problem.message
    assert peak < 150


def test_a_sentence_of_countless_dates_is_not_quoted_once_per_date(
    monkeypatch: pytest.MonkeyPatch, plan: Plan
) -> None:
    """Each event quotes its sentence: 142,857 dates in one 2 MB sentence would have quoted
    286 billion characters (the process was killed for memory)."""
    import pandas as pd

    from analysis.planfile import row_checks
    from analysis.planfile.csv_format import csv_bytes
    from analysis.planfile.load import BUNDLED_PLAN, parse_plan

    monkeypatch.setattr(row_checks, "MAX_QUOTED_CHARS", 100_000)
    frame = pd.read_csv(BUNDLED_PLAN, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    frame.loc[0, "comments"] = "1-2 May 2006, " * 1_000
    with pytest.raises(PlanError) as raised:
        parse_plan(csv_bytes(frame, for_people=False), "plan.csv", plan.units, plan.organisations)
    [problem] = raised.value.problems
    assert (problem.row, problem.column) == (2, "comments")
    assert "lists 1,000 dates in sentences of 13,999,000 characters in all" in problem.message


def test_a_sentence_of_countless_dates_and_places_is_read_in_linear_time() -> None:
    """Blanking each date out of the sentence copied the sentence once per date, and each place
    was measured against every date: a 1 MB sentence of 41,666 dates took minutes."""
    from analysis.planfile.dates import read_comments

    sentence = "1-2 May 2006 in Geneva, " * 41_666
    started = time.process_time()
    mentions, unreadable = read_comments(sentence)
    assert time.process_time() - started < 30
    assert len(mentions) == 41_666 and not unreadable
    # Each "Geneva" is nearer the date after it than the one before: the first date has none.
    assert [mention.location for mention in mentions[:2]] == ["", "Geneva"]
    assert sum(mention.location == "Geneva" for mention in mentions) == 41_665


def test_a_cell_of_countless_unknown_units_lists_a_thousand_problems(plan: Plan) -> None:
    """200,000 problems from a 1 MB lead cell before; 2 million in a 10 MB file."""
    import pandas as pd

    from analysis.planfile.csv_format import csv_bytes
    from analysis.planfile.load import BUNDLED_PLAN, parse_plan

    frame = pd.read_csv(BUNDLED_PLAN, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    frame.loc[0, "lead"] = "XYZ; " * 5_000
    with pytest.raises(PlanError) as raised:
        parse_plan(csv_bytes(frame, for_people=False), "plan.csv", plan.units, plan.organisations)
    problems = raised.value.problems
    assert len(problems) == 1_001
    assert problems[0].message.startswith("'XYZ' is not a known unit")
    assert problems[-1].message == "has more problems than the 1,000 listed."


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_a_pdf_whose_page_inflates_to_gigabytes_is_refused_naming_the_file_and_the_limit(
    plan: Plan,
) -> None:
    bomb = pdf_bomb(2_100_000_000)
    assert len(bomb) < 2_500_000
    before = _peak_rss_mb()
    read = read_note(bomb, "revised-note.pdf", plan.units, plan.organisations, plan)
    assert read.plan is None
    [problem] = read.problems
    assert str(problem).startswith("revised-note.pdf: reading this PDF needs more than 600 MB")
    assert "Fix: Print the note to PDF again" in str(problem)
    # Inflated in this process, the page alone would take it past 2,000 MB.
    assert _peak_rss_mb() - before < 100


def test_a_pdf_that_takes_longer_than_the_time_limit_is_stopped() -> None:
    # PDFium parses these operators in about two seconds: a limit of one stops it.
    slow = pdf_of_countless_operators(60_000_000)
    started = time.monotonic()
    read = read_pdf_bounded(slow, PdfLimits(PDF_LIMITS.memory_bytes, seconds=1))
    assert time.monotonic() - started < 10
    assert read.table is None and read.refusal is not None
    assert read.refusal.message.startswith("reading this PDF takes more than 1 s, the limit")
