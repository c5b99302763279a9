"""The note's Activity cell: the title, the action lines and theme it names, the Tunis Agenda /
Plan paragraphs it cites, and a pointer elsewhere ("(see also below under Internet Governance)")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.model import ACTION_LINES, C7_THEMES

_ACTION_LINE = re.compile(r"(?<![\w-])C(?P<number>1[01]|[1-9])(?![\w-])")
_THEME = re.compile(r"\bTheme\s+(?P<theme>[\w-]+)", re.IGNORECASE)
_REFERENCE = re.compile(r"\((?P<reference>paras?\b[^()]*)\)", re.IGNORECASE)
_NEXT_REFERENCE = re.compile(r"\s+and\s+(?=paras?\b)", re.IGNORECASE)
_POINTER = re.compile(r"\(\s*(?P<see>see\b[^()]*?)\s*\)", re.IGNORECASE)


@dataclass(frozen=True)
class ActivityCell:
    """What an Activity cell says. theme: a C7 theme it names ('' for none); unknown_theme:
    a word after "Theme" that is not one (to be listed)."""

    title: str
    action_lines: tuple[str, ...]
    theme: str
    unknown_theme: str
    references: tuple[str, ...]
    pointer: str


def read_activity_cell(cell: str) -> ActivityCell:
    """The cell's paragraphs read as one title, its pointer taken out."""
    pointers = [match["see"] for match in _POINTER.finditer(cell)]
    title = " ".join(
        line.strip() for line in _POINTER.sub(" ", cell).split("\n") if line.strip()
    ).strip()
    lines = tuple(dict.fromkeys(f"C{m['number']}" for m in _ACTION_LINE.finditer(title)))
    theme = unknown = ""
    if match := _THEME.search(title):
        named = match["theme"]
        known = {name.casefold(): name for name in C7_THEMES}
        if named.casefold() in known:
            theme = known[named.casefold()]
        else:
            unknown = named
    references = tuple(
        part.strip()
        for match in _REFERENCE.finditer(title)
        for part in _NEXT_REFERENCE.split(match["reference"])
        if part.strip()
    )
    return ActivityCell(
        title=title,
        action_lines=tuple(line for line in lines if line in ACTION_LINES),
        theme=theme,
        unknown_theme=unknown,
        references=references,
        pointer="; ".join(pointers),
    )
