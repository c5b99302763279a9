"""The WSIS plan as data: loading, checking, filtering and measuring it. Pure pandas: no
Streamlit here, no input mutated, and no file I/O outside analysis.planfile.load."""

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from analysis.filters import FilterSpec, apply_filters
    from analysis.measures.metrics import LoadWeights
    from analysis.model import Plan, PlanError, Problem
    from analysis.planfile.load import BUNDLED_PLAN, load_plan, parse_plan, read_reference

# Where each name lives, imported on first use: a process that needs one module of analysis/
# (the child reading a PDF note) does not pay for pandas and openpyxl.
_HOMES = {
    "BUNDLED_PLAN": "analysis.planfile.load",
    "FilterSpec": "analysis.filters",
    "LoadWeights": "analysis.measures.metrics",
    "Plan": "analysis.model",
    "PlanError": "analysis.model",
    "Problem": "analysis.model",
    "apply_filters": "analysis.filters",
    "load_plan": "analysis.planfile.load",
    "parse_plan": "analysis.planfile.load",
    "read_reference": "analysis.planfile.load",
}


def __getattr__(name: str) -> object:
    if name in _HOMES:
        return getattr(importlib.import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")


__all__ = [
    "BUNDLED_PLAN",
    "FilterSpec",
    "LoadWeights",
    "Plan",
    "PlanError",
    "Problem",
    "apply_filters",
    "load_plan",
    "parse_plan",
    "read_reference",
]
