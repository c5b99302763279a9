"""The one definition of the CSV the project writes (the bundled data/plan.csv, downloads, the
CLI export, the what-if plan, the CSVs of the zip) and of the guard against spreadsheet formulas
that the plan reader undoes.

What spreadsheets read without a question: UTF-8 with a byte-order mark (Excel then opens it as
UTF-8, not Windows-1252), comma separators, CRLF at the end of each row (RFC 4180, as Excel
writes; line breaks inside a cell stay as they are), and a cell in double quotes whenever it
holds the separator, a double quote, a line feed or a carriage return (a bare CR left unquoted
would end the row in Excel and in the dashboard's own reader)."""

from __future__ import annotations

import codecs
import math
import re
from datetime import date, datetime

import pandas as pd

# Text a spreadsheet would run as a formula, or use to hide a formula behind a control character.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Where a spreadsheet may start a cell: the cell's start, or after any separator it may be set
# to split on (a CSV opened with semicolons splits "Budget;=cmd|..." into "Budget" and a
# formula, quoted or not) or a line break; double quotes there may be taken as the quoting of
# the cell that starts.
_CELL_START = r"(?:^|(?<=[,;\t\r\n]))(\"*)"
_FORMULA = r"[=+\-@\t\r]"
# neutralise() adds one apostrophe at each cell start followed by apostrophes and a formula
# start; restore_neutralised() takes one away from each.
_TO_NEUTRALISE = re.compile(_CELL_START + f"(?='*{_FORMULA})")
_NEUTRALISED = re.compile(_CELL_START + f"'(?='*{_FORMULA})")
_LOOKS_NEUTRALISED = re.compile(_CELL_START + f"(?='+{_FORMULA})")
_NEEDS_QUOTES = re.compile(r'[,"\r\n]')


def neutralise(value: object) -> object:
    """Text with a formula start at the beginning or after a separator gets an apostrophe
    there ("Budget;=cmd" → "Budget;'=cmd", "=1+1" → "'=1+1"), and so does text that already
    looks neutralised ("'=x"), so that restore_neutralised gives back every value."""
    if isinstance(value, str):
        return _TO_NEUTRALISE.sub(r"\1'", value)
    return value


def restore_neutralised(cell: str) -> str:
    """The value neutralise() was given: "'-- see below" → "-- see below"; other text as is."""
    return _NEUTRALISED.sub(r"\1", cell) if "'" in cell else cell


def cell_text(value: object) -> str:
    """A value as CSV cell text: blank for missing values, ISO dates, numbers as Python writes
    them."""
    if value is None or value is pd.NaT:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    if isinstance(value, datetime):
        is_day = value.hour == value.minute == value.second == value.microsecond == 0
        return value.date().isoformat() if is_day else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"' if _NEEDS_QUOTES.search(text) else text


def _may_start_a_formula(text: str) -> bool:
    """False only where _TO_NEUTRALISE cannot match: it matches at the text's start or after a
    separator, so text that starts with none of its characters and holds no separator is safe
    (the pattern itself costs more than the plain words of most cells)."""
    return (
        (text[:1] != "" and text[0] in "\"'=+-@\t\r")
        or "," in text
        or ";" in text
        or "\t" in text
        or "\r" in text
        or "\n" in text
    )


def _written(text: str, for_people: bool) -> str:
    """One cell's text as csv_text writes it: guarded, then quoted if it must be."""
    if for_people:
        if _may_start_a_formula(text):
            text = _TO_NEUTRALISE.sub(r"\1'", text)
    elif "'" in text:  # data, not for people: only text the reader would take as neutralised
        text = _LOOKS_NEUTRALISED.sub(r"\1'", text)
    if "," in text or '"' in text or "\r" in text or "\n" in text:  # _NEEDS_QUOTES
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_text(frame: pd.DataFrame, *, for_people: bool = True) -> str:
    """The frame as CSV text, header first, one line per row. for_people: formula-like text
    neutralised (every export; the plan reader undoes it). Without a byte-order mark: csv_bytes
    adds it."""
    lines = [",".join(_quoted(str(column)) for column in frame.columns)]
    # The rows as itertuples gives them, from each column's list: itertuples takes a plan's
    # Arrow string columns a cell at a time.
    columns = [values.tolist() for _, values in frame.items()]
    for record in zip(*columns, strict=True):
        lines.append(
            ",".join(
                _written(value if type(value) is str else cell_text(value), for_people)
                for value in record
            )
        )
    return "\r\n".join(lines) + "\r\n"


def csv_bytes(frame: pd.DataFrame, *, for_people: bool = True) -> bytes:
    """csv_text as UTF-8 with a byte-order mark: the bytes of every CSV the project writes."""
    return codecs.BOM_UTF8 + csv_text(frame, for_people=for_people).encode("utf-8")
