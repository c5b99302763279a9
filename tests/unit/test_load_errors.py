"""Every way a plan file can be wrong, and the message that says where and how to fix it."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from analysis.model import PLAN_COLUMNS, Plan, PlanError, Problem, unit_group
from analysis.planfile.load import (
    BUNDLED_PLAN,
    MAX_PLAN_BYTES,
    load_plan,
    parse_plan,
    read_reference,
)
from analysis.planfile.role_cells import read_cell

from .plan_text import HEADER, plan_csv, row

Parse = Callable[..., Plan]


def _header_without(column: str, replacement: str | None = None) -> str:
    columns = [replacement if c == column else c for c in PLAN_COLUMNS]
    return ",".join(c for c in columns if c is not None)


def _without_column(column: str) -> str:
    """The minimal plan with one column left out of header and row alike."""
    cells = {name: value for name, value in row().items() if name != column}
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(cells), lineterminator="\n")
    writer.writeheader()
    writer.writerow(cells)
    return buffer.getvalue()


# (case id, file content, row, column, message part, fix part)
CASES: list[tuple[str, str | bytes, int | None, str | None, str, str]] = [
    ("empty file", b"", None, None, "is empty.", "Use data/plan.csv as a template"),
    ("blank lines only", "\n \n\n", None, None, "is empty.", "Use data/plan.csv as a template"),
    ("header only", HEADER + "\n", None, None, "has a header but no activities.", "Add one row"),
    ("missing column", _without_column("comments"), 1, "comments", "is missing.", "Add the column"),
    (
        "unknown column",
        _header_without("comments", "coments") + "\n" + ",".join(row().values()) + "\n",
        1,
        "coments",
        "is not a plan column. Did you mean 'comments'?",
        "the columns are: activity_id, parent_id",
    ),
    (
        "unknown unit",
        plan_csv(row(lead="BTD")),
        2,
        "lead",
        "'BTD' is not a known unit. Did you mean 'BDT'?",
        "Use a code from data/units.csv",
    ),
    (
        "unknown assisting unit",
        plan_csv(row(assist="SPU; Sectorz")),
        2,
        "assist",
        "'Sectorz' is not a known unit. Did you mean 'Sectors'?",
        "Use a code from data/units.csv",
    ),
    (
        "malformed unit cell",
        plan_csv(row(lead="BDT (general")),
        2,
        "lead",
        "'BDT (general' is not of the form 'UNIT' or 'UNIT (note)'.",
        "put notes in round brackets",
    ),
    (
        "unknown organisation",
        plan_csv(row(partners="UNESC0 (focal point)")),
        2,
        "partners",
        "'UNESC0' is not a known organisation. Did you mean 'UNESCO'?",
        "Use a code from data/organisations.csv",
    ),
    (
        "partner without role",
        plan_csv(row(partners="UNESCO")),
        2,
        "partners",
        "'UNESCO' needs a role in brackets.",
        "Write 'ORGANISATION (role)'",
    ),
    (
        "bad partner role",
        plan_csv(row(partners="UNESCO (focal pont)")),
        2,
        "partners",
        "'focal pont' is not a partner role. Did you mean 'focal point'?",
        "Use one of: focal point, co-facilitator",
    ),
    (
        "duplicate ids",
        plan_csv(row(), row(title="Another")),
        3,
        "activity_id",
        "'X1' is already used on row 2.",
        "Give each activity its own id.",
    ),
    (
        "unknown parent",
        plan_csv(row(), row(activity_id="Y1", parent_id="X11")),
        3,
        "parent_id",
        "'X11' is not the id of any activity. Did you mean 'X1'?",
        "Use the activity_id of the row this one belongs to",
    ),
    (
        "parent cycle",
        plan_csv(row(parent_id="X2"), row(activity_id="X2", parent_id="X1")),
        2,
        "parent_id",
        "'X2' leads back to 'X1' (parents form a cycle).",
        "clear one of the parent_id cells",
    ),
    (
        "self-parent",
        plan_csv(row(parent_id="X1")),
        2,
        "parent_id",
        "'X1' leads back to 'X1' (parents form a cycle).",
        "clear one of the parent_id cells",
    ),
    (
        "unreadable date",
        plan_csv(row(comments="First meeting held on 31 February.")),
        2,
        "comments",
        "'31 February.' in \"First meeting held on 31 February.\" is not a real date",
        "Write dates as '16 May'",
    ),
    (
        "date-like text",
        plan_csv(row(comments="Meeting held mid-June.")),
        2,
        "comments",
        'in "Meeting held mid-June." is date-like text in a form the plan cannot read.',
        "Write dates as '16 May'",
    ),
    (
        "bad pillar",
        plan_csv(row(pillar="Internet Governanse")),
        2,
        "pillar",
        "'Internet Governanse' is not a pillar. Did you mean 'Internet Governance'?",
        "Use one of: Multi-stakeholder implementation",
    ),
    (
        "bad action line",
        plan_csv(row(action_line="C12")),
        2,
        "action_line",
        "'C12' is not a WSIS action line.",
        "Use C1 to C11",
    ),
    (
        "bad C7 theme",
        plan_csv(row(action_line="C7", theme="eHelth")),
        2,
        "theme",
        "'eHelth' is not a C7 theme. Did you mean 'eHealth'?",
        "Use one of: eGovernment",
    ),
    (
        "theme without action line",
        plan_csv(row(theme="eHealth")),
        2,
        "theme",
        "'eHealth' is given without an action line.",
        "Fill action_line",
    ),
    (
        "blank title",
        plan_csv(row(title="")),
        2,
        "title",
        "is blank.",
        "Every activity needs an id, a pillar and a title.",
    ),
    (
        "too many cells",
        HEADER + "\n" + ",".join(row().values()) + ",surplus\n",
        2,
        None,
        "has 14 cells but the header has 13 columns.",
        "must be in double quotes",
    ),
    (
        "file over 10 MB",
        b"a" * (MAX_PLAN_BYTES + 1),
        None,
        None,
        "is 10,000,001 bytes; plans are limited to 10,000,000 bytes (10 MB).",
        "split the plan",
    ),
    (
        "binary bytes",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        None,
        None,
        "is a PNG image, not a plan in CSV or .xlsx.",
        "Save the plan from your spreadsheet as 'CSV UTF-8'",
    ),
    (
        "neither UTF-8 nor Windows-1252",
        # 0x81 is undefined in Windows-1252 and a stray continuation byte in UTF-8; it is the
        # 29th byte after the header (bytes are counted from 1).
        HEADER.encode() + b"\nX1,,Internet Governance,Caf\x81\n",
        2,
        None,
        f"is neither UTF-8 nor Windows-1252 text (byte {len(HEADER) + 29}, on line 2, cannot be "
        "read).",
        "Save it from your spreadsheet as 'CSV UTF-8'.",
    ),
]


def _find(problems: list[Problem], row_number: int | None, column: str | None) -> Problem:
    for problem in problems:
        if problem.row == row_number and problem.column == column:
            return problem
    raise AssertionError(f"no problem at row {row_number}, column {column}: {problems}")


@pytest.mark.parametrize(
    ("content", "row_number", "column", "message", "fix"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_bad_input(
    parse: Parse,
    content: str | bytes,
    row_number: int | None,
    column: str | None,
    message: str,
    fix: str,
) -> None:
    with pytest.raises(PlanError) as raised:
        parse(content, "upload.csv")
    problem = _find(raised.value.problems, row_number, column)
    assert problem.file == "upload.csv"
    assert message in problem.message
    assert fix in problem.fix
    # The message shown to people names the file, the row and the column.
    shown = str(problem)
    assert shown.startswith("upload.csv")
    if row_number is not None:
        assert f"row {row_number}" in shown
    if column is not None:
        assert f"column '{column}'" in shown
    assert "Fix: " in shown
    assert str(problem) in str(raised.value)


def test_every_problem_is_reported_at_once(parse: Parse) -> None:
    content = plan_csv(
        row(lead="BTD"),
        row(activity_id="X2", partners="UNESC0 (focal point)", pillar="Nowhere"),
        row(activity_id="X2", comments="Held 31 February."),
    )
    with pytest.raises(PlanError) as raised:
        parse(content)
    located = sorted((p.row or 0, p.column or "") for p in raised.value.problems)
    assert located == [
        (2, "lead"),
        (3, "partners"),
        (3, "pillar"),
        (4, "activity_id"),
        (4, "comments"),
    ]
    assert raised.value.summary().startswith("5 problems in the plan file:")


@pytest.mark.parametrize(
    ("make_path", "message", "fix"),
    [
        (lambda tmp: tmp / "missing.csv", "cannot be read (No such file", "Check the path"),
        (lambda tmp: tmp, "is a directory, not a file.", "Give the path of the CSV."),
    ],
    ids=["missing file", "directory"],
)
def test_unreadable_paths(
    tmp_path: Path, make_path: Callable[[Path], Path], message: str, fix: str
) -> None:
    path = make_path(tmp_path)
    with pytest.raises(PlanError) as raised:
        load_plan(path)
    [problem] = raised.value.problems
    assert problem.file == str(path)
    assert message in problem.message
    assert fix in problem.fix


def test_large_file_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    path.write_bytes(b"a" * (MAX_PLAN_BYTES + 10))
    with pytest.raises(PlanError, match="plans are limited to 10,000,000 bytes"):
        load_plan(path)


# ---------------------------------------------------------------- what Excel saves

TITLE = "Réunion des facilitateurs – Genève"


def _excel_variants() -> list[tuple[str, bytes]]:
    rows = (
        row(title=TITLE, lead="BDT", assist="TSB; SPU", comments="Held 15-16 May, in Genève."),
        row(activity_id="X2", title="Second", allocation_text="Lead: BDT\nAssisted by TSB"),
    )
    plain = plan_csv(*rows)
    return [
        ("UTF-8", plain.encode("utf-8")),
        ("UTF-8 with BOM", plain.encode("utf-8-sig")),
        ("Windows-1252", plain.encode("cp1252")),
        ("semicolons", plan_csv(*rows, delimiter=";").encode("utf-8")),
        ("CRLF", plan_csv(*rows, line_end="\r\n").encode("utf-8")),
        (
            "Excel: BOM, semicolons, CRLF",
            plan_csv(*rows, delimiter=";", line_end="\r\n").encode("utf-8-sig"),
        ),
        (
            "Excel: cp1252, semicolons, CRLF",
            plan_csv(*rows, delimiter=";", line_end="\r\n").encode("cp1252"),
        ),
    ]


def _assert_same_plan(left: Plan, right: Plan) -> None:
    for name in ("activities", "assignments", "partners", "events", "themes"):
        pd.testing.assert_frame_equal(getattr(left, name), getattr(right, name), obj=name)
    assert left.as_of == right.as_of


@pytest.mark.parametrize(("variant", "raw"), _excel_variants(), ids=lambda v: str(v)[:40])
def test_excel_forms_load_identically(parse: Parse, variant: str, raw: bytes) -> None:
    baseline = parse(_excel_variants()[0][1])
    loaded = parse(raw)
    _assert_same_plan(baseline, loaded)
    assert loaded.activities.loc[0, "title"] == TITLE
    assert loaded.activities.loc[1, "allocation_text"] == "Lead: BDT\nAssisted by TSB"


@pytest.mark.parametrize(
    ("encoding", "delimiter", "line_end"),
    [("utf-8-sig", ",", "\r\n"), ("cp1252", ";", "\r\n"), ("cp1252", ",", "\n")],
)
def test_bundled_plan_resaved_by_excel(
    plan: Plan, parse: Parse, encoding: str, delimiter: str, line_end: str
) -> None:
    text = BUNDLED_PLAN.read_text(encoding="utf-8-sig")
    records = list(csv.reader(io.StringIO(text, newline="")))
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=line_end).writerows(records)
    resaved = parse(buffer.getvalue().encode(encoding))
    _assert_same_plan(plan, resaved)


def test_a_lead_reached_again_through_a_group_keeps_one_role() -> None:
    """'Lead: BDT, assisted by Sectors': BDT leads; BR and TSB assist
    (docs/counting-rules.md, Roles)."""
    from analysis.measures.matrix import responsibility_matrix

    text = (
        ",".join(PLAN_COLUMNS) + "\nX1,,Internet Governance,A title,,,,BDT,Sectors,,,Lead: BDT,\n"
    )
    units, organisations = read_reference()
    plan = parse_plan(text.encode(), "grouped.csv", units, organisations)
    roles = dict(zip(plan.assignments["unit"], plan.assignments["role"], strict=True))
    assert roles == {"BDT": "lead", "BR": "assist", "TSB": "assist"}
    assert responsibility_matrix(plan).loc["BDT", "X1"] == "L"


@pytest.mark.parametrize(
    ("name", "group"),
    [("Sectors", "Sectors"), ("sectors", "Sectors"), (" SECTORS ", "Sectors"), ("GS", None),
     ("BDT", None), ("Sector", None)],
)  # fmt: skip
def test_a_group_is_named_in_any_letter_case(name: str, group: str | None) -> None:
    """'BDT and sectors' (docs/counting-rules.md, Roles): one rule for the loader, the what-if
    read-back and the note's check."""
    assert unit_group(name) == group


@pytest.mark.parametrize("written", ["Sectors", "sectors"])
def test_the_what_if_reads_a_group_back_as_the_loader_does(written: str) -> None:
    text = (
        ",".join(PLAN_COLUMNS)
        + f"\nX1,,Internet Governance,A title,,,,BDT,{written},,,Lead: BDT,\n"
    )
    units, organisations = read_reference()
    plan = parse_plan(text.encode(), "grouped.csv", units, organisations)
    loaded = list(zip(plan.assignments["unit"], plan.assignments["role"], strict=True))
    read_back = [(entry.unit, entry.role) for entry in read_cell(f"BDT; {written}", "assist")]
    assert loaded[1:] == read_back[1:] == [("BR", "assist"), ("TSB", "assist")]
    assert {entry.via for entry in read_cell(written, "assist")} == {"Sectors"}


def test_a_unit_named_as_lead_and_assist_is_a_problem() -> None:
    text = ",".join(PLAN_COLUMNS) + "\nX1,,Internet Governance,A title,,,,BDT,BDT,,,,\n"
    units, organisations = read_reference()
    with pytest.raises(PlanError) as raised:
        parse_plan(text.encode(), "twice.csv", units, organisations)
    (problem,) = raised.value.problems
    assert (problem.row, problem.column) == (2, "assist")
    assert "also in the lead cell" in problem.message


def test_a_file_cut_at_the_end_of_a_row_reads_as_a_shorter_plan_that_validate_counts(
    parse: Parse,
) -> None:
    """What docs/plan-file.md says cannot be detected: data/plan.csv cut after its 25th line's
    line end is a complete CSV of 24 activities. validate's summary is where it shows."""
    from analysis.cli.validate import validate_line

    raw = BUNDLED_PLAN.read_bytes()
    row_ends = [found.start() for found in re.finditer(rb"\r\n(?=A)", raw)]  # header's first
    cut = raw[: row_ends[24] + 2]
    shorter = parse(cut, "cut.csv")
    assert len(shorter.activities) == 24
    assert validate_line(shorter).startswith("cut.csv: 24 activities,")
