"""The benchmark's own copy of app.py: the same frame (plan, sidebar filters and weights, uploader,
briefing button, navigation), whose navigation gains, first, an empty page (the FRAME: what every
page pays before it draws anything) and one FLOOR page per dashboard page and working state: the
frame drawing the same figures and tables the page drew, bare, as they were captured from it.

A page's budget is measured against its floor (benchmarks/reports/speed.md): the floor is what
Streamlit and the frame cost to show that content, so the ratio is what the page's own code adds.
"""

from __future__ import annotations

import json
import pickle
import re
from pathlib import Path

import pandas as pd

from ui.registry import PAGES, PageEntry

REPO_ROOT = Path(__file__).resolve().parents[1]
APP = REPO_ROOT / "app.py"
BENCH_APP = REPO_ROOT / ".bench_app.py"  # beside app.py; ignored by git
FRAME_URL = "bench-frame"
FRAME_TITLE = "Frame (empty page)"

# Inserted into app.py before main() runs. The floor page reads what the page drew from
# CAPTURES/<url>.json (Plotly figures) and .pkl (tables), once per process, as the app caches its
# figures; each rerun only draws them.
_BENCH_PAGES = """
import json as _bench_json
import pickle as _bench_pickle
from pathlib import Path as _BenchPath

import plotly.io as _bench_pio

_BENCH_CAPTURES = _BenchPath({captures!r})


@st.cache_resource(show_spinner=False)
def _bench_captured(url):
    specs = _bench_json.loads((_BENCH_CAPTURES / f"{{url}}.json").read_text(encoding="utf-8"))
    frames = _bench_pickle.loads((_BENCH_CAPTURES / f"{{url}}.pkl").read_bytes())
    return [_bench_pio.from_json(spec) for spec in specs], frames


def _bench_floor(url):
    def draw():
        figures, frames = _bench_captured(url)
        for index, figure in enumerate(figures):
            st.plotly_chart(figure, key=f"floor_chart{{index}}", on_select="rerun")
        for frame in frames:
            st.dataframe(frame)

    return draw


PAGES.insert(0, st.Page(lambda: None, title={frame_title!r}, url_path={frame_url!r}))
for _bench_url, _bench_title in {floors!r}:
    PAGES.append(st.Page(_bench_floor(_bench_url), title=_bench_title, url_path=_bench_url))
"""


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


def capture(captures: Path, url: str, specs: list[str], frames: list[pd.DataFrame]) -> None:
    """What a page drew, for its floor page: figure JSON as Streamlit sent it, and tables."""
    captures.mkdir(parents=True, exist_ok=True)
    (captures / f"{url}.json").write_text(json.dumps(specs), encoding="utf-8")
    (captures / f"{url}.pkl").write_bytes(pickle.dumps(frames))
