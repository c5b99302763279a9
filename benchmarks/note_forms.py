"""The note in its other forms, made from its text the way its users' tools make them: a Word
document written by python-docx (the title and introduction as paragraphs, the table with a
header row, each heading one row of three merged cells, each cell's paragraphs as paragraphs, the
footnote), and a generated note many times the 2006 one's size. For the fixtures
(tests/fixtures/note/make.sh) and the reading benchmark (benchmarks/note_reading.py)."""

from __future__ import annotations

import io

from docx import Document
from docx.shared import Cm, Pt

from analysis.note.found import HEADER, is_header
from analysis.note.table import TableRow
from analysis.note.text_form import read_text_note


def _outside_table(text: str) -> tuple[list[str], list[str]]:
    """The paragraphs before the table's header and after its last cell (the footnote)."""
    lines = text.splitlines()
    before: list[str] = []
    for index, line in enumerate(lines):
        if is_header([cell.lstrip("\t") for cell in lines[index : index + 3]]):
            break
        before.append(line)
    after: list[str] = []
    blanks = 0
    for line in reversed(lines):
        if line.startswith("\t"):
            break
        if line.strip():
            after.insert(0, line)
            blanks = 0
        else:
            blanks += 1
    return [line.strip() for line in before if line.strip()], after if blanks >= 2 else []


def note_docx(text: str) -> bytes:
    """The note's text as a .docx on A4, Liberation Serif 11 pt, 4 pt after each paragraph."""
    table_rows = read_text_note(text.encode("utf-8")).rows
    before, after = _outside_table(text)
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Cm(2.0))
    normal = document.styles["Normal"]
    normal.font.name = "Liberation Serif"
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(4)
    for paragraph in before:
        document.add_paragraph(paragraph)
    table = document.add_table(rows=0, cols=3)
    table.style = "Table Grid"

    def add_cells(texts: tuple[str, str, str]) -> None:
        cells = table.add_row().cells
        for cell, cell_text in zip(cells, texts, strict=True):
            paragraphs = cell_text.split("\n")
            cell.paragraphs[0].text = paragraphs[0]
            for paragraph in paragraphs[1:]:
                cell.add_paragraph(paragraph)

    add_cells(HEADER)
    heading = None
    for row in table_rows:
        if row.section != heading:
            heading = row.section
            merged = table.add_row().cells
            cell = merged[0].merge(merged[2])
            cell.paragraphs[0].text = heading
            cell.paragraphs[0].runs[0].bold = True
        add_cells((row.activity, row.allocation, row.comments))
    for paragraph in after:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _cell(text: str) -> str:
    return "\t" + "\n\n".join(text.split("\n"))


def note_text(rows: list[TableRow], title: str = "WSIS Implementation plan within ITU") -> str:
    """A note in the text form of data/source/ holding these rows under their headings."""
    parts = [f"\t{title}\n\n", "\t" + "\n\t".join(HEADER) + "\n\n"]
    heading = None
    for row in rows:
        if row.section != heading:
            heading = row.section
            parts.append(f"\t{heading}\n\n")
        parts.append(f"{_cell(row.activity)}\n{_cell(row.allocation)}\n{_cell(row.comments)}\n\n")
    return "".join(parts)


def scaled_note(text: str, scale: int) -> str:
    """The note's table `scale` times over, each copy's titles marked "(copy N)" so that every
    activity is its own."""
    rows = read_text_note(text.encode("utf-8")).rows
    copies = [
        TableRow(row.section, f"{row.activity} (copy {n})" if n > 1 else row.activity,
                 row.allocation, row.comments, "")
        for n in range(1, scale + 1)
        for row in rows
    ]  # fmt: skip
    return note_text(copies)
