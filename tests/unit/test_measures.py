"""analysis.measures (audit, findings, roles, activities, matrix): the frames and sentences of
the Overview, Workload and Matrix pages, checked against the 2006 document."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.filters import FilterSpec, apply_filters
from analysis.measures.activities import activities_by_id
from analysis.measures.audit import overview_audit, unled_activities
from analysis.measures.balance_words import sectors_in_scope
from analysis.measures.findings import load_headline
from analysis.measures.matrix import GROUP_CELL_COLUMNS, group_cells, group_roles, unit_rows
from analysis.measures.metrics import LoadWeights, overview_counts, workload_by_sector
from analysis.measures.roles import ROLE_COLUMNS, activity_roles, roles_of, with_all_roles
from analysis.model import Plan


def test_unled_activities_of_the_whole_plan(plan: Plan) -> None:
    # C9 (A16) and C10 (A17) say "No ITU lead nominated"; the C6 row (A07), the Tunis Agenda
    # paragraphs row (A19) and Composite Indices (A37) are headings whose items name the leads.
    unled = unled_activities(overview_audit(plan, plan))
    assert list(unled["activity_id"]) == ["A07", "A16", "A17", "A19", "A37"]
    assert unled.set_index("activity_id").loc["A16", "why"] == "the plan names no ITU lead"
    assert overview_counts(plan, plan)["unassigned"] == 5


def test_a_unit_filter_does_not_make_led_activities_unled(plan: Plan) -> None:
    # With only BR's roles kept, C2 (A03, led by BDT, BR assists) must still count as led.
    view = apply_filters(plan, FilterSpec(units=("BR",)))
    assert "A03" in set(view.activities["activity_id"])
    assert set(with_all_roles(plan, view).assignments["unit"]) > {"BR"}
    counts = overview_counts(plan, view)
    assert counts["units"] == 1  # the view's units follow the filter
    assert counts["unassigned"] == 0
    assert unled_activities(overview_audit(plan, view)).empty


def test_load_headline_names_the_sector_and_the_unled(plan: Plan) -> None:
    # General Secretariat: 23 leads + 25 assists = 35.5 of 78 weighted = 46%.
    weights = LoadWeights()
    sentence = load_headline(
        workload_by_sector(plan, weights), unled_activities(overview_audit(plan, plan)), weights
    )
    assert sentence.startswith(
        "The General Secretariat carries 46% of the weighted load (lead 1, assist 0.5), 21 pts "
        "above an even share of 25%; ITU-D carries the most of the three Sectors, 29%. "
        "5 activities have no ITU lead of their own: A16 Action Line C9 (Media) and A17"
    )
    assert "A07 Action Line C6 (Enabling environment)" in sentence


def test_load_headline_without_load_or_unled(plan: Plan) -> None:
    spec = FilterSpec(units=("BDT",))
    view = apply_filters(plan, spec)
    weights = LoadWeights(lead=2, assist=0)
    by_sector = sectors_in_scope(workload_by_sector(view, weights), spec)
    sentence = load_headline(by_sector, unled_activities(overview_audit(plan, view)), weights)
    assert sentence == (
        "Only ITU-D has a role under these filters: it carries all of the weighted load "
        "(lead 2, assist 0). Every activity shown has an ITU lead."
    )
    empty = apply_filters(plan, FilterSpec(units=("BR",), pillars=("Internet Governance",)))
    assert load_headline(
        workload_by_sector(empty, weights), unled_activities(overview_audit(plan, empty)), weights
    ).startswith("No unit carries any load")


def test_roles_of_a_unit_and_a_sector(plan: Plan) -> None:
    bdt = roles_of(plan, unit="BDT")
    assert list(bdt.columns) == ROLE_COLUMNS
    assert (bdt["role"] == "lead").sum() == 18
    assert (bdt["role"] == "assist").sum() == 10
    itu_t = roles_of(plan, sector="ITU-T")
    assert set(itu_t["unit"]) == {"TSB"}
    # TSB leads IIC "Study Group 3" (A27): the note travels with the role.
    assert itu_t.set_index("activity_id").loc["A27", "note"] == "Study Group 3"


def test_activities_by_id_in_plan_order(plan: Plan) -> None:
    chosen = activities_by_id(plan.activities, ["A27", "A03", "A27"])
    assert list(chosen["activity_id"]) == ["A03", "A27"]
    assert "allocation_text" in chosen.columns


def test_group_cells_by_action_line(plan: Plan) -> None:
    cells = group_cells(plan, "action_line")
    assert list(cells.columns) == GROUP_CELL_COLUMNS
    bdt_c6 = cells[(cells["unit"] == "BDT") & (cells["group"] == "C6")].iloc[0]
    assert bdt_c6["label"] == "4L 2A"
    assert bdt_c6["unit_name"] == "Telecommunication Development Bureau"
    assert len(bdt_c6["activity_ids"].split(", ")) == 6
    roles = group_roles(plan, "action_line", "BDT", "C6")
    assert (roles["role"] == "lead").sum() == 4


def test_group_cells_by_pillar(plan: Plan) -> None:
    # Internet Governance: TSB leads the IGF (A25) and IIC (A27), and assists A26.
    cells = group_cells(plan, "pillar").set_index(["unit", "group"])
    assert cells.loc[("TSB", "Internet Governance"), "label"] == "2L 1A"


def test_group_cells_empty(plan: Plan) -> None:
    empty = apply_filters(plan, FilterSpec(units=("BR",), pillars=("Internet Governance",)))
    assert group_cells(empty, "pillar").empty


def test_activity_roles(plan: Plan) -> None:
    table = activity_roles(plan).set_index("activity_id")
    assert len(table) == 54
    assert table.loc["A01", "lead"] == "SPU, CEC"
    assert table.loc["A16", "lead"] == ""


def test_unit_rows_by_sector(plan: Plan) -> None:
    rows = unit_rows(plan)
    assert list(rows["unit"][:4]) == ["BR", "TSB", "BDT", "SPU"]
    assert list(rows.columns) == ["unit", "unit_name", "sector"]
    assert rows.loc[0, "unit_name"] == "Radiocommunication Bureau"


def test_activity_roles_when_the_view_has_no_assist(plan: Plan) -> None:
    # C7 eLearning (A05): BDT leads, nobody assists; the assist column is empty text, not NaN.
    view = apply_filters(plan, FilterSpec(themes=("C7 · eLearning",), roles=("lead",)))
    table = activity_roles(view)
    assert list(table["activity_id"]) == ["A05"]
    assert table.loc[0, "lead"] == "BDT"
    assert table.loc[0, "assist"] == ""


def test_a_part_of_the_plan_has_a_digest_of_its_own(plan: Plan) -> None:
    internet = apply_filters(plan, FilterSpec(pillars=("Internet Governance",)))
    bdt = apply_filters(plan, FilterSpec(units=("BDT",)))
    assert len({plan.digest, internet.digest, bdt.digest}) == 3
    # The same filters give the same digest: caches keyed by it are hit again.
    again = apply_filters(plan, FilterSpec(pillars=("Internet Governance",)))
    assert again.digest == internet.digest
    assert apply_filters(plan, FilterSpec()).digest == plan.digest


@pytest.mark.parametrize(
    ("unled_count", "named"),
    [
        (1, "A01 Activity 1 (the plan names none)"),
        (4, "A01 Activity 1, A02 Activity 2, A03 Activity 3 and A04 Activity 4 "
            "(the plan names none)"),
        (500, "A01 Activity 1, A02 Activity 2, A03 Activity 3, A04 Activity 4 and 496 more, listed "
              "below (the plan names none)"),
    ],
)  # fmt: skip
def test_load_headline_names_a_few_unled_and_counts_the_rest(
    plan: Plan, unled_count: int, named: str
) -> None:
    """A plan 100 times the note's size has hundreds without a lead: the headline stays a
    sentence; Overview's table under it lists them all."""
    unled = pd.DataFrame(
        {
            "activity_id": [f"A{n:02d}" for n in range(1, unled_count + 1)],
            "title": [f"Activity {n}" for n in range(1, unled_count + 1)],
            "why": "the plan names no ITU lead",
        }
    )
    weights = LoadWeights()
    sentence = load_headline(workload_by_sector(plan, weights), unled, weights)
    noun = "activity has" if unled_count == 1 else "activities have"
    assert sentence.endswith(f"{unled_count} {noun} no ITU lead of their own: {named}.")
