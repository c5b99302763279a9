"""What a what-if edit did to the roles, one value per role changed, with its reason in words
and its effect on each unit's counts.

    kind        what happened                                         counts
    moved       a unit's role goes to a unit that held no role there   giver -1 role, taker +1 role
    merged      a lead goes to a unit that assisted there: the         giver -1 lead, taker +1 lead,
                taker's own assist is merged into that lead            taker -1 assist
    dropped     the taker already held as much (it leads, or it        giver -1 role
                assists and an assist was moved): the role goes
    promoted    a lead added to a unit that assisted                  unit -1 assist, +1 lead
    added       a role added to a unit that held none there            unit +1 role
    removed     a role taken away                                      unit -1 role

The counts of all the changes of some edits add up, unit by unit, to the difference between the
plan before and after (tests/unit/test_role_changes.py checks every move between two units of the
bundled plan). The total load falls when roles are merged or dropped: two roles become one.

Notes. A note that says what the role is for ("logistics", "for stocktaking", "focal point",
"Secretariat") moves with the role. A note that names a post, a person or a body of the giving
unit ("Executive Director, focal point for Greece…", "Study Group 3", "Coordination Unit") stays
behind: it would be false of the unit taking the role. The change says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# Words that name a post or a body of a unit, not what a role is for.
_OWN_POST_OR_BODY = re.compile(
    r"\b(director|directors|chief|head|officer|secretary|coordinator|manager|"
    r"unit|study groups?|bureau|division|department|team|office)\b",
    re.IGNORECASE,
)


def note_moves_with_role(note: str) -> bool:
    """Whether a role's note still holds when another unit takes the role (see the module doc)."""
    return not _OWN_POST_OR_BODY.search(note)


def _with_note(role: str, note: str) -> str:
    return f"{role} ({note})" if note else role


@dataclass(frozen=True)
class RoleChange:
    """One role changed on one activity. unit: the giving unit (moved, merged, dropped) or the
    unit added, removed or promoted; role: the role it gave, or was added, removed, promoted to;
    to_unit: the taking unit; old_note / new_note: the note before and after; held_role /
    held_note: what the taker already held (merged, dropped), or the assist promoted."""

    activity_id: str
    kind: str
    unit: str
    role: str
    to_unit: str = ""
    old_note: str = ""
    new_note: str = ""
    held_role: str = ""
    held_note: str = ""

    def line(self) -> str:
        """The change in words, without the activity id (the revisions cell of its row)."""
        giver, taker = self.unit, self.to_unit
        if self.kind == "dropped":
            already = "leads" if self.held_role == "lead" else "assists on"
            given = _with_note(self.role, self.old_note)
            return f"{giver}'s {given} is dropped: {taker} already {already} {self.activity_id}"
        if self.kind in ("moved", "merged"):
            stays = bool(self.old_note) and not self.new_note
            stays_as_post = stays and not note_moves_with_role(self.old_note)
            shown = "" if stays_as_post else self.old_note
            text = f"{giver}'s {_with_note(self.role, shown)} moves to {taker}"
            if stays_as_post:
                text += (
                    f"; {giver}'s note '{self.old_note}' names its own post or body and is "
                    f"not copied to {taker}"
                )
            elif stays:
                text += " without its note"
            elif self.new_note != self.old_note:
                text += f", noted '{self.new_note}'"
            if self.kind == "merged":
                own = _with_note(self.held_role, self.held_note)
                text += f"; {taker}'s own {own} there is merged into that {self.role}"
            return text
        if self.kind == "promoted":
            was = _with_note("assist", self.held_note)
            return f"{giver} is promoted from {was} to {_with_note('lead', self.new_note)}"
        if self.kind == "added":
            return f"{giver} is added as {_with_note(self.role, self.new_note)}"
        return f"{giver}'s {_with_note(self.role, self.old_note)} is removed"

    def counts(self) -> dict[tuple[str, str], int]:
        """(unit, role) → how many roles of that kind the unit gains (+) or loses (-)."""
        found: dict[tuple[str, str], int] = {}

        def add(unit: str, role: str, number: int) -> None:
            found[(unit, role)] = found.get((unit, role), 0) + number

        if self.kind in ("moved", "merged", "dropped", "removed"):
            add(self.unit, self.role, -1)
        if self.kind in ("moved", "merged"):
            add(self.to_unit, self.role, +1)
        if self.kind == "merged":
            add(self.to_unit, self.held_role, -1)
        if self.kind == "promoted":
            add(self.unit, "assist", -1)
            add(self.unit, "lead", +1)
        if self.kind == "added":
            add(self.unit, self.role, +1)
        return found


def change_lines(changes: Iterable[RoleChange]) -> list[str]:
    """'A31: WSIS-ES's lead moves to CEC; CEC's own assist there is merged into that lead'."""
    return [f"{change.activity_id}: {change.line()}" for change in changes]


def in_activities(changes: Iterable[RoleChange], activity_ids: Iterable[str]) -> list[RoleChange]:
    """The changes on these activities (those a filtered view shows)."""
    wanted = set(activity_ids)
    return [change for change in changes if change.activity_id in wanted]
