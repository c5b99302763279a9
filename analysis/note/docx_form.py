"""The note as a Word document (.docx), as python-docx or Word writes it and as LibreOffice Writer
saves it: the table whose first row is the header, each row of one merged cell a heading (one
<w:tc> spanning the three grid columns), every other row three cells of paragraphs."""

from __future__ import annotations

import io
import zipfile

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph

from analysis.model import PlanError
from analysis.note.found import COLUMNS, NO_TABLE, NoteTable, Unread, cell_text, is_header
from analysis.note.table import TableRow
from analysis.planfile.zip_limits import DOCUMENT_LIMITS, open_archive


def _row_texts(table: Table) -> list[list[str]]:
    """Each row's cells' text, a merged cell once (one <w:tc> spanning several grid columns).
    Read from the XML: python-docx's row.cells lays out the whole table for every row, which is
    quadratic in the rows."""
    return [
        [cell_text([Paragraph(p, table).text for p in tc.p_lst]) for tc in tr.tc_lst]
        for tr in table._tbl.tr_lst
    ]


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
        texts = _row_texts(table)
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
