"""Reading a plan file: bytes → decoded text → header and rows. Pure (the bytes come from
analysis.load); nothing here knows what the cells mean."""

from __future__ import annotations

import csv
import io

from analysis.cells import did_you_mean
from analysis.model import PLAN_COLUMNS, PLAN_FILE_COLUMNS, PlanError, Problem

MAX_PLAN_BYTES = 10 * 1024 * 1024


def too_large(name: str, size: int) -> Problem:
    limit = MAX_PLAN_BYTES // 1024 // 1024
    return Problem(
        name, None, None,
        f"is {size / 1024 / 1024:.1f} MB; plans are limited to {limit} MB.",
        "Remove unused columns or rows, or split the plan.",
    )  # fmt: skip


def decode(raw: bytes, name: str) -> str:
    """UTF-8 (with or without BOM) or Windows-1252, as Excel saves them."""
    if b"\x00" in raw:
        raise PlanError(
            [
                Problem(
                    name,
                    None,
                    None,
                    "is not a text file (it holds NUL bytes).",
                    "Save the plan as CSV (comma or semicolon separated).",
                )
            ]
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError as error:
        raise PlanError([Problem(
            name, None, None,
            f"is neither UTF-8 nor Windows-1252 text (byte {error.start + 1} cannot be read).",
            "Save it from your spreadsheet as 'CSV UTF-8'.",
        )]) from None  # fmt: skip


def normalise_header(name: str) -> str:
    return name.strip().strip("\ufeff").strip().lower().replace(" ", "_")


def _pick_delimiter(text: str) -> str:
    first_line = text.split("\n", 1)[0]
    known = set(PLAN_FILE_COLUMNS)
    by_comma = sum(normalise_header(cell) in known for cell in first_line.split(","))
    by_semicolon = sum(normalise_header(cell) in known for cell in first_line.split(";"))
    return ";" if by_semicolon > by_comma else ","


def read_rows(text: str, name: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header and (spreadsheet row number, cells) pairs; blank lines skipped."""
    if not text.strip():
        raise PlanError(
            [
                Problem(
                    name,
                    None,
                    None,
                    "is empty.",
                    "Use data/plan.csv as a template: a header row, then one row per activity.",
                )
            ]
        )
    delimiter = _pick_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    header: list[str] | None = None
    record = 0
    try:
        for cells in reader:
            record += 1
            if not any(cell.strip() for cell in cells):
                continue
            if header is None:
                header = cells
            else:
                rows.append((record, cells))
    except csv.Error as error:
        raise PlanError(
            [
                Problem(
                    name,
                    record + 1,
                    None,
                    f"cannot be read as CSV ({error}).",
                    "Check the quotes in that row: a cell with a line break or "
                    "separator must be in double quotes.",
                )
            ]
        ) from None
    if header is None:
        raise PlanError([Problem(name, None, None, "is empty.", "Add a header row.")])
    return header, rows


def check_header(header: list[str], name: str) -> tuple[list[str], list[Problem]]:
    columns = [normalise_header(cell) for cell in header]
    problems: list[Problem] = []
    for position, column in enumerate(columns):
        if column not in PLAN_FILE_COLUMNS:
            shown = header[position].strip() or f"(blank, column {position + 1})"
            known = list(PLAN_FILE_COLUMNS)
            problems.append(Problem(
                name, 1, shown, "is not a plan column." + did_you_mean(column, known),
                "Rename or delete it; the columns are: " + ", ".join(known) + ".",
            ))  # fmt: skip
    for column in PLAN_COLUMNS:
        if column not in columns:
            problems.append(
                Problem(
                    name,
                    1,
                    column,
                    "is missing.",
                    "Add the column to the header row (it may stay blank).",
                )
            )
    duplicated = sorted({column for column in columns if columns.count(column) > 1})
    for column in duplicated:
        if column in PLAN_FILE_COLUMNS:
            problems.append(
                Problem(name, 1, column, "appears more than once.", "Keep one column of that name.")
            )
    return columns, problems
