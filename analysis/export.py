"""The tidy frames as spreadsheet-safe CSV text with ISO dates."""

from __future__ import annotations

import io

import pandas as pd

from analysis.model import Plan

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
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """Text a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def export_frames(plan: Plan) -> dict[str, pd.DataFrame]:
    """The four export tables, dates as ISO text, formula-like text neutralised."""
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
        name: sources[name][columns].map(neutralise).reset_index(drop=True)
        for name, columns in EXPORT_COLUMNS.items()
    }


def to_csv_text(frame: pd.DataFrame) -> str:
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()


def plan_to_csv_text(plan: Plan) -> str:
    """The plan in data/plan.csv's own format (for downloads of a filtered or edited plan)."""
    from analysis.model import PLAN_COLUMNS

    return to_csv_text(plan.activities[list(PLAN_COLUMNS)])
