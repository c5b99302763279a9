"""The sidebar's briefing pack: one download button for the deck (the report beside it), built
when pressed, never on a rerun; the pack is the view, weights included; a second click during
a build waits for it instead of starting another."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date

import pytest

import ui.briefing as pack_ui
from analysis.changes.whatif import MoveRole, apply_edits
from analysis.filters import FilterSpec
from analysis.measures.metrics import LoadWeights
from analysis.planfile.load import load_plan
from briefing import BriefingPack, PackRequest
from ui.context import CONTEXT_KEY
from ui.plan_name import uploaded_name

from .conftest import MakeApp

TODAY = date(2024, 5, 2)
# One worker builds the packs of this module and of the deck tests (tests/unit), sharing one.
pytestmark = pytest.mark.xdist_group("packs")


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


def test_a_what_if_upload_is_packed_against_the_plan_it_replaced(make_app: MakeApp) -> None:
    at = make_app()
    context = at.session_state[CONTEXT_KEY]
    plan = context.plan
    revised = apply_edits(plan, [MoveRole(None, "WSIS-ES", "CEC")], dated=TODAY)
    what_if = replace(context, plan=revised, view=revised, plan_name=uploaded_name("revised.csv"))
    replaced = (plan, context.plan_name)
    request = pack_ui.request_for(what_if, TODAY, replaced)
    assert request.before is plan
    # The before/after slide names both plans as Compare plans does.
    assert request.before_after_names() == ("bundled data/plan.csv", "uploaded revised.csv")
    # A plan that records no edit has no before/after slide, whatever it replaced.
    assert pack_ui.request_for(context, TODAY, replaced).before is None
    assert pack_ui.request_for(what_if, TODAY).before is None


class HeldBuilds:
    """ui.briefing's build_pack, counting its calls; the build of `held` waits (before it
    starts) until release is set, so other calls certainly come while it is in progress."""

    def __init__(self, held: PackRequest, build: Callable[[PackRequest], BriefingPack]) -> None:
        self.held = held
        self.build = build
        self.calls: list[PackRequest] = []
        self.building = threading.Event()
        self.release = threading.Event()

    def __call__(self, request: PackRequest) -> BriefingPack:
        self.calls.append(request)
        if request is self.held:
            self.building.set()
            self.release.wait(timeout=300)
        return self.build(request)


@pytest.fixture
def held_builds(
    monkeypatch: pytest.MonkeyPatch, built_pack: Callable[[PackRequest], BriefingPack]
) -> Iterator[Callable[[PackRequest], HeldBuilds]]:
    """hold(request) -> HeldBuilds in place of ui.briefing's build_pack, no pack kept yet in
    ui.briefing's memo; the packs themselves built by build_pack once per worker (built_pack:
    the deck tests' whole-plan pack is this module's long build)."""
    monkeypatch.setattr(pack_ui, "memo", OrderedDict())
    holds: list[HeldBuilds] = []

    def hold(request: PackRequest) -> HeldBuilds:
        holds.append(HeldBuilds(request, built_pack))
        monkeypatch.setattr(pack_ui, "build_pack", holds[-1])
        return holds[-1]

    yield hold
    for held in holds:
        held.release.set()


def clicked(request: PackRequest, results: list[bytes]) -> threading.Thread:
    """A click on the download button of this view, in a thread of its own (a session's)."""
    click = threading.Thread(target=lambda: results.append(pack_ui.pack_for(request).deck))
    click.start()
    return click


def test_a_second_click_during_a_build_waits_for_it(
    held_builds: Callable[[PackRequest], HeldBuilds],
) -> None:
    request = PackRequest(
        load_plan(), FilterSpec(pillars=("Internet Governance",)), LoadWeights(0.75, 0.25, True)
    )
    builds = held_builds(request)
    results: list[bytes] = []
    first = clicked(request, results)
    assert builds.building.wait(timeout=60)
    second = clicked(request, results)
    second.join(timeout=1.0)
    assert second.is_alive()  # it waits for the build in progress...
    builds.release.set()
    first.join()
    second.join()
    assert builds.calls == [request]  # ...instead of starting another
    assert results[0] is results[1]
    assert results[0].startswith(b"PK")
    report = pack_ui.pack_for(request).report
    assert "Weights: lead 0.75, assist 0.25; joint leads split" in report


def test_a_long_build_does_not_hold_up_another_views_pack(
    held_builds: Callable[[PackRequest], HeldBuilds],
) -> None:
    plan = load_plan()
    long = PackRequest(plan, FilterSpec(), today=TODAY)
    short = PackRequest(plan, FilterSpec(units=("BDT",)), today=TODAY)
    builds = held_builds(long)
    results: list[bytes] = []
    first = clicked(long, results)
    assert builds.building.wait(timeout=60)
    second = clicked(short, results)
    second.join(timeout=240)
    assert not second.is_alive(), "the short pack waited for the long one"
    assert first.is_alive() and results[0].startswith(b"PK")
    builds.release.set()
    first.join()
    assert builds.calls == [long, short] and len(results) == 2
