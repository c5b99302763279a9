"""A note's bytes read into a plan: the table found (analysis.note.containers), its sentences read
(analysis.note.rows), the ids of the plan in use kept (analysis.note.ids), and the rows checked
by the plan loader like any plan file. What the reader could not read, and what it took from
elsewhere than the note, is listed beside the plan."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.model import OPTIONAL_PLAN_COLUMNS, PLAN_COLUMNS, Plan, PlanError, Problem
from analysis.note.containers import note_form, read_note_table
from analysis.note.ids import ids_of_plan_in_use
from analysis.note.pdf_bound import PdfRefused
from analysis.note.rows import NoteUnread, read_table_rows
from analysis.planfile.csv_format import csv_text
from analysis.planfile.load import parse_plan

FORM_NAMES = {"pdf": "PDF", "docx": "Word document", "text": "text", "zip": "zip"}


@dataclass(frozen=True)
class NoteRead:
    """plan: the plan read (None when the loader refused it: problems say why); unread: what was
    not turned into facts or was taken from elsewhere, in document order; form: pdf, docx, text."""

    plan: Plan | None
    unread: tuple[NoteUnread, ...]
    problems: tuple[Problem, ...]
    form: str


def read_note(
    raw: bytes,
    name: str,
    units: pd.DataFrame,
    organisations: pd.DataFrame,
    in_use: Plan | None = None,
) -> NoteRead:
    """The note in `raw` (text, .docx or PDF) as a plan, checked against the reference tables;
    in_use: the plan whose ids and pillars carry over to the same activities."""
    form = note_form(raw)
    try:
        table = read_note_table(raw)
    except PdfRefused as refused:
        return NoteRead(None, (), (Problem(name, None, None, refused.message, refused.fix),), form)
    unread = [NoteUnread(u.where, "", u.column, u.text, u.reason) for u in table.unread]
    if not table.rows:
        return NoteRead(None, tuple(unread), (), form)
    reference = in_use.activities if in_use is not None else None
    reading = read_table_rows(table.rows, units, organisations, reference)
    rows = reading.plan
    if in_use is not None:
        rows = ids_of_plan_in_use(rows, in_use.activities)
        renamed = dict(zip(reading.plan["activity_id"], rows["activity_id"], strict=True))
        listed = [
            NoteUnread(u.where, renamed.get(u.activity_id, u.activity_id), u.column, u.text, u.why)
            for u in reading.unread
        ]
    else:
        listed = list(reading.unread)
    # A heading that is the pillar says nothing more: the section is kept only where it differs.
    rows = rows.assign(section=rows["section"].where(rows["section"] != rows["pillar"], ""))
    columns = [*PLAN_COLUMNS, *(c for c in OPTIONAL_PLAN_COLUMNS if c in rows)]
    try:
        plan = parse_plan(csv_text(rows[columns]).encode("utf-8"), name, units, organisations)
    except PlanError as error:
        return NoteRead(None, (*unread, *listed), tuple(_in_note(error, rows)), form)
    return NoteRead(plan, (*unread, *listed), (), form)


def _in_note(error: PlanError, rows: pd.DataFrame) -> list[Problem]:
    """The loader's problems, each naming the activity read rather than a line of a CSV file."""
    ids = [f"{i} ({t})" for i, t in zip(rows["activity_id"], rows["title"], strict=True)]
    found: list[Problem] = []
    for problem in error.problems:
        index = problem.row - 2 if problem.row is not None else -1
        activity = ids[index] if 0 <= index < len(ids) else ""
        named = f"activity {activity}: " if activity else ""
        found.append(
            Problem(problem.file, None, problem.column, named + problem.message, problem.fix)
        )
    return found


def unread_line(item: NoteUnread) -> str:
    """One listed item in words: where, activity, column, the text and why."""
    activity = f"{item.activity_id} " if item.activity_id else ""
    place = ", ".join(part for part in (item.where, f"{activity}{item.column}".strip()) if part)
    text = f" '{item.text}'" if item.text else ""
    return f"{place or 'the file'}:{text} ({item.why})"
