"""The sidebar's briefing pack: one download button for the deck (the report beside it), built
when pressed, never on a rerun; the pack is the view, weights included; a second click during
a build waits for it instead of starting another."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date

import pytest

import ui.briefing as pack_ui
from analysis.filters import FilterSpec
from analysis.measures.metrics import LoadWeights
from analysis.planfile.load import load_plan
from briefing import PackRequest, images
from ui.context import CONTEXT_KEY

from .conftest import MakeApp

TODAY = date(2024, 5, 2)


@pytest.fixture(scope="module", autouse=True)
def _close_chromium() -> Iterator[None]:
    yield
    images.stop()


def test_two_download_buttons_and_nothing_built_on_a_rerun(make_app: MakeApp) -> None:
    built = pack_ui.builds_started
    at = make_app(query={"pillar": ["Internet Governance"]})
    assert not at.exception
    buttons = at.get("download_button")
    assert [b.proto.label for b in buttons] == [
        "Download briefing pack (.pptx)",
        "Printable report (.html)",
    ]
    at.multiselect(key="f_units").set_value(["BDT"]).run()
    assert not at.exception
    assert pack_ui.builds_started == built  # reruns never build a pack


def test_the_pack_reads_the_weights_in_force(make_app: MakeApp) -> None:
    at = make_app(query={"pillar": ["Internet Governance"], "assist_w": "0.25", "split": "True"})
    assert not at.exception
    context = at.session_state[CONTEXT_KEY]
    request = pack_ui.request_for(context, TODAY)
    assert request.weights == LoadWeights(1.0, 0.25, True)
    assert request.spec == FilterSpec(pillars=("Internet Governance",))


def test_a_second_click_during_a_build_waits_for_it() -> None:
    plan = load_plan()
    request = PackRequest(
        plan, FilterSpec(pillars=("Internet Governance",)), LoadWeights(0.75, 0.25, True)
    )
    before = pack_ui.builds_started
    results: list[bytes] = []
    clicks = [threading.Thread(target=lambda: results.append(pack_ui.pack_for(request).deck))
              for _ in range(2)]  # fmt: skip
    for click in clicks:
        click.start()
    for click in clicks:
        click.join()
    assert pack_ui.builds_started == before + 1
    assert results[0] is results[1]
    assert results[0].startswith(b"PK")
    report = pack_ui.pack_for(request).report
    assert "Weights: lead 0.75, assist 0.25; joint leads split" in report
