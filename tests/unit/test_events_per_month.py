"""analysis.measures.timeline.events_per_month and events_in_month: events counted per lane and
month, what the timeline draws when a plan has too many events to draw one by one. Each case is a
few events written out by hand; the expected rows can be counted on the fingers."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.measures.timeline import (
    MONTHLY_COUNT_COLUMNS,
    LaneMode,
    events_in_month,
    events_per_month,
    timeline_frame,
    timeline_lanes,
)
from analysis.model import Plan

IG, OTHER = "Internet Governance", "Other implementation issues"

# (lane, lane_index, start, status, approximate, activity_id): what events_per_month reads
Event = tuple[str, int, str, str, bool, str]
# (lane, lane_index, month, held, planned, events, approximate)
Row = tuple[str, int, str, int, int, int, int, int]


def lanes_of(*events: Event) -> pd.DataFrame:
    """A frame with the timeline_lanes columns the counting reads."""
    columns = ["lane", "lane_index", "start", "status", "approximate", "activity_id"]
    frame = pd.DataFrame(list(events), columns=columns)
    return frame.assign(start=pd.to_datetime(frame["start"]))


def rows_of(counts: pd.DataFrame) -> list[Row]:
    return [
        (lane, lane_index, f"{month:%Y-%m-%d}", held, planned, unconfirmed, events, approximate)
        for lane, lane_index, month, held, planned, unconfirmed, events, approximate in (
            counts.itertuples(index=False)
        )
    ]


@pytest.mark.parametrize(
    ("events", "expected"),
    [
        pytest.param(
            [(IG, 0, "2006-05-16", "held", False, "A25")],
            [(IG, 0, "2006-05-01", 1, 0, 0, 1, 0)],
            id="one event: its month, from the first day",
        ),
        pytest.param(
            [
                (IG, 0, "2006-05-02", "held", False, "A25"),
                (IG, 0, "2006-05-31", "planned", False, "A26"),
            ],
            [(IG, 0, "2006-05-01", 1, 1, 0, 2, 0)],
            id="same lane, same month: one row, held and planned counted apart",
        ),
        pytest.param(
            [
                (IG, 0, "2006-05-31", "held", False, "A25"),
                (IG, 0, "2006-06-01", "held", False, "A25"),
            ],
            [(IG, 0, "2006-05-01", 1, 0, 0, 1, 0), (IG, 0, "2006-06-01", 1, 0, 0, 1, 0)],
            id="same lane, a day apart across a month end: two rows",
        ),
        pytest.param(
            [
                (IG, 0, "2006-01-10", "held", False, "A25"),
                (IG, 0, "2005-12-10", "held", False, "A25"),
            ],
            [(IG, 0, "2005-12-01", 1, 0, 0, 1, 0), (IG, 0, "2006-01-01", 1, 0, 0, 1, 0)],
            id="months earliest first, across a year end",
        ),
        pytest.param(
            [
                (OTHER, 1, "2006-05-10", "planned", False, "A29"),
                (IG, 0, "2006-05-20", "held", False, "A25"),
                (OTHER, 1, "2006-05-11", "planned", False, "A30"),
            ],
            [(IG, 0, "2006-05-01", 1, 0, 0, 1, 0), (OTHER, 1, "2006-05-01", 0, 2, 0, 2, 0)],
            id="two lanes, same month: lane order (lane_index), not input order",
        ),
        pytest.param(
            [
                (OTHER, 0, "2006-01-01", "planned", True, "A40"),  # '2006': the whole year
                (OTHER, 0, "2006-01-20", "held", False, "A41"),
                (OTHER, 0, "2006-10-01", "held", True, "A41"),  # 'October 2006'
            ],
            [(OTHER, 0, "2006-01-01", 1, 1, 0, 2, 1), (OTHER, 0, "2006-10-01", 1, 0, 0, 1, 1)],
            id="an approximate event counts in the month it starts, and as approximate",
        ),
        pytest.param(
            [
                (IG, 0, "2006-07-26", "unconfirmed", False, "A36"),  # Bangkok, 26-28 July
                (IG, 0, "2006-07-14", "held", False, "A22"),
            ],
            [(IG, 0, "2006-07-01", 1, 0, 1, 2, 0)],
            id="unconfirmed events counted apart from held and planned",
        ),
    ],
)
def test_events_per_month(events: list[Event], expected: list[Row]) -> None:
    counts = events_per_month(lanes_of(*events))
    assert list(counts.columns) == MONTHLY_COUNT_COLUMNS
    assert rows_of(counts) == expected


def test_no_events_gives_no_rows(plan: Plan) -> None:
    nothing = timeline_frame(plan.events.iloc[0:0], plan.activities, plan.as_of)
    for lanes in (timeline_lanes(nothing, plan.activities, "pillar"), lanes_of()):
        counts = events_per_month(lanes)
        assert counts.empty
        assert list(counts.columns) == MONTHLY_COUNT_COLUMNS


def test_the_input_is_not_changed() -> None:
    lanes = lanes_of(
        (IG, 0, "2006-05-16", "held", False, "A25"),
        (OTHER, 1, "2006-01-01", "planned", True, "A40"),
    )
    before = lanes.copy(deep=True)
    events_per_month(lanes)
    events_in_month(lanes, 0, pd.Timestamp("2006-05-01"))
    pd.testing.assert_frame_equal(lanes, before)


@pytest.mark.parametrize(
    ("mode", "lanes"),
    [
        ("pillar", 4),
        ("activity", 29),
    ],
)
def test_the_bundled_plan_counts_every_event_once(plan: Plan, mode: LaneMode, lanes: int) -> None:
    # README: 46 dated events, 41 held, 3 planned and 2 unconfirmed as of 13 September 2006.
    timeline = timeline_frame(plan.events, plan.activities, plan.as_of)
    counts = events_per_month(timeline_lanes(timeline, plan.activities, mode))
    assert counts[["events", "held", "planned", "unconfirmed"]].sum().tolist() == [46, 41, 3, 2]
    assert counts["lane_index"].nunique() == lanes
    assert counts["lane_index"].is_monotonic_increasing
    assert not counts.duplicated(["lane_index", "month"]).any()


MAY_2006 = [
    (IG, 0, "2006-05-02", "held", False, "A25"),
    (OTHER, 1, "2006-05-03", "held", False, "A29"),
    (IG, 0, "2006-06-01", "planned", False, "A26"),
    (IG, 0, "2006-05-31", "planned", False, "A27"),
]


@pytest.mark.parametrize(
    ("lane_index", "month", "activity_ids"),
    [
        (0, "2006-05-01", ["A25", "A27"]),
        (0, "2006-05-20", ["A25", "A27"]),  # any day names its month
        (0, "2006-06-01", ["A26"]),
        (1, "2006-05-01", ["A29"]),
        (1, "2006-06-01", []),
    ],
)
def test_events_in_month_are_what_the_cell_counts(
    lane_index: int, month: str, activity_ids: list[str]
) -> None:
    lanes = lanes_of(*MAY_2006)
    assert events_in_month(lanes, lane_index, pd.Timestamp(month))["activity_id"].tolist() == (
        activity_ids
    )
