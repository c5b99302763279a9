"""Warm reruns of every page under AppTest, beside the FLOOR: the same figures and tables drawn
by a bare script that does nothing else. Also a cProfile of a page's warm reruns."""

from __future__ import annotations

import contextlib
import cProfile
import io
import json
import os
import pickle
import pstats
import re
import statistics
import tempfile
import textwrap
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.navigation.page import StreamlitPage
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.runtime.scriptrunner.script_runner import ScriptRunner
from streamlit.testing.v1 import AppTest, app_test, local_script_runner

from analysis import Plan
from analysis.export import plan_csv_bytes
from analysis.load import BUNDLED_PLAN, load_plan
from analysis.whatif import MoveRole, apply_edits
from benchmarks.pages_list import APP, PageRef

TIMEOUT_S = 300
SLOW_RERUN_S = 10.0

# The floor: each rerun builds the captured figures from JSON and draws them, and draws the
# captured tables; reading the files is cached, as the real app caches its plan.
FLOOR_SCRIPT = textwrap.dedent(
    """
    import json
    import pickle

    import plotly.io as pio
    import streamlit as st

    @st.cache_resource
    def captured():
        with open({specs!r}, encoding="utf-8") as handle:
            specs = json.load(handle)
        with open({frames!r}, "rb") as handle:
            frames = pickle.load(handle)
        return specs, frames

    specs, frames = captured()
    for index, spec in enumerate(specs):
        st.plotly_chart(pio.from_json(spec), key=f"chart{{index}}", on_select="rerun")
    for frame in frames:
        st.dataframe(frame)
    """
)


@dataclass
class PageTiming:
    page: str
    charts: int
    tables: int
    state: str = ""  # "" for the page as it opens; else the working state it was put in
    first_s: float | None = None  # working states: the first, cold run after the action
    page_s: list[float] = field(default_factory=list)
    body_s: list[float] = field(default_factory=list)  # the page file alone, without app.py
    floor_s: list[float] = field(default_factory=list)
    error: str = ""

    @property
    def label(self) -> str:
        return f"{self.page} ({self.state})" if self.state else self.page

    @property
    def page_median(self) -> float | None:
        return statistics.median(self.page_s) if self.page_s else None

    @property
    def body_median(self) -> float | None:
        return statistics.median(self.body_s) if self.body_s else None

    @property
    def floor_median(self) -> float | None:
        return statistics.median(self.floor_s) if self.floor_s else None

    @property
    def ratio(self) -> float | None:
        if self.page_median is None or not self.floor_median:
            return None
        return self.page_median / self.floor_median


def working_states(plan: Plan) -> dict[str, tuple[str, dict[str, object]]]:
    """Pages that draw no chart until the user acts, by page name: (what the state is, the
    session state the page itself sets after that action). What-if gets one edit, moving every
    role of the unit with the most leads to the unit with the fewest roles; Compare plans gets
    the plan that edit makes, handed over as the What-if page's button does."""
    roles = plan.assignments
    busiest = str(roles.loc[roles["role"] == "lead", "unit"].value_counts().index[0])
    others = roles.loc[roles["unit"] != busiest, "unit"].value_counts()
    edits = [MoveRole(None, busiest, str(others.index[-1]))]
    edited_csv = plan_csv_bytes(apply_edits(plan, edits)).decode("utf-8")
    move = "one edit"
    return {
        "whatif": (move, {"whatif_edits": edits}),
        "compare": ("what-if plan", {"whatif_csv": edited_csv}),
    }


@contextlib.contextmanager
def navigation_mode() -> Iterator[None]:
    """The same patch as tests/app/conftest.py `_navigation_mode` (replicated, not imported, so
    the benchmark does not need pytest): AppTest forgets the st.navigation mode before every run,
    finds our pages/ folder and would otherwise rerun a page's file alone, without app.py."""
    original_init = PagesManager.__init__

    def init(self: PagesManager, *args: object, **kwargs: object) -> None:
        original_init(self, *args, **kwargs)  # type: ignore[arg-type]
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init  # type: ignore[method-assign]
    try:
        yield
    finally:
        PagesManager.__init__ = original_init  # type: ignore[method-assign]


@contextlib.contextmanager
def server_script_cache() -> Iterator[None]:
    """One ScriptCache for every run, as `streamlit run` has (one per Runtime, shared by every
    session and rerun). AppTest builds a new one per run, so without this each "warm" rerun would
    read, magic-transform and compile app.py and the page file again: about 30 ms a rerun that
    the server never spends, and that the floor's three-line script hardly pays."""
    shared = ScriptCache()
    modules = (app_test, local_script_runner)
    originals = [module.ScriptCache for module in modules]  # type: ignore[attr-defined]
    for module in modules:
        module.ScriptCache = lambda: shared  # type: ignore[attr-defined]
    try:
        yield
    finally:
        for module, original in zip(modules, originals, strict=True):
            module.ScriptCache = original  # type: ignore[attr-defined]


@contextlib.contextmanager
def plan_env(plan_csv: Path | None) -> Iterator[None]:
    before = os.environ.get("PLAN_CSV")
    if plan_csv is None:
        os.environ.pop("PLAN_CSV", None)
    else:
        os.environ["PLAN_CSV"] = str(plan_csv)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("PLAN_CSV", None)
        else:
            os.environ["PLAN_CSV"] = before


def timed_runs(at: AppTest, repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
    return times


@contextlib.contextmanager
def page_body_clock(times: list[float]) -> Iterator[None]:
    """Records how long each run spends in the page file itself (StreamlitPage.run), so the
    frame's share (app.py: plan, sidebar filters, apply_filters) is known."""
    original = StreamlitPage.run

    def clocked(self: StreamlitPage) -> None:
        start = time.perf_counter()
        try:
            original(self)
        finally:
            times.append(time.perf_counter() - start)

    StreamlitPage.run = clocked  # type: ignore[method-assign]
    try:
        yield
    finally:
        StreamlitPage.run = original  # type: ignore[method-assign]


def _exception_text(at: AppTest) -> str:
    return "; ".join(str(e.value)[:200] for e in at.exception) if at.exception else ""


def open_app(plan_csv: Path | None) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
    at.run()
    return at


def time_floor(specs: list[str], frames: list[pd.DataFrame], repeats: int) -> list[float]:
    with tempfile.TemporaryDirectory(prefix="wsis-floor-") as tmp:
        specs_file, frames_file = Path(tmp) / "specs.json", Path(tmp) / "frames.pkl"
        specs_file.write_text(json.dumps(specs), encoding="utf-8")
        frames_file.write_bytes(pickle.dumps(frames))
        script = Path(tmp) / "floor.py"
        script.write_text(
            FLOOR_SCRIPT.format(specs=str(specs_file), frames=str(frames_file)), encoding="utf-8"
        )
        with server_script_cache():
            floor = AppTest.from_file(str(script), default_timeout=TIMEOUT_S)
            floor.run()
            floor.run()  # warm, as the page is
            times = timed_runs(floor, repeats)
        st.cache_resource.clear()
        return times


FRAME = "frame"


def frame_script() -> str:
    """app.py with an empty page as its default page: what every page pays before drawing
    anything (the plan, the sidebar, the navigation). Page paths are made absolute, for the
    script runs from a temporary folder."""
    source = APP.read_text(encoding="utf-8").replace("default=True", "default=False")
    source = re.sub(
        r'st\.Page\(\s*"(pages/[\w-]+\.py)"',
        lambda match: f"st.Page({str(APP.parent / match[1])!r}",
        source,
    )
    empty = 'st.Page(lambda: None, title="Empty", url_path="empty", default=True),'
    return source.replace("PAGES = [", f"PAGES = [\n    {empty}", 1)


def time_frame(repeats: int) -> PageTiming:
    """The frame's warm rerun beside an empty script's (its floor: no figure to draw)."""
    timing = PageTiming(FRAME, 0, 0, "app.py with an empty page")
    with tempfile.TemporaryDirectory(prefix="wsis-frame-") as tmp:
        script = Path(tmp) / "frame.py"
        script.write_text(frame_script(), encoding="utf-8")
        at = AppTest.from_file(str(script), default_timeout=TIMEOUT_S)
        at.run()
        at.run()
        timing.error = _exception_text(at)
        with page_body_clock(timing.body_s):
            timing.page_s = timed_runs(at, repeats)
    timing.floor_s = time_floor([], [], repeats)
    return timing


def time_pages(plan_csv: Path | None, pages: list[PageRef], repeats: int) -> list[PageTiming]:
    """Per page (and per working state of a page that opens empty): median-ready lists of warm
    rerun times of the page and of its floor."""
    results: list[PageTiming] = []
    states = working_states(load_plan(plan_csv or BUNDLED_PLAN))
    st.cache_data.clear()
    st.cache_resource.clear()
    with navigation_mode(), server_script_cache(), plan_env(plan_csv):
        results.append(time_frame(repeats))
        at = open_app(plan_csv)
        for page in pages:
            at.switch_page(page.path).run()
            results.append(_time_page(at, page, "", repeats))
            if page.name in states:
                state, values = states[page.name]
                for key, value in values.items():
                    at.session_state[key] = value
                first_s = timed_runs(at, 1)[0]
                timing = _time_page(at, page, state, repeats)
                timing.first_s = first_s
                results.append(timing)
                for key in values:
                    del at.session_state[key]
    st.cache_data.clear()
    st.cache_resource.clear()
    return results


def _time_page(at: AppTest, page: PageRef, state: str, repeats: int) -> PageTiming:
    """Warm reruns of the page AppTest is on, in the state it is in, and of its floor."""
    warm_s = timed_runs(at, 1)[0]  # warm: the page's own caches are filled
    error = _exception_text(at)
    specs = [element.proto.spec for element in at.get("plotly_chart")]
    frames = [table.value for table in at.dataframe]
    timing = PageTiming(page.name, len(specs), len(frames), state, error=error)
    # A rerun ten times over budget is not repeated: that warm run is the one sample.
    runs = repeats if warm_s < SLOW_RERUN_S else 1
    if runs == 1:
        timing.error = (timing.error + " " if timing.error else "") + "timed once (slow)"
        timing.page_s = [warm_s]
    else:
        with page_body_clock(timing.body_s):
            timing.page_s = timed_runs(at, runs)
    timing.error = timing.error or _exception_text(at)
    timing.floor_s = time_floor(specs, frames, runs)
    return timing


def profile_page(plan_csv: Path | None, page: PageRef, repeats: int = 5, top: int = 25) -> str:
    """cProfile of `repeats` warm reruns of one page, taken inside the script thread (AppTest runs
    the script in a thread of its own, which cProfile would not see from here)."""
    profiler = cProfile.Profile()
    original = ScriptRunner._run_script

    def profiled(self: ScriptRunner, *args: object, **kwargs: object) -> None:
        profiler.enable()
        try:
            original(self, *args, **kwargs)  # type: ignore[arg-type]
        finally:
            profiler.disable()

    st.cache_data.clear()
    st.cache_resource.clear()
    with navigation_mode(), server_script_cache(), plan_env(plan_csv):
        at = open_app(plan_csv)
        at.switch_page(page.path).run()
        at.run()
        ScriptRunner._run_script = profiled  # type: ignore[method-assign]
        try:
            timed_runs(at, repeats)
        finally:
            ScriptRunner._run_script = original  # type: ignore[method-assign]
    st.cache_data.clear()
    st.cache_resource.clear()
    out = io.StringIO()
    stats = (
        pstats.Stats(profiler, stream=out)
        .strip_dirs()
        .sort_stats(os.environ.get("PROFILE_SORT", "cumulative"))
    )
    stats.print_stats(top)
    return out.getvalue()


def median_seconds(run: Callable[[], object], repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)
