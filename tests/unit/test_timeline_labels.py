"""charts.timeline_labels: labels beside the events not yet held, only where they fit; and the
timeline's date axis titled by the years its events span."""

from __future__ import annotations

import pandas as pd
import pytest

from charts.timeline import date_axis_title, month_ticks
from charts.timeline_labels import event_labels, label_text

AS_OF = pd.Timestamp("2006-09-13")
RANGE = (pd.Timestamp("2005-10-20"), pd.Timestamp("2007-01-12"))


def lanes(*rows: tuple[str, str, str, str, str, int, int]) -> pd.DataFrame:
    """(activity_id, start, end, status, location, y, lane_index) per event, day precision."""
    frame = pd.DataFrame(
        rows, columns=["activity_id", "start", "end", "status", "location", "y", "lane_index"]
    )
    start, end = pd.to_datetime(frame["start"]), pd.to_datetime(frame["end"])
    return frame.assign(start=start, end=end, draw_end=end + pd.Timedelta(days=1), precision="day")


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (("A25", "2006-10-30", "2006-11-02", "planned", "Athens", 0, 0), "30 Oct – 2 Nov · Athens"),
        (("A06", "2006-08-31", "2006-09-01", "unconfirmed", "", 0, 0), "31 Aug – 1 Sep · A06"),
        (("A99", "2007-03-05", "2007-03-05", "planned", "Doha", 0, 0), "5 Mar 2007 · Doha"),
    ],
)
def test_label_text(row: tuple[str, str, str, str, str, int, int], expected: str) -> None:
    assert label_text(lanes(row).iloc[0], AS_OF.year) == expected


def test_held_events_get_no_label() -> None:
    events = lanes(("A01", "2006-05-16", "2006-05-16", "held", "Geneva", 0, 0))
    assert event_labels(events, AS_OF, RANGE) == []


def test_a_label_goes_where_it_fits_and_never_over_another_event() -> None:
    events = lanes(
        # Planned in Athens, with a held event hard on its right and another on its left.
        ("A25", "2006-10-30", "2006-11-02", "planned", "Athens", 0, 0),
        ("A30", "2006-11-06", "2006-11-06", "held", "", 0, 0),
        ("A31", "2006-10-20", "2006-10-20", "held", "", 0, 0),
        # The row below, same lane, is free: the label goes there with a pointer.
        ("A32", "2006-01-10", "2006-01-10", "held", "", 1, 0),
    )
    (label,) = event_labels(events, AS_OF, RANGE)
    assert label["text"] == "30 Oct – 2 Nov · Athens"
    assert label["ay"] == 1 and label["y"] == 0
    assert label["showarrow"] is True


def test_no_room_on_its_row_nor_in_its_lane_means_no_label() -> None:
    events = lanes(
        ("A25", "2006-10-30", "2006-11-02", "planned", "Athens", 0, 0),
        ("A30", "2006-11-06", "2006-11-06", "held", "", 0, 0),
        ("A31", "2006-10-20", "2006-10-20", "held", "", 0, 0),
        # Row 1 belongs to another lane: a label there would read as that lane's.
        ("A32", "2006-01-10", "2006-01-10", "held", "", 1, 1),
    )
    assert event_labels(events, AS_OF, RANGE) == []


def test_a_label_beside_its_event_on_its_row() -> None:
    events = lanes(("A10", "2006-10-01", "2006-10-01", "planned", "Geneva", 0, 0))
    (label,) = event_labels(events, AS_OF, RANGE)
    assert label["showarrow"] is False
    assert label["xanchor"] == "left"
    assert label["x"] == "2006-10-02T00:00:00"  # right after the day's mark


@pytest.mark.parametrize(
    ("starts", "ends", "title"),
    [
        (["2005-11-01", "2006-05-16"], ["2005-11-30", "2006-11-02"], "Date (2005–2006)"),
        (["2006-02-24"], ["2006-11-02"], "Date (2006)"),
        (["2006-12-30"], ["2007-01-02"], "Date (2006–2007)"),
        ([], [], "Date"),
    ],
)
def test_date_axis_title(starts: list[str], ends: list[str], title: str) -> None:
    events = pd.DataFrame({"start": pd.to_datetime(starts), "end": pd.to_datetime(ends)})
    assert date_axis_title(events) == title


@pytest.mark.parametrize(
    ("first", "last", "ticks"),
    [
        # The bundled plan's axis: a label a month.
        ("2005-10-20", "2007-01-12", {"dtick": "M1", "tickformat": "%b<br>%Y"}),
        ("2005-01-01", "2006-12-31", {"dtick": "M1", "tickformat": "%b<br>%Y"}),
        ("2005-01-01", "2007-01-01", {"dtick": "M2", "tickformat": "%b<br>%Y"}),
        # One planned meeting in 2030: every second year, not 296 labels.
        ("2005-10-20", "2030-05-24", {"dtick": "M24", "tickformat": "%Y"}),
        ("2005-10-20", "2015-05-24", {"dtick": "M6", "tickformat": "%b<br>%Y"}),
        ("2005-10-20", "2025-05-24", {"dtick": "M12", "tickformat": "%Y"}),
        ("2006-05-16", "2006-05-16", {"dtick": "M1", "tickformat": "%b<br>%Y"}),
    ],
)
def test_the_date_axis_labels_at_most_two_dozen_ticks(
    first: str, last: str, ticks: dict[str, str]
) -> None:
    assert month_ticks(pd.Timestamp(first), pd.Timestamp(last)) == ticks
