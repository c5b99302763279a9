"""Warm reruns of every page under AppTest, beside its FLOOR: the app's own frame drawing the same
figures and tables bare, in place of the page (benchmarks/bench_app.py). Times are CPU time of the
process (the script thread's work), so they hold on a machine other work shares. Also a cProfile
of a page's warm reruns."""

from __future__ import annotations

import contextlib
import cProfile
import io
import os
import pstats
import statistics
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import streamlit as st
from streamlit.navigation.page import StreamlitPage
from streamlit.proto.Table_pb2 import Table as TableProto
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.runtime.scriptrunner.script_runner import ScriptRunner
from streamlit.testing.v1 import AppTest, app_test, local_script_runner
from streamlit.testing.v1.element_tree import Dataframe, Table

from analysis import Plan
from analysis.changes.whatif import MoveRole, apply_edits
from analysis.planfile.load import BUNDLED_PLAN, load_plan
from analysis.planfile.plan_csv import plan_csv_bytes
from benchmarks.bench_app import (
    BENCH_APP,
    FRAME_URL,
    REPO_ROOT,
    Drawn,
    bench_app_source,
    capture,
    floor_url,
    page_url,
)
from ui.registry import PageEntry

TIMEOUT_S = 300
SLOW_RERUN_S = 10.0
FRAME = "frame"


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
    """CPU seconds of each of `repeats` reruns (AppTest's thread waits while the script runs)."""
    times = []
    for _ in range(repeats):
        start = time.process_time()
        at.run()
        times.append(time.process_time() - start)
    return times


@contextlib.contextmanager
def page_body_clock(times: list[float]) -> Iterator[None]:
    """Records the CPU time each run spends in the page itself (StreamlitPage.run), so the
    frame's share (app.py: plan, sidebar, navigation) is known."""
    original = StreamlitPage.run

    def clocked(self: StreamlitPage) -> None:
        start = time.thread_time()
        try:
            original(self)
        finally:
            times.append(time.thread_time() - start)

    StreamlitPage.run = clocked  # type: ignore[method-assign]
    try:
        yield
    finally:
        StreamlitPage.run = original  # type: ignore[method-assign]


def _exception_text(at: AppTest) -> str:
    return "; ".join(str(e.value)[:200] for e in at.exception) if at.exception else ""


def switch_to(at: AppTest, url_path: str) -> AppTest:
    """Switch to the page registered at this URL path (a file page or a callable one: AppTest's
    switch_page only finds pages by file, relative to the main script)."""
    for page_hash, info in at._registered_pages.items():
        if info.get("url_pathname") == url_path:
            at._page_hash = page_hash
            return at
    raise ValueError(f"no page at /{url_path} in {at._script_path}")


def write_bench_app(folder: Path, states: dict[str, str]) -> Path:
    """benchmarks/bench_app.py's script beside app.py, its floor pages reading folder/captures."""
    folder.mkdir(parents=True, exist_ok=True)
    BENCH_APP.write_text(bench_app_source(folder / "captures", states), encoding="utf-8")
    return BENCH_APP


def open_bench_app(script: Path) -> AppTest:
    at = AppTest.from_file(str(script), default_timeout=TIMEOUT_S)
    at.run()
    return at


def time_frame(at: AppTest, repeats: int) -> PageTiming:
    """The frame's warm rerun: app.py with an empty page, what every page and floor pays."""
    timing = PageTiming(FRAME, 0, 0, "app.py with an empty page")
    switch_to(at, FRAME_URL).run()
    at.run()
    timing.error = _exception_text(at)
    timing.page_s = timed_runs(at, repeats)
    return timing


def time_pages(
    plan_csv: Path | None, pages: list[PageEntry], repeats: int, folder: Path
) -> list[PageTiming]:
    """Per page (and per working state of a page that opens empty): warm rerun CPU times of the
    page and of its floor. `folder` keeps the bench app and the captured figures and tables,
    for the browser run that follows."""
    results: list[PageTiming] = []
    states = working_states(load_plan(plan_csv or BUNDLED_PLAN))
    script = write_bench_app(folder, {name: state for name, (state, _) in states.items()})
    st.cache_data.clear()
    st.cache_resource.clear()
    with navigation_mode(), server_script_cache(), plan_env(plan_csv):
        at = open_bench_app(script)
        results.append(time_frame(at, repeats))
        for page in pages:
            switch_to(at, page_url(page)).run()
            results.append(_time_page(at, page, "", repeats, folder))
            if page.name in states:
                state, values = states[page.name]
                for key, value in values.items():
                    at.session_state[key] = value
                switch_to(at, page_url(page))
                first_s = timed_runs(at, 1)[0]
                timing = _time_page(at, page, state, repeats, folder)
                timing.first_s = first_s
                results.append(timing)
                for key in values:
                    del at.session_state[key]
    st.cache_data.clear()
    st.cache_resource.clear()
    return results


_BORDERS: dict[int, bool | str] = {
    TableProto.BorderMode.ALL: True,
    TableProto.BorderMode.NONE: False,
    TableProto.BorderMode.HORIZONTAL: "horizontal",
}


def drawn_elements(at: AppTest) -> list[Drawn]:
    """The charts, data grids and static tables of the page AppTest is on, in the page's order."""
    drawn = []
    for node in at.main:
        if node.type == "plotly_chart":
            drawn.append(Drawn("chart", node.proto.spec))
        elif isinstance(node, Dataframe):
            drawn.append(Drawn("dataframe", node.value))
        elif isinstance(node, Table):
            options = {
                "hide_index": node.proto.hide_index,
                "hide_header": node.proto.hide_header,
                "border": _BORDERS[node.proto.border_mode],
            }
            drawn.append(Drawn("table", node.value, options))
    return drawn


def _time_page(at: AppTest, page: PageEntry, state: str, repeats: int, folder: Path) -> PageTiming:
    """Warm reruns of the page AppTest is on, in the state it is in, then of its floor page."""
    warm_s = timed_runs(at, 1)[0]  # warm: the page's own caches are filled
    error = _exception_text(at)
    drawn = drawn_elements(at)
    charts = sum(element.kind == "chart" for element in drawn)
    timing = PageTiming(page.name, charts, len(drawn) - charts, state, error=error)
    # A rerun ten times over budget is not repeated: that warm run is the one sample.
    runs = repeats if warm_s < SLOW_RERUN_S else 1
    if runs == 1:
        timing.error = (timing.error + " " if timing.error else "") + "timed once (slow)"
        timing.page_s = [warm_s]
    else:
        with page_body_clock(timing.body_s):
            timing.page_s = timed_runs(at, runs)
    timing.error = timing.error or _exception_text(at)
    if drawn:
        floor = floor_url(page, state)
        capture(folder / "captures", floor, drawn)
        switch_to(at, floor).run()
        at.run()  # warm, as the page is
        timing.floor_s = timed_runs(at, runs)
        if at.exception:
            timing.error = (
                (timing.error + " " if timing.error else "") + "floor: " + (_exception_text(at))
            )
        switch_to(at, page_url(page))
    return timing


def profile_page(plan_csv: Path | None, page: PageEntry, repeats: int = 5, top: int = 25) -> str:
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
        at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=TIMEOUT_S)
        at.run()
        switch_to(at, page_url(page)).run()
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
