"""What the app reads from a link is bounded: values per parameter and
characters per value, and a link Streamlit ignores whole is said, not dropped in silence."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from ui.state import MAX_LINK_VALUE_CHARS, MAX_LINK_VALUES, VALUE_SHOWN_CHARS
from ui.streamlit_quirks import LINK_MOST_PARAMETERS

from .conftest import MakeApp
from .markdown_text import shown

LONG_VALUE = "A" * 100_000


def warning(at: AppTest) -> str:
    (box,) = at.sidebar.warning
    return shown(box.value)


def test_a_link_past_streamlits_limit_is_said(make_app: MakeApp) -> None:
    parameters = LINK_MOST_PARAMETERS + 500
    at = make_app(query={"unit": ["BDT"] * parameters})
    assert not at.exception
    assert at.multiselect(key="f_units").value == []  # Streamlit read none of it
    said = warning(at)
    assert f"This link has {parameters:,} parameters" in said
    assert "the view shows the whole plan" in said


def test_values_past_the_count_are_not_read_and_said(make_app: MakeApp) -> None:
    units = ["BDT", *(f"X{number}" for number in range(MAX_LINK_VALUES + 49))]
    at = make_app(query={"unit": units, "org": "ITU"})
    assert not at.exception
    assert at.multiselect(key="f_units").value == ["BDT"]
    assert at.multiselect(key="f_organisations").value == ["ITU"]
    said = warning(at)
    # 50 values past the bound are not read; the 199 read that the plan lacks are left out.
    assert "unit=X199, unit=X200" in said and "and 40 more not read" in said
    assert "unit=X0, unit=X1" in said and "and 189 more, which this plan does not have" in said
    assert at.query_params["unit"] == "BDT"  # the link is rewritten to what is in force


def test_a_long_value_is_not_read_and_named_by_its_start(make_app: MakeApp) -> None:
    at = make_app("plan", query={"q": LONG_VALUE, "unit": ["BDT", LONG_VALUE]})
    assert not at.exception
    assert at.text_input(key="plan_search").value == ""
    assert at.multiselect(key="f_units").value == ["BDT"]
    said = warning(at)
    assert f"q={'A' * VALUE_SHOWN_CHARS}… (100,000 characters)" in said
    assert f"{MAX_LINK_VALUE_CHARS:,} characters each" in said
    assert len(said) < 1_000
    assert "q" not in at.query_params
