"""Choosing activities: by id, by search words, and the plan as the plan page lists it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import pandas as pd

from analysis.model import OPTIONAL_PLAN_COLUMNS, PLAN_COLUMNS, Plan

SEARCH_COLUMNS: tuple[str, ...] = (
    "activity_id",
    "parent_id",
    "title",
    "allocation_text",
    "comments",
)


def search_plan(activities: pd.DataFrame, query: str) -> pd.DataFrame:
    """Activities whose ids, title, allocation text or comments contain every word of the
    query, ignoring case; an empty query keeps them all. Words are matched literally."""
    words = query.casefold().split()
    if not words:
        return activities
    haystack = activities[list(SEARCH_COLUMNS)].astype("str").agg(" ".join, axis=1).str.casefold()
    keep = pd.Series(True, index=activities.index)
    for word in words:
        keep &= haystack.str.contains(word, regex=False)
    return activities[keep]


def restrict_plan(plan: Plan, activity_ids: Iterable[str]) -> Plan:
    """The plan cut down to the given activities (every frame), e.g. to what a search found."""
    ids = set(activity_ids)

    def keep(frame: pd.DataFrame) -> pd.DataFrame:
        return frame[frame["activity_id"].isin(ids)]

    return plan.replace(
        activities=keep(plan.activities),
        assignments=keep(plan.assignments),
        partners=keep(plan.partners),
        events=keep(plan.events),
        themes=keep(plan.themes),
        digest=plan.part_digest("activities " + " ".join(sorted(ids))),
    )


def plan_table(activities: pd.DataFrame) -> pd.DataFrame:
    """The plan as the plan page lists it: plan order, the plan.csv columns (and `revisions`
    and `section` when some row has them, as the plan file is written)."""
    optional = [
        column
        for column in OPTIONAL_PLAN_COLUMNS
        if column in activities and activities[column].astype(bool).any()
    ]
    columns = [*PLAN_COLUMNS, *optional]
    return activities.sort_values("row")[columns].reset_index(drop=True)


def activities_by_id(
    activities: pd.DataFrame,
    activity_ids: Iterable[str],
    *,
    order: Literal["plan", "given"] = "plan",
) -> pd.DataFrame:
    """The activities with these ids, each once: in plan order (the source panel's default), or
    in the order given (a list the user built, e.g. the rows picked in a table)."""
    wanted = list(dict.fromkeys(str(activity_id) for activity_id in activity_ids))
    if order == "plan":
        chosen = activities[activities["activity_id"].isin(wanted)]
        return chosen.sort_values("row").reset_index(drop=True)
    indexed = activities.set_index("activity_id", drop=False)
    return indexed.loc[[i for i in wanted if i in indexed.index]].reset_index(drop=True)


def activity_labels(plan: Plan) -> dict[str, str]:
    """activity_id -> "A31 · Publication of WSIS outcome documents…", in plan order."""
    return {
        str(activity_id): f"{activity_id} · {title}"
        for activity_id, title in zip(
            plan.activities["activity_id"], plan.activities["title"], strict=True
        )
    }
