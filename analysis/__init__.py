"""The WSIS plan as data: loading, checking, filtering and measuring it. Pure pandas: no
Streamlit here, no input mutated, and no file I/O outside analysis.planfile.load."""

from analysis.filters import FilterSpec, apply_filters
from analysis.measures.metrics import LoadWeights
from analysis.model import Plan, PlanError, Problem
from analysis.planfile.load import BUNDLED_PLAN, load_plan, parse_plan, read_reference

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
