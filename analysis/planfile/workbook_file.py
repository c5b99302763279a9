"""Reading a plan from an Excel workbook (.xlsx): the sheet named "plan" when there is one (the
dashboard's own Excel download), otherwise the first sheet; the values the cells show, never
their formulas."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime

from openpyxl import load_workbook  # type: ignore[import-untyped]

from analysis.model import PlanError, Problem

Rows = list[tuple[int, list[str]]]


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        midnight = value.hour == value.minute == value.second == 0
        return value.date().isoformat() if midnight else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    # A spreadsheet line break inside a cell may be stored as CRLF; the CSV reader gives LF.
    return str(value).replace("\r\n", "\n")


def read_workbook(raw: bytes, name: str) -> tuple[list[str], Rows]:
    """Header and (spreadsheet row number, cells) of the plan sheet; blank rows skipped."""
    try:
        values = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        formulas = load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise PlanError(
            [
                Problem(
                    name,
                    None,
                    None,
                    f"is an Excel workbook that cannot be read ({error}).",
                    "Open it in Excel or LibreOffice and save it again as .xlsx or 'CSV UTF-8'.",
                )
            ]
        ) from None
    sheet_name = "plan" if "plan" in values.sheetnames else values.sheetnames[0]
    sheet, formula_sheet = values[sheet_name], formulas[sheet_name]
    problems: list[Problem] = []
    header: list[str] | None = None
    rows: Rows = []
    for number, (cells, raw_cells) in enumerate(
        zip(
            sheet.iter_rows(values_only=True),
            formula_sheet.iter_rows(values_only=True),
            strict=False,
        ),
        start=1,
    ):
        texts = [_cell_text(value) for value in cells]
        for position, (value, formula) in enumerate(zip(cells, raw_cells, strict=False)):
            if value is None and isinstance(formula, str) and formula.startswith("="):
                problems.append(
                    Problem(
                        name,
                        number,
                        header[position] if header and position < len(header) else None,
                        f"holds the formula {formula} with no value saved for it.",
                        "Open the workbook in Excel or LibreOffice and save it again "
                        "(that stores the values), or type the value in.",
                    )
                )
        while texts and not texts[-1].strip():
            texts.pop()
        if not texts:
            continue
        if header is None:
            header = texts
        else:
            rows.append((number, texts))
    values.close()
    formulas.close()
    if problems:
        raise PlanError(problems)
    if header is None:
        raise PlanError(
            [
                Problem(
                    name,
                    None,
                    None,
                    f"has nothing on its sheet '{sheet_name}'.",
                    "Put the plan on the first sheet: a header row, then one row per activity.",
                )
            ]
        )
    # Trailing blank cells are not written by a spreadsheet: a row is as wide as the header.
    width = len(header)
    return header, [
        (n, cells + [""] * (width - len(cells)) if len(cells) < width else cells)
        for n, cells in rows
    ]
