"""The docs are a contract with managers: the column table (docs/plan-file.md), the date forms
(docs/dated-events.md) and the counts (docs/counting-rules.md) are checked against the code and
the bundled plan, so the docs cannot drift (datasette's habit)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from analysis import load_plan
from analysis.model import PLAN_FILE_COLUMNS
from analysis.planfile.dates import read_sentence
from scripts.cli_reference import readme_reference, reference

REPO = Path(__file__).resolve().parents[2]
README = (REPO / "README.md").read_text(encoding="utf-8")
COUNTING_RULES = (REPO / "docs" / "counting-rules.md").read_text(encoding="utf-8")
DATED_EVENTS = (REPO / "docs" / "dated-events.md").read_text(encoding="utf-8")
PLAN_FILE = (REPO / "docs" / "plan-file.md").read_text(encoding="utf-8")
FIGURES = "## The bundled plan in figures"


def section(heading: str, text: str = README) -> str:
    start = text.index(heading)
    following = text.find("\n#", start + len(heading))
    return text[start : following if following != -1 else None]


def test_column_table_lists_every_plan_column_in_order() -> None:
    table = section("## Columns", PLAN_FILE)
    documented = re.findall(r"^\| `(\w+)` \|", table, flags=re.MULTILINE)
    assert documented == list(PLAN_FILE_COLUMNS)


def date_form_rows() -> list[tuple[str, str]]:
    table = DATED_EVENTS
    rows = []
    for line in table.splitlines():
        if not line.startswith("| `"):
            continue
        forms_cell, precision = line.strip("|").split("|")[:2]
        rows.extend((form, precision.strip()) for form in re.findall(r"`([^`]+)`", forms_cell))
    return rows


@pytest.mark.parametrize(("form", "precision"), date_form_rows())
def test_every_documented_date_form_is_read(form: str, precision: str) -> None:
    mentions, unreadable = read_sentence(f"Meeting held {form}.")
    assert not unreadable
    assert [mention.precision for mention in mentions] == [precision]


def counted_after(label: str, until: str) -> dict[str, int]:
    """'Lead roles: BDT 18, CEC 13, ...' → {"BDT": 18, "CEC": 13, ...}."""
    text = " ".join(section(FIGURES, COUNTING_RULES).split())
    start = text.index(label) + len(label)
    part = text[start : text.index(until, start)]
    return {name: int(count) for name, count in re.findall(r"([A-Z][\w-]+) (\d+)", part)}


def test_documented_role_counts_match_the_plan() -> None:
    counts = load_plan().assignments.groupby(["role", "unit"]).size()
    leads = counted_after("Lead roles:", "Assist roles:")
    assists = counted_after("Assist roles:", "and one each")
    assert leads == {unit: int(n) for unit, n in counts["lead"].items()}
    one_each = {unit for unit, n in counts["assist"].items() if n == 1}
    assert assists == {unit: int(n) for unit, n in counts["assist"].items() if n > 1}
    assert one_each == {"GS", "Libraries and Archives Services", "WSIS content team"}


def test_documented_sector_counts_match_the_plan() -> None:
    text = " ".join(section(FIGURES, COUNTING_RULES).split())
    documented = dict(re.findall(r"(ITU-[RTD]|General Secretariat) (\d+/\d+)", text))
    counts = load_plan().assignments.groupby(["sector", "role"]).size().unstack()
    assert documented == {
        sector: f"{counts.loc[sector, 'lead']}/{counts.loc[sector, 'assist']}"
        for sector in counts.index
    }


def test_documented_totals_match_the_plan() -> None:
    plan = load_plan()
    held, planned, unconfirmed = (
        int((plan.events["status"] == status).sum())
        for status in ("held", "planned", "unconfirmed")
    )
    figures = section(FIGURES, COUNTING_RULES)
    assert f"{len(plan.activities)} activities" in figures
    events = f"{len(plan.events)} dated events: {held} held, {planned} planned"
    assert f"{events}, {unconfirmed} unconfirmed" in figures
    assert f"as of {plan.as_of.day} {plan.as_of:%B %Y}" in figures


USER_DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
DOCS = [
    *USER_DOCS,
    REPO / "benchmarks" / "README.md",
    *sorted((REPO / "benchmarks" / "reports").glob("*.md")),
]


@pytest.mark.parametrize("doc", DOCS, ids=lambda path: path.name)
def test_every_file_a_doc_points_to_is_in_the_repository(doc: Path) -> None:
    text = doc.read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)#:]+)\)", text)
    missing = [t for t in targets if not (doc.parent / t).exists()]
    assert missing == []


def test_the_readmes_command_line_reference_is_what_the_commands_say() -> None:
    """Written by `make docs`: run it after changing a command's options or help."""
    assert readme_reference(README) == reference()


# A time or a CPU figure: what a benchmark measured, which belongs in benchmarks/reports.
MEASURED = re.compile(r"\b\d+(\.\d+)? ?(ms|CPU-seconds|s per|s alone)\b|load average")


@pytest.mark.parametrize("doc", USER_DOCS, ids=lambda path: path.name)
def test_user_docs_hold_no_measurement_log(doc: Path) -> None:
    """docs/ and the README say what a user or operator does; what a benchmark measured is in
    benchmarks/reports (benchmarks/README.md)."""
    text = doc.read_text(encoding="utf-8")
    assert [match.group(0) for match in MEASURED.finditer(text)] == []
