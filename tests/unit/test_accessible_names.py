"""Every chart and table the app draws has an accessible name (st.plotly_chart's and
st.dataframe's `alt`): checked in the source, so a table added without one fails here, before
the browser tests (tests/browser/test_page_walk.py) would."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DRAWING_FILES = sorted([*REPO.glob("pages/*.py"), *REPO.glob("ui/*.py"), REPO / "app.py"])
NAMED_CALLS = {"dataframe", "plotly_chart", "selectable_table"}


def unnamed_calls(source: str, where: str) -> list[str]:
    tree = ast.parse(source)
    missing = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        function = node.func
        name = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")
        if name in NAMED_CALLS and not any(keyword.arg == "alt" for keyword in node.keywords):
            missing.append(f"{where}:{node.lineno} {name}(...) has no alt=")
    return missing


def test_the_files_are_found() -> None:
    assert len(DRAWING_FILES) >= 10


@pytest.mark.parametrize("path", DRAWING_FILES, ids=lambda path: str(path.relative_to(REPO)))
def test_every_chart_and_table_is_named(path: Path) -> None:
    where = str(path.relative_to(REPO))
    assert unnamed_calls(path.read_text(encoding="utf-8"), where) == []


def test_a_call_without_a_name_is_found() -> None:
    sample = "import streamlit as st\nst.dataframe([1])\nst.dataframe([2], alt='x')\n"
    assert unnamed_calls(sample, "sample.py") == ["sample.py:2 dataframe(...) has no alt="]
