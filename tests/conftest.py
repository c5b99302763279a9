"""Shared pytest configuration.

Under CI (environment variable ``CI`` set and not "0"/"false"), a skipped test fails the run:
a skip in CI almost always means a missing dependency or browser that should have been there.

Property tests (hypothesis) draw as many examples as the profile named by HYPOTHESIS_PROFILE
says: "full" unless told otherwise (CI and `make test`), "fast" for `make unit`'s quick loop.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, settings

if TYPE_CHECKING:
    from briefing import BriefingPack, PackRequest

# Parsing a plan is slow for hypothesis's taste, and `parse` is a session fixture it may share.
settings.register_profile(
    "full",
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.register_profile("fast", parent=settings.get_profile("full"), max_examples=20)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "full"))

REPO_ROOT = Path(__file__).resolve().parent.parent


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


_skipped: list[str] = []
# Lines a test files under the user property "summary" (e.g. axe-core's counts per page), shown
# at the end of the run: user properties reach this process from pytest-xdist workers too.
_summaries: list[str] = []


def pytest_collection_finish(session: pytest.Session) -> None:
    """What collection imported (pandas, Streamlit, plotly, hypothesis, the tests) lives as long
    as the worker: frozen out of the cyclic collector's reach, so each full collection during the
    run walks only what the tests made, not every imported library again."""
    gc.freeze()


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped and not hasattr(report, "wasxfail"):
        _skipped.append(report.nodeid)
    if report.when == "call":
        _summaries.extend(str(value) for name, value in report.user_properties if name == "summary")


def pytest_collectreport(report: pytest.CollectReport) -> None:
    if report.skipped:
        _skipped.append(report.nodeid or "<collection>")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if _in_ci() and _skipped and exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, exitstatus: int, config: pytest.Config
) -> None:
    if _summaries:
        terminalreporter.section("summaries filed by tests")
        for line in sorted(_summaries):
            terminalreporter.write_line(line)
    if _in_ci() and _skipped:
        terminalreporter.write_line(
            f"CI is set: {len(_skipped)} skipped test(s) count as failures "
            f"(first: {_skipped[0]}). Install what they need instead of skipping.",
            red=True,
            bold=True,
        )


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """Absolute path of the repository root."""
    return REPO_ROOT


@pytest.fixture(scope="session", autouse=True)
def _one_chart_browser_per_worker() -> Iterator[None]:
    """kaleido's Chromium (briefing.images) is started by the first pack a worker builds and
    closed when the worker's tests end, not at the end of each module that drew a chart: each
    start of the browser costs more than most tests. (It still closes by itself when idle.)"""
    yield
    images = sys.modules.get("briefing.images")
    if images is not None:
        images.stop()


@pytest.fixture(scope="session")
def built_pack() -> Callable[[PackRequest], BriefingPack]:
    """build_pack, each request built once per worker: the deck tests' packs and the app's
    download-button test ask for the same whole-plan pack (tests in xdist group "packs")."""
    from briefing import build_pack

    built: dict[tuple[object, ...], BriefingPack] = {}

    def build(request: PackRequest) -> BriefingPack:
        before = request.before
        key = (
            request.plan.digest,
            request.plan.source_name,
            request.spec,
            request.weights,
            request.plan_label,
            request.day(),
            None if before is None else (before.digest, before.source_name),
            request.compared_names,
        )
        if key not in built:
            built[key] = build_pack(request)
        return built[key]

    return build
