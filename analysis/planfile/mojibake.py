"""Text garbled by the wrong encoding: UTF-8 bytes read as Windows-1252 and saved again
("30 October â€“ 2 November", "Ã©"), which is what a BOM-less UTF-8 CSV opened in Excel on
Windows and saved back becomes. Found, with the text it should read, and refused: never
repaired without a word."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.model import Problem

# Windows-1252 leaves five bytes undefined; spreadsheets map them to the C1 control characters.
_UNDEFINED_IN_CP1252 = {0x81, 0x8D, 0x8F, 0x90, 0x9D}
# A lead byte of a UTF-8 sequence (Â..ô as Windows-1252) followed by a continuation byte.
_SUSPECT = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)


def _as_cp1252_bytes(text: str) -> bytes | None:
    out = bytearray()
    for character in text:
        if ord(character) in _UNDEFINED_IN_CP1252:
            out.append(ord(character))
            continue
        try:
            out += character.encode("cp1252")
        except UnicodeEncodeError:
            return None
    return bytes(out)


def repaired(text: str) -> str | None:
    """The text this mojibake was before it was garbled, or None when it is not mojibake."""
    if not _SUSPECT.search(text):
        return None
    raw = _as_cp1252_bytes(text)
    if raw is None:
        return None
    try:
        fixed = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return fixed if fixed != text else None


def _excerpt(text: str, fixed: str) -> tuple[str, str]:
    """The first garbled stretch and its repair, with a few words around it."""
    found = _SUSPECT.search(text)
    start = max((found.start() if found else 0) - 20, 0)
    before = text[start : start + 60]
    repaired_before = repaired(before) or fixed[:60]
    return before.strip(), repaired_before.strip()


def _cell_problem(name: str, number: int, column: str, cell: str) -> Problem | None:
    if cell.isascii():
        return None
    fixed = repaired(cell)
    if fixed is None:
        return None
    seen, meant = _excerpt(cell, fixed)
    return Problem(
        name,
        number,
        column,
        f"reads '{seen}', which should read '{meant}': the file was opened "
        "with the wrong encoding (Windows-1252 instead of UTF-8) and saved again.",
        "Open the original file as UTF-8 (LibreOffice: Character set "
        "'Unicode (UTF-8)'; "
        "Excel: Data > From Text/CSV, File origin '65001: Unicode (UTF-8)') and save "
        "again, or correct the text.",
    )


def mojibake_problems(
    columns: list[str], rows: Iterable[tuple[int, list[str]]], name: str
) -> list[Problem]:
    """One problem per garbled cell, saying what it should read, in the rows' order."""
    problems = []
    for number, cells in rows:
        for column, cell in zip(columns, cells, strict=False):
            problem = _cell_problem(name, number, column, cell)
            if problem is not None:
                problems.append(problem)
    return problems
