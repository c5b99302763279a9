"""What app.py hands every page: the plan in use, the filtered view and the filters."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from analysis import FilterSpec, LoadWeights, Plan
from analysis.measures.metrics import DEFAULT_WEIGHTS
from ui.plan_name import PlanName
from ui.streamlit_quirks import run_through_app

CONTEXT_KEY = "_view_context"


@dataclass(frozen=True)
class ViewContext:
    plan: Plan  # the whole plan in use (bundled, PLAN_CSV or uploaded)
    view: Plan  # the plan after the sidebar filters
    spec: FilterSpec
    plan_name: PlanName  # where the plan in use came from, made where it was read
    weights: LoadWeights = DEFAULT_WEIGHTS  # the load weights in force (sidebar, URL)

    @property
    def plan_label(self) -> str:
        """How captions name the plan: 'data/plan.csv', 'upload: revised.csv'."""
        return self.plan_name.caption


def set_context(context: ViewContext) -> None:
    st.session_state[CONTEXT_KEY] = context


def get_context() -> ViewContext:
    context: ViewContext | None = st.session_state.get(CONTEXT_KEY)
    if context is None:
        # Only a page run without app.py lands here (ui/streamlit_quirks.py: legacy pages/ mode).
        run_through_app()
    return context
