"""Search, lanes, plain-named tables and the download bytes (analysis.measures.activities, timeline,
network, audit and export)."""

from __future__ import annotations

import io
import zipfile

import pandas as pd
import pytest
from openpyxl import load_workbook

from analysis.export import csv_zip_bytes, download_tables, workbook_bytes
from analysis.measures.activities import activities_by_id, restrict_plan, search_plan
from analysis.measures.audit import findings_for
from analysis.measures.network import centrality, centrality_table, collaboration_graph
from analysis.measures.timeline import event_table, timeline_frame, timeline_lanes
from analysis.model import Plan
from analysis.planfile.load import load_plan


@pytest.fixture(scope="module")
def bundled() -> Plan:
    return load_plan()


def test_search_is_case_insensitive_and_needs_every_word(bundled: Plan) -> None:
    assert search_plan(bundled.activities, "INTERNET governance")["activity_id"].tolist() == [
        "A07",  # its comments mention the Internet Governance pillar
        "A25",
    ]
    # 'Athens' is only in A25's comments; ids match too.
    assert search_plan(bundled.activities, "athens")["activity_id"].tolist() == ["A25"]
    assert search_plan(bundled.activities, "a07.5")["title"].tolist() == ["Countering spam"]
    assert search_plan(bundled.activities, "athens spam").empty


def test_search_is_literal_and_empty_keeps_all(bundled: Plan) -> None:
    assert len(search_plan(bundled.activities, "  ")) == len(bundled.activities)
    assert search_plan(bundled.activities, "(.*").empty  # not read as a pattern


def test_restrict_plan_cuts_every_frame(bundled: Plan) -> None:
    small = restrict_plan(bundled, ["A25"])
    assert small.activities["activity_id"].tolist() == ["A25"]
    assert set(small.assignments["unit"]) == {"TSB", "SPU", "BDT", "WSIS-ES"}
    assert len(small.events) == 4
    assert len(bundled.activities) == 54  # the input is left alone


def test_activities_by_ids_keeps_the_order_given_and_drops_unknown(bundled: Plan) -> None:
    picked = activities_by_id(bundled.activities, ["A25", "A01", "A25", "nope"], order="given")
    assert picked["activity_id"].tolist() == ["A25", "A01"]


def test_lanes_by_pillar_keep_overlapping_events_apart(bundled: Plan) -> None:
    timeline = timeline_frame(bundled.events, bundled.activities, bundled.as_of)
    lanes = timeline_lanes(timeline, bundled.activities, "pillar")
    assert lanes["lane"].drop_duplicates().tolist()[0] == "Other implementation issues"
    assert sorted(lanes["lane_index"].unique()) == [0, 1, 2, 3]
    # No two events of a row overlap (with the clearance a mark needs).
    for _, row in lanes.sort_values("start").groupby("y"):
        starts = row["start"].tolist()[1:]
        ends = row["draw_end"].tolist()[:-1]
        assert all(start >= end for start, end in zip(starts, ends, strict=True))
    # Lanes do not interleave: every row belongs to one lane.
    assert lanes.groupby("y")["lane"].nunique().max() == 1


def test_lanes_by_activity_follow_plan_order(bundled: Plan) -> None:
    timeline = timeline_frame(bundled.events, bundled.activities, bundled.as_of)
    lanes = timeline_lanes(timeline, bundled.activities, "activity")
    order = lanes.sort_values("y")["activity_id"].drop_duplicates().tolist()
    assert order[:3] == ["A01", "A02", "A03"]
    assert order[-1] == "A40"
    # A01's meetings on 23 and 24 Feb would overprint: two rows in its lane.
    assert lanes.loc[lanes["activity_id"] == "A01", "y"].tolist() == [0, 1]


def test_lane_rows_are_those_the_row_by_row_packing_gave(bundled: Plan) -> None:
    # Recorded from the packing that scanned every row for each event, before the heap: the
    # heap must place every event of the bundled plan on the same row.
    timeline = timeline_frame(bundled.events, bundled.activities, bundled.as_of)
    by_pillar = timeline_lanes(timeline, bundled.activities, "pillar")
    assert by_pillar["y"].tolist() == [
        14, 15, 16, 14, 15, 16, 14, 9, 12, 0, 1, 9, 14, 0, 9, 10, 14, 16, 0, 1, 2, 3, 4,
        5, 9, 0, 6, 7, 8, 17, 18, 1, 12, 13, 14, 16, 12, 9, 14, 10, 11, 14, 0, 14, 0, 12,
    ]  # fmt: skip
    by_activity = timeline_lanes(timeline, bundled.activities, "activity")
    assert by_activity["y"].tolist() == [
        23, 29, 30, 23, 27, 24, 23, 16, 19, 0, 1, 14, 28, 3, 17, 14, 25, 29, 11, 4, 6, 12,
        13, 5, 16, 2, 7, 8, 10, 31, 32, 3, 19, 20, 26, 33, 21, 15, 25, 18, 14, 28, 5, 22,
        9, 19,
    ]  # fmt: skip


def test_an_event_takes_the_lowest_free_row_not_the_first_to_end() -> None:
    day = pd.Timestamp
    events = pd.DataFrame(
        {
            "activity_id": ["A1", "A2", "A3", "A4"],
            "title": ["", "", "", ""],
            "pillar": ["Internet Governance"] * 4,
            "start": [day("2006-01-01"), day("2006-01-02"), day("2006-01-03"), day("2006-03-01")],
            # Row 0 is busy until February, row 1 until mid-January, row 2 until the 20th.
            "draw_end": [
                day("2006-02-01"),
                day("2006-01-15"),
                day("2006-01-20"),
                day("2006-03-02"),
            ],
        }
    )
    rows = timeline_lanes(events, events, "pillar")["y"].tolist()
    # By March every row is free again: the lowest, 0, not row 1 (the first to come free).
    assert rows == [0, 1, 2, 0]


def test_lanes_of_no_events_is_empty(bundled: Plan) -> None:
    timeline = timeline_frame(bundled.events.iloc[0:0], bundled.activities, bundled.as_of)
    assert timeline_lanes(timeline, bundled.activities, "pillar").empty


def test_event_table_has_plain_names(bundled: Plan) -> None:
    table = event_table(timeline_frame(bundled.events, bundled.activities, bundled.as_of))
    assert table.columns[0] == "Date as written"
    igf = table[table["Location"] == "Athens"].iloc[0]
    assert igf["Sentence in the plan"] == "IGF meeting, 30 October – 2 November, in Athens."
    assert igf["Status"] == "planned"


def test_centrality_table_names(bundled: Plan) -> None:
    table = centrality_table(centrality(collaboration_graph(bundled)))
    top = table.iloc[0]
    assert top["Unit or organisation"] == "BDT"
    assert top["Type"] == "ITU unit"
    assert top["Activities taken part in"] == 28
    assert top["Partners worked with"] == 16


def test_findings_for_filters_by_check() -> None:
    findings = pd.DataFrame({"activity_id": ["A1", "A2"], "check": ["joint leads", "no ITU lead"]})
    assert findings_for(findings, ["joint leads"])["activity_id"].tolist() == ["A1"]
    assert len(findings_for(findings, [])) == 2


def test_csv_zip_holds_the_tables_and_plan_csv(bundled: Plan) -> None:
    shown = restrict_plan(bundled, ["A25", "A28"])
    with zipfile.ZipFile(io.BytesIO(csv_zip_bytes(shown))) as archive:
        assert sorted(archive.namelist()) == [
            "activities.csv",
            "assignments.csv",
            "events.csv",
            "partners.csv",
            "plan.csv",
        ]
        events = pd.read_csv(archive.open("events.csv"))
        plan_csv = pd.read_csv(archive.open("plan.csv"), dtype=str, keep_default_na=False)
    assert len(events) == 5
    assert "2006-10-30" in events["start"].tolist()
    assert plan_csv["activity_id"].tolist() == ["A25", "A28"]


def test_workbook_has_a_sheet_per_table_and_neutralises_formulas(bundled: Plan) -> None:
    tables = download_tables(restrict_plan(bundled, ["A25"]))
    tables["plan"] = tables["plan"].assign(comments='=HYPERLINK("http://x")')
    tables["extra"] = pd.DataFrame({"text": ["@SUM(A1)", "bell\x07", None], "n": [1, 2, 3]})
    book = load_workbook(io.BytesIO(workbook_bytes(tables)))
    assert book.sheetnames == [
        "activities",
        "assignments",
        "partners",
        "events",
        "plan",
        "extra",
    ]
    plan_sheet = book["plan"]
    header = [cell.value for cell in plan_sheet[1]]
    comments = plan_sheet.cell(row=2, column=header.index("comments") + 1)
    assert comments.data_type == "s"
    assert comments.value == '\'=HYPERLINK("http://x")'
    extra = [[cell.value for cell in row] for row in book["extra"].iter_rows(min_row=2)]
    assert extra == [["'@SUM(A1)", 1], ["bell", 2], [None, 3]]
    assert book["activities"]["A2"].value == "A25"
