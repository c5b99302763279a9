"""The sidebar's 'Download briefing pack': nothing is built until the button is pressed; then
both downloads are offered, named after the filters, and dropped when the filters change."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from briefing import images
from ui.briefing import BUILD_BUTTON_KEY, PACK_KEY

from .conftest import MakeApp


@pytest.fixture(scope="module", autouse=True)
def _close_chromium() -> Iterator[None]:
    yield
    images.stop()


def test_builds_only_on_demand_and_offers_two_downloads(make_app: MakeApp) -> None:
    at = make_app(query={"pillar": ["Internet Governance"]})
    assert not at.exception
    assert PACK_KEY not in at.session_state
    assert not at.get("download_button")
    at.button(key=BUILD_BUTTON_KEY).click().run()
    assert not at.exception
    pack = at.session_state[PACK_KEY]
    assert pack["deck"].startswith(b"PK")
    assert "TSB leads 2 of 3 Internet Governance activities." in pack["report"]
    assert pack["stem"].startswith("wsis-briefing-pillar-internet-governance-")
    assert len(at.get("download_button")) == 2
    # Another filter: the pack built for Internet Governance is no longer offered.
    at.multiselect(key="f_units").set_value(["BDT"]).run()
    assert not at.get("download_button")
