"""One-sentence findings under each chart: frames in, plain sentences out.

The app, the slide deck and the printable report all call these, so a manager reads the same
sentence wherever the chart appears. Every number is counted from the frame passed in.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from analysis.filters import FilterSpec
from analysis.measures.audit import audit_tally, needs_decision
from analysis.measures.balance_words import load_sentence
from analysis.measures.metrics import LoadWeights
from analysis.model import SOURCE_DOCUMENT


def _join(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def scope_words(activities: pd.DataFrame) -> str:
    """'Internet Governance activities' when one pillar is shown, else 'activities'."""
    pillars = list(dict.fromkeys(activities["pillar"])) if not activities.empty else []
    return f"{pillars[0]} activities" if len(pillars) == 1 else "activities"


def lead_finding(assignments: pd.DataFrame, activities: pd.DataFrame) -> str:
    """Who leads most of the activities shown, e.g. 'TSB leads 2 of 3 Internet Governance
    activities.' Joint leads count for each unit named."""
    total = activities["activity_id"].nunique()
    if total == 0:
        return "No activity matches these filters."
    leads = assignments[
        (assignments["role"] == "lead") & assignments["activity_id"].isin(activities["activity_id"])
    ]
    if leads.empty:
        return f"No unit leads any of the {total} {scope_words(activities)} shown."
    counts = leads.groupby("unit", sort=False)["activity_id"].nunique()
    most = int(counts.max())
    top = sorted(str(unit) for unit in counts[counts == most].index)
    scope = scope_words(activities)
    if len(top) == 1:
        return f"{top[0]} leads {most} of {total} {scope}."
    return f"{_join(top)} each lead {most} of {total} {scope}."


def workload_finding(by_unit: pd.DataFrame) -> str:
    """The heaviest unit(s)' share of the weighted load against an even share, from the frame
    of analysis.measures.metrics.workload_by_unit (wording: analysis.measures.balance_words)."""
    return load_sentence(by_unit, "unit")


def sector_finding(by_sector: pd.DataFrame) -> str:
    """The heaviest Sector(s)' share, from workload_by_sector with the Sectors out of scope
    dropped (balance_words.sectors_in_scope)."""
    return load_sentence(by_sector, "sector")


def timeline_finding(events: pd.DataFrame, as_of: date) -> str:
    """How many dated events are still to come at the as-of date, and how many the plan planned
    for a date now passed without reporting them held, from a frame with a `status` column
    (held|planned|unconfirmed), e.g. analysis.measures.timeline.timeline_frame."""
    total = len(events)
    when = f"{as_of:%d %B %Y}".lstrip("0")
    if total == 0:
        return "No dated event in the activities shown."
    planned = int((events["status"] == "planned").sum())
    unconfirmed = int((events["status"] == "unconfirmed").sum())
    noun = "event" if total == 1 else "events"
    verb = "is" if planned == 1 else "are"
    sentence = f"{planned} of {total} dated {noun} {verb} still planned as of {when}"
    if not unconfirmed:
        return sentence + "."
    their = "its date has" if unconfirmed == 1 else "their dates have"
    return (
        f"{sentence}; {unconfirmed} {'is' if unconfirmed == 1 else 'are'} unconfirmed: planned, "
        f"{their} passed and the plan does not report {'it' if unconfirmed == 1 else 'them'} held."
    )


def network_finding(centrality: pd.DataFrame) -> str:
    """The most connected ITU unit, from the frame of analysis.measures.network.centrality: degree
    is how many units and organisations it shares at least one activity with."""
    units = centrality[centrality["kind"] == "unit"] if not centrality.empty else centrality
    if units.empty or int(units["degree"].max()) == 0:
        return "No unit shares an activity with another unit or organisation here."
    most = int(units["degree"].max())
    top = sorted(str(label) for label in units.loc[units["degree"] == most, "label"])
    partners = "other unit or organisation" if most == 1 else "other units and organisations"
    if len(top) == 1:
        return f"{top[0]} is the most connected unit: it shares activities with {most} {partners}."
    return (
        f"{_join(top)} are the most connected units: each shares activities with {most} {partners}."
    )


def audit_finding(findings: pd.DataFrame) -> str:
    """How many points of the audit need a decision (to fix) and their most frequent check, and
    how many are only to know, from analysis.measures.audit.audit."""
    if findings.empty:
        return "The audit raises nothing on the activities shown."
    known = audit_tally(findings)["to know"]
    to_fix = needs_decision(findings)
    if to_fix.empty:
        return f"Nothing in the audit needs a decision; {_points(known)} only to know."
    to_know = f"{known} more {'is' if known == 1 else 'are'} only to know." if known else ""
    activities = to_fix["activity_id"].nunique()
    counts = to_fix["check"].value_counts(sort=False)
    most = int(counts.max())
    check = str(counts[counts == most].index[0])
    points = "point needs" if len(to_fix) == 1 else "points need"
    spread = "activity" if activities == 1 else "activities"
    return (
        f"{len(to_fix)} {points} a decision, on {activities} {spread}; "
        f"the most frequent is '{check}' ({most}). {to_know}"
    ).rstrip()


def _points(count: int) -> str:
    return "1 point is" if count == 1 else f"{count} points are"


def _format_weight(weight: float) -> str:
    return f"{weight:g}"


# A headline names at most this many activities of a kind; the Overview's table under "Activities
# without an ITU lead" lists them all (a plan 100 times the note's size has hundreds).
HEADLINE_NAMES = 4


def _name_list(rows: pd.DataFrame) -> str:
    names = [f"{row.activity_id} {row.title}" for row in rows.itertuples()]
    if len(names) > HEADLINE_NAMES:
        more = len(names) - HEADLINE_NAMES
        return ", ".join(names[:HEADLINE_NAMES]) + f" and {more} more, listed below"
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def load_headline(by_sector: pd.DataFrame, unled: pd.DataFrame, weights: LoadWeights) -> str:
    """The Overview's answer: which Sector carries most of the load (wording:
    analysis.measures.balance_words; by_sector with the Sectors out of scope dropped), and which
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


def caption(
    what: str,
    spec: FilterSpec,
    plan_label: str,
    *,
    as_of: date | None = None,
    weights: LoadWeights | None = None,
) -> str:
    """'What it shows · Filters: … · Weights: … · as of … · Plan: …. Source: …': the line under
    every chart of the pages (ui.render.caption) and of the pack (briefing.content.caption)."""
    parts = [what, f"Filters: {spec.describe()}"]
    if weights is not None:
        parts.append(f"Weights: {weights.describe()}")
    if as_of is not None:
        parts.append(f"as of {as_of:%d %B %Y}")
    parts.append(f"Plan: {plan_label}. Source: {SOURCE_DOCUMENT}.")
    return " · ".join(parts)
