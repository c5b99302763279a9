"""analysis.measures.meetings: the next meetings and the unconfirmed ones, as a manager reads
them."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from analysis.filters import FilterSpec, apply_filters
from analysis.measures.meetings import (
    MEETING_COLUMNS,
    NO_LEAD,
    NO_PLACE,
    meetings,
    next_meetings,
    unconfirmed_meetings,
    when_text,
)
from analysis.measures.timeline import timeline_frame
from analysis.model import Plan
from analysis.planfile.load import load_plan


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan()


@pytest.mark.parametrize(
    ("start", "end", "precision", "expected"),
    [
        ("2006-05-16", "2006-05-16", "day", "16 May 2006"),
        ("2006-07-26", "2006-07-28", "day", "26–28 Jul 2006"),
        ("2006-08-31", "2006-09-01", "day", "31 Aug – 1 Sep 2006"),
        ("2005-12-30", "2006-01-02", "day", "30 Dec 2005 – 2 Jan 2006"),
        ("2006-10-01", "2006-10-31", "month", "≈ Oct 2006 (month only)"),
        ("2006-01-01", "2006-12-31", "year", "≈ 2006 (year only)"),
    ],
)
def test_when_text(start: str, end: str, precision: str, expected: str) -> None:
    assert when_text(pd.Timestamp(start), pd.Timestamp(end), precision) == expected


def test_next_meetings_of_the_bundled_plan(plan: Plan) -> None:
    timeline = timeline_frame(plan.events, plan.activities, plan.as_of)
    listed = next_meetings(timeline, plan.assignments)
    assert list(listed.columns) == list(MEETING_COLUMNS)
    # As of 13 September 2006, from the comments: eHealth "First meeting to be held in October
    # 2006" (A10, lead BDT); "IGF meeting, 30 October – 2 November, in Athens" (A25, lead TSB);
    # "Connect the World pavilion to be organised at ITU TELECOM World 2006" (A35, lead BDT),
    # dated only to the year, so listed after the events dated within 2006.
    assert listed["When"].tolist() == [
        "≈ Oct 2006 (month only)",
        "30 Oct – 2 Nov 2006",
        "≈ 2006 (year only)",
    ]
    assert listed["activity_id"].tolist() == ["A10", "A25", "A35"]
    assert listed["Where"].tolist() == [NO_PLACE, "Athens", NO_PLACE]
    assert listed["Lead unit"].tolist() == ["BDT", "TSB", "BDT"]
    assert listed["What"].iloc[1] == "IGF meeting, 30 October – 2 November, in Athens."
    assert listed["Activity"].iloc[1] == (
        "A25 · Creation of Internet Governance Forum (paras 67, 72-79)"
    )


def test_a_briefing_lists_exact_dates_first(plan: Plan) -> None:
    timeline = timeline_frame(plan.events, plan.activities, plan.as_of)
    listed = meetings(timeline, plan.assignments, ("planned",), exact_first=True)
    # The IGF (dated to the day) before eHealth's October (month) and the pavilion's 2006 (year).
    assert listed["activity_id"].tolist() == ["A25", "A10", "A35"]


def test_unconfirmed_meetings_of_the_bundled_plan(plan: Plan) -> None:
    timeline = timeline_frame(plan.events, plan.activities, plan.as_of)
    listed = unconfirmed_meetings(timeline, plan.assignments)
    # "Joint ITU/UNESCO/UNCTAD workshop to be held in Bangkok, 26-28 July." (A36, lead BDT) and
    # "A meeting on WTDC Res. 45 is planned for 31 Aug/1 Sept." (A06, lead TSB).
    assert listed["When"].tolist() == ["26–28 Jul 2006", "31 Aug – 1 Sep 2006"]
    assert listed["Where"].tolist() == ["Bangkok", NO_PLACE]
    assert listed["Lead unit"].tolist() == ["BDT", "TSB"]


def test_moving_the_as_of_date_changes_the_list(plan: Plan) -> None:
    before = timeline_frame(plan.events, plan.activities, date(2006, 7, 1))
    listed = next_meetings(before, plan.assignments, limit=3)
    # On 1 July 2006 the next are "first edition published 5 July 2006" (A32), "Discussion in
    # ECOSOC on 10 July" (A24) and "First meeting held on 14 July, in Geneva" (A20).
    assert listed["activity_id"].tolist() == ["A32", "A24", "A20"]
    assert listed["When"].tolist() == ["5 Jul 2006", "10 Jul 2006", "14 Jul 2006"]
    assert listed["Where"].tolist() == [NO_PLACE, NO_PLACE, "Geneva"]
    assert unconfirmed_meetings(before, plan.assignments).empty
    after = timeline_frame(plan.events, plan.activities, date(2007, 1, 1))
    assert next_meetings(after, plan.assignments).empty


def test_a_unit_filter_does_not_hide_the_lead(plan: Plan) -> None:
    # Under "unit: SPU" the IGF (A25) stays (SPU assists) but its lead, TSB, is filtered out of
    # the view's assignments: the list takes leads from the whole plan.
    view = apply_filters(plan, FilterSpec(units=("SPU",)))
    timeline = timeline_frame(view.events, view.activities, plan.as_of)
    listed = next_meetings(timeline, plan.assignments)
    assert listed.set_index("activity_id").loc["A25", "Lead unit"] == "TSB"


def test_joint_leads_and_no_lead() -> None:
    timeline = pd.DataFrame(
        {
            "activity_id": ["X1", "X2"],
            "title": ["Joint", ""],
            "start": pd.to_datetime(["2006-10-02", "2006-10-01"]),
            "end": pd.to_datetime(["2006-10-02", "2006-10-01"]),
            "precision": ["day", "day"],
            "status": ["planned", "planned"],
            "label": ["A meeting.", "Another."],
            "location": ["Geneva", ""],
        }
    )
    assignments = pd.DataFrame(
        {"activity_id": ["X1", "X1", "X1"], "unit": ["SPU", "CEC", "BR"],
         "role": ["lead", "lead", "assist"]}
    )  # fmt: skip
    before = timeline.copy(deep=True)
    listed = meetings(timeline, assignments)
    pd.testing.assert_frame_equal(timeline, before)
    assert listed["activity_id"].tolist() == ["X2", "X1"]  # earliest first
    assert listed["Lead unit"].tolist() == [NO_LEAD, "SPU and CEC"]
    assert listed["Activity"].tolist() == ["X2", "X1 · Joint"]
    assert listed["Where"].tolist() == [NO_PLACE, "Geneva"]


def test_no_events_gives_an_empty_list(plan: Plan) -> None:
    timeline = timeline_frame(plan.events.iloc[0:0], plan.activities, plan.as_of)
    listed = next_meetings(timeline, plan.assignments)
    assert listed.empty
    assert list(listed.columns) == list(MEETING_COLUMNS)
