"""The ids of a plan read from the note, kept from the plan in use: the reader numbers activities
in document order, so a row added, removed or moved would renumber every row after it, and a
comparison by id would list them all as changed."""

from __future__ import annotations

import re

import pandas as pd

_NUMBERED = re.compile(r"^A(\d+)$")


def _key(title: object) -> str:
    return " ".join(str(title).split()).casefold()


def ids_of_plan_in_use(read: pd.DataFrame, in_use: pd.DataFrame) -> pd.DataFrame:
    """read (plan rows, document order, ids A01.. and items A07.1..) with the id the plan in use
    gives the activity of the same title (an item: of the same title under the same parent), and
    for the others new ids after the plan in use's last (A55, A56, ...; items A07.7 ...)."""
    tops = in_use[in_use["parent_id"] == ""]
    top_ids: dict[str, str] = {}
    for activity_id, title in zip(tops["activity_id"], tops["title"], strict=True):
        top_ids.setdefault(_key(title), str(activity_id))
    item_ids: dict[tuple[str, str], str] = {}
    for activity_id, parent, title in zip(
        in_use["activity_id"], in_use["parent_id"], in_use["title"], strict=True
    ):
        if parent:
            item_ids.setdefault((str(parent), _key(title)), str(activity_id))
    taken = set(in_use["activity_id"].astype(str))
    numbers = [int(m[1]) for m in map(_NUMBERED.match, tops["activity_id"].astype(str)) if m]
    next_number = max(numbers, default=0) + 1
    width = max(2, len(str(next_number + len(read))))
    given: dict[str, str] = {}  # the reader's id -> the id kept or made
    used: set[str] = set()
    ids: list[str] = []
    parents: list[str] = []
    for activity_id, parent, title in zip(
        read["activity_id"], read["parent_id"], read["title"], strict=True
    ):
        parent_id = given.get(str(parent), str(parent)) if parent else ""
        kept = item_ids.get((parent_id, _key(title))) if parent else top_ids.get(_key(title))
        if kept is None or kept in used:
            if parent:
                number = 1
                while f"{parent_id}.{number}" in taken | used:
                    number += 1
                kept = f"{parent_id}.{number}"
            else:
                while f"A{next_number:0{width}d}" in taken | used:
                    next_number += 1
                kept = f"A{next_number:0{width}d}"
        given[str(activity_id)] = kept
        used.add(kept)
        ids.append(kept)
        parents.append(parent_id)
    return read.assign(activity_id=ids, parent_id=parents)
