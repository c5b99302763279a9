"""The note's table as its reader finds it, before any sentence is interpreted: one value per
heading and per row, in document order, whatever form the note came in (text, .docx, PDF)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TableRow:
    """One row of the table (Activity | Allocation of responsibilities within ITU | Comments).

    section: the heading the row stands under, as written ("Multi-stakeholder implementation",
    or a status heading of a revision); activity, allocation, comments: the three cells' text,
    paragraphs joined by "\\n", words broken at line ends already joined; where: how a person
    finds the row in the file ("row 12", "page 3"), for messages."""

    section: str
    activity: str
    allocation: str
    comments: str
    where: str
