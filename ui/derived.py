"""Derived data cached per (plan, filters, page settings), so a rerun that changes nothing the
data depends on (a selection, an expander, another page and back) only draws.

The cached functions live here, not in app.py or a page file: a decorator in a script runs again
on every rerun, and each time Streamlit reads the function's source to key its cache.

The plan is identified by its digest (the hash of its file's bytes), the filters by their
FilterSpec, and the computation by the function that computes it: where it is written (file,
line, column) and its qualified name. What the function reads beyond the plan and filters
(a weight, a page setting) goes in `params`.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from types import FunctionType
from typing import TypedDict, TypeVar, cast

import plotly.graph_objects as go
import streamlit as st

from analysis import FilterSpec, Plan, apply_filters
from analysis.filters import FILTERS
from charts.palette import VIEW_LINE_CHARS, with_view_line
from ui.context import ViewContext

T = TypeVar("T")


def computation(compute: Callable[[], object]) -> str:
    """The key of what compute computes: where the function is written and its qualified name,
    so two call sites never share an entry, whatever they are called, and one site always
    finds its own. A lambda's column tells apart two written on one line."""
    if not isinstance(compute, FunctionType):
        raise TypeError(f"cache a function or a lambda, not {type(compute).__name__}")
    code = compute.__code__
    column = next((start for _, _, start, _ in code.co_positions() if start), 0)
    return f"{code.co_filename}:{code.co_firstlineno}:{column}:{code.co_qualname}"


class _Key(TypedDict):
    """The cached functions' hashed arguments, passed by name: Streamlit looks up the name of
    each positional argument in the function's signature on every call, not of a keyword one."""

    site: str
    plan_digest: str
    spec_key: str
    params: tuple[Hashable, ...]


def _key(site: str, context: ViewContext, params: tuple[Hashable, ...]) -> _Key:
    return _Key(
        site=site, plan_digest=context.plan.digest, spec_key=repr(context.spec), params=params
    )


@st.cache_resource(max_entries=64, show_spinner=False)
def _shared(
    site: str,
    plan_digest: str,
    spec_key: str,
    params: tuple[Hashable, ...],
    _compute: Callable[[], object],
) -> object:
    return _compute()


def derived_shared(context: ViewContext, compute: Callable[[], T], *params: Hashable) -> T:
    """compute(), or the one object already made for this plan, these filters and these params,
    shared by every rerun and session: no copy, so nothing to unpickle on a rerun (for a large plan,
    unpickling a table can cost more than drawing it). Values are drawn or read, never changed:
    pages write to no frame (tests/unit/test_architecture.py checks)."""
    key = computation(compute)
    return cast(T, _shared(**_key(key, context, params), _compute=compute))


def derived_figure(
    context: ViewContext,
    compute: Callable[[], go.Figure],
    *params: Hashable,
    view_width: int = VIEW_LINE_CHARS,
) -> go.Figure:
    """derived_shared for a figure. The same object gives the same JSON on every rerun, so a
    selection survives (st.plotly_chart only reads it, through figure.to_dict()); a pickled copy
    would cost a full re-validation (plotly rebuilds a Figure from its dict when unpickling).
    Build everything inside compute: never change a figure after this call.

    The figure carries the view line (filters, weights, plan) under its title, so a PNG saved
    from the chart's toolbar says what it shows when pasted into a slide; view_width: the
    characters a row of that line holds (charts.palette)."""
    line = view_line(context)

    def compute_with_line() -> go.Figure:
        return with_view_line(compute(), line, view_width)

    key = _key(computation(compute), context, (line, view_width, *params))
    return cast(go.Figure, _shared(**key, _compute=compute_with_line))


def view_line(context: ViewContext) -> str:
    """'Filters: … · Weights: … · Plan: …': what a saved chart image says about its view."""
    return (
        f"Filters: {context.spec.describe()} · Weights: {context.weights.describe()} · "
        f"Plan: {context.plan_label}"
    )


@st.cache_data(show_spinner=False, max_entries=8)
def filter_options(plan_digest: str, _plan: Plan) -> dict[str, list[str]]:
    """The choices each sidebar filter offers (by widget key), once per plan."""
    return {choice.widget_key: choice.offered(_plan) for choice in FILTERS}


@st.cache_data(show_spinner=False, max_entries=8)
def code_names(plan_digest: str, _plan: Plan) -> dict[str, str]:
    """Unit and organisation codes to their full names, once per plan."""
    units = dict(zip(_plan.units["code"], _plan.units["name"], strict=True))
    organisations = dict(zip(_plan.organisations["code"], _plan.organisations["name"], strict=True))
    return units | organisations


@st.cache_resource(show_spinner=False, max_entries=8)
def filtered(plan_digest: str, spec: FilterSpec, _plan: Plan) -> Plan:
    """The view of a plan under the filters, once per (plan, filters). A resource, shared and
    not copied, as the plan itself is (ui.plans.plan_from_bytes): nothing writes to a Plan."""
    return apply_filters(_plan, spec)
