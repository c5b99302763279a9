"""The note's table from a file's bytes, whatever form the note came in: a PDF (read in a child
process held to a memory and a time limit: analysis.note.pdf_bound), a Word document (.docx),
else plain text. Told from the bytes, not the name."""

from __future__ import annotations

import io
import re
import zipfile

from analysis.note.docx_form import read_docx_note
from analysis.note.found import NoteTable, Unread
from analysis.note.pdf_bound import read_pdf_table
from analysis.note.text_form import read_text_note

# The forms the reader takes, as an uploader names them.
NOTE_SUFFIXES: tuple[str, ...] = ("txt", "docx", "pdf")


def note_form(raw: bytes) -> str:
    """The note's form: pdf, docx, zip (another zip: an .odt, a workbook) or text."""
    if raw.startswith(b"%PDF"):
        return "pdf"
    if raw.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(raw)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, ValueError, OSError):
            return "zip"
        return "docx" if "word/document.xml" in names else "zip"
    return "text"


def read_note_table(raw: bytes) -> NoteTable:
    """The note's table: rows under their headings, and what the container could not place;
    PdfRefused when a PDF is past the limits for reading one."""
    form = note_form(raw)
    if form == "pdf":
        return read_pdf_table(raw)
    if form == "docx":
        return read_docx_note(raw)
    if form == "zip":
        reason = "a zip file that is not a Word document; save the note as .docx, PDF or text"
        return NoteTable((), (Unread("", "", "", reason),))
    return read_text_note(raw)


_TEXT_HEADER = re.compile(
    r"^\t\s*Activity\s*\n\t\s*Allocation of responsibilities within ITU\s*\n\t\s*Comments",
    re.IGNORECASE | re.MULTILINE,
)


def looks_like_note(raw: bytes) -> bool:
    """A note rather than a plan file: a PDF, a Word document, or text with the note's header."""
    form = note_form(raw)
    if form in ("pdf", "docx"):
        return True
    if form != "text":
        return False
    # The header comes after the title and introduction, well within the first megabyte.
    head = raw[:1_000_000].decode("utf-8", errors="replace")
    return _TEXT_HEADER.search(head) is not None
