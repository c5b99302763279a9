"""What a container of the note (text, .docx, PDF) hands on: the table's rows in document order
and every part of the file it could not place in the table, for the reader's list of what it
could not read."""

from __future__ import annotations

from dataclasses import dataclass

from analysis.note.table import TableRow

# The table's header cells, as the note writes them (compared without case or spacing).
HEADER: tuple[str, str, str] = ("Activity", "Allocation of responsibilities within ITU", "Comments")
COLUMNS: tuple[str, str, str] = ("activity", "allocation", "comments")


@dataclass(frozen=True)
class Unread:
    """Something in the note the reader did not turn into facts, or a fact it took from
    elsewhere: where a person finds it ("line 40", "table 1, row 7", "page 3"), the column
    ("activity", "allocation", "comments", or "" for the file as a whole), the text as written,
    and why."""

    where: str
    column: str
    text: str
    reason: str


@dataclass(frozen=True)
class NoteTable:
    """The note's table: its rows (each with the heading it stands under) and what did not fit."""

    rows: tuple[TableRow, ...]
    unread: tuple[Unread, ...]


def folded(text: str) -> str:
    """Text compared without case and with any run of spacing as one space."""
    return " ".join(text.split()).casefold()


def is_header(cells: list[str]) -> bool:
    """Whether three cells are the table's header row."""
    return [folded(cell) for cell in cells] == [folded(cell) for cell in HEADER]


def cell_text(paragraphs: list[str]) -> str:
    """A cell's paragraphs as TableRow holds them: each without the spacing around it, empty
    ones left out, joined by a line break."""
    kept = [paragraph.strip() for paragraph in paragraphs]
    return "\n".join(paragraph for paragraph in kept if paragraph)


NO_TABLE = Unread(
    "",
    "",
    "",
    "no table with the header Activity | Allocation of responsibilities within ITU | Comments",
)
