"""The note's table rows (analysis.note.table.TableRow) read into plan rows in data/plan.csv's
columns, by the rules of docs/counting-rules.md, with everything the reader could not turn into
facts, or took from elsewhere than the note, listed beside them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from analysis.model import PILLAR_NOT_STATED, PILLARS, PLAN_COLUMNS
from analysis.note.activity_cell import read_activity_cell
from analysis.note.allocation import Allocation, Item, cross_reference, lines
from analysis.note.partners import Unread
from analysis.note.sentences import SentenceReader, partner_cell, role_cell
from analysis.note.table import TableRow

# The plan's columns and the heading each activity stands under in the note.
READ_COLUMNS: tuple[str, ...] = (*PLAN_COLUMNS, "section")
_POINTED = re.compile(r"^see\s+(?:also\s+)?(?P<target>.+?)\s+(?P<way>above|below)\b", re.IGNORECASE)
_ACTION_LINE = re.compile(r"^C(?:1[01]|[1-9])$")


@dataclass(frozen=True)
class NoteUnread:
    """A sentence or fragment of the note the reader turned into no fact, or a fact it took from
    elsewhere than the note: where the row is (TableRow.where), the activity it belongs to (''
    for none), the note's column ("activity", "allocation", "comments") or the plan column
    inferred ("pillar"), the text, and why."""

    where: str
    activity_id: str
    column: str
    text: str
    why: str


@dataclass(frozen=True)
class NoteReading:
    """plan: one row per activity in document order, READ_COLUMNS, all text; unread: what is
    listed for review, in document order (the rows that only point to another last)."""

    plan: pd.DataFrame
    unread: tuple[NoteUnread, ...]


def _key(title: str) -> str:
    return re.sub(r"\s+", " ", title).strip().casefold()


def _pillar_of(section: str) -> str | None:
    return next((pillar for pillar in PILLARS if _key(pillar) == _key(section)), None)


def _is_pointer_row(row: TableRow) -> bool:
    """A row whose allocation only points elsewhere ("See C4 above"): not an activity."""
    allocation = lines(row.allocation)
    return bool(allocation) and all(
        cross_reference(line) is not None and line.strip().casefold().startswith("see")
        for line in allocation
    )


class _Reading:
    """The state of one reading: rows built so far and what is listed."""

    def __init__(self, reader: SentenceReader, reference: pd.DataFrame | None) -> None:
        self.reader = reader
        self.rows: list[dict[str, str]] = []
        self.unread: list[NoteUnread] = []
        self.pillars: dict[str, str] = {}
        if reference is not None and {"title", "pillar"} <= set(reference.columns):
            for title, pillar in zip(reference["title"], reference["pillar"], strict=True):
                self.pillars.setdefault(_key(str(title)), str(pillar))

    def listed(self, row: TableRow, activity_id: str, column: str, items: list[Unread]) -> None:
        self.unread += [NoteUnread(row.where, activity_id, column, u.text, u.why) for u in items]

    def pillar(self, row: TableRow, activity_id: str, title: str) -> str:
        pillar = _pillar_of(row.section)
        if pillar is not None:
            return pillar
        heading = f"the heading '{row.section}' is not a pillar" if row.section else "no heading"
        if _key(title) in self.pillars:
            pillar = self.pillars[_key(title)]
            why = f"{heading}: pillar taken from the plan in use (activity of the same title)"
        else:
            pillar = PILLAR_NOT_STATED
            why = f"{heading}, and the plan in use has no activity of this title"
        self.unread.append(NoteUnread(row.where, activity_id, "pillar", pillar, why))
        return pillar

    def activity(self, row: TableRow, activity_id: str) -> None:
        cell = read_activity_cell(row.activity)
        if cell.unknown_theme:
            self.listed(row, activity_id, "activity", [Unread(
                cell.unknown_theme, "follows 'Theme' but is not a C7 theme",
            )])  # fmt: skip
        own_lines: list[str] = []
        items: list[tuple[str, Item]] = []
        pointers = [cell.pointer] if cell.pointer else []
        allocation = Allocation()
        for line in lines(row.allocation):
            pointer = cross_reference(line)
            item = None if pointer is not None else self.reader.allocation.item(line)
            if item is not None:
                items.append((line, item))
                continue
            own_lines.append(line)
            if pointer is not None:
                pointers.append(pointer)
            else:
                allocation.add(self.reader.allocation.line(line))
        self.listed(row, activity_id, "allocation", allocation.unread)
        comments = self.reader.comments(row.comments)
        self.listed(row, activity_id, "comments", comments.unread)
        pillar = self.pillar(row, activity_id, cell.title)
        partners = [*allocation.partners, *comments.partners]
        parent = {
            "activity_id": activity_id, "parent_id": "", "pillar": pillar, "title": cell.title,
            "action_line": "; ".join(cell.action_lines), "theme": cell.theme,
            "references": "; ".join(cell.references), "lead": role_cell(allocation.leads),
            "assist": role_cell(allocation.assists),
            "partners": partner_cell(dict.fromkeys(partners)),
            "cross_references": "; ".join(pointers), "allocation_text": "\n".join(own_lines),
            "comments": "\n".join(lines(row.comments)), "section": _collapse(row.section),
        }  # fmt: skip
        self.rows.append(parent)
        for number, (line, item) in enumerate(items, start=1):
            self.item(row, f"{activity_id}.{number}", parent, line, item)

    def item(
        self, row: TableRow, item_id: str, parent: dict[str, str], line: str, item: Item
    ) -> None:
        self.listed(row, item_id, "allocation", item.allocation.unread)
        references = ""
        if item.paragraph:
            cited = re.sub(r"^paras?\.?\s+", "", item.paragraph, flags=re.IGNORECASE)
            where = " of Tunis Agenda" if "tunis agenda" in parent["title"].casefold() else ""
            references = f"para {cited}{where}"
        topic = "C6" in parent["action_line"].split("; ") and not item.paragraph
        self.rows.append({
            "activity_id": item_id, "parent_id": parent["activity_id"], "pillar": parent["pillar"],
            "title": item.title, "action_line": parent["action_line"],
            "theme": item.title if topic else parent["theme"], "references": references,
            "lead": role_cell(item.allocation.leads),
            "assist": role_cell(item.allocation.assists),
            "partners": partner_cell(item.allocation.partners), "cross_references": "",
            "allocation_text": line, "comments": "", "section": parent["section"],
        })  # fmt: skip

    def pointer(self, row: TableRow, position: int) -> None:
        """Tags the activity a pointer row names ("See C4 above") with the row's text, action
        lines and theme; lists the row when no activity fits."""
        see = " ".join(lines(row.allocation))
        cell = read_activity_cell(row.activity)
        match = _POINTED.match(see)
        target = None
        if match is not None:
            named = match["target"].strip()
            above = match["way"].casefold() == "above"
            # The nearest first: upwards from the pointer, or downwards.
            candidates = self.rows[:position][::-1] if above else self.rows[position:]
            for candidate in candidates:
                if candidate["parent_id"]:
                    continue
                if _ACTION_LINE.match(named.upper()):
                    fits = named.upper() in candidate["action_line"].split("; ")
                else:
                    fits = _key(named) in _key(candidate["title"])
                if fits:
                    target = candidate
                    break
        if target is None:
            self.listed(row, "", "allocation", [Unread(
                f"{cell.title}: {see}", "points to an activity the reader cannot find",
            )])  # fmt: skip
            return
        if row.comments.strip():
            self.listed(row, target["activity_id"], "comments", [Unread(
                row.comments.strip(), "comments of a row that only points to another",
            )])  # fmt: skip
        tag = f"{cell.title}: {see}"
        target["cross_references"] = "; ".join(
            part for part in (target["cross_references"], tag) if part
        )
        known = target["action_line"].split("; ") if target["action_line"] else []
        target["action_line"] = "; ".join(dict.fromkeys([*known, *cell.action_lines]))
        if not target["theme"]:
            target["theme"] = cell.theme


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def read_table_rows(
    rows: Sequence[TableRow],
    units: pd.DataFrame,
    organisations: pd.DataFrame,
    reference: pd.DataFrame | None = None,
) -> NoteReading:
    """The note's table rows as plan rows (READ_COLUMNS: plan.csv's columns and `section`), in
    document order, and everything listed for review.

    units, organisations: the reference tables (data/units.csv, data/organisations.csv) whose
    names the sentences are read for; reference: the plan in use (its `title` and `pillar`
    columns), which gives an activity under a heading that is not a pillar the pillar of the
    activity of the same title. Ids are given in document order: A01, A02, ..., the items of a
    row (C6 topics, Tunis Agenda paragraphs, ...) A07.1, A07.2 under their row's id. A row that
    only points to another ("See C4 above") is no activity: it tags the one it names."""
    reading = _Reading(SentenceReader(units, organisations), reference)
    activities = [row for row in rows if row.activity.strip() and not _is_pointer_row(row)]
    width = max(2, len(str(len(activities))))
    pointers: list[tuple[TableRow, int]] = []
    number = 0
    for row in rows:
        if not row.activity.strip():
            if row.allocation.strip() or row.comments.strip():
                text = (row.allocation.strip() or row.comments.strip()).split("\n")[0]
                reading.listed(row, "", "activity", [Unread(text, "a row without an activity")])
            continue
        if _is_pointer_row(row):
            pointers.append((row, len(reading.rows)))
            continue
        number += 1
        reading.activity(row, f"A{number:0{width}d}")
    for row, position in pointers:
        reading.pointer(row, position)
    plan = pd.DataFrame(reading.rows, columns=list(READ_COLUMNS)).astype("str")
    return NoteReading(plan, tuple(reading.unread))
