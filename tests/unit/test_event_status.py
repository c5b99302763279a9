"""analysis.planfile.dates.event_status: held, planned or unconfirmed, from the plan's words and the
as-of date. "Passed" means the event ended before the as-of date; a date the plan gives only as
a month or a year ends with that month or year."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from analysis.measures.timeline import status_counts_phrase
from analysis.model import EVENT_STATUSES, Plan
from analysis.planfile.dates import event_status
from analysis.planfile.load import load_plan

AS_OF = date(2006, 9, 13)


def event(start: str, end: str, *, planned_in_text: bool) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "start": [pd.Timestamp(start)],
            "end": [pd.Timestamp(end)],
            "planned_in_text": [planned_in_text],
        }
    )


@pytest.mark.parametrize(
    ("start", "end", "planned_in_text", "expected"),
    [
        # "Joint ITU/UNESCO/UNCTAD workshop to be held in Bangkok, 26-28 July."
        ("2006-07-26", "2006-07-28", True, "unconfirmed"),
        # "A meeting on WTDC Res. 45 is planned for 31 Aug/1 Sept."
        ("2006-08-31", "2006-09-01", True, "unconfirmed"),
        # "First meeting to be held in October 2006.": the month has not begun.
        ("2006-10-01", "2006-10-31", True, "planned"),
        # "... to be organised at ITU TELECOM World 2006": the year has not ended.
        ("2006-01-01", "2006-12-31", True, "planned"),
        # "IGF meeting, 30 October – 2 November, in Athens.": no marker, but after the as-of date.
        ("2006-10-30", "2006-11-02", False, "planned"),
        # "10th meeting held 12-13 September 2006": the plan's own latest held meeting.
        ("2006-09-12", "2006-09-13", False, "held"),
        # Said planned and ending on the as-of day itself: not passed yet.
        ("2006-09-12", "2006-09-13", True, "planned"),
        # Said planned, ended the day before: passed.
        ("2006-09-11", "2006-09-12", True, "unconfirmed"),
        # No marker, before the as-of date: held.
        ("2006-05-16", "2006-05-16", False, "held"),
    ],
)
def test_one_event(start: str, end: str, planned_in_text: bool, expected: str) -> None:
    frame = event(start, end, planned_in_text=planned_in_text)
    assert event_status(frame, AS_OF).tolist() == [expected]


def test_every_state_is_a_known_status() -> None:
    frame = pd.concat(
        [
            event("2006-07-26", "2006-07-28", planned_in_text=True),
            event("2006-10-01", "2006-10-31", planned_in_text=True),
            event("2006-05-16", "2006-05-16", planned_in_text=False),
        ],
        ignore_index=True,
    )
    status = event_status(frame, AS_OF)
    assert set(status) == set(EVENT_STATUSES)
    assert status.dtype == "str"


def test_no_events_gives_an_empty_series() -> None:
    frame = event("2006-07-26", "2006-07-28", planned_in_text=True).iloc[0:0]
    assert event_status(frame, AS_OF).empty


def test_input_is_left_as_it_was() -> None:
    frame = event("2006-07-26", "2006-07-28", planned_in_text=True)
    before = frame.copy(deep=True)
    event_status(frame, AS_OF)
    pd.testing.assert_frame_equal(frame, before)


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan()


@pytest.mark.parametrize(
    ("as_of", "held", "planned", "unconfirmed"),
    [
        # The plan's own date: 41 held; planned A10 (October 2006), A25 (IGF Athens), A35
        # (TELECOM World 2006); unconfirmed A06 (31 Aug/1 Sept), A36 (Bangkok 26-28 July).
        (date(2006, 9, 13), 41, 3, 2),
        # 1 May 2006: everything from May on is still to come; nothing said planned has passed.
        (date(2006, 5, 1), 17, 29, 0),
        # 27 July: the Bangkok workshop (26-28 July) is under way, so still planned, as are
        # the five events of 13 September's list and the 12-13 September meeting (A28).
        (date(2006, 7, 27), 40, 6, 0),
        # 31 December: the IGF counts as held; October 2006 joins the two unconfirmed; only
        # the year-long TELECOM World 2006 pavilion has not passed.
        (date(2006, 12, 31), 42, 1, 3),
        # 1 January 2007: the year is over too.
        (date(2007, 1, 1), 42, 0, 4),
    ],
)
def test_moving_the_as_of_date_moves_events_between_states(
    plan: Plan, as_of: date, held: int, planned: int, unconfirmed: int
) -> None:
    counts = event_status(plan.events, as_of).value_counts().to_dict()
    assert {status: counts.get(status, 0) for status in EVENT_STATUSES} == {
        "held": held,
        "planned": planned,
        "unconfirmed": unconfirmed,
    }


@pytest.mark.parametrize(
    ("statuses", "phrase"),
    [
        (["planned", "held", "held"], "2 held, 1 planned, 0 unconfirmed"),
        ([], "0 held, 0 planned, 0 unconfirmed"),
    ],
)
def test_events_counted_by_status_name_every_status(statuses: list[str], phrase: str) -> None:
    """The Timeline's caption and `validate`'s summary say it the same way."""
    events = pd.DataFrame({"status": pd.Series(statuses, dtype="str")})
    assert status_counts_phrase(events) == phrase
