"""The ruled table's rows and cells from a page's ruling lines alone (analysis/note/pdf_grid.py):
the shapes the note's table takes in a PDF, drawn here line by line."""

from __future__ import annotations

from analysis.note.pdf_grid import table_rows
from analysis.note.pdf_page import Rule


def across(top: float, x0: float = 50.0, x1: float = 530.0) -> Rule:
    return Rule(x0, top, x1, top)


def down(x: float, top: float, bottom: float) -> Rule:
    return Rule(x, top, x, bottom)


# A header row (100-120), a heading of one merged cell (120-140), a row (140-200): the frame's
# sides run the whole height, the two inner lines stop at the heading and start again below it.
FRAME = (
    across(100), across(120), across(140), across(200),
    down(50, 100, 200), down(530, 100, 200),
    down(210, 100, 120), down(370, 100, 120), down(210, 140, 200), down(370, 140, 200),
)  # fmt: skip


def test_rows_and_a_merged_heading() -> None:
    assert table_rows(FRAME) == [
        [(50, 100, 210, 120), (210, 100, 370, 120), (370, 100, 530, 120)],
        [(50, 120, 530, 140)],
        [(50, 140, 210, 200), (210, 140, 370, 200), (370, 140, 530, 200)],
    ]


def test_an_underline_in_a_cell_bounds_no_row() -> None:
    underlined = (*FRAME, across(160, 380.0, 450.0))
    assert table_rows(underlined) == table_rows(FRAME)


def test_lines_drawn_in_pieces_are_one_line() -> None:
    # Word draws each cell's border on its own: three pieces across, meeting at the inner lines.
    pieces = [rule for rule in FRAME if rule != across(200)]
    pieces += [across(200, 50, 210), across(200.4, 210, 370), across(200, 370, 530)]
    assert [len(row) for row in table_rows(tuple(pieces))] == [3, 1, 3]


def test_no_row_between_two_tables_nor_without_lines_down() -> None:
    lower = tuple(Rule(r.x0, r.top + 300, r.x1, r.bottom + 300) for r in FRAME)
    assert len(table_rows(FRAME + lower)) == 6
    assert table_rows((across(100), across(200))) == []
