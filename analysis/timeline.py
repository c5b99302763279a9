"""The meeting timeline: event status against an as-of date, and the frame the chart draws."""

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
