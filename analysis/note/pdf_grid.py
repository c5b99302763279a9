"""The ruled table on a page of a PDF: its rows, top to bottom, each the boxes of its cells left to
right, from the ruling lines alone.

A row is the band between two lines across the page that both reach from the first to the last
line down the page spanning the band; its cells lie between those lines down it. A line across
that does not reach them (an underline in a cell) bounds no row; a band no two lines down span
(between two tables, above the table) is no row. Lines that stop and start again on one height
or at one place across, no further apart than _TOLERANCE, are one line. A table with cells
merged down (spanning rows) is not read: the note's table has none."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

from analysis.note.pdf_page import Rule

Box = tuple[float, float, float, float]  # x0, top, x1, bottom, in points from the left and top

# How far apart two ruling lines may be and still be one, in points (and how far short of a
# crossing line one may stop and still reach it).
_TOLERANCE = 3.0

# One ruling line at a place: where it stands, and the stretches it covers along its length.
_Line = tuple[float, list[tuple[float, float]]]


def _joined(segments: Iterable[tuple[float, float, float]]) -> list[_Line]:
    """Segments (place, start, end) gathered into lines: places within _TOLERANCE are one, and
    stretches along a line that touch or nearly touch are one."""
    lines: list[tuple[list[float], list[tuple[float, float]]]] = []
    for place, start, end in sorted(segments):
        if lines and place - lines[-1][0][-1] <= _TOLERANCE:
            lines[-1][0].append(place)
            lines[-1][1].append((start, end))
        else:
            lines.append(([place], [(start, end)]))
    joined: list[_Line] = []
    for places, stretches in lines:
        covered: list[tuple[float, float]] = []
        for start, end in sorted(stretches):
            if covered and start - covered[-1][1] <= _TOLERANCE:
                covered[-1] = (covered[-1][0], max(covered[-1][1], end))
            else:
                covered.append((start, end))
        joined.append((sum(places) / len(places), covered))
    return joined


def _covers(line: _Line, start: float, end: float) -> bool:
    return any(a - _TOLERANCE <= start and end <= b + _TOLERANCE for a, b in line[1])


def table_rows(rules: tuple[Rule, ...]) -> list[list[Box]]:
    """The rows of the ruled tables on a page, top to bottom, each its cells' boxes."""
    across = _joined((rule.top, rule.x0, rule.x1) for rule in rules if rule.top == rule.bottom)
    down = _joined((rule.x0, rule.top, rule.bottom) for rule in rules if rule.x0 == rule.x1)
    rows: list[list[Box]] = []
    upper = 0
    while upper < len(across) - 1:
        top, following = across[upper][0], upper + 1
        for lower in range(upper + 1, len(across)):
            bottom = across[lower][0]
            sides = [line[0] for line in down if _covers(line, top, bottom)]
            if len(sides) < 2:  # no table below this line, down to that one
                following = lower
                break
            if not _covers(across[upper], sides[0], sides[-1]):  # no row's top
                break
            if _covers(across[lower], sides[0], sides[-1]):
                rows.append([(a, top, b, bottom) for a, b in pairwise(sides)])
                following = lower
                break
        upper = following
    return rows
