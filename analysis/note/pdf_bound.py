"""The note as a PDF, read in a child process held to a memory and a time limit.

PDFium (under pdf_page) inflates each stream whole and parses a page's content in one go: a PDF
of a megabyte can inflate to gigabytes, or keep the parser busy for minutes. So
analysis.note.pdf_form.read_pdf_note runs in a child Python (this module run with -m) whose
address space is limited (RLIMIT_AS: it cannot map more than the limit, resident or not) and
which is killed when its time is up; the process that asked (a replica of the app, serving its
other sessions meanwhile, or the command line) only waits for the answer, a JSON line on the
child's stdout. One PDF is read at a time per process, so a process has at most one such child.

A fresh interpreter rather than a fork: a fork of the app would carry the app's memory into the
limit and is unsafe in a process with threads, and multiprocessing's spawn and fork server run
the parent's main script again in the child (streamlit's, under the app).
"""

from __future__ import annotations

import dataclasses
import json
import resource
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from analysis.note.found import NoteTable, Unread
from analysis.note.pdf_form import read_pdf_note
from analysis.note.table import TableRow

_MB = 1_000_000
_REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class PdfLimits:
    """memory_bytes: the child's whole address space, Python and its libraries included;
    seconds: wall time from starting the child to its answer."""

    memory_bytes: int
    seconds: float


# The bound every hostile file is held to. The child maps a good part of it for
# Python and PDFium before it reads a byte; the rest is the room for the PDF.
PDF_LIMITS = PdfLimits(memory_bytes=600 * _MB, seconds=60.0)


class PdfRefused(Exception):
    """The PDF was not read: message says which limit it met, fix what the user can do."""

    def __init__(self, message: str, fix: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.fix = fix or _FIX


@dataclass(frozen=True)
class BoundedRead:
    """What the child answered: the table, or why it was refused; and what the read cost the
    child (peak resident MB, CPU seconds; None when it was stopped before it could say)."""

    table: NoteTable | None
    refusal: PdfRefused | None
    peak_mb: float | None
    cpu_seconds: float | None


_FIX = (
    "Print the note to PDF again from Word or LibreOffice, or use the note as .docx or text; a "
    "PDF this costly to read may be damaged or built to harm."
)
_ONE_AT_A_TIME = threading.Lock()


def read_pdf_bounded(raw: bytes, limits: PdfLimits = PDF_LIMITS) -> BoundedRead:
    """The PDF's table read in a child process within `limits`, and what that cost the child."""
    command = [sys.executable, "-m", __name__, str(limits.memory_bytes)]
    with _ONE_AT_A_TIME:
        started = time.monotonic()
        try:
            done = subprocess.run(
                command,
                input=raw,
                capture_output=True,
                timeout=limits.seconds,
                cwd=_REPO,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return BoundedRead(None, _over_time(limits), None, None)
    if done.returncode == -signal.SIGABRT:
        # PDFium (under pdf_form) aborts the process when an allocation fails: here, at the limit.
        return BoundedRead(None, _over_memory(limits), None, None)
    if done.returncode != 0 or not done.stdout:
        # Stopped before it could answer: a library's allocation failing outside Python, or the
        # interpreter itself out of room, as far as can be told.
        stopped = PdfRefused(
            f"reading this PDF stopped (exit {done.returncode}, after "
            f"{time.monotonic() - started:,.1f} s) within the limits for reading a note "
            f"({limits.memory_bytes / _MB:,.0f} MB, {limits.seconds:g} s), so it is not read."
        )
        return BoundedRead(None, stopped, None, None)
    answer = json.loads(done.stdout)
    peak_mb, cpu_seconds = answer["peak_mb"], answer["cpu_seconds"]
    if "table" in answer:
        return BoundedRead(_table_of(answer["table"]), None, peak_mb, cpu_seconds)
    if "memory" in answer:
        return BoundedRead(None, _over_memory(limits), peak_mb, cpu_seconds)
    refusal = PdfRefused(f"the PDF could not be read ({answer['error']}).")
    return BoundedRead(None, refusal, peak_mb, cpu_seconds)


def read_pdf_table(raw: bytes) -> NoteTable:
    """The PDF's table, read within PDF_LIMITS; PdfRefused when it cannot be."""
    read = read_pdf_bounded(raw)
    if read.refusal is not None:
        raise read.refusal
    assert read.table is not None
    return read.table


def _over_memory(limits: PdfLimits) -> PdfRefused:
    return PdfRefused(
        f"reading this PDF needs more than {limits.memory_bytes / _MB:,.0f} MB of memory, the "
        "limit for reading a note, so it is not read."
    )


def _over_time(limits: PdfLimits) -> PdfRefused:
    return PdfRefused(
        f"reading this PDF takes more than {limits.seconds:g} s, the limit for reading a "
        "note, so it was stopped."
    )


def _table_of(answer: dict[str, list[dict[str, str]]]) -> NoteTable:
    rows = tuple(TableRow(**row) for row in answer["rows"])
    return NoteTable(rows, tuple(Unread(**item) for item in answer["unread"]))


def _answer(raw: bytes) -> dict[str, object]:
    """In the child: the table as JSON, or 'memory' (the limit was met in Python), or 'error'
    (the reader failed; a hostile file can make it fail in many ways)."""
    try:
        table = read_pdf_note(raw)
    except MemoryError:
        return {"memory": True}
    except Exception as error:  # said to the user, whatever it is
        return {"error": f"{type(error).__name__}: {error}"}
    return {"table": dataclasses.asdict(table)}


def _peak_mb() -> float:
    """The child's own peak resident memory (VmHWM): getrusage's ru_maxrss would carry over the
    resident size of the process it was forked from."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(memory_bytes: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    answer = _answer(sys.stdin.buffer.read())
    usage = resource.getrusage(resource.RUSAGE_SELF)
    answer |= {"peak_mb": _peak_mb(), "cpu_seconds": usage.ru_utime + usage.ru_stime}
    sys.stdout.write(json.dumps(answer))


if __name__ == "__main__":
    _child(int(sys.argv[1]))
