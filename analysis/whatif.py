"""What-if reassignment: edits to who leads and who assists, applied to a Plan.

An edit is a small frozen value; a list of them applied to a Plan gives a new Plan. The input plan
is never changed, so a page can keep the original and any number of variants side by side.

    MoveRole(activity_id, from_unit, to_unit, role=None, note=None)
        activity_id None moves the unit's roles on every activity ("WSIS-ES's roles go to CEC");
        role None moves both roles. Where the target already holds a role on that activity it keeps
        one role, the stronger (lead beats assist). The moved role keeps its note ("logistics")
        unless `note` is given ("" clears it).
    AddRole(activity_id, unit, role, note="")
        Gives a unit a role it does not hold. Adding lead to a unit that assists promotes it;
        adding a role the unit already holds, or assist to a unit that leads, is an error.
    RemoveRole(activity_id, unit, role)
        Takes away a role the unit holds.

    apply_edits(plan, edits) -> Plan          edits in order; ValueError naming the bad edit
    describe_edit(edit, plan) -> str          "Move all of WSIS-ES's roles to CEC"

The workload before and after is analysis.compare's (workload_comparison, compare_views).

How the new plan is rebuilt. For every activity an edit touches, the `lead` and `assist` text cells
are written again from the edited roles ("BR (for standardization issues); TSB"), and that
activity's assignment rows are read back from those cells exactly as analysis.load reads them.
So `analysis.export.plan_to_csv_text(new_plan)` is a valid plan file, and parsing it gives the
same assignments (the round trip the tests check). Activities no edit touches keep their cells and
rows untouched. A group ("Sectors") stays written as the group while all of its units keep the role
it gave them; once one of them is moved or removed the others are written out one by one.
`allocation_text` and `comments` are the 2006 document's own words and are left as they were;
partners, events and themes do not change. The new plan's digest is that of its CSV text, the
digest `parse_plan` would give the downloaded file.

Apply edits to the whole plan, then filter: a plan filtered by unit or role holds only some of an
activity's assignments, and an edited activity's cells are written from the assignments it holds.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.cells import did_you_mean, parse_item, split_items
from analysis.export import plan_to_csv_text
from analysis.model import ASSIGNMENT_COLUMNS, ROLES, UNIT_GROUPS, Plan

# A unit holds at most one role on an activity after an edit; when two meet, the stronger stays.
_STRENGTH: dict[str, int] = {"lead": 2, "assist": 1}


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise ValueError(f"'{role}' is not a role; use 'lead' or 'assist'.")


def _check_note(note: str) -> None:
    # The note is written inside round brackets in the cell; brackets inside it would not read back.
    if "(" in note or ")" in note:
        raise ValueError(f"the note '{note}' cannot contain round brackets.")
    if "\n" in note or "\r" in note:
        raise ValueError("a note must be one line.")


@dataclass(frozen=True)
class MoveRole:
    """Hand a unit's role(s) to another unit, on one activity or (activity_id None) on all."""

    activity_id: str | None
    from_unit: str
    to_unit: str
    role: str | None = None
    note: str | None = None

    def __post_init__(self) -> None:
        if self.role is not None:
            _check_role(self.role)
        if self.note is not None:
            _check_note(self.note)
        if self.from_unit == self.to_unit:
            raise ValueError(f"cannot move {self.from_unit}'s roles to {self.to_unit} itself.")


@dataclass(frozen=True)
class AddRole:
    """Give a unit a role on an activity."""

    activity_id: str
    unit: str
    role: str
    note: str = ""

    def __post_init__(self) -> None:
        _check_role(self.role)
        _check_note(self.note)


@dataclass(frozen=True)
class RemoveRole:
    """Take a role on an activity away from a unit."""

    activity_id: str
    unit: str
    role: str

    def __post_init__(self) -> None:
        _check_role(self.role)


Edit = MoveRole | AddRole | RemoveRole


@dataclass(frozen=True)
class _Entry:
    """One role as the cells hold it: the unit, its role and note, and the group it came from."""

    unit: str
    role: str
    note: str
    via: str


# ---------------------------------------------------------------- describing


def _activity_words(plan: Plan, activity_id: str) -> str:
    titles = plan.activities.loc[plan.activities["activity_id"] == activity_id, "title"]
    return f"{activity_id} ({titles.iloc[0]})" if len(titles) else activity_id


def describe_edit(edit: Edit, plan: Plan) -> str:
    """The edit in words, for the list of edits a page shows; never raises for unknown ids."""
    if isinstance(edit, MoveRole):
        roles = f"{edit.role} roles" if edit.role else "roles"
        if edit.activity_id is None:
            text = f"Move all of {edit.from_unit}'s {roles} to {edit.to_unit}"
        else:
            what = f"{edit.role} role" if edit.role else "roles"
            where = _activity_words(plan, edit.activity_id)
            text = f"Move {edit.from_unit}'s {what} on {where} to {edit.to_unit}"
        if edit.note is not None:
            text += f" (note: {edit.note})" if edit.note else " (without their notes)"
        return text
    if isinstance(edit, AddRole):
        unit = f"{edit.unit} ({edit.note})" if edit.note else edit.unit
        return f"Add {unit} as {edit.role} on {_activity_words(plan, edit.activity_id)}"
    return f"Remove {edit.unit}'s {edit.role} role on {_activity_words(plan, edit.activity_id)}"


# ---------------------------------------------------------------- applying


class _Roles:
    """The roles of every activity as ordered entries, edited in place on this private copy."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.ids: list[str] = list(plan.activities["activity_id"])
        self.titles = dict(
            zip(plan.activities["activity_id"], plan.activities["title"], strict=True)
        )
        self.units: list[str] = list(plan.units["code"])
        self.entries: dict[str, list[_Entry]] = {activity_id: [] for activity_id in self.ids}
        for row in plan.assignments.itertuples(index=False):
            if row.activity_id in self.entries:
                self.entries[str(row.activity_id)].append(
                    _Entry(str(row.unit), str(row.role), str(row.note), str(row.via))
                )
        self.touched: set[str] = set()

    def where(self, activity_id: str) -> str:
        return f"{activity_id} ({self.titles[activity_id]})"

    def check_activity(self, activity_id: str) -> None:
        if activity_id not in self.entries:
            raise ValueError(
                f"'{activity_id}' is not the id of any activity in this plan."
                + did_you_mean(activity_id, self.ids)
            )

    def check_unit(self, unit: str) -> None:
        if unit in UNIT_GROUPS:
            members = ", ".join(UNIT_GROUPS[unit])
            raise ValueError(f"'{unit}' is a group of units; name one of {members} instead.")
        if unit not in self.units:
            known = ", ".join(self.units)
            raise ValueError(
                f"'{unit}' is not a unit." + did_you_mean(unit, self.units) + f" Units: {known}."
            )

    def apply(self, edit: Edit) -> None:
        if isinstance(edit, MoveRole):
            self._move(edit)
        elif isinstance(edit, AddRole):
            self._add(edit)
        else:
            self._remove(edit)

    def _move(self, edit: MoveRole) -> None:
        if edit.activity_id is not None:
            self.check_activity(edit.activity_id)
        self.check_unit(edit.from_unit)
        self.check_unit(edit.to_unit)
        targets = self.ids if edit.activity_id is None else [edit.activity_id]

        def moves(entry: _Entry) -> bool:
            return entry.unit == edit.from_unit and edit.role in (None, entry.role)

        targets = [a for a in targets if any(moves(entry) for entry in self.entries[a])]
        if not targets:
            which = f"{edit.role} role" if edit.role else "role"
            where = "any activity" if edit.activity_id is None else self.where(edit.activity_id)
            raise ValueError(f"{edit.from_unit} holds no {which} on {where} to move.")
        for activity_id in targets:
            entries = self.entries[activity_id]
            for moved in [entry for entry in entries if moves(entry)]:
                held = [entry for entry in entries if entry.unit == edit.to_unit]
                strongest = max((_STRENGTH[entry.role] for entry in held), default=0)
                position = entries.index(moved)
                if strongest >= _STRENGTH[moved.role]:
                    # The target already does as much or more here: the moved role merges into it.
                    entries.remove(moved)
                    continue
                # The target takes the moved role in the moved unit's place; its weaker role goes.
                note = moved.note if edit.note is None else edit.note.strip()
                entries[position] = _Entry(edit.to_unit, moved.role, note, "")
                for weaker in held:
                    entries.remove(weaker)
            self.touched.add(activity_id)

    def _add(self, edit: AddRole) -> None:
        self.check_activity(edit.activity_id)
        self.check_unit(edit.unit)
        entries = self.entries[edit.activity_id]
        held = [entry for entry in entries if entry.unit == edit.unit]
        for entry in held:
            if _STRENGTH[entry.role] >= _STRENGTH[edit.role]:
                raise ValueError(
                    f"{edit.unit} already holds the {entry.role} role on "
                    f"{self.where(edit.activity_id)}; a unit holds one role per activity."
                )
        for entry in held:
            entries.remove(entry)
        # A new role is written at the end of its cell (cells are rendered one role at a time).
        entries.append(_Entry(edit.unit, edit.role, edit.note.strip(), ""))
        self.touched.add(edit.activity_id)

    def _remove(self, edit: RemoveRole) -> None:
        self.check_activity(edit.activity_id)
        self.check_unit(edit.unit)
        entries = self.entries[edit.activity_id]
        held = [e for e in entries if e.unit == edit.unit and e.role == edit.role]
        if not held:
            raise ValueError(
                f"{edit.unit} holds no {edit.role} role on {self.where(edit.activity_id)}."
            )
        for entry in held:
            entries.remove(entry)
        self.touched.add(edit.activity_id)


def _render_cell(entries: Sequence[_Entry]) -> str:
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


def _read_cell(cell: str, role: str) -> list[_Entry]:
    """A cell read back as analysis.load reads it: groups expanded, a unit named outright winning
    over the same unit reached through a group, first mention keeping its place."""
    found: dict[str, _Entry] = {}
    for text in split_items(cell):
        item = parse_item(text)
        if item is None:  # _render_cell never writes such an item: notes are checked for brackets
            raise ValueError(f"'{text}' cannot be read back as a unit.")
        if item.name in UNIT_GROUPS:
            codes, via = UNIT_GROUPS[item.name], item.name
        else:
            codes, via = (item.name,), ""
        for code in codes:
            if code in found and not (found[code].via and not via):
                continue
            found[code] = _Entry(code, role, item.note, via)
    return list(found.values())


def apply_edits(plan: Plan, edits: Iterable[Edit]) -> Plan:
    """The plan with the edits applied in order; raises ValueError naming the first bad edit."""
    edits = list(edits)
    if not edits:
        return plan
    roles = _Roles(plan)
    for number, edit in enumerate(edits, start=1):
        try:
            roles.apply(edit)
        except ValueError as error:
            raise ValueError(f"Edit {number} ({describe_edit(edit, plan)}): {error}") from None

    cells: dict[str, tuple[str, str]] = {}
    rebuilt: dict[str, list[_Entry]] = {}
    for activity_id in roles.touched:
        entries = roles.entries[activity_id]
        lead = _render_cell([e for e in entries if e.role == "lead"])
        assist = _render_cell([e for e in entries if e.role == "assist"])
        cells[activity_id] = (lead, assist)
        rebuilt[activity_id] = [*_read_cell(lead, "lead"), *_read_cell(assist, "assist")]

    activities = plan.activities
    ids = activities["activity_id"]
    touched = ids.isin(list(roles.touched))
    activities = activities.assign(
        lead=activities["lead"].where(~touched, ids.map(lambda a: cells.get(a, ("", ""))[0])),
        assist=activities["assist"].where(~touched, ids.map(lambda a: cells.get(a, ("", ""))[1])),
    ).astype({"lead": activities["lead"].dtype, "assist": activities["assist"].dtype})
    assignments = _assignments(plan, roles.ids, rebuilt)
    edited = plan.replace(activities=activities, assignments=assignments)
    digest = hashlib.sha256(plan_to_csv_text(edited).encode("utf-8")).hexdigest()[:16]
    return edited.replace(digest=digest)


def _assignments(plan: Plan, order: list[str], rebuilt: dict[str, list[_Entry]]) -> pd.DataFrame:
    """Assignment rows in activity order: kept rows for untouched activities, read-back rows for
    the edited ones, with each unit's name and Sector from the plan's units table.

    Built as two frames and one stable sort, not a piece per activity: at 5,400 activities the
    per-activity masks and the concatenation of thousands of pieces took seconds."""
    original = plan.assignments
    dtypes = original.dtypes.to_dict()
    names = dict(zip(plan.units["code"], plan.units["name"], strict=True))
    sectors = dict(zip(plan.units["code"], plan.units["sector"], strict=True))
    kept = original[~original["activity_id"].isin(list(rebuilt))]
    read_back = pd.DataFrame(
        [
            {
                "activity_id": activity_id,
                "unit": entry.unit,
                "unit_name": str(names[entry.unit]),
                "sector": str(sectors[entry.unit]),
                "role": entry.role,
                "note": entry.note,
                "via": entry.via,
            }
            for activity_id in order
            for entry in rebuilt.get(activity_id, [])
        ],
        columns=list(ASSIGNMENT_COLUMNS),
    )
    frame = pd.concat([kept.astype(dtypes), read_back.astype(dtypes)], ignore_index=True)
    # Rows of activities the plan does not list (none in a loaded plan) go last, not dropped.
    place = {activity_id: number for number, activity_id in enumerate(order)}
    position = frame["activity_id"].map(place).fillna(len(order)).to_numpy()
    frame = frame.iloc[np.argsort(position, kind="stable")].reset_index(drop=True)
    return frame[list(original.columns)]
