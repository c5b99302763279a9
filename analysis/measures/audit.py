"""The audit list: rows of the plan a manager should look at, each with what to do."""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Mapping
from typing import Any

import pandas as pd

from analysis.measures.roles import with_all_roles
from analysis.model import VAGUE_UNITS, Plan
from analysis.note.held_to_sentences import NOT_ITS_SENTENCE, SentenceCheck, in_words, plan_events
from analysis.planfile.revisions import revision_lines

AUDIT_COLUMNS = ["activity_id", "title", "check", "detail", "fix"]
CHECKS = (
    "no ITU lead",
    "parent without own lead",
    "joint leads",
    "vague assignment",
    "lead without assist",
    "cross-reference",
    "revised roles",
    NOT_ITS_SENTENCE,
)
# "to fix": someone must decide (nominate, confirm, name the units). "to know": the plan is
# consistent as it stands; worth knowing when reading it (the fix text says "Nothing to fix",
# or the check only asks whether to add an assist).
AUDIT_KINDS: tuple[str, ...] = ("to fix", "to know")
CHECK_KINDS: dict[str, str] = {
    "no ITU lead": "to fix",
    "parent without own lead": "to know",
    "joint leads": "to fix",
    "vague assignment": "to fix",
    "lead without assist": "to know",
    "cross-reference": "to know",
    # A change the row's revisions record (what-if writes them): the sentence is kept as the
    # record, the columns count the change.
    "revised roles": "to know",
    # The columns count a role, partner or event the row's own sentence does not give, or lack
    # one it gives (analysis.note.held_to_sentences).
    NOT_ITS_SENTENCE: "to fix",
}
_NO_LEAD_NOMINATED = re.compile(r"no ITU lead nominated", re.IGNORECASE)


def audit(plan: Plan) -> pd.DataFrame:
    """activity_id, title, check (one of CHECKS), detail, fix; in plan order."""
    activities = plan.activities.sort_values("row")
    assignments = plan.assignments
    leads = assignments[assignments["role"] == "lead"].groupby("activity_id")["unit"].agg(list)
    assists = set(assignments.loc[assignments["role"] == "assist", "activity_id"])
    parents = set(activities["parent_id"]) - {""}
    check = SentenceCheck(plan.units, plan.organisations)
    events = plan_events(plan.events)
    findings: list[dict[str, str]] = []

    def add(activity: Mapping[Hashable, Any], check: str, detail: str, fix: str) -> None:
        findings.append(
            {
                "activity_id": str(activity["activity_id"]),
                "title": str(activity["title"]),
                "check": check,
                "detail": detail,
                "fix": fix,
            }
        )

    # Records, not iterrows: a pandas Series built for every row is slow, and the sentence check
    # takes a mapping anyway.
    for activity in activities.to_dict("records"):
        activity_id = activity["activity_id"]
        lead_units: list[str] = leads.get(activity_id, [])
        if not lead_units and activity_id in parents:
            add(
                activity,
                "parent without own lead",
                "The row names no lead of its own; its items carry the leads.",
                "Nothing to fix if the items cover the work; otherwise name a lead for the row.",
            )
        elif not lead_units:
            said = (
                "The plan says 'No ITU lead nominated'."
                if _NO_LEAD_NOMINATED.search(activity["allocation_text"])
                else "No lead unit is given."
            )
            add(activity, "no ITU lead", said, "Nominate a lead unit, or confirm none is needed.")
        if len(lead_units) > 1:
            add(
                activity,
                "joint leads",
                "Led jointly by " + " and ".join(lead_units) + ".",
                "Confirm who answers for the activity, or keep the joint lead deliberately.",
            )
        vague = [
            name
            for name in VAGUE_UNITS
            if re.search(
                rf"\b{re.escape(name)}\b",
                f"{activity['lead']}; {activity['assist']}",
                re.IGNORECASE,
            )
        ]
        if vague:
            add(
                activity,
                "vague assignment",
                "Assigned to "
                + " and ".join(f"'{name}'" for name in vague)
                + " rather than to named units.",
                "Name the units (or Study Groups, departments) that will do the work.",
            )
        if lead_units and activity_id not in assists:
            add(
                activity,
                "lead without assist",
                f"{' and '.join(lead_units)} lead(s) with no assisting unit.",
                "Check whether another unit should assist.",
            )
        if activity["cross_references"]:
            add(
                activity,
                "cross-reference",
                f"The plan also lists this as: {activity['cross_references']}.",
                "Nothing to fix: counted once, here.",
            )
        revisions = revision_lines(str(activity["revisions"]))
        if revisions:
            roles = " / ".join(
                f"{role}: {activity[role]}" for role in ("lead", "assist") if activity[role]
            )
            add(
                activity,
                "revised roles",
                "The allocation text no longer matches the roles "
                f"({roles or 'no roles'}): " + " ".join(revisions),
                "The 2006 text is kept as the record; when the revision is adopted, say so in "
                "the allocation text, or take the row back to the 2006 roles.",
            )
        held = check.row(activity, events.get(str(activity_id), []))
        unsaid = [d for d in held if not d.revised]
        if unsaid:
            add(
                activity,
                NOT_ITS_SENTENCE,
                in_words(unsaid),
                "The figures count the columns. Make the lead, assist or partners cell (or an "
                "event's date in the comments) say what the sentence says, or record the change "
                "in the row's revisions column (What-if writes it), or quote the note that says "
                "otherwise.",
            )
    return pd.DataFrame(findings, columns=AUDIT_COLUMNS).astype("str")


def audit_counts(findings: pd.DataFrame) -> pd.DataFrame:
    """check, kind ('to fix' or 'to know'), activities: how many activities each check flags;
    the checks to fix first, each group in CHECKS order."""
    counts = findings.groupby("check")["activity_id"].nunique()
    ordered = [check for kind in AUDIT_KINDS for check in CHECKS if CHECK_KINDS[check] == kind]
    table = counts.reindex(ordered, fill_value=0).rename("activities").reset_index()
    table.insert(1, "kind", table["check"].map(CHECK_KINDS).astype("str"))
    return table


def audit_tally(findings: pd.DataFrame) -> dict[str, int]:
    """Points of the audit list per kind: {'to fix': n, 'to know': m}."""
    kinds = findings["check"].map(CHECK_KINDS)
    return {kind: int((kinds == kind).sum()) for kind in AUDIT_KINDS}


def needs_decision(findings: pd.DataFrame) -> pd.DataFrame:
    """The points to fix, in the audit's order and columns: what the Overview asks a manager to
    decide."""
    to_fix = findings["check"].map(CHECK_KINDS) == "to fix"
    return findings[to_fix].reset_index(drop=True)


NO_LEAD_CHECKS = ("no ITU lead", "parent without own lead")


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


def findings_for(findings: pd.DataFrame, checks: Iterable[str]) -> pd.DataFrame:
    """Audit findings of the chosen checks (all of them when none is chosen)."""
    chosen = list(checks)
    if not chosen:
        return findings.reset_index(drop=True)
    return findings[findings["check"].isin(chosen)].reset_index(drop=True)
