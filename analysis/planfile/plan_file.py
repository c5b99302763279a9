"""Reading a plan file: bytes → decoded text → header and rows, the way spreadsheets write them
(CSV in UTF-8 with or without BOM, Windows-1252 or UTF-16; comma, semicolon or tab; CR, LF or
CRLF; or an .xlsx workbook). Pure (the bytes come from analysis.planfile.load); nothing here knows
what the cells mean. A damaged file is refused, never shortened: a cut-off last row, an unclosed
quote, a row with too few or too many cells, text garbled by the wrong encoding."""

from __future__ import annotations

import codecs
import csv

from analysis.model import PLAN_COLUMNS, PLAN_FILE_COLUMNS, PlanError, Problem
from analysis.planfile.cell_table import CellTable, Rows
from analysis.planfile.cells import did_you_mean
from analysis.planfile.csv_format import restore_neutralised
from analysis.planfile.file_kinds import foreign_file_problem, is_workbook
from analysis.planfile.plan_text import PlanText, check_decodes, text_lines
from analysis.planfile.workbook_file import read_workbook
from analysis.planfile.workbook_limits import MAX_COLUMNS, MAX_ROWS

# 10 MB as the uploader counts them: Streamlit's server.maxUploadSize = 10 refuses a file over
# 10,000,000 bytes in the browser (over 10 x 1024 x 1024 only on Windows; the app then refuses
# it with the same words). .streamlit/config.toml and deploy/serve.py give the same 10.
MAX_PLAN_BYTES = 10_000_000
SEPARATORS = {",": "comma", ";": "semicolon", "\t": "tab"}
# A cell may be as large as the file: the csv module's default limit (128 KB) would refuse a long
# comment with a message about quotes. The limit is process-wide; raising it harms no other reader.
csv.field_size_limit(max(csv.field_size_limit(), MAX_PLAN_BYTES + 1))

CLOSE_QUOTE = 'Close the quote at the end of the cell; a quote inside a cell is written twice ("").'
SAVE_AS_CSV = "Save it from your spreadsheet as 'CSV UTF-8' (or as an Excel workbook, .xlsx)."


def too_large(name: str, size: int) -> Problem:
    return Problem(
        name,
        None,
        None,
        f"is {size:,} bytes; plans are limited to {MAX_PLAN_BYTES:,} bytes "
        f"({MAX_PLAN_BYTES // 1_000_000} MB).",
        "Remove unused columns or rows, or split the plan.",
    )


def read_table(raw: bytes, name: str) -> tuple[list[str], CellTable]:
    """The header and cells of a plan file, CSV or .xlsx; PlanError when it cannot be read.
    Cells the project's own exports neutralised ("'=x") read back as they were ("=x")."""
    if is_workbook(raw):
        header, rows = read_workbook(raw, name)
        table = CellTable(len(header))
        for number, cells in rows:
            table.add(number, [restore_neutralised(cell) for cell in cells])
        return header, table.done()
    foreign = foreign_file_problem(raw, name)
    if foreign is not None:
        raise PlanError([foreign])
    return read_rows(decode(raw, name), name)


# ---------------------------------------------------------------- bytes → text


def _line_of(raw: bytes, position: int) -> int:
    return raw.count(b"\n", 0, position) + 1


def _looks_like_utf16(raw: bytes) -> str | None:
    """UTF-16 without a byte-order mark: ASCII text has a zero in every other byte."""
    sample = raw[:2000]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


def decode(raw: bytes, name: str) -> PlanText:
    """The text of a CSV: UTF-8 (with or without BOM), UTF-16 (with BOM, as Excel's "Unicode
    text"; or without) or Windows-1252."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _looks_like_utf16(raw):
        encoding = _looks_like_utf16(raw) or "utf-16"
        try:
            return PlanText(text=raw.decode(encoding).removeprefix("\ufeff"))
        except UnicodeDecodeError as error:
            raise PlanError(
                [
                    Problem(
                        name,
                        None,
                        None,
                        f"looks like UTF-16 text but byte {error.start + 1} cannot be read"
                        + (
                            " (the file ends in the middle of a character: it may be cut short)."
                            if error.start >= len(raw) - 2
                            else "."
                        ),
                        SAVE_AS_CSV,
                    )
                ]
            ) from None
    if b"\x00" in raw:
        raise PlanError([_nul_problem(raw, name)])
    try:
        check_decodes(raw, "utf-8-sig")
        return PlanText(raw, "utf-8-sig")
    except UnicodeDecodeError as error:
        if error.reason == "unexpected end of data":
            raise PlanError(
                [
                    Problem(
                        name,
                        _line_of(raw, error.start),
                        None,
                        "ends in the middle of a character: the file is cut short "
                        "(or still being written).",
                        "Save the file again, completely, from your spreadsheet.",
                    )
                ]
            ) from None
    try:
        check_decodes(raw, "cp1252")
        return PlanText(raw, "cp1252")
    except UnicodeDecodeError as error:
        raise PlanError(
            [
                Problem(
                    name,
                    _line_of(raw, error.start),
                    None,
                    f"is neither UTF-8 nor Windows-1252 text (byte {error.start + 1}, on line "
                    f"{_line_of(raw, error.start)}, cannot be read).",
                    "Save it from your spreadsheet as 'CSV UTF-8'.",
                )
            ]
        ) from None


def _nul_problem(raw: bytes, name: str) -> Problem:
    """Where the first NUL byte is: its spreadsheet row and column when the rest of the file
    reads as CSV, else its line."""
    position = raw.index(b"\x00")
    line = _line_of(raw, position)
    before = raw[raw.rfind(b"\n", 0, position) + 1 : position][-30:].replace(b"\x00", b"")
    row, column = line, None
    try:
        text = raw.replace(b"\x00", b"\x1a").decode("utf-8-sig", errors="replace")
        delimiter = pick_delimiter(PlanText(text=text))
        reader = csv.reader(text_lines(text), delimiter=delimiter)
        header = [normalise_header(cell) for cell in next(reader, [])]
        for record, cells in enumerate(reader, start=2):
            found = next((i for i, cell in enumerate(cells) if "\x1a" in cell), None)
            if found is not None:
                row, column = record, header[found] if found < len(header) else None
                break
    except csv.Error:
        pass
    return Problem(
        name, row, column,
        f"holds a NUL byte (a zero byte) on line {line}, after "
        f"'{before.decode('utf-8', 'replace')}': it is not plain text.",
        "Remove the character, or save the plan again from your spreadsheet as 'CSV UTF-8'.",
    )  # fmt: skip


# ---------------------------------------------------------------- text → rows


# A UTF-8 byte-order mark read as Windows-1252: the header of a garbled save. Taken off so that
# the garbled cells below are reported as such, not as a header with an unknown first column.
_GARBLED_BOM = "\u00ef\u00bb\u00bf"


def normalise_header(name: str) -> str:
    name = name.strip().strip("\ufeff").strip().removeprefix(_GARBLED_BOM)
    return name.strip().lower().replace(" ", "_")


def pick_delimiter(text: PlanText) -> str:
    """The separator under which the first row names most plan columns (quoted or not)."""
    known = set(PLAN_FILE_COLUMNS)
    best, best_count = ",", 0
    for separator in SEPARATORS:
        try:
            first = next(csv.reader(text.lines(), delimiter=separator), [])
        except csv.Error:
            continue
        count = sum(normalise_header(cell) in known for cell in first)
        if count > best_count:
            best, best_count = separator, count
    return best


def _empty(name: str) -> PlanError:
    return PlanError(
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


def read_rows(text: PlanText, name: str) -> tuple[list[str], CellTable]:
    """Header and cells (neutralised ones restored) of CSV text; blank rows skipped.
    Strict: a quote left open, text after a closing quote, or a last row without its line end
    (a file cut short or still being written) is refused."""
    if text.is_blank():
        raise _empty(name)
    delimiter = pick_delimiter(text)
    reader = csv.reader(text.lines(), delimiter=delimiter, strict=True)
    table = CellTable(0)
    header: list[str] | None = None
    record = 0
    lines_read = 0
    # A row makes as few objects as it can (no generator, no copy of its cells; the table's
    # size looked at only where it could be full): a CSV near the row limit has a hundred
    # thousand rows, and the memory tests trace every object made.
    try:
        for cells in reader:
            record += 1
            if cells and (cells[0].strip() or any(map(str.strip, cells))):
                # The table holds fewer rows than the records read.
                if len(cells) > MAX_COLUMNS or (record > MAX_ROWS and len(table) >= MAX_ROWS):
                    raise _too_big(name, record, len(cells))
                if header is None:
                    header = cells
                    table = CellTable(len(header))
                else:
                    # The reader's list is this row's own: neutralised cells restored in it.
                    for position, cell in enumerate(cells):
                        if "'" in cell:
                            cells[position] = restore_neutralised(cell)
                    table.add(record, cells)
            lines_read = reader.line_num
    except csv.Error as error:
        start_line = lines_read + 1
        raise PlanError(
            [
                _quote_problem(
                    text.whole(), name, delimiter, record + 1, start_line, reader.line_num, error
                )
            ]
        ) from None
    if header is None:
        raise _empty(name)
    if not text.ends_with_line_end() and record > 0:
        last = table.last_number or 1
        raise PlanError(
            [
                Problem(
                    name,
                    last,
                    None,
                    "ends in the middle of this row (no line end after it): the file may "
                    "be cut short or still being written, and a shortened plan is not read.",
                    "Save the whole file again from your spreadsheet; if it is complete, "
                    "end the last row with a line break.",
                )
            ]
        )
    return header, table.done()


def _too_big(name: str, record: int, width: int) -> PlanError:
    """A CSV row past the limits a workbook is held to: each row is kept until the file is
    checked, and each row of the wrong width is a problem of its own."""
    if width > MAX_COLUMNS:
        what = f"has {width:,} cells; a plan is read up to {MAX_COLUMNS} columns."
    else:
        what = f"is past the {MAX_ROWS:,} rows a plan is read up to."
    return PlanError(
        [Problem(name, record, None, what, "Save the plan again; if it is this large, split it.")]
    )


def _quote_problem(
    text: str, name: str, delimiter: str, row: int, start_line: int, line: int, error: csv.Error
) -> Problem:
    """Where a CSV error starts: the cell whose double quote opened it, found by reading the
    row again leniently from its first line."""
    lines = text.splitlines(keepends=True)
    rest = "".join(lines[start_line - 1 :])
    cells = next(csv.reader(text_lines(rest), delimiter=delimiter), [])
    header = next(csv.reader(text_lines(text), delimiter=delimiter), [])
    spans = next((i for i, cell in enumerate(cells) if "\n" in cell or "\r" in cell), None)
    position = spans if spans is not None else max(len(cells) - 1, 0)
    column = normalise_header(header[position]) if position < len(header) else None
    if "unexpected end of data" in str(error):
        what = (
            "opens a double quote that is never closed, so the rest of the file would be one cell"
        )
        return Problem(
            name,
            row,
            column,
            f"{what} (the file may also be cut short).",
            CLOSE_QUOTE,
        )
    if line > start_line:
        return Problem(
            name,
            row,
            column,
            f"opens a double quote that runs on to line {line}, swallowing the rows between "
            f"(CSV error: {error}).",
            CLOSE_QUOTE,
        )
    return Problem(
        name,
        row,
        column,
        f"has text after a closing double quote (CSV error: {error}).",
        'Put the whole cell in double quotes and write a quote inside it twice ("").',
    )


# ---------------------------------------------------------------- header and row shape


def check_header(header: list[str], name: str) -> tuple[list[str], list[Problem]]:
    columns = [normalise_header(cell) for cell in header]
    problems: list[Problem] = []
    known = list(PLAN_FILE_COLUMNS)
    for position, column in enumerate(columns):
        if column not in PLAN_FILE_COLUMNS:
            shown = header[position].strip() or f"(blank, column {position + 1})"
            problems.append(
                Problem(
                    name,
                    1,
                    shown,
                    "is not a plan column." + did_you_mean(column, known),
                    "Rename or delete it; the columns are: " + ", ".join(known) + ".",
                )
            )
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


def row_shape_problems(columns: list[str], rows: Rows, name: str) -> list[Problem]:
    """Rows with fewer or more cells than the header: never padded or cut to fit."""
    problems = []
    for number, cells in rows:
        if len(cells) < len(columns):
            problems.append(
                Problem(
                    name,
                    number,
                    None,
                    f"has {len(cells)} cells but the header has {len(columns)} columns: "
                    "the row may be cut short, or a separator is missing.",
                    "Give the row one cell per column (blank cells too).",
                )
            )
        elif len(cells) > len(columns):
            problems.append(
                Problem(
                    name,
                    number,
                    None,
                    f"has {len(cells)} cells but the header has {len(columns)} columns.",
                    "A cell holding the separator must be in double quotes.",
                )
            )
    return problems
