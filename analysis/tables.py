"""Frames the timeline, network and plan pages show as tables, and the bytes of their
downloads. Pure: frames in, frames (or bytes) out; nothing is written to disk."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Mapping
from datetime import date

import pandas as pd
from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # type: ignore[import-untyped]

from analysis.export import export_frames, neutralise, plan_to_csv_text
from analysis.model import PLAN_COLUMNS, Plan

SEARCH_COLUMNS: tuple[str, ...] = (
    "activity_id",
    "parent_id",
    "title",
    "allocation_text",
    "comments",
)


def parse_iso_date(text: object, default: date) -> date:
    """A date from a URL parameter ('2006-09-13'); anything else gives the default."""
    try:
        return date.fromisoformat(str(text))
    except ValueError:
        return default


def search_plan(activities: pd.DataFrame, query: str) -> pd.DataFrame:
    """Activities whose ids, title, allocation text or comments contain every word of the
    query, ignoring case; an empty query keeps them all. Words are matched literally."""
    words = query.casefold().split()
    if not words:
        return activities
    haystack = activities[list(SEARCH_COLUMNS)].astype("str").agg(" ".join, axis=1).str.casefold()
    keep = pd.Series(True, index=activities.index)
    for word in words:
        keep &= haystack.str.contains(word, regex=False)
    return activities[keep]


def restrict_plan(plan: Plan, activity_ids: Iterable[str]) -> Plan:
    """The plan cut down to the given activities (every frame), e.g. to what a search found."""
    ids = set(activity_ids)

    def keep(frame: pd.DataFrame) -> pd.DataFrame:
        return frame[frame["activity_id"].isin(ids)]

    return plan.replace(
        activities=keep(plan.activities),
        assignments=keep(plan.assignments),
        partners=keep(plan.partners),
        events=keep(plan.events),
        themes=keep(plan.themes),
    )


def activities_by_ids(activities: pd.DataFrame, activity_ids: Iterable[str]) -> pd.DataFrame:
    """The activities with these ids, in the order given, each once."""
    wanted = list(dict.fromkeys(str(activity_id) for activity_id in activity_ids))
    indexed = activities.set_index("activity_id", drop=False)
    return indexed.loc[[i for i in wanted if i in indexed.index]].reset_index(drop=True)


def plan_table(activities: pd.DataFrame) -> pd.DataFrame:
    """The plan as the plan page lists it: plan order, the plan.csv columns."""
    return activities.sort_values("row")[list(PLAN_COLUMNS)].reset_index(drop=True)


# --- network -----------------------------------------------------------------------------------

CENTRALITY_TABLE_COLUMNS: dict[str, str] = {
    "label": "Unit or organisation",
    "name": "Full name",
    "kind": "Type",
    "group": "Sector or kind",
    "activities": "Activities taken part in",
    "degree": "Partners worked with",
    "weighted_degree": "Shared activities, summed over partners",
    "betweenness": "Bridging score (betweenness, 0 to 1)",
}


def centrality_table(centrality: pd.DataFrame) -> pd.DataFrame:
    """network.centrality with the column names a manager reads ('Partners worked with')."""
    table = centrality[list(CENTRALITY_TABLE_COLUMNS)].rename(columns=CENTRALITY_TABLE_COLUMNS)
    kinds = {"unit": "ITU unit", "organisation": "organisation"}
    return table.assign(Type=table["Type"].map(kinds).fillna(table["Type"])).reset_index(drop=True)


# --- audit -------------------------------------------------------------------------------------


def findings_for(findings: pd.DataFrame, checks: Iterable[str]) -> pd.DataFrame:
    """Audit findings of the chosen checks (all of them when none is chosen)."""
    chosen = list(checks)
    if not chosen:
        return findings.reset_index(drop=True)
    return findings[findings["check"].isin(chosen)].reset_index(drop=True)


# --- downloads ---------------------------------------------------------------------------------


def download_tables(plan: Plan) -> dict[str, pd.DataFrame]:
    """What the downloads hold: the four tidy export tables and the plan in plan.csv's columns
    (formula-like text neutralised, as in every export)."""
    plan_sheet = plan_table(plan.activities).map(neutralise)
    return {**export_frames(plan), "plan": plan_sheet}


def csv_zip_bytes(plan: Plan) -> bytes:
    """A zip of CSVs: activities, assignments, partners, events (tidy, ISO dates) and plan.csv
    (the plan's own format, which the dashboard can read back)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, frame in export_frames(plan).items():
            archive.writestr(f"{name}.csv", _csv_text(frame))
        archive.writestr("plan.csv", plan_to_csv_text(plan))
    return buffer.getvalue()


def _csv_text(frame: pd.DataFrame) -> str:
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()


def workbook_bytes(tables: Mapping[str, pd.DataFrame]) -> bytes:
    """One .xlsx with a sheet per table, header row first. Text that a spreadsheet would run
    as a formula gets a leading apostrophe; characters Excel cannot store are dropped."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, frame in tables.items():
        sheet = workbook.create_sheet(title=_sheet_title(name))
        sheet.append([str(column) for column in frame.columns])
        for record in frame.itertuples(index=False):
            sheet.append([_cell_value(value) for value in record])
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_title(name: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", "_", name)[:31] or "sheet"


def _cell_value(value: object) -> object:
    if value is None or (not isinstance(value, str) and pd.isna(value)):  # type: ignore[call-overload]
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, str):
        return neutralise(ILLEGAL_CHARACTERS_RE.sub("", value))
    if hasattr(value, "item"):  # numpy scalars: openpyxl wants plain Python numbers
        return value.item()
    return value
