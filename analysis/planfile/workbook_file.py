"""Reading a plan from an Excel workbook (.xlsx): the sheet named "plan" when there is one (the
dashboard's own Excel download), otherwise the first sheet; the values the cells show, never
their formulas."""

from __future__ import annotations

import hashlib
import io
import zipfile
import zlib
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

from openpyxl import load_workbook  # type: ignore[import-untyped]

from analysis.model import PlanError, Problem
from analysis.planfile.workbook_limits import SheetScan, scan_sheet, scan_workbook
from analysis.planfile.zip_limits import WORKBOOK_LIMITS, open_archive

Rows = list[tuple[int, list[str]]]


def cell_text(value: object) -> str:
    """A cell's value as the plan reader reads it: text, ISO dates, whole numbers."""
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


def _cannot_read(name: str, error: BaseException) -> PlanError:
    return PlanError(
        [
            Problem(
                name,
                None,
                None,
                f"is an Excel workbook that cannot be read ({' '.join(str(error).split())}).",
                "Open it in Excel or LibreOffice and save it again as .xlsx or 'CSV UTF-8'.",
            )
        ]
    )


# What openpyxl raises on a damaged or malformed workbook: the zip (a part encrypted, or
# compressed by a method zipfile lacks), its XML, or what the XML says (a missing part, an
# attribute of the wrong kind).
_DAMAGED = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    KeyError,
    IndexError,
    ValueError,
    TypeError,
    AttributeError,
    SyntaxError,
    OSError,
    NotImplementedError,
    RuntimeError,
)


@contextmanager
def _opened(raw: bytes, name: str) -> Iterator[tuple[zipfile.ZipFile, dict[str, SheetScan], Any]]:
    """The workbook's part scans (within analysis.planfile.workbook_limits, before openpyxl reads
    a byte) and openpyxl's read-only workbook; a damaged file becomes the people's message."""
    try:
        with open_archive(raw, name, WORKBOOK_LIMITS) as archive:
            scans = scan_workbook(archive, name)
            workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
            try:
                yield archive, scans, workbook
            finally:
                workbook.close()
    except _DAMAGED as error:
        if isinstance(error, PlanError):
            raise
        raise _cannot_read(name, error) from None


def read_workbook(raw: bytes, name: str) -> tuple[list[str], Rows]:
    """Header and (spreadsheet row number, cells) of the plan sheet; blank rows skipped. Every
    part is scanned within the limits of analysis.planfile.workbook_limits before openpyxl reads
    it; the rows are read to the last filled one, whatever the sheet's <dimension> says."""
    with _opened(raw, name) as (archive, scans, workbook):
        sheet_name = "plan" if "plan" in workbook.sheetnames else workbook.sheetnames[0]
        sheet = workbook[sheet_name]
        # The part openpyxl reads the sheet from (it has no public name).
        part = sheet._worksheet_path
        scan = scans.get(part) or scan_sheet(archive, part, name)
        return _plan_rows(sheet, sheet_name, scan, name)


def _plan_rows(sheet: Any, sheet_name: str, scan: SheetScan, name: str) -> tuple[list[str], Rows]:
    header: list[str] | None = None
    header_row = 0
    rows: Rows = []
    if scan.last_row:
        # Up to the last filled cell: a <dimension> that declares fewer rows does not cut it.
        for number, cells in enumerate(
            sheet.iter_rows(max_row=scan.last_row, max_col=scan.last_column, values_only=True),
            start=1,
        ):
            texts = [cell_text(value) for value in cells]
            while texts and not texts[-1].strip():
                texts.pop()
            if not texts:
                continue
            if header is None:
                header, header_row = texts, number
            else:
                rows.append((number, texts))
    problems = [
        Problem(
            name,
            row,
            header[column - 1] if header and header_row < row and column <= len(header) else None,
            f"holds the formula {formula} with no value saved for it.",
            "Open the workbook in Excel or LibreOffice and save it again "
            "(that stores the values), or type the value in.",
        )
        for row, column, formula in scan.unsaved_formulas
    ]
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


# The dashboard's Excel download: the sheet read ("plan") and the sheets written from it
# (analysis.export), each with the digest of its text when written, kept as a custom document
# property so that a derived sheet edited since can be told from one left as written.
PLAN_SHEET = "plan"
DERIVED_DIGESTS = "wsis-derived-sheet-digests"


def sheet_digest(rows: Iterable[Sequence[str]]) -> str:
    """The digest of a sheet's text, rows and cells as read (blank rows and trailing blank
    cells left out, as the reader leaves them out)."""
    digest = hashlib.sha256()
    for row in rows:
        cells = list(row)
        while cells and not cells[-1].strip():
            cells.pop()
        if cells:
            digest.update(("\x1f".join(cells) + "\x1e").encode("utf-8"))
    return digest.hexdigest()


def read_derived_sheets(
    raw: bytes, name: str, derived: Collection[str]
) -> tuple[dict[str, Rows], dict[str, str]]:
    """The derived sheets of a workbook that has a plan sheet: (spreadsheet row number, cells)
    for each present, header first, and the digests stored when it was written ({} for a
    workbook the dashboard did not write). Called after read_workbook accepted the file."""
    with _opened(raw, name) as (_, scans, workbook):
        if PLAN_SHEET not in workbook.sheetnames:
            return {}, {}
        sheets: dict[str, Rows] = {}
        for sheet_name in (s for s in workbook.sheetnames if s in derived):
            sheet = workbook[sheet_name]
            scan = scans.get(sheet._worksheet_path) or SheetScan()
            sheets[sheet_name] = [
                (number, texts)
                for number, cells in enumerate(
                    sheet.iter_rows(
                        max_row=scan.last_row, max_col=scan.last_column, values_only=True
                    ),
                    start=1,
                )
                if scan.last_row and any(texts := [cell_text(value) for value in cells])
            ]
        stored = {prop.name: str(prop.value) for prop in workbook.custom_doc_props}.get(
            DERIVED_DIGESTS, ""
        )
    digests = dict(line.split("=", 1) for line in stored.split(";") if "=" in line)
    return sheets, digests
