"""The Excel download's derived sheets (activities, assignments, partners, events): protected
when written, and held to the plan sheet when read back (analysis.planfile.derived_sheets)."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from openpyxl import Workbook, load_workbook  # type: ignore[import-untyped]

from analysis.export import download_tables, workbook_bytes
from analysis.model import Plan, PlanError
from analysis.planfile.derived_sheets import DERIVED_FIX
from analysis.planfile.workbook_file import DERIVED_DIGESTS

DERIVED = ("activities", "assignments", "partners", "events")


@pytest.fixture(scope="module")
def download(plan: Plan) -> bytes:
    return workbook_bytes(download_tables(plan))


def edited(raw: bytes, edit: Callable[[Workbook], None]) -> bytes:
    book = load_workbook(io.BytesIO(raw))
    edit(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def set_a11_lead(book: Workbook, sector: str = "") -> None:
    sheet = book["assignments"]
    for cells in sheet.iter_rows(min_row=2):
        if cells[0].value == "A11" and cells[3].value == "lead":
            cells[1].value = "TSB"
            cells[2].value = sector or cells[2].value


def delete_derived_sheets(book: Workbook) -> None:
    for name in DERIVED:
        book.remove(book[name])


def set_a11_lead_in_plan_sheet(book: Workbook) -> None:
    sheet = book["plan"]
    lead = [cell.value for cell in sheet[1]].index("lead")
    for cells in sheet.iter_rows(min_row=2):
        if cells[0].value == "A11":
            cells[lead].value = "TSB"


def test_the_derived_sheets_are_protected_and_the_plan_sheet_is_not(download: bytes) -> None:
    book = load_workbook(io.BytesIO(download))
    assert {name: book[name].protection.sheet for name in book.sheetnames} == {
        **dict.fromkeys(DERIVED, True),
        "plan": False,
    }


def test_a11s_lead_changed_in_assignments_is_refused_naming_sheet_row_and_fix(
    download: bytes, parse: Callable[..., Plan]
) -> None:
    with pytest.raises(PlanError) as refused:
        parse(edited(download, set_a11_lead), "wsis-plan.xlsx")
    [problem] = refused.value.problems
    book = load_workbook(io.BytesIO(download))
    row = next(
        cells[0].row
        for cells in book["assignments"].iter_rows(min_row=2)
        if cells[0].value == "A11" and cells[3].value == "lead"
    )
    assert (problem.file, problem.row, problem.column) == ("wsis-plan.xlsx", row, "unit")
    assert problem.message.startswith(
        "the sheet 'assignments' says 'TSB' where the plan sheet gives 'BDT' (row of A11)"
    )
    assert problem.fix == DERIVED_FIX
    assert "edit the plan sheet, or delete the derived sheets" in problem.fix.casefold().replace(
        " (the only sheet read as the plan)", ""
    )


@pytest.mark.parametrize(
    "edit",
    [
        set_a11_lead_in_plan_sheet,  # the derived sheets left as written: passed over
        lambda book: (set_a11_lead(book, "ITU-T"), set_a11_lead_in_plan_sheet(book)),  # agree
        lambda book: (delete_derived_sheets(book), set_a11_lead_in_plan_sheet(book)),
    ],
    ids=["plan sheet", "both sheets", "derived deleted"],
)
def test_a11s_lead_changed_in_the_plan_sheet_is_read(
    download: bytes, parse: Callable[..., Plan], edit: Callable[[Workbook], None]
) -> None:
    plan = parse(edited(download, edit), "wsis-plan.xlsx")
    a11 = plan.assignments[plan.assignments["activity_id"] == "A11"]
    assert a11[["unit", "role"]].values.tolist() == [["TSB", "lead"]]


def test_without_digests_a_derived_sheet_is_held_to_the_plan_sheet(
    download: bytes, parse: Callable[..., Plan]
) -> None:
    def drop_digests(book: Workbook) -> None:
        kept = [p for p in book.custom_doc_props if p.name != DERIVED_DIGESTS]
        book.custom_doc_props.props = kept

    assert len(parse(edited(download, drop_digests), "other.xlsx").activities) == 54

    def drop_a_row(book: Workbook) -> None:
        drop_digests(book)
        book["events"].delete_rows(book["events"].max_row)

    with pytest.raises(PlanError) as refused:
        parse(edited(download, drop_a_row), "other.xlsx")
    assert [p.message.split(":")[0] for p in refused.value.problems] == [
        "the sheet 'events' lacks a row the plan sheet gives"
    ]
