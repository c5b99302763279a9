"""The note as a PDF printed from Word or LibreOffice Writer: the ruled table found on each page
from its ruling lines (pdf_grid), its cells' text rebuilt line by line from the characters
(pdf_page), and the rows that break across pages joined again.

Why the characters and not a PDF library's text: its text loses the double spaces the note has
("ECOSOC:  WSIS follow-up") and says nothing of where a paragraph ended. Where a line ends is told
by fit: a line that stopped although the next line's first word would have fitted after it ended
its paragraph; one that stopped because the word did not fit was wrapped, and joins the next with
a space, or with nothing after a hyphen ("co-" + "facilitator"; the hyphen is dropped only when
the note writes the word elsewhere without it, as an automatic hyphenation would break it).
Where a paragraph ended is also told by the space between paragraphs, when the document has some.
A row that continues on the next page is that page's first row when its activity cell is empty.
It is a new row when one of its cells would have fitted on the page before, below that cell's
text: a writer breaks a row only where its text no longer fits, and keeps two lines of a
paragraph together at a page break; the row before reached down to its lowest line, so any line
that far down fitted. The page draws the same rules either way (LibreOffice closes and reopens
the table's frame at every page break), so between these the text decides: after lines its
first words would not have fitted on, one of its cells goes on without a capital or two of them
go on."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from analysis.note.found import NO_TABLE, NoteTable, Unread, is_header
from analysis.note.pdf_grid import Box, table_rows
from analysis.note.pdf_page import Char, Page, UnreadablePdf, read_pages
from analysis.note.table import TableRow

# How far apart two characters' tops may be and still stand on one line, in points.
_LINE_TOLERANCE = 2.0
# How far short of the measured room a word must end to have surely fitted, in points
# (measurement error of the characters' boxes).
_FIT_SLACK = 1.0
# A line further below the one before than this many line pitches starts a new paragraph.
_PARAGRAPH_GAP = 1.2
# The fewest lines of a paragraph a writer leaves on either side of a page break (the widow and
# orphan control Word and LibreOffice Writer apply by default).
_KEPT_TOGETHER = 2
_WORD = re.compile(r"[^\W\d_][\w-]*", re.UNICODE)


@dataclass(frozen=True)
class _Line:
    text: str
    top: float
    left: float
    right: float  # where the last character that is not a space ends
    first_word: float  # the width of the first word, with the space before it
    room: float  # where the cell's text may reach: its right edge less its left padding
    page: int


@dataclass
class _Cell:
    lines: list[_Line]


@dataclass
class _Row:
    cells: list[_Cell]  # one: a heading (merged cell); three: a row of the table
    page: int


def _lines(chars: list[Char], box: Box, page: int) -> list[_Line]:
    """The lines of text inside a cell's box, top to bottom."""
    by_line: list[list[Char]] = []
    for char in sorted(chars, key=lambda c: (c.top, c.x0)):
        if by_line and abs(by_line[-1][0].top - char.top) <= _LINE_TOLERANCE:
            by_line[-1].append(char)
        else:
            by_line.append([char])
    lines: list[_Line] = []
    for line_chars in by_line:
        line_chars.sort(key=lambda c: c.x0)
        inked = [c for c in line_chars if c.text.strip()]
        if not inked:
            continue
        left = inked[0].x0
        space = next((c for c in line_chars if c.text == " "), None)
        space_width = space.x1 - space.x0 if space else 0.25 * inked[0].size
        word_end = left
        for char in line_chars:
            if not char.text.strip() and char.x0 > left:
                break
            word_end = char.x1
        padding = max(left - box[0], 0.0)
        text = "".join(c.text for c in line_chars).strip()
        lines.append(
            _Line(
                text,
                inked[0].top,
                left,
                inked[-1].x1,
                space_width + word_end - left,
                box[2] - padding,
                page,
            )
        )
    return lines


def _page_rows(page: Page) -> list[_Row]:
    """The page's table rows, each cell's lines from the characters whose middle is inside it."""
    grid = table_rows(page.rules)
    if not grid:
        return []
    placed = sorted(page.chars, key=lambda c: c.top + c.bottom)
    middles = [(c.top + c.bottom) / 2 for c in placed]
    rows: list[_Row] = []
    for boxes in grid:
        _, top, _, bottom = boxes[0]
        band = placed[bisect_left(middles, top) : bisect_right(middles, bottom)]
        cells = [
            _Cell(
                _lines(
                    [c for c in band if x0 <= (c.x0 + c.x1) / 2 <= x1],
                    (x0, top, x1, bottom),
                    page.number,
                )
            )
            for x0, _, x1, _ in boxes
        ]
        rows.append(_Row(cells, page.number))
    return rows


def _overrun(before: _Line, after: _Line) -> float:
    """How far the first word of `after` would have run past the cell's room after `before`:
    clearly below zero, it would have fitted, so `before` ended its paragraph."""
    return before.right + after.first_word - before.room


def _pitch(rows: Iterable[_Row]) -> float:
    """The distance from one line to the next inside a paragraph: the smallest seen."""
    gaps = [
        after.top - before.top
        for row in rows
        for cell in row.cells
        for before, after in zip(cell.lines, cell.lines[1:], strict=False)
        if after.top > before.top
    ]
    return min(gaps, default=0.0)


def _wrapped(before: _Line, after: _Line, pitch: float) -> bool:
    """Whether `after` continues the paragraph of `before`: not when its first word would have
    fitted, nor when it stands further below than a line of the same paragraph would (space
    between paragraphs); a line on the next page has no such distance."""
    if _overrun(before, after) < -_FIT_SLACK:
        return False
    same_page = after.top > before.top
    return not (same_page and after.top - before.top > pitch * _PARAGRAPH_GAP)


def _join(lines: list[_Line], words: set[str], pitch: float) -> str:
    paragraphs: list[str] = []
    for index, line in enumerate(lines):
        if index and _wrapped(lines[index - 1], line, pitch):
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


def _words(rows: Iterable[_Row]) -> set[str]:
    """The note's own words that do not end a line: its dictionary for hyphens at line ends."""
    found: set[str] = set()
    for row in rows:
        for cell in row.cells:
            for line in cell.lines:
                tokens = line.text.split(" ")
                for token in tokens[:-1] if tokens[-1].endswith("-") else tokens:
                    found.update(match.casefold() for match in _WORD.findall(token))
    return found


@dataclass(frozen=True)
class _Spacing:
    """How the note's cells set their lines: from one line to the next inside a paragraph
    (pitch), and from a paragraph's last line to the next paragraph's first (step)."""

    pitch: float
    step: float


def _spacing(rows: list[_Row]) -> _Spacing:
    pitch = _pitch(rows)
    steps = sorted(
        after.top - before.top
        for row in rows
        for cell in row.cells
        for before, after in zip(cell.lines, cell.lines[1:], strict=False)
        if after.top - before.top > pitch * _PARAGRAPH_GAP
    )
    return _Spacing(pitch, steps[len(steps) // 2] if steps else pitch)


def _first_paragraph(lines: list[_Line], pitch: float) -> int:
    """How many lines the cell's first paragraph has on this page."""
    count = 1
    while count < len(lines) and _wrapped(lines[count - 1], lines[count], pitch):
        count += 1
    return count


def _lines_placed(room: int, lines: int) -> int:
    """How many lines of a new paragraph of `lines` a writer sets in `room` lines at a page's
    foot: all when they fit; else as many as fit and leave _KEPT_TOGETHER for the next page,
    and none when fewer than _KEPT_TOGETHER would stand on this one (widow and orphan
    control)."""
    if room >= lines:
        return lines
    placed = min(room, lines - _KEPT_TOGETHER)
    return placed if placed >= _KEPT_TOGETHER else 0


def _room(last: _Line, foot: float, spacing: _Spacing) -> int:
    """How many lines of a new paragraph fitted below `last` on its page, with the space after
    the paragraph besides: as far down as `foot`, the row's lowest line there, which fitted."""
    after = spacing.step - spacing.pitch
    room = 0
    while last.top + spacing.step + room * spacing.pitch + after <= foot + _FIT_SLACK:
        room += 1
    return room


def _on_page(cell: _Cell, page: int) -> list[_Line]:
    return [line for line in cell.lines if line.page == page]


def _could_begin_above(before: list[_Line], after: _Cell, foot: float, spacing: _Spacing) -> bool:
    """Whether some of `after`'s first paragraph would have been set on the page before, below
    `before`'s last line, had it been the rest of that cell. Counted as a new paragraph with
    its space after, the roomier assumption for the break (a paragraph going on would have
    fitted all the more)."""
    if not before or not after.lines:
        return False
    room = _room(before[-1], foot, spacing)
    return _lines_placed(room, _first_paragraph(after.lines, spacing.pitch)) > 0


def _foot(row: _Row, page: int) -> float:
    return max((line.top for cell in row.cells for line in _on_page(cell, page)), default=0.0)


def _continues(previous: _Row, row: _Row, spacing: _Spacing) -> bool:
    """Whether the first row of a page is the rest of the last row of the page before. A writer
    breaks a row at a page's foot only where its cells' text no longer fits: so the row goes on
    when its first cell is empty (every row has a title, every heading its words), and a new
    row begins when one of its cells would have fitted on the page before, below that cell's
    text, had it gone on. Between these, the text decides: a cell whose first words would not
    have fitted on the line before goes on when it begins without a capital or when two cells
    do so."""
    if len(row.cells) != len(previous.cells):
        return False
    if not row.cells[0].lines:
        return True
    page = row.page - 1
    foot = _foot(previous, page)
    before = [_on_page(cell, page) for cell in previous.cells]
    if any(
        _could_begin_above(lines, after, foot, spacing)
        for lines, after in zip(before, row.cells, strict=True)
    ):
        return False
    went_on = [
        (after.lines[0].text[:1], _overrun(lines[-1], after.lines[0]))
        for lines, after in zip(before, row.cells, strict=True)
        if lines and after.lines
    ]
    wrapped = [first for first, overrun in went_on if overrun >= -_FIT_SLACK]
    return len(wrapped) >= 2 or any(not first.isupper() for first in wrapped)


def _joined(pages: list[list[_Row]], spacing: _Spacing) -> list[_Row]:
    """The rows of all pages, each row a page break cut made whole again."""
    joined: list[_Row] = []
    for page_rows in pages:
        for index, row in enumerate(page_rows):
            if index == 0 and joined and _continues(joined[-1], row, spacing):
                for kept, more in zip(joined[-1].cells, row.cells, strict=True):
                    kept.lines.extend(more.lines)
            else:
                joined.append(row)
    return joined


def read_pdf_note(raw: bytes) -> NoteTable:
    """The table of a note printed to PDF: its rows under their headings, and what did not fit."""
    try:
        pages = read_pages(raw, _page_rows)
    except UnreadablePdf as error:
        return NoteTable((), (Unread("", "", "", str(error)),))
    spacing = _spacing([row for page_rows in pages for row in page_rows])
    joined = _joined(pages, spacing)
    words = _words(joined)
    texts = [
        ([_join(cell.lines, words, spacing.pitch) for cell in row.cells], row.page)
        for row in joined
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
