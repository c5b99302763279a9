"""The frame in app.py and PLAN_CSV: a file that goes bad or missing keeps the last good plan
read from it (for every session), a file never read well shows the bundled plan and says so,
and the problems are listed in the main area, the file named once."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analysis.model import PLAN_COLUMNS

from .conftest import MakeApp
from .markdown_text import shown

HEADER = ",".join(PLAN_COLUMNS)
TWO_ACTIVITIES = (
    f"{HEADER}\nX1,,Internet Governance,A title,,,,BDT,,,,,\n"
    f"X2,,Internet Governance,Another,,,,TSB,,,,,\n"
)


def captions(at: AppTest) -> str:
    return " ".join(shown(caption.value) for caption in at.caption)


@pytest.mark.parametrize(
    ("content", "column", "problem"),
    [
        (f"{HEADER}\nX1,,Internet Governance,A title,,,,BTD,,,,,\n", "lead", "'BTD'"),
        (f"{HEADER}\nX1,,Nowhere,A title,,,,BDT,,,,,\n", "pillar", "'Nowhere'"),
        ("", "", "is empty"),
    ],
)
def test_a_plan_file_never_read_well_shows_the_bundled_plan_and_says_so(
    make_app: MakeApp, tmp_path: Path, content: str, column: str, problem: str
) -> None:
    path = tmp_path / "revised.csv"
    path.write_text(content, encoding="utf-8")
    at = make_app(plan_csv=path)
    assert not at.exception
    error = shown(at.error[0].value)
    assert f"The plan file {path} could not be read" in error
    assert "the bundled plan (data/plan.csv) is shown instead" in error
    problems = at.table[0].value
    assert "file" not in problems.columns  # named once, above the table
    assert problem in shown(problems.iloc[0]["problem"])
    assert shown(problems.iloc[0]["column"]) == column
    assert at.metric[0].value == "54"  # the bundled plan's activities
    assert f"(bundled; {path} could not be read)" in captions(at)


def test_a_missing_plan_file_is_named(make_app: MakeApp, tmp_path: Path) -> None:
    at = make_app(plan_csv=tmp_path / "nowhere.csv")
    assert not at.exception
    assert "nowhere.csv could not be read" in shown(at.error[0].value)
    assert "cannot be read" in shown(at.table[0].value.iloc[0]["problem"])


@pytest.mark.parametrize("damage", ["cut short", "removed"])
def test_a_plan_file_gone_bad_keeps_its_last_good_plan(
    make_app: MakeApp, tmp_path: Path, damage: str
) -> None:
    """A bad PLAN_CSV used to switch everyone to the bundled plan while saying
    "The last good plan stays in use"."""
    path = tmp_path / "revised.csv"
    path.write_text(TWO_ACTIVITIES, encoding="utf-8")
    at = make_app(plan_csv=path)
    assert at.metric[0].value == "2"
    if damage == "cut short":
        path.write_text(TWO_ACTIVITIES[:-20], encoding="utf-8")  # as if still being written
    else:
        path.unlink()
    at.run()
    assert not at.exception
    assert at.metric[0].value == "2"  # the last good plan, not the bundled 54
    error = shown(at.error[0].value)
    assert f"The plan file {path} could not be read" in error
    assert "The last good version of it, read at" in error
    assert "as read at" in captions(at) and "the file now has problems" in captions(at)
    # Another session opened now sees the same last good plan.
    other = AppTest.from_file(at._script_path, default_timeout=60).run()
    assert other.metric[0].value == "2"


def test_the_weights_in_force_hold_on_every_page(make_app: MakeApp) -> None:
    # With assists weighing 0 only leads count: the General Secretariat's units lead 23 of the
    # 52 lead roles (CEC 13, SPU 7, WSIS-ES 3), 44%.
    at = make_app("workload", query={"assist_w": "0"})
    assert at.number_input(key="w_assist").value == 0.0
    at.switch_page("pages/overview.py").run()
    assert not at.exception
    assert at.query_params["assist_w"] == "0.0"
    headline = at.markdown[0].value.replace("\\", "")
    assert headline.startswith("The General Secretariat carries 44% of the weighted load")


# A link shared before the short form existed carries the long one: it opens the same view.
@pytest.mark.parametrize("written", ["C7-eLearning", "C7 · eLearning"])
def test_a_theme_link_in_short_and_old_form(make_app: MakeApp, written: str) -> None:
    at = make_app("matrix", query={"theme": written})
    assert not at.exception
    themes = at.multiselect(key="f_themes")
    assert themes.value == ["C7 · eLearning"]
    assert "C7 theme · eLearning" in themes.options  # how the option and its chip read
    assert at.query_params["theme"] == "C7-eLearning"


def test_a_link_value_the_plan_lacks_is_said(make_app: MakeApp) -> None:
    at = make_app(query={"unit": ["BDT", "XYZ", "BDT"]})
    assert not at.exception
    units = at.multiselect(key="f_units")
    # A repeated value is chosen once, and the URL written back names it once.
    assert units.value == ["BDT"]
    assert "BDT · Telecommunication Development Bureau" in units.options
    assert at.query_params["unit"] == "BDT"
    assert any("unit=XYZ" in shown(warning.value) for warning in at.warning)
