"""A cell of the note's table in a PDF as lines of text, rebuilt from the characters inside it,
and how one line follows another: in the same paragraph, or opening the next.

Where a line ends is told by fit: a line that stopped although the next line's first word would
have fitted after it ended its paragraph; one that stopped because the word did not fit was
wrapped. Where a paragraph ended is also told by the space between paragraphs, when the
document has some."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from analysis.note.pdf_grid import Box
from analysis.note.pdf_page import Char

# How far apart two characters' tops may be and still stand on one line, in points.
_LINE_TOLERANCE = 2.0
# How far short of the measured room a word must end to have surely fitted, in points
# (measurement error of the characters' boxes).
FIT_SLACK = 1.0
# A line further below the one before than this many line pitches starts a new paragraph.
_PARAGRAPH_GAP = 1.2


@dataclass(frozen=True)
class Line:
    text: str
    top: float
    left: float
    right: float  # where the last character that is not a space ends
    first_word: float  # the width of the first word, with the space before it
    room: float  # where the cell's text may reach: its right edge less its left padding
    page: int


Cell = tuple[Line, ...]  # top to bottom, on one page or, once a page break is joined, several


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]  # one: a heading (merged cell); three: a row of the table
    page: int  # where it begins


@dataclass(frozen=True)
class Spacing:
    """How the note's cells set their lines: from one line to the next inside a paragraph
    (pitch), and from a paragraph's last line to the next paragraph's first (step)."""

    pitch: float
    step: float


def cell_lines(chars: tuple[Char, ...], box: Box, page: int) -> Cell:
    """The lines of text the characters inside a cell's box make, top to bottom."""
    by_line: list[list[Char]] = []
    for char in sorted(chars, key=lambda c: (c.top, c.x0)):
        if by_line and abs(by_line[-1][0].top - char.top) <= _LINE_TOLERANCE:
            by_line[-1].append(char)
        else:
            by_line.append([char])
    lines: list[Line] = []
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
        first_word = space_width + word_end - left
        lines.append(
            Line(text, inked[0].top, left, inked[-1].x1, first_word, box[2] - padding, page)
        )
    return tuple(lines)


def overrun(before: Line, after: Line) -> float:
    """How far the first word of `after` would have run past the cell's room after `before`:
    clearly below zero, it would have fitted, so `before` ended its paragraph."""
    return before.right + after.first_word - before.room


def wrapped(before: Line, after: Line, pitch: float) -> bool:
    """Whether `after` continues the paragraph of `before`: not when its first word would have
    fitted, nor when it stands further below than a line of the same paragraph would (space
    between paragraphs); a line on the next page has no such distance."""
    if overrun(before, after) < -FIT_SLACK:
        return False
    same_page = after.top > before.top
    return not (same_page and after.top - before.top > pitch * _PARAGRAPH_GAP)


def line_spacing(rows: tuple[Row, ...]) -> Spacing:
    """The pitch: the smallest distance from one line to the next in a cell; the step: the
    middle one of the distances larger than a paragraph's lines stand apart (the pitch when
    paragraphs have no space between them)."""
    gaps = [
        after.top - before.top
        for row in rows
        for cell in row.cells
        for before, after in pairwise(cell)
        if after.top > before.top
    ]
    pitch = min(gaps, default=0.0)
    steps = sorted(gap for gap in gaps if gap > pitch * _PARAGRAPH_GAP)
    return Spacing(pitch, steps[len(steps) // 2] if steps else pitch)
