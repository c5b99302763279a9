"""The sidebar's briefing pack: one click downloads the slides (and the report beside it) of the
view on screen, filters and weights in force. The file is built when the button is pressed
(Streamlit calls `data` then), never on a rerun; a second click on the same view during a build
waits for that build instead of starting another, and builds of other views go on beside it
(their images are drawn one at a time, briefing/images.py), so a huge plan's pack does not
hold up another viewer's small one.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import date

import streamlit as st

from analysis.model import Plan
from briefing import BriefingPack, PackRequest, build_pack, is_what_if, pack_file_stem
from ui.context import ViewContext
from ui.plan_name import PlanName
from ui.plans import PLAN_BEFORE_UPLOAD_KEY

DECK_BUTTON_KEY = "briefing_pptx"
REPORT_BUTTON_KEY = "briefing_html"
PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
KEPT_PACKS = 4  # packs kept in memory (a few MB each), newest last

_memo_lock = threading.Lock()  # guards memo, _view_locks and builds_started, never a build
_view_locks: dict[tuple[object, ...], threading.Lock] = {}  # the views being built
memo: OrderedDict[tuple[object, ...], BriefingPack] = OrderedDict()  # packs by view, newest last
builds_started = 0  # how many packs were built in this process (tests read it)


def request_for(
    context: ViewContext, today: date, replaced: tuple[Plan, PlanName] | None = None
) -> PackRequest:
    """The view on screen as a pack request: the sidebar's filters and weights, the plan. A
    what-if plan uploaded over another (`replaced`: that plan and its name) is shown against
    it: the pack opens with its before/after slide, naming both plans as Compare plans does."""
    if replaced is None or not is_what_if(context.plan):
        return PackRequest(context.plan, context.spec, context.weights, context.plan_label, today)
    before, before_name = replaced
    names = (str(before_name), str(context.plan_name))
    return PackRequest(
        context.plan,
        context.spec,
        context.weights,
        context.plan_label,
        today,
        before=before,
        compared_names=names,
    )


def _view_key(request: PackRequest) -> tuple[object, ...]:
    """What a pack depends on: the plan's content, its name, the filters, weights and day."""
    plan = request.plan
    before = None if request.before is None else request.before.digest
    return (plan.digest, plan.source_name, request.plan_label, request.spec, request.weights,
            request.today, before, request.compared_names)  # fmt: skip


def pack_for(request: PackRequest) -> BriefingPack:
    """The pack of this view, built once: concurrent calls for the view wait for the build in
    progress; calls for other views do not."""
    global builds_started
    key = _view_key(request)
    with _memo_lock:
        view_lock = _view_locks.setdefault(key, threading.Lock())
    with view_lock:
        with _memo_lock:
            pack = memo.get(key)
            if pack is not None:
                memo.move_to_end(key)
                return pack
            builds_started += 1
        try:
            pack = build_pack(request)
        except BaseException:
            with _memo_lock:
                _view_locks.pop(key, None)
            raise
        with _memo_lock:  # kept before the view's lock goes: a later call finds the pack
            memo[key] = pack
            while len(memo) > KEPT_PACKS:
                memo.popitem(last=False)
            _view_locks.pop(key, None)
        return pack


def briefing_downloads(context: ViewContext) -> None:
    """Two download buttons whose files are built on click, named after the view."""
    st.sidebar.subheader("Briefing pack")
    today = date.today()
    replaced: tuple[Plan, PlanName] | None = st.session_state.get(PLAN_BEFORE_UPLOAD_KEY)
    request = request_for(context, today, replaced)
    st.sidebar.caption(
        "Slides (PowerPoint) and a printable report (HTML, A4 landscape) of the charts for the "
        "filters and workload weights in force, with findings, the audit list and the source. "
        "Built when you press the button (a few seconds)."
    )
    stem = pack_file_stem(context.spec, today, what_if=is_what_if(context.plan))
    st.sidebar.download_button(
        "Download briefing pack (.pptx)",
        data=lambda: pack_for(request).deck,
        file_name=f"{stem}.pptx",
        mime=PPTX_MIME,
        key=DECK_BUTTON_KEY,
        on_click="ignore",
        type="primary",
        width="stretch",
    )
    st.sidebar.download_button(
        "Printable report (.html)",
        data=lambda: pack_for(request).report,
        file_name=f"{stem}.html",
        mime="text/html",
        key=REPORT_BUTTON_KEY,
        on_click="ignore",
        width="stretch",
    )
