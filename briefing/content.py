"""The briefing pack as a plain model, shared by the deck and the HTML report: what was asked
(PackRequest: plan, filters, weights), and what it shows (Briefing: cover lines, one entry per
chart with its finding and caption, the audit list). Building it is briefing/pack.py's job."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from analysis.filters import FilterSpec
from analysis.measures.metrics import DEFAULT_WEIGHTS, LoadWeights
from analysis.model import PLAN_TITLE, SOURCE_DOCUMENT, Plan
from analysis.planfile.paths import path_label

__all__ = ["DEFAULT_WEIGHTS", "PLAN_TITLE", "SOURCE_DOCUMENT"]


@dataclass(frozen=True)
class PackRequest:
    """What a pack is built from: the whole plan in use, the filters and the weights in force
    (the view on screen, or the command line's options), how to name the plan, and the date."""

    plan: Plan
    spec: FilterSpec = field(default_factory=FilterSpec)
    weights: LoadWeights = DEFAULT_WEIGHTS
    plan_label: str | None = None  # default: plan_label_of(plan)
    today: date | None = None  # default: date.today()

    def label(self) -> str:
        return self.plan_label or plan_label_of(self.plan)

    def day(self) -> date:
        return self.today or date.today()


@dataclass(frozen=True)
class SideTable:
    """A small table shown beside a chart (the upcoming meetings beside the timeline)."""

    title: str
    finding: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    empty_note: str


@dataclass(frozen=True)
class ChartEntry:
    """One chart of the pack. `figure` is None when the filters leave nothing to draw."""

    key: str  # short name for file and element ids: "workload"
    title: str  # the slide / section title
    figure: go.Figure | None
    finding: str  # one sentence computed from the data (analysis.measures.findings)
    caption: str  # what it shows · filters · weights · as-of · plan and source
    empty_note: str  # shown instead of the chart when figure is None
    side_table: SideTable | None = None


@dataclass(frozen=True)
class Briefing:
    title: str
    as_of: date
    filters: str  # spec.describe()
    generated: date
    plan_label: str
    plan_digest: str
    weights_text: str
    charts: tuple[ChartEntry, ...]
    audit: pd.DataFrame  # analysis.measures.audit.audit of the view
    audit_finding: str

    def view_line(self) -> str:
        """'Filters: … · Weights: …': the line every slide and section carries."""
        return f"Filters: {self.filters} · Weights: {self.weights_text}"


def plan_label_of(plan: Plan) -> str:
    """The plan file as people call it (analysis.planfile.paths.path_label)."""
    return path_label(plan.source_name)


def weights_text(weights: LoadWeights) -> str:
    """The one wording of the weights (LoadWeights.describe)."""
    return weights.describe()


def caption(what: str, request: PackRequest, *, as_of: bool) -> str:
    """'What it shows · filters · weights · as-of date · plan and source', as in the app."""
    parts = [
        what,
        f"Filters: {request.spec.describe()}",
        f"Weights: {weights_text(request.weights)}",
    ]
    if as_of:
        parts.append(f"as of {request.plan.as_of:%d %B %Y}")
    parts.append(f"Plan: {request.label()}. Source: {SOURCE_DOCUMENT}.")
    return " · ".join(parts)
