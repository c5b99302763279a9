"""Comparing plan versions (analysis.changes.diff): hand-made revisions of the bundled
data/plan.csv text give exactly the expected change rows and lines."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

import pandas as pd
import pytest

from analysis.changes.compare import (
    balance_comparison,
    compare_views,
    sector_comparison,
    workload_comparison,
)
from analysis.changes.diff import CHANGE_COLUMNS, format_changes, plan_changes
from analysis.changes.whatif import MoveRole, apply_edits
from analysis.filters import FilterSpec, apply_filters
from analysis.model import Plan
from analysis.planfile.load import BUNDLED_PLAN, load_plan, parse_plan, read_reference
from benchmarks.generate import generate, to_csv_text

Revise = Callable[..., Plan]
Row = tuple[str, ...]  # the CHANGE_COLUMNS of one change


@pytest.fixture(scope="session")
def bundled_plan() -> Plan:
    """data/plan.csv as loaded; session-scoped, so the tests below must leave it unchanged."""
    return load_plan()


@pytest.fixture(scope="session")
def revise() -> Revise:
    """revise(drop=(ids), add=(rows), **{activity_id: {column: new cell}}) -> Plan: the bundled
    plan file with those rows dropped, cells replaced and rows appended, read by the loader."""
    text = BUNDLED_PLAN.read_text(encoding="utf-8-sig")
    units, organisations = read_reference()

    def run(
        drop: tuple[str, ...] = (),
        add: tuple[dict[str, str], ...] = (),
        **cells: dict[str, str],
    ) -> Plan:
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        for row in rows:
            if row["activity_id"] not in drop:
                writer.writerow({**row, **cells.get(row["activity_id"], {})})
        for row in add:
            writer.writerow({column: row.get(column, "") for column in rows[0]})
        return parse_plan(buffer.getvalue().encode("utf-8"), "revised.csv", units, organisations)

    return run


def rows_of(changes: pd.DataFrame) -> list[Row]:
    frame = changes[list(CHANGE_COLUMNS)]
    return [tuple(str(cell) for cell in row) for row in frame.itertuples(index=False)]


E_FLASH = "Production of “E-Flash”"
WG = "Council WG-WSIS"
IGF = "Creation of Internet Governance Forum (paras 67, 72-79)"
TENTH = "10th meeting held 12-13 September 2006"
IGF_MEETING = "IGF meeting, 30 October – 2 November, in Athens."

# ---------------------------------------------------------------- the revisions

# name: (cells to change as revise() keywords, expected rows, expected lines)
SCENARIOS: dict[str, tuple[dict[str, object], list[Row], list[str]]] = {
    "activity removed": (
        {"drop": ("A40",)},
        [("activity removed", "A40", "UN Global Alliance", "", "UN Global Alliance", "", "")],
        ["UN Global Alliance: activity A40 removed"],
    ),
    "lead handed over": (
        {"A34": {"lead": "CEC", "assist": "SPU"}},
        [("role changed", "A34", E_FLASH, "WSIS-ES → CEC", "WSIS-ES lead", "CEC lead", "")],
        [f"{E_FLASH}: WSIS-ES lead → CEC lead"],
    ),
    "meeting moved": (
        {"A28": {"comments": "10th meeting held 2-3 October 2006"}},
        [("event moved", "A28", WG, "", "2006-09-12", "2006-10-02", TENTH)],
        [f"{WG}: meeting '{TENTH}' moved 2006-09-12 → 2006-10-02"],
    ),
    "activity added": (
        {
            "add": (
                {
                    "activity_id": "A41",
                    "pillar": "Other implementation issues",
                    "title": "WSIS+1 review",
                    "lead": "SPU",
                    "comments": "Held 5 May.",
                },
            )
        },
        [("activity added", "A41", "WSIS+1 review", "", "", "WSIS+1 review", "")],
        ["WSIS+1 review: activity A41 added"],
    ),
    "roles gained, lost and changed": (
        {
            "A14": {"lead": "BR; TSB", "assist": ""},
            "A26": {"assist": "TSB"},
            "A27": {"lead": "TSB"},
            "A30": {"assist": "SPU; BDT"},
        },
        [
            (
                "role changed",
                "A14",
                "Action Line C7, Theme eScience",
                "TSB",
                "TSB assist",
                "TSB lead",
                "",
            ),
            (
                "role lost",
                "A26",
                "Public Policy Development Process (paras 68-71)",
                "BDT",
                "BDT assist",
                "",
                "",
            ),
            (
                "role changed",
                "A27",
                "International Internet Connectivity (IIC) (paras 27 and 50)",
                "TSB",
                "TSB lead (Study Group 3)",
                "TSB lead",
                "",
            ),
            ("role gained", "A30", "Maintenance of WSIS website", "BDT", "", "BDT assist", ""),
        ],
        [
            "Action Line C7, Theme eScience: TSB assist → TSB lead",
            "Public Policy Development Process (paras 68-71): BDT assist removed",
            "International Internet Connectivity (IIC) (paras 27 and 50): "
            "TSB lead (Study Group 3) → TSB lead",
            "Maintenance of WSIS website: BDT assist added",
        ],
    ),
    "title and partners": (
        {
            "A30": {"title": "Maintenance of the WSIS website"},
            "A32": {"partners": "UNCTAD (partner); UNDP (partner)"},
        },
        [
            (
                "title changed",
                "A30",
                "Maintenance of the WSIS website",
                "",
                "Maintenance of WSIS website",
                "Maintenance of the WSIS website",
                "",
            ),
            (
                "partner removed",
                "A32",
                "Publication of World Information Society Report",
                "KADO",
                "partner",
                "",
                "",
            ),
            (
                "partner added",
                "A32",
                "Publication of World Information Society Report",
                "UNDP",
                "",
                "partner",
                "",
            ),
        ],
        [
            "Maintenance of WSIS website: title changed to 'Maintenance of the WSIS website'",
            "Publication of World Information Society Report: partner KADO (partner) removed",
            "Publication of World Information Society Report: partner UNDP (partner) added",
        ],
    ),
    "events added, removed, moved past the as-of date": (
        {
            "A21": {
                "comments": "Report to ECOSOC meeting in July 2006 in Geneva. "
                "Follow-up report planned for December 2006."
            },
            "A24": {"comments": ""},
            "A25": {
                "comments": "Consultation meetings on, 16-17 February and on 19 May in "
                "Geneva. First meeting of advisory committee on 22-23 May.\n"
                "IGF meeting, 30 August – 2 September, in Athens."
            },
            # One sentence dates two events; the second date changes.
            "A37": {
                "comments": "IOI published in November 2005.\nDoI launched in November "
                "2005, and published in full June 2006."
            },
        },
        [
            (
                "event added",
                "A21",
                "Report by UN Sec-Gen to ECOSOC on modalities of system-wide "
                "coordination (para 104)",
                "",
                "",
                "2006-12",
                "Follow-up report planned for December 2006.",
            ),
            (
                "event removed",
                "A24",
                "ECOSOC:  WSIS follow-up",
                "",
                "2006-07-10",
                "",
                "Discussion in ECOSCOC on 10 July",
            ),
            ("event moved", "A25", IGF, "", "2006-10-30", "2006-08-30", IGF_MEETING),
            ("event status changed", "A25", IGF, "", "planned", "held", IGF_MEETING),
            (
                "event moved",
                "A37",
                "Composite Indices (para 115 of Tunis Agenda and para 28a of Plan)",
                "",
                "2006-05",
                "2006-06",
                "DoI launched in November 2005, and published in full May 2006.",
            ),
        ],
        [
            "Report by UN Sec-Gen to ECOSOC on modalities of system-wide coordination (para 104):"
            " report 'Follow-up report planned for December 2006.' added, 2006-12",
            "ECOSOC:  WSIS follow-up: event 'Discussion in ECOSCOC on 10 July' removed, "
            "was 2006-07-10",
            f"{IGF}: meeting '{IGF_MEETING}' moved 2006-10-30 → 2006-08-30",
            f"{IGF}: meeting '{IGF_MEETING}' status planned → held",
            "Composite Indices (para 115 of Tunis Agenda and para 28a of Plan): event 'DoI "
            "launched in November 2005, and published in full May 2006.' moved 2006-05 → 2006-06",
        ],
    ),
}


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_revision_gives_exactly_the_expected_changes(
    bundled_plan: Plan, revise: Revise, name: str
) -> None:
    cells, expected_rows, _ = SCENARIOS[name]
    changes = plan_changes(bundled_plan, revise(**cells))
    assert list(changes.columns) == list(CHANGE_COLUMNS)
    assert rows_of(changes) == expected_rows


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_revision_in_words(bundled_plan: Plan, revise: Revise, name: str) -> None:
    cells, _, expected_lines = SCENARIOS[name]
    assert format_changes(plan_changes(bundled_plan, revise(**cells))) == expected_lines


def test_revisions_together_list_every_change_in_plan_order(
    bundled_plan: Plan, revise: Revise
) -> None:
    combined: dict[str, object] = {}
    expected: list[Row] = []
    for name in ("activity removed", "lead handed over", "meeting moved"):
        cells, rows, _ = SCENARIOS[name]
        combined.update(cells)
        expected += rows
    changes = plan_changes(bundled_plan, revise(**combined))
    # A28, A34, A40: the order of the activities in the old plan.
    assert rows_of(changes) == sorted(expected, key=lambda row: row[1])


def test_same_plan_has_no_changes(bundled_plan: Plan, revise: Revise) -> None:
    changes = plan_changes(bundled_plan, revise())
    assert changes.empty
    assert list(changes.columns) == list(CHANGE_COLUMNS)
    assert format_changes(changes) == []


def test_whole_unit_absorbed(bundled_plan: Plan) -> None:
    after = apply_edits(bundled_plan, [MoveRole(None, "WSIS-ES", "CEC")])
    es_note = "Executive Director, focal point for Greece regarding organizational matters"
    a01 = (
        "Organisation of Action Line Facilitators/ Moderators meeting (para 108-110 + Annex of "
        "Tunis Agenda)"
    )
    assert rows_of(plan_changes(bundled_plan, after)) == [
        # CEC leads A01 already: WSIS-ES's assist merges into it.
        ("role lost", "A01", a01, "WSIS-ES", "WSIS-ES assist (logistics)", "", ""),
        (
            "role changed",
            "A25",
            IGF,
            "WSIS-ES → CEC",
            f"WSIS-ES assist ({es_note})",
            "CEC assist",  # the note names WSIS-ES's own post: not copied onto CEC
            "",
        ),
        (
            "role changed",
            "A29",
            "WSIS stocktaking and Golden Book (para 120)",
            "WSIS-ES → CEC",
            "WSIS-ES assist",
            "CEC assist",
            "",
        ),
        # CEC assisted on A31 and A34: it takes the lead and its assist goes.
        (
            "role changed",
            "A31",
            "Publication of WSIS outcome documents, in all languages",
            "WSIS-ES → CEC",
            "WSIS-ES lead",
            "CEC lead",
            "",
        ),
        ("role lost", "A33", "WSIS archiving", "WSIS-ES", "WSIS-ES assist", "", ""),
        ("role changed", "A34", E_FLASH, "WSIS-ES → CEC", "WSIS-ES lead", "CEC lead", ""),
        (
            "role lost",
            "A39",
            "Coordination with non-governmental stakeholders",
            "WSIS-ES",
            "WSIS-ES lead (Executive Director)",
            "",
            "",
        ),
    ]
    assert format_changes(plan_changes(bundled_plan, after))[5] == (
        f"{E_FLASH}: WSIS-ES lead → CEC lead"
    )


def test_plan_changes_and_revise_leave_the_plans_as_they_were(
    bundled_plan: Plan, revise: Revise
) -> None:
    new = revise(drop=("A40",), A34={"lead": "CEC", "assist": "SPU"})
    copies = {
        name: getattr(bundled_plan, name).copy(deep=True)
        for name in ("assignments", "activities", "events", "partners")
    }
    new_assignments = new.assignments.copy(deep=True)
    changes = plan_changes(bundled_plan, new)
    compare_views(bundled_plan, new, FilterSpec(units=("CEC",)), changes)
    for name, frame in copies.items():
        pd.testing.assert_frame_equal(getattr(bundled_plan, name), frame)
    pd.testing.assert_frame_equal(new.assignments, new_assignments)


def test_units_changed_keeps_the_units_that_moved(bundled_plan: Plan, revise: Revise) -> None:
    new = revise(A34={"lead": "CEC", "assist": "SPU"})
    compared = compare_views(bundled_plan, new, FilterSpec(), plan_changes(bundled_plan, new))
    change = compared.units_changed
    # WSIS-ES loses its lead (1); CEC trades its assist (0.5) for the lead (1).
    assert list(change["unit"]) == ["CEC", "WSIS-ES"]
    assert list(change["change"]) == [0.5, -1.0]
    full = workload_comparison(bundled_plan, new)
    pd.testing.assert_frame_equal(
        change, full[full["unit"].isin(["CEC", "WSIS-ES"])].reset_index(drop=True)
    )


def test_events_sharing_a_label_pair_by_date(bundled_plan: Plan) -> None:
    # Moving only the second of A01's two events (same sentence) is one move, not two.
    events = bundled_plan.events
    target = (events["activity_id"] == "A01") & (events["start"] == pd.Timestamp("2006-02-24"))
    moved = events.assign(
        start=events["start"].mask(target, pd.Timestamp("2006-03-03")),
        end=events["end"].mask(target, pd.Timestamp("2006-03-03")),
    )
    changes = plan_changes(bundled_plan, bundled_plan.replace(events=moved))
    assert rows_of(changes) == [
        (
            "event moved",
            "A01",
            str(bundled_plan.activities["title"].iloc[0]),
            "",
            "2006-02-24",
            "2006-03-03",
            str(events.loc[target, "label"].iloc[0]),
        ),
    ]


def test_only_the_end_moving_shows_both_ends(bundled_plan: Plan) -> None:
    events = bundled_plan.events
    target = (events["activity_id"] == "A28").to_numpy()
    longer = events.assign(end=events["end"].mask(target, pd.Timestamp("2006-09-14")))
    changes = plan_changes(bundled_plan, bundled_plan.replace(events=longer))
    assert rows_of(changes) == [
        ("event moved", "A28", WG, "", "2006-09-12 – 2006-09-13", "2006-09-12 – 2006-09-14", TENTH),
    ]


# ---------------------------------------------------------------- many activities


@pytest.mark.parametrize(("moved", "to"), [("BDT", "SPU"), ("TSB", "CEC"), ("WSIS-ES", "BR")])
def test_moving_every_role_of_a_unit_in_a_large_plan(
    parse: Callable[..., Plan], moved: str, to: str
) -> None:
    """Three copies of the plan (benchmarks.generate, units shuffled within their Sector group):
    each activity where the unit held a role gives exactly one row, a handover or a merge, and
    nothing else changes. The tables are grouped by activity once for the whole comparison; a
    wrong grouping would pair one activity's roles with another's."""
    large = parse(to_csv_text(generate(3, seed=11)), "3x.csv")
    edited = apply_edits(large, [MoveRole(None, moved, to)])
    changes = plan_changes(large, edited)
    roles = large.assignments
    held = roles.loc[roles["unit"] == moved, "activity_id"]
    assert len(changes) == held.nunique() > 0
    assert set(changes["activity_id"]) == set(held)
    assert set(changes["change"]) <= {"role changed", "role lost"}
    assert all(moved in old for old in changes["old"])
    # The rows come in the plan's activity order.
    order = {activity_id: n for n, activity_id in enumerate(large.activities["activity_id"])}
    assert changes["activity_id"].map(order).is_monotonic_increasing
    # Back again: what changed is the same set of activities.
    assert set(plan_changes(edited, large)["activity_id"]) == set(held)


# ---------------------------------------------------------------- two views side by side


@pytest.mark.parametrize(
    ("pillars", "changed_activities", "units_changed"),
    [
        # WSIS-ES's 3 leads and 4 assists go to CEC; where CEC already held a role they merge.
        ((), 7, {"WSIS-ES": (3, 0, 4, 0), "CEC": (13, 15, 4, 4)}),
        # Under the Internet Governance pillar only the IGF (A25) changes: the Greece focal point,
        # a WSIS-ES assist, becomes a CEC assist.
        (("Internet Governance",), 1, {"WSIS-ES": (0, 0, 1, 0), "CEC": (0, 0, 0, 1)}),
    ],
)
def test_compare_views_under_filters(
    bundled_plan: Plan,
    pillars: tuple[str, ...],
    changed_activities: int,
    units_changed: dict[str, tuple[int, int, int, int]],
) -> None:
    spec = FilterSpec(pillars=pillars)
    edited = apply_edits(bundled_plan, [MoveRole(None, "WSIS-ES", "CEC")])
    view, edited_view = apply_filters(bundled_plan, spec), apply_filters(edited, spec)
    compared = compare_views(view, edited, spec, plan_changes(bundled_plan, edited))
    assert compared.changes["activity_id"].nunique() == changed_activities
    counts = ["lead_before", "lead_after", "assist_before", "assist_after"]
    moved = compared.units_changed.set_index("unit")[counts]
    assert {unit: tuple(int(n) for n in row) for unit, row in moved.iterrows()} == units_changed
    every_unit = workload_comparison(view, edited_view)
    pd.testing.assert_frame_equal(
        compared.units_changed,
        every_unit[every_unit["unit"].isin(units_changed)].reset_index(drop=True),
    )
    pd.testing.assert_frame_equal(compared.by_sector, sector_comparison(view, edited_view))
    assert compared.balance == balance_comparison(view, edited_view)
