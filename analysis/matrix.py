"""The lead/assist matrix: who does what, activity by activity or grouped."""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from analysis.model import SECTORS, Plan

LETTERS = {"lead": "L", "assist": "A"}


def unit_order(plan: Plan) -> list[str]:
    """Units by Sector (ITU-R, ITU-T, ITU-D, General Secretariat), then as in data/units.csv."""
    used = set(plan.assignments["unit"])
    units = plan.units[plan.units["code"].isin(used)]
    rank = {sector: position for position, sector in enumerate(SECTORS)}
    ordered = units.assign(rank=units["sector"].map(rank)).sort_values("rank", kind="stable")
    return list(ordered["code"])


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
