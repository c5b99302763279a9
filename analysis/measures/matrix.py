"""The lead/assist matrix: who does what, activity by activity or grouped."""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from analysis.filters import unit_order
from analysis.measures.roles import roles_of
from analysis.model import Plan

LETTERS = {"lead": "L", "assist": "A"}


def responsibility_cells(plan: Plan) -> pd.DataFrame:
    """One row per (activity, unit): activity_id, title, pillar, unit, unit_name, sector, role,
    letter (L|A), note; in plan order."""
    activities = plan.activities[["activity_id", "title", "pillar", "row"]]
    cells = plan.assignments.merge(activities, on="activity_id", how="left")
    cells["letter"] = cells["role"].map(LETTERS).astype("str")
    cells = cells.sort_values(["row", "role"], ascending=[True, False], kind="stable")
    return cells[
        ["activity_id", "title", "pillar", "unit", "unit_name", "sector", "role", "letter", "note"]
    ].reset_index(drop=True)


def responsibility_matrix(plan: Plan) -> pd.DataFrame:
    """Units (rows, by Sector) x activity ids (columns, in plan order); cells 'L', 'A' or ''."""
    cells = responsibility_cells(plan)
    activity_ids = pd.Index(list(plan.activities.sort_values("row")["activity_id"]))
    units = pd.Index(unit_order(plan), name="unit")
    # Placing the letters in a numpy grid: a pivot converts thousands of columns one by one.
    grid = np.full((len(units), len(activity_ids)), "", dtype=object)
    rows = units.get_indexer(pd.Index(cells["unit"]))
    columns = activity_ids.get_indexer(pd.Index(cells["activity_id"]))
    grid[rows, columns] = cells["letter"].to_numpy(dtype=object)
    return pd.DataFrame(grid, index=units, columns=activity_ids).astype("str")


def matrix_by_group(plan: Plan, by: Literal["action_line", "pillar"]) -> pd.DataFrame:
    """unit, group, lead, assist, label ("2L 1A"): role counts per unit and action line or
    pillar. An activity tagged with two action lines counts once in each."""
    assignments = plan.assignments
    if by == "pillar":
        groups = plan.activities[["activity_id", "pillar"]].rename(columns={"pillar": "group"})
    else:
        groups = plan.themes[["activity_id", "action_line"]].drop_duplicates()
        groups = groups.rename(columns={"action_line": "group"})
    joined = assignments.merge(groups, on="activity_id", how="inner")
    if joined.empty:
        return pd.DataFrame(columns=["unit", "group", "lead", "assist", "label"])
    counts = (
        joined.assign(
            lead=joined["role"].eq("lead").astype(int),
            assist=joined["role"].eq("assist").astype(int),
        )
        .groupby(["unit", "group"], sort=False)[["lead", "assist"]]
        .sum()
        .reset_index()
    )
    counts["label"] = [
        " ".join(
            part for part in (f"{lead}L" if lead else "", f"{assist}A" if assist else "") if part
        )
        for lead, assist in zip(counts["lead"], counts["assist"], strict=True)
    ]
    return counts


def group_order(plan: Plan, by: Literal["action_line", "pillar"]) -> list[str]:
    if by == "pillar":
        return list(dict.fromkeys(plan.activities.sort_values("row")["pillar"]))
    lines = plan.themes["action_line"].unique()
    return sorted(lines, key=lambda line: int(line[1:]) if line[1:].isdigit() else 99)


GROUP_CELL_COLUMNS = [
    "unit",
    "unit_name",
    "sector",
    "group",
    "lead",
    "assist",
    "label",
    "activity_ids",
]


def unit_rows(plan: Plan) -> pd.DataFrame:
    """unit, unit_name, sector of the units with a role, in matrix row order (by Sector)."""
    units = plan.units.set_index("code").reindex(unit_order(plan))
    return pd.DataFrame(
        {"unit": units.index, "unit_name": units["name"].to_numpy(), "sector": units["sector"]}
    ).reset_index(drop=True)


def _group_of_activity(plan: Plan, by: Literal["action_line", "pillar"]) -> pd.DataFrame:
    if by == "pillar":
        return plan.activities[["activity_id", "pillar"]].rename(columns={"pillar": "group"})
    lines = plan.themes[["activity_id", "action_line"]].drop_duplicates()
    return lines.rename(columns={"action_line": "group"})


def group_cells(plan: Plan, by: Literal["action_line", "pillar"]) -> pd.DataFrame:
    """GROUP_CELL_COLUMNS: matrix_by_group with the unit's full name, its Sector and the ids of
    the activities behind each count."""
    counts = matrix_by_group(plan, by)
    if counts.empty:
        return pd.DataFrame(columns=GROUP_CELL_COLUMNS)
    behind = plan.assignments[["activity_id", "unit"]].merge(
        _group_of_activity(plan, by), on="activity_id"
    )
    order = dict(zip(plan.activities["activity_id"], plan.activities["row"], strict=True))
    ids = behind.groupby(["unit", "group"])["activity_id"].agg(
        lambda values: ", ".join(sorted(dict.fromkeys(values), key=order.__getitem__))
    )
    units = plan.units.rename(columns={"code": "unit", "name": "unit_name"})
    cells = counts.merge(units[["unit", "unit_name", "sector"]], on="unit", how="left")
    cells["activity_ids"] = [
        ids[(unit, group)] for unit, group in zip(cells["unit"], cells["group"], strict=True)
    ]
    return cells[GROUP_CELL_COLUMNS]


def group_roles(
    plan: Plan, by: Literal["action_line", "pillar"], unit: str, group: str
) -> pd.DataFrame:
    """The roles behind one cell of the grouped matrix (ROLE_COLUMNS), in plan order."""
    groups = _group_of_activity(plan, by)
    in_group = groups.loc[groups["group"] == group, "activity_id"]
    roles = roles_of(plan, unit=unit)
    return roles[roles["activity_id"].isin(in_group)].reset_index(drop=True)
