"""Bounds on reading a zip container (an .xlsx workbook, a zip posing as a CSV, the note's
.docx): how many parts it may hold and how large they may inflate, checked on the central
directory before a byte is inflated, and again on the bytes themselves while they stream.

The declared sizes bound what every reader of the archive inflates: Python's zipfile stops a
part at the size its directory entry declares (and then fails its CRC check), so a part that
lies about its size cannot inflate past the declaration. A refusal names the limit and the file.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from analysis.model import PlanError, Problem

_MB = 1_000_000
# Streaming reads take this much inflated text at a time.
CHUNK_BYTES = 1 << 16


@dataclass(frozen=True)
class ZipLimits:
    """members: parts in the archive; part_bytes: inflated size of any one part; total_bytes:
    inflated size of all parts together."""

    members: int
    part_bytes: int
    total_bytes: int


# A plan workbook at the plan size limit holds a sheet and a shared-string table of some tens of
# MB each, once inflated, and a dozen small parts.
WORKBOOK_LIMITS = ZipLimits(members=1_000, part_bytes=64 * _MB, total_bytes=128 * _MB)
# The note as .docx: python-docx reads every part whole and parses its XML into a tree (several
# times the part's size); the 2006 note's document.xml is well under 1 MB.
DOCUMENT_LIMITS = ZipLimits(members=1_000, part_bytes=16 * _MB, total_bytes=64 * _MB)


def _refusal(name: str, what: str, limit: str) -> PlanError:
    return PlanError(
        [
            Problem(
                name,
                None,
                None,
                f"{what}; the limit is {limit}, so the file is not read (a plan needs far less; "
                "a file this large or this compressed may be damaged or built to harm).",
                "Save the file again from the program that made it (a plan as .xlsx or 'CSV "
                "UTF-8'); if it is really this large, split it.",
            )
        ]
    )


def _mb(size: int) -> str:
    return f"{size / _MB:,.0f} MB" if size >= 10 * _MB else f"{size:,} bytes"


_END_OF_DIRECTORY = b"PK\x05\x06"
_ZIP64_END_OF_DIRECTORY = b"PK\x06\x06"


def declared_parts(raw: bytes) -> int | None:
    """How many parts the zip's end-of-directory record declares, read without parsing the
    directory (a 10 MB zip may list a hundred thousand empty parts); None when there is none."""
    end = raw.rfind(_END_OF_DIRECTORY, max(0, len(raw) - 65_557))
    if end < 0 or end + 12 > len(raw):
        return None
    count = int.from_bytes(raw[end + 10 : end + 12], "little")
    if count == 0xFFFF:  # a zip64 archive: its own record, before the locator, says
        record = raw.rfind(_ZIP64_END_OF_DIRECTORY, 0, end)
        if record < 0 or record + 40 > len(raw):
            return None
        count = int.from_bytes(raw[record + 32 : record + 40], "little")
    return count


def open_archive(raw: bytes, name: str, limits: ZipLimits) -> zipfile.ZipFile:
    """The archive, once its directory declares no more parts and no larger inflated sizes than
    limits allow; PlanError naming the limit and the file otherwise. zipfile.BadZipFile when the
    bytes are no zip at all (the caller says what that means for its file)."""
    declared = declared_parts(raw) or 0
    if declared > limits.members:
        raise _refusal(name, f"is a zip archive of {declared:,} parts", f"{limits.members:,} parts")
    archive = zipfile.ZipFile(io.BytesIO(raw))
    parts = archive.infolist()
    if len(parts) > limits.members:
        archive.close()
        raise _refusal(
            name, f"is a zip archive of {len(parts):,} parts", f"{limits.members:,} parts"
        )
    largest = max(parts, key=lambda part: part.file_size, default=None)
    if largest is not None and largest.file_size > limits.part_bytes:
        archive.close()
        raise _refusal(
            name,
            f"holds a part, '{largest.filename}', that inflates to {_mb(largest.file_size)}",
            f"{_mb(limits.part_bytes)} per part",
        )
    total = sum(part.file_size for part in parts)
    if total > limits.total_bytes:
        archive.close()
        raise _refusal(
            name,
            f"inflates to {_mb(total)} in all",
            f"{_mb(limits.total_bytes)} per file",
        )
    return archive


def stream_part(
    archive: zipfile.ZipFile, part: str, name: str, limits: ZipLimits
) -> Iterator[bytes]:
    """The inflated bytes of one part, a chunk at a time: refused (PlanError) when its declared
    size passes the per-part limit, or when its bytes do not end where it declares (zipfile
    stops a part at its declared size and fails its CRC check there)."""
    info = archive.getinfo(part)
    if info.file_size > limits.part_bytes:
        raise _refusal(
            name,
            f"holds a part, '{part}', that inflates to {_mb(info.file_size)}",
            f"{_mb(limits.part_bytes)} per part",
        )
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(CHUNK_BYTES):
                yield chunk
    except (NotImplementedError, RuntimeError) as error:
        # zipfile's words for a part compressed by a method it lacks, or encrypted.
        raise PlanError(
            [
                Problem(
                    name,
                    None,
                    None,
                    f"holds a part, '{part}', that cannot be read ({error}).",
                    "Save the file again from the program that made it, without a password "
                    "(a plan as .xlsx or 'CSV UTF-8').",
                )
            ]
        ) from None
    except zipfile.BadZipFile as error:
        raise PlanError(
            [
                Problem(
                    name,
                    None,
                    None,
                    f"holds a part, '{part}', that is damaged or inflates to more than its zip "
                    f"entry declares ({error}).",
                    "Save the file again from the program that made it (a plan as .xlsx or "
                    "'CSV UTF-8').",
                )
            ]
        ) from None


def read_part_head(archive: zipfile.ZipFile, part: str, size: int) -> bytes | None:
    """The first size inflated bytes of a part (a zip's 'mimetype'), whatever it inflates to;
    None when it cannot be read (encrypted, damaged, compressed by a method zipfile lacks)."""
    try:
        with archive.open(part) as stream:
            return stream.read(size)
    except (NotImplementedError, RuntimeError, zipfile.BadZipFile, zlib.error):
        return None
