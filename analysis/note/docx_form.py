"""The note as a Word document (.docx), as python-docx or Word writes it and as LibreOffice Writer
saves it: the table whose first row is the header, each row of one merged cell a heading (python-
docx gives the same cell object for each grid column it spans), every other row three cells of
paragraphs."""

from __future__ import annotations

import io
import zipfile

from docx import Document
from docx.opc.exceptions import PackageNotFoundError

from analysis.model import PlanError
from analysis.note.found import COLUMNS, NO_TABLE, NoteTable, Unread, cell_text, is_header
from analysis.note.table import TableRow
from analysis.planfile.zip_limits import DOCUMENT_LIMITS, open_archive


def _distinct_cells(row: object) -> list[object]:
    """A row's cells, each merged cell once (python-docx repeats it across the columns it
    spans)."""
    seen: list[object] = []
    for cell in row.cells:  # type: ignore[attr-defined]
        if not any(cell._tc is kept._tc for kept in seen):  # type: ignore[attr-defined]
            seen.append(cell)
    return seen


def _text(cell: object) -> str:
    return cell_text([paragraph.text for paragraph in cell.paragraphs])  # type: ignore[attr-defined]


def read_docx_note(raw: bytes) -> NoteTable:
    """The table of a note in .docx: its rows under their headings, and what did not fit."""
    try:
        open_archive(raw, "the note", DOCUMENT_LIMITS).close()
    except PlanError as error:
        reason = " ".join(problem.message for problem in error.problems)
        return NoteTable((), (Unread("", "", "", reason),))
    except zipfile.BadZipFile:
        pass  # python-docx says what it is below
    try:
        document = Document(io.BytesIO(raw))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        reason = f"not a Word document that can be read ({error}); save it again as .docx"
        return NoteTable((), (Unread("", "", "", reason),))
    for table_number, table in enumerate(document.tables, start=1):
        texts = [[_text(cell) for cell in _distinct_cells(row)] for row in table.rows]
        start = next((i for i, cells in enumerate(texts) if is_header(cells)), None)
        if start is None:
            continue
        rows: list[TableRow] = []
        unread: list[Unread] = []
        section = ""
        for number, cells in enumerate(texts[start + 1 :], start=start + 2):
            where = f"table {table_number}, row {number}"
            if len(cells) == 1:
                section = cells[0]
            elif len(cells) == 3:
                activity, allocation, comments = cells
                if not is_header(cells):
                    rows.append(TableRow(section, activity, allocation, comments, where))
            elif any(cells):
                for column, text in zip(COLUMNS, cells, strict=False):
                    if text:
                        reason = f"a row of {len(cells)} cells (three expected)"
                        unread.append(Unread(where, column, text, reason))
        return NoteTable(tuple(rows), tuple(unread))
    return NoteTable((), (NO_TABLE,))
