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
from dataclasses import dataclass, field, replace
from pathlib import Path

import streamlit as st
from streamlit.navigation.page import StreamlitPage
from streamlit.proto.Element_pb2 import Element as ElementProto
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.RootContainer_pb2 import RootContainer
from streamlit.proto.Table_pb2 import Table as TableProto
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.runtime.scriptrunner.script_runner import ScriptRunner
from streamlit.testing.v1 import AppTest, app_test, element_tree, local_script_runner
from streamlit.testing.v1.element_tree import Dataframe, ElementTree, Node, Table

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
from ui.plans import WHATIF_CSV_KEY, EditedPlanCsv
from ui.registry import PageEntry

TIMEOUT_S = 300
MAIN = RootContainer.MAIN
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
    edited_csv = EditedPlanCsv.of(plan_csv_bytes(apply_edits(plan, edits)))
    move = "one edit"
    return {
        "whatif": (move, {"whatif_edits": edits}),
        "compare": ("what-if plan", {WHATIF_CSV_KEY: edited_csv}),
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
def floor_widgets() -> Iterator[None]:
    """A floor sends the page's widgets again without registering them (it only draws them), so
    AppTest finds no state for them when it gathers the widgets' values for the next run: they
    send none, as a browser's would to a server that does not know them."""
    original = element_tree.get_widget_state

    def known_only(node: Node) -> WidgetState | None:
        try:
            return original(node)
        except KeyError:
            return None

    element_tree.get_widget_state = known_only
    try:
        yield
    finally:
        element_tree.get_widget_state = original


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
    messages: list[ForwardMsg] = []
    with (
        navigation_mode(),
        server_script_cache(),
        plan_env(plan_csv),
        kept_messages(messages),
        floor_widgets(),
    ):
        at = open_bench_app(script)
        results.append(time_frame(at, repeats))
        frame_elements = len(drawn_elements(messages))  # what app.py draws above every page
        for page in pages:
            switch_to(at, page_url(page)).run()
            results.append(_time_page(at, page, "", repeats, folder, (messages, frame_elements)))
            if page.name in states:
                state, values = states[page.name]
                for key, value in values.items():
                    at.session_state[key] = value
                switch_to(at, page_url(page))
                first_s = timed_runs(at, 1)[0]
                timing = _time_page(at, page, state, repeats, folder, (messages, frame_elements))
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


@contextlib.contextmanager
def kept_messages(messages: list[ForwardMsg]) -> Iterator[None]:
    """Keeps, in `messages`, the messages of AppTest's last run: the element tree AppTest makes of
    them keeps only part of each block's and element's proto, and a floor sends them again."""
    original = local_script_runner.parse_tree_from_messages

    def keep(sent: list[ForwardMsg]) -> ElementTree:
        messages[:] = sent
        return original(sent)

    local_script_runner.parse_tree_from_messages = keep  # type: ignore[attr-defined]
    try:
        yield
    finally:
        local_script_runner.parse_tree_from_messages = original  # type: ignore[attr-defined]


def drawn_elements(messages: list[ForwardMsg], skip: int = 0) -> list[Drawn]:
    """Everything a run drew in the main area, in order and in its layout blocks, from its
    messages (kept_messages); the first `skip` are the frame's (app.py's own, above every page).
    An element sent again at the same place (into an st.empty) replaces the one before."""
    top: dict[int, Drawn] = {}
    blocks: dict[tuple[int, ...], dict[int, Drawn]] = {(): top}
    for message in messages:
        path = tuple(message.metadata.delta_path)
        if not message.HasField("delta") or len(path) < 2 or path[0] != MAIN:
            continue
        where = blocks.get(path[1:-1])
        if where is None or (len(path) == 2 and path[1] < skip):
            continue
        delta = message.delta
        if delta.HasField("add_block"):
            block = Drawn("block", delta.add_block.SerializeToString())
            where[path[-1]] = block
            blocks[path[1:]] = {}
        elif delta.HasField("new_element"):
            where[path[-1]] = _drawn(delta.new_element)
    return _ordered(top, blocks, ())


def _ordered(
    drawn: dict[int, Drawn], blocks: dict[tuple[int, ...], dict[int, Drawn]], at: tuple[int, ...]
) -> list[Drawn]:
    ordered = []
    for index in sorted(drawn):
        element = drawn[index]
        if element.kind == "block":
            element = replace(
                element, children=_ordered(blocks[(*at, index)], blocks, (*at, index))
            )
        ordered.append(element)
    return ordered


def _drawn(element: ElementProto) -> Drawn:
    kind = element.WhichOneof("type")
    if kind == "plotly_chart":
        return Drawn("chart", element.plotly_chart.spec)
    if kind == "dataframe":
        return Drawn("dataframe", Dataframe(element.dataframe, ElementTree()).value)
    if kind == "table":
        options = {
            "hide_index": element.table.hide_index,
            "hide_header": element.table.hide_header,
            "border": _BORDERS[element.table.border_mode],
        }
        return Drawn("table", Table(element.table, ElementTree()).value, options)
    return Drawn("element", (kind, getattr(element, str(kind)).SerializeToString()))


def drawn_counts(drawn: list[Drawn]) -> tuple[int, int]:
    """(charts, data grids and static tables) among what a page drew, at any depth."""
    charts = tables = 0
    for element in drawn:
        below = drawn_counts(element.children)
        charts += below[0] + (element.kind == "chart")
        tables += below[1] + (element.kind in ("dataframe", "table"))
    return charts, tables


def _time_page(
    at: AppTest,
    page: PageEntry,
    state: str,
    repeats: int,
    folder: Path,
    sent: tuple[list[ForwardMsg], int],
) -> PageTiming:
    """Warm reruns of the page AppTest is on, in the state it is in, alternating with warm reruns
    of its floor page (when the page draws a chart or a table). `sent`: the last run's messages
    (kept_messages) and how many of the main area's elements are the frame's."""
    warm_s = timed_runs(at, 1)[0]  # warm: the page's own caches are filled
    error = _exception_text(at)
    drawn = drawn_elements(*sent)
    charts, tables = drawn_counts(drawn)
    timing = PageTiming(page.name, charts, tables, state, error=error)
    floor = floor_url(page, state) if charts or tables else None
    if floor is not None:
        capture(folder / "captures", floor, drawn)
    # A rerun ten times over budget is not repeated: that warm run is the one sample.
    slow = warm_s >= SLOW_RERUN_S
    if slow:
        timing.error = (timing.error + " " if timing.error else "") + "timed once (slow)"
        timing.page_s = [warm_s]
    # Page and floor alternate, each timed on the rerun after the switch to it, so that other
    # work on the machine weighs on both alike.
    for _ in range(1 if slow else repeats):
        if not slow:
            switch_to(at, page_url(page)).run()
            with page_body_clock(timing.body_s):
                timing.page_s += timed_runs(at, 1)
            timing.error = timing.error or _exception_text(at)
        if floor is not None:
            switch_to(at, floor).run()
            timing.floor_s += timed_runs(at, 1)
    if floor is not None and at.exception:
        timing.error = (
            (timing.error + " " if timing.error else "") + "floor: " + _exception_text(at)
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
