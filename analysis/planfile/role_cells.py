"""The lead and assist cells of an edited activity, written from its roles and read back exactly
as analysis.planfile.load reads them, and the assignment rows of an edited plan (for
analysis.changes.whatif).

A group ("Sectors") stays written as the group while all of its units keep the role it gave them;
once one of them is moved or removed the others are written out one by one.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from analysis.model import UNIT_GROUPS, Plan, unit_group
from analysis.planfile.cells import parse_item, split_items


@dataclass(frozen=True)
class Entry:
    """One role as the cells hold it: the unit, its role and note, and the group it came from."""

    unit: str
    role: str
    note: str
    via: str


def render_cell(entries: Sequence[Entry]) -> str:
    """The entries of one role as a lead/assist cell, groups written once where still whole."""
    present = {entry.unit for entry in entries}
    items: list[str] = []
    written: set[str] = set()
    for entry in entries:
        group = entry.via
        if group and group in UNIT_GROUPS:
            members = [e for e in entries if e.via == group]
            whole = set(UNIT_GROUPS[group]) <= present and len({e.note for e in members}) == 1
            if whole:
                if group not in written:
                    written.add(group)
                    items.append(f"{group} ({entry.note})" if entry.note else group)
                continue
        items.append(f"{entry.unit} ({entry.note})" if entry.note else entry.unit)
    return "; ".join(items)


def read_cell(cell: str, role: str) -> list[Entry]:
    """A cell read back as analysis.planfile.load reads it: groups expanded, a unit named outright
    winning over the same unit reached through a group, first mention keeping its place."""
    found: dict[str, Entry] = {}
    for text in split_items(cell):
        item = parse_item(text)
        if item is None:  # render_cell never writes such an item: notes are checked for brackets
            raise ValueError(f"'{text}' cannot be read back as a unit.")
        group = unit_group(item.name)
        if group is not None:
            codes, via = UNIT_GROUPS[group], group
        else:
            codes, via = (item.name,), ""
        for code in codes:
            if code in found and not (found[code].via and not via):
                continue
            found[code] = Entry(code, role, item.note, via)
    return list(found.values())


def rebuild_assignments(
    plan: Plan, order: list[str], rebuilt: dict[str, list[Entry]]
) -> pd.DataFrame:
    """Assignment rows in activity order: kept rows for untouched activities, read-back rows for
    the edited ones, with each unit's name and Sector from the plan's units table.

    The kept rows and the read-back rows go in one stable sort by activity, as lists: not a
    piece per activity (at 5,400 activities the per-activity masks and the concatenation of
    thousands of pieces took seconds), nor two frames concatenated and sorted (more than the
    rest of an edit of a small plan)."""
    original = plan.assignments
    codes = plan.units["code"].tolist()
    names = dict(zip(codes, plan.units["name"].tolist(), strict=True))
    sectors = dict(zip(codes, plan.units["sector"].tolist(), strict=True))
    columns = list(original.columns)
    kept_rows = zip(*(original[column].tolist() for column in columns), strict=True)
    at = columns.index("activity_id")
    rows = [row for row in kept_rows if row[at] not in rebuilt]
    for activity_id in order:
        for entry in rebuilt.get(activity_id, []):
            values = {
                "activity_id": activity_id,
                "unit": entry.unit,
                "unit_name": str(names[entry.unit]),
                "sector": str(sectors[entry.unit]),
                "role": entry.role,
                "note": entry.note,
                "via": entry.via,
            }
            # A column the plan's assignments have and a read-back row lacks stays missing.
            rows.append(tuple(values.get(column, math.nan) for column in columns))
    # Rows of activities the plan does not list (none in a loaded plan) go last, not dropped.
    place = {activity_id: number for number, activity_id in enumerate(order)}
    rows.sort(key=lambda row: place.get(row[at], len(order)))
    return pd.DataFrame(
        {
            column: pd.Series([row[position] for row in rows], dtype=original[column].dtype)
            for position, column in enumerate(columns)
        }
    )
