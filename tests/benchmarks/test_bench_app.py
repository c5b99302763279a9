"""The benchmark's copy of app.py (benchmarks/bench_app.py) stays in step with app.py: the frame
page and one floor page per page and working state, and a floor draws what was captured."""

from __future__ import annotations

import ast
import json
from pathlib import Path

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.testing.v1 import AppTest

from benchmarks.apptest_bench import drawn_counts, drawn_elements, kept_messages
from benchmarks.bench_app import (
    FRAME_URL,
    Drawn,
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
    import plotly.graph_objects as go
    import streamlit as st
    from pandas import DataFrame

    st.title("Activities")
    left, right = st.columns([3, 2])
    left.metric("Activities", 54, help="Rows of the plan")
    left.plotly_chart(go.Figure(go.Bar(x=["BDT"], y=[18])), on_select="rerun")
    right.selectbox("Show the activities of", ["ITU-D", "GS"], key="choice")
    st.table(DataFrame({"Activity": [r"C1 \\* Info"]}), hide_index=True, border="horizontal")
    st.dataframe(DataFrame({"unit": ["BDT"], "leads": [18]}))


def _floor(captures: str) -> None:
    from pathlib import Path

    from benchmarks.bench_app import draw_floor

    draw_floor(Path(captures), "bench-floor-overview")


def _shape(drawn: list[Drawn]) -> list[object]:
    """What a capture holds, comparable: a figure by its data, a table by its rows."""
    shape: list[object] = []
    for element in drawn:
        if element.kind == "chart":
            shape.append(("chart", json.loads(str(element.value))["data"]))
        elif element.kind in ("table", "dataframe"):
            shape.append((element.kind, element.value.to_dict("list"), element.options))
        elif element.kind == "block":
            shape.append(("block", element.value, _shape(element.children)))
        else:
            shape.append(element.value)
    return shape


def test_a_floor_draws_everything_the_page_drew(tmp_path: Path) -> None:
    sent: list[ForwardMsg] = []
    with kept_messages(sent):
        page = AppTest.from_function(_page_drawing_each_element).run()
    drawn = drawn_elements(sent)
    assert [element.kind for element in drawn] == ["element", "block", "table", "dataframe"]
    assert [element.kind for element in drawn[1].children] == ["block", "block"]
    assert drawn_counts(drawn) == (1, 2)
    assert drawn[2].options == {"hide_index": True, "hide_header": False, "border": "horizontal"}
    assert drawn_elements(sent, skip=1)[0].kind == "block"
    capture(tmp_path, "bench-floor-overview", drawn)

    with kept_messages(sent):
        floor = AppTest.from_function(_floor, args=(str(tmp_path),)).run()
    assert not floor.exception
    assert _shape(drawn_elements(sent)) == _shape(drawn)
    assert floor.table[0].value.iloc[0, 0] == page.table[0].value.iloc[0, 0] == r"C1 \\* Info"
    assert floor.metric[0].value == "54"
    assert floor.selectbox[0].options == ["ITU-D", "GS"]
