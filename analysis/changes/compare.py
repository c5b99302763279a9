"""Two versions of the plan before and after: the workload per unit and per Sector side by side,
the balance indicators, and, under the filters in force, everything the What-if and Compare plans
pages show about the difference (the change lines themselves are analysis.changes.diff's).

    workload_comparison(before, after, weights) -> DataFrame   per unit, before/after and change
    sector_comparison(before, after, weights) -> DataFrame     the same per Sector
    balance_comparison(before, after, weights) -> BalanceChange
    compare_views(view, other, spec, changes, weights) -> ViewComparison
        the plan in use and another version of it under the same filters: the changes that touch
        what either shows, the workload per unit and per Sector side by side, the balance and
        the total load before and after.
    total_load_sentence(before, after, role_changes, sector_of) -> str
        "5 roles merged into roles the receiving unit already held, inside the General
        Secretariat; the total load falls from 78 to 75."
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from analysis.changes.diff import changes_in_views
from analysis.changes.role_changes import RoleChange
from analysis.filters import FilterSpec, apply_filters
from analysis.measures.balance_words import (
    number_text,
    sector_name,
    sectors_in_scope,
    sectors_phrase,
)
from analysis.measures.metrics import (
    DEFAULT_WEIGHTS,
    Balance,
    LoadWeights,
    balance,
    workload_by_sector,
    workload_by_unit,
)
from analysis.model import SECTORS, Plan

_MEASURES: tuple[str, ...] = ("lead", "assist", "weighted_load", "share")


def _side_by_side(
    before: pd.DataFrame, after: pd.DataFrame, keys: list[str], order: Mapping[str, int]
) -> pd.DataFrame:
    """keys, each measure before and after, change: one row per key in either frame (unique
    there), 0 on the side it is missing from; ordered by `order` of the first key (the rest
    last), then by the keys. Matched in plain Python: a pandas outer merge, fillna and astype
    cost more than the comparison of a plan's units."""
    sides = []
    for frame in (before, after):
        found = zip(*(frame[key].tolist() for key in keys), strict=True)
        measures = [frame[measure].tolist() for measure in _MEASURES]
        sides.append({row: [values[at] for values in measures] for at, row in enumerate(found)})
    none = [0] * len(_MEASURES)
    rows = sorted(
        sides[0].keys() | sides[1].keys(),
        key=lambda row: (order.get(row[0], len(order)), row),
    )
    # The keys' dtype of a side that has rows (an empty table's columns are of objects).
    typed = after if before.empty else before
    columns: dict[str, Any] = {
        key: pd.Series([row[position] for row in rows], dtype=typed[key].dtype)
        for position, key in enumerate(keys)
    }
    for at, measure in enumerate(_MEASURES):
        kind = "int64" if measure in ("lead", "assist") else "float64"
        for side, name in zip(sides, ("before", "after"), strict=True):
            columns[f"{measure}_{name}"] = np.array(
                [side.get(row, none)[at] for row in rows], dtype=kind
            )
    columns["change"] = columns["weighted_load_after"] - columns["weighted_load_before"]
    return pd.DataFrame(columns)


def workload_comparison(
    before: Plan, after: Plan, weights: LoadWeights = DEFAULT_WEIGHTS
) -> pd.DataFrame:
    """Per unit holding a role in either plan: unit, unit_name, sector, lead_before, lead_after,
    assist_before, assist_after, weighted_load_before, weighted_load_after, share_before,
    share_after, change (weighted load after minus before). Units in the units-table order;
    a unit absent from one side counts 0 there."""
    order = {code: position for position, code in enumerate(after.units["code"].tolist())}
    return _side_by_side(
        workload_by_unit(before, weights),
        workload_by_unit(after, weights),
        ["unit", "unit_name", "sector"],
        order,
    )


def _sectors_shown(
    before: Plan, after: Plan, weights: LoadWeights, spec: FilterSpec | None
) -> list[str]:
    """The four Sectors, less those a Sector or unit filter removed from both sides."""
    if spec is None:
        return list(SECTORS)
    kept = set(sectors_in_scope(workload_by_sector(before, weights), spec)["sector"])
    kept |= set(sectors_in_scope(workload_by_sector(after, weights), spec)["sector"])
    return [sector for sector in SECTORS if sector in kept]


def sector_comparison(
    before: Plan,
    after: Plan,
    weights: LoadWeights = DEFAULT_WEIGHTS,
    spec: FilterSpec | None = None,
) -> pd.DataFrame:
    """The same per Sector: sector, lead_before … share_after, change; the four Sectors in order,
    less those the Sector or unit filters of spec removed (never drawn as zero bars)."""
    frame = _side_by_side(
        workload_by_sector(before, weights), workload_by_sector(after, weights), ["sector"], {}
    )
    shown = _sectors_shown(before, after, weights, spec)
    return frame.set_index("sector").reindex(shown).reset_index()


@dataclass(frozen=True)
class BalanceChange:
    """The balance indicators of the plan before and after the edits."""

    before: Balance
    after: Balance

    def reading(self) -> str:
        """Two sentences: how the load fell before, and after."""
        return f"Before: {self.before.reading()} After: {self.after.reading()}"


def balance_comparison(
    before: Plan,
    after: Plan,
    weights: LoadWeights = DEFAULT_WEIGHTS,
    spec: FilterSpec | None = None,
) -> BalanceChange:
    """Balance (largest unit and Sector shares, Gini) before and after; the Sectors a filter of
    spec removed are left out of the even share."""
    shown = _sectors_shown(before, after, weights, spec)

    def of(plan: Plan) -> Balance:
        by_sector = workload_by_sector(plan, weights)
        by_sector = by_sector[by_sector["sector"].isin(shown)].reset_index(drop=True)
        return balance(workload_by_unit(plan, weights), by_sector)

    return BalanceChange(before=of(before), after=of(after))


def _units_changed(frame: pd.DataFrame) -> pd.DataFrame:
    moved = (
        (frame["lead_before"] != frame["lead_after"])
        | (frame["assist_before"] != frame["assist_after"])
        | (frame["weighted_load_before"] != frame["weighted_load_after"])
    )
    return frame[moved].reset_index(drop=True)


@dataclass(frozen=True)
class ViewComparison:
    """The plan in use and another version of it, both under the same filters."""

    changes: pd.DataFrame  # plan_changes rows touching an activity either view shows
    by_unit: pd.DataFrame  # workload_comparison(view, other view)
    by_sector: pd.DataFrame  # sector_comparison(view, other view)
    balance: BalanceChange

    @property
    def units_changed(self) -> pd.DataFrame:
        """by_unit kept to the units whose lead count, assist count or weighted load changed."""
        return _units_changed(self.by_unit)

    @property
    def total_before(self) -> float:
        """The weighted load of all the units shown, before."""
        return float(self.by_unit["weighted_load_before"].sum())

    @property
    def total_after(self) -> float:
        return float(self.by_unit["weighted_load_after"].sum())


def compare_views(
    view: Plan,
    other: Plan,
    spec: FilterSpec,
    changes: pd.DataFrame,
    weights: LoadWeights = DEFAULT_WEIGHTS,
) -> ViewComparison:
    """view (the plan in use under spec) beside the other version under the same spec; changes
    are plan_changes(plan in use, other) for the whole plans; loads under the weights in force."""
    other_view = apply_filters(other, spec)
    return ViewComparison(
        changes=changes_in_views(changes, view, other_view),
        by_unit=workload_comparison(view, other_view, weights),
        by_sector=sector_comparison(view, other_view, weights, spec=spec),
        balance=balance_comparison(view, other_view, weights, spec=spec),
    )


def _count(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number == 1 else plural}"


def total_load_sentence(
    total_before: float,
    total_after: float,
    role_changes: Sequence[RoleChange] = (),
    sector_of: Mapping[str, str] | None = None,
) -> str:
    """Why the total load changed, in one sentence, so that shares moving with it are not read
    as a shift between units: "5 roles merged into roles the receiving unit already held, inside
    the General Secretariat; the total load falls from 78 to 75." role_changes (what-if) give the
    reasons; without them the sentence gives the totals. sector_of: unit code → Sector."""
    before, after = number_text(total_before), number_text(total_after)
    sectors = sector_of or {}
    kinds = [change.kind for change in role_changes]
    reasons: list[str] = []
    absorbed = [change for change in role_changes if change.kind in ("merged", "dropped")]
    if absorbed:
        where = sorted(
            {sectors.get(unit, "") for c in absorbed for unit in (c.unit, c.to_unit)} - {""},
            key=lambda sector: SECTORS.index(sector) if sector in SECTORS else len(SECTORS),
        )
        place = ""
        if len(where) == 1:
            place = f", inside {sector_name(where[0])}"
        elif where:
            place = f", across {sectors_phrase(where)}"
        merged = _count(len(absorbed), "role merged into a role", "roles merged into roles")
        reasons.append(f"{merged} the receiving unit already held{place}")
    for kind, singular, plural in (
        ("promoted", "assist promoted to lead", "assists promoted to lead"),
        ("added", "role added", "roles added"),
        ("removed", "role removed", "roles removed"),
    ):
        if kinds.count(kind):
            reasons.append(_count(kinds.count(kind), singular, plural))
    if before == after and not reasons:
        return f"The total load stays at {before}: shares move only as roles move between units."
    direction = "falls" if total_after < total_before else "rises"
    totals = f"the total load {direction} from {before} to {after}"
    if before == after:
        totals = f"the total load stays at {before}"
    if not reasons:
        return totals[0].upper() + totals[1:] + "."
    return "; ".join(reasons) + f"; {totals}."
