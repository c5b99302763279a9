"""What app.py hands every page: the plan in use, the filtered view and the filters."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from analysis import FilterSpec, LoadWeights, Plan
from analysis.metrics import DEFAULT_WEIGHTS

CONTEXT_KEY = "_view_context"


@dataclass(frozen=True)
class ViewContext:
    plan: Plan  # the whole plan in use (bundled, PLAN_CSV or uploaded)
    view: Plan  # the plan after the sidebar filters
    spec: FilterSpec
    plan_label: str  # how captions name the plan ("data/plan.csv", "upload: revised.csv")
    weights: LoadWeights = DEFAULT_WEIGHTS  # the load weights in force (sidebar, URL)


def set_context(context: ViewContext) -> None:
    st.session_state[CONTEXT_KEY] = context


def get_context() -> ViewContext:
    context: ViewContext | None = st.session_state.get(CONTEXT_KEY)
    if context is None:
        # Only a page run without app.py lands here: Streamlit's legacy multipage mode runs a
        # page file alone when the first request after the server starts is a deep link
        # (/timeline) and a pages/ folder exists. Switch to st.navigation mode, as app.py's
        # first run would, and run again through app.py.
        PagesManager.uses_pages_directory = False
        st.rerun()
    return context
