"""The meeting timeline: event status against an as-of date, and the frame the chart draws."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd


def event_status(events: pd.DataFrame, as_of: date) -> pd.Series:
    """'planned' where the text says so or the event starts after as_of; 'held' otherwise."""
    after = events["start"] > pd.Timestamp(as_of)
    planned = events["planned_in_text"].astype(bool) | after
    return planned.map({True: "planned", False: "held"}).astype("str")
