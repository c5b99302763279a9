"""Before and after (analysis.changes.compare) of the bundled plan and its what-if edits: workload
per unit and per Sector, the balance indicators."""

from __future__ import annotations

import pytest

from analysis.changes.compare import (
    balance_comparison,
    compare_views,
    sector_comparison,
    total_load_sentence,
    workload_comparison,
)
from analysis.changes.diff import plan_changes
from analysis.changes.role_changes import in_activities
from analysis.changes.whatif import AddRole, Edit, MoveRole, RemoveRole, apply_edits, explain_edits
from analysis.filters import FilterSpec, apply_filters
from analysis.measures.metrics import LoadWeights
from analysis.model import Plan

from .plan_text import BUNDLED_UNITS

ABSORB_ES = MoveRole(None, "WSIS-ES", "CEC")


def test_workload_comparison_for_wsis_es_absorbed(plan: Plan) -> None:
    after = apply_edits(plan, [ABSORB_ES])
    table = workload_comparison(plan, after).set_index("unit")
    assert list(table.index) == list(BUNDLED_UNITS)
    # CEC gains the leads of A31 and A34 (A39 it led already: joint lead merged) and assists on
    # A25, A29 (its new ones) while losing its assists on A31 and A34: 13→15 leads, 4→4 assists.
    # WSIS-ES held 3 leads (A31, A34, A39) and 4 assists (A01, A25, A29, A33): 3 + 4 * 0.5 = 5.
    expected = {
        # unit: (lead before, after, assist before, after, weighted before, after, change)
        "CEC": (13, 15, 4, 4, 15.0, 17.0, 2.0),
        "WSIS-ES": (3, 0, 4, 0, 5.0, 0.0, -5.0),
        "BDT": (18, 18, 10, 10, 23.0, 23.0, 0.0),
    }
    columns = [
        "lead_before",
        "lead_after",
        "assist_before",
        "assist_after",
        "weighted_load_before",
        "weighted_load_after",
        "change",
    ]
    for unit, numbers in expected.items():
        assert tuple(table.loc[unit, columns]) == numbers
    assert table.loc["CEC", "sector"] == "General Secretariat"
    assert table["change"].sum() == pytest.approx(-3.0)
    assert table.loc["WSIS-ES", "share_after"] == 0.0
    assert table.loc["CEC", "share_after"] == pytest.approx(17 / 75)


def test_workload_comparison_respects_weights(plan: Plan) -> None:
    after = apply_edits(plan, [ABSORB_ES])
    table = workload_comparison(plan, after, LoadWeights(lead=2.0, assist=1.0))
    cec = table.set_index("unit").loc["CEC"]
    assert (cec["weighted_load_before"], cec["weighted_load_after"]) == (30.0, 34.0)


def test_sector_comparison(plan: Plan) -> None:
    after = apply_edits(plan, [MoveRole(None, "WSIS-ES", "BDT")])
    table = sector_comparison(plan, after)
    assert list(table["sector"]) == ["ITU-R", "ITU-T", "ITU-D", "General Secretariat"]
    rows = table.set_index("sector")
    # BDT already assists on A25 and A29: those assists merge. It gains the leads of A31, A34,
    # A39 and assists on A01 and A33: +3 leads, +2 assists = +4; the General Secretariat loses
    # WSIS-ES's 3 leads and 4 assists = 5.
    assert tuple(rows.loc["ITU-D", ["lead_before", "lead_after"]]) == (18, 21)
    assert tuple(rows.loc["ITU-D", ["assist_before", "assist_after"]]) == (10, 12)
    assert table["change"].tolist() == [0.0, 0.0, 4.0, -5.0]


def test_balance_comparison(plan: Plan) -> None:
    change = balance_comparison(plan, apply_edits(plan, [ABSORB_ES]))
    assert (change.before.units_counted, change.after.units_counted) == (9, 8)
    assert change.before.largest_units == change.after.largest_units == ("BDT",)
    assert change.before.largest_unit_share == pytest.approx(23 / 78)
    assert change.after.largest_unit_share == pytest.approx(23 / 75)
    assert change.reading().startswith("Before: BDT carries 29% of the weighted load")
    assert "After: BDT carries 31% of the weighted load" in change.reading()


# ---------------------------------------------------------------- the total load


def _sentence(plan: Plan, edits: list[Edit], spec: FilterSpec | None = None) -> str:
    explained = explain_edits(plan, edits)
    spec = spec or FilterSpec()
    view = apply_filters(plan, spec)
    compared = compare_views(view, explained.plan, spec, plan_changes(plan, explained.plan))
    shown = in_activities(explained.changes, view.activities["activity_id"])
    sector_of = dict(zip(plan.units["code"], plan.units["sector"], strict=True))
    return total_load_sentence(compared.total_before, compared.total_after, shown, sector_of)


@pytest.mark.parametrize(
    ("edits", "sentence"),
    [
        # WSIS-ES → CEC: A31, A34 (CEC's assists merged into the leads), A01, A33, A39 (dropped:
        # CEC leads there): 0.5 + 0.5 + 0.5 + 0.5 + 1 = 3 of 78.
        (
            [ABSORB_ES],
            "5 roles merged into roles the receiving unit already held, inside the General "
            "Secretariat; the total load falls from 78 to 75.",
        ),
        # BDT assists on A25 and A29 already: WSIS-ES's two assists there are dropped.
        (
            [MoveRole(None, "WSIS-ES", "BDT")],
            "2 roles merged into roles the receiving unit already held, across ITU-D and the "
            "General Secretariat; the total load falls from 78 to 77.",
        ),
        (
            [MoveRole("A29", "WSIS-ES", "GS")],
            "The total load stays at 78: shares move only as roles move between units.",
        ),
        (
            [AddRole("A34", "SPU", "lead"), RemoveRole("A01", "WSIS-ES", "assist")],
            # +0.5 for the promotion, -0.5 for the removal.
            "1 assist promoted to lead; 1 role removed; the total load stays at 78.",
        ),
        (
            [AddRole("A34", "BDT", "lead")],
            "1 role added; the total load rises from 78 to 79.",
        ),
    ],
)
def test_total_load_sentence(plan: Plan, edits: list[Edit], sentence: str) -> None:
    assert _sentence(plan, edits) == sentence


def test_total_load_under_filters_and_weights(plan: Plan) -> None:
    spec = FilterSpec(sectors=("General Secretariat",))
    # The General Secretariat's 23 leads and 25 assists: 23 + 12.5.
    assert _sentence(plan, [ABSORB_ES], spec).endswith("falls from 35.5 to 32.5.")
    after = apply_edits(plan, [ABSORB_ES])
    weights = LoadWeights(lead=2.0, assist=1.0)
    compared = compare_views(plan, after, FilterSpec(), plan_changes(plan, after), weights)
    # 52 leads and 52 assists in the bundled plan; 3 assists and 1 lead fewer after.
    assert (compared.total_before, compared.total_after) == (156.0, 150.0)
    assert total_load_sentence(156.0, 150.0) == "The total load falls from 156 to 150."
