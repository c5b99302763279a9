"""The benchmark's own copy of app.py: the same frame (plan, sidebar filters and weights, uploader,
briefing button, navigation), whose navigation gains, first, an empty page (the FRAME: what every
page pays before it draws anything) and one FLOOR page per dashboard page and working state: the
frame drawing the same figures and tables the page drew, bare, as they were captured from it, in
the page's order and with the same element (a data grid as a data grid, a static table as a
static table).

A page's budget is measured against its floor (benchmarks/reports/speed.md): the floor is what
Streamlit and the frame cost to show that content, so the ratio is what the page's own code adds.
"""

from __future__ import annotations

import pickle
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

import pandas as pd
import plotly.io as pio
import streamlit as st

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
    """One element a page drew: a Plotly figure's JSON as Streamlit sent it ("chart"), a data
    grid's frame ("dataframe"), or a static table's frame with the options that change what it
    shows (hide_index, hide_header, border) ("table")."""

    kind: Literal["chart", "dataframe", "table"]
    value: str | pd.DataFrame
    options: dict[str, Any] = field(default_factory=dict)


def capture(captures: Path, url: str, drawn: list[Drawn]) -> None:
    """What a page drew, in its order, for its floor page."""
    captures.mkdir(parents=True, exist_ok=True)
    (captures / f"{url}.pkl").write_bytes(pickle.dumps(drawn))


@st.cache_resource(show_spinner=False)
def captured(captures: Path, url: str) -> list[Drawn]:
    """A floor page's capture, read once per process as the app caches its figures and tables;
    figures rebuilt from their JSON once, so each rerun only draws."""
    drawn: list[Drawn] = pickle.loads((captures / f"{url}.pkl").read_bytes())
    return [
        replace(element, value=pio.from_json(element.value)) if element.kind == "chart" else element
        for element in drawn
    ]


def draw_floor(captures: Path, url: str) -> None:
    """The floor page at `url`: each captured element drawn bare, with the element the page used
    (a selectable chart, as every page's is)."""
    for index, element in enumerate(captured(captures, url)):
        if element.kind == "chart":
            st.plotly_chart(element.value, key=f"floor_chart{index}", on_select="rerun")
        elif element.kind == "table":
            st.table(element.value, **element.options)
        else:
            st.dataframe(element.value)


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
