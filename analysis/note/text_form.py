"""The note as plain text (the form of ../shared/source/): its table found and split into headings
and rows.

The shape of the text, one line per paragraph:
- a cell begins with a tab ("\\tLead: BDT."); a cell's further paragraphs follow without a tab,
  each after one blank line;
- the cells of a row follow each other; a row's last cell may also come after blank lines
  (an empty middle paragraph); rows and headings are separated by blank lines;
- a heading is a cell standing alone between blank lines ("\\tInternet Governance");
- the header row is the three cells Activity / Allocation of responsibilities within ITU /
  Comments; what comes before it is the note's title and introduction;
- a paragraph without a tab after two or more blank lines ends the table (the footnote).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from analysis.note.found import NO_TABLE, NoteTable, Unread, cell_text, is_header
from analysis.note.table import TableRow


@dataclass
class _Cell:
    line: int
    after_blank: bool
    paragraphs: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return cell_text(self.paragraphs)


def decode_note(raw: bytes) -> tuple[str, list[Unread]]:
    """The note's text: UTF-8 (with or without a byte-order mark), else Windows-1252, said so."""
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        text = raw.decode("cp1252", errors="replace")
        reason = (
            f"the file is not UTF-8 (byte {error.start + 1}); read as Windows-1252: "
            "check the accented letters and quotes, or save the text as UTF-8"
        )
        return text, [Unread("", "", "", reason)]


def _cells(lines: list[str]) -> tuple[list[_Cell], int | None]:
    """The cells of the text in order, and the line where a paragraph after two or more blank
    lines ended the table (None when the text runs out first). Lines before the header are
    cells too: the caller skips them."""
    cells: list[_Cell] = []
    blanks = 1
    header_seen = False
    for number, line in enumerate(lines, start=1):
        if line.startswith("\t"):
            cells.append(_Cell(number, blanks > 0, [line[1:]]))
            blanks = 0
            if not header_seen and len(cells) >= 3:
                header_seen = is_header([cell.text for cell in cells[-3:]])
        elif not line.strip():
            blanks += 1
        else:
            if header_seen and blanks >= 2:
                return cells, number
            if cells:
                cells[-1].paragraphs.append(line)
            blanks = 0
    return cells, None


def _header_end(cells: list[_Cell]) -> int | None:
    """The index of the first cell after the header row."""
    for start in range(len(cells) - 2):
        trio = cells[start : start + 3]
        if is_header([cell.text for cell in trio]) and not any(c.after_blank for c in trio[1:]):
            return start + 3
    return None


def read_text_note(raw: bytes) -> NoteTable:
    """The table of a note in plain text: its rows under their headings, and what did not fit."""
    text, unread = decode_note(raw)
    cells, _ = _cells(text.splitlines())
    start = _header_end(cells)
    if start is None:
        return NoteTable((), (*unread, NO_TABLE))
    rows: list[TableRow] = []
    section = ""
    pending: list[_Cell] = []

    def finish_row() -> None:
        activity, allocation, comments = (cell.text for cell in pending)
        rows.append(TableRow(section, activity, allocation, comments, f"line {pending[0].line}"))
        pending.clear()

    for cell in cells[start:]:
        if len(pending) == 3:
            finish_row()
        elif cell.after_blank and len(pending) == 1:
            section = pending[0].text
            pending.clear()
        pending.append(cell)
    if len(pending) == 3:
        finish_row()
    elif pending and any(cell.text for cell in pending):
        where = f"line {pending[0].line}"
        text_left = " | ".join(cell.text for cell in pending)
        if len(pending) == 1:
            unread.append(Unread(where, "", text_left, "a heading with no rows under it"))
        else:
            unread.append(Unread(where, "", text_left, "a row of two cells (three expected)"))
    return NoteTable(tuple(rows), tuple(unread))
