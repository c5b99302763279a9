"""The `section` column of a plan read from a revision: filterable like the pillar, on the
command line and in links; absent from a plan that has none."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from analysis import cli
from analysis.filters import FILTERS, FilterSpec, apply_filters
from analysis.model import Plan
from analysis.planfile.plan_csv import plan_csv_bytes

from .plan_text import plan_csv, row

STATUS = "New activities following WSIS"


@pytest.fixture
def sectioned(parse: Callable[..., Plan]) -> Plan:
    text = plan_csv(
        row(activity_id="X1", title="First", lead="BDT"),
        row(activity_id="X2", title="Second", lead="TSB", pillar="not stated"),
    )
    lines = text.splitlines()
    lines[0] += ",section"
    lines[1] += ","
    lines[2] += f",{STATUS}"
    return parse("\n".join(lines) + "\n")


def test_a_section_selects_its_activities(sectioned: Plan) -> None:
    kept = apply_filters(sectioned, FilterSpec(sections=(STATUS,)))
    assert list(kept.activities["activity_id"]) == ["X2"]
    assert list(kept.assignments["unit"]) == ["TSB"]
    assert FilterSpec(sections=(STATUS,)).describe() == f"section: {STATUS}"


def test_sections_and_pillar_not_stated_are_offered_only_when_present(
    sectioned: Plan, plan: Plan
) -> None:
    offered = {choice.field: choice.offered for choice in FILTERS}
    assert offered["sections"](sectioned) == [STATUS]
    assert offered["sections"](plan) == []
    assert offered["pillars"](sectioned) == ["Multi-stakeholder implementation", "not stated"]
    assert "not stated" not in offered["pillars"](plan)


def test_the_command_line_filters_by_section(
    sectioned: Plan, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "sectioned.csv"
    path.write_bytes(plan_csv_bytes(sectioned))
    code = cli.main(["summary", "--plan", str(path), "--section", STATUS])
    out = capsys.readouterr().out
    assert code == 0
    assert "TSB" in out and "BDT" not in out
