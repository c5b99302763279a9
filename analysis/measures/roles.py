"""Who holds which role: the roles of a unit or a Sector, of every activity, and the labels the
pages use for units. Pure: no Streamlit, inputs never changed."""

from __future__ import annotations

import pandas as pd

from analysis.model import Plan

ROLE_COLUMNS = ["activity_id", "title", "pillar", "unit", "unit_name", "sector", "role", "note"]


def with_all_roles(plan: Plan, view: Plan) -> Plan:
    """The view's activities with every role the whole plan gives them. Unit, Sector and role
    filters drop other units' roles from the view; whether an activity has an ITU lead must not
    depend on them."""
    kept = plan.assignments["activity_id"].isin(view.activities["activity_id"])
    return view.replace(assignments=plan.assignments[kept])


def _roles(plan: Plan) -> pd.DataFrame:
    activities = plan.activities[["activity_id", "title", "pillar", "row"]]
    roles = plan.assignments.merge(activities, on="activity_id", how="left")
    roles = roles.sort_values(["row", "role"], ascending=[True, False], kind="stable")
    return roles[ROLE_COLUMNS].reset_index(drop=True)


def roles_of(plan: Plan, *, unit: str | None = None, sector: str | None = None) -> pd.DataFrame:
    """The roles of one unit or one Sector (ROLE_COLUMNS), in plan order: what a selected bar
    stands for."""
    roles = _roles(plan)
    if unit is not None:
        roles = roles[roles["unit"] == unit]
    if sector is not None:
        roles = roles[roles["sector"] == sector]
    return roles.reset_index(drop=True)


def activity_roles(plan: Plan) -> pd.DataFrame:
    """activity_id, title, pillar, lead, assist (unit codes joined by ', '): one row per
    activity, in plan order, for the selectable table beside the matrix."""
    activities = plan.activities.sort_values("row")
    table = activities[["activity_id", "title", "pillar"]].reset_index(drop=True)
    for role in ("lead", "assist"):
        units = (
            plan.assignments[plan.assignments["role"] == role]
            .groupby("activity_id", sort=False)["unit"]
            .agg(", ".join)
        )
        # Looked up one by one: with no such role in the view, `units` is empty and a mapped
        # column would be float NaN, which pandas will not fill with text.
        held = units.to_dict()
        table[role] = pd.Series(
            [held.get(activity_id, "") for activity_id in table["activity_id"]], dtype="str"
        )
    return table


def unit_labels(plan: Plan) -> dict[str, str]:
    """unit code -> "CEC · CEC (General Secretariat; the plan does not expand the acronym)"."""
    return {
        str(code): f"{code} · {name}" if name != code else str(code)
        for code, name in zip(plan.units["code"], plan.units["name"], strict=True)
    }


def units_of(plan: Plan, code: str) -> list[str]:
    """The unit itself, or every unit of a Sector when code names a Sector."""
    in_sector = plan.units.loc[plan.units["sector"] == code, "code"]
    return [str(unit) for unit in in_sector] if len(in_sector) else [code]
