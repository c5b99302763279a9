"""What goes into a briefing pack, decided once for both the deck and the HTML report: the
cover lines, one entry per chart (figure, caption, finding) and the audit list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from analysis.audit import audit
from analysis.filters import FilterSpec, apply_filters
from analysis.findings import audit_finding
from analysis.metrics import DEFAULT_WEIGHTS, LoadWeights
from analysis.model import PLAN_TITLE, SOURCE_DOCUMENT, Plan
from analysis.paths import path_label

__all__ = ["DEFAULT_WEIGHTS", "PLAN_TITLE", "SOURCE_DOCUMENT"]


@dataclass(frozen=True)
class ChartEntry:
    """One chart of the pack. `figure` is None when the filters leave nothing to draw."""

    key: str  # short name for file and element ids: "workload"
    title: str  # the slide / section title
    figure: go.Figure | None
    finding: str  # one sentence computed from the data (analysis.findings)
    caption: str  # what it shows · filters · as-of · plan and source
    empty_note: str  # shown instead of the chart when figure is None


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
    audit: pd.DataFrame  # analysis.audit.audit of the view
    audit_finding: str


def plan_label_of(plan: Plan) -> str:
    """The plan file as people call it (analysis.paths.path_label)."""
    return path_label(plan.source_name)


def weights_text(weights: LoadWeights) -> str:
    return weights.describe()


def caption(what: str, spec: FilterSpec, plan: Plan, plan_label: str, *, as_of: bool) -> str:
    """'What it shows · filters · as-of date · plan and source', the same shape as in the app."""
    parts = [what, f"Filters: {spec.describe()}"]
    if as_of:
        parts.append(f"as of {plan.as_of:%d %B %Y}")
    parts.append(f"Plan: {plan_label}. Source: {SOURCE_DOCUMENT}.")
    return " · ".join(parts)


def assemble(
    plan_full: Plan,
    spec: FilterSpec,
    weights: LoadWeights = DEFAULT_WEIGHTS,
    *,
    plan_label: str | None = None,
    today: date | None = None,
) -> Briefing:
    """Everything the deck and the report show, from the filtered view of plan_full."""
    # Imported here: figures pulls in the chart modules, which the content model itself does
    # not need (tests build Briefing values with their own figures).
    from briefing.figures import chart_entries

    label = plan_label or plan_label_of(plan_full)
    view = apply_filters(plan_full, spec)
    findings = audit(view)
    return Briefing(
        title=PLAN_TITLE,
        as_of=plan_full.as_of,
        filters=spec.describe(),
        generated=today or date.today(),
        plan_label=label,
        plan_digest=plan_full.digest,
        weights_text=weights_text(weights),
        charts=tuple(chart_entries(plan_full, view, spec, weights, label)),
        audit=findings,
        audit_finding=audit_finding(findings),
    )
