"""Workload per unit and per Sector, and how evenly it is spread."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

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


def _credited(plan: Plan, weights: LoadWeights) -> pd.DataFrame:
    """Assignments with `credit`: 1 per role, or 1/n for each of n joint leads when split."""
    assignments = plan.assignments
    credit = pd.Series(1.0, index=assignments.index)
    if weights.split_joint_leads and not assignments.empty:
        is_lead = assignments["role"] == "lead"
        leads_per_activity = assignments[is_lead].groupby("activity_id")["unit"].transform("size")
        credit.loc[leads_per_activity.index] = 1.0 / leads_per_activity
    weight = assignments["role"].map({"lead": weights.lead, "assist": weights.assist}).astype(float)
    return assignments.assign(credit=credit, weighted=credit * weight)


def _summarise(credited: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    # The counted columns made as arrays beside the keys, grouped with the keys as columns: an
    # assign and a reset_index of the grouped keys cost as much as the grouping itself.
    is_lead = (credited["role"] == "lead").to_numpy()
    counted = pd.DataFrame(
        {
            **{key: credited[key] for key in by},
            "lead": is_lead.astype(int),
            "assist": (~is_lead).astype(int),
            "lead_credit": np.where(is_lead, credited["credit"].to_numpy(), 0.0),
            "weighted_load": credited["weighted"].to_numpy(),
        },
        index=credited.index,
    )
    summary = counted.groupby(by, sort=False, as_index=False).sum()
    total = summary["weighted_load"].sum()
    summary["share"] = summary["weighted_load"] / total if total > 0 else 0.0
    return summary


def workload_by_unit(plan: Plan, weights: LoadWeights = DEFAULT_WEIGHTS) -> pd.DataFrame:
    """unit, unit_name, sector, lead, assist, lead_credit, weighted_load, share, activities;
    heaviest first."""
    credited = _credited(plan, weights)
    if credited.empty:
        return pd.DataFrame(
            columns=[
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
        )
    summary = _summarise(credited, ["unit", "unit_name", "sector"])
    activities = credited.groupby("unit")["activity_id"].nunique()
    summary["activities"] = summary["unit"].map(activities).astype(int)
    return summary.sort_values(
        ["weighted_load", "lead", "unit"], ascending=[False, False, True], ignore_index=True
    )


def workload_by_sector(plan: Plan, weights: LoadWeights = DEFAULT_WEIGHTS) -> pd.DataFrame:
    """sector, lead, assist, lead_credit, weighted_load, share, units; all four Sectors in order."""
    credited = _credited(plan, weights)
    summary = (
        _summarise(credited, ["sector"])
        if not credited.empty
        else pd.DataFrame(
            columns=["sector", "lead", "assist", "lead_credit", "weighted_load", "share"]
        )
    )
    summary = summary.set_index("sector").reindex(list(SECTORS), fill_value=0)
    units = credited.groupby("sector")["unit"].nunique() if not credited.empty else pd.Series()
    summary["units"] = units.reindex(list(SECTORS), fill_value=0).astype(int)
    summary[["lead", "assist"]] = summary[["lead", "assist"]].astype(int)
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
