"""Workload per unit and per Sector, and how evenly it is spread."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from analysis.measures.balance_words import NO_LOAD, balance_sentence, heaviest
from analysis.measures.roles import with_all_roles
from analysis.model import SECTORS, Plan

# The largest weight the sidebar and the command line take.
MAX_WEIGHT = 10.0
# What a workload table or chart is per: a unit (workload_by_unit) or a Sector (workload_by_sector).
By = Literal["unit", "sector"]


@dataclass(frozen=True)
class LoadWeights:
    """How much a lead and an assist weigh, and whether joint leads share one lead's credit."""

    lead: float = 1.0
    assist: float = 0.5
    split_joint_leads: bool = False

    def __post_init__(self) -> None:
        if not all(math.isfinite(weight) and weight >= 0 for weight in (self.lead, self.assist)):
            raise ValueError("weights are finite numbers, 0 or more")

    def describe(self) -> str:
        """'lead 1, assist 0.5; joint leads counted in full': the one wording of the weights,
        for captions, headlines, slides and the command line."""
        joint = "joint leads split" if self.split_joint_leads else "joint leads counted in full"
        return f"lead {self.lead:g}, assist {self.assist:g}; {joint}"


# The house weighting: what every view uses until the user changes the weights.
DEFAULT_WEIGHTS = LoadWeights()


def _credits(plan: Plan, weights: LoadWeights) -> tuple[np.ndarray, np.ndarray]:
    """Each assignment's credit (1 per role, or 1/n for each of n joint leads when split) and
    weighted credit (NaN for a role that is neither lead nor assist)."""
    activity_ids = plan.assignments["activity_id"].tolist()
    roles = plan.assignments["role"].tolist()
    credit = np.ones(len(roles))
    if weights.split_joint_leads:
        leads_per_activity: dict[object, int] = {}
        for activity_id, role in zip(activity_ids, roles, strict=True):
            if role == "lead":
                leads_per_activity[activity_id] = leads_per_activity.get(activity_id, 0) + 1
        credit = np.array(
            [
                1.0 / leads_per_activity[activity_id] if role == "lead" else 1.0
                for activity_id, role in zip(activity_ids, roles, strict=True)
            ]
        )
    weight = {"lead": float(weights.lead), "assist": float(weights.assist)}
    return credit, credit * np.array([weight.get(role, math.nan) for role in roles])


def _summarise(
    plan: Plan, weights: LoadWeights, by: list[str], distinct: str, named: str
) -> dict[str, Any]:
    """The columns `by`, lead, assist, lead_credit, weighted_load, share, one value per group of
    the assignments in the order each first appears (as groupby(by, sort=False) gives them),
    and `named`: the number of distinct `distinct` values beside the group's first key (its
    unit, or its Sector).

    The groups are numbered in plain Python and pandas sums the credits by number: its groupby
    of the text keys cost more than the sums on a plan's few hundred roles."""
    assignments = plan.assignments
    credit, weighted = _credits(plan, weights)
    is_lead = (assignments["role"] == "lead").to_numpy()
    groups: dict[tuple[object, ...], int] = {}
    keys = zip(*(assignments[key].tolist() for key in by), strict=True)
    codes = np.array([groups.setdefault(key, len(groups)) for key in keys], dtype="int64")
    kept = list(groups)
    if any(part != part for group in groups for part in group):
        # A missing key is no group, as groupby drops it.
        kept = [group for group in groups if not any(part != part for part in group)]
        renumbered = np.array([kept.index(group) if group in kept else -1 for group in groups])
        codes = renumbered[codes]
        credit, weighted, is_lead = credit[codes >= 0], weighted[codes >= 0], is_lead[codes >= 0]
        codes = codes[codes >= 0]
    # Credits summed by pandas (compensated), so the loads are the ones it always gave.
    sums = (
        pd.DataFrame(
            {
                "group": codes,
                "lead_credit": np.where(is_lead, credit, 0.0),
                "weighted_load": weighted,
            }
        )
        .groupby("group", sort=True)
        .sum()
    )
    loads = sums["weighted_load"].to_numpy()
    total = loads.sum()
    distinct_values: dict[object, set[object]] = {}
    for group, value in zip(
        assignments[by[0]].tolist(), assignments[distinct].tolist(), strict=True
    ):
        values = distinct_values.setdefault(group, set())
        if value == value:
            values.add(value)
    return {
        **{key: [group[position] for group in kept] for position, key in enumerate(by)},
        "lead": np.bincount(codes[is_lead], minlength=len(kept)).astype("int64"),
        "assist": np.bincount(codes[~is_lead], minlength=len(kept)).astype("int64"),
        "lead_credit": sums["lead_credit"].to_numpy(),
        "weighted_load": loads,
        "share": loads / total if total > 0 else np.zeros(len(loads)),
        named: np.array([len(distinct_values[group[0]]) for group in kept], dtype="int64"),
    }


_BY_UNIT_COLUMNS = [
    "unit",
    "unit_name",
    "sector",
    "lead",
    "assist",
    "lead_credit",
    "weighted_load",
    "share",
    "activities",
]


def workload_by_unit(plan: Plan, weights: LoadWeights = DEFAULT_WEIGHTS) -> pd.DataFrame:
    """unit, unit_name, sector, lead, assist, lead_credit, weighted_load, share, activities;
    heaviest first."""
    assignments = plan.assignments
    if assignments.empty:
        return pd.DataFrame(columns=_BY_UNIT_COLUMNS)
    keys = ["unit", "unit_name", "sector"]
    summary = _summarise(plan, weights, keys, "activity_id", "activities")
    loads, leads, units = summary["weighted_load"], summary["lead"], summary["unit"]
    # Heaviest first, then most leads, then by code; a stable sort, as sort_values's.
    order = sorted(
        range(len(units)), key=lambda group: (-loads[group], -leads[group], units[group])
    )
    return pd.DataFrame(
        {
            column: (
                pd.Series([values[group] for group in order], dtype=assignments[column].dtype)
                if column in keys
                else values[order]
            )
            for column, values in summary.items()
        }
    )


def workload_by_sector(plan: Plan, weights: LoadWeights = DEFAULT_WEIGHTS) -> pd.DataFrame:
    """sector, lead, assist, lead_credit, weighted_load, share, units; all four Sectors in order."""
    summary = (
        pd.DataFrame(_summarise(plan, weights, ["sector"], "unit", "units"))
        if not plan.assignments.empty
        else pd.DataFrame(
            columns=["sector", "lead", "assist", "lead_credit", "weighted_load", "share", "units"]
        )
    )
    summary = summary.set_index("sector").reindex(list(SECTORS), fill_value=0)
    summary[["lead", "assist", "units"]] = summary[["lead", "assist", "units"]].astype(int)
    summary[["lead_credit", "weighted_load", "share"]] = summary[
        ["lead_credit", "weighted_load", "share"]
    ].astype(float)
    return summary.reset_index(names="sector")


def gini(values: pd.Series) -> float:
    """Gini coefficient of non-negative values: 0 when all equal, near 1 when one holds all."""
    ordered = values.astype(float).sort_values().to_numpy()
    count = len(ordered)
    total = ordered.sum()
    if count == 0 or total <= 0:
        return 0.0
    ranks = pd.RangeIndex(1, count + 1).to_numpy()
    return float((2 * (ranks * ordered).sum()) / (count * total) - (count + 1) / count)


@dataclass(frozen=True)
class Balance:
    """How unevenly the weighted load falls, across Sectors and across units. largest_*s name
    every unit or Sector tied for the most; largest_*_share is the share of each."""

    largest_sector_share: float
    even_sector_share: float
    largest_unit_share: float
    even_unit_share: float
    units_counted: int
    gini_units: float
    max_to_mean_units: float
    largest_sectors: tuple[str, ...] = ()
    largest_units: tuple[str, ...] = ()
    sectors_counted: int = len(SECTORS)
    sentence: str = NO_LOAD  # balance_words.balance_sentence of the two frames

    def reading(self) -> str:
        """The plain-language sentence pages, slides and the command line show."""
        return self.sentence


def balance(by_unit: pd.DataFrame, by_sector: pd.DataFrame) -> Balance:
    """Balance indicators from the two workload frames; by_sector as shown (Sectors a filter
    removed already dropped: balance_words.sectors_in_scope), so the even Sector share is
    1 / the Sectors shown."""
    loads = by_unit["weighted_load"].astype(float) if not by_unit.empty else pd.Series(dtype=float)
    total = float(loads.sum())
    sectors_counted = max(len(by_sector), 1)
    if by_unit.empty or total <= 0:
        return Balance(0.0, 1 / sectors_counted, 0.0, 0.0, 0, 0.0, 0.0)
    top_units, unit_load, _ = heaviest(by_unit, "unit")
    top_sectors, sector_load, _ = heaviest(by_sector, "sector")
    return Balance(
        largest_sector_share=sector_load / total,
        even_sector_share=1 / sectors_counted,
        largest_unit_share=unit_load / total,
        even_unit_share=1 / len(by_unit),
        units_counted=len(by_unit),
        gini_units=gini(loads),
        max_to_mean_units=float(loads.max() / loads.mean()),
        largest_sectors=top_sectors,
        largest_units=top_units,
        sectors_counted=sectors_counted,
        sentence=balance_sentence(by_unit, by_sector),
    )


def headline_counts(plan: Plan) -> dict[str, int]:
    """The Overview's figures: activities, led, unassigned, units, organisations, events by
    status (held, planned, unconfirmed on the plan's as-of date)."""
    led = plan.assignments.loc[plan.assignments["role"] == "lead", "activity_id"].unique()
    activities = plan.activities["activity_id"]
    return {
        "activities": len(activities),
        "led": int(activities.isin(led).sum()),
        "unassigned": int((~activities.isin(led)).sum()),
        "units": int(plan.assignments["unit"].nunique()),
        "organisations": int(plan.partners["organisation"].nunique()),
        "events_held": int((plan.events["status"] == "held").sum()),
        "events_planned": int((plan.events["status"] == "planned").sum()),
        "events_unconfirmed": int((plan.events["status"] == "unconfirmed").sum()),
    }


def overview_counts(plan: Plan, view: Plan) -> dict[str, int]:
    """headline_counts of the view, with 'led' and 'unassigned' judged on all roles."""
    counts = headline_counts(view)
    whole = headline_counts(with_all_roles(plan, view))
    return counts | {"led": whole["led"], "unassigned": whole["unassigned"]}
