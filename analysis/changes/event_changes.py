"""Matching the dated events of one activity in two versions of the plan (for
analysis.changes.diff): first the same label and dates (unchanged, perhaps with a new status), then
the same label (moved), then the same sentence apart from the date written in it, so that "10th
meeting held 12-13 September 2006" → "10th meeting held 2-3 October 2006" is one move and not a
removal and an addition. The rest are added or removed."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from analysis.model import Plan


@dataclass(frozen=True)
class Event:
    label: str
    start: pd.Timestamp
    end: pd.Timestamp
    precision: str
    status: str
    # The sentence with every date written in it taken out: what stays when a meeting is moved.
    core: str

    def when(self, span: bool = False) -> str:
        shape = {"year": "%Y", "month": "%Y-%m"}.get(self.precision, "%Y-%m-%d")
        start = self.start.strftime(shape)
        end = self.end.strftime(shape)
        return f"{start} – {end}" if span and end != start else start


def _undated(label: str, date_texts: list[str]) -> str:
    for date_text in sorted(date_texts, key=len, reverse=True):
        if date_text:
            label = label.replace(date_text, " ")
    return " ".join(label.split())


def events_by_activity(plan: Plan) -> dict[str, list[Event]]:
    """activity → its events in date order, so that events sharing a label pair up earliest with
    earliest."""
    rows = plan.events
    columns = ("activity_id", "label", "date_text", "start", "end", "precision", "status")
    by_activity: dict[str, list[tuple[Any, ...]]] = {}
    for row in zip(*(rows[column] for column in columns), strict=True):
        by_activity.setdefault(str(row[0]), []).append(row)
    found: dict[str, list[Event]] = {}
    for activity_id, activity_rows in by_activity.items():
        # A sentence may date several events ("IOI published in November 2005 … May 2006"): take
        # out the dates of all of them, so the sentence matches its edited self whichever date
        # changed.
        dates: dict[str, list[str]] = {}
        for _, label, date_text, *_rest in activity_rows:
            dates.setdefault(str(label), []).append(str(date_text))
        events = [
            Event(str(label), pd.Timestamp(start), pd.Timestamp(end), str(precision),
                   str(status), _undated(str(label), dates[str(label)]))
            for _, label, _, start, end, precision, status in activity_rows
        ]  # fmt: skip
        found[activity_id] = sorted(events, key=lambda event: (event.start, event.end))
    return found


def _pair(
    before: list[Event], after: list[Event], key: Callable[[Event], Hashable]
) -> list[tuple[Event, Event]]:
    """Pairs events with equal keys, first with first; paired events leave both lists."""
    pairs: list[tuple[Event, Event]] = []
    for old_event in list(before):
        if not key(old_event):
            continue
        match = next((e for e in after if key(e) == key(old_event)), None)
        if match is not None:
            pairs.append((old_event, match))
            before.remove(old_event)
            after.remove(match)
    return pairs


def event_changes(before: list[Event], after: list[Event]) -> list[tuple[str, str, str, str]]:
    """(change, old, new, event label) for the events of one activity in two versions."""
    before, after = list(before), list(after)  # _pair takes paired events out of both
    pairs = _pair(before, after, lambda e: (e.label, e.start, e.end))
    pairs += _pair(before, after, lambda e: e.label)
    pairs += _pair(before, after, lambda e: e.core)
    rows: list[tuple[str, str, str, str]] = []
    for was, now in sorted(pairs, key=lambda pair: (pair[0].start, pair[0].end)):
        if (was.start, was.end) != (now.start, now.end):
            span = was.start == now.start  # only the end moved: show both ends
            rows.append(("event moved", was.when(span), now.when(span), was.label))
        if was.status != now.status:
            rows.append(("event status changed", was.status, now.status, was.label))
    rows += [("event removed", event.when(), "", event.label) for event in before]
    rows += [("event added", "", event.when(), event.label) for event in after]
    return rows
