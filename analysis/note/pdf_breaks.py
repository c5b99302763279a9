"""The rows of the note's table in a PDF made whole where a page break cut them.

A row that continues on the next page is that page's first row when its first cell is empty
(every row has a title, every heading its words). It is a new row when one of its cells would
have fitted on the page before, below that cell's text: a writer breaks a row only where its
text no longer fits, and keeps two lines of a paragraph together at a page break; the row
before reached down to its lowest line, so any line that far down fitted. The page draws the
same ruling lines either way (LibreOffice closes and reopens the table's frame at every page
break), so between these the text decides: after lines its first words would not have fitted
on, one of its cells goes on without a capital or two of them go on."""

from __future__ import annotations

from analysis.note.pdf_lines import FIT_SLACK, Cell, Row, Spacing, overrun, wrapped

# The fewest lines of a paragraph a writer leaves on either side of a page break (the widow and
# orphan control Word and LibreOffice Writer apply by default).
_KEPT_TOGETHER = 2


def _first_paragraph(lines: Cell, pitch: float) -> int:
    """How many lines the cell's first paragraph has on this page."""
    count = 1
    while count < len(lines) and wrapped(lines[count - 1], lines[count], pitch):
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


def _room(last_top: float, foot: float, spacing: Spacing) -> int:
    """How many lines of a new paragraph fitted below a line at `last_top` on its page, with the
    space after the paragraph besides: as far down as `foot`, the row's lowest line there,
    which fitted."""
    after = spacing.step - spacing.pitch
    room = 0
    while last_top + spacing.step + room * spacing.pitch + after <= foot + FIT_SLACK:
        room += 1
    return room


def _on_page(cell: Cell, page: int) -> Cell:
    return tuple(line for line in cell if line.page == page)


def _could_begin_above(before: Cell, after: Cell, foot: float, spacing: Spacing) -> bool:
    """Whether some of `after`'s first paragraph would have been set on the page before, below
    `before`'s last line, had it been the rest of that cell. Counted as a new paragraph with
    its space after, the roomier assumption for the break (a paragraph going on would have
    fitted all the more)."""
    if not before or not after:
        return False
    room = _room(before[-1].top, foot, spacing)
    return _lines_placed(room, _first_paragraph(after, spacing.pitch)) > 0


def _continues(previous: Row, row: Row, spacing: Spacing) -> bool:
    """Whether `row`, the first of its page, is the rest of `previous`, the last of the page
    before (the module's rule)."""
    if len(row.cells) != len(previous.cells):
        return False
    if not row.cells[0]:
        return True
    before = [_on_page(cell, row.page - 1) for cell in previous.cells]
    foot = max((line.top for cell in before for line in cell), default=0.0)
    if any(
        _could_begin_above(lines, after, foot, spacing)
        for lines, after in zip(before, row.cells, strict=True)
    ):
        return False
    went_on = [
        (after[0].text[:1], overrun(lines[-1], after[0]))
        for lines, after in zip(before, row.cells, strict=True)
        if lines and after
    ]
    cut = [first for first, over in went_on if over >= -FIT_SLACK]
    return len(cut) >= 2 or any(not first.isupper() for first in cut)


def joined_rows(pages: tuple[tuple[Row, ...], ...], spacing: Spacing) -> tuple[Row, ...]:
    """The rows of all pages in order, each row a page break cut made one again."""
    joined: list[Row] = []
    for page_rows in pages:
        for index, row in enumerate(page_rows):
            if index == 0 and joined and _continues(joined[-1], row, spacing):
                kept = joined[-1]
                cells = tuple(a + b for a, b in zip(kept.cells, row.cells, strict=True))
                joined[-1] = Row(cells, kept.page)
            else:
                joined.append(row)
    return tuple(joined)
