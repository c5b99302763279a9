"""The benchmark's synthetic plans: valid, N times the bundled plan, same proportions, and events
spread over several years."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest

from analysis.model import Plan
from analysis.note.held_to_sentences import sentence_problems
from benchmarks.generate import generate, shift_dates, to_csv_text

SCALES = (1, 3, 10)


@pytest.fixture(scope="module")
def generated(parse: Callable[..., Plan]) -> dict[int, Plan]:
    return {scale: parse(to_csv_text(generate(scale, seed=7)), f"{scale}x.csv") for scale in SCALES}


def _shares(plan: Plan) -> dict[str, float]:
    activities = plan.activities
    leads = plan.assignments.loc[plan.assignments["role"] == "lead", "activity_id"]
    return {
        "sub-activities": (activities["parent_id"] != "").mean(),
        "no lead": (~activities["activity_id"].isin(leads)).mean(),
        "cross-references": (activities["cross_references"] != "").mean(),
        "planned in text": plan.events["planned_in_text"].mean(),
        "held in text": plan.events["held_in_text"].mean(),
    }


@pytest.mark.parametrize("scale", SCALES)
def test_generated_plan_validates_with_n_times_the_rows(
    generated: dict[int, Plan], plan: Plan, scale: int
) -> None:
    made = generated[scale]
    assert len(made.activities) == scale * len(plan.activities)
    assert made.activities["activity_id"].is_unique
    assert len(made.events) == scale * len(plan.events)
    assert len(made.assignments) == scale * len(plan.assignments)
    assert len(made.partners) == scale * len(plan.partners)
    # Each copy's text names what its cells hold ("UNDESA" follows UN-DESA's permutation too).
    assert sentence_problems(made) == []


@pytest.mark.parametrize("scale", SCALES)
def test_proportions_are_the_bundled_plans(
    generated: dict[int, Plan], plan: Plan, scale: int
) -> None:
    assert _shares(generated[scale]) == pytest.approx(_shares(plan))


def test_scale_one_is_the_bundled_plan(generated: dict[int, Plan], plan: Plan) -> None:
    columns = ["activity_id", "parent_id", "lead", "assist", "partners", "comments"]
    pd.testing.assert_frame_equal(generated[1].activities[columns], plan.activities[columns])


def test_parents_stay_within_their_copy(generated: dict[int, Plan]) -> None:
    activities = generated[10].activities
    children = activities[activities["parent_id"] != ""]
    suffix = children["activity_id"].str.extract(r"(-s\d+)$", expand=False).fillna("")
    parent_suffix = children["parent_id"].str.extract(r"(-s\d+)$", expand=False).fillna("")
    assert (suffix == parent_suffix).all()


def test_units_and_organisations_are_real_and_spread(generated: dict[int, Plan]) -> None:
    made = generated[10]
    assert set(made.assignments["unit"]) <= set(made.units["code"])
    assert set(made.partners["organisation"]) <= set(made.organisations["code"])
    assert (made.assignments["via"] == "Sectors").any()
    # Permuted copies: every real unit leads something somewhere.
    assert made.assignments.loc[made.assignments["role"] == "lead", "unit"].nunique() >= 7


def test_events_spread_over_several_years(generated: dict[int, Plan], plan: Plan) -> None:
    base_years = set(plan.events["start"].dt.year)
    years = set(generated[10].events["start"].dt.year)
    assert len(years) >= len(base_years) + 5
    assert max(years) >= 2006 + 9


def test_dates_move_whole_years_and_keep_their_shape() -> None:
    assert shift_dates("First meeting held on 16 May.", 2) == "First meeting held on 16 May 2008."
    assert (
        shift_dates("IGF meeting, 30 October – 2 November, in Athens.", 1)
        == "IGF meeting, 30 October – 2 November 2007, in Athens."
    )
    assert shift_dates("Main CSTD session May 15-19 2006, in Geneva.", 3) == (
        "Main CSTD session May 15-19 2009, in Geneva."
    )
    assert (
        shift_dates("CEB meeting in Madrid in April.", 1) == "CEB meeting in Madrid in April 2007."
    )
    assert shift_dates("No date here.", 4) == "No date here."


def test_same_seed_same_plan() -> None:
    assert generate(5, seed=3).equals(generate(5, seed=3))
    assert not generate(5, seed=3).equals(generate(5, seed=4))
