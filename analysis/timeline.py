"""The meeting timeline: event status against an as-of date, the frame the chart draws, and
events counted per month for plans with too many to draw one by one."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd


def event_status(events: pd.DataFrame, as_of: date) -> pd.Series:
    """'planned' where the text says so or the event starts after as_of; 'held' otherwise."""
    after = events["start"] > pd.Timestamp(as_of)
    planned = events["planned_in_text"].astype(bool) | after
    return planned.map({True: "planned", False: "held"}).astype("str")


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


MONTHLY_COUNT_COLUMNS = [
    "lane",
    "lane_index",
    "month",
    "held",
    "planned",
    "events",
    "approximate",
]


def events_per_month(lanes: pd.DataFrame) -> pd.DataFrame:
    """Events counted per lane and month, from tables.timeline_lanes: one row per (lane, month)
    that has events, with held, planned and events (the total), and approximate (how many of
    them the plan dates only to a month or a year). An event counts in the month it starts;
    month is that month's first day. Lanes in their order (lane_index), months earliest first."""
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
            "events": 1,
            "approximate": lanes["approximate"].astype("int64"),
        }
    )
    counts = tallies.groupby(["lane_index", "month"], as_index=False, sort=True).agg(
        lane=("lane", "first"),
        held=("held", "sum"),
        planned=("planned", "sum"),
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
