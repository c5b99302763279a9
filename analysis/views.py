"""Small frames and sentences the Overview, Workload and Matrix pages draw from. Pure: no
Streamlit, inputs never changed."""

from __future__ import annotations

import math
from typing import Literal

import pandas as pd

from analysis.audit import audit
from analysis.balance_words import load_sentence
from analysis.matrix import matrix_by_group, unit_order
from analysis.metrics import LoadWeights, headline_counts
from analysis.model import Plan

ROLE_COLUMNS = ["activity_id", "title", "pillar", "unit", "unit_name", "sector", "role", "note"]
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
MAX_WEIGHT = 10.0
NO_LEAD_CHECKS = ("no ITU lead", "parent without own lead")


def parse_weight(value: object, default: float) -> float:
    """A weight from a URL or a widget: a finite number from 0 to MAX_WEIGHT, else the default
    (a hand-edited link must not crash the page)."""
    try:
        number = float(str(value).strip())
    except ValueError:
        return default
    if not math.isfinite(number) or number < 0:
        return default
    return min(number, MAX_WEIGHT)


def parse_flag(value: object) -> bool:
    """A switch from a URL or a widget: 'true', '1', 'yes', 'on' (any case) or True."""
    return str(value).strip().lower() in {"true", "1", "yes", "on"}


def with_all_roles(plan: Plan, view: Plan) -> Plan:
    """The view's activities with every role the whole plan gives them. Unit, Sector and role
    filters drop other units' roles from the view; whether an activity has an ITU lead must not
    depend on them."""
    kept = plan.assignments["activity_id"].isin(view.activities["activity_id"])
    return view.replace(assignments=plan.assignments[kept])


def overview_counts(plan: Plan, view: Plan) -> dict[str, int]:
    """headline_counts of the view, with 'led' and 'unassigned' judged on all roles."""
    counts = headline_counts(view)
    whole = headline_counts(with_all_roles(plan, view))
    return counts | {"led": whole["led"], "unassigned": whole["unassigned"]}


def overview_audit(plan: Plan, view: Plan) -> pd.DataFrame:
    """The audit of the view's activities, judged on all their roles (see with_all_roles)."""
    return audit(with_all_roles(plan, view))


def unled_activities(findings: pd.DataFrame) -> pd.DataFrame:
    """activity_id, title, why: the activities the audit finds without an ITU lead of their own,
    in plan order."""
    unled = findings[findings["check"].isin(NO_LEAD_CHECKS)]
    why = unled["check"].map(
        {
            "no ITU lead": "the plan names no ITU lead",
            "parent without own lead": "heading row: its items name the leads",
        }
    )
    return pd.DataFrame(
        {"activity_id": unled["activity_id"], "title": unled["title"], "why": why}
    ).reset_index(drop=True)


def _format_weight(weight: float) -> str:
    return f"{weight:g}"


def _name_list(rows: pd.DataFrame) -> str:
    names = [f"{row.activity_id} {row.title}" for row in rows.itertuples()]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def load_headline(by_sector: pd.DataFrame, unled: pd.DataFrame, weights: LoadWeights) -> str:
    """The Overview's answer: which Sector carries most of the load (wording:
    analysis.balance_words; by_sector with the Sectors out of scope dropped), and which
    activities have no ITU lead."""
    how = f"lead {_format_weight(weights.lead)}, assist {_format_weight(weights.assist)}"
    if weights.split_joint_leads:
        how += ", joint leads split"
    load = load_sentence(by_sector, "sector", weights_note=how).removesuffix(".")
    if unled.empty:
        return f"{load}. Every activity shown has an ITU lead."
    named = unled[unled["why"] == "the plan names no ITU lead"]
    headings = unled[unled["why"] != "the plan names no ITU lead"]
    parts = []
    if not named.empty:
        parts.append(f"{_name_list(named)} (the plan names none)")
    if not headings.empty:
        parts.append(f"the heading rows {_name_list(headings)}, whose items name the leads")
    count = len(unled)
    noun = "activity has" if count == 1 else "activities have"
    return f"{load}. {count} {noun} no ITU lead of their own: {'; and '.join(parts)}."


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


def activities_by_id(plan: Plan, activity_ids: list[str] | pd.Series) -> pd.DataFrame:
    """The plan rows of these activities, once each, in plan order (for the source panel)."""
    chosen = plan.activities[plan.activities["activity_id"].isin(list(activity_ids))]
    return chosen.sort_values("row").reset_index(drop=True)


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
        table[role] = table["activity_id"].map(units).fillna("").astype("str")
    return table


def unit_rows(plan: Plan) -> pd.DataFrame:
    """unit, unit_name, sector of the units with a role, in matrix row order (by Sector)."""
    units = plan.units.set_index("code").reindex(unit_order(plan))
    return pd.DataFrame(
        {"unit": units.index, "unit_name": units["name"].to_numpy(), "sector": units["sector"]}
    ).reset_index(drop=True)
