"""A list of names as the note writes it after "Lead:", "Assisted by" or "in partnership with":
"BR and TSB (for standardization issues), SPU (for stocktaking) and CEC (general)", "CEC, WSIS-ES
Executive Director", "TSB for standards", "WSIS-ES, BDT and sectors", "UNCTAD, KADO and others"."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from analysis.note.names import Mention

_SEPARATOR = re.compile(r"\s*[,;&]\s*(?:and\s+)?|\s+and\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Role:
    """A unit (or organisation) named in a sentence, with the qualifier the sentence gives it
    ('' for none)."""

    unit: str
    note: str


@dataclass(frozen=True)
class _Item:
    text: str
    after_and: bool
    start: int


def _depths(text: str) -> list[int]:
    depth, depths = 0, []
    for character in text:
        if character == "(":
            depth += 1
        depths.append(depth)
        if character == ")":
            depth = max(depth - 1, 0)
    return depths


def _items(text: str, mentions: list[Mention]) -> list[_Item]:
    """The list split at commas and "and" outside brackets and outside a unit's own name
    ("Libraries and Archives Services")."""
    depths = _depths(text)
    inside_name = [False] * len(text)
    for mention in mentions:
        for position in range(mention.start, mention.end):
            inside_name[position] = True
    items: list[_Item] = []
    start, after_and = 0, False
    for separator in _SEPARATOR.finditer(text):
        if depths[separator.start()] or inside_name[separator.start()]:
            continue
        items.append(_Item(text[start : separator.start()], after_and, start))
        after_and = "and" in separator.group(0).casefold()
        start = separator.end()
    items.append(_Item(text[start:], after_and, start))
    return [item for item in items if item.text.strip()]


def _qualifier(rest: str) -> tuple[str, bool]:
    """A unit's qualifier from the text after its name, and whether it was in brackets."""
    rest = rest.strip()
    if rest.startswith("(") and rest.endswith(")"):
        return rest[1:-1].strip(), True
    return rest, False


# A plan cell holds "NAME (note)" items separated by ";": a note cannot hold these.
_NOT_IN_A_NOTE = re.compile(r"[();]")
ODD_QUALIFIER = "its qualifier holds brackets or ';', which a plan cell cannot hold"


def read_name_list(
    text: str, find: Callable[[str], list[Mention]]
) -> tuple[list[Role], list[tuple[str, str]]]:
    """The names of a list in their order (found by `find`: Names.units or Names.organisations),
    each with its qualifier, and the items not read, each with why: '' when it names none of
    the table's names, ODD_QUALIFIER when its qualifier cannot be kept (to be listed, never
    guessed). A bracketed qualifier after the last of units joined by "and" holds for each of
    them: "BR and TSB (for standardization issues)"."""
    text = text.strip().rstrip(".").strip()
    mentions = find(text)
    roles: list[Role | None] = []
    bracketed: list[bool] = []
    joined: list[bool] = []
    unknown: list[tuple[str, str]] = []
    for item in _items(text, mentions):
        leading = item.start + len(item.text) - len(item.text.lstrip())
        mention = next((m for m in mentions if m.start == leading), None)
        note, in_brackets = ("", False)
        if mention is not None:
            note, in_brackets = _qualifier(text[mention.end : item.start + len(item.text)])
        if mention is None or _NOT_IN_A_NOTE.search(note):
            unknown.append((item.text.strip(), "" if mention is None else ODD_QUALIFIER))
            roles.append(None)
            bracketed.append(False)
            joined.append(item.after_and)
            continue
        roles.append(Role(mention.code, note))
        bracketed.append(in_brackets)
        joined.append(item.after_and)
    for index in range(len(roles) - 2, -1, -1):
        role, following = roles[index], roles[index + 1]
        if (
            role is not None
            and following is not None
            and not role.note
            and joined[index + 1]
            and bracketed[index + 1]
        ):
            roles[index] = Role(role.unit, following.note)
            bracketed[index] = True
    return [role for role in roles if role is not None], unknown
