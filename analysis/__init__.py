"""The WSIS plan as data: loading, checking, filtering and measuring it. Pure pandas: no
Streamlit here, no input mutated, and no file I/O outside analysis.load."""

from analysis.filters import FilterSpec, apply_filters
from analysis.load import BUNDLED_PLAN, load_plan, parse_plan, read_reference
from analysis.metrics import LoadWeights
from analysis.model import Plan, PlanError, Problem

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
