"""The benchmark's copy of app.py (benchmarks/bench_app.py) stays in step with app.py: the frame
page and one floor page per page and working state, and a floor draws what was captured."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from benchmarks.apptest_bench import drawn_elements
from benchmarks.bench_app import (
    FRAME_URL,
    bench_app_source,
    capture,
    floor_title,
    floor_url,
    page_url,
)
from ui.registry import PAGES, page_named


def test_every_page_and_state_has_a_floor_page(tmp_path: Path) -> None:
    source = bench_app_source(tmp_path, {"whatif": "one edit"})
    ast.parse(source)  # still Python
    for page in PAGES:
        assert repr(floor_url(page)) in source
    assert repr(floor_url(page_named("whatif"), "one edit")) in source
    assert floor_url(page_named("whatif"), "one edit") == "bench-floor-whatif-one-edit"
    assert floor_title(page_named("whatif"), "one edit") == "Floor: What-if (one edit)"
    assert FRAME_URL in source
    assert source.rstrip().endswith("main()")


def test_the_default_page_is_found_at_the_root() -> None:
    assert [page_url(page) for page in PAGES if page.default] == [""]
    assert all(page_url(page) == page.name for page in PAGES if not page.default)


def _page_drawing_each_element() -> None:
    import pandas as pd
    import plotly.graph_objects as go
    import streamlit as st

    st.title("Not captured")
    st.plotly_chart(go.Figure(go.Bar(x=["BDT"], y=[18])), on_select="rerun")
    st.table(pd.DataFrame({"Activity": [r"C1 \\* Info"]}), hide_index=True, border="horizontal")
    st.dataframe(pd.DataFrame({"unit": ["BDT"], "leads": [18]}))


def _floor(captures: str) -> None:
    from pathlib import Path

    from benchmarks.bench_app import draw_floor

    draw_floor(Path(captures), "bench-floor-overview")


def test_a_floor_draws_what_the_page_drew_with_the_same_elements(tmp_path: Path) -> None:
    page = AppTest.from_function(_page_drawing_each_element).run()
    drawn = drawn_elements(page)
    assert [element.kind for element in drawn] == ["chart", "table", "dataframe"]
    assert drawn[1].options == {"hide_index": True, "hide_header": False, "border": "horizontal"}
    capture(tmp_path, "bench-floor-overview", drawn)

    floor = AppTest.from_function(_floor, args=(str(tmp_path),)).run()
    assert not floor.exception
    again = drawn_elements(floor)
    assert [element.kind for element in again] == ["chart", "table", "dataframe"]
    assert json.loads(str(again[0].value))["data"] == json.loads(str(drawn[0].value))["data"]
    for before, after in zip(drawn[1:], again[1:], strict=True):
        assert isinstance(after.value, pd.DataFrame)
        assert after.value.equals(before.value)
        assert after.options == before.options
    assert floor.table[0].value.iloc[0, 0] == r"C1 \\* Info"
