"""The one-sentence findings under each chart, checked against the 2006 document and on tiny
frames for the wording of ties, singulars and empty views."""

from __future__ import annotations

from datetime import date

import pandas as pd

from analysis.filters import FilterSpec, apply_filters
from analysis.measures.audit import audit
from analysis.measures.findings import (
    audit_finding,
    lead_finding,
    network_finding,
    scope_words,
    timeline_finding,
    workload_finding,
)
from analysis.measures.metrics import workload_by_unit
from analysis.measures.network import centrality, collaboration_graph
from analysis.measures.timeline import timeline_frame
from analysis.model import Plan

AS_OF = date(2006, 9, 13)


def _activities(*pillars: str) -> pd.DataFrame:
    return pd.DataFrame(
        {"activity_id": [f"A{n}" for n in range(len(pillars))], "pillar": list(pillars)}
    )


def _roles(*rows: tuple[str, str, str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["activity_id", "unit", "role"])


# ---------------------------------------------------------------- against the document


def test_whole_plan_findings(plan: Plan) -> None:
    # BDT leads 18 of the 54 activities (test_counts); its weighted load 18 + 10 x 0.5 = 23
    # of 78.5 is 29%, and 1/9 units is 11%.
    assert lead_finding(plan.assignments, plan.activities) == "BDT leads 18 of 54 activities."
    assert workload_finding(workload_by_unit(plan)) == (
        "BDT carries 29% of the weighted load, 18 pts above an even share of 11% among the 9 "
        "units shown."
    )
    # 46 dated events; planned: A10 (October 2006), A25 (IGF, 30 October - 2 November), A35
    # (2006, the year); unconfirmed, the text says planned but the date has passed: A06 (31 Aug/
    # 1 Sept) and A36 (26-28 July).
    events = timeline_frame(plan.events, plan.activities, plan.as_of)
    assert timeline_finding(events, plan.as_of) == (
        "3 of 46 dated events are still planned as of 13 September 2006; 2 are unconfirmed: "
        "planned, their dates have passed and the plan does not report them held."
    )
    nodes = centrality(collaboration_graph(plan))
    assert network_finding(nodes) == (
        "BDT is the most connected unit: it shares activities with 16 other units and "
        "organisations."
    )
    # 37 points: 8 to fix (no ITU lead A16, A17; joint leads A01, A19.2, A39; vague assignment
    # A18, A28, A29) and 29 to know (23 lead without assist, 3 parent rows, 3 cross-references).
    assert audit_finding(audit(plan)) == (
        "8 points need a decision, on 8 activities; the most frequent is 'joint leads' (3). "
        "29 more are only to know."
    )


def test_internet_governance_leads(plan: Plan) -> None:
    # A25 (IGF) lead TSB, A26 (public policy) lead SPU, A27 (IIC) lead TSB (Study Group 3).
    view = apply_filters(plan, FilterSpec(pillars=("Internet Governance",)))
    assert lead_finding(view.assignments, view.activities) == (
        "TSB leads 2 of 3 Internet Governance activities."
    )


def test_empty_view(plan: Plan) -> None:
    view = apply_filters(
        plan, FilterSpec(units=("BR",), pillars=("UN system-wide implementation",))
    )
    assert lead_finding(view.assignments, view.activities) == "No activity matches these filters."
    assert workload_finding(workload_by_unit(view)) == (
        "No unit carries any load under these filters."
    )
    events = timeline_frame(view.events, view.activities, plan.as_of)
    assert timeline_finding(events, plan.as_of) == "No dated event in the activities shown."
    assert network_finding(centrality(collaboration_graph(view))).startswith("No unit shares")
    assert audit_finding(audit(view)) == "The audit raises nothing on the activities shown."


# ---------------------------------------------------------------- wording


def test_scope_names_a_single_pillar() -> None:
    assert scope_words(_activities("Internet Governance")) == "Internet Governance activities"
    assert scope_words(_activities("Internet Governance", "Other")) == "activities"


def test_lead_ties_and_no_leads() -> None:
    activities = _activities("P", "P")
    tied = _roles(("A0", "TSB", "lead"), ("A1", "BDT", "lead"), ("A1", "SPU", "assist"))
    assert lead_finding(tied, activities) == "BDT and TSB each lead 1 of 2 P activities."
    assists_only = _roles(("A0", "TSB", "assist"))
    assert (
        lead_finding(assists_only, activities) == "No unit leads any of the 2 P activities shown."
    )


def test_joint_lead_counts_for_each_unit() -> None:
    joint = _roles(("A0", "SPU", "lead"), ("A0", "CEC", "lead"), ("A1", "SPU", "lead"))
    assert lead_finding(joint, _activities("P", "P")) == "SPU leads 2 of 2 P activities."


def test_workload_single_unit() -> None:
    by_unit = pd.DataFrame({"unit": ["BDT"], "weighted_load": [3.0]})
    assert workload_finding(by_unit) == "BDT is the only unit with a role under these filters."


def test_timeline_singular() -> None:
    events = pd.DataFrame({"status": ["planned"]})
    assert timeline_finding(events, AS_OF) == (
        "1 of 1 dated event is still planned as of 13 September 2006."
    )
    held = pd.DataFrame({"status": ["held", "held"]})
    assert timeline_finding(held, date(2006, 5, 1)) == (
        "0 of 2 dated events are still planned as of 1 May 2006."
    )
    one_unconfirmed = pd.DataFrame({"status": ["held", "unconfirmed"]})
    assert timeline_finding(one_unconfirmed, AS_OF) == (
        "0 of 2 dated events are still planned as of 13 September 2006; 1 is unconfirmed: "
        "planned, its date has passed and the plan does not report it held."
    )


def test_network_ignores_organisations_and_names_ties() -> None:
    nodes = pd.DataFrame(
        {
            "label": ["ITU", "BDT", "TSB", "UNESCO"],
            "kind": ["organisation", "unit", "unit", "organisation"],
            "degree": [9, 4, 4, 1],
        }
    )
    assert network_finding(nodes) == (
        "BDT and TSB are the most connected units: each shares activities with 4 other units "
        "and organisations."
    )
    one = pd.DataFrame({"label": ["BR"], "kind": ["unit"], "degree": [1]})
    assert network_finding(one) == (
        "BR is the most connected unit: it shares activities with 1 other unit or organisation."
    )


def test_audit_most_frequent_check() -> None:
    findings = pd.DataFrame(
        {
            "activity_id": ["A1", "A1", "A2"],
            "check": ["joint leads", "lead without assist", "lead without assist"],
        }
    )
    assert audit_finding(findings) == (
        "1 point needs a decision, on 1 activity; the most frequent is 'joint leads' (1). "
        "2 more are only to know."
    )
    to_know = findings[findings["check"] == "lead without assist"]
    assert audit_finding(to_know) == (
        "Nothing in the audit needs a decision; 2 points are only to know."
    )
    vague = pd.DataFrame({"activity_id": ["A1", "A2"], "check": ["vague assignment"] * 2})
    assert audit_finding(vague) == (
        "2 points need a decision, on 2 activities; the most frequent is 'vague assignment' (2)."
    )
