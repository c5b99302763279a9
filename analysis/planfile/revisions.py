"""The `revisions` cell of a plan row: what was changed in the row since the 2006 text, one line
per change, each starting with the ISO date of the change.

    2026-12-02: WSIS-ES's lead moves to CEC; CEC's own assist there is merged into that lead
    2026-12-02: WSIS-ES's assist is dropped: CEC already leads A01

The 2006 document's own words (allocation_text, comments) stay verbatim; a row whose roles were
changed says so here, and the audit lists it. The loader checks every line's date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date

import pandas as pd

_DATED_LINE = re.compile(r"^(\d{4}-\d{2}-\d{2}): (\S.*)$")


def revision_lines(cell: str) -> list[str]:
    """The non-blank lines of a revisions cell, stripped."""
    return [line.strip() for line in cell.replace("\r", "\n").split("\n") if line.strip()]


def revision_problems(cell: str) -> list[str]:
    """What is wrong with each line of a revisions cell, in words; empty when every line reads."""
    problems: list[str] = []
    for line in revision_lines(cell):
        match = _DATED_LINE.match(line)
        shown = line if len(line) <= 60 else line[:57] + "…"
        if match is None:
            problems.append(f"the line '{shown}' does not start with a date and a colon.")
            continue
        try:
            date.fromisoformat(match.group(1))
        except ValueError:
            problems.append(f"the line '{shown}' starts with {match.group(1)}, not a real date.")
    return problems


def with_revisions(cell: str, changes: Sequence[str], dated: date) -> str:
    """The cell with one dated line per change added after the lines it already holds."""
    added = [f"{dated.isoformat()}: {change}" for change in changes]
    return "\n".join([*revision_lines(cell), *added])


def added_revisions(
    old_activities: pd.DataFrame, new_activities: pd.DataFrame, activity_ids: Iterable[str]
) -> list[str]:
    """'A31: 2026-12-02: WSIS-ES's lead moves to CEC; …': the revision lines the new version of
    these activities has and the old one has not (the reasons a what-if plan records), in the
    order of activity_ids, each activity once."""
    old = dict(zip(old_activities["activity_id"], old_activities["revisions"], strict=True))
    new = dict(zip(new_activities["activity_id"], new_activities["revisions"], strict=True))
    lines: list[str] = []
    for activity_id in dict.fromkeys(activity_ids):
        before = set(revision_lines(str(old.get(activity_id, ""))))
        lines += [
            f"{activity_id}: {line}"
            for line in revision_lines(str(new.get(activity_id, "")))
            if line not in before
        ]
    return lines
