"""Shared pytest configuration.

Under CI (environment variable ``CI`` set and not "0"/"false"), a skipped test fails the run:
a skip in CI almost always means a missing dependency or browser that should have been there.

Property tests (hypothesis) draw as many examples as the profile named by HYPOTHESIS_PROFILE
says: "full" unless told otherwise (CI and `make test`), "fast" for `make unit`'s quick loop.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

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
