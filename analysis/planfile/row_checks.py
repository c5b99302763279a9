"""Checking the rows of a plan: every cell of every row against the plan's rules and the
reference tables (units, organisations), collecting problems rather than stopping at the first,
and the tidy frames the checked rows give."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analysis.model import (
    ACTION_LINES,
    ASSIGNMENT_COLUMNS,
    C7_THEMES,
    EVENT_COLUMNS,
    PARTNER_COLUMNS,
    PARTNER_ROLES,
    PILLAR_NOT_STATED,
    PILLARS,
    PLAN_FILE_COLUMNS,
    REQUIRED_CELLS,
    SECTORS,
    THEME_COLUMNS,
    UNIT_GROUPS,
    Problem,
    unit_group,
)
from analysis.planfile.cell_table import SharedColumns
from analysis.planfile.cells import did_you_mean, parse_item, split_items
from analysis.planfile.dates import read_comments
from analysis.planfile.revisions import revision_problems

# What an activity id may be: it is shown on chart axes, in file names and in the URL, so it
# holds no markup, spaces or separators (docs/plan-file.md, the columns).
ACTIVITY_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,39}")


def _rows_by_code(table: pd.DataFrame) -> dict[str, dict[str, str]]:
    """A reference table (units or organisations) as code → its row."""
    keys = [str(key) for key in table.columns]
    columns = [table[key].tolist() for key in table.columns]
    rows = (
        {key: str(value) for key, value in zip(keys, values, strict=True)}
        for values in zip(*columns, strict=True)
    )
    return {row["code"]: row for row in rows}


# The dtype "str" names, made once: resolving the name again for every column of every frame
# cost as much as building the column.
_TEXT = pd.StringDtype(na_value=np.nan)

# Far above the 2006 plan's events (46, quoting 9,000 characters) and a 10 MB plan's.
MAX_QUOTED_CHARS = 50_000_000
MAX_PROBLEMS = 1_000


class RowChecker:
    """Checks every cell of every row, collecting problems rather than stopping at the first."""

    def __init__(self, name: str, units: pd.DataFrame, organisations: pd.DataFrame) -> None:
        self.name = name
        self.problems: list[Problem] = []
        self.units = {code.casefold(): code for code in units["code"].tolist()}
        # Plain dicts: a pandas row lookup per cell item took most of the time at 5,400 rows.
        self.unit_rows = _rows_by_code(units)
        self.organisations: dict[str, str] = {}
        for code, aliases in zip(
            organisations["code"].tolist(), organisations["aliases"].tolist(), strict=True
        ):
            self.organisations[code.casefold()] = code
            for alias in split_items(aliases.replace(",", ";")):
                self.organisations[alias.casefold()] = code
        self.organisation_rows = _rows_by_code(organisations)
        self.quoted_chars = 0

    def problem(self, row: int, column: str, message: str, fix: str = "") -> None:
        # A cell of a million unknown names would be a million problems: the list stops, and
        # says so, at MAX_PROBLEMS.
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(self.name, row, column, message, fix))
        elif len(self.problems) == MAX_PROBLEMS:
            self.problems.append(
                Problem(
                    self.name,
                    None,
                    None,
                    f"has more problems than the {MAX_PROBLEMS:,} listed.",
                    "Fix these, then check the file again for the rest.",
                )
            )

    def check(
        self, cells: dict[str, list[str]], rows: list[int]
    ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        """The plan's tables from its cells (column → the cells of every row, in file order)
        and the rows' spreadsheet numbers. The tables are gathered column by column, equal
        values shared: a dict per assignment, partner or event took more than the cells."""
        self._check_ids(cells["activity_id"], cells["parent_id"], rows)
        assignments = SharedColumns(ASSIGNMENT_COLUMNS)
        partners = SharedColumns(PARTNER_COLUMNS)
        events = SharedColumns(_EVENT_VALUES)
        themes = SharedColumns(THEME_COLUMNS)
        for index, row in enumerate(rows):
            record = {column: values[index] for column, values in cells.items()}
            for column in REQUIRED_CELLS:
                if not record[column]:
                    self.problem(
                        row,
                        column,
                        "is blank.",
                        "Every activity needs an id, a pillar and a title.",
                    )
            pillar = record["pillar"]
            if pillar and pillar not in PILLARS and pillar != PILLAR_NOT_STATED:
                self.problem(
                    row,
                    "pillar",
                    f"'{pillar}' is not a pillar." + did_you_mean(pillar, list(PILLARS)),
                    "Use one of: " + "; ".join(PILLARS) + ".",
                )
            activity_id = record["activity_id"]
            themes.extend(self._themes(activity_id, row, record["action_line"], record["theme"]))
            leads = self._roles(activity_id, row, "lead", record["lead"])
            assists = self._roles(activity_id, row, "assist", record["assist"])
            assignments.extend([*leads, *self._drop_assists_of_leads(row, leads, assists)])
            partners.extend(self._partners(activity_id, row, record["partners"]))
            events.extend(self._events(activity_id, row, record["comments"]))
            for message in revision_problems(record["revisions"]):
                self.problem(
                    row,
                    "revisions",
                    message[0].upper() + message[1:],
                    "Start each line with the date of the change, e.g. "
                    "'2026-12-02: WSIS-ES's lead moves to CEC'.",
                )
        activities = pd.DataFrame(
            {column: cells[column] for column in PLAN_FILE_COLUMNS}, dtype=_TEXT
        )
        activities["row"] = np.array(rows, dtype="int64")
        return (
            activities,
            _frame(assignments),
            _frame(partners),
            _event_frame(events),
            _frame(themes),
        )

    def _check_ids(self, ids: list[str], parent_ids: list[str], rows: list[int]) -> None:
        first_row: dict[str, int] = {}
        for activity_id, row in zip(ids, rows, strict=True):
            if activity_id and not ACTIVITY_ID.fullmatch(activity_id):
                self.problem(
                    row,
                    "activity_id",
                    f"'{activity_id[:60]}' is not an activity id.",
                    "Use letters, digits, '.', '-' or '_' (at most 40, starting with a letter or "
                    "digit), e.g. 'A07.5'.",
                )
            if activity_id in first_row:
                self.problem(
                    row,
                    "activity_id",
                    f"'{activity_id}' is already used on row {first_row[activity_id]}.",
                    "Give each activity its own id.",
                )
            elif activity_id:
                first_row[activity_id] = row
        parents = {i: parent for i, parent in zip(ids, parent_ids, strict=True) if parent}
        for activity_id, parent, row in zip(ids, parent_ids, rows, strict=True):
            if not parent:
                continue
            if parent not in first_row:
                self.problem(
                    row,
                    "parent_id",
                    f"'{parent}' is not the id of any activity."
                    + did_you_mean(parent, list(first_row)),
                    "Use the activity_id of the row this one belongs to, or leave it blank.",
                )
                continue
            seen = {activity_id}
            current = parent
            while current in parents and current not in seen:
                seen.add(current)
                current = parents[current]
            if current in seen or parent == activity_id:
                self.problem(
                    row,
                    "parent_id",
                    f"'{parent}' leads back to '{activity_id}' (parents form a cycle).",
                    "A parent must be a row above the "
                    "activity's own chain; clear one of the parent_id cells.",
                )

    def _themes(self, activity_id: str, row: int, cell: str, theme: str) -> list[dict[str, str]]:
        lines = []
        for token in split_items(cell.replace(",", ";")):
            line = token.upper().replace(" ", "")
            if line not in ACTION_LINES:
                self.problem(
                    row,
                    "action_line",
                    f"'{token}' is not a WSIS action line.",
                    "Use C1 to C11, separated by semicolons (e.g. 'C4; C7').",
                )
                continue
            lines.append(line)
        if theme and not lines:
            self.problem(
                row,
                "theme",
                f"'{theme}' is given without an action line.",
                "Fill action_line (C7 for a C7 theme, C6 for a C6 topic).",
            )
        if theme and "C7" in lines and "C6" not in lines and theme not in C7_THEMES:
            self.problem(
                row,
                "theme",
                f"'{theme}' is not a C7 theme." + did_you_mean(theme, list(C7_THEMES)),
                "Use one of: " + ", ".join(C7_THEMES) + ".",
            )
        themed_line = next(
            (line for line in ("C7", "C6") if line in lines), lines[0] if lines else ""
        )
        return [
            {
                "activity_id": activity_id,
                "action_line": line,
                "theme": theme if line == themed_line else "",
                "theme_label": f"{line} · {theme}" if theme and line == themed_line else line,
            }
            for line in lines
        ]

    def _roles(self, activity_id: str, row: int, role: str, cell: str) -> list[dict[str, str]]:
        found: dict[str, dict[str, str]] = {}
        for text in split_items(cell):
            item = parse_item(text)
            if item is None:
                self.problem(
                    row,
                    role,
                    f"'{text}' is not of the form 'UNIT' or 'UNIT (note)'.",
                    "Separate units with semicolons; put notes in round brackets.",
                )
                continue
            group = unit_group(item.name)
            if group is not None:
                codes, via = UNIT_GROUPS[group], group
            elif item.name.casefold() in self.units:
                codes, via = (self.units[item.name.casefold()],), ""
            else:
                choices = [*self.units.values(), *UNIT_GROUPS]
                self.problem(
                    row,
                    role,
                    f"'{item.name}' is not a known unit." + did_you_mean(item.name, choices),
                    "Use a code from data/units.csv (or 'Sectors'), or add the unit there.",
                )
                continue
            for code in codes:
                # A unit named outright wins over the same unit reached through a group.
                if code in found and not (found[code]["via"] and not via):
                    continue
                unit = self.unit_rows[code]
                found[code] = {
                    "activity_id": activity_id, "unit": code, "unit_name": str(unit["name"]),
                    "sector": str(unit["sector"]), "role": role, "note": item.note, "via": via,
                }  # fmt: skip
        for code, assignment in found.items():
            if assignment["sector"] not in SECTORS:
                self.problem(
                    row,
                    role,
                    f"unit '{code}' has Sector '{assignment['sector']}' in data/units.csv.",
                    "Use one of: " + ", ".join(SECTORS) + ".",
                )
        return list(found.values())

    def _drop_assists_of_leads(
        self, row: int, leads: list[dict[str, str]], assists: list[dict[str, str]]
    ) -> list[dict[str, str]]:
        """A unit holds one role per activity. Leading beats assisting through a group
        ("Lead: BDT", assisted by "Sectors"); naming the same unit in both cells is an error."""
        leading = {lead["unit"] for lead in leads}
        for assist in assists:
            if assist["unit"] in leading and not assist["via"]:
                self.problem(
                    row,
                    "assist",
                    f"'{assist['unit']}' is also in the lead cell.",
                    "A unit either leads or assists an activity: remove it from one of the two.",
                )
        return [assist for assist in assists if assist["unit"] not in leading]

    def _partners(self, activity_id: str, row: int, cell: str) -> list[dict[str, str]]:
        found: list[dict[str, str]] = []
        for text in split_items(cell):
            item = parse_item(text)
            if item is None or not item.note:
                self.problem(
                    row,
                    "partners",
                    f"'{text}' needs a role in brackets.",
                    "Write 'ORGANISATION (role)', e.g. 'UNESCO (focal point)'; roles: "
                    + ", ".join(PARTNER_ROLES)
                    + ".",
                )
                continue
            code = self.organisations.get(item.name.casefold())
            if code is None:
                self.problem(
                    row,
                    "partners",
                    f"'{item.name}' is not a known organisation."
                    + did_you_mean(item.name, list(self.organisation_rows)),
                    "Use a code from data/organisations.csv, or add it there.",
                )
                continue
            role = (
                item.note.casefold().replace("-", " ").replace("co facilitator", "co-facilitator")
            )
            if role not in PARTNER_ROLES:
                self.problem(
                    row,
                    "partners",
                    f"'{item.note}' is not a partner role."
                    + did_you_mean(item.note, list(PARTNER_ROLES)),
                    "Use one of: " + ", ".join(PARTNER_ROLES) + ".",
                )
                continue
            organisation = self.organisation_rows[code]
            entry = {
                "activity_id": activity_id, "organisation": code,
                "organisation_name": str(organisation["name"]), "kind": str(organisation["kind"]),
                "role": role,
            }  # fmt: skip
            if entry not in found:
                found.append(entry)
        return found

    def _events(self, activity_id: str, row: int, comments: str) -> list[dict[str, object]]:
        mentions, unreadable = read_comments(comments)
        # Each event quotes its whole sentence: one long sentence of many dates would be
        # quoted once per date.
        quoted = sum(len(mention.sentence) for mention in mentions)
        if self.quoted_chars + quoted > MAX_QUOTED_CHARS:
            self.problem(
                row,
                "comments",
                f"lists {len(mentions):,} dates in sentences of {quoted:,} characters in all; "
                f"the plan's events quote at most {MAX_QUOTED_CHARS:,} characters of their "
                "sentences, so this cell is not read.",
                "Split long sentences: one sentence per meeting or event.",
            )
            return []
        self.quoted_chars += quoted
        for item in unreadable:
            self.problem(
                row,
                "comments",
                f"'{item.text}' in \"{item.sentence}\" is {item.reason}.",
                "Write dates as '16 May', '15-16 May 2006', '31 Aug/1 Sept', "
                "'October 2006' or 2006-05-16.",
            )
        return [
            {
                "activity_id": activity_id,
                "start": mention.start,
                "end": mention.end,
                "precision": mention.precision,
                "planned_in_text": mention.planned_in_text,
                "held_in_text": mention.held_in_text,
                "label": mention.sentence,
                "location": mention.location,
                "date_text": mention.date_text,
            }
            for mention in mentions
        ]


def _frame(gathered: SharedColumns) -> pd.DataFrame:
    return pd.DataFrame(gathered.data, dtype=_TEXT)


# An event's values as the row checker gathers them: its status comes later (timeline).
_EVENT_VALUES = tuple(c for c in (*EVENT_COLUMNS, "held_in_text") if c != "status")


def _event_frame(gathered: SharedColumns) -> pd.DataFrame:
    """Each column built in its dtype at once: a frame of objects converted column by column
    cost more than all the checks of a small plan. Every event is 'held' until its status is
    worked out from the plan's date (analysis.planfile.dates.event_status)."""
    data = {**gathered.data, "status": ["held"] * len(gathered)}
    columns: dict[str, object] = {}
    for column in (*EVENT_COLUMNS, "held_in_text"):
        if column in ("start", "end"):
            columns[column] = np.array(data[column], dtype="datetime64[us]")
        elif column in ("planned_in_text", "held_in_text"):
            columns[column] = np.array(data[column], dtype=bool)
        else:
            columns[column] = pd.array(data[column], dtype=_TEXT)
    return pd.DataFrame(columns)
