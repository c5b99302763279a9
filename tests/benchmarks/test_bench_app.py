"""The benchmark's copy of app.py (benchmarks/bench_app.py) stays in step with app.py: the frame
page and one floor page per page and working state, and a floor draws what was captured."""

from __future__ import annotations

import ast
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

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


def test_a_capture_holds_the_figures_and_tables(tmp_path: Path) -> None:
    spec = go.Figure(go.Bar(x=["BDT"], y=[18])).to_json()
    frame = pd.DataFrame({"unit": ["BDT"], "leads": [18]})
    capture(tmp_path, "bench-floor-workload", [spec], [frame])
    assert (tmp_path / "bench-floor-workload.json").is_file()
    assert pd.read_pickle(tmp_path / "bench-floor-workload.pkl")[0].equals(frame)
