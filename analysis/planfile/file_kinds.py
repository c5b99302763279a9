"""What a file that is not a plan CSV is, told from its first bytes, so that the person who
chose it reads one sentence saying what it is and how to save the plan instead."""

from __future__ import annotations

import io
import zipfile

from analysis.model import Problem
from analysis.planfile.zip_limits import WORKBOOK_LIMITS, declared_parts, read_part_head

_SAVE = "Save the plan from your spreadsheet as 'CSV UTF-8' or as an Excel workbook (.xlsx)."
# (leading bytes, what the file is)
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an Excel 97-2003 workbook (.xls) or an old Office file"),
    (b"%PDF", "a PDF document"),
    (b"{\\rtf", "a Rich Text (RTF) document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
)


def _too_many_parts(raw: bytes) -> bool:
    return (declared_parts(raw) or 0) > WORKBOOK_LIMITS.members


def _zip_names(raw: bytes) -> list[str]:
    if _too_many_parts(raw):
        return []
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return []


def is_workbook(raw: bytes) -> bool:
    """An Office Open XML workbook (.xlsx): a zip holding xl/workbook.xml; or a zip of more
    parts than a workbook may hold, for the workbook reader to refuse naming the limit."""
    if not raw.startswith(b"PK\x03\x04"):
        return False
    return _too_many_parts(raw) or "xl/workbook.xml" in _zip_names(raw)


def _zip_kind(raw: bytes) -> str:
    names = _zip_names(raw)
    if "mimetype" in names:
        # Only its head: a 'mimetype' part may inflate to gigabytes.
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            head = read_part_head(archive, "mimetype", 200)
        if head is None:
            return "a zip archive whose parts cannot be read (encrypted or damaged)"
        mimetype = head.decode("ascii", "replace")
        if "spreadsheet" in mimetype:
            return "an OpenDocument spreadsheet (.ods)"
        return "an OpenDocument file (not a spreadsheet)"
    if "word/document.xml" in names:
        return "a Word document (.docx)"
    if "ppt/presentation.xml" in names:
        return "a PowerPoint deck (.pptx)"
    return (
        "a zip archive" if names else "a damaged zip archive or Office file (it may be cut short)"
    )


def foreign_file_problem(raw: bytes, name: str) -> Problem | None:
    """A Problem saying what the file is, when it is plainly not CSV text (nor a workbook)."""
    kind = None
    if raw.startswith(b"PK\x03\x04"):
        kind = _zip_kind(raw)
    else:
        kind = next((what for magic, what in _SIGNATURES if raw.startswith(magic)), None)
    head = raw[:200].lstrip().lower()
    if kind is None and head.startswith((b"<!doctype html", b"<html")):
        kind = "a web page (HTML)"
    if kind is None and head.startswith(b"<?xml"):
        kind = "an XML file (perhaps Excel's 'XML Spreadsheet 2003')"
    if kind is None:
        return None
    return Problem(name, None, None, f"is {kind}, not a plan in CSV or .xlsx.", _SAVE)
