"""The Plan value and the vocabulary every layer shares."""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

# How every caption, slide and report names the document the data comes from.
SOURCE_DOCUMENT = '"WSIS Implementation plan within ITU", Note by the ITU Secretary-General (2006)'
PLAN_TITLE = "WSIS Implementation plan within ITU"

PILLARS: tuple[str, ...] = (
    "Multi-stakeholder implementation",
    "UN system-wide implementation",
    "Internet Governance",
    "Other implementation issues",
)
# The pillar of an activity read from a note whose heading is not a pillar and whose title the
# plan in use does not have (analysis.note.rows).
PILLAR_NOT_STATED = "not stated"
SECTORS: tuple[str, ...] = ("ITU-R", "ITU-T", "ITU-D", "General Secretariat")
ROLES: tuple[str, ...] = ("lead", "assist")
PARTNER_ROLES: tuple[str, ...] = (
    "focal point",
    "co-facilitator",
    "sole facilitator",
    "coordination",
    "partner",
)
# held: the plan reports it; planned: not ended on the as-of date (or starts after it);
# unconfirmed: the plan says planned but it ended before the as-of date
# (planfile.dates.event_status).
EVENT_STATUSES: tuple[str, ...] = ("held", "planned", "unconfirmed")
ACTION_LINES: tuple[str, ...] = tuple(f"C{n}" for n in range(1, 12))
C7_THEMES: tuple[str, ...] = (
    "eGovernment",
    "eBusiness",
    "eLearning",
    "eHealth",
    "eEmployment",
    "eEnvironment",
    "Agriculture",
    "eScience",
)
# A name in a lead/assist cell that stands for several units (docs/counting-rules.md, Roles).
UNIT_GROUPS: dict[str, tuple[str, ...]] = {"Sectors": ("BR", "TSB", "BDT")}
VAGUE_UNITS: tuple[str, ...] = ("Sectors", "GS")


def unit_group(name: str) -> str | None:
    """The group of UNIT_GROUPS a name stands for, in any letter case ("Sectors", and "sectors"
    as in "BDT and sectors": docs/counting-rules.md, Roles); None for a name that is no group."""
    folded = name.strip().casefold()
    return next((group for group in UNIT_GROUPS if group.casefold() == folded), None)


# The columns of data/plan.csv, in the order the bundled file uses.
PLAN_COLUMNS: tuple[str, ...] = (
    "activity_id",
    "parent_id",
    "pillar",
    "title",
    "action_line",
    "theme",
    "references",
    "lead",
    "assist",
    "partners",
    "cross_references",
    "allocation_text",
    "comments",
)
REQUIRED_CELLS: tuple[str, ...] = ("activity_id", "pillar", "title")
# Columns a plan file may have, after the others; a file without them reads as if blank.
# `revisions`: the changes made to a row since the 2006 text, one "YYYY-MM-DD: what changed"
# line each (what-if writes them), so allocation_text and comments can stay verbatim.
# `section`: the heading the activity stands under in the note it was read from, where that is
# not its pillar (a revision's status headings); analysis.note writes it.
OPTIONAL_PLAN_COLUMNS: tuple[str, ...] = ("revisions", "section")
PLAN_FILE_COLUMNS: tuple[str, ...] = (*PLAN_COLUMNS, *OPTIONAL_PLAN_COLUMNS)

ACTIVITY_COLUMNS: tuple[str, ...] = (*PLAN_FILE_COLUMNS, "row")
ASSIGNMENT_COLUMNS: tuple[str, ...] = (
    "activity_id",
    "unit",
    "unit_name",
    "sector",
    "role",
    "note",
    "via",
)
PARTNER_COLUMNS: tuple[str, ...] = (
    "activity_id",
    "organisation",
    "organisation_name",
    "kind",
    "role",
)
EVENT_COLUMNS: tuple[str, ...] = (
    "activity_id",
    "start",
    "end",
    "precision",
    "status",
    "planned_in_text",
    "label",
    "location",
    "date_text",
)
THEME_COLUMNS: tuple[str, ...] = ("activity_id", "action_line", "theme", "theme_label")


@dataclass(frozen=True)
class Plan:
    """The plan as tidy frames. Frames are never mutated after loading.

    activities:    one row per activity (sub-activities included), the plan.csv columns + `row`
                   (the line of plan.csv it came from).
    assignments:   one row per (activity, unit, role): activity_id, unit, unit_name, sector,
                   role (lead|assist), note, via (the group name it was expanded from, or "").
    partners:      one row per (activity, organisation, role).
    events:        one row per dated occurrence in the comments: start/end (datetime64),
                   precision (day|month|year), status (held|planned|unconfirmed on the plan's
                   as_of), label (its sentence).
    themes:        one row per (activity, action line): theme_label is "C7" or "C7 · eHealth".
    units, organisations: the reference tables the plan was checked against.
    """

    activities: pd.DataFrame
    assignments: pd.DataFrame
    partners: pd.DataFrame
    events: pd.DataFrame
    themes: pd.DataFrame
    units: pd.DataFrame
    organisations: pd.DataFrame
    as_of: date
    source_name: str = "data/plan.csv"
    digest: str = ""
    warnings: tuple[str, ...] = field(default_factory=tuple)

    def replace(self, **changes: object) -> Plan:
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]

    def part_digest(self, which: str) -> str:
        """The digest of a part of this plan (a filtered view, a search result): its own, so a
        cache keyed by digest never mistakes one part for another or for the whole plan."""
        return hashlib.sha256(f"{self.digest}|{which}".encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a plan file, located and with the fix to make."""

    file: str
    row: int | None
    column: str | None
    message: str
    fix: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column '{self.column}'"
        text = f"{where}: {self.message}"
        return f"{text} Fix: {self.fix}" if self.fix else text


class PlanError(ValueError):
    """Raised once per load, listing every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__(self.summary())

    def summary(self) -> str:
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the plan file:"
        return "\n".join([head, *(f"- {problem}" for problem in self.problems)])


PROBLEM_COLUMNS: tuple[str, ...] = ("file", "row", "column", "problem", "how to fix")


def problems_frame(error: PlanError) -> pd.DataFrame:
    """One row per problem of a rejected plan file: where it is and how to fix it."""
    rows = [
        {
            "file": problem.file,
            "row": "" if problem.row is None else str(problem.row),
            "column": problem.column or "",
            "problem": problem.message,
            "how to fix": problem.fix,
        }
        for problem in error.problems
    ]
    return pd.DataFrame(rows, columns=list(PROBLEM_COLUMNS))
