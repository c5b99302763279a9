"""A PDF's pages as the note's PDF reader takes them: each page's characters with their boxes, and
the ruling lines drawn on it, read with PDFium (pypdfium2).

Why PDFium: pdfminer (under pdfplumber) interprets every page's content in Python, character by
character, and that alone took longer than all the rest of reading the note; PDFium does the
same work in C. A character's box is PDFium's loose box: from the glyph's origin to its advance
across, the font's descent to its ascent down the page, so a space has a width and the
characters of one line share a top. Only the characters the PDF draws are taken, not the spaces
and line breaks PDFium adds between words and lines on its own; a run of spaces, which PDFium
gives as one, is given back whole.

Why one lock: PDFium may not be called from two threads at once, not even for two documents,
and the app reads uploads in the threads of its sessions. Every document is closed under the
lock, never left to the garbage collector, which may run in any thread."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple, TypeVar

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

# A drawn path no thicker than this, in points, is a ruling line; a thicker one with the few
# segments of a rectangle stands for its four sides.
_RULE_WIDTH = 3.0
_RECTANGLE_SEGMENTS = 5
# How far apart two characters' tops may be and still stand on one line, in points.
_SAME_LINE = 1.0
_SPACE = 0x20
_LINE_BREAKS = (0x0A, 0x0D)
# What PDFium reports for a hyphen that ends a line.
_LINE_END_HYPHEN = 2

_PDFIUM = threading.Lock()
T = TypeVar("T")

# Why PDFium could not open a document, and what to do, by its error code.
_DAMAGED = ("it is damaged or cut short", "print the note to PDF again")
_CANNOT_OPEN = {
    pdfium_c.FPDF_ERR_PASSWORD: (
        "it is protected by a password",
        "print the note to PDF again without one",
    ),
    pdfium_c.FPDF_ERR_SECURITY: (
        "its encryption is of a kind that cannot be read",
        "print the note to PDF again without encryption",
    ),
}


class Char(NamedTuple):
    """One drawn character; distances in points from the page's left and top edges."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


class Rule(NamedTuple):
    """A ruling line: across the page (top == bottom) or down it (x0 == x1), in points from the
    page's left and top edges, x0 <= x1 and top <= bottom."""

    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True)
class Page:
    number: int  # from 1
    chars: tuple[Char, ...]
    rules: tuple[Rule, ...]


class UnreadablePdf(ValueError):
    """The bytes are no PDF PDFium can open; the message says why, for people."""


def _spaces_before(previous: Char, char: Char) -> list[Char]:
    """The spaces PDFium left out after `previous`, a space: it reports a run of spaces as its
    first, and the run's width says how many there were ("Lead:  CEC")."""
    if abs(previous.top - char.top) > _SAME_LINE:
        return []
    width = previous.x1 - previous.x0
    if width <= 0:
        return []
    count = round((char.x0 - previous.x1) / width)
    return [
        previous._replace(x0=previous.x1 + n * width, x1=previous.x1 + (n + 1) * width)
        for n in range(count)
    ]


def _chars(textpage: pdfium.PdfTextPage, height: float) -> tuple[Char, ...]:
    handle = textpage.raw
    unicode, loose_box = pdfium_c.FPDFText_GetUnicode, pdfium_c.FPDFText_GetLooseCharBox
    generated, font_size = pdfium_c.FPDFText_IsGenerated, pdfium_c.FPDFText_GetFontSize
    box = pdfium_c.FS_RECTF()
    chars: list[Char] = []
    for index in range(pdfium_c.FPDFText_CountChars(handle)):
        code = unicode(handle, index)
        if code in _LINE_BREAKS or (code == _SPACE and generated(handle, index) != 0):
            continue  # PDFium's own, between lines and words; not drawn
        if not loose_box(handle, index, box):
            continue
        text = "-" if code == _LINE_END_HYPHEN else chr(code) if 0 < code < 0x110000 else "\ufffd"
        top, bottom = height - box.top, height - box.bottom
        char = Char(text, box.left, box.right, top, bottom, font_size(handle, index))
        if chars and chars[-1].text == " ":
            chars += _spaces_before(chars[-1], char)
        chars.append(char)
    return tuple(chars)


def _rules(page: pdfium.PdfPage, height: float) -> tuple[Rule, ...]:
    rules: list[Rule] = []
    for path in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=0):
        left, bottom, right, top = path.get_bounds()
        top, bottom = height - top, height - bottom
        if bottom - top <= _RULE_WIDTH:
            middle = (top + bottom) / 2
            rules.append(Rule(left, middle, right, middle))
        elif right - left <= _RULE_WIDTH:
            middle = (left + right) / 2
            rules.append(Rule(middle, top, middle, bottom))
        elif pdfium_c.FPDFPath_CountSegments(path.raw) <= _RECTANGLE_SEGMENTS:
            rules += [
                Rule(left, top, right, top),
                Rule(left, bottom, right, bottom),
                Rule(left, top, left, bottom),
                Rule(right, top, right, bottom),
            ]
    return tuple(rules)


def read_pages(raw: bytes, take: Callable[[Page], T]) -> list[T]:
    """What `take` makes of each page, in order: each page handed over as it is read, so that
    one page's characters are held at a time. Raises UnreadablePdf."""
    with _PDFIUM:
        try:
            document = pdfium.PdfDocument(raw)
        except pdfium.PdfiumError as error:
            reason, fix = _CANNOT_OPEN.get(error.err_code or 0, _DAMAGED)
            raise UnreadablePdf(f"not a PDF that can be read ({reason}); {fix}") from error
        try:
            taken: list[T] = []
            for index in range(len(document)):
                page = document[index]
                try:
                    height = page.get_height()
                    textpage = page.get_textpage()
                    try:
                        chars = _chars(textpage, height)
                    finally:
                        textpage.close()
                    taken.append(take(Page(index + 1, chars, _rules(page, height))))
                finally:
                    page.close()
            return taken
        finally:
            document.close()
