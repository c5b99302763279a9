"""The timeline page: events on a date axis, lanes, the movable as-of line, provenance."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ui.render import SHORT_TABLE_ROWS

from .conftest import BIG_SCALE, MakeApp
from .markdown_text import shown_table
from .plotly_json import chart_selection, figure, table_selection, values

IGF_SENTENCE = "IGF meeting, 30 October – 2 November, in Athens."


def statuses(spec: dict[str, Any]) -> list[str]:
    """One status per event drawn (customdata[7] of every point)."""
    return [
        point[7] for trace in spec["data"] if "customdata" in trace for point in trace["customdata"]
    ]


def event_sentences(spec: dict[str, Any]) -> set[str]:
    return {
        point[2].replace("<br>", " ")
        for trace in spec["data"]
        if "customdata" in trace
        for point in trace["customdata"]
    }


def test_every_event_drawn_with_the_plan_date(make_app: MakeApp) -> None:
    at = make_app("timeline")
    assert not at.exception
    spec = figure(at)
    assert len(statuses(spec)) == 46
    # As of 13 September 2006: A10, A25, A35 planned; A06 and A36 unconfirmed (test_counts).
    assert statuses(spec).count("planned") == 3
    assert statuses(spec).count("unconfirmed") == 2
    assert any(a["text"] == "as of 13 Sep 2006" for a in spec["layout"]["annotations"])
    legend = [trace["name"] for trace in spec["data"]]
    assert "Planned: month or year only (≈, spans the period)" in legend
    assert "Held: single day" in legend
    assert "Unconfirmed: several days" in legend  # Bangkok 26-28 July, 31 Aug/1 Sept
    # The table lists the same events, with the plan's sentence.
    table = at.dataframe[0].value
    assert len(table) == 46
    assert IGF_SENTENCE in table["Sentence in the plan"].tolist()


def test_telecom_world_is_drawn_across_2006_as_approximate(make_app: MakeApp) -> None:
    spec = figure(make_app("timeline"))
    (trace,) = [t for t in spec["data"] if t["name"].startswith("Planned: month or year")]
    texts = trace["text"]
    index = texts.index("≈ 2006")
    assert trace["base"][index] == "2006-01-01"
    assert values(trace["x"])[index] == 365 * 86_400_000  # the whole year, in milliseconds
    assert trace["marker"]["pattern"]["shape"] == "/"  # hatched: planned, also in greyscale
    assert "Connect the World pavilion" in trace["customdata"][index][2]


def test_lanes_radio_and_url(make_app: MakeApp) -> None:
    at = make_app("timeline")
    pillar_lanes = figure(at)["layout"]["yaxis"]["ticktext"]
    assert len(pillar_lanes) == 4
    # A rule between each two lanes, halfway between the last row of one and the next's first.
    rules = figure(at)["layout"]["yaxis"]["minor"]
    assert rules["showgrid"] is True
    assert values(rules["tickvals"]) == [8.5, 11.5, 13.5]
    at.radio(key="timeline_lanes").set_value("activity").run()
    assert not at.exception
    activity_lanes = figure(at)["layout"]["yaxis"]["ticktext"]
    assert len(activity_lanes) == 29
    assert activity_lanes[0].startswith("A01 · ")
    assert at.query_params["lanes"] == "activity"

    linked = make_app("timeline", query={"lanes": "activity"})
    assert figure(linked)["layout"]["yaxis"]["ticktext"] == activity_lanes


def test_moving_as_of_recomputes_statuses(make_app: MakeApp) -> None:
    at = make_app("timeline", query={"as_of": "2006-05-01"})
    assert not at.exception
    spec = figure(at)
    # On 1 May 2006 nothing the plan calls planned has passed yet: 29 events still to come.
    assert statuses(spec).count("planned") == 29
    assert statuses(spec).count("unconfirmed") == 0
    assert any(a["text"] == "as of 1 May 2006" for a in spec["layout"]["annotations"])

    # On 31 December 2006 the IGF (30 October – 2 November) counts as held, October 2006 (A10)
    # joins 31 Aug/1 Sept and 26-28 July as unconfirmed, and only "ITU TELECOM World 2006"
    # (the year, which ends that day) is still planned.
    at.date_input(key="timeline_as_of").set_value(date(2006, 12, 31)).run()
    assert statuses(figure(at)).count("planned") == 1
    assert statuses(figure(at)).count("unconfirmed") == 3
    assert at.query_params["as_of"] == "2006-12-31"


def test_filters_by_widget_and_url(make_app: MakeApp) -> None:
    at = make_app("timeline")
    at.multiselect(key="f_units").set_value(["TSB"]).run()
    assert not at.exception
    assert len(statuses(figure(at))) == 18

    linked = make_app("timeline", query={"pillar": ["Internet Governance"]})
    spec = figure(linked)
    assert len(statuses(spec)) == 5
    assert IGF_SENTENCE in event_sentences(spec)


def test_selecting_an_event_on_the_chart_shows_its_source(make_app: MakeApp) -> None:
    at = make_app("timeline")
    spec = figure(at)
    (trace,) = [t for t in spec["data"] if t["name"] == "Planned: several days"]
    igf = next(point for point in trace["customdata"] if "Athens" in point[2])
    at.session_state["timeline_chart"] = chart_selection(
        {"curve_number": 0, "point_index": 0, "customdata": igf}, 0
    )
    at.run()
    assert not at.exception
    shown = [code.value for code in at.code]
    assert any("IGF meeting, 30 October – 2 November, in Athens." in text for text in shown)
    assert any("A25 · Creation of Internet Governance Forum" in text.value for text in at.text)


def test_selecting_a_table_row_shows_its_source(make_app: MakeApp) -> None:
    at = make_app("timeline")
    at.session_state["timeline_table"] = table_selection(0)
    at.run()
    assert not at.exception
    # The earliest event: the stocktaking report of November 2005 (A29).
    assert any(text.value.startswith("A29 · WSIS stocktaking") for text in at.text)
    assert any("November 2005" in code.value for code in at.code)


def test_empty_filter_shows_a_note(make_app: MakeApp) -> None:
    at = make_app("timeline", query={"unit": ["BR"], "pillar": ["UN system-wide implementation"]})
    assert not at.exception
    assert not at.get("plotly_chart")
    assert any("Nothing to show" in info.value for info in at.info)


# ---------------------------------------------------------------- a plan too big to draw

BIG_EVENTS = 1150


def heatmap_cells(spec: dict[str, Any]) -> dict[tuple[int, str], int]:
    """{(lane_index, first day of the month): events} from the pick layer and the heatmap."""
    (cells,) = [trace for trace in spec["data"] if trace["type"] == "heatmap"]
    (picks,) = [trace for trace in spec["data"] if trace["type"] == "scatter"]
    counts = values(cells["z"])[: len(picks["customdata"])]
    return {
        (lane_index, month): int(count)
        for (lane_index, month), count in zip(picks["customdata"], counts, strict=True)
    }


def test_a_plan_over_the_threshold_is_counted_per_month(make_app: MakeApp, big_plan: Path) -> None:
    at = make_app("timeline", plan_csv=big_plan)
    assert not at.exception
    spec = figure(at)
    # No bar or mark per event: the counts, and the invisible layer that makes cells selectable.
    assert [trace["type"] for trace in spec["data"]] == ["heatmap", "scatter"]
    assert sum(heatmap_cells(spec).values()) == BIG_EVENTS
    assert spec["layout"]["title"]["text"].startswith("Events per month")
    assert any(a["text"] == "as of 13 Sep 2015" for a in spec["layout"]["annotations"])
    (note,) = at.info
    assert note.value.startswith("1,150 events: too many to draw one by one")
    assert "fewer to see each one; the table below lists every event" in note.value
    assert len(at.dataframe[0].value) == BIG_EVENTS


@pytest.mark.parametrize(
    ("query", "drawn"),
    [
        ({"lanes": "activity"}, "heatmap"),
        # Internet Governance: 5 events in each of the 25 copies, drawn one by one again.
        ({"pillar": ["Internet Governance"]}, "events"),
    ],
)
def test_the_filters_decide_how_the_events_are_drawn(
    make_app: MakeApp, big_plan: Path, query: dict[str, Any], drawn: str
) -> None:
    at = make_app("timeline", query=query, plan_csv=big_plan)
    assert not at.exception
    spec = figure(at)
    if drawn == "heatmap":
        assert spec["data"][0]["type"] == "heatmap"
        assert len(spec["layout"]["yaxis"]["categoryarray"]) == 29 * BIG_SCALE
    else:
        assert len(statuses(spec)) == 5 * BIG_SCALE
        assert not at.info


def test_selecting_a_cell_lists_its_events_and_a_row_its_source(
    make_app: MakeApp, big_plan: Path
) -> None:
    at = make_app("timeline", plan_csv=big_plan)
    spec = figure(at)
    # The first lane's first cell: February 2006, the A01 meetings of 23 and 24 February in
    # copies 0, 10 and 20 of the plan (the copies whose dates moved by whole decades).
    february = [0, "2006-02-01"]
    assert heatmap_cells(spec)[(0, "2006-02-01")] == 6
    at.session_state["timeline_chart"] = chart_selection(
        {"curve_number": 1, "point_index": 0, "customdata": february}, 0
    )
    at.run()
    assert not at.exception
    table = at.dataframe[0].value
    assert table["Activity"].tolist() == ["A01", "A01-s10", "A01-s20"] * 2
    assert {f"{start:%Y-%m}" for start in table["Start"]} == {"2006-02"}
    assert any(
        "Only the events of Multi" in text.value and "February 2006 \\(6\\)" in text.value
        for text in at.caption
    )
    # A row of the narrowed table: its own activity, not the plan's second event.
    at.session_state["timeline_table_0_2006-02"] = table_selection(1)
    at.run()
    assert not at.exception
    assert any(text.value.startswith("A01-s10 · Organisation of Action Line") for text in at.text)
    # Another cell: a table of its own, with no row chosen, so no event of the first cell shows.
    other = next(cell for cell in heatmap_cells(spec) if cell != (0, "2006-02-01"))
    at.session_state["timeline_chart"] = chart_selection(
        {"curve_number": 1, "point_index": 1, "customdata": list(other)}, 0
    )
    at.run()
    assert not at.exception
    assert not any(text.value.startswith("A01-s10 · Organisation") for text in at.text)
    assert at.dataframe[0].value["Start"].dt.strftime("%Y-%m-01").eq(other[1]).all()


def test_next_meetings_and_unconfirmed_lists(make_app: MakeApp) -> None:
    at = make_app("timeline")
    assert not at.exception
    assert any(header.value == "Next meetings as of 13 Sep 2006" for header in at.header)
    upcoming, unconfirmed = (shown_table(table.value) for table in at.table)
    # From the comments: eHealth "to be held in October 2006" (A10), the IGF in Athens (A25),
    # the pavilion at ITU TELECOM World 2006 (A35, dated only to the year: listed last).
    assert list(upcoming.columns) == ["When", "What", "Where", "Activity", "Lead unit"]
    assert upcoming["When"].tolist() == [
        "≈ Oct 2006 (month only)",
        "30 Oct – 2 Nov 2006",
        "≈ 2006 (year only)",
    ]
    assert upcoming["Where"].tolist()[1] == "Athens"
    assert upcoming["Lead unit"].tolist() == ["BDT", "TSB", "BDT"]
    # Planned for 26-28 July (Bangkok) and 31 Aug/1 Sept, never reported held.
    assert unconfirmed["When"].tolist() == ["26–28 Jul 2006", "31 Aug – 1 Sep 2006"]


def test_moving_as_of_changes_the_next_meetings(make_app: MakeApp) -> None:
    at = make_app("timeline", query={"as_of": "2006-07-01"})
    assert not at.exception
    (upcoming,) = (shown_table(table.value) for table in at.table)  # nothing unconfirmed on 1 July
    # 5 July (A32, publication), 10 July (A24, ECOSOC), 14 July in Geneva (A20), ...
    assert upcoming["When"].tolist()[:3] == ["5 Jul 2006", "10 Jul 2006", "14 Jul 2006"]


def test_chart_labels_the_nearest_events_and_titles_its_axis(make_app: MakeApp) -> None:
    spec = figure(make_app("timeline"))
    labels = {a["text"] for a in spec["layout"]["annotations"] if a.get("name") == "event label"}
    # The events still to come or unconfirmed, where they fit beside their mark: 31 Aug/1 Sept
    # (A06, no place named), October 2006 (A10), the IGF in Athens, TELECOM World 2006 (A35).
    # Bangkok (26-28 July) has no room between its neighbours: it is read on hover and in the
    # list.
    assert labels == {
        "31 Aug – 1 Sep · A06",
        "≈ Oct · A10",
        "30 Oct – 2 Nov · Athens",
        "≈ 2006 · A35",
    }
    # The events run from November 2005 to November 2006.
    assert spec["layout"]["xaxis"]["title"]["text"] == "Date (2005–2006)"
    igf = make_app("timeline", query={"pillar": ["Internet Governance"]})
    assert figure(igf)["layout"]["xaxis"]["title"]["text"] == "Date (2006)"


def test_a_long_unconfirmed_list_shows_its_head(make_app: MakeApp, big_plan: Path) -> None:
    """The page lists the first rows and says where the rest are (a static table is drawn
    whole in the browser, on every visit to the page)."""
    at = make_app("timeline", plan_csv=big_plan)
    assert not at.exception
    _, unconfirmed = at.table
    (heading,) = [text.value for text in at.markdown if text.value.startswith("**Unconfirmed (")]
    count = int(heading.removeprefix("**Unconfirmed (").removesuffix(")**"))
    assert count > SHORT_TABLE_ROWS
    assert len(unconfirmed.value) == SHORT_TABLE_ROWS
    assert any(
        text.value
        == f"The first {SHORT_TABLE_ROWS} of {count} are listed here. The table of the events "
        "shown, below, lists them all."
        for text in at.caption
    )
