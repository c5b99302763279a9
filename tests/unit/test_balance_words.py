"""One way to say balance (analysis.measures.balance_words): ties, points, rounding, names, one
Sector, one unit, nothing. The bundled-plan figures are checked against the document's roles."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.filters import FilterSpec, apply_filters
from analysis.measures.balance_words import (
    Kind,
    balance_sentence,
    gap_text,
    load_sentence,
    number_text,
    percent,
    points_text,
    sector_name,
    sectors_in_scope,
    sectors_phrase,
    share_change,
)
from analysis.measures.metrics import LoadWeights, balance, workload_by_sector, workload_by_unit
from analysis.model import SECTORS, Plan


def _units(**loads: float) -> pd.DataFrame:
    return pd.DataFrame({"unit": list(loads), "weighted_load": list(loads.values())})


def _sectors(**loads: float) -> pd.DataFrame:
    names = {"R": "ITU-R", "T": "ITU-T", "D": "ITU-D", "GS": "General Secretariat"}
    return pd.DataFrame(
        {"sector": [names[key] for key in loads], "weighted_load": list(loads.values())}
    )


@pytest.mark.parametrize(
    ("share", "expected"),
    [(0.0, 0), (2.5 / 6.5, 38), (0.125, 13), (0.385, 39), (0.995, 100), (1.0, 100)],
)
def test_percent_rounds_half_up(share: float, expected: int) -> None:
    assert percent(share) == expected


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        # What-if, WSIS-ES's roles to CEC: the General Secretariat 35.5/78 → 32.5/75.
        (35.5 / 78, 32.5 / 75, ("46% → 43%", "-3 pts")),
        (23 / 78, 23 / 75, ("29% → 31%", "+2 pts")),
        (0.25, 0.26, ("25% → 26%", "+1 pt")),
        (0.301, 0.299, ("30% → 30%", "0 pts")),
    ],
)
def test_share_change_is_the_difference_of_the_rounded_shares(
    before: float, after: float, expected: tuple[str, str]
) -> None:
    assert share_change(before, after) == expected


@pytest.mark.parametrize(
    ("share", "even", "kind", "expected"),
    [
        (2.5 / 6.5, 0.25, "sector", "13 pts above an even share of 25%"),
        (0.25, 0.25, "sector", "at an even share of 25%"),
        (0.24, 0.25, "unit", "1 pt below an even share of 25%"),
        # ?theme=C7-eLearning: BDT alone has a role; "at an even share of 100%" said nothing.
        (1.0, 1.0, "unit", "the only unit counted"),
        (1.0, 1.0, "sector", "the only one counted"),  # it may be the General Secretariat
    ],
)
def test_gap_in_points(share: float, even: float, kind: Kind, expected: str) -> None:
    assert gap_text(share, even, kind) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0.25, "0.25"), (6.5, "6.5"), (2.0, "2"), (1 / 3, "0.33"), (6.5 / 4, "1.63")],
)
def test_numbers_are_not_cut_short(value: float, expected: str) -> None:
    assert number_text(value) == expected


def test_points_singular_and_signed() -> None:
    assert points_text(1) == "1 pt"
    assert points_text(-3, signed=True) == "-3 pts"
    assert points_text(0, signed=True) == "0 pts"


@pytest.mark.parametrize(
    ("sectors", "expected"),
    [
        (list(SECTORS), "the three Sectors and the General Secretariat"),
        (["ITU-R", "ITU-T", "ITU-D"], "the three Sectors"),
        (["ITU-T", "General Secretariat"], "ITU-T and the General Secretariat"),
        (["ITU-D"], "ITU-D"),
    ],
)  # fmt: skip
def test_sectors_are_named_rightly(sectors: list[str], expected: str) -> None:
    assert sectors_phrase(sectors) == expected
    assert "General Secretariat Sector" not in expected


def test_general_secretariat_is_not_a_sector() -> None:
    assert sector_name("General Secretariat", start=True) == "The General Secretariat"
    assert sector_name("ITU-T") == "ITU-T"


@pytest.mark.parametrize(
    ("frame", "kind", "expected"),
    [
        # Internet Governance: ITU-T and the General Secretariat 2.5 each of 6.5.
        (
            _sectors(R=0.0, T=2.5, D=1.5, GS=2.5),
            "sector",
            "ITU-T and the General Secretariat each carry 38% of the weighted load, 13 pts above "
            "an even share of 25% among the three Sectors and the General Secretariat.",
        ),
        (
            _sectors(R=4.5, T=15.0, D=23.0, GS=35.5),
            "sector",
            "The General Secretariat carries 46% of the weighted load, 21 pts above an even "
            "share of 25%; ITU-D carries the most of the three Sectors, 29%.",
        ),
        (
            _sectors(D=28.0),
            "sector",
            "Only ITU-D has a role under these filters: it carries all of the weighted load.",
        ),
        (
            _sectors(GS=3.0),
            "sector",
            "Only the General Secretariat has a role under these filters: it carries all of "
            "the weighted load.",
        ),
        # C7 eLearning: only ITU-D works on it; the other Sectors stay on the chart at 0.
        (
            _sectors(R=0.0, T=0.0, D=2.0, GS=0.0),
            "sector",
            "Only ITU-D has a role under these filters: it carries all of the weighted load.",
        ),
        (_units(BDT=23.0), "unit", "BDT is the only unit with a role under these filters."),
        (
            _units(TSB=2.0, BDT=2.0, SPU=1.0),
            "unit",
            "TSB and BDT each carry 40% of the weighted load, 7 pts above an even share of 33% "
            "among the 3 units shown.",
        ),
        (
            _units(TSB=1.5, BDT=1.5),
            "unit",
            "The weighted load is even: TSB and BDT each carry 50%.",
        ),
        (_units(), "unit", "No unit carries any load under these filters."),
        (_units(TSB=0.0, BDT=0.0), "unit", "No unit carries any load under these filters."),
        (_sectors(), "sector", "No unit carries any load under these filters."),
    ],
    ids=["tie", "gs", "one-sector", "one-gs", "one-with-load", "one-unit", "unit-tie", "all-even",
         "empty", "zero", "no-sectors"],
)  # fmt: skip
def test_load_sentence(frame: pd.DataFrame, kind: str, expected: str) -> None:
    assert load_sentence(frame, kind) == expected  # type: ignore[arg-type]


def test_weights_note_in_brackets() -> None:
    sentence = load_sentence(_sectors(T=1.0, GS=3.0), "sector", weights_note="lead 1, assist 0.5")
    assert sentence.startswith(
        "The General Secretariat carries 75% of the weighted load (lead 1, assist 0.5), 25 pts"
    )


def test_one_sector_reads_only_its_units() -> None:
    sentence = balance_sentence(_units(BDT=3.0), _sectors(D=3.0))
    assert sentence == "BDT is the only unit with a role under these filters."


def test_one_sector_with_load_reads_only_its_units() -> None:
    sentence = balance_sentence(_units(BDT=2.5), _sectors(R=0.0, T=0.0, D=2.5, GS=0.0))
    assert sentence == "BDT is the only unit with a role under these filters."


# ---------------------------------------------------------------- against the bundled plan


def test_internet_governance_names_the_tie(plan: Plan) -> None:
    # A25 IGF lead TSB, A26 lead SPU, A27 lead TSB, with their assists: ITU-T 2.5, GS 2.5 of 6.5.
    view = apply_filters(plan, FilterSpec(pillars=("Internet Governance",)))
    result = balance(workload_by_unit(view), workload_by_sector(view))
    assert result.largest_sectors == ("ITU-T", "General Secretariat")
    assert "ITU-T and the General Secretariat each carry 38%" in result.reading()
    assert "13 pts above an even share of 25%" in result.reading()


def test_weights_in_force_change_the_sentence(plan: Plan) -> None:
    # Assist 0.25 and joint leads split: TSB carries 47% of Internet Governance's load.
    view = apply_filters(plan, FilterSpec(pillars=("Internet Governance",)))
    weights = LoadWeights(assist=0.25, split_joint_leads=True)
    result = balance(workload_by_unit(view, weights), workload_by_sector(view, weights))
    assert result.reading().startswith("TSB carries 47% of the weighted load")


@pytest.mark.parametrize(
    ("spec", "sectors"),
    [
        (FilterSpec(), list(SECTORS)),
        (FilterSpec(pillars=("Internet Governance",)), list(SECTORS)),
        (FilterSpec(sectors=("ITU-D",)), ["ITU-D"]),
        (FilterSpec(sectors=("ITU-T", "General Secretariat")), ["ITU-T", "General Secretariat"]),
        (FilterSpec(units=("BDT",)), ["ITU-D"]),
    ],
)  # fmt: skip
def test_filtered_out_sectors_are_dropped(plan: Plan, spec: FilterSpec, sectors: list[str]) -> None:
    by_sector = workload_by_sector(apply_filters(plan, spec))
    assert list(sectors_in_scope(by_sector, spec)["sector"]) == sectors


def test_input_frame_is_left_as_it_was(plan: Plan) -> None:
    by_sector = workload_by_sector(plan)
    copy = by_sector.copy()
    sectors_in_scope(by_sector, FilterSpec(sectors=("ITU-D",)))
    pd.testing.assert_frame_equal(by_sector, copy)
