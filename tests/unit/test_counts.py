"""Every figure the dashboard shows, asserted against the 2006 document.

Each expected number carries a comment saying how it was counted by hand from
data/source/wsis-implementation-plan-2006.txt under the readings of docs/counting-rules.md.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date

import pandas as pd
import pytest

from analysis.filters import FILTERS, FilterSpec, apply_filters
from analysis.measures.audit import CHECKS, audit, audit_counts, audit_tally, needs_decision
from analysis.measures.matrix import matrix_by_group, responsibility_cells, responsibility_matrix
from analysis.measures.metrics import (
    LoadWeights,
    balance,
    gini,
    headline_counts,
    workload_by_sector,
    workload_by_unit,
)
from analysis.measures.network import centrality, collaboration_graph, layout
from analysis.measures.timeline import TIMELINE_COLUMNS, timeline_frame
from analysis.model import Plan

# ---------------------------------------------------------------- activities


def test_activity_count(plan: Plan) -> None:
    # 41 table rows under the four headings; the "C7, Theme eLearning: See C4 above" row is a
    # cross-reference (rule 3), leaving 40 activities. Sub-activities (rule 2): 6 C6 topics +
    # 5 Tunis paragraphs + 2 indices + Connect the World = 14. 40 + 14 = 54.
    assert len(plan.activities) == 54
    assert (plan.activities["parent_id"] == "").sum() == 40
    assert (plan.activities["parent_id"] != "").sum() == 14


@pytest.mark.parametrize(
    ("parent", "children"),
    [
        # "-- e-Commerce" ... "-- Spectrum management": six topics naming their own lead.
        ("A07", 6),
        # "26(g) and 90", "91", "92", "59", "93" under the Tunis Agenda row.
        ("A19", 5),
        # "ICT Opportunity Index, Lead: BDT" and "Digital Opportunity Index, Lead: SPU".
        ("A37", 2),
        # "Connect the World, lead CEC" under Multistakeholder partnership.
        ("A35", 1),
    ],
)
def test_sub_activities(plan: Plan, parent: str, children: int) -> None:
    assert (plan.activities["parent_id"] == parent).sum() == children


@pytest.mark.parametrize(
    ("pillar", "count"),
    [
        # Facilitators meeting, C1-C6 (C4 row carries eLearning), 6 C6 topics, 7 C7 rows
        # (eLearning is a cross-reference), C8-C11, Tunis row + 5 paragraphs: 19 + 11 = 30.
        ("Multi-stakeholder implementation", 30),
        # UN GIS, ECOSOC report, CSTD, UNGA report, ECOSOC follow-up.
        ("UN system-wide implementation", 5),
        # IGF, Public Policy Development Process, International Internet Connectivity.
        ("Internet Governance", 3),
        # Council WG-WSIS ... UN Global Alliance: 13 rows + Connect the World + 2 indices.
        ("Other implementation issues", 16),
    ],
)
def test_activities_per_pillar(plan: Plan, pillar: str, count: int) -> None:
    assert (plan.activities["pillar"] == pillar).sum() == count


def test_activities_without_lead(plan: Plan) -> None:
    # C6 and the Tunis row and Composite Indices name no lead of their own (their items do);
    # C9 and C10 say "No ITU lead nominated".
    led = set(plan.assignments.loc[plan.assignments["role"] == "lead", "activity_id"])
    unled = sorted(set(plan.activities["activity_id"]) - led)
    assert unled == ["A07", "A16", "A17", "A19", "A37"]


@pytest.mark.parametrize(
    ("activity_id", "units"),
    [
        ("A01", ["SPU", "CEC"]),  # "Lead: SPU, CEC."
        ("A19.2", ["TSB", "BDT"]),  # "91: ... (TSB and BDT)"
        ("A39", ["CEC", "WSIS-ES"]),  # "Lead: CEC, WSIS-ES Executive Director."
    ],
)
def test_joint_leads(plan: Plan, activity_id: str, units: list[str]) -> None:
    leads = plan.assignments[plan.assignments["role"] == "lead"]
    per_activity = leads.groupby("activity_id")["unit"].agg(list)
    assert per_activity[activity_id] == units
    assert sorted(per_activity[per_activity.map(len) > 1].index) == ["A01", "A19.2", "A39"]


# ---------------------------------------------------------------- roles per unit

LEADS = [
    # C1, C2, C3, C4; C6 e-Commerce, Regulatory issues, National e-Strategies, Financing SMEs;
    # C7 eGovernment, eBusiness, eHealth, eEmployment, eEnvironment, Agriculture; Tunis para 91
    # (joint with TSB); Multistakeholder partnership; Measuring ICT; ICT Opportunity Index = 18.
    ("BDT", 18),
    # C5; C8 ("TSB, assisted by BDT"); Tunis 26(g)/90, 91, 92, 59, 93; IGF; IIC = 9.
    ("TSB", 9),
    # C6 Spectrum management; C7 eScience = 2.
    ("BR", 2),
    # Facilitators meeting (joint with CEC); C6 Countering spam; Public Policy Development;
    # Council WG-WSIS ("Secretariat: SPU"); stocktaking; World Information Society Report;
    # Digital Opportunity Index = 7.
    ("SPU", 7),
    # Facilitators meeting; C11; UN GIS; ECOSOC report; CSTD; UNGA report; ECOSOC follow-up;
    # website; archiving; Connect the World; WIS Day; NGO coordination; UN Global Alliance = 13.
    ("CEC", 13),
    # Outcome documents; E-Flash; NGO coordination (Executive Director) = 3.
    ("WSIS-ES", 3),
    ("GS", 0),
    ("Libraries and Archives Services", 0),
    ("WSIS content team", 0),
]
ASSISTS = [
    # C5; Countering spam; Spectrum management; C8; C11 ("Sectors"); IGF; Public Policy;
    # IIC; Council WG-WSIS ("Sectors"); stocktaking ("BDT and sectors": BDT once) = 10.
    ("BDT", 10),
    # C2; C3 ("for standards"); Regulatory issues; Countering spam; eBusiness; eHealth;
    # eEnvironment; eScience; C11 (Sectors); Public Policy; Council WG (Sectors);
    # stocktaking (sectors) = 12.
    ("TSB", 12),
    # C2; eEnvironment; C11 (Sectors); Council WG (Sectors); stocktaking (sectors) = 5.
    ("BR", 5),
    # C1; C2 (stocktaking); C5; Regulatory issues; Spectrum management; eHealth; UN GIS; CSTD;
    # IGF; IIC; website; outcome documents; E-Flash; Measuring ICT = 14.
    ("SPU", 14),
    # C1; C2 (general); outcome documents (Coordination Unit); E-Flash = 4.
    ("CEC", 4),
    # Facilitators meeting (logistics); IGF (Executive Director, focal point for Greece);
    # stocktaking; archiving = 4.
    ("WSIS-ES", 4),
    # Council WG-WSIS: "Focal points in Sectors and GS" = 1.
    ("GS", 1),
    # WSIS archiving, twice.
    ("Libraries and Archives Services", 1),
    ("WSIS content team", 1),
]


def _count(plan: Plan, role: str, column: str, value: str) -> int:
    assignments = plan.assignments
    return int(((assignments["role"] == role) & (assignments[column] == value)).sum())


@pytest.mark.parametrize(("unit", "expected"), LEADS)
def test_leads_per_unit(plan: Plan, unit: str, expected: int) -> None:
    assert _count(plan, "lead", "unit", unit) == expected


@pytest.mark.parametrize(("unit", "expected"), ASSISTS)
def test_assists_per_unit(plan: Plan, unit: str, expected: int) -> None:
    assert _count(plan, "assist", "unit", unit) == expected


def test_role_totals(plan: Plan) -> None:
    # 18+9+2+7+13+3 = 52 leads; 10+12+5+14+4+4+1+1+1 = 52 assists.
    assert sum(count for _, count in LEADS) == 52 == _count(plan, "lead", "role", "lead")
    assert sum(count for _, count in ASSISTS) == 52 == _count(plan, "assist", "role", "assist")
    assert len(plan.assignments) == 104


@pytest.mark.parametrize(
    ("sector", "leads", "assists"),
    [
        ("ITU-D", 18, 10),  # BDT
        ("ITU-T", 9, 12),  # TSB
        ("ITU-R", 2, 5),  # BR
        # SPU 7 + CEC 13 + WSIS-ES 3 leads; SPU 14 + CEC 4 + WSIS-ES 4 + GS, Libraries,
        # content team 1 each = 25 assists.
        ("General Secretariat", 23, 25),
    ],
)
def test_roles_per_sector(plan: Plan, sector: str, leads: int, assists: int) -> None:
    assert _count(plan, "lead", "sector", sector) == leads
    assert _count(plan, "assist", "sector", sector) == assists
    row = workload_by_sector(plan).set_index("sector").loc[sector]
    assert (row["lead"], row["assist"]) == (leads, assists)


@pytest.mark.parametrize(
    ("activity_id", "unit", "via"),
    [
        ("A18", "BR", "Sectors"),  # "Assisted by  Sectors." expands to BR, TSB, BDT
        ("A18", "BDT", "Sectors"),
        ("A29", "BDT", ""),  # "BDT and sectors": BDT is named outright and counted once
        ("A29", "TSB", "Sectors"),
        ("A28", "GS", ""),
    ],
)
def test_group_expansion(plan: Plan, activity_id: str, unit: str, via: str) -> None:
    rows = plan.assignments[
        (plan.assignments["activity_id"] == activity_id) & (plan.assignments["unit"] == unit)
    ]
    assert list(rows["via"]) == [via]


@pytest.mark.parametrize(
    ("activity_id", "unit", "note"),
    [
        ("A03", "BR", "for standardization issues"),
        ("A03", "TSB", "for standardization issues"),
        ("A03", "SPU", "for stocktaking"),
        ("A03", "CEC", "general"),
        ("A01", "WSIS-ES", "logistics"),
        ("A27", "TSB", "Study Group 3"),
        ("A31", "CEC", "Coordination Unit"),
        ("A39", "WSIS-ES", "Executive Director"),
    ],
)
def test_qualifiers_kept_as_notes(plan: Plan, activity_id: str, unit: str, note: str) -> None:
    rows = plan.assignments[
        (plan.assignments["activity_id"] == activity_id) & (plan.assignments["unit"] == unit)
    ]
    assert list(rows["note"]) == [note]


# ---------------------------------------------------------------- partners


@pytest.mark.parametrize(
    ("organisation", "role", "expected"),
    [
        # "with ITU as co-facilitator": C1, C3, C4, C6, eGovernment, eBusiness, eHealth,
        # eEmployment, eEnvironment, Agriculture, eScience, C11 = 12.
        ("ITU", "co-facilitator", 12),
        ("ITU", "focal point", 2),  # C2 "ITU is focal point"; C5 "ITU is focal point and ..."
        ("ITU", "sole facilitator", 1),  # C5 "sole-facilitator"
        ("UNESCO", "focal point", 5),  # C3, eScience, C8, C9, C10
        ("UNESCO", "partner", 2),  # C8 "co-organised"; Measuring ICT "Joint ITU/UNESCO/UNCTAD"
        ("UNESCO", "coordination", 1),  # facilitators meeting "Close coordination with ..."
        ("UNDP", "focal point", 2),  # C4, C6
        ("UNDP", "coordination", 1),
        ("UN-DESA", "focal point", 3),  # C1 "UN-DESA", eGovernment "UNDESA", C11 "UN-DESA"
        ("UNCTAD", "focal point", 1),  # eBusiness
        ("UNCTAD", "partner", 2),  # World Information Society Report; Measuring ICT workshop
        ("KADO", "partner", 1),
        ("APC", "co-facilitator", 1),  # C2 "assisted by APC as co-facilitator"
        ("WHO", "focal point", 1),
        ("ILO", "focal point", 1),
        ("WMO", "focal point", 1),
        ("FAO", "focal point", 1),
    ],
)
def test_partner_roles(plan: Plan, organisation: str, role: str, expected: int) -> None:
    partners = plan.partners
    hits = (partners["organisation"] == organisation) & (partners["role"] == role)
    assert int(hits.sum()) == expected


def test_partner_total(plan: Plan) -> None:
    # ITU 15 + UNESCO 8 + UNDP 3 + UN-DESA 3 + UNCTAD 3 + WHO, ILO, WMO, FAO, APC, KADO 6 = 38.
    assert len(plan.partners) == 38
    assert plan.partners["organisation"].nunique() == 11


# ---------------------------------------------------------------- events


def test_event_counts(plan: Plan) -> None:
    # Counted sentence by sentence in the comments column (see test_dates for each form):
    # 2+1+2+1+2+1+4+2+1+3+1+2+1+1+4+1+1+3+1+2+1+1+2+3+2+1 = 46. As of 13 September 2006:
    # planned: eHealth "to be held in October 2006" (A10), the IGF in Athens "30 October –
    # 2 November" (A25, after the as-of date), the Connect the World pavilion "to be organised at
    # ITU TELECOM World 2006" (A35; the year has not ended). Unconfirmed, the text says planned
    # but the date has passed and no sentence reports it held: the WTDC Res. 45 meeting "is
    # planned for 31 Aug/1 Sept" (A06) and the Bangkok workshop "to be held ... 26-28 July" (A36).
    assert len(plan.events) == 46
    counts = plan.events["status"].value_counts().to_dict()
    assert counts == {"held": 41, "planned": 3, "unconfirmed": 2}
    planned = plan.events[plan.events["status"] == "planned"]
    assert sorted(planned["activity_id"]) == ["A10", "A25", "A35"]
    unconfirmed = plan.events[plan.events["status"] == "unconfirmed"]
    assert sorted(unconfirmed["date_text"]) == ["26-28 July", "31 Aug/1 Sept"]


def test_as_of(plan: Plan) -> None:
    # "10th meeting held 12-13 September 2006" is the latest occurrence reported as held.
    assert plan.as_of == date(2006, 9, 13)


def test_headline_counts(plan: Plan) -> None:
    assert headline_counts(plan) == {
        "activities": 54,
        "led": 49,
        "unassigned": 5,
        "units": 9,
        "organisations": 11,
        "events_held": 41,
        "events_planned": 3,
        "events_unconfirmed": 2,
    }


# ---------------------------------------------------------------- weighted load and balance


@pytest.mark.parametrize(
    ("weights", "unit", "lead_credit", "weighted"),
    [
        (LoadWeights(), "BDT", 18.0, 23.0),  # 18 + 10 * 0.5
        (LoadWeights(), "TSB", 9.0, 15.0),  # 9 + 12 * 0.5
        (LoadWeights(), "CEC", 13.0, 15.0),  # 13 + 4 * 0.5
        (LoadWeights(), "SPU", 7.0, 14.0),  # 7 + 14 * 0.5
        (LoadWeights(), "GS", 0.0, 0.5),
        # Split: para 91 gives BDT and TSB half a lead each; the facilitators meeting gives SPU
        # and CEC half each; NGO coordination gives CEC and WSIS-ES half each.
        (LoadWeights(split_joint_leads=True), "BDT", 17.5, 22.5),
        (LoadWeights(split_joint_leads=True), "TSB", 8.5, 14.5),
        (LoadWeights(split_joint_leads=True), "CEC", 12.0, 14.0),
        (LoadWeights(split_joint_leads=True), "SPU", 6.5, 13.5),
        (LoadWeights(split_joint_leads=True), "WSIS-ES", 2.5, 4.5),
        (LoadWeights(lead=2, assist=1), "BDT", 18.0, 46.0),  # 18 * 2 + 10
        (LoadWeights(lead=1, assist=0), "GS", 0.0, 0.0),
    ],
)
def test_weighted_load(
    plan: Plan, weights: LoadWeights, unit: str, lead_credit: float, weighted: float
) -> None:
    row = workload_by_unit(plan, weights).set_index("unit").loc[unit]
    assert row["lead_credit"] == pytest.approx(lead_credit)
    assert row["weighted_load"] == pytest.approx(weighted)


def test_split_keeps_total_lead_credit_per_activity(plan: Plan) -> None:
    # Splitting shares credit, it does not lose any: 49 led activities, one credit each.
    split = workload_by_unit(plan, LoadWeights(split_joint_leads=True))
    assert split["lead_credit"].sum() == pytest.approx(49.0)
    assert workload_by_unit(plan)["lead_credit"].sum() == pytest.approx(52.0)


def test_workload_order_and_shares(plan: Plan) -> None:
    by_unit = workload_by_unit(plan)
    assert list(by_unit["unit"][:4]) == ["BDT", "CEC", "TSB", "SPU"]  # 23, 15, 15 (13 leads), 14
    assert by_unit["share"].sum() == pytest.approx(1.0)
    assert by_unit.set_index("unit").loc["BDT", "activities"] == 28  # 18 led + 10 assisted
    by_sector = workload_by_sector(plan)
    assert list(by_sector["sector"]) == ["ITU-R", "ITU-T", "ITU-D", "General Secretariat"]
    assert list(by_sector["weighted_load"]) == pytest.approx([4.5, 15.0, 23.0, 35.5])
    assert list(by_sector["units"]) == [1, 1, 1, 6]


def _gini_by_pairs(values: list[float]) -> float:
    # The textbook definition, independent of metrics.gini's sorted-rank formula.
    count, total = len(values), sum(values)
    return sum(abs(a - b) for a in values for b in values) / (2 * count * total)


def test_balance_indicators(plan: Plan) -> None:
    loads = [23.0, 15.0, 15.0, 14.0, 5.0, 4.5, 0.5, 0.5, 0.5]  # total 78 = 52 + 52 * 0.5
    result = balance(workload_by_unit(plan), workload_by_sector(plan))
    assert result.largest_units == ("BDT",)
    assert result.largest_unit_share == pytest.approx(23 / 78)
    assert result.largest_sectors == ("General Secretariat",)
    assert result.largest_sector_share == pytest.approx(35.5 / 78)
    assert result.units_counted == 9
    assert result.max_to_mean_units == pytest.approx(23 / (78 / 9))
    assert result.gini_units == pytest.approx(_gini_by_pairs(loads))
    assert result.reading().startswith("BDT carries 29% of the weighted load")


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([1.0, 1.0, 1.0], 0.0),
        ([0.0, 0.0, 3.0], 2 / 3),
        ([1.0, 2.0, 3.0, 4.0], _gini_by_pairs([1.0, 2.0, 3.0, 4.0])),
        ([], 0.0),
        ([0.0, 0.0], 0.0),
    ],
)
def test_gini(values: list[float], expected: float) -> None:
    assert gini(pd.Series(values, dtype=float)) == pytest.approx(expected)


def test_balance_of_nothing(plan: Plan) -> None:
    empty = apply_filters(plan, FilterSpec(units=("GS",), roles=("lead",)))
    result = balance(workload_by_unit(empty), workload_by_sector(empty))
    assert result.units_counted == 0
    assert result.reading() == "No unit carries any load under these filters."


# ---------------------------------------------------------------- matrix


def test_matrix_shape_and_letters(plan: Plan) -> None:
    matrix = responsibility_matrix(plan)
    assert matrix.shape == (9, 54)
    assert list(matrix.index) == [
        "BR", "TSB", "BDT", "SPU", "CEC", "WSIS-ES", "GS",
        "Libraries and Archives Services", "WSIS content team",
    ]  # fmt: skip
    letters = pd.Series(matrix.to_numpy().ravel()).value_counts().to_dict()
    assert letters == {"": 9 * 54 - 104, "L": 52, "A": 52}
    assert matrix.loc["TSB", "A19.2"] == matrix.loc["BDT", "A19.2"] == "L"
    assert matrix.loc["WSIS-ES", "A25"] == "A"
    assert (matrix["A16"] == "").all()  # C9: no ITU lead nominated
    assert len(responsibility_cells(plan)) == 104


@pytest.mark.parametrize(
    ("by", "unit", "group", "label"),
    [
        # BDT in the first pillar: leads C1-C4, 4 C6 topics, 6 C7 rows, para 91 = 15;
        # assists C5, Countering spam, Spectrum management, C8, C11 = 5.
        ("pillar", "BDT", "Multi-stakeholder implementation", "15L 5A"),
        ("pillar", "TSB", "Internet Governance", "2L 1A"),  # leads IGF, IIC; assists PPDP
        ("action_line", "BDT", "C7", "7L"),  # C4 row (eLearning) + 6 C7 rows
        ("action_line", "TSB", "C7", "4A"),  # eBusiness, eHealth, eEnvironment, eScience
        ("action_line", "SPU", "C6", "1L 2A"),  # leads spam; assists Regulatory, Spectrum
    ],
)
def test_matrix_by_group(plan: Plan, by: str, unit: str, group: str, label: str) -> None:
    grouped = matrix_by_group(plan, by)  # type: ignore[arg-type]
    row = grouped[(grouped["unit"] == unit) & (grouped["group"] == group)]
    assert list(row["label"]) == [label]


# ---------------------------------------------------------------- audit


@pytest.mark.parametrize(
    ("check", "activities"),
    [
        ("no ITU lead", ["A16", "A17"]),  # C9, C10
        ("parent without own lead", ["A07", "A19", "A37"]),
        ("joint leads", ["A01", "A19.2", "A39"]),
        ("vague assignment", ["A18", "A28", "A29"]),  # "Sectors", "Sectors and GS", "sectors"
        ("cross-reference", ["A05", "A07", "A19"]),
    ],
)
def test_audit_checks(plan: Plan, check: str, activities: list[str]) -> None:
    findings = audit(plan)
    assert sorted(findings.loc[findings["check"] == check, "activity_id"]) == activities


def test_audit_counts(plan: Plan) -> None:
    table = audit_counts(audit(plan))
    counts = table.set_index("check")["activities"].to_dict()
    # Lead without assist: 49 led activities, of which 26 name an assisting unit.
    assert counts == {
        "no ITU lead": 2,
        "joint leads": 3,
        "vague assignment": 3,
        "parent without own lead": 3,
        "lead without assist": 23,
        "cross-reference": 3,
        "revised roles": 0,  # the bundled plan has no revisions column
        "not what its sentence says": 0,  # every row's columns say what its sentence says
    }
    assert sorted(counts) == sorted(CHECKS)
    # The checks that need a decision first; "Nothing to fix" ones and "lead without assist"
    # are only to know.
    assert table["kind"].tolist() == ["to fix"] * 4 + ["to know"] * 4


def test_audit_split_into_to_fix_and_to_know(plan: Plan) -> None:
    findings = audit(plan)
    # 37 points: 2 + 3 + 3 to fix; 3 + 23 + 3 to know.
    assert audit_tally(findings) == {"to fix": 8, "to know": 29}
    decide = needs_decision(findings)
    assert decide["activity_id"].tolist() == [
        "A01", "A16", "A17", "A18", "A19.2", "A28", "A29", "A39"
    ]  # fmt: skip
    assert set(decide["check"]) == {"no ITU lead", "joint leads", "vague assignment"}
    assert list(decide.columns) == list(findings.columns)


# ---------------------------------------------------------------- network


def test_network(plan: Plan) -> None:
    graph = collaboration_graph(plan)
    # 9 units + 11 organisations.
    assert graph.number_of_nodes() == 20
    nodes = centrality(graph)
    assert len(nodes) == 20
    assert nodes["betweenness"].between(0, 1).all()
    assert nodes.iloc[0]["label"] == "BDT"  # the unit in the most activities (28)
    activities = nodes.set_index("label")["activities"]
    assert activities["BDT"] == 28
    assert activities["UNESCO"] == 7  # 8 roles, two of them on C8
    # Libraries and Archives Services only meets the other archiving units.
    assert nodes.set_index("label").loc["Libraries and Archives Services", "degree"] == 3
    assert graph["unit:SPU"]["unit:CEC"]["weight"] >= 1


def test_layout_is_deterministic(plan: Plan) -> None:
    first = layout(collaboration_graph(plan))
    second = layout(collaboration_graph(plan))
    assert first == second
    assert set(first) == set(collaboration_graph(plan).nodes)


# ---------------------------------------------------------------- timeline


def test_timeline_frame(plan: Plan) -> None:
    frame = timeline_frame(plan.events, plan.activities, plan.as_of)
    assert list(frame.columns) == TIMELINE_COLUMNS
    assert len(frame) == 46
    assert frame["start"].is_monotonic_increasing
    # Month or year precision: October 2006, April, July 2006, November 2005 (x3), February
    # 2006, January 2006, May, June 2006 (x2), 2006, March 2006, May 2006 = 14.
    assert int(frame["approximate"].sum()) == 14
    # Day ranges: 15-16 May, 31 Aug/1 Sept, 9-11 May, 27-28 Feb, May 15-19, 16-17 February,
    # 22-23 May, 30 October - 2 November, 12-13 September, 26-28 July = 10; 46 - 14 - 10 = 22.
    assert frame["shape"].value_counts().to_dict() == {"range": 24, "day": 22}
    assert (frame["draw_end"] > frame["end"]).all()


@pytest.mark.parametrize(
    ("as_of", "planned", "unconfirmed"),
    [
        (date(2006, 9, 13), 3, 2),
        # At the year's end, of the four the text calls planned, only the year-long TELECOM
        # World 2006 pavilion has not ended; the other three are unconfirmed.
        (date(2006, 12, 31), 1, 3),
        (date(2005, 1, 1), 46, 0),
    ],
)
def test_timeline_as_of(plan: Plan, as_of: date, planned: int, unconfirmed: int) -> None:
    frame = timeline_frame(plan.events, plan.activities, as_of)
    assert int((frame["status"] == "planned").sum()) == planned
    assert int((frame["status"] == "unconfirmed").sum()) == unconfirmed


def test_timeline_empty(plan: Plan) -> None:
    frame = timeline_frame(plan.events.iloc[0:0], plan.activities, plan.as_of)
    assert list(frame.columns) == TIMELINE_COLUMNS
    assert frame.empty


# ---------------------------------------------------------------- filters

FILTER_CASES = [
    (FilterSpec(), 54, None),
    (FilterSpec(pillars=("Internet Governance",)), 3, ["A25", "A26", "A27"]),
    (FilterSpec(themes=("C7",)), 8, None),  # C4 row (eLearning) + 7 C7 rows
    (FilterSpec(themes=("C7 · eLearning",)), 1, ["A05"]),
    (FilterSpec(themes=("C6 · Countering spam",)), 1, ["A07.5"]),
    (FilterSpec(themes=("C6",)), 7, None),  # the C6 row and its six topics
    (FilterSpec(themes=("C9", "C10")), 2, ["A16", "A17"]),
    # BR leads Spectrum, eScience; assists C2, eEnvironment, C11, Council WG, stocktaking.
    (FilterSpec(sectors=("ITU-R",)), 7, ["A03", "A07.6", "A12", "A14", "A18", "A28", "A29"]),
    (FilterSpec(units=("BR",), roles=("lead",)), 2, ["A07.6", "A14"]),
    (FilterSpec(units=("WSIS-ES",)), 7, ["A01", "A25", "A29", "A31", "A33", "A34", "A39"]),
    (FilterSpec(units=("BDT", "TSB"), roles=("lead",)), 26, None),  # 18 + 9 - para 91
    (FilterSpec(organisations=("UNESCO",)), 7, ["A01", "A04", "A14", "A15", "A16", "A17", "A36"]),
    (FilterSpec(organisations=("KADO",)), 1, ["A32"]),
    (FilterSpec(roles=("assist",)), 26, None),
    (FilterSpec(units=("BDT",), pillars=("Internet Governance",)), 3, ["A25", "A26", "A27"]),
    (FilterSpec(statuses=("planned",)), 54, None),  # statuses select events, not activities
    (FilterSpec(date_from=date(2006, 5, 1), date_to=date(2006, 5, 31)), 54, None),
]


@pytest.mark.parametrize(("spec", "count", "ids"), FILTER_CASES)
def test_filter_activities(plan: Plan, spec: FilterSpec, count: int, ids: list[str] | None) -> None:
    selected = apply_filters(plan, spec)
    assert len(selected.activities) == count
    if ids is not None:
        assert sorted(selected.activities["activity_id"]) == ids
    kept = set(selected.activities["activity_id"])
    for frame in (selected.assignments, selected.partners, selected.events, selected.themes):
        assert set(frame["activity_id"]) <= kept


@pytest.mark.parametrize(
    ("spec", "assignments", "partners", "events"),
    [
        (FilterSpec(), 104, 38, 46),
        # BDT's 28 activities: only its own 28 roles are kept; 14 of them have two partner
        # roles each; their comments hold 25 events.
        (FilterSpec(units=("BDT",)), 28, 28, 25),
        # 49 led activities: C6 (2 partners, 1 event), C9 and C10 (1 partner each) and
        # Composite Indices (3 events) drop out.
        (FilterSpec(roles=("lead",)), 52, 34, 42),
        # UNESCO's 7 activities: 3 + 2 + 2 + 2 + 0 + 0 + 2 unit roles; only UNESCO's 8 partner
        # roles; events of the facilitators meeting, C8 and Measuring ICT (2 each).
        (FilterSpec(organisations=("UNESCO",)), 11, 8, 6),
        (FilterSpec(statuses=("planned",)), 104, 38, 3),
        (FilterSpec(statuses=("unconfirmed",)), 104, 38, 2),  # 31 Aug/1 Sept, 26-28 July
        (FilterSpec(statuses=("held",)), 104, 38, 41),
        # May 2006: 16 day events in May + "May" + "May 2006" + the "2006" year event = 19.
        (FilterSpec(date_from=date(2006, 5, 1), date_to=date(2006, 5, 31)), 104, 38, 19),
        # After the as-of date: eHealth in October, the IGF in Athens, TELECOM World 2006.
        (FilterSpec(date_from=date(2006, 9, 14)), 104, 38, 3),
    ],
)
def test_filter_rows(
    plan: Plan, spec: FilterSpec, assignments: int, partners: int, events: int
) -> None:
    selected = apply_filters(plan, spec)
    assert (len(selected.assignments), len(selected.partners), len(selected.events)) == (
        assignments,
        partners,
        events,
    )


@pytest.mark.parametrize(
    ("spec", "text"),
    [
        (FilterSpec(), "no filters (the whole plan)"),
        (FilterSpec(units=("BDT",)), "unit: BDT"),
        (FilterSpec(units=("BDT", "TSB"), roles=("lead",)), "units: BDT, TSB; role: lead"),
        (FilterSpec(sectors=("ITU-D",)), "Sector: ITU-D"),
        (FilterSpec(sectors=("General Secretariat",)), "the General Secretariat"),
        (
            FilterSpec(sectors=("ITU-T", "ITU-D", "General Secretariat")),
            "Sectors: ITU-T, ITU-D and the General Secretariat",
        ),
        (FilterSpec(pillars=("Internet Governance",)), "pillar: Internet Governance"),
        (FilterSpec(themes=("C7", "C6 · Countering spam")), "themes: C7, C6 · Countering spam"),
        (FilterSpec(organisations=("UNESCO",)), "organisation: UNESCO"),
        (FilterSpec(statuses=("planned",)), "event status: planned"),
        (FilterSpec(statuses=("held", "planned")), "event statuses: held, planned"),
        (FilterSpec(date_from=date(2006, 5, 1)), "events 2006-05-01 to …"),
        (
            FilterSpec(date_from=date(2006, 5, 1), date_to=date(2006, 5, 31)),
            "events 2006-05-01 to 2006-05-31",
        ),
        (FilterSpec(date_to=date(2006, 5, 31)), "events … to 2006-05-31"),
    ],
)
def test_filter_describe(spec: FilterSpec, text: str) -> None:
    assert spec.describe() == text


def test_every_chosen_filter_has_one_row_in_the_table() -> None:
    """The sidebar, the URL, the CLI and describe() read FILTERS: a FilterSpec field without a
    row would be a filter no one can set."""
    chosen = [f.name for f in fields(FilterSpec) if f.name not in ("date_from", "date_to")]
    assert [choice.field for choice in FILTERS] == chosen
    assert len({choice.param for choice in FILTERS}) == len(FILTERS)
    assert len({choice.flag for choice in FILTERS}) == len(FILTERS)


def test_filter_leaves_plan_unchanged(plan: Plan) -> None:
    before = plan.activities.copy()
    apply_filters(plan, FilterSpec(units=("BDT",), statuses=("held",)))
    pd.testing.assert_frame_equal(plan.activities, before)
