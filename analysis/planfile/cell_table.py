"""A plan file's cells held column by column, each repeated text one shared string.

A plan near the upload limit has half a million cells, most of them repeats (a pillar, a unit
code, a comment copied down a column): one string per distinct text and one list per column
hold them in a fraction of what one list per row and a new string per cell take (measured in
benchmarks/reports/serving-costs.md, an upload of 10 MB)."""

from __future__ import annotations

import heapq
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

Rows = list[tuple[int, list[str]]]  # (spreadsheet row number, cells), header excluded


class SharedColumns:
    """Columns of values appended row by row, equal values shared as one object (a text read
    again from the file is a new string; kept once, it costs nothing the second time)."""

    def __init__(self, names: Iterable[str]) -> None:
        self.data: dict[str, list[Any]] = {name: [] for name in names}
        # One memo per column: across columns True and 1, or a date and its text, must not meet.
        self._memo: dict[str, dict[Hashable, Any]] = {name: {} for name in self.data}

    def append(self, values: dict[str, Any]) -> None:
        """One row: a value for every column."""
        for name, value in values.items():
            memo = self._memo[name]
            self.data[name].append(memo.setdefault(value, value))

    def extend(self, rows: Iterable[dict[str, Any]]) -> None:
        for values in rows:
            self.append(values)

    def __len__(self) -> int:
        return len(next(iter(self.data.values()), []))


@dataclass
class CellTable:
    """The rows of a plan file below its header: `columns[i]` holds the cells of header position
    i for every row of the header's width; `numbers` their spreadsheet row numbers. Rows of
    another width (refused: row_shape_problems) are kept whole in `misshapen`."""

    width: int
    numbers: list[int] = field(default_factory=list)
    columns: list[list[str]] = field(default_factory=list)
    misshapen: Rows = field(default_factory=list)
    last_number: int = 0  # the last row read, of any width
    _memo: list[dict[str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.columns = [[] for _ in range(self.width)]
        self._memo = [{} for _ in range(self.width)]

    def add(self, number: int, cells: list[str]) -> None:
        self.last_number = number
        if len(cells) != self.width:
            self.misshapen.append((number, cells))
            return
        self.numbers.append(number)
        for column, memo, cell in zip(self.columns, self._memo, cells, strict=True):
            column.append(memo.setdefault(cell, cell))

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """(row number, cells) of every row, of any width, in the file's order: a row's list is
        made as it is read, for checks that go row by row."""
        fitting = zip(self.numbers, map(list, zip(*self.columns, strict=True)), strict=True)
        return heapq.merge(fitting, self.misshapen, key=lambda row: row[0])

    def done(self) -> CellTable:
        """The table once every row is in: the memos (a dict entry per distinct cell) go."""
        self._memo = []
        return self

    def __len__(self) -> int:
        return len(self.numbers) + len(self.misshapen)


def stripped(column: list[str]) -> list[str]:
    """The column's cells without surrounding blanks, equal cells still one string."""
    memo = {cell: cell.strip() for cell in set(column)}
    return [memo[cell] for cell in column]
