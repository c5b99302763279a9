"""The derived sheets of the dashboard's Excel download (activities, assignments, partners,
events) held to its plan sheet: they are written from it and never read as the plan, so an edit
made in one of them would vanish without a word. A derived sheet left as written (its digest as
stored) is passed over; one edited since must still say what the plan sheet says, or the
workbook is refused, naming the sheet, the row and what to do."""

from __future__ import annotations

from analysis.model import Plan, Problem
from analysis.planfile.export_tables import EXPORT_COLUMNS, export_frames, sheet_texts
from analysis.planfile.workbook_file import read_derived_sheets, sheet_digest

DERIVED_FIX = (
    "Edit the plan sheet (the only sheet read as the plan), or delete the derived sheets "
    "(activities, assignments, partners, events) before loading the workbook."
)


def _trimmed(cells: list[str]) -> list[str]:
    cells = list(cells)
    while cells and not cells[-1].strip():
        cells.pop()
    return cells


def derived_sheet_problems(raw: bytes, name: str, plan: Plan) -> list[Problem]:
    """One problem per derived sheet edited since it was written that no longer says what the
    plan read from the plan sheet says: at its first row that differs."""
    sheets, digests = read_derived_sheets(raw, name, EXPORT_COLUMNS)
    if not sheets:
        return []
    expected = {sheet: sheet_texts(frame) for sheet, frame in export_frames(plan).items()}
    problems: list[Problem] = []
    for sheet, rows in sheets.items():
        if digests.get(sheet) == sheet_digest(cells for _, cells in rows):
            continue
        want = [_trimmed(cells) for cells in expected[sheet]]
        got = [(number, _trimmed(cells)) for number, cells in rows]
        header = want[0]
        for index in range(max(len(want), len(got))):
            if index < len(got) and index < len(want) and got[index][1] == want[index]:
                continue
            if index >= len(got):
                number = got[-1][0] + 1 if got else 1
                message = f"the sheet '{sheet}' lacks a row the plan sheet gives: {want[index]}"
                column = None
            elif index >= len(want):
                number = got[index][0]
                message = f"the sheet '{sheet}' has a row the plan sheet does not give"
                column = None
            else:
                number, cells = got[index]
                position = next(
                    p
                    for p in range(max(len(cells), len(want[index])))
                    if (cells[p] if p < len(cells) else "")
                    != (want[index][p] if p < len(want[index]) else "")
                )
                column = header[position] if position < len(header) else None
                shown = cells[position] if position < len(cells) else ""
                wanted = want[index][position] if position < len(want[index]) else ""
                message = (
                    f"the sheet '{sheet}' says '{shown}' where the plan sheet gives "
                    f"'{wanted}' (row of {cells[0] if cells else 'no activity'}): the "
                    "derived sheets are written from the plan sheet and not read"
                )
            problems.append(Problem(name, number, column, message + ".", DERIVED_FIX))
            break
    return problems
