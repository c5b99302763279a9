"""The note's containers: the 2006 note as text, as python-docx and LibreOffice write it in Word and
as LibreOffice prints it to PDF, read into the same table rows; revisions read as written."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfWriter

from analysis.model import PILLARS
from analysis.note.containers import looks_like_note, note_form, read_note_table
from analysis.note.docx_form import read_docx_note
from analysis.note.found import NO_TABLE, NoteTable
from analysis.note.pdf_form import _hyphen_join, read_pdf_note
from analysis.note.table import TableRow
from analysis.note.text_form import read_text_note

from .plan_text import SOURCE_PATH

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "note"
REVISIONS = FIXTURES / "revisions"
HEADER = "\tActivity\n\tAllocation of responsibilities within ITU\n\tComments\n\n"


def _cells(table: NoteTable) -> list[TableRow]:
    """The rows without where they stand in their file (which differs between forms)."""
    return [replace(row, where="") for row in table.rows]


@pytest.fixture(scope="module")
def from_text() -> NoteTable:
    return read_text_note(SOURCE_PATH.read_bytes())


def test_the_2006_text_has_41_rows_under_the_four_pillars(from_text: NoteTable) -> None:
    assert from_text.unread == ()
    assert len(from_text.rows) == 41
    assert list(dict.fromkeys(row.section for row in from_text.rows)) == list(PILLARS)
    first = from_text.rows[0]
    assert first.activity.startswith("Organisation of Action Line Facilitators/ Moderators")
    assert first.allocation == (
        "Lead: SPU, CEC.\nAssisted by WSIS-ES  (logistics)\n"
        "Close coordination with UNESCO and UNDP."
    )
    assert first.where == "line 17"
    assert from_text.rows[-1].activity == "UN Global Alliance"
    # The footnote after the table is no cell's paragraph.
    assert from_text.rows[-1].comments == "Launch meeting held in Kuala Lumpur, June 2006."


@pytest.mark.parametrize(
    ("title", "allocation", "comments"),
    [
        # The comments cell after blank lines (an empty paragraph ends the allocation).
        ("Action Line C7 (ICT Applications) – Theme eGovernment", "Lead: BDT.",
         "Focal point is UNDESA, with ITU as co-facilitator. First meeting held on 16 May"),
        ("Creation and Operation of UN Group on the Information Society (UN GIS) (para 103)",
         "Lead: CEC\nAssisted by   SPU.",
         "ITU participation in meeting of HLCP, 27-28 Feb, and in CEB meeting in Madrid in April.\n"
         "ITU invited to chair UNGIS during first year. First meeting held on 14 July, in Geneva."),
        # An empty comments cell ("\t" alone).
        ("Action Line C7, Theme eLearning", "See C4 above", ""),
        ("ECOSOC:  WSIS follow-up", "Lead:  CEC", "Discussion in ECOSCOC on 10 July"),
    ],
)  # fmt: skip
def test_text_rows_as_the_note_writes_them(
    from_text: NoteTable, title: str, allocation: str, comments: str
) -> None:
    row = next(row for row in from_text.rows if row.activity == title)
    assert (row.allocation, row.comments) == (allocation, comments)


def test_a_cell_of_several_paragraphs_in_the_activity_column(from_text: NoteTable) -> None:
    row = next(row for row in from_text.rows if row.activity.startswith("ITU action related"))
    assert row.activity == (
        "ITU action related to specific paragraphs of the Tunis Agenda\n"
        "(see also below under Internet Governance)"
    )
    assert row.allocation.splitlines()[-1] == "93:  Technology Watch (TSB)"
    assert (row.comments, row.section) == ("", "Multi-stakeholder implementation")


@pytest.mark.parametrize(
    ("name", "reader", "first_where"),
    [
        ("note-2006.docx", read_docx_note, "table 1, row 3"),
        ("note-2006-libreoffice.docx", read_docx_note, "table 1, row 3"),
        ("note-2006.pdf", read_pdf_note, "page 1"),
    ],
)
def test_each_form_of_the_2006_note_gives_the_rows_of_its_text(
    from_text: NoteTable, name: str, reader: object, first_where: str
) -> None:
    raw = (FIXTURES / name).read_bytes()
    table = reader(raw)  # type: ignore[operator]
    assert table.unread == ()
    assert _cells(table) == _cells(from_text)
    assert table.rows[0].where == first_where
    assert read_note_table(raw) == table


def test_the_pdf_joins_the_rows_that_break_across_pages(from_text: NoteTable) -> None:
    table = read_pdf_note((FIXTURES / "note-2006.pdf").read_bytes())
    pages = [row.where for row in table.rows]
    assert pages[-1] == "page 4"
    # A row that starts on one page and ends on the next is one row, named by its first page.
    split = next(row for row in table.rows if row.activity.startswith("Action Line C6"))
    assert split.allocation.endswith("-- Spectrum management: Lead: BR, assisted by BDT and SPU")


def test_a_row_that_ends_a_page_is_not_joined_to_the_next() -> None:
    """Page 1 ends with the UN GIS row, whole; the next row did not fit below it and begins
    page 2. Its cells' first words would not have fitted on the lines before them (as a row
    going on would show), but its title would have fitted below the UN GIS row's title, whose
    lines end well above the row's foot (tests/fixtures/note/make.sh)."""
    breaks = FIXTURES / "page-breaks"
    table = read_pdf_note((breaks / "row-ends-page.pdf").read_bytes())
    assert _cells(table) == _cells(read_text_note((breaks / "row-ends-page.txt").read_bytes()))
    last, after = table.rows[-2:]
    assert last.activity.endswith("(UN GIS) (para 103) (copy 2)")
    assert last.comments.endswith("First meeting held on 14 July, in Geneva.")
    assert after.activity.startswith("Report by UN Sec-Gen to ECOSOC")
    assert (last.where, after.where) == ("page 1", "page 2")


def test_a_heading_cut_by_a_page_break_keeps_its_rows() -> None:
    """Page 1 ends with the heading "UN system-wide implementation"; LibreOffice carries the
    rest of its row, without text, to the top of page 2 (tests/fixtures/note/make.sh)."""
    breaks = FIXTURES / "page-breaks"
    table = read_pdf_note((breaks / "heading-ends-page.pdf").read_bytes())
    text = read_text_note((breaks / "heading-ends-page.txt").read_bytes())
    assert _cells(table) == _cells(text)
    assert [(row.section, row.where) for row in table.rows[-2:]] == [
        ("UN system-wide implementation", "page 2"),
        ("UN system-wide implementation", "page 2"),
    ]


@pytest.mark.parametrize(
    ("before", "after", "words", "joined"),
    [
        # A real hyphen at a line end stays: the note writes the word with it.
        ("as co-", "facilitator.", {"co-facilitator"}, "as co-facilitator."),
        ("under WTSA-", "04 Resolutions.", set(), "under WTSA-04 Resolutions."),
        # A word the note writes whole elsewhere was broken by hyphenation: the hyphen goes.
        ("as facili-", "tator of C3", {"facilitator"}, "as facilitator of C3"),
        # Written both ways: the hyphen is kept (the text itself says it can be).
        ("non-", "governmental", {"nongovernmental", "non-governmental"}, "non-governmental"),
    ],
)
def test_a_hyphen_at_a_line_end(before: str, after: str, words: set[str], joined: str) -> None:
    assert _hyphen_join(before, after, words) == joined


def test_the_pdf_keeps_hyphens_the_note_has() -> None:
    table = read_pdf_note((FIXTURES / "note-2006.pdf").read_bytes())
    text = "\n".join(f"{row.allocation}\n{row.comments}" for row in table.rows)
    # In the PDF these words break at their hyphen at a line end ("sole-" / "facilitator").
    for word in ("sole-facilitator", "WTDC-06", "WTSA-04", "co-facilitator", "15-16 May"):
        assert word in text


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Just a letter, no table.\n", NO_TABLE.reason),
        (HEADER + "\tInternet Governance\n", "a heading with no rows under it"),
        (HEADER + "\tA title\n\tLead: BDT\n", "a row of two cells (three expected)"),
    ],
)
def test_text_that_is_not_a_table_is_said(text: str, reason: str) -> None:
    table = read_text_note(text.encode("utf-8"))
    assert table.rows == ()
    assert [item.reason for item in table.unread] == [reason]


def test_a_heading_alone_then_rows() -> None:
    text = HEADER + "\tNew activities\n\n\tA title\n\tLead: BDT\n\tHeld 5 May.\n\n\tB\n\tC\n\t\n"
    table = read_text_note(text.encode("utf-8"))
    assert _cells(table) == [
        TableRow("New activities", "A title", "Lead: BDT", "Held 5 May.", ""),
        TableRow("New activities", "B", "C", "", ""),
    ]
    assert [row.where for row in table.rows] == ["line 7", "line 11"]


def test_text_not_in_utf8_is_read_as_windows_1252_and_said() -> None:
    text = HEADER + "\tIntro\n\n\tCaf\xe9 row\n\tLead: BDT\n\t\n"
    table = read_text_note(text.encode("cp1252"))
    assert table.rows[0].activity == "Café row"
    assert "not UTF-8" in table.unread[0].reason


def _docx(rows: list[list[str]]) -> bytes:
    document = Document()
    table = document.add_table(rows=0, cols=max(len(row) for row in rows))
    for cells in rows:
        row_cells = table.add_row().cells
        for cell, text in zip(row_cells, cells, strict=False):
            cell.text = text
        if len(cells) == 1:
            row_cells[0].merge(row_cells[-1])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_docx_heading_is_a_merged_row_and_odd_rows_are_said() -> None:
    header = ["Activity", "Allocation of responsibilities within ITU", "Comments"]
    raw = _docx([header, ["Status heading"], ["A", "Lead: BDT", "x"]])
    assert _cells(read_docx_note(raw)) == [TableRow("Status heading", "A", "Lead: BDT", "x", "")]


def test_a_docx_without_the_table_or_not_a_docx() -> None:
    assert read_docx_note(_docx([["a", "b", "c"]])).unread == (NO_TABLE,)
    broken = read_note_table(b"PK\x03\x04 cut short")
    assert broken.rows == () and "zip" in broken.unread[0].reason
    assert "not a PDF" in read_note_table(b"%PDF-1.4 cut short").unread[0].reason


def _pdf_written(change: Callable[[PdfWriter], None]) -> bytes:
    writer = PdfWriter()
    change(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_a_pdf_protected_by_a_password_or_without_the_table_is_said() -> None:
    def locked(writer: PdfWriter) -> None:
        writer.append(io.BytesIO((FIXTURES / "note-2006.pdf").read_bytes()))
        writer.encrypt("a password")

    table = read_pdf_note(_pdf_written(locked))
    assert table.rows == ()
    assert [item.reason for item in table.unread] == [
        "not a PDF that can be read (it is protected by a password); "
        "print the note to PDF again without one"
    ]
    blank = _pdf_written(lambda writer: writer.add_blank_page(595, 842))
    assert read_pdf_note(blank) == NoteTable((), (NO_TABLE,))


@pytest.mark.parametrize(
    ("raw", "form"),
    [(b"%PDF-1.7", "pdf"), (b"\tActivity", "text"), (b"PK\x03\x04", "zip")],
)
def test_the_form_is_told_from_the_bytes(raw: bytes, form: str) -> None:
    assert note_form(raw) == form
    assert note_form((FIXTURES / "note-2006.docx").read_bytes()) == "docx"


# ---------------------------------------------------------------- revisions, as rows


def _revision(name: str) -> NoteTable:
    return read_note_table((REVISIONS / name).read_bytes())


def _changed(before: NoteTable, after: NoteTable) -> list[tuple[TableRow, TableRow]]:
    old = {row.activity: row for row in _cells(before)}
    return [(old[row.activity], row) for row in _cells(after) if old.get(row.activity) != row]


def test_roles_moved_is_one_allocation_changed(from_text: NoteTable) -> None:
    [(old, new)] = _changed(from_text, _revision("roles-moved.txt"))
    assert old.activity == "Action Line C3 (Access to Information)"
    assert new.allocation == "Lead: TSB.\nAssisted by BDT for standards."


def test_rows_added_removed_and_reordered(from_text: NoteTable) -> None:
    revised = _revision("rows-added-removed-reordered.txt")
    titles = [row.activity for row in revised.rows]
    old_titles = [row.activity for row in from_text.rows]
    assert "WSIS archiving" in old_titles and "WSIS archiving" not in titles
    assert titles[-1] == "Preparation of the WSIS Forum"
    assert revised.rows[-1].section == "Other implementation issues"
    assert (
        titles.index("Public Policy Development Process (paras 68-71)")
        == titles.index("International Internet Connectivity (IIC) (paras 27 and 50)") + 1
    )
    assert sorted(titles) == sorted(
        [*(t for t in old_titles if t != "WSIS archiving"), "Preparation of the WSIS Forum"]
    )


@pytest.mark.parametrize(
    ("name", "column", "added"),
    [
        ("meeting-planned.txt", "comments", "is planned for 20 November 2006 in Geneva."),
        ("new-unit-organisation.txt", "allocation", "WSIS-ES, WSIS content team and GS"),
        ("new-unit-organisation.txt", "comments", "Close coordination with UNDP and UNEP."),
        ("assisted-new-order.txt", "allocation", "Assisted by CEC (general), SPU (for stock"),
        ("date-forms.txt", "comments", "First meeting held on 2006-06-12."),
        ("date-forms.txt", "comments", "First meeting held on 15.05.2006."),
    ],
)
def test_each_revision_is_read_as_written(
    from_text: NoteTable, name: str, column: str, added: str
) -> None:
    changed = _changed(from_text, _revision(name))
    assert any(added in getattr(new, column) for _, new in changed)
    assert len(_cells(_revision(name))) == len(from_text.rows)


REV2_FIRST = (
    "Activities traditionally part of ITU's mandate, but with the addition of new tasks "
    "following WSIS"
)


@pytest.mark.parametrize("name", ["rev2-status-headings.txt", "rev2-status-headings.docx"])
def test_rev2_headings_are_status_headings(from_text: NoteTable, name: str) -> None:
    revised = _revision(name)
    assert revised.unread == ()
    first = [row.activity.split(" (")[0] for row in revised.rows if row.section == REV2_FIRST]
    assert first == [
        "Action Line C1",
        "Action Line C3",
        "Action Line C4",
        "Action Line C6",
    ]
    assert not {row.section for row in revised.rows} & set(PILLARS)
    # The same rows, regrouped: no cell changed.
    key = lambda row: row.activity  # noqa: E731
    assert sorted((replace(row, section="") for row in _cells(revised)), key=key) == sorted(
        (replace(row, section="") for row in _cells(from_text)), key=key
    )


@pytest.mark.parametrize(
    ("raw", "note"),
    [
        (SOURCE_PATH.read_bytes(), True),
        ((FIXTURES / "note-2006.pdf").read_bytes(), True),
        ((FIXTURES / "note-2006-libreoffice.docx").read_bytes(), True),
        # A plan saved as tab-separated text (.txt) is a plan, not a note.
        (b"activity_id\tpillar\ttitle\nA01\tInternet Governance\tX\n", False),
        (
            (Path(__file__).parents[1] / "fixtures" / "spreadsheets" / "plan.xlsx").read_bytes(),
            False,
        ),
    ],
)
def test_a_note_is_told_from_a_plan_file(raw: bytes, note: bool) -> None:
    assert looks_like_note(raw) is note
