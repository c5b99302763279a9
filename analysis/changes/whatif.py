"""What-if reassignment: edits to who leads and who assists, applied to a Plan.

An edit is a small frozen value; a list of them applied to a Plan gives a new Plan. The input plan
is never changed, so a page can keep the original and any number of variants side by side.

    MoveRole(activity_id, from_unit, to_unit, role=None, note=None)
        activity_id None moves the unit's roles on every activity ("WSIS-ES's roles go to CEC");
        role None moves both roles. Where the target already holds a role on that activity it keeps
        one role, the stronger (lead beats assist). The moved role keeps a note that says what it
        is for ("logistics") but not one naming the giver's own post ("Executive Director"),
        unless `note` is given ("" clears it); see analysis.changes.role_changes.
    AddRole(activity_id, unit, role, note="")
        Gives a unit a role it does not hold. Adding lead to a unit that assists promotes it;
        adding a role the unit already holds, or assist to a unit that leads, is an error.
    RemoveRole(activity_id, unit, role)
        Takes away a role the unit holds.

    apply_edits(plan, edits, dated) -> Plan   edits in order; ValueError naming the bad edit
    explain_edits(plan, edits, dated) -> WhatIf   the plan and every role change, with its reason
    describe_edit(edit, plan) -> str          "Move all of WSIS-ES's roles to CEC"

The workload before and after is analysis.changes.compare's (workload_comparison, compare_views).

How the new plan is rebuilt. For every activity an edit touches, the `lead` and `assist` text cells
are written again from the edited roles ("BR (for standardization issues); TSB"), and that
activity's assignment rows are read back from those cells exactly as analysis.planfile.load reads
them. So `analysis.planfile.plan_csv.plan_csv_bytes(new_plan)` is a valid plan file, and parsing it
gives the same assignments (the round trip the tests check). Activities no edit touches keep their
cells and rows untouched (analysis.planfile.role_cells). `allocation_text` and `comments` are the
2006 document's own words and are left as they were; instead the `revisions` cell of each changed
row gains one dated line per role change ("2026-12-02: WSIS-ES's lead moves to CEC; …"). Partners,
events and themes do not change. The new plan's digest is that of its CSV text, the
digest `parse_plan` would give the downloaded file.

Apply edits to the whole plan, then filter: a plan filtered by unit or role holds only some of an
activity's assignments, and an edited activity's cells are written from the assignments it holds.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date

import pandas as pd

from analysis.changes.role_changes import RoleChange, note_moves_with_role
from analysis.model import ROLES, UNIT_GROUPS, Plan
from analysis.planfile.cells import did_you_mean
from analysis.planfile.plan_csv import plan_csv_bytes
from analysis.planfile.revisions import with_revisions
from analysis.planfile.role_cells import Entry, read_cell, rebuild_assignments, render_cell

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
        self.entries: dict[str, list[Entry]] = {activity_id: [] for activity_id in self.ids}
        held = plan.assignments
        # Column lists, not itertuples: it takes Arrow string columns a cell at a time.
        for activity_id, unit, role, note, via in zip(
            *(held[column].tolist() for column in ("activity_id", "unit", "role", "note", "via")),
            strict=True,
        ):
            if activity_id in self.entries:
                self.entries[str(activity_id)].append(
                    Entry(str(unit), str(role), str(note), str(via))
                )
        self.touched: set[str] = set()
        self.changes: list[RoleChange] = []

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

        def moves(entry: Entry) -> bool:
            return entry.unit == edit.from_unit and edit.role in (None, entry.role)

        targets = [a for a in targets if any(moves(entry) for entry in self.entries[a])]
        if not targets:
            which = f"{edit.role} role" if edit.role else "role"
            where = "any activity" if edit.activity_id is None else self.where(edit.activity_id)
            raise ValueError(f"{edit.from_unit} holds no {which} on {where} to move.")
        for activity_id in targets:
            entries = self.entries[activity_id]
            for moved in [entry for entry in entries if moves(entry)]:
                self._move_one(activity_id, moved, edit)
            self.touched.add(activity_id)

    def _move_one(self, activity_id: str, moved: Entry, edit: MoveRole) -> None:
        entries = self.entries[activity_id]
        held = [entry for entry in entries if entry.unit == edit.to_unit]
        covering = max(held, key=lambda entry: _STRENGTH[entry.role], default=None)
        change = RoleChange(activity_id, "moved", edit.from_unit, moved.role, edit.to_unit)
        change = replace(change, old_note=moved.note)
        if covering is not None and _STRENGTH[covering.role] >= _STRENGTH[moved.role]:
            # The target already does as much or more here: the moved role is dropped.
            entries.remove(moved)
            self.changes.append(
                replace(change, kind="dropped", held_role=covering.role, held_note=covering.note)
            )
            return
        # The target takes the moved role in the moved unit's place; its weaker role merges in.
        # A note naming the giver's own post or body ("Executive Director") stays behind.
        if edit.note is not None:
            note = edit.note.strip()
        else:
            note = moved.note if note_moves_with_role(moved.note) else ""
        entries[entries.index(moved)] = Entry(edit.to_unit, moved.role, note, "")
        for weaker in held:
            entries.remove(weaker)
        if covering is not None:
            change = replace(
                change, kind="merged", held_role=covering.role, held_note=covering.note
            )
        self.changes.append(replace(change, new_note=note))

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
        note = edit.note.strip()
        entries.append(Entry(edit.unit, edit.role, note, ""))
        change = RoleChange(edit.activity_id, "added", edit.unit, edit.role, new_note=note)
        if held:
            change = replace(change, kind="promoted", held_role="assist", held_note=held[0].note)
        self.changes.append(change)
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
            self.changes.append(
                RoleChange(edit.activity_id, "removed", edit.unit, edit.role, old_note=entry.note)
            )
        self.touched.add(edit.activity_id)


@dataclass(frozen=True)
class WhatIf:
    """A plan with edits applied, and every role change they made, in order."""

    plan: Plan
    changes: tuple[RoleChange, ...]


def apply_edits(plan: Plan, edits: Iterable[Edit], dated: date | None = None) -> Plan:
    """The plan with the edits applied in order; raises ValueError naming the first bad edit.
    Each changed row's `revisions` cell gains one line per role change, dated `dated` (today
    when not given)."""
    return explain_edits(plan, edits, dated).plan


def explain_edits(plan: Plan, edits: Iterable[Edit], dated: date | None = None) -> WhatIf:
    """apply_edits, with the role changes that make the difference
    (analysis.changes.role_changes)."""
    edits = list(edits)
    if not edits:
        return WhatIf(plan, ())
    roles = _Roles(plan)
    for number, edit in enumerate(edits, start=1):
        try:
            roles.apply(edit)
        except ValueError as error:
            raise ValueError(f"Edit {number} ({describe_edit(edit, plan)}): {error}") from None

    cells: dict[str, tuple[str, str]] = {}
    rebuilt: dict[str, list[Entry]] = {}
    for activity_id in roles.touched:
        entries = roles.entries[activity_id]
        lead = render_cell([e for e in entries if e.role == "lead"])
        assist = render_cell([e for e in entries if e.role == "assist"])
        cells[activity_id] = (lead, assist)
        rebuilt[activity_id] = [*read_cell(lead, "lead"), *read_cell(assist, "assist")]

    lines: dict[str, list[str]] = {}
    for change in roles.changes:
        lines.setdefault(change.activity_id, []).append(change.line())
    activities = plan.activities
    ids = activities["activity_id"].tolist()
    when = dated or date.today()

    def column(
        name: str, new_value: Callable[[str, object], object], changed: Iterable[str]
    ) -> pd.Series:
        """The column with the cells of the `changed` activities replaced, in its own dtype."""
        changed = set(changed)
        values = [
            new_value(a, cell) if a in changed else cell
            for a, cell in zip(ids, activities[name].tolist(), strict=True)
        ]
        return pd.Series(values, index=activities.index, dtype=activities[name].dtype, name=name)

    activities = activities.assign(
        lead=column("lead", lambda a, _: cells[a][0], roles.touched),
        assist=column("assist", lambda a, _: cells[a][1], roles.touched),
        revisions=column(
            "revisions", lambda a, cell: with_revisions(str(cell), lines[a], when), lines
        ),
    )
    assignments = rebuild_assignments(plan, roles.ids, rebuilt)
    edited = plan.replace(activities=activities, assignments=assignments)
    digest = hashlib.sha256(plan_csv_bytes(edited)).hexdigest()[:16]
    return WhatIf(edited.replace(digest=digest), tuple(roles.changes))
