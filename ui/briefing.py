"""The sidebar's 'Download briefing pack': slides and a printable report of the current view,
built only when asked (building takes seconds) and kept until the view changes."""

from __future__ import annotations

from datetime import date

import streamlit as st

from briefing import build_pack, pack_file_stem
from ui.context import ViewContext

PACK_KEY = "_briefing_pack"
BUILD_BUTTON_KEY = "briefing_build"


def _view_key(context: ViewContext) -> tuple[object, ...]:
    """What the pack depends on: the plan's content, the filters and the weights in force."""
    return (
        context.plan.digest,
        context.plan.source_name,
        context.plan_label,
        context.spec,
        context.weights,
    )


def briefing_downloads(context: ViewContext) -> None:
    """A build button; once built for this view, the two download buttons."""
    st.sidebar.subheader("Briefing pack")
    st.sidebar.caption(
        "Slides (PowerPoint) and a printable report (HTML, A4 landscape) of the charts for "
        "the filters in force, with findings, the audit list and the source."
    )
    pack = st.session_state.get(PACK_KEY)
    if pack is not None and pack["view"] != _view_key(context):
        pack = None  # built for other filters or another plan: never offer a stale pack
    if st.sidebar.button("Download briefing pack", key=BUILD_BUTTON_KEY, width="stretch"):
        with st.sidebar, st.spinner("Drawing the charts and writing the pack…"):
            today = date.today()
            deck, report = build_pack(
                context.plan,
                context.spec,
                plan_label=context.plan_label,
                today=today,
                weights=context.weights,
            )
        pack = {
            "view": _view_key(context),
            "deck": deck,
            "report": report,
            "stem": pack_file_stem(context.spec, today),
        }
        st.session_state[PACK_KEY] = pack
    if pack is None:
        return
    st.sidebar.download_button(
        "PowerPoint slides (.pptx)",
        data=pack["deck"],
        file_name=f"{pack['stem']}.pptx",
        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
        key="briefing_pptx",
        on_click="ignore",
        width="stretch",
    )
    st.sidebar.download_button(
        "Printable report (.html)",
        data=pack["report"],
        file_name=f"{pack['stem']}.html",
        mime="text/html",
        key="briefing_html",
        on_click="ignore",
        width="stretch",
    )
