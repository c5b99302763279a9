"""The plan as the four tidy tables of an export (activities, assignments, partners, events;
ISO dates), and a table's cells as a workbook holds them: what the downloads write
(analysis.export) and what the loader holds a workbook's derived sheets to
(analysis.planfile.derived_sheets)."""

from __future__ import annotations

import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # type: ignore[import-untyped]

from analysis.model import Plan
from analysis.planfile.csv_format import neutralise
from analysis.planfile.workbook_file import cell_text

EXPORT_COLUMNS: dict[str, list[str]] = {
    "activities": [
        "activity_id",
        "parent_id",
        "pillar",
        "title",
        "action_line",
        "theme",
        "references",
    ],
    "assignments": ["activity_id", "unit", "sector", "role", "note"],
    "partners": ["activity_id", "organisation", "role"],
    "events": ["activity_id", "start", "end", "precision", "status", "label", "location"],
}


def export_frames(plan: Plan) -> dict[str, pd.DataFrame]:
    """The four export tables, dates as ISO text. Formula-like text is neutralised by the
    writers (csv_format.csv_text, workbook_bytes), once."""
    events = plan.events.assign(
        start=plan.events["start"].dt.strftime("%Y-%m-%d"),
        end=plan.events["end"].dt.strftime("%Y-%m-%d"),
    )
    sources = {
        "activities": plan.activities,
        "assignments": plan.assignments,
        "partners": plan.partners,
        "events": events,
    }
    return {
        name: sources[name][columns].reset_index(drop=True)
        for name, columns in EXPORT_COLUMNS.items()
    }


def sheet_texts(frame: pd.DataFrame) -> list[list[str]]:
    """A table as workbook_bytes writes it and the workbook reader reads it back: the header,
    then each row's cells as text."""
    return [[str(column) for column in frame.columns]] + [
        [cell_text(cell_value(value)) for value in record]
        for record in frame.itertuples(index=False)
    ]


def cell_value(value: object) -> object:
    if value is None or (not isinstance(value, str) and pd.isna(value)):  # type: ignore[call-overload]
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, str):
        return neutralise(ILLEGAL_CHARACTERS_RE.sub("", value))
    if hasattr(value, "item"):  # numpy scalars: openpyxl wants plain Python numbers
        return value.item()
    return value
