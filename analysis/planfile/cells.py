"""Parsing the list cells of plan.csv: "BR (for standardization issues); TSB" and the like."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

_ITEM = re.compile(r"^(?P<name>[^()]+?)\s*(?:\((?P<note>[^()]*)\))?$")


@dataclass(frozen=True)
class CellItem:
    """One entry of a list cell: a name with an optional note in brackets."""

    name: str
    note: str


def split_items(cell: str) -> list[str]:
    """Split a cell on semicolons that are outside brackets."""
    items: list[str] = []
    depth = 0
    current: list[str] = []
    for character in cell:
        if character == "(":
            depth += 1
        elif character == ")":
            depth = max(depth - 1, 0)
        if character == ";" and depth == 0:
            items.append("".join(current))
            current = []
        else:
            current.append(character)
    items.append("".join(current))
    return [item.strip() for item in items if item.strip()]


def parse_item(text: str) -> CellItem | None:
    """`NAME` or `NAME (note)`; None when the brackets do not fit that shape."""
    match = _ITEM.match(text.strip())
    if match is None:
        return None
    return CellItem(name=match["name"].strip(), note=(match["note"] or "").strip())


def did_you_mean(word: str, choices: list[str]) -> str:
    """A ' Did you mean X?' suffix, or '' when nothing is close."""
    by_folded = {choice.casefold(): choice for choice in choices}
    close = difflib.get_close_matches(word.casefold(), list(by_folded), n=1, cutoff=0.6)
    return f" Did you mean '{by_folded[close[0]]}'?" if close else ""
