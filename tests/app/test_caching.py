"""What the app caches and when it lets go: the plan file is read again when it changes, a
chart's JSON stays the same from one rerun to the next (a chart whose JSON changes loses the
selection just made on it), and a switch to another page and back computes nothing again."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from analysis import FilterSpec
from analysis.measures import audit, timeline
from analysis.planfile.load import BUNDLED_PLAN
from ui import render
from ui.context import ViewContext
from ui.derived import computation, derived_shared
from ui.plan_name import PlanName
from ui.plans import plan_from_file

from .conftest import MakeApp

PAGES_WITH_CHARTS = ["overview", "workload", "matrix", "timeline", "network"]
# Each test starts from nothing cached: a first computation is what they are about.
pytestmark = pytest.mark.usefixtures("cold_caches")


def _specs(at: object) -> list[str]:
    return [chart.proto.spec for chart in at.get("plotly_chart")]  # type: ignore[attr-defined]


@pytest.mark.parametrize("page_name", PAGES_WITH_CHARTS)
def test_a_chart_is_the_same_json_on_every_rerun(make_app: MakeApp, page_name: str) -> None:
    at = make_app(page_name)
    first = _specs(at)
    assert first
    at.run()
    assert _specs(at) == first
    # Away under a filter and back: the figure cached for no filter is drawn again as it was.
    at.multiselect(key="f_units").set_value(["BDT"]).run()
    at.multiselect(key="f_units").set_value([]).run()
    assert not at.exception
    assert _specs(at) == first


def _without_activity(text: str, activity_id: str) -> str:
    lines = text.splitlines(keepends=True)
    return "".join(line for line in lines if not line.startswith(f"{activity_id},"))


def test_a_plan_file_changed_on_disk_is_read_again(make_app: MakeApp, tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    text = BUNDLED_PLAN.read_text(encoding="utf-8-sig")
    path.write_text(text, encoding="utf-8")
    at = make_app(plan_csv=path)
    assert at.metric[0].value == "54"
    # A40, "UN Global Alliance", is one line with no sub-activities.
    path.write_text(_without_activity(text, "A40"), encoding="utf-8")
    at.run()
    assert not at.exception
    assert at.metric[0].value == "53"


def test_the_plan_is_one_object_until_its_file_changes(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    text = BUNDLED_PLAN.read_text(encoding="utf-8-sig")
    path.write_text(text, encoding="utf-8")
    first = plan_from_file(path)
    assert plan_from_file(path) is first
    path.write_text(_without_activity(text, "A40"), encoding="utf-8")
    changed = plan_from_file(path)
    assert len(changed.activities) == 53
    assert changed.digest != first.digest
    # Same size and content, touched: read again, and the same plan comes out.
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert plan_from_file(path).digest == changed.digest


def _context() -> ViewContext:
    plan = plan_from_file(BUNDLED_PLAN)
    name = PlanName("bundled", "data/plan.csv")
    return ViewContext(plan=plan, view=plan, spec=FilterSpec(), plan_name=name)


def test_two_computations_never_share_an_entry() -> None:
    """Overview's and Plan's 'audit counts' once shared a name for two computations (each
    page's findings): the key is the function, wherever it is written, not a name."""
    context = _context()
    first = derived_shared(context, lambda: "first")
    second = derived_shared(context, lambda: "second")
    assert (first, second) == ("first", "second")


def test_one_computation_is_computed_once() -> None:
    context = _context()
    calls: list[int] = []

    def count_call() -> int:
        calls.append(1)
        return len(calls)

    assert [derived_shared(context, count_call), derived_shared(context, count_call)] == [1, 1]
    assert derived_shared(context, count_call, "another setting") == 2


def test_a_computation_is_named_by_where_it_is_written() -> None:
    first, second = (lambda: 1), (lambda: 1)
    assert computation(first) != computation(second)
    assert computation(first) == computation(first)
    assert "test_caching.py" in computation(first)


def test_a_page_switch_and_back_computes_nothing_again(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Overview, Timeline, Overview, Timeline: each page's figures are computed, and its static
    tables escaped for Markdown, on its first visit only (pages import these functions on every
    run, so the counters see every call)."""
    calls = {"overview_audit": 0, "timeline_lanes": 0, "markdown_cells": 0}

    def counted(module: object, name: str) -> None:
        original = getattr(module, name)

        def count(*args: object, **kwargs: object) -> object:
            calls[name] += 1
            return original(*args, **kwargs)

        monkeypatch.setattr(module, name, count)

    counted(audit, "overview_audit")
    counted(timeline, "timeline_lanes")
    counted(render, "markdown_cells")
    at = make_app("overview")
    for page in ["timeline", "overview", "timeline", "overview"]:
        at.switch_page(f"pages/{page}.py").run()
        assert not at.exception
    # Overview's "What needs a decision", Timeline's next and unconfirmed meetings.
    assert len(at.table) == 1
    assert calls == {"overview_audit": 1, "timeline_lanes": 1, "markdown_cells": 3}
