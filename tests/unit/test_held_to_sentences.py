"""Every plan held to its own sentences (analysis.note.held_to_sentences): validate, the audit
and the upload of the Excel download report a role or partner the columns hold that the row's
sentence does not say, or that it says and the columns lack."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]

from analysis import cli
from analysis.export import download_tables, workbook_bytes
from analysis.measures.audit import CHECK_KINDS, audit
from analysis.model import Plan
from analysis.note.held_to_sentences import NOT_ITS_SENTENCE, SentenceCheck, sentence_problems
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
        ({"assist": "TSB (general)", "allocation_text": "Lead: BDT. Assisted by TSB."}, []),
        ({"assist": "SPU"}, [("SPU", "assist", "assist", "columns")]),
        ({"allocation_text": "Lead: BDT, assisted by CEC"},
         [("CEC", "assist", "assist", "sentence")]),
        ({"partners": "WHO (focal point)", "comments": "Focal point is ILO."},
         [("WHO", "focal point", "partners", "columns"),
          ("ILO", "focal point", "partners", "sentence")]),
        ({"partners": "UNDESA (focal point)", "comments": "UN-DESA is the focal point."}, []),
        # No text to hold the roles to: nothing to say.
        ({"lead": "TSB", "allocation_text": ""}, []),
        ({"lead": "", "allocation_text": "To be decided."}, []),
    ],
)  # fmt: skip
def test_what_a_row_holds_against_what_its_sentence_says(
    reference: References, cells: dict[str, str], found: list[tuple[str, str, str, str]]
) -> None:
    check = SentenceCheck(*reference)
    disagreements = check.row(row(**cells))
    assert [(d.name, d.role, d.column, d.side) for d in disagreements] == found


def test_tiny_plan_rows_the_sentence_check_reads(parse: Callable[..., Plan]) -> None:
    plan = parse(plan_csv(row(), row(activity_id="X2", lead="TSB")))
    assert [(p.row, p.column) for p in sentence_problems(plan)] == [(3, "lead"), (3, "lead")]
