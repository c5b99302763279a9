"""How long reading the note takes (python -m analysis read-note, the sidebar upload): the 2006
note in each form, and a generated note `--scale` times its size, each beside its floor, the
bare library reading the same file without our work:

- text: decoding the bytes;
- .docx: python-docx opening the file and taking every table cell's paragraphs' text;
- PDF: PDFium (pypdfium2) opening the file and taking every page's characters with their boxes.

A PDF is read in a child process (analysis/note/pdf_bound.py): its reading time includes
starting that Python and its imports.

The reading is analysis.note.read.read_note: the table found, the sentences read, the plan
checked by the loader, against the bundled plan. The scaled note's .docx is written by
python-docx and printed to PDF by LibreOffice (soffice; skipped when absent), kept in
benchmarks/output/ for the next run. Targets: under 3 s for the 2006 note in any
form, under 60 s at 100x.

    python -m benchmarks.note_reading [--scale 100] [--repeat 3]
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pypdfium2
from docx import Document

from analysis.note.read import read_note
from analysis.planfile.load import load_plan, read_reference
from benchmarks.note_forms import note_docx, scaled_note

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "data" / "source" / "wsis-implementation-plan-2006.txt"
FIXTURES = REPO / "tests" / "fixtures" / "note"
OUTPUT = REPO / "benchmarks" / "output"


def _text_floor(raw: bytes) -> object:
    return raw.decode("utf-8-sig")


def _docx_floor(raw: bytes) -> object:
    document = Document(io.BytesIO(raw))
    return [
        [paragraph.text for cell in row.cells for paragraph in cell.paragraphs]
        for table in document.tables
        for row in table.rows
    ]


def _pdf_floor(raw: bytes) -> object:
    document = pypdfium2.PdfDocument(raw)
    try:
        boxes = []
        for page in document:
            textpage = page.get_textpage()
            boxes.append(
                [textpage.get_charbox(i, loose=True) for i in range(textpage.count_chars())]
            )
        return boxes
    finally:
        document.close()


FLOORS: dict[str, Callable[[bytes], object]] = {
    "text": _text_floor,
    "docx": _docx_floor,
    "pdf": _pdf_floor,
}


def _best(work: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def _pdf_of(docx: Path) -> Path | None:
    """docx printed to PDF by LibreOffice Writer, beside it; None without soffice."""
    target = docx.with_suffix(".pdf")
    if target.exists() and target.stat().st_mtime >= docx.stat().st_mtime:
        return target
    if shutil.which("soffice") is None:
        return None
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
             "--convert-to", "pdf", "--outdir", str(docx.parent), str(docx)],
            check=True, capture_output=True, timeout=1800,
        )  # fmt: skip
    return target if target.exists() else None


def _scaled_files(scale: int) -> list[tuple[str, Path]]:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    text = OUTPUT / f"note-{scale}x.txt"
    content = scaled_note(SOURCE.read_text(encoding="utf-8"), scale)
    if not text.exists() or text.read_text(encoding="utf-8") != content:
        text.write_text(content, encoding="utf-8")
        (OUTPUT / f"note-{scale}x.docx").write_bytes(note_docx(content))
    docx = OUTPUT / f"note-{scale}x.docx"
    files = [("text", text), ("docx", docx)]
    pdf = _pdf_of(docx)
    if pdf is not None:
        files.append(("pdf", pdf))
    return files


def measure(files: list[tuple[str, str, Path]], repeat: int) -> list[str]:
    units, organisations = read_reference()
    in_use = load_plan()
    lines = [
        "| note | form | size (kB) | activities | read (s) | floor (s) | read / floor |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for label, form, path in files:
        raw = path.read_bytes()
        result = read_note(raw, path.name, units, organisations, in_use)
        count = len(result.plan.activities) if result.plan is not None else 0
        read = _best(partial(read_note, raw, path.name, units, organisations, in_use), repeat)
        floor = _best(partial(FLOORS[form], raw), repeat)
        lines.append(
            f"| {label} | {form} | {len(raw) / 1000:.0f} | {count} | {read:.2f} | {floor:.2f} "
            f"| {read / floor if floor else 0:.1f} |"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    files = [
        ("2006", "text", SOURCE),
        ("2006", "docx", FIXTURES / "note-2006.docx"),
        ("2006 (LibreOffice)", "docx", FIXTURES / "note-2006-libreoffice.docx"),
        ("2006", "pdf", FIXTURES / "note-2006.pdf"),
    ]
    for line in measure(files, arguments.repeat):
        print(line, flush=True)
    scaled = [(f"{arguments.scale}x", form, path) for form, path in _scaled_files(arguments.scale)]
    for line in measure(scaled, 1)[2:]:
        print(line, flush=True)


if __name__ == "__main__":
    main()
