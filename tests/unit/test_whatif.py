"""What-if edits (analysis.changes.whatif) on the bundled plan: the edited cells and rows, the
round trip through the plan file format, immutability of the input, errors."""

from __future__ import annotations

import copy
from collections.abc import Callable

import pandas as pd
import pytest

from analysis.changes.whatif import (
    AddRole,
    Edit,
    MoveRole,
    RemoveRole,
    apply_edits,
    describe_edit,
)
from analysis.model import Plan
from analysis.planfile.load import parse_plan, read_reference
from analysis.planfile.plan_csv import plan_csv_bytes

from .frames import assert_frame_equal
from .plan_text import BUNDLED_UNITS

ABSORB_ES = MoveRole(None, "WSIS-ES", "CEC")


@pytest.fixture(scope="session")
def reparse() -> Callable[[Plan], Plan]:
    """Write a plan as data/plan.csv text and read it back through the checked loader."""
    units, organisations = read_reference()

    def run(plan: Plan) -> Plan:
        raw = plan_csv_bytes(plan)
        return parse_plan(raw, "what-if.csv", units, organisations)

    return run


def cells(plan: Plan, activity_id: str) -> tuple[str, str]:
    row = plan.activities.set_index("activity_id").loc[activity_id]
    return str(row["lead"]), str(row["assist"])


def roles(plan: Plan, activity_id: str) -> list[tuple[str, str, str, str]]:
    rows = plan.assignments[plan.assignments["activity_id"] == activity_id]
    return list(
        zip(rows["unit"], rows["role"], rows["note"], rows["via"], strict=True)
    )  # (unit, role, note, via)


def frozen_copy(plan: Plan) -> dict[str, pd.DataFrame]:
    return {
        name: getattr(plan, name).copy(deep=True)
        for name in ("activities", "assignments", "partners", "events", "themes", "units")
    }


# ---------------------------------------------------------------- the edited cells

# (edits, activity, lead cell after, assist cell after), from the bundled cells:
#   A01 lead "SPU; CEC", assist "WSIS-ES (logistics)"
#   A28 lead "SPU (Secretariat)", assist "Sectors (focal point); GS (focal point)"
#   A29 lead "SPU", assist "WSIS-ES; BDT; Sectors"
#   A31 lead "WSIS-ES", assist "CEC (Coordination Unit); SPU"
#   A34 lead "WSIS-ES", assist "SPU; CEC"
#   A39 lead "CEC; WSIS-ES (Executive Director)"
EDITED_CELLS: list[tuple[list[Edit], str, str, str]] = [
    # The target leads already: the moved assist merges into the stronger role.
    ([MoveRole("A01", "WSIS-ES", "CEC")], "A01", "SPU; CEC", ""),
    # The target assisted: it takes the lead in WSIS-ES's place and its assist goes.
    ([MoveRole("A34", "WSIS-ES", "CEC", "lead")], "A34", "CEC", "SPU"),
    ([MoveRole("A31", "WSIS-ES", "CEC")], "A31", "CEC", "SPU"),
    # Joint leads: CEC already leads, WSIS-ES's lead merges into it.
    ([MoveRole("A39", "WSIS-ES", "CEC")], "A39", "CEC", ""),
    # The moved role keeps its place in the cell and its note, unless a note is given.
    ([MoveRole("A01", "WSIS-ES", "BDT")], "A01", "SPU; CEC", "BDT (logistics)"),
    ([MoveRole("A01", "WSIS-ES", "BDT", note="")], "A01", "SPU; CEC", "BDT"),
    ([MoveRole("A01", "WSIS-ES", "BDT", note="events")], "A01", "SPU; CEC", "BDT (events)"),
    ([MoveRole("A29", "WSIS-ES", "GS")], "A29", "SPU", "GS; BDT; Sectors"),
    # A group stays written as the group while all its units keep the role it gave them.
    ([MoveRole("A29", "SPU", "CEC")], "A29", "CEC", "WSIS-ES; BDT; Sectors"),
    # Once one of its units goes, the others are written one by one.
    ([MoveRole("A29", "BR", "CEC")], "A29", "SPU", "WSIS-ES; BDT; CEC; TSB"),
    (
        [RemoveRole("A28", "TSB", "assist")],
        "A28",
        "SPU (Secretariat)",
        "BR (focal point); BDT (focal point); GS (focal point)",
    ),
    ([AddRole("A34", "BDT", "assist")], "A34", "WSIS-ES", "SPU; CEC; BDT"),
    ([AddRole("A34", "BDT", "lead", "printing")], "A34", "WSIS-ES; BDT (printing)", "SPU; CEC"),
    # Adding lead to a unit that assists promotes it.
    ([AddRole("A34", "SPU", "lead")], "A34", "WSIS-ES; SPU", "CEC"),
    ([AddRole("A07", "BDT", "lead")], "A07", "BDT", ""),
    ([RemoveRole("A34", "WSIS-ES", "lead")], "A34", "", "SPU; CEC"),
    # Edits apply in order, each to the result of the ones before.
    (
        [RemoveRole("A34", "WSIS-ES", "lead"), AddRole("A34", "CEC", "lead")],
        "A34",
        "CEC",
        "SPU",
    ),
    ([MoveRole("A34", "WSIS-ES", "BDT"), MoveRole("A34", "BDT", "TSB")], "A34", "TSB", "SPU; CEC"),
]


@pytest.mark.parametrize(("edits", "activity_id", "lead", "assist"), EDITED_CELLS)
def test_edited_cells(
    plan: Plan, edits: list[Edit], activity_id: str, lead: str, assist: str
) -> None:
    assert cells(apply_edits(plan, edits), activity_id) == (lead, assist)


def test_absorbing_wsis_es_into_cec(plan: Plan) -> None:
    after = apply_edits(plan, [ABSORB_ES])
    assert "WSIS-ES" not in set(after.assignments["unit"])
    # Every activity WSIS-ES held a role on, with its rows after (unit, role, note, via).
    assert {a: roles(after, a) for a in ("A01", "A25", "A29", "A31", "A33", "A34", "A39")} == {
        "A01": [("SPU", "lead", "", ""), ("CEC", "lead", "", "")],
        "A25": [
            ("TSB", "lead", "", ""),
            ("SPU", "assist", "", ""),
            ("BDT", "assist", "", ""),
            # WSIS-ES's "Executive Director, focal point for Greece…" names its own post: the
            # assist moves to CEC without it.
            ("CEC", "assist", "", ""),
        ],
        "A29": [
            ("SPU", "lead", "", ""),
            ("CEC", "assist", "", ""),
            ("BDT", "assist", "", ""),
            ("BR", "assist", "", "Sectors"),
            ("TSB", "assist", "", "Sectors"),
        ],
        "A31": [("CEC", "lead", "", ""), ("SPU", "assist", "", "")],
        "A33": [
            ("CEC", "lead", "", ""),
            ("Libraries and Archives Services", "assist", "", ""),
            ("WSIS content team", "assist", "", ""),
        ],
        "A34": [("CEC", "lead", "", ""), ("SPU", "assist", "", "")],
        "A39": [("CEC", "lead", "", "")],
    }
    changed = after.activities[
        (after.activities["lead"] != plan.activities["lead"])
        | (after.activities["assist"] != plan.activities["assist"])
    ]
    assert list(changed["activity_id"]) == ["A01", "A25", "A29", "A31", "A33", "A34", "A39"]


def test_untouched_activities_keep_cells_and_rows(plan: Plan) -> None:
    after = apply_edits(plan, [MoveRole("A34", "WSIS-ES", "CEC")])
    others = plan.activities["activity_id"] != "A34"
    assert_frame_equal(after.activities[others], plan.activities[others])
    kept = plan.assignments["activity_id"] != "A34"
    assert_frame_equal(
        after.assignments[after.assignments["activity_id"] != "A34"].reset_index(drop=True),
        plan.assignments[kept].reset_index(drop=True),
    )
    for name in ("partners", "events", "themes", "units", "organisations"):
        assert getattr(after, name) is getattr(plan, name)
    assert after.as_of == plan.as_of


def test_unit_names_and_sectors_come_from_the_units_table(plan: Plan) -> None:
    after = apply_edits(plan, [MoveRole("A03", "BR", "WSIS-ES")])
    row = after.assignments[
        (after.assignments["activity_id"] == "A03") & (after.assignments["unit"] == "WSIS-ES")
    ].iloc[0]
    assert (row["unit_name"], row["sector"], row["role"], row["note"]) == (
        "WSIS Executive Secretariat",
        "General Secretariat",
        "assist",
        "for standardization issues",
    )


def test_no_edits_gives_the_plan_back(plan: Plan) -> None:
    assert apply_edits(plan, []) is plan


# ---------------------------------------------------------------- round trip and immutability

ROUND_TRIPS = [
    [ABSORB_ES],
    [MoveRole(None, "SPU", "CEC", "lead")],
    [MoveRole(None, "TSB", "BR", "assist")],
    [MoveRole(None, "BDT", "BR")],
    [RemoveRole("A28", "TSB", "assist"), AddRole("A28", "CEC", "lead", "Secretariat")],
    [AddRole("A19", "TSB", "lead"), AddRole("A37", "SPU", "assist", "for stocktaking")],
    [MoveRole("A29", "BDT", "BR"), MoveRole("A18", "TSB", "SPU")],
]


@pytest.mark.parametrize("edits", ROUND_TRIPS)
def test_round_trip_through_the_plan_format(
    plan: Plan, reparse: Callable[[Plan], Plan], edits: list[Edit]
) -> None:
    after = apply_edits(plan, edits)
    again = reparse(after)
    assert_frame_equal(again.assignments, after.assignments)
    assert_frame_equal(again.activities.drop(columns="row"), after.activities.drop(columns="row"))
    # The digest is the one parse_plan gives the downloaded file.
    assert again.digest == after.digest != plan.digest


def test_every_unit_moved_to_every_other_round_trips(
    plan: Plan, reparse: Callable[[Plan], Plan]
) -> None:
    moved = 0
    for source in BUNDLED_UNITS:
        for target in BUNDLED_UNITS:
            if source == target:
                continue
            after = apply_edits(plan, [MoveRole(None, source, target)])
            assert_frame_equal(reparse(after).assignments, after.assignments)
            assert source not in set(after.assignments["unit"])
            moved += 1
    assert moved == 72


@pytest.mark.parametrize("edits", [*ROUND_TRIPS, *(e for e, *_ in EDITED_CELLS)])
def test_apply_edits_never_mutates_its_input(plan: Plan, edits: list[Edit]) -> None:
    before = frozen_copy(plan)
    edits_before = copy.deepcopy(edits)
    apply_edits(plan, edits)
    for name, frame in before.items():
        assert_frame_equal(getattr(plan, name), frame)
    assert edits == edits_before


# ---------------------------------------------------------------- bad edits

BAD_EDITS = [
    (
        MoveRole("A99", "WSIS-ES", "CEC"),
        "Edit 1 (Move WSIS-ES's roles on A99 to CEC): "
        "'A99' is not the id of any activity in this plan. Did you mean 'A39'?",
    ),
    (
        MoveRole(None, "cec", "SPU"),
        "Edit 1 (Move all of cec's roles to SPU): 'cec' is not a unit. Did you mean 'CEC'? "
        "Units: BR, TSB, BDT, SPU, CEC, WSIS-ES, GS, Libraries and Archives Services, "
        "WSIS content team.",
    ),
    (
        MoveRole(None, "WSIS-ES", "ITU"),
        "Edit 1 (Move all of WSIS-ES's roles to ITU): 'ITU' is not a unit. "
        "Units: BR, TSB, BDT, SPU, CEC, WSIS-ES, GS, Libraries and Archives Services, "
        "WSIS content team.",
    ),
    (
        AddRole("A34", "Sectors", "assist"),
        "Edit 1 (Add Sectors as assist on A34 (Production of “E-Flash”)): "
        "'Sectors' is a group of units; name one of BR, TSB, BDT instead.",
    ),
    (
        MoveRole("A05", "SPU", "CEC"),
        "Edit 1 (Move SPU's roles on A05 (Action Line C4 (Capacity-building) and C7 Theme "
        "eLearning) to CEC): SPU holds no role on A05 (Action Line C4 (Capacity-building) and "
        "C7 Theme eLearning) to move.",
    ),
    (
        MoveRole(None, "GS", "CEC", "lead"),
        "Edit 1 (Move all of GS's lead roles to CEC): GS holds no lead role on any activity "
        "to move.",
    ),
    (
        AddRole("A34", "CEC", "assist"),
        "Edit 1 (Add CEC as assist on A34 (Production of “E-Flash”)): CEC already holds the "
        "assist role on A34 (Production of “E-Flash”); a unit holds one role per activity.",
    ),
    (
        AddRole("A34", "WSIS-ES", "assist"),
        "Edit 1 (Add WSIS-ES as assist on A34 (Production of “E-Flash”)): WSIS-ES already holds "
        "the lead role on A34 (Production of “E-Flash”); a unit holds one role per activity.",
    ),
    (
        RemoveRole("A34", "BR", "lead"),
        "Edit 1 (Remove BR's lead role on A34 (Production of “E-Flash”)): BR holds no lead role "
        "on A34 (Production of “E-Flash”).",
    ),
    (
        RemoveRole("X1", "BR", "lead"),
        "Edit 1 (Remove BR's lead role on X1): 'X1' is not the id of any activity in this plan.",
    ),
]


@pytest.mark.parametrize(("edit", "message"), BAD_EDITS, ids=range(len(BAD_EDITS)))
def test_bad_edit_raises_a_plain_message(plan: Plan, edit: Edit, message: str) -> None:
    with pytest.raises(ValueError) as raised:
        apply_edits(plan, [edit])
    assert str(raised.value) == message


def test_the_message_names_which_edit_failed(plan: Plan) -> None:
    # The second edit is fine on the bundled plan but not after the first.
    edits: list[Edit] = [ABSORB_ES, RemoveRole("A34", "WSIS-ES", "lead")]
    with pytest.raises(ValueError, match=r"^Edit 2 \(Remove WSIS-ES's lead role on A34 "):
        apply_edits(plan, edits)


BAD_VALUES: list[tuple[Callable[[], object], str]] = [
    (lambda: AddRole("A34", "CEC", "leader"), "'leader' is not a role; use 'lead' or 'assist'."),
    (lambda: RemoveRole("A34", "CEC", "Lead"), "'Lead' is not a role; use 'lead' or 'assist'."),
    (lambda: MoveRole(None, "CEC", "SPU", "owner"), "'owner' is not a role"),
    (lambda: MoveRole(None, "CEC", "CEC"), "cannot move CEC's roles to CEC itself."),
    (lambda: AddRole("A34", "CEC", "lead", "web (EN)"), "cannot contain round brackets"),
    (lambda: MoveRole("A34", "CEC", "SPU", note="a\nb"), "a note must be one line."),
]


@pytest.mark.parametrize(("build", "message"), BAD_VALUES, ids=range(len(BAD_VALUES)))
def test_bad_edit_values_are_refused_when_made(build: Callable[[], object], message: str) -> None:
    with pytest.raises(ValueError) as raised:
        build()
    assert message in str(raised.value)


# ---------------------------------------------------------------- describing

DESCRIPTIONS = [
    (ABSORB_ES, "Move all of WSIS-ES's roles to CEC"),
    (MoveRole(None, "SPU", "CEC", "lead"), "Move all of SPU's lead roles to CEC"),
    (
        MoveRole("A34", "WSIS-ES", "CEC", "lead"),
        "Move WSIS-ES's lead role on A34 (Production of “E-Flash”) to CEC",
    ),
    (
        MoveRole("A01", "WSIS-ES", "BDT", note=""),
        "Move WSIS-ES's roles on A01 (Organisation of Action Line Facilitators/ Moderators "
        "meeting (para 108-110 + Annex of Tunis Agenda)) to BDT (without their notes)",
    ),
    (
        MoveRole(None, "WSIS-ES", "BDT", note="events"),
        "Move all of WSIS-ES's roles to BDT (note: events)",
    ),
    (
        AddRole("A38", "BDT", "assist"),
        "Add BDT as assist on A38 (World Information Society Day (para 121))",
    ),
    (
        AddRole("A38", "BDT", "lead", "awards"),
        "Add BDT (awards) as lead on A38 (World Information Society Day (para 121))",
    ),
    (
        RemoveRole("A30", "SPU", "assist"),
        "Remove SPU's assist role on A30 (Maintenance of WSIS website)",
    ),
    # Unknown ids are described, not refused: the page shows the edit next to its error.
    (RemoveRole("A99", "XYZ", "lead"), "Remove XYZ's lead role on A99"),
]


@pytest.mark.parametrize(("edit", "text"), DESCRIPTIONS, ids=range(len(DESCRIPTIONS)))
def test_describe_edit(plan: Plan, edit: Edit, text: str) -> None:
    assert describe_edit(edit, plan) == text
