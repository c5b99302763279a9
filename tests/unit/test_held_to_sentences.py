"""Every plan held to its own sentences (analysis.note.held_to_sentences): validate, the audit
and the upload of the Excel download report a role (with its note in brackets), partner or
event the plan holds that the row's sentence does not say, or that it says and the plan lacks."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]

from analysis import cli
from analysis.export import download_tables, workbook_bytes
from analysis.measures.audit import CHECK_KINDS, audit
from analysis.model import Plan
from analysis.note.held_to_sentences import (
    NOT_ITS_SENTENCE,
    HeldEvent,
    SentenceCheck,
    sentence_problems,
)
from analysis.planfile.load import BUNDLED_PLAN
from analysis.planfile.plan_csv import plan_csv_bytes

from .plan_text import plan_csv, row

References = tuple[pd.DataFrame, pd.DataFrame]


def with_cells(plan: Plan, activity_id: str, **cells: str) -> Plan:
    activities = plan.activities.copy()
    for column, value in cells.items():
        activities.loc[activities["activity_id"] == activity_id, column] = value
    return plan.replace(activities=activities)


def test_validate_names_the_c3_lead_its_sentence_does_not_give(
    tmp_path: Path, plan: Plan, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "plan.csv"
    path.write_bytes(plan_csv_bytes(with_cells(plan, "A04", lead="SPU")))
    code = cli.main(["validate", "--plan", str(path)])
    err = capsys.readouterr().err.splitlines()
    assert code == 1
    sentence = '"Lead: BDT. Assisted by TSB for standards."'
    assert err == [
        f"{path}, row 5, column 'lead': A04 (Action Line C3 (Access to Information)) is "
        f"{NOT_ITS_SENTENCE}: the lead column holds SPU as lead, which its sentence does not "
        f"say: {sentence}. Fix: " + err[0].split(" Fix: ")[1],
        f"{path}, row 5, column 'lead': A04 (Action Line C3 (Access to Information)) is "
        f"{NOT_ITS_SENTENCE}: its sentence names BDT as lead, which the lead column lacks: "
        f"{sentence}. Fix: " + err[1].split(" Fix: ")[1],
    ]
    assert cli.main(["validate", "--plan", str(BUNDLED_PLAN)]) == 0


def test_a_change_the_revisions_record_is_revised_not_a_problem(plan: Plan) -> None:
    revised = with_cells(plan, "A04", lead="SPU", revisions="2026-12-02: BDT's lead moves to SPU")
    assert sentence_problems(revised) == []
    findings = audit(revised)
    assert findings.loc[findings["activity_id"] == "A04", "check"].tolist() == ["revised roles"]
    assert CHECK_KINDS["revised roles"] == "to know"
    # A revision that names another unit does not cover this change.
    elsewhere = with_cells(revised, "A04", revisions="2026-12-02: TSB's assist is dropped")
    assert [p.column for p in sentence_problems(elsewhere)] == ["lead", "lead"]


def test_the_excel_download_with_a11_led_by_tsb_in_its_plan_sheet_is_counted_by_the_audit(
    plan: Plan, parse: Callable[..., Plan]
) -> None:
    book = load_workbook(io.BytesIO(workbook_bytes(download_tables(plan))))
    sheet = book["plan"]
    header = [cell.value for cell in sheet[1]]
    a11 = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "A11")
    assert a11[header.index("lead")].value == "BDT"
    a11[header.index("lead")].value = "TSB"  # the derived sheets left as written
    buffer = io.BytesIO()
    book.save(buffer)
    uploaded = parse(buffer.getvalue(), "wsis-plan.xlsx")
    findings = audit(uploaded)
    unsaid = findings[findings["check"] == NOT_ITS_SENTENCE]
    assert unsaid["activity_id"].tolist() == ["A11"]
    assert unsaid["detail"].tolist() == [
        "The lead column holds TSB as lead, which its sentence does not say; its sentence "
        'names BDT as lead, which the lead column lacks. The sentence: "Lead: BDT."'
    ]
    assert CHECK_KINDS[NOT_ITS_SENTENCE] == "to fix"


@pytest.mark.parametrize(
    ("cells", "found"),
    [
        ({}, []),
        ({"lead": "Sectors", "allocation_text": "Lead: BR, TSB and BDT"}, []),
        ({"assist": "TSB (general)", "allocation_text": "Lead: BDT. Assisted by TSB (general)."},
         []),
        # Notes in brackets are held to the sentence too, whatever their letter case.
        ({"assist": "TSB (general)", "allocation_text": "Lead: BDT. Assisted by TSB."},
         [("TSB", "assist", "general", "assist", "columns"),
          ("TSB", "assist", "", "assist", "sentence")]),
        ({"assist": "TSB", "allocation_text": "Lead: BDT. Assisted by TSB for standards."},
         [("TSB", "assist", "", "assist", "columns"),
          ("TSB", "assist", "for standards", "assist", "sentence")]),
        ({"assist": "TSB (For Standards)",
          "allocation_text": "Lead: BDT. Assisted by TSB for standards."}, []),
        ({"lead": "SPU", "allocation_text": "Secretariat: SPU"},
         [("SPU", "lead", "", "lead", "columns"),
          ("SPU", "lead", "Secretariat", "lead", "sentence")]),
        ({"lead": "Sectors (general)", "allocation_text": "Lead: BR, TSB and BDT"},
         [(unit, "lead", "general", "lead", "columns") for unit in ("BR", "TSB", "BDT")]
         + [(unit, "lead", "", "lead", "sentence") for unit in ("BR", "TSB", "BDT")]),
        ({"assist": "SPU"}, [("SPU", "assist", "", "assist", "columns")]),
        ({"allocation_text": "Lead: BDT, assisted by CEC"},
         [("CEC", "assist", "", "assist", "sentence")]),
        ({"partners": "WHO (focal point)", "comments": "Focal point is ILO."},
         [("WHO", "focal point", "", "partners", "columns"),
          ("ILO", "focal point", "", "partners", "sentence")]),
        ({"partners": "UNDESA (focal point)", "comments": "UN-DESA is the focal point."}, []),
        # No text to hold the roles to: nothing to say.
        ({"lead": "TSB", "allocation_text": ""}, []),
        ({"lead": "", "allocation_text": "To be decided."}, []),
    ],
)  # fmt: skip
def test_what_a_row_holds_against_what_its_sentence_says(
    reference: References, cells: dict[str, str], found: list[tuple[str, str, str, str, str]]
) -> None:
    check = SentenceCheck(*reference)
    disagreements = check.row(row(**cells))
    assert [(d.name, d.role, d.note, d.column, d.side) for d in disagreements] == found


def test_tiny_plan_rows_the_sentence_check_reads(parse: Callable[..., Plan]) -> None:
    plan = parse(plan_csv(row(), row(activity_id="X2", lead="TSB")))
    assert [(p.row, p.column) for p in sentence_problems(plan)] == [(3, "lead"), (3, "lead")]


def test_validate_names_an_assist_note_its_sentence_does_not_give(
    tmp_path: Path, plan: Plan, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "plan.csv"
    path.write_bytes(plan_csv_bytes(with_cells(plan, "A04", assist="TSB (for spectrum)")))
    assert cli.main(["validate", "--plan", str(path)]) == 1
    problems = [line.split(" Fix: ")[0] for line in capsys.readouterr().err.splitlines()]
    sentence = '"Lead: BDT. Assisted by TSB for standards."'
    assert problems == [
        f"{path}, row 5, column 'assist': A04 (Action Line C3 (Access to Information)) is "
        f"{NOT_ITS_SENTENCE}: the assist column holds TSB as assist (for spectrum), which its "
        f"sentence does not say: {sentence}.",
        f"{path}, row 5, column 'assist': A04 (Action Line C3 (Access to Information)) is "
        f"{NOT_ITS_SENTENCE}: its sentence names TSB as assist (for standards), which the assist "
        f"column lacks: {sentence}.",
    ]
    revised = with_cells(
        plan, "A04", assist="TSB (for spectrum)",
        revisions="2026-12-03: TSB's assist is for spectrum, no longer for standards",
    )  # fmt: skip
    assert sentence_problems(revised) == []


def with_event_moved(plan: Plan, activity_id: str, start: str, end: str) -> Plan:
    """The plan whose events (as Plan.events holds them) date the activity's first event anew,
    its comments left as they are."""
    events = plan.events.copy()
    first = events.index[events["activity_id"] == activity_id][0]
    events.loc[first, ["start", "end"]] = [pd.Timestamp(start), pd.Timestamp(end)]
    return plan.replace(events=events)


def test_an_event_moved_in_the_plan_but_not_in_its_comment_is_reported(plan: Plan) -> None:
    # A02 (C1): "First meeting held on 16 May."; its event now dated 20 May.
    moved = with_event_moved(plan, "A02", "2006-05-20", "2006-05-20")
    problems = sentence_problems(moved)
    sentence = '"First meeting held on 16 May."'
    assert [(p.row, p.column, p.message) for p in problems] == [
        (3, "comments", f"A02 (Action Line C1 (Role of stakeholders)) is {NOT_ITS_SENTENCE}: "
         f"the plan's events hold an event dated 2006-05-20, which its sentence does not say: "
         f"{sentence}."),
        (3, "comments", f"A02 (Action Line C1 (Role of stakeholders)) is {NOT_ITS_SENTENCE}: "
         f"its sentence names an event dated 2006-05-16, which the plan's events lack: "
         f"{sentence}."),
    ]  # fmt: skip
    findings = audit(moved)
    assert findings.loc[findings["check"] == NOT_ITS_SENTENCE, "activity_id"].tolist() == ["A02"]
    # Its place is held too: A06's meeting of 15-16 May "in Geneva", moved by a day.
    geneva = sentence_problems(with_event_moved(plan, "A06", "2006-05-15", "2006-05-17"))
    assert "an event dated 2006-05-15 – 2006-05-17 in Geneva" in geneva[0].message
    assert "an event dated 2006-05-15 – 2006-05-16 in Geneva" in geneva[1].message


@pytest.mark.parametrize(
    ("revision", "reported"),
    [
        ("2026-12-03: the first meeting moved from 16 May to 20 May", 0),
        ("2026-12-03: the first meeting was held on 2006-05-20", 1),  # the new date only
        ("2026-12-03: the meeting of 11 May was cancelled", 2),  # another date
        ("2026-12-03: UN-DESA is no longer the focal point", 2),  # no date at all
    ],
)
def test_a_recorded_event_revision_is_revised_not_a_problem(
    plan: Plan, revision: str, reported: int
) -> None:
    moved = with_event_moved(plan, "A02", "2006-05-20", "2006-05-20")
    revised = with_cells(moved, "A02", revisions=revision)
    assert len(sentence_problems(revised)) == reported


def test_events_a_row_holds_against_the_dates_of_its_comment(reference: References) -> None:
    check = SentenceCheck(*reference)
    first, second = (
        "First meeting held on 16 May in Geneva.",
        "Second meeting planned for October 2006.",
    )
    comment = f"{first} {second}"
    said = [
        HeldEvent(date(2006, 5, 16), date(2006, 5, 16), "day", "Geneva", first),
        HeldEvent(date(2006, 10, 1), date(2006, 10, 31), "month", "", second),
    ]
    assert check.row(row(comments=comment), said) == []
    in_doha = HeldEvent(date(2006, 5, 16), date(2006, 5, 16), "day", "Doha", first)
    elsewhere = [in_doha, said[1]]
    disagreements = check.row(row(comments=comment), elsewhere)
    assert [(d.name, d.side, d.sentence) for d in disagreements] == [
        ("2006-05-16 in Doha", "columns", first),
        ("2006-05-16 in Geneva", "sentence", first),
    ]
    # Without the plan's events, events are not compared; with them, one missing is named.
    assert check.row(row(comments=comment)) == []
    lacking = check.row(row(comments=comment), said[:1])
    assert [(d.name, d.side) for d in lacking] == [("2006-10", "sentence")]
