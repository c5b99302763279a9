"""The frame in app.py: a bad PLAN_CSV shows its problems and the bundled plan stays in use."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.model import PLAN_COLUMNS

from .conftest import MakeApp

HEADER = ",".join(PLAN_COLUMNS)


@pytest.mark.parametrize(
    ("content", "column", "problem"),
    [
        (f"{HEADER}\nX1,,Internet Governance,A title,,,,BTD,,,,,\n", "lead", "'BTD'"),
        (f"{HEADER}\nX1,,Nowhere,A title,,,,BDT,,,,,\n", "pillar", "'Nowhere'"),
        ("", "", "is empty"),
    ],
)
def test_a_bad_plan_file_shows_its_problems_and_the_bundled_plan_stays(
    make_app: MakeApp, tmp_path: Path, content: str, column: str, problem: str
) -> None:
    path = tmp_path / "revised.csv"
    path.write_text(content, encoding="utf-8")
    at = make_app(plan_csv=path)
    assert not at.exception
    assert "The last good plan stays in use" in at.error[0].value.replace("\\", "")
    problems = at.dataframe[0].value
    assert problem in problems.iloc[0]["problem"]
    assert problems.iloc[0]["column"] == column
    assert at.metric[0].value == "54"  # the bundled plan's activities


def test_a_missing_plan_file_is_named(make_app: MakeApp, tmp_path: Path) -> None:
    at = make_app(plan_csv=tmp_path / "nowhere.csv")
    assert not at.exception
    problems = at.dataframe[0].value
    assert problems.iloc[0]["file"].endswith("nowhere.csv")
    assert "cannot be read" in problems.iloc[0]["problem"]
