"""Labels on the timeline chart for the events a manager looks for first: those still to come
and those left unconfirmed on the as-of date, nearest the as-of date first. A label goes beside
its event only where it fits: not over another event or label of the same row, not past the
plot's edge. The others are read on hover and in the Next meetings list under the chart."""

from __future__ import annotations

from typing import Any

import pandas as pd

from analysis.measures.meetings import when_text
from charts.palette import plain

# The plot area of the chart at a 1280 px window with the sidebar open (measured in Chromium:
# about 630 px); wider windows give labels more room, so this errs on the safe side.
PLOT_WIDTH_PX = 630
LABEL_FONT_PX = 11
# Average advance of a character at 11 px (about 5 px measured in Chromium), with a margin.
CHAR_WIDTH_PX = 5.4
GAP_PX = 8
MAX_LABELS = 12

Span = tuple[pd.Timestamp, pd.Timestamp, Any]


def label_text(event: pd.Series, year: int) -> str:
    """'30 Oct – 2 Nov · Athens': the date without the precision note and without `year` (the
    as-of year; the axis says it), and the place, or the activity id where the plan names none.
    The mark's shape and the legend say the status; hover and the list say the rest."""
    when = when_text(event["start"], event["end"], str(event["precision"])).split(" (")[0]
    if event["precision"] != "year":
        when = when.replace(f" {year}", "")
    where = str(event["location"] or "") or str(event["activity_id"])
    return f"{when} · {where}"


def event_labels(
    events: pd.DataFrame, as_of: pd.Timestamp, x_range: tuple[pd.Timestamp, pd.Timestamp]
) -> list[dict[str, Any]]:
    """Annotations for the events not held, nearest the as-of date first, each placed right of
    its event or, failing that, left of it, where it overlaps nothing on its row. `events` has
    the timeline_lanes columns; x_range is the axis range."""
    first, last = x_range
    ms_per_px = (last - first) / PLOT_WIDTH_PX
    candidates = events[events["status"] != "held"]
    if candidates.empty:
        return []
    nearest = (candidates["start"] - as_of).abs().sort_values(kind="stable").index
    # Every event takes its own span on its row, with a few pixels of clearance around it.
    # (start, end, index of the event, or None for a label)
    taken: dict[int, list[Span]] = {}
    for index, start, end, row in zip(
        events.index, events["start"], events["draw_end"], events["y"], strict=True
    ):
        taken.setdefault(int(row), []).append((start - 4 * ms_per_px, end + 4 * ms_per_px, index))
    lane_of_row = dict(zip(events["y"].astype(int), events["lane_index"], strict=False))
    labels: list[dict[str, Any]] = []
    for index in nearest[:MAX_LABELS]:
        event = events.loc[index]
        text = label_text(event, as_of.year)
        width = ms_per_px * (len(text) * CHAR_WIDTH_PX + GAP_PX)
        row = int(event["y"])
        start, end = event["start"], event["draw_end"]
        # Beside the event on its own row; else on the row above or below, with a pointer.
        places = [
            (row, (end, end + width), "left"),
            (row, (start - width, start), "right"),
            *(
                (other_row, span, anchor)
                for other_row in (row - 1, row + 1)
                # A neighbouring row of the same lane only: a label across a lane rule would
                # read as the other lane's.
                if lane_of_row.get(other_row) == event["lane_index"]
                for span, anchor in (
                    ((start, start + width), "left"),
                    ((end - width, end), "right"),
                )
            ),
        ]
        for place_row, span, anchor in places:
            others = [other for other in taken.get(place_row, []) if other[2] != index]
            if span[0] < first or span[1] > last or _overlaps(span, others):
                continue
            taken.setdefault(place_row, []).append((span[0], span[1], None))
            labels.append(_annotation(text, event, place_row, span, anchor))
            break
    return labels


def _annotation(
    text: str,
    event: pd.Series,
    row: int,
    span: tuple[pd.Timestamp, pd.Timestamp],
    anchor: str,
) -> dict[str, Any]:
    tail = span[0] if anchor == "left" else span[1]
    label: dict[str, Any] = {
        "x": tail.isoformat(),
        "y": row,
        "xanchor": anchor,
        "yanchor": "middle",
        "text": plain(text),
        "showarrow": False,
        "font": {"size": LABEL_FONT_PX},
        "name": "event label",
    }
    if row == int(event["y"]):
        label["xshift"] = GAP_PX / 2 if anchor == "left" else -GAP_PX / 2
        return label
    # On a neighbouring row: a short pointer from the label down (or up) to the nearest point of
    # the event, upright where the event lies under the label.
    nearest = min(max(tail, event["start"]), event["draw_end"])
    return label | {
        "x": nearest.isoformat(),
        "y": int(event["y"]),
        "showarrow": True,
        "axref": "x",
        "ayref": "y",
        "ax": tail.isoformat(),
        "ay": row,
        "arrowhead": 0,
        "arrowwidth": 1,
        "standoff": 6,
    }


def _overlaps(span: tuple[pd.Timestamp, pd.Timestamp], others: list[Span]) -> bool:
    return any(span[0] < end and start < span[1] for start, end, _ in others)
