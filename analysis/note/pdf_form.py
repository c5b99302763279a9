"""The note as a PDF printed from Word or LibreOffice Writer: the ruled table found on each page
from its ruling lines (pdf_grid), its cells' lines rebuilt from the characters (pdf_page,
pdf_lines), the rows that break across pages joined again (pdf_breaks), and each cell's lines
joined into its paragraphs.

Why the characters and not a PDF library's text: its text loses the double spaces the note has
("ECOSOC:  WSIS follow-up") and says nothing of where a paragraph ended. A wrapped line joins the
next with a space, or with nothing after a hyphen ("co-" + "facilitator"; the hyphen is dropped
only when the note writes the word elsewhere without it, as an automatic hyphenation would break
it)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from analysis.note.found import NO_TABLE, NoteTable, Unread, is_header
from analysis.note.pdf_breaks import joined_rows
from analysis.note.pdf_grid import table_rows
from analysis.note.pdf_lines import Cell, Row, cell_lines, line_spacing, wrapped
from analysis.note.pdf_page import Page, UnreadablePdf, read_pages
from analysis.note.table import TableRow

_WORD = re.compile(r"[^\W\d_][\w-]*", re.UNICODE)


def _page_rows(page: Page) -> tuple[Row, ...]:
    """The page's table rows, each cell's lines from the characters whose middle is inside it."""
    grid = table_rows(page.rules)
    if not grid:
        return ()
    placed = sorted(page.chars, key=lambda c: c.top + c.bottom)
    middles = [(c.top + c.bottom) / 2 for c in placed]
    rows: list[Row] = []
    for boxes in grid:
        _, top, _, bottom = boxes[0]
        band = placed[bisect_left(middles, top) : bisect_right(middles, bottom)]
        cells = tuple(
            cell_lines(
                tuple(c for c in band if x0 <= (c.x0 + c.x1) / 2 <= x1),
                (x0, top, x1, bottom),
                page.number,
            )
            for x0, _, x1, _ in boxes
        )
        rows.append(Row(cells, page.number))
    return tuple(rows)


def _join(lines: Cell, words: set[str], pitch: float) -> str:
    paragraphs: list[str] = []
    for index, line in enumerate(lines):
        if index and wrapped(lines[index - 1], line, pitch):
            previous = paragraphs[-1]
            if previous.endswith("-"):
                paragraphs[-1] = _hyphen_join(previous, line.text, words)
            else:
                paragraphs[-1] = f"{previous} {line.text}"
        else:
            paragraphs.append(line.text)
    return "\n".join(paragraphs)


def _hyphen_join(before: str, after: str, words: set[str]) -> str:
    """before ends with a hyphen at a line end: keep it ("WTSA-" + "04", "co-" + "facilitator")
    unless the note writes the joined word without it elsewhere and never with it."""
    head = before.rsplit(" ", 1)[-1][:-1]
    tail = after.split(" ", 1)[0]
    with_hyphen = f"{head}-{tail}".casefold().strip(".,;:()")
    without = f"{head}{tail}".casefold().strip(".,;:()")
    if without in words and with_hyphen not in words:
        return before[:-1] + after
    return before + after


def _words(rows: Iterable[Row]) -> set[str]:
    """The note's own words that do not end a line: its dictionary for hyphens at line ends."""
    found: set[str] = set()
    for row in rows:
        for cell in row.cells:
            for line in cell:
                tokens = line.text.split(" ")
                for token in tokens[:-1] if tokens[-1].endswith("-") else tokens:
                    found.update(match.casefold() for match in _WORD.findall(token))
    return found


def read_pdf_note(raw: bytes) -> NoteTable:
    """The table of a note printed to PDF: its rows under their headings, and what did not fit."""
    try:
        pages = tuple(read_pages(raw, _page_rows))
    except UnreadablePdf as error:
        return NoteTable((), (Unread("", "", "", str(error)),))
    spacing = line_spacing(tuple(row for page_rows in pages for row in page_rows))
    joined = joined_rows(pages, spacing)
    words = _words(joined)
    texts = [
        ([_join(cell, words, spacing.pitch) for cell in row.cells], row.page) for row in joined
    ]
    start = next((i for i, (cells, _) in enumerate(texts) if is_header(cells)), None)
    if start is None:
        return NoteTable((), (NO_TABLE,))
    rows: list[TableRow] = []
    unread: list[Unread] = []
    section = ""
    for cells, page in texts[start + 1 :]:
        if len(cells) == 1:
            section = cells[0]
        elif len(cells) == 3 and not is_header(cells):
            activity, allocation, comments = cells
            rows.append(TableRow(section, activity, allocation, comments, f"page {page}"))
        elif len(cells) not in (1, 3) and any(cells):
            reason = f"a row of {len(cells)} cells (three expected)"
            unread.append(Unread(f"page {page}", "", " | ".join(cells), reason))
    return NoteTable(tuple(rows), tuple(unread))
