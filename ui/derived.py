"""Derived data cached per (plan, filters, page settings), so a rerun that changes nothing the
data depends on (a selection, an expander, another page and back) only draws.

The plan is identified by its digest (the hash of its file's bytes) and the filters by their
FilterSpec; the compute function itself is not hashed, so the `name` must say what it computes.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Hashable
from typing import TypeVar

import streamlit as st

from ui.context import ViewContext

T = TypeVar("T")


@st.cache_data(max_entries=64, show_spinner=False)
def _cached(
    name: str,
    plan_digest: str,
    spec_key: str,
    params: tuple[Hashable, ...],
    _compute: Callable[[], object],
) -> bytes:
    return pickle.dumps(_compute())


def derived(context: ViewContext, name: str, compute: Callable[[], T], *params: Hashable) -> T:
    """compute(), or its cached result for this plan, these filters and these params.

    Always a fresh copy, on a miss as on a hit: a plotly figure serialises differently once it
    has been through pickle (its template is spelled out), and a chart whose JSON changes
    between two reruns loses the selection the user just made on it."""
    value: T = pickle.loads(_cached(name, context.plan.digest, repr(context.spec), params, compute))
    return value
