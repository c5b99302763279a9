"""Frames the timeline, network and plan pages show as tables, and the bytes of their
downloads. Pure: frames in, frames (or bytes) out; nothing is written to disk."""

from __future__ import annotations

import heapq
import io
import re
import zipfile
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Literal

import numpy as np
import pandas as pd
from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # type: ignore[import-untyped]

from analysis.export import export_frames, neutralise, plan_to_csv_text
from analysis.model import PILLARS, PLAN_COLUMNS, Plan

LaneMode = Literal["pillar", "activity"]
LANE_MODES: tuple[LaneMode, ...] = ("pillar", "activity")
SEARCH_COLUMNS: tuple[str, ...] = (
    "activity_id",
    "parent_id",
    "title",
    "allocation_text",
    "comments",
)
# A single day drawn as a mark is wider on screen than one day of axis: events closer than
# this share a lane row only if they would not overprint each other.
MARK_CLEARANCE = timedelta(days=7)


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


# --- timeline ----------------------------------------------------------------------------------


def timeline_lanes(
    timeline: pd.DataFrame, activities: pd.DataFrame, mode: LaneMode
) -> pd.DataFrame:
    """The timeline frame with where each event sits: lane (its label), lane_index, and y (the
    row on the chart). Lanes are pillars in plan order or activities in plan order; events of
    one lane that would overprint go to extra rows of that lane, so every event stays visible."""
    if timeline.empty:
        return timeline.assign(lane=pd.Series(dtype="str"), lane_index=0, y=0)
    if mode == "pillar":
        order = [p for p in PILLARS if p in set(timeline["pillar"])]
        order += sorted(set(timeline["pillar"]) - set(order))
        lane_of = timeline["pillar"].astype("str")
    else:
        in_plan = activities.sort_values("row")["activity_id"].tolist()
        present = set(timeline["activity_id"])
        ids = [i for i in in_plan if i in present] + sorted(present - set(in_plan))
        titles = dict(zip(timeline["activity_id"], timeline["title"].fillna(""), strict=False))
        labels = {i: _activity_lane_label(i, titles.get(i, "")) for i in ids}
        order = [labels[i] for i in ids]
        lane_of = timeline["activity_id"].map(labels).astype("str")
    lane_index = lane_of.map({lane: n for n, lane in enumerate(order)})
    sub_row = _pack_rows(timeline.assign(lane=lane_of))
    rows_per_lane = sub_row.groupby(lane_index).max() + 1
    first_row = rows_per_lane.cumsum() - rows_per_lane
    return timeline.assign(
        lane=lane_of,
        lane_index=lane_index.astype("int64"),
        y=(lane_index.map(first_row) + sub_row).astype("int64"),
    )


def _activity_lane_label(activity_id: str, title: str, width: int = 38) -> str:
    short = title if len(title) <= width else title[: width - 1].rstrip() + "…"
    return f"{activity_id} · {short}" if short else activity_id


def _pack_rows(timeline: pd.DataFrame) -> pd.Series:
    """Row within its lane for each event: the lowest-numbered row whose last event ends (with
    clearance) before this one starts. Earliest events first, so the packing is stable.

    Per lane, a heap of busy rows by end time and a heap of free row numbers: as starts only
    grow, a row once free stays free, so each event costs O(log rows), not a scan of all rows."""
    ordered = timeline.sort_values(["start", "draw_end"])
    starts = ordered["start"].to_numpy()
    ends = np.maximum(ordered["draw_end"].to_numpy(), starts + np.timedelta64(MARK_CLEARANCE))
    busy: dict[object, list[tuple[np.datetime64, int]]] = {}
    free: dict[object, list[int]] = {}
    count: dict[object, int] = {}
    rows = np.empty(len(ordered), dtype="int64")
    for position, (lane, start, end) in enumerate(
        zip(ordered["lane"].tolist(), starts, ends, strict=True)
    ):
        lane_busy = busy.setdefault(lane, [])
        lane_free = free.setdefault(lane, [])
        while lane_busy and lane_busy[0][0] <= start:
            heapq.heappush(lane_free, heapq.heappop(lane_busy)[1])
        if lane_free:
            row = heapq.heappop(lane_free)
        else:
            row = count.get(lane, 0)
            count[lane] = row + 1
        heapq.heappush(lane_busy, (end, row))
        rows[position] = row
    return pd.Series(rows, index=ordered.index, dtype="int64").reindex(timeline.index)


EVENT_TABLE_COLUMNS: dict[str, str] = {
    "date_text": "Date as written",
    "start": "Start",
    "end": "End",
    "precision": "Date precision",
    "status": "Status",
    "location": "Location",
    "activity_id": "Activity",
    "title": "Activity title",
    "label": "Sentence in the plan",
}


def event_table(timeline: pd.DataFrame) -> pd.DataFrame:
    """The events listed under the timeline, earliest first, with plain column names."""
    table = timeline[list(EVENT_TABLE_COLUMNS)].rename(columns=EVENT_TABLE_COLUMNS)
    return table.reset_index(drop=True)


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
