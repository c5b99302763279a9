"""AppTest fixtures: the real app.py, run in-process; what one session or file left behind is
forgotten between tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.components.v2 import manifest_scanner
from streamlit.runtime.caching.cache_resource_api import clear_session_cache
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from benchmarks.generate import write_plan
from ui.registry import page_named
from ui.streamlit_quirks import leave_legacy_pages_mode

APP = str(Path(__file__).resolve().parents[2] / "app.py")

MakeApp = Callable[..., AppTest]
BIG_SCALE = 25  # 25 copies of the bundled plan: 1,150 events, over the 1,000 drawn one by one


@pytest.fixture(scope="session", autouse=True)
def _components_scanned_once() -> Iterator[None]:
    """Scan the installed packages for Streamlit components once, as a server does when it
    starts: AppTest scans them again for every new app, reading the metadata of every package
    in the environment, and none is installed while the tests run."""
    found = manifest_scanner.scan_component_manifests()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(manifest_scanner, "scan_component_manifests", lambda *_, **__: found)
        yield


@pytest.fixture(autouse=True)
def _navigation_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run apps as the server does after its first run: st.navigation, not the legacy pages/
    folder mode. AppTest forgets the mode before every run, finds our pages/ folder and would
    otherwise run a page's file alone on reruns, without app.py's sidebar."""
    original_init = PagesManager.__init__

    def init(self: PagesManager, *args: object, **kwargs: object) -> None:
        original_init(self, *args, **kwargs)  # type: ignore[arg-type]
        leave_legacy_pages_mode()

    monkeypatch.setattr(PagesManager, "__init__", init)


# Every AppTest runs as this one session (Streamlit's LocalScriptRunner).
APPTEST_SESSION = "test session id"


def _forget_the_session() -> None:
    """Forget what a session or a plan file leaves behind: the session's own caches (edits,
    comparisons), the uploads kept, the last good plan of each file. The other caches are keyed
    by what they are computed from (a plan's bytes or digest, the filters, the settings): an
    entry holds what any test would compute, so they are kept for the worker's run, as a server
    keeps them for every session."""
    # Imported here: ui.plans makes its caches on import, and outside a running app Streamlit
    # logs a warning for that, which a conftest's import would print into the test log.
    from ui import plans

    clear_session_cache(APPTEST_SESSION)
    for registry in (plans._uploaded_plans, plans._last_good_plans):
        registry.clear()


@pytest.fixture(autouse=True)
def _no_state_left_behind() -> Iterator[None]:
    _forget_the_session()
    yield
    _forget_the_session()


@pytest.fixture
def cold_caches() -> Iterator[None]:
    """Every cache empty, before and after: for tests of what is computed on a first visit."""
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def make_app(monkeypatch: pytest.MonkeyPatch) -> MakeApp:
    """make_app(page="workload", query={"unit": ["BDT"]}, plan_csv=None) -> AppTest already run
    on that page."""

    def make(
        page: str = "overview",
        query: dict[str, str | list[str]] | None = None,
        plan_csv: str | Path | None = None,
    ) -> AppTest:
        if plan_csv is None:
            monkeypatch.delenv("PLAN_CSV", raising=False)
        else:
            monkeypatch.setenv("PLAN_CSV", str(plan_csv))
        at = AppTest.from_file(APP, default_timeout=60)
        for name, value in (query or {}).items():
            at.query_params[name] = value
        # Straight to the page, as a link to it opens (no Overview run first): every page's
        # url_path is its file's name, the hash AppTest gives a page before the first run.
        if page != "overview":
            at.switch_page(page_named(page).path)
        at.run()
        return at

    return make


@pytest.fixture(scope="session")
def big_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A plan of BIG_SCALE copies of the bundled one (benchmarks.generate)."""
    return write_plan(BIG_SCALE, tmp_path_factory.mktemp("plans") / "big.csv")
