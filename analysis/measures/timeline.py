"""The meeting timeline: event status against an as-of date, the frame the chart draws, and
events counted per month for plans with too many to draw one by one."""

from __future__ import annotations

import heapq
from datetime import date, timedelta
from typing import Literal

import numpy as np
import pandas as pd

from analysis.model import EVENT_STATUSES, PILLARS
from analysis.planfile.dates import event_status

LaneMode = Literal["pillar", "activity"]
LANE_MODES: tuple[LaneMode, ...] = ("pillar", "activity")
# A single day drawn as a mark is wider on screen than one day of axis: events closer than
# this share a lane row only if they would not overprint each other.
MARK_CLEARANCE = timedelta(days=7)


TIMELINE_COLUMNS = [
    "activity_id",
    "title",
    "pillar",
    "start",
    "end",
    "draw_end",
    "precision",
    "status",
    "label",
    "location",
    "date_text",
    "shape",
    "approximate",
]


def status_counts_phrase(events: pd.DataFrame) -> str:
    """'5 held, 12 planned, 3 unconfirmed': the events (any frame with a status column) counted by
    status, every status named, in EVENT_STATUSES order."""
    counts = events["status"].value_counts()
    return ", ".join(f"{int(counts.get(status, 0))} {status}" for status in EVENT_STATUSES)


def timeline_frame(events: pd.DataFrame, activities: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """Events joined to their activity, with status against `as_of` and what the chart needs:
    draw_end (end + 1 day, so a one-day event has width), shape ('range' or 'day') and
    approximate (month or year precision). Earliest first."""
    if events.empty:
        return pd.DataFrame(columns=TIMELINE_COLUMNS)
    joined = events.merge(
        activities[["activity_id", "title", "pillar"]], on="activity_id", how="left"
    )
    joined["status"] = event_status(joined, as_of)
    joined["draw_end"] = joined["end"] + timedelta(days=1)
    single_day = (joined["precision"] == "day") & (joined["start"] == joined["end"])
    joined["shape"] = single_day.map({True: "day", False: "range"}).astype("str")
    joined["approximate"] = joined["precision"] != "day"
    ordered = joined.sort_values(["start", "end", "activity_id"], ignore_index=True)
    return ordered[TIMELINE_COLUMNS]


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


MONTHLY_COUNT_COLUMNS = [
    "lane",
    "lane_index",
    "month",
    "held",
    "planned",
    "unconfirmed",
    "events",
    "approximate",
]


def events_per_month(lanes: pd.DataFrame) -> pd.DataFrame:
    """Events counted per lane and month, from timeline_lanes: one row per (lane, month)
    that has events, with held, planned, unconfirmed and events (the total), and approximate
    (how many of them the plan dates only to a month or a year). An event counts in the month
    it starts; month is that month's first day. Lanes in their order (lane_index), months
    earliest first."""
    if lanes.empty:
        return pd.DataFrame(
            {
                "lane": pd.Series(dtype="str"),
                "lane_index": pd.Series(dtype="int64"),
                "month": pd.Series(dtype="datetime64[ns]"),
                **{name: pd.Series(dtype="int64") for name in MONTHLY_COUNT_COLUMNS[3:]},
            }
        )
    tallies = pd.DataFrame(
        {
            "lane": lanes["lane"],
            "lane_index": lanes["lane_index"],
            "month": _start_months(lanes["start"]),
            "held": (lanes["status"] == "held").astype("int64"),
            "planned": (lanes["status"] == "planned").astype("int64"),
            "unconfirmed": (lanes["status"] == "unconfirmed").astype("int64"),
            "events": 1,
            "approximate": lanes["approximate"].astype("int64"),
        }
    )
    counts = tallies.groupby(["lane_index", "month"], as_index=False, sort=True).agg(
        lane=("lane", "first"),
        held=("held", "sum"),
        planned=("planned", "sum"),
        unconfirmed=("unconfirmed", "sum"),
        events=("events", "sum"),
        approximate=("approximate", "sum"),
    )
    return counts[MONTHLY_COUNT_COLUMNS]


def _start_months(starts: pd.Series) -> pd.Series:
    """The first day of the month of each timestamp."""
    months: pd.Series = starts.dt.to_period("M").dt.to_timestamp()
    return months


def events_in_month(lanes: pd.DataFrame, lane_index: int, month: pd.Timestamp) -> pd.DataFrame:
    """The events of one lane that start in the month of `month`: what a cell of the
    events-per-month chart counts. Order and columns as in `lanes`."""
    if lanes.empty:
        return lanes
    in_cell = (lanes["lane_index"] == lane_index) & (
        _start_months(lanes["start"]) == pd.Timestamp(month).to_period("M").to_timestamp()
    )
    return lanes[in_cell]
