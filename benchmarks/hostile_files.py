"""Hostile plan files, built small (highly compressible parts), and what refusing each costs.

Each file is read by analysis.planfile.load.read_plan_cells in a fresh Python process: its peak
resident memory (RSS, the process's high-water mark) and the wall time of the read, against a
bare process that imports the reader and reads the bundled plan.

    python -m benchmarks.hostile_files [--scale 1.0]

--scale multiplies the inflated sizes (1.0: the sizes of the audit, gigabytes where it found
gigabytes); the unit tests build the same files at a fraction of the size.
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELATIONS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES = "application/vnd.openxmlformats-officedocument.spreadsheetml.{}+xml"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships'
    '+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_TYPES.format("sheet.main")}"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_TYPES.format("worksheet")}"/>'
    f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_TYPES.format("sharedStrings")}"/>'
    "</Types>"
).encode()
PACKAGE_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PACKAGE_RELATIONS}">'
    f'<Relationship Id="rId1" Type="{_RELATIONS}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
).encode()
WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_MAIN}" xmlns:r="{_RELATIONS}">'
    '<sheets><sheet name="plan" sheetId="1" r:id="rId1"/></sheets></workbook>'
).encode()
WORKBOOK_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PACKAGE_RELATIONS}">'
    f'<Relationship Id="rId1" Type="{_RELATIONS}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_RELATIONS}/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
).encode()

Parts = dict[str, Iterable[bytes]]


def zip_of(parts: Parts) -> bytes:
    """A zip of the parts, each written a chunk at a time (deflated)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, chunks in parts.items():
            with archive.open(name, "w", force_zip64=True) as part:
                for chunk in chunks:
                    part.write(chunk)
    return buffer.getvalue()


def repeated(unit: bytes, size: int) -> Iterator[bytes]:
    """unit repeated to size bytes (a little more), in chunks of about 1 MB."""
    block = unit * max(1, 1_000_000 // len(unit))
    for _ in range(-(-size // len(block))):
        yield block


def sheet_xml(rows: Iterable[bytes], dimension: str | None = None) -> Iterator[bytes]:
    yield f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}">'.encode()
    if dimension:
        yield f'<dimension ref="{dimension}"/>'.encode()
    yield b"<sheetData>"
    yield from rows
    yield b"</sheetData></worksheet>"


def strings_xml(items: Iterable[bytes]) -> Iterator[bytes]:
    yield f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{_MAIN}">'.encode()
    yield from items
    yield b"</sst>"


def header_row(texts: Iterable[str] = ("activity_id", "title")) -> bytes:
    cells = "".join(
        f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{text}</t></is></c>'
        for i, text in enumerate(texts)
    )
    return f'<row r="1">{cells}</row>'.encode()


def workbook_of(
    sheet: Iterable[bytes], strings: Iterable[bytes] = (), **extra: Iterable[bytes]
) -> bytes:
    """An .xlsx with one sheet named "plan" and a shared-string table; extra: more parts."""
    parts: Parts = {
        "[Content_Types].xml": [CONTENT_TYPES],
        "_rels/.rels": [PACKAGE_RELS],
        "xl/workbook.xml": [WORKBOOK],
        "xl/_rels/workbook.xml.rels": [WORKBOOK_RELS],
        "xl/worksheets/sheet1.xml": sheet,
        "xl/sharedStrings.xml": strings_xml(strings),
    }
    parts.update(extra)
    return zip_of(parts)


# ---------------------------------------------------------------- the audit's files


def zip_named_csv(inflated: int) -> bytes:
    """A zip of one 'mimetype' part that inflates to `inflated` bytes (the audit's .csv)."""
    return zip_of({"mimetype": repeated(b"application/vnd.oasis.opendocument.text ", inflated)})


def many_shared_strings(inflated: int) -> bytes:
    """A shared-string table of short texts (each a string object of its own for openpyxl)."""
    return workbook_of(sheet_xml([header_row()]), repeated(b"<si><t>ab</t></si>", inflated))


def long_shared_string(inflated: int) -> bytes:
    """One shared string of whitespace."""
    return workbook_of(
        sheet_xml([header_row()]),
        [b"<si><t>", *repeated(b" ", inflated), b"</t></si>"],
    )


def blank_rows_without_dimension(last_row: int) -> bytes:
    """A header, then a filled cell on row last_row, and no <dimension>: openpyxl fills every
    row between."""
    far = f'<row r="{last_row}"><c r="A{last_row}" t="inlineStr"><is><t>x</t></is></c></row>'
    return workbook_of(sheet_xml([header_row(), far.encode()]))


def empty_rows(count: int) -> bytes:
    """A header, then count numbered rows without cells (formatted rows, say)."""
    return workbook_of(
        sheet_xml([header_row(), *(b'<row r="%d"/>' % n for n in range(2, count + 2))])
    )


def many_elements(inflated: int) -> bytes:
    """A header, then blank rows without numbers."""
    return workbook_of(sheet_xml([header_row(), *repeated(b"<row/>", inflated)]))


def many_styles(inflated: int) -> bytes:
    """A styles part of empty cell formats."""
    styles = [
        f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{_MAIN}"><cellXfs>'.encode(),
        *repeated(b"<xf/>", inflated),
        b"</cellXfs></styleSheet>",
    ]
    return workbook_of(sheet_xml([header_row()]), **{"xl/styles.xml": styles})


def many_parts(count: int) -> bytes:
    """A zip of count empty parts (a directory entry each)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for number in range(count):
            archive.writestr(str(number), b"")
    return buffer.getvalue()


def whitespace_sheet(inflated: int) -> bytes:
    """A header, then whitespace."""
    return workbook_of(sheet_xml([header_row(), *repeated(b" ", inflated)]))


def many_cells(inflated: int) -> bytes:
    """Rows of four small numbers, without cell references."""
    row = b"<row>" + b"<c><v>1</v></c>" * 4 + b"</row>"
    return workbook_of(sheet_xml([header_row(), *repeated(row, inflated)]))


def at_the_limits(rows: int) -> bytes:
    """The most a workbook may hold: rows of five filled cells, each its own shared string (up
    to the limits on rows, filled cells and shared strings)."""
    columns = 5
    texts = b"".join(b"<si><t>text %d</t></si>" % n for n in range(rows * columns))
    cells = (
        b'<row r="%d">' % row
        + b"".join(
            b'<c r="%s%d" t="s"><v>%d</v></c>' % (bytes([65 + c]), row, (row - 1) * columns + c)
            for c in range(columns)
        )
        + b"</row>"
        for row in range(1, rows + 1)
    )
    return workbook_of(sheet_xml(cells), [texts])


GB = 1_000_000_000
# (name, builder, inflated size at scale 1): the audit's sizes.
HOSTILE: tuple[tuple[str, Callable[[int], bytes], int], ...] = (
    ("zip named .csv, 'mimetype' of 1.5 GB", zip_named_csv, int(1.5 * GB)),
    ("xlsx, 2 GB of short shared strings", many_shared_strings, 2 * GB),
    ("xlsx, one shared string of 60 MB whitespace", long_shared_string, 60_000_000),
    ("xlsx, 1,048,576 rows without dimension", blank_rows_without_dimension, 1_048_576),
    ("xlsx, 1,000,000 empty numbered rows", empty_rows, 1_000_000),
    ("xlsx, sheet of 60 MB whitespace", whitespace_sheet, 60_000_000),
    ("xlsx, sheet of 60 MB blank rows", many_elements, 60_000_000),
    ("xlsx, styles of 1 MB empty formats", many_styles, 900_000),
    ("zip of 150,000 empty parts", many_parts, 150_000),
    ("xlsx, sheet of 60 MB small cells", many_cells, 60_000_000),
    ("xlsx at the limits: 100,000 rows of 5 texts", at_the_limits, 100_000),
)

_READ = """
import json, resource, sys, time
from analysis.planfile.load import read_plan_cells
from analysis.model import PlanError
raw = open(sys.argv[1], "rb").read()
before = resource.getrusage(resource.RUSAGE_SELF)
started = time.perf_counter()
try:
    read_plan_cells(raw, sys.argv[2])
    outcome = "read"
except PlanError as error:
    outcome = str(error.problems[0])
usage = resource.getrusage(resource.RUSAGE_SELF)
cpu = usage.ru_utime + usage.ru_stime - before.ru_utime - before.ru_stime
print(json.dumps({"seconds": time.perf_counter() - started, "outcome": outcome,
                  "cpu_seconds": cpu,
                  "before_mb": before.ru_maxrss / 1024,
                  "peak_mb": usage.ru_maxrss / 1024}))
"""


def measure(raw: bytes, name: str) -> dict[str, object]:
    """Read the file in a fresh process: seconds, peak RSS in MB, the first problem or 'read'."""
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / name
        path.write_bytes(raw)
        done = subprocess.run(
            [sys.executable, "-c", _READ, str(path), name],
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).resolve().parents[1],
        )
    figures: dict[str, object] = json.loads(done.stdout)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    arguments = parser.parse_args(argv)
    bundled = Path(__file__).resolve().parents[1] / "data" / "plan.csv"
    base = measure(bundled.read_bytes(), "plan.csv")
    print(
        f"bundled plan.csv: {base['seconds']:.2f} s, peak {base['peak_mb']:.0f} MB "
        f"({base['before_mb']:.0f} MB before the read)"
    )
    for title, build, size in HOSTILE:
        raw = build(max(1, int(size * arguments.scale)))
        name = "plan.csv" if build is zip_named_csv else "plan.xlsx"
        figures = measure(raw, name)
        print(
            f"{title}: file {len(raw):,} bytes; {figures['seconds']:.2f} s "
            f"({figures['cpu_seconds']:.2f} s CPU), peak {figures['peak_mb']:.0f} MB; "
            f"{figures['outcome']}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
