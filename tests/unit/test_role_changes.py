"""Every role change a what-if edit makes, with its reason (analysis.changes.role_changes via
analysis.changes.whatif.explain_edits), on the bundled plan: the WSIS-ES → CEC case line by line,
and for every move from one unit to another the listed changes adding up to the workload table."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import pandas as pd
import pytest

from analysis.changes.compare import workload_comparison
from analysis.changes.role_changes import (
    RoleChange,
    change_lines,
    in_activities,
    note_moves_with_role,
)
from analysis.changes.whatif import AddRole, Edit, MoveRole, RemoveRole, explain_edits
from analysis.measures.metrics import LoadWeights
from analysis.model import Plan

from .plan_text import BUNDLED_UNITS

DAY = date(2026, 12, 2)


def _totals(changes: Iterable[RoleChange]) -> dict[str, dict[str, int]]:
    totals: dict[str, dict[str, int]] = {}
    for change in changes:
        for (unit, role), number in change.counts().items():
            totals.setdefault(unit, {"lead": 0, "assist": 0})[role] += number
    return totals


def count_changes(changes: Iterable[RoleChange]) -> pd.DataFrame:
    """unit, lead, assist: what the changes add to (or take from) each unit they touch, in the
    order the changes first name the units: the oracle the tests hold the table to."""
    rows = [{"unit": unit, **numbers} for unit, numbers in _totals(changes).items()]
    return pd.DataFrame(rows, columns=["unit", "lead", "assist"]).astype(
        {"unit": "str", "lead": "int64", "assist": "int64"}
    )


def test_wsis_es_to_cec_lists_every_change_with_its_reason(plan: Plan) -> None:
    explained = explain_edits(plan, [MoveRole(None, "WSIS-ES", "CEC")], DAY)
    # Checked against data/plan.csv: WSIS-ES assists on A01 (logistics), A25, A29, A33 and leads
    # A31, A34, A39; CEC leads A01, A33, A39 and assists on A31 (Coordination Unit) and A34.
    assert change_lines(explained.changes) == [
        "A01: WSIS-ES's assist (logistics) is dropped: CEC already leads A01",
        "A25: WSIS-ES's assist moves to CEC; WSIS-ES's note 'Executive Director, focal point for "
        "Greece regarding organizational matters' names its own post or body and is not copied "
        "to CEC",
        "A29: WSIS-ES's assist moves to CEC",
        "A31: WSIS-ES's lead moves to CEC; CEC's own assist (Coordination Unit) there is merged "
        "into that lead",
        "A33: WSIS-ES's assist is dropped: CEC already leads A33",
        "A34: WSIS-ES's lead moves to CEC; CEC's own assist there is merged into that lead",
        "A39: WSIS-ES's lead (Executive Director) is dropped: CEC already leads A39",
    ]
    assert [change.kind for change in explained.changes] == [
        "dropped", "moved", "moved", "merged", "dropped", "merged", "dropped",
    ]  # fmt: skip
    counted = count_changes(explained.changes).set_index("unit")
    # CEC: +2 leads (A31, A34); +2 assists (A25, A29) and -2 merged into the leads (A31, A34).
    assert counted.loc["CEC"].tolist() == [2, 0]
    assert counted.loc["WSIS-ES"].tolist() == [-3, -4]


def _differences(table: pd.DataFrame) -> dict[str, tuple[int, ...]]:
    """unit -> (leads gained, assists gained) from a workload_comparison, for units that moved."""
    return {
        str(row.unit): (
            int(row.lead_after - row.lead_before),
            int(row.assist_after - row.assist_before),
        )
        for row in table.itertuples()
        if (row.lead_after, row.assist_after) != (row.lead_before, row.assist_before)
    }


@pytest.mark.parametrize("source", BUNDLED_UNITS)
def test_changes_add_up_to_the_table_for_every_move(plan: Plan, source: str) -> None:
    """From `source` to every other unit, lead, assist and both: the listed changes' counts are
    the table's differences, unit by unit, and so is the weighted load."""
    weights = LoadWeights(lead=1.0, assist=0.5)
    tried = 0
    for target in BUNDLED_UNITS:
        if target == source:
            continue
        for role in ("lead", "assist", None):
            held = plan.assignments
            if not ((held["unit"] == source) & (role is None or held["role"] == role)).any():
                continue  # nothing to move: apply_edits refuses it (tested in test_whatif)
            tried += 1
            explained = explain_edits(plan, [MoveRole(None, source, target, role)], DAY)
            # count_changes's figures, without a frame per move.
            listed = {
                unit: (numbers["lead"], numbers["assist"])
                for unit, numbers in _totals(explained.changes).items()
                if (numbers["lead"], numbers["assist"]) != (0, 0)
            }
            what = f"{source} → {target} ({role or 'both'})"
            table = workload_comparison(plan, explained.plan, weights)
            assert listed == _differences(table), what
            changed = dict(zip(table["unit"], table["change"], strict=True))
            for unit, (leads, assists) in listed.items():
                change = leads * weights.lead + assists * weights.assist
                assert changed[unit] == pytest.approx(change), what
            # One revisions line per change, on the row it changed.
            activities = explained.plan.activities
            revised = dict(zip(activities["activity_id"], activities["revisions"], strict=True))
            for change in explained.changes:
                assert f"2026-12-02: {change.line()}" in revised[change.activity_id].split("\n")
    assert tried >= 8  # every unit of the bundled plan holds at least one role


ADD_REMOVE: list[tuple[Edit, str, str]] = [
    (AddRole("A34", "SPU", "lead"), "promoted", "A34: SPU is promoted from assist to lead"),
    (AddRole("A34", "BDT", "assist", "printing"), "added",
     "A34: BDT is added as assist (printing)"),
    (RemoveRole("A01", "WSIS-ES", "assist"), "removed",
     "A01: WSIS-ES's assist (logistics) is removed"),
    (MoveRole("A01", "WSIS-ES", "BDT"), "moved", "A01: WSIS-ES's assist (logistics) moves to BDT"),
    (MoveRole("A01", "WSIS-ES", "BDT", note="events"), "moved",
     "A01: WSIS-ES's assist (logistics) moves to BDT, noted 'events'"),
    (MoveRole("A01", "WSIS-ES", "BDT", note=""), "moved",
     "A01: WSIS-ES's assist (logistics) moves to BDT without its note"),
    (MoveRole("A27", "TSB", "GS"), "moved",
     "A27: TSB's lead moves to GS; TSB's note 'Study Group 3' names its own post or body and is "
     "not copied to GS"),
    # BDT assists on A27: its assist merges into the lead it takes.
    (MoveRole("A27", "TSB", "BDT"), "merged",
     "A27: TSB's lead moves to BDT; TSB's note 'Study Group 3' names its own post or body and is "
     "not copied to BDT; BDT's own assist there is merged into that lead"),
    (MoveRole("A03", "SPU", "GS"), "moved", "A03: SPU's assist (for stocktaking) moves to GS"),
    (MoveRole("A03", "SPU", "BDT"), "dropped",
     "A03: SPU's assist (for stocktaking) is dropped: BDT already leads A03"),
    (MoveRole("A03", "SPU", "TSB"), "dropped",
     "A03: SPU's assist (for stocktaking) is dropped: TSB already assists on A03"),
]  # fmt: skip


@pytest.mark.parametrize(("edit", "kind", "line"), ADD_REMOVE, ids=range(len(ADD_REMOVE)))
def test_one_change_in_words(plan: Plan, edit: Edit, kind: str, line: str) -> None:
    [change] = explain_edits(plan, [edit], DAY).changes
    assert (change.kind, change_lines([change])) == (kind, [line])


@pytest.mark.parametrize(
    ("note", "moves"),
    [
        ("logistics", True),
        ("for standardization issues", True),
        ("for stocktaking", True),
        ("general", True),
        ("focal point", True),
        ("Secretariat", True),
        ("", True),
        ("Executive Director", False),
        ("Executive Director, focal point for Greece regarding organizational matters", False),
        ("Study Group 3", False),
        ("Coordination Unit", False),
    ],
)
def test_which_notes_move_with_the_role(note: str, moves: bool) -> None:
    assert note_moves_with_role(note) is moves


def test_changes_under_filters_keep_the_activities_shown() -> None:
    changes = [
        RoleChange("A01", "removed", "BDT", "lead"),
        RoleChange("A02", "added", "TSB", "lead"),
    ]
    assert in_activities(changes, ["A02"]) == changes[1:]
    assert count_changes([]).empty
