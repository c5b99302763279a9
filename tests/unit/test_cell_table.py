"""The plan's cells held column by column (analysis.planfile.cell_table): the same cells as row by
row, equal texts one object, and problems still reported in the file's order."""

from __future__ import annotations

from datetime import date

from analysis.planfile.cell_table import CellTable, SharedColumns, stripped
from analysis.planfile.mojibake import mojibake_problems


def _fresh(text: str) -> str:
    """An equal string that is a different object, as csv.reader makes one per cell."""
    return "".join(list(text))


def test_cells_are_held_by_column_with_equal_texts_shared() -> None:
    table = CellTable(3)
    table.add(2, ["A1", _fresh("Internet Governance"), "x"])
    table.add(3, ["only two", "cells"])
    table.add(5, ["A2", _fresh("Internet Governance"), ""])
    table.done()
    assert table.numbers == [2, 5]
    assert table.columns == [["A1", "A2"], ["Internet Governance"] * 2, ["x", ""]]
    assert table.columns[1][0] is table.columns[1][1]
    assert table.misshapen == [(3, ["only two", "cells"])]
    assert table.last_number == 5
    assert len(table) == 3


def test_stripped_keeps_order_and_sharing() -> None:
    column = [" BDT ", "TSB", _fresh(" BDT "), ""]
    assert stripped(column) == ["BDT", "TSB", "BDT", ""]
    result = stripped(column)
    assert result[0] is result[2]


def test_shared_columns_share_per_column_only() -> None:
    gathered = SharedColumns(("unit", "start", "flag", "count"))
    gathered.append({"unit": _fresh("BDT"), "start": date(2006, 5, 16), "flag": True, "count": 1})
    gathered.append({"unit": _fresh("BDT"), "start": date(2006, 5, 16), "flag": False, "count": 1})
    assert gathered.data["unit"][0] is gathered.data["unit"][1]
    assert gathered.data["start"] == [date(2006, 5, 16)] * 2
    # True == 1: one memo for all columns would have turned the count into True.
    assert gathered.data["flag"] == [True, False]
    assert [type(value) for value in gathered.data["count"]] == [int, int]
    assert len(gathered) == 2


def test_rows_come_back_in_the_files_order_whatever_their_width() -> None:
    rows = [(2, ["A1", "x", "y"]), (3, ["A2", "cut"]), (5, ["A3", "", "z"]), (6, ["A4"] * 4)]
    table = CellTable(3)
    for number, cells in rows:
        table.add(number, cells)
    assert list(table.done().rows()) == rows


def test_garbled_cells_are_reported_row_by_row_left_to_right() -> None:
    columns = ["activity_id", "title", "comments"]
    rows = [
        (2, ["A1", "Caf\u00c3\u00a9", "30 October \u00e2\u20ac\u201c 2 November"]),
        (3, ["A2", "r\u00c3\u00a9seau"]),
        (4, ["A3", "fine", "na\u00c3\u00afve"]),
    ]
    table = CellTable(len(columns))
    for number, cells in rows:
        table.add(number, cells)
    got = mojibake_problems(columns, table.done().rows(), "plan.csv")
    assert [(p.row, p.column) for p in got] == [
        (2, "title"),
        (2, "comments"),
        (3, "title"),
        (4, "comments"),
    ]
