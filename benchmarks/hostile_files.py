"""Hostile plan files, built small (highly compressible parts), and what refusing each costs.

Each file is read in a fresh Python process, a plan file by analysis.planfile.load.read_plan_cells
and a PDF note by analysis.note.pdf_bound.read_pdf_bounded (in a child of that process, held to
the PDF limits): the peak resident memory (RSS, the high-water mark) of the process, and of the
PDF's child, and the wall and CPU time of the read, against a bare process that imports the
reader and reads the bundled plan.

    python -m benchmarks.hostile_files [--scale 1.0]

--scale multiplies the inflated sizes (1.0: the sizes of the audit, gigabytes where it found
gigabytes); the unit tests build the same files at a fraction of the size.
"""

from __future__ import annotations

import argparse
import io
import json
import struct
import subprocess
import sys
import tempfile
import zipfile
import zlib
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
    """A zip of count empty parts named 0, 1, 2, ... (a directory entry each), byte for byte what
    zipfile writes for parts stored with ZipInfo's own date (1980-01-01), packed here at once:
    zipfile's writestr took seconds over 150,000 parts."""
    local = struct.Struct("<4s2B4HL2L2H")
    central = struct.Struct("<4s4B4HL2L5HLL")
    dos_date, read_write = (0 << 9) | (1 << 5) | 1, 0o600 << 16
    headers: list[bytes] = []
    entries: list[bytes] = []
    offset = 0
    for number in range(count):
        name = str(number).encode()
        header = local.pack(b"PK\x03\x04", 20, 0, 0, 0, 0, dos_date, 0, 0, 0, len(name), 0)
        headers += [header, name]
        entries += [
            central.pack(
                b"PK\x01\x02", 20, 3, 20, 0, 0, 0, 0, dos_date, 0, 0, 0, len(name), 0, 0, 0, 0,
                read_write, offset,
            ),
            name,
        ]  # fmt: skip
        offset += len(header) + len(name)
    directory = b"".join(entries)
    end = b""
    if count > 0xFFFF:  # the count needs the zip64 end record and its locator
        end = struct.pack(
            "<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, count, count, len(directory), offset
        ) + struct.pack("<4sLQL", b"PK\x06\x07", 0, offset + len(directory), 1)
    end += struct.pack(
        "<4s4H2LH", b"PK\x05\x06", 0, 0, min(count, 0xFFFF), min(count, 0xFFFF),
        len(directory), offset, 0,
    )  # fmt: skip
    return b"".join([*headers, directory, end])


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


def pdf_of(content: bytes, resources: bytes = b"<< >>") -> bytes:
    """A PDF of one A4 page whose content stream is `content`, already deflated (FlateDecode)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources %s /Contents 4 0 R >>"
        % resources,
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content)
        + content
        + b"\nendstream",
    ]
    pdf = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    directory = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1)
    pdf += b"startxref\n%d\n%%%%EOF\n" % directory
    return bytes(pdf)


def deflated_spaces(inflated: int) -> bytes:
    """A zlib stream of about `inflated` spaces, built without deflating them all: one block of
    a million spaces deflated up to a full flush (after which nothing refers back) and repeated,
    a final empty block, and the checksum of n equal bytes worked out (Adler-32)."""
    block = 1_000_000
    deflater = zlib.compressobj(9, zlib.DEFLATED, -15)
    body = deflater.compress(b" " * block) + deflater.flush(zlib.Z_FULL_FLUSH)
    count = max(1, -(-inflated // block))
    size = count * block
    low = (1 + size * ord(" ")) % 65521
    high = (size + ord(" ") * size * (size + 1) // 2) % 65521
    final = zlib.compressobj(9, zlib.DEFLATED, -15).flush()
    return b"\x78\xda" + body * count + final + ((high << 16) | low).to_bytes(4, "big")


def pdf_bomb(inflated: int) -> bytes:
    """One page whose content stream inflates to `inflated` bytes of spaces (PDFium inflates a
    stream whole)."""
    return pdf_of(deflated_spaces(inflated))


def pdf_of_countless_operators(inflated: int) -> bytes:
    """One page whose content stream is `inflated` bytes of 'save, move the origin, restore':
    small once inflated, and seconds of PDFium's parsing (minutes of pdfminer's)."""
    operators = b"q 1 0 0 1 0 0 cm Q\n"
    content = operators * max(1, inflated // len(operators))
    return pdf_of(zlib.compress(content, 9))


def pdf_of_countless_characters(characters: int) -> bytes:
    """One page of `characters` letters in lines of 200 (Helvetica, 1 point): each a character
    the reader measures and places, in a file of a few kilobytes."""
    line = b"0 -1 Td (" + b"a" * 200 + b") Tj\n"
    content = b"BT /F1 1 Tf 10 800 Td\n" + line * max(1, characters // 200) + b"ET"
    font = b"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"
    return pdf_of(zlib.compress(content, 9), font)


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
    ("PDF note, one page's content inflating to 2 GB", pdf_bomb, 2 * GB),
    ("PDF note, 60 MB of drawing operators", pdf_of_countless_operators, 60_000_000),
    ("PDF note, a page of 1,000,000 characters", pdf_of_countless_characters, 1_000_000),
)

_FILE_NAMES: dict[Callable[[int], bytes], str] = {
    zip_named_csv: "plan.csv",
    pdf_bomb: "note.pdf",
    pdf_of_countless_operators: "note.pdf",
    pdf_of_countless_characters: "note.pdf",
}

_READ = """
import json, resource, sys, time
from analysis.planfile.load import read_plan_cells
from analysis.note.pdf_bound import read_pdf_bounded
from analysis.model import PlanError
raw = open(sys.argv[1], "rb").read()
before = resource.getrusage(resource.RUSAGE_SELF)
started = time.perf_counter()
child = {}
if sys.argv[2].endswith(".pdf"):
    read = read_pdf_bounded(raw)
    outcome = read.refusal.message if read.refusal else f"read, {len(read.table.rows)} rows"
    child = {"child_peak_mb": read.peak_mb, "child_cpu_seconds": read.cpu_seconds}
else:
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
                  "peak_mb": usage.ru_maxrss / 1024, **child}))
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
        name = _FILE_NAMES.get(build, "plan.xlsx")
        figures = measure(raw, name)
        child = ""
        if figures.get("child_cpu_seconds") is not None:
            child = (
                f"; the reading child {figures['child_cpu_seconds']:.2f} s CPU, "
                f"peak {figures['child_peak_mb']:.0f} MB"
            )
        print(
            f"{title}: file {len(raw):,} bytes; {figures['seconds']:.2f} s "
            f"({figures['cpu_seconds']:.2f} s CPU), peak {figures['peak_mb']:.0f} MB{child}; "
            f"{figures['outcome']}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
