"""A CSV plan's text, decoded a slice at a time as csv.reader asks for its lines.

A 10 MB file decoded whole is a 20 MB string when one character is outside ASCII (Python then
holds every character in 2 bytes), and it lived as long as the cells read from it: the largest
single part of the parse's peak. Decoded a megabyte at a time, only that slice's text exists."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

SLICE_BYTES = 1024 * 1024
# A line with its end (CRLF, CR or LF), as io.StringIO(text, newline="") splits them.
_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+")


def text_lines(text: str) -> Iterator[str]:
    """The lines of text, ends kept, split as io.StringIO(text, newline="") splits them, for
    csv.reader: without StringIO's copy of the whole text at 4 bytes a character (40 MB for a
    10 MB plan), made again for every separator tried."""
    return (match.group() for match in _LINE.finditer(text))


def slices(raw: bytes, size: int = SLICE_BYTES) -> Iterator[tuple[int, int]]:
    """(start, end) of consecutive slices of raw, each of about `size` bytes and ending just
    after a line feed (or at the end). In UTF-8 and Windows-1252 the byte 0x0A is only ever a
    line feed, so no character and no line end ("\\r\\n") is cut in two: the slices' lines are
    the whole text's lines."""
    start = 0
    while start < len(raw):
        end = raw.rfind(b"\n", start, start + size) + 1
        if end <= start:
            found = raw.find(b"\n", start + size)
            end = len(raw) if found < 0 else found + 1
        yield start, end
        start = end


def _slice_encoding(encoding: str, start: int) -> str:
    # A byte-order mark is one only at the very start.
    return "utf-8" if encoding == "utf-8-sig" and start > 0 else encoding


def check_decodes(raw: bytes, encoding: str, size: int = SLICE_BYTES) -> None:
    """Raise the UnicodeDecodeError raw.decode(encoding) raises, if any, without holding the
    whole text: slice by slice, and only on a failure the whole file again, for the error's
    exact position and reason."""
    for start, end in slices(raw, size):
        try:
            raw[start:end].decode(_slice_encoding(encoding, start))
        except UnicodeDecodeError:
            raw.decode(encoding)
            raise


@dataclass(frozen=True)
class PlanText:
    """The text of a CSV: `raw` decoded with `encoding` a slice at a time, or, when encoding
    is "", `text` itself (UTF-16, already about the size of its bytes)."""

    raw: bytes = b""
    encoding: str = ""
    text: str = ""
    slice_bytes: int = SLICE_BYTES

    def lines(self) -> Iterator[str]:
        if not self.encoding:
            yield from text_lines(self.text)
            return
        for start, end in slices(self.raw, self.slice_bytes):
            yield from text_lines(self.raw[start:end].decode(_slice_encoding(self.encoding, start)))

    def whole(self) -> str:
        """The whole text: for reporting where a damaged file goes wrong, not for reading it."""
        return self.raw.decode(self.encoding) if self.encoding else self.text

    def is_blank(self) -> bool:
        return all(not line.strip() for line in self.lines())

    def ends_with_line_end(self) -> bool:
        if not self.encoding:
            return self.text[-1:] in ("\r", "\n")
        # The text was checked to decode: a last byte CR or LF is that character, in both.
        return self.raw[-1:] in (b"\r", b"\n")
