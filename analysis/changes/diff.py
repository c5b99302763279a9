"""Comparing two versions of the plan: what changed, one row per change, and in words.

    plan_changes(old, new) -> DataFrame
        columns CHANGE_COLUMNS: change, activity_id, title, unit_or_organisation, old, new, event.
        `change` is one of CHANGE_KINDS. Rows follow the old plan's activity order (activities only
        in the new plan come last, in its order); within an activity: added/removed, title, section,
        roles, partners, events.
    format_changes(changes) -> list[str]
        one line per row, naming the activity by its title:
        "Production of “E-Flash”: WSIS-ES lead → CEC lead",
        "Council WG-WSIS: meeting '10th meeting held 12-13 September 2006' moved 2006-09-12 →
        2006-10-02",
        "Action Line C1 (…): under 'New activities following WSIS', was under its pillar,
        Multi-stakeholder implementation".
    regrouping_sentence(old, new, old_name, new_name) -> str
        the headings that are not pillars, said once above the rows: "In note rev2.txt, the
        activities are grouped under 3 headings that are not pillars: '…' (4 activities), …";
        "" when both plans group them under the same headings.

The workload and balance of the two versions side by side are analysis.changes.compare's.

How the two versions are matched.
- Activities by activity_id. An added or removed activity is one row; its roles, partners and
  events are not listed again one by one (the workload comparison counts them).
- Roles per (activity, unit). A unit that now holds a role it did not hold is "role gained", one
  that no longer holds any role "role lost", one whose role or note changed "role changed". When on
  one activity a unit lost a role and another unit took up that same role (from nothing or from a
  weaker role: a unit holds one role per activity, so its assist goes when it takes the lead), the
  two make one handover row: change "role changed", unit_or_organisation "WSIS-ES → CEC", old
  "WSIS-ES lead", new "CEC lead".
  Role rows hold "UNIT role" or "UNIT role (note)" in old and new, "" on the side without a role.
- Headings per activity: the heading an activity stands under is its `section`, or its pillar
  where it has none (the 2006 note's headings are the pillars). An activity whose heading changed
  (a pillar for another, or regrouped under other sections) is one "heading changed" row, old/new
  holding the heading ("Multi-stakeholder implementation (pillar)" where it is the pillar). An
  item that moved with its activity (the same old and new heading) is not a row of
  its own: in the note an item stands in its activity's row, so its row would say it again.
- Partners per (activity, organisation, role): a partner whose role changed is one removed and one
  added row; old/new hold the partner role.
- Events per activity: first the same label and dates (unchanged, perhaps with a new status), then
  the same label (moved), then the same sentence apart from the date written in it, so that
  "10th meeting held 12-13 September 2006" → "10th meeting held 2-3 October 2006" is one move and
  not a removal and an addition. The rest are added or removed. old/new hold the date at the
  event's precision (2006-09-12, 2006-10, 2006), or its status for "event status changed"; the
  `event` column holds the old label (the new one for an added event).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

import pandas as pd

from analysis.changes.event_changes import event_changes, events_by_activity
from analysis.model import Plan

CHANGE_KINDS: tuple[str, ...] = (
    "activity added",
    "activity removed",
    "role gained",
    "role lost",
    "role changed",
    "partner added",
    "partner removed",
    "event added",
    "event removed",
    "event moved",
    "event status changed",
    "title changed",
    "heading changed",
)
CHANGE_COLUMNS: tuple[str, ...] = (
    "change",
    "activity_id",
    "title",
    "unit_or_organisation",
    "old",
    "new",
    "event",
)
# Words an event's sentence may use for what it is, to say "meeting '…' moved" in a line.
_EVENT_NOUNS: tuple[str, ...] = (
    "meeting",
    "session",
    "workshop",
    "ceremony",
    "report",
    "edition",
    "pavilion",
)


@dataclass(frozen=True)
class _Change:
    change: str
    activity_id: str
    title: str
    unit_or_organisation: str = ""
    old: str = ""
    new: str = ""
    event: str = ""


# ---------------------------------------------------------------- roles


def _role_text(unit: str, roles: tuple[tuple[str, str], ...]) -> str:
    """ "CEC lead", "WSIS-ES assist (logistics)"; several roles of one unit joined with " + "."""
    parts = [f"{unit} {role} ({note})" if note else f"{unit} {role}" for role, note in roles]
    return " + ".join(parts)


Roles = dict[str, tuple[tuple[str, str], ...]]


def _roles_by_activity(plan: Plan) -> dict[str, Roles]:
    """activity → unit → its (role, note) pairs, units in the order the cells name them."""
    rows = plan.assignments
    found: dict[str, dict[str, list[tuple[str, str]]]] = {}
    for activity_id, unit, role, note in zip(
        rows["activity_id"], rows["unit"], rows["role"], rows["note"], strict=True
    ):
        found.setdefault(str(activity_id), {}).setdefault(str(unit), []).append(
            (str(role), str(note))
        )
    return {
        activity_id: {unit: tuple(pairs) for unit, pairs in units.items()}
        for activity_id, units in found.items()
    }


def _role_changes(before: Roles, after: Roles, activity_id: str, title: str) -> list[_Change]:
    lost = [unit for unit in before if unit not in after]
    gained = [unit for unit in after if unit not in before]
    changed = [unit for unit in before if unit in after and before[unit] != after[unit]]

    # A lost role pairs with the first unit that took up exactly that role: a handover.
    takers = [unit for unit in after if unit in gained or unit in changed]
    handed: dict[str, str] = {}
    for giver in lost:
        if len(before[giver]) != 1:
            continue
        role = before[giver][0][0]
        for taker in takers:
            took = after[taker]
            had = {r for r, _ in before.get(taker, ())}
            free = taker not in handed.values()
            if free and len(took) == 1 and took[0][0] == role and role not in had:
                handed[giver] = taker
                break

    rows: list[_Change] = []
    for unit in lost:
        heir = handed.get(unit)
        if heir is None:
            rows.append(
                _Change("role lost", activity_id, title, unit, _role_text(unit, before[unit]))
            )
        else:
            rows.append(
                _Change(
                    "role changed",
                    activity_id,
                    title,
                    f"{unit} → {heir}",
                    _role_text(unit, before[unit]),
                    _role_text(heir, after[heir]),
                )
            )
    for unit in changed:
        if unit not in handed.values():
            rows.append(
                _Change(
                    "role changed",
                    activity_id,
                    title,
                    unit,
                    _role_text(unit, before[unit]),
                    _role_text(unit, after[unit]),
                )
            )
    for unit in gained:
        if unit not in handed.values():
            rows.append(
                _Change("role gained", activity_id, title, unit, "", _role_text(unit, after[unit]))
            )
    return rows


# ---------------------------------------------------------------- headings


@dataclass(frozen=True)
class _Heading:
    section: str  # "" (or the pillar itself) where the activity stands under its pillar
    pillar: str
    parent_id: str

    def text(self) -> str:
        under_pillar = self.section in ("", self.pillar)
        return f"{self.pillar} (pillar)" if under_pillar else self.section


def _headings(plan: Plan) -> dict[str, _Heading]:
    rows = plan.activities
    return {
        str(activity_id): _Heading(str(section), str(pillar), str(parent_id))
        for activity_id, section, pillar, parent_id in zip(
            rows["activity_id"], rows["section"], rows["pillar"], rows["parent_id"], strict=True
        )
    }


def _moved(before: _Heading | None, after: _Heading | None) -> tuple[str, str] | None:
    """(old heading, new heading) when the activity stands under another heading."""
    if before is None or after is None:
        return None
    if before.text() == after.text():
        return None
    return before.text(), after.text()


def _section_changes(
    old: dict[str, _Heading], new: dict[str, _Heading], activity_id: str, title: str
) -> list[_Change]:
    moved = _moved(old.get(activity_id), new.get(activity_id))
    if moved is None:
        return []
    parent = new[activity_id].parent_id
    if parent and _moved(old.get(parent), new.get(parent)) == moved:
        return []  # said by its activity's row
    return [_Change("heading changed", activity_id, title, "", *moved)]


def _heading_counts(plan: Plan) -> dict[str, int]:
    """Each section (a heading that is not a pillar) → how many activities, items aside."""
    rows = plan.activities
    apart = (rows["section"] != "") & (rows["section"] != rows["pillar"])
    top = rows[(rows["parent_id"] == "") & apart]
    return {str(section): len(group) for section, group in top.groupby("section", sort=False)}


def _headings_text(counts: dict[str, int]) -> str:
    parts = [f"'{heading}' ({count})" for heading, count in counts.items()]
    first = next(iter(counts.values()))
    parts[0] = parts[0][:-1] + (" activity)" if first == 1 else " activities)")
    return ", ".join(parts)


def regrouping_sentence(old: Plan, new: Plan, old_name: str, new_name: str) -> str:
    """What a manager is told once about headings: in which headings that are not pillars the
    new plan groups the activities (the note's Rev.2 regroups them by status), and the old
    plan's where it had some; "" when both have the same headings (or none). Counts are
    activities, not their items."""
    before, after = _heading_counts(old), _heading_counts(new)
    if set(before) == set(after):
        return ""
    if not after:
        return (
            f"In {new_name}, the activities are grouped under their pillars, not under the "
            f"{len(before)} headings of {old_name}: {_headings_text(before)}."
        )
    headings = (
        "1 heading that is not a pillar"
        if len(after) == 1
        else (f"{len(after)} headings that are not pillars")
    )
    sentence = (
        f"In {new_name}, the activities are grouped under {headings}: {_headings_text(after)}"
    )
    if before:
        sentence += f"; in {old_name}, under {len(before)}: {_headings_text(before)}"
    return sentence + "."


# ---------------------------------------------------------------- partners


def _partners_by_activity(plan: Plan) -> dict[str, list[tuple[str, str]]]:
    """activity → its (organisation, role) pairs, in the plan's order."""
    rows = plan.partners
    found: dict[str, list[tuple[str, str]]] = {}
    for activity_id, organisation, role in zip(
        rows["activity_id"], rows["organisation"], rows["role"], strict=True
    ):
        found.setdefault(str(activity_id), []).append((str(organisation), str(role)))
    return found


def _partner_changes(
    before: list[tuple[str, str]], after: list[tuple[str, str]], activity_id: str, title: str
) -> list[_Change]:
    rows = [
        _Change("partner removed", activity_id, title, organisation, role, "")
        for organisation, role in before
        if (organisation, role) not in after
    ]
    rows += [
        _Change("partner added", activity_id, title, organisation, "", role)
        for organisation, role in after
        if (organisation, role) not in before
    ]
    return rows


# ---------------------------------------------------------------- the whole plan


def plan_changes(old: Plan, new: Plan) -> pd.DataFrame:
    """Every change from old to new, one row each (columns CHANGE_COLUMNS); empty when equal."""
    old_titles = dict(zip(old.activities["activity_id"], old.activities["title"], strict=True))
    new_titles = dict(zip(new.activities["activity_id"], new.activities["title"], strict=True))
    order = [*old_titles, *(a for a in new_titles if a not in old_titles)]
    # Each table grouped by activity once: a lookup per activity over the whole table made the
    # comparison quadratic (minutes at 5,400 activities).
    old_roles, new_roles = _roles_by_activity(old), _roles_by_activity(new)
    old_partners, new_partners = _partners_by_activity(old), _partners_by_activity(new)
    old_events, new_events = events_by_activity(old), events_by_activity(new)
    old_headings, new_headings = _headings(old), _headings(new)
    rows: list[_Change] = []
    for activity_id in order:
        if activity_id not in new_titles:
            title = str(old_titles[activity_id])
            rows.append(_Change("activity removed", activity_id, title, "", title, ""))
            continue
        title = str(new_titles[activity_id])
        if activity_id not in old_titles:
            rows.append(_Change("activity added", activity_id, title, "", "", title))
            continue
        if old_titles[activity_id] != title:
            was = str(old_titles[activity_id])
            rows.append(_Change("title changed", activity_id, title, "", was, title))
        rows += _section_changes(old_headings, new_headings, activity_id, title)
        rows += _role_changes(
            old_roles.get(activity_id, {}), new_roles.get(activity_id, {}), activity_id, title
        )
        rows += _partner_changes(
            old_partners.get(activity_id, []), new_partners.get(activity_id, []), activity_id, title
        )
        rows += [
            _Change(change, activity_id, title, "", was, now, label)
            for change, was, now, label in event_changes(
                old_events.get(activity_id, []), new_events.get(activity_id, [])
            )
        ]
    frame = pd.DataFrame([row.__dict__ for row in rows], columns=list(CHANGE_COLUMNS))
    return frame.astype(str)


def _event_noun(label: str) -> str:
    """The first of a few words naming what the event is ("meeting"), else "event"."""
    lowered = label.lower()
    found = [(lowered.find(noun), noun) for noun in _EVENT_NOUNS if noun in lowered]
    return min(found)[1] if found else "event"


def _heading_words(heading: str) -> str:
    """ "its pillar, Internet Governance" for a pillar heading; "'New activities…'" else."""
    if heading.endswith(" (pillar)"):
        return f"its pillar, {heading.removesuffix(' (pillar)')}"
    return f"'{heading}'"


def format_changes(changes: pd.DataFrame) -> list[str]:
    """One plain line per row of plan_changes, naming the activity by its title."""
    lines: list[str] = []
    for row in changes.itertuples(index=False):
        change, title, who = str(row.change), str(row.title), str(row.unit_or_organisation)
        old, new, label = str(row.old), str(row.new), str(row.event)
        event = f"{_event_noun(label)} '{label}'"
        text = {
            "activity added": f"{title}: activity {row.activity_id} added",
            "activity removed": f"{title}: activity {row.activity_id} removed",
            "title changed": f"{old}: title changed to '{new}'",
            "heading changed": f"{title}: under {_heading_words(new)}, was under "
            f"{_heading_words(old)}",
            "role gained": f"{title}: {new} added",
            "role lost": f"{title}: {old} removed",
            "role changed": f"{title}: {old} → {new}",
            "partner added": f"{title}: partner {who} ({new}) added",
            "partner removed": f"{title}: partner {who} ({old}) removed",
            "event added": f"{title}: {event} added, {new}",
            "event removed": f"{title}: {event} removed, was {old}",
            "event moved": f"{title}: {event} moved {old} → {new}",
            "event status changed": f"{title}: {event} status {old} → {new}",
        }.get(change, f"{title}: {change}")
        lines.append(text)
    return lines


ROLE_CHANGES: tuple[str, ...] = ("role gained", "role lost", "role changed")


def changes_of_kinds(changes: pd.DataFrame, kinds: Iterable[str]) -> pd.DataFrame:
    """The rows of plan_changes whose change is one of kinds; all rows when kinds is empty."""
    wanted = list(kinds)
    if not wanted:
        return changes
    return changes[changes["change"].isin(wanted)].reset_index(drop=True)


def changes_in_views(changes: pd.DataFrame, *views: Plan) -> pd.DataFrame:
    """The rows about activities present in any of the (filtered) views: the sidebar filters
    narrow the list of changes without losing an activity that only one side still shows."""
    ids: set[str] = set()
    for view in views:
        ids.update(str(activity_id) for activity_id in view.activities["activity_id"])
    return changes[changes["activity_id"].isin(sorted(ids))].reset_index(drop=True)


def changes_for_units(changes: pd.DataFrame, units: Collection[str]) -> pd.DataFrame:
    """Role rows involving any of these units, on either side of a handover ("WSIS-ES → CEC")."""
    wanted = set(units)

    def involves(who: str) -> bool:
        return any(part.strip() in wanted for part in who.split("→"))

    is_role = changes["change"].isin(list(ROLE_CHANGES))
    named = changes["unit_or_organisation"].map(involves).astype(bool)
    return changes[is_role & named].reset_index(drop=True)
