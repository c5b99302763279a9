"""Bounds on an .xlsx workbook's XML, checked while it streams, before openpyxl builds anything
from it: rows, columns, filled cells, shared strings and the length of a cell. openpyxl's
read-only mode streams the sheet but keeps the whole shared-string table, and fills in every row
missing before a numbered one; it parses with defusedxml (no entity tricks); the counts here
bound the rest. The scan is expat's, with no tree built and no document type allowed.

The scan also finds what openpyxl's value reading cannot tell from a blank cell: a formula with
no value saved for it."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from xml.parsers import expat

from openpyxl.utils.cell import get_column_letter  # type: ignore[import-untyped]

from analysis.model import PlanError, Problem
from analysis.planfile.zip_limits import WORKBOOK_LIMITS, stream_part

# Excel's own limit on the text of one cell.
MAX_CELL_CHARS = 32_767
# Far above any plan's (the 2006 plan: 55 rows, 12 columns), low enough that reading a workbook
# at every limit stays within the time and memory one upload may cost (benchmarks/hostile_files).
# The CSV reader holds a file to the same rows and columns.
MAX_ROWS = 100_000
MAX_COLUMNS = 100
MAX_FILLED_CELLS = 500_000
MAX_SHARED_STRINGS = MAX_FILLED_CELLS
# XML elements in a sheet or a shared-string table, blank rows and cells and formatting runs
# included: openpyxl keeps every element of a part it parses until the part ends (emptied, but
# each still an object).
MAX_ELEMENTS = 3_000_000
# A spreadsheet's last column (XFD): a cell past it, filled or not, is no spreadsheet's.
EXCEL_COLUMNS = 16_384
# Every part but the sheets and the shared strings (styles, relations, properties) is small in
# any workbook a spreadsheet writes; openpyxl builds whole object trees from these.
SMALL_PART_BYTES = 1_000_000

_CONTENT_TYPES = "[Content_Types].xml"
_SPREADSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.{}+xml"
_WORKSHEET = _SPREADSHEET.format("worksheet")
_SHARED_STRINGS = _SPREADSHEET.format("sharedStrings")
_CELL_REFERENCE = re.compile(r"([A-Z]{1,3})(\d+)$")
_SAVE_AGAIN = "Open it in Excel or LibreOffice and save it again as .xlsx or 'CSV UTF-8'."
_SPLIT = "Save the plan again from your spreadsheet; if it is really this large, split it."


@dataclass
class SheetScan:
    """What the scan of one worksheet found: the last row and column holding a value, and the
    formulas with no value saved, as (row, column, formula)."""

    last_row: int = 0
    last_column: int = 0
    unsaved_formulas: list[tuple[int, int, str]] = field(default_factory=list)


def _refused(name: str, what: str, fix: str, row: int | None = None) -> PlanError:
    return PlanError([Problem(name, row, None, what, fix)])


def _local(tag: str) -> str:
    # Without namespace processing a tag reads as written: "row", or "x:row" with a prefix.
    return tag.rpartition(":")[2]


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _column_name(column: int) -> str:
    if column > EXCEL_COLUMNS:
        return f"{column:,} (past a spreadsheet's last column, XFD)"
    return f"{get_column_letter(column)} (column {column:,})"


class _PartScan:
    """Feeds one part through expat a chunk at a time; subclasses count what they meet."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.parser = expat.ParserCreate()
        self.parser.buffer_text = True
        self.parser.buffer_size = 1 << 16
        self.parser.StartDoctypeDeclHandler = self._doctype
        self.parser.StartElementHandler = self._counted_start
        self.elements = 0
        self.part = ""
        self.parser.EndElementHandler = self.end
        self.parser.CharacterDataHandler = self.text

    def _doctype(self, *_: object) -> None:
        raise _refused(
            self.name,
            "is an Excel workbook with a document type declaration in its XML, which no "
            "spreadsheet writes; it is not read.",
            _SAVE_AGAIN,
        )

    def _counted_start(self, tag: str, attributes: dict[str, str]) -> None:
        self.elements += 1
        if self.elements > MAX_ELEMENTS:
            raise _refused(
                self.name,
                f"holds more than {MAX_ELEMENTS:,} XML elements in its part '{self.part}'; a "
                f"plan workbook's parts are read up to {MAX_ELEMENTS:,}.",
                _SPLIT,
            )
        self.start(tag, attributes)

    def run(self, archive: zipfile.ZipFile, part: str) -> None:
        self.part = part
        try:
            for chunk in stream_part(archive, part, self.name, WORKBOOK_LIMITS):
                self.parser.Parse(chunk, False)
            self.parser.Parse(b"", True)
        except expat.ExpatError as error:
            raise _refused(
                self.name,
                f"is an Excel workbook that cannot be read: its part '{part}' is not "
                f"well-formed XML ({expat.errors.messages[error.code]}, line {error.lineno}, "
                f"character {error.offset + 1}).",
                _SAVE_AGAIN,
            ) from None

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        raise NotImplementedError

    def end(self, tag: str) -> None:
        raise NotImplementedError

    def text(self, data: str) -> None:
        raise NotImplementedError


class _StringsScan(_PartScan):
    """Counts the shared strings and their lengths; PlanError past either limit."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.count = self.length = 0
        self.in_text = False

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        tag = _local(tag)
        if tag == "si":
            self.length = 0
        self.in_text = tag == "t"

    def end(self, tag: str) -> None:
        self.in_text = False
        if _local(tag) == "si":
            self.count += 1
            if self.count > MAX_SHARED_STRINGS:
                raise _refused(
                    self.name,
                    f"holds more than {MAX_SHARED_STRINGS:,} texts in its shared-string table; "
                    f"a plan workbook is read up to {MAX_SHARED_STRINGS:,}.",
                    _SPLIT,
                )

    def text(self, data: str) -> None:
        if self.in_text:
            self.length += len(data)
            if self.length > MAX_CELL_CHARS:
                raise _refused(
                    self.name,
                    f"holds a text of more than {MAX_CELL_CHARS:,} characters, the most a "
                    "cell holds (Excel's own limit).",
                    "Shorten the cell, or save the plan again from your spreadsheet.",
                )


class _SheetScan(_PartScan):
    """A sheet's filled cells, row by row; PlanError past a limit."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.scan = SheetScan()
        self.filled = self.row = self.column = 0
        self.formula: str | None = None
        self.value = ""
        self.capturing = ""
        self.captured: list[str] = []
        self.captured_length = 0

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        tag = _local(tag)
        if tag == "row":
            self.row = self._row_number(attributes.get("r"))
            self.column = 0
        elif tag == "c":
            found = _CELL_REFERENCE.match(attributes.get("r", ""))
            if found:
                self.row, self.column = int(found[2]), _column_number(found[1])
            else:
                self.column += 1
            if self.column > EXCEL_COLUMNS:
                self._refuse_column()
            self.formula, self.value, self.captured_length = None, "", 0
        elif tag in ("v", "f", "t"):
            self.capturing, self.captured = tag, []

    def text(self, data: str) -> None:
        if self.capturing:
            self.captured_length += len(data)
            if self.captured_length > MAX_CELL_CHARS:
                raise _refused(
                    self.name,
                    f"has a cell in column {_column_name(self.column)} of more than "
                    f"{MAX_CELL_CHARS:,} characters, the most a cell holds (Excel's own limit).",
                    "Shorten the cell.",
                    self.row,
                )
            self.captured.append(data)

    def end(self, tag: str) -> None:
        tag = _local(tag)
        if tag == self.capturing:
            if tag == "f":
                self.formula = "".join(self.captured)
            else:
                self.value += "".join(self.captured)
            self.capturing = ""
        elif tag == "c" and (self.formula is not None or self.value):
            self._filled()

    def _filled(self) -> None:
        if self.row > MAX_ROWS:
            raise _refused(
                self.name,
                f"has a filled cell on row {self.row:,}; a plan workbook is read up to row "
                f"{MAX_ROWS:,}.",
                "Delete what lies below the plan, or split the plan.",
            )
        if self.column > MAX_COLUMNS:
            self._refuse_column()
        self.filled += 1
        if self.filled > MAX_FILLED_CELLS:
            raise _refused(
                self.name,
                f"fills more than {MAX_FILLED_CELLS:,} cells; a plan workbook is read up to "
                f"{MAX_FILLED_CELLS:,}.",
                _SPLIT,
            )
        scan = self.scan
        scan.last_row = max(scan.last_row, self.row)
        scan.last_column = max(scan.last_column, self.column)
        if self.formula is not None and not self.value:
            scan.unsaved_formulas.append((self.row, self.column, "=" + self.formula))

    def _refuse_column(self) -> None:
        raise _refused(
            self.name,
            f"has a cell in column {_column_name(self.column)}; a plan workbook is read up to "
            f"column {get_column_letter(MAX_COLUMNS)} (column {MAX_COLUMNS}).",
            "Delete what lies right of the plan's columns.",
            self.row,
        )

    def _row_number(self, reference: str | None) -> int:
        if not reference:
            return self.row + 1
        if not reference.isdigit():
            raise _refused(
                self.name,
                f"is an Excel workbook that cannot be read: a row is numbered '{reference[:20]}'.",
                _SAVE_AGAIN,
            )
        return int(reference)


def scan_sheet(archive: zipfile.ZipFile, part: str, name: str) -> SheetScan:
    """The sheet's filled extent and unsaved formulas; PlanError when a filled cell lies past
    MAX_ROWS or MAX_COLUMNS (any cell past a spreadsheet's last column), when it fills more
    than MAX_FILLED_CELLS cells, or when a cell's text is longer than MAX_CELL_CHARS."""
    scanner = _SheetScan(name)
    scanner.run(archive, part)
    return scanner.scan


class _TypesScan(_PartScan):
    """The parts [Content_Types].xml names as worksheets and as shared-string tables."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.sheets: list[str] = []
        self.strings: list[str] = []

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        part = attributes.get("PartName", "").lstrip("/")
        if attributes.get("ContentType") == _WORKSHEET:
            self.sheets.append(part)
        elif attributes.get("ContentType") == _SHARED_STRINGS:
            self.strings.append(part)

    def end(self, tag: str) -> None:
        pass

    def text(self, data: str) -> None:
        pass


def _check_small(info: zipfile.ZipInfo, name: str) -> None:
    if info.file_size > SMALL_PART_BYTES:
        raise _refused(
            name,
            f"holds a part, '{info.filename}', of {info.file_size:,} bytes once inflated; parts "
            f"other than the sheets and their texts are read up to {SMALL_PART_BYTES:,} bytes.",
            _SAVE_AGAIN,
        )


def scan_workbook(archive: zipfile.ZipFile, name: str) -> dict[str, SheetScan]:
    """Every worksheet's scan, by part name, once the parts openpyxl reads whole when it opens a
    workbook are within bounds (a part other than a sheet or the shared strings is small; the
    shared strings within their limits); PlanError naming the limit, the part and the file
    otherwise."""
    present = set(archive.namelist())
    types = _TypesScan(name)
    if _CONTENT_TYPES in present:  # else openpyxl says what is missing
        _check_small(archive.getinfo(_CONTENT_TYPES), name)
        types.run(archive, _CONTENT_TYPES)
    bulk = {*types.sheets, *types.strings}
    for info in archive.infolist():
        if info.filename not in bulk:
            _check_small(info, name)
    for part in types.strings:
        if part in present:
            _StringsScan(name).run(archive, part)
    return {part: scan_sheet(archive, part, name) for part in types.sheets if part in present}
