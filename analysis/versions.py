"""Small frames the What-if and Compare plans pages show around analysis.whatif and analysis.diff:
the problems of a rejected file, change rows narrowed to a kind, a view or some units, and the
edited plan as the bytes of a download."""

from __future__ import annotations

from collections.abc import Collection, Iterable

import pandas as pd

from analysis.export import plan_to_csv_text
from analysis.model import Plan, PlanError

PROBLEM_COLUMNS: tuple[str, ...] = ("file", "row", "column", "problem", "how to fix")
# Change kinds whose unit_or_organisation column names ITU units ("WSIS-ES → CEC").
ROLE_CHANGES: tuple[str, ...] = ("role gained", "role lost", "role changed")


def problems_frame(error: PlanError) -> pd.DataFrame:
    """One row per problem of a rejected plan file: where it is and how to fix it."""
    rows = [
        {
            "file": problem.file,
            "row": "" if problem.row is None else str(problem.row),
            "column": problem.column or "",
            "problem": problem.message,
            "how to fix": problem.fix,
        }
        for problem in error.problems
    ]
    return pd.DataFrame(rows, columns=list(PROBLEM_COLUMNS))


def activity_labels(plan: Plan) -> dict[str, str]:
    """activity_id -> "A31 · Publication of WSIS outcome documents…", in plan order."""
    return {
        str(activity_id): f"{activity_id} · {title}"
        for activity_id, title in zip(
            plan.activities["activity_id"], plan.activities["title"], strict=True
        )
    }


def unit_labels(plan: Plan) -> dict[str, str]:
    """unit code -> "CEC · CEC (General Secretariat; the plan does not expand the acronym)"."""
    return {
        str(code): f"{code} · {name}" if name != code else str(code)
        for code, name in zip(plan.units["code"], plan.units["name"], strict=True)
    }


def changes_of_kinds(changes: pd.DataFrame, kinds: Iterable[str]) -> pd.DataFrame:
    """The rows of plan_changes whose change is one of kinds; all rows when kinds is empty."""
    wanted = list(kinds)
    if not wanted:
        return changes
    return changes[changes["change"].isin(wanted)].reset_index(drop=True)


def changes_in_views(changes: pd.DataFrame, *views: Plan) -> pd.DataFrame:
    """The rows about activities present in any of the (filtered) views: the sidebar filters
    narrow the list of changes without losing an activity that only one side still shows."""
    ids: set[str] = set()
    for view in views:
        ids.update(str(activity_id) for activity_id in view.activities["activity_id"])
    return changes[changes["activity_id"].isin(sorted(ids))].reset_index(drop=True)


def changes_for_units(changes: pd.DataFrame, units: Collection[str]) -> pd.DataFrame:
    """Role rows involving any of these units, on either side of a handover ("WSIS-ES → CEC")."""
    wanted = set(units)

    def involves(who: str) -> bool:
        return any(part.strip() in wanted for part in who.split("→"))

    is_role = changes["change"].isin(list(ROLE_CHANGES))
    named = changes["unit_or_organisation"].map(involves).astype(bool)
    return changes[is_role & named].reset_index(drop=True)


def units_of(plan: Plan, code: str) -> list[str]:
    """The unit itself, or every unit of a Sector when code names a Sector."""
    in_sector = plan.units.loc[plan.units["sector"] == code, "code"]
    return [str(unit) for unit in in_sector] if len(in_sector) else [code]


def plan_csv_bytes(plan: Plan) -> bytes:
    """The plan as the bytes of a download, in data/plan.csv's format (UTF-8)."""
    return plan_to_csv_text(plan).encode("utf-8")
