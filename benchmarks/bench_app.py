"""The benchmark's own copy of app.py: the same frame (plan, sidebar filters and weights, uploader,
briefing button, navigation), whose navigation gains, first, an empty page (the FRAME: what every
page pays before it draws anything) and one FLOOR page per dashboard page and working state: the
frame drawing every element the page drew, bare, as captured from it, in the page's order and
layout. Figures, data grids and static tables are drawn from their captured data through the
same Streamlit call the page made (st.plotly_chart, st.dataframe, st.table), so the floor pays
their serialisation; every other element (text, metrics, widgets, links) and every layout block
is sent again as the page sent it.

A page's budget is measured against its floor (benchmarks/reports/speed.md): the floor is what
Streamlit, the browser and the frame cost to show that content, so the ratio is what the page's
own code adds (computing, looking up caches, building the elements).
"""

from __future__ import annotations

import itertools
import pickle
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

import plotly.io as pio
import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.proto.Block_pb2 import Block as BlockProto
from streamlit.proto.Element_pb2 import Element as ElementProto

from ui.registry import PAGES, PageEntry

REPO_ROOT = Path(__file__).resolve().parents[1]
APP = REPO_ROOT / "app.py"
BENCH_APP = REPO_ROOT / ".bench_app.py"  # beside app.py; ignored by git
FRAME_URL = "bench-frame"
FRAME_TITLE = "Frame (empty page)"

# Inserted into app.py before main() runs: the frame page, and the floor pages drawing what
# CAPTURES holds (draw_floor).
_BENCH_PAGES = """
from benchmarks.bench_app import draw_floor as _bench_draw_floor
from pathlib import Path as _BenchPath

_BENCH_CAPTURES = _BenchPath({captures!r})


def _bench_floor(url):
    return lambda: _bench_draw_floor(_BENCH_CAPTURES, url)


PAGES.insert(0, st.Page(lambda: None, title={frame_title!r}, url_path={frame_url!r}))
for _bench_url, _bench_title in {floors!r}:
    PAGES.append(st.Page(_bench_floor(_bench_url), title=_bench_title, url_path=_bench_url))
"""


@dataclass(frozen=True)
class Drawn:
    """One thing a page drew. "chart": a Plotly figure's JSON as Streamlit sent it; "dataframe":
    a data grid's frame; "table": a static table's frame, with the options that change what it
    shows (hide_index, hide_header, border); "element": any other element, as (its Element
    field, its serialised proto); "block": a layout block (columns, a column, a container), as
    its serialised Block proto, holding `children`."""

    kind: Literal["chart", "dataframe", "table", "element", "block"]
    value: Any
    options: dict[str, Any] = field(default_factory=dict)
    children: list[Drawn] = field(default_factory=list)


def capture(captures: Path, url: str, drawn: list[Drawn]) -> None:
    """What a page drew, in its order, for its floor page."""
    captures.mkdir(parents=True, exist_ok=True)
    (captures / f"{url}.pkl").write_bytes(pickle.dumps(drawn))


def _ready(element: Drawn) -> Drawn:
    """The captured element with its figure or protos rebuilt, once."""
    if element.kind == "chart":
        return replace(element, value=pio.from_json(element.value))
    if element.kind == "element":
        name, data = element.value
        proto = getattr(ElementProto(), name).__class__.FromString(data)
        return replace(element, value=(name, proto))
    if element.kind == "block":
        children = [_ready(child) for child in element.children]
        return replace(element, value=BlockProto.FromString(element.value), children=children)
    return element


@st.cache_resource(show_spinner=False)
def captured(captures: Path, url: str) -> list[Drawn]:
    """A floor page's capture, read once per process as the app caches its figures and tables,
    so each rerun only draws."""
    drawn: list[Drawn] = pickle.loads((captures / f"{url}.pkl").read_bytes())
    return [_ready(element) for element in drawn]


def _draw(container: DeltaGenerator, drawn: list[Drawn], charts: Iterator[int]) -> None:
    for element in drawn:
        if element.kind == "block":
            _draw(container._block(element.value), element.children, charts)
        elif element.kind == "chart":  # selectable, as every page's chart is
            key = f"floor_chart{next(charts)}"
            container.plotly_chart(element.value, key=key, on_select="rerun")
        elif element.kind == "table":
            container.table(element.value, **element.options)
        elif element.kind == "dataframe":
            container.dataframe(element.value)
        else:
            name, proto = element.value
            container._enqueue(name, proto)


def draw_floor(captures: Path, url: str) -> None:
    """The floor page at `url`: everything the page drew, bare (see the module's docstring)."""
    _draw(st._main, captured(captures, url), itertools.count())


def page_url(page: PageEntry) -> str:
    """Where Streamlit registers the page: the default page at the root ("")."""
    return "" if page.default else page.url_path


def floor_url(page: PageEntry, state: str = "") -> str:
    """The floor page's URL path: bench-floor-<page>[-<state>]."""
    suffix = "-" + re.sub(r"[^a-z0-9]+", "-", state.lower()).strip("-") if state else ""
    return f"bench-floor-{page.name}{suffix}"


def floor_title(page: PageEntry, state: str = "") -> str:
    return f"Floor: {page.title}" + (f" ({state})" if state else "")


def bench_app_source(captures: Path, states: dict[str, str]) -> str:
    """app.py with the frame page and a floor page per page (and per page's working state in
    `states`: page name → state label). Write it beside app.py (BENCH_APP): pages link to each
    other by paths relative to the main script."""
    source = APP.read_text(encoding="utf-8")
    if "\nmain()" not in source:
        raise RuntimeError("app.py no longer ends by calling main() as bench_app.py expects")
    floors = [(floor_url(page), floor_title(page)) for page in PAGES]
    floors += [
        (floor_url(page, states[page.name]), floor_title(page, states[page.name]))
        for page in PAGES
        if page.name in states
    ]
    inserted = _BENCH_PAGES.format(
        captures=str(captures), frame_title=FRAME_TITLE, frame_url=FRAME_URL, floors=floors
    )
    head, _, tail = source.rpartition("\nmain()")
    return f"{head}\n{inserted}\nmain(){tail}"
