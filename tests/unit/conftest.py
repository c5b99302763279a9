"""Fixtures for the analysis tests: the bundled plan, and tiny plans built from CSV text."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest

from analysis.model import Plan
from analysis.planfile.load import load_plan, parse_plan, read_reference
from briefing import BriefingPack, PackRequest

from .pack_views import PACK_DAY, PACK_VIEWS
from .plan_text import SOURCE_PATH


@pytest.fixture(scope="session")
def plan() -> Plan:
    """The bundled data/plan.csv. Session-scoped: tests must not mutate it (test_architecture
    checks the analysis functions do not)."""
    return load_plan()


@pytest.fixture(scope="session")
def reference() -> tuple[pd.DataFrame, pd.DataFrame]:
    return read_reference()


@pytest.fixture(scope="session")
def parse(reference: tuple[pd.DataFrame, pd.DataFrame]) -> Callable[..., Plan]:
    """parse(text_or_bytes, name="test.csv") -> Plan, checked against the bundled reference."""
    units, organisations = reference

    def run(content: str | bytes, name: str = "test.csv") -> Plan:
        raw = content.encode("utf-8") if isinstance(content, str) else content
        return parse_plan(raw, name, units, organisations)

    return run


@pytest.fixture(scope="session")
def source_text() -> str:
    return SOURCE_PATH.read_text(encoding="utf-8")


# The deck and legibility tests read the same packs; both modules are in xdist group "packs", so
# one worker builds each pack once (a pack is several seconds of Chromium through kaleido), and
# the app's download-button test (in that group too) is handed the same whole-plan pack.
@pytest.fixture(scope="session")
def packs(
    plan: Plan, built_pack: Callable[[PackRequest], BriefingPack]
) -> dict[str, tuple[bytes, str]]:
    """{view: (deck bytes, report HTML)} for the bundled plan on PACK_DAY."""
    built = {}
    for name, spec in PACK_VIEWS.items():
        pack = built_pack(PackRequest(plan, spec, today=PACK_DAY))
        built[name] = (pack.deck, pack.report)
    return built
