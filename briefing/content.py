"""The briefing pack as a plain model, shared by the deck and the HTML report: what was asked
(PackRequest: plan, filters, weights), and what it shows (Briefing: cover lines, one entry per
chart with its finding and caption, the audit list). Building it is briefing/pack.py's job."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from analysis.filters import FilterSpec
from analysis.measures.findings import caption as chart_caption
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
    # The plan before a what-if's edits: the pack then opens with a before/after slide and its
    # files say what-if.
    before: Plan | None = None
    # How the before/after slide names the plan before and this one, as the app's Compare plans
    # page does ("bundled data/plan.csv", "uploaded revised.csv"); default: their files.
    compared_names: tuple[str, str] | None = None

    def label(self) -> str:
        return self.plan_label or plan_label_of(self.plan)

    def before_after_names(self) -> tuple[str, str]:
        """The names of the plan before and of this plan on the before/after slide."""
        if self.compared_names is not None:
            return self.compared_names
        before = plan_label_of(self.before) if self.before is not None else ""
        return before, self.label()

    def day(self) -> date:
        return self.today or date.today()


@dataclass(frozen=True)
class PackTable:
    """A table that stands for a chart in the room (the matrix, what comes next, the points to
    decide): headers, rows of text, the columns' relative widths and, where a cell's colour
    carries meaning, a shade per cell ('lead', 'assist' or '')."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    shades: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class ChartEntry:
    """One slide and report section of the pack: a chart, or a table. Neither when the filters
    leave nothing to show (then empty_note is shown)."""

    key: str  # short name for file and element ids: "workload"
    title: str  # the slide / section title
    figure: go.Figure | None
    finding: str  # one sentence computed from the data (analysis.measures.findings)
    caption: str  # what it shows · filters · weights · as-of · plan and source
    empty_note: str  # shown instead of the chart when figure is None
    table: PackTable | None = None


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
    decide: ChartEntry  # the points to decide (the audit's points to fix), one slide
    audit: pd.DataFrame  # analysis.measures.audit.audit of the view: the report's appendix

    def view_line(self) -> str:
        """'Filters: … · Weights: …': the line every slide and section carries."""
        return f"Filters: {self.filters} · Weights: {self.weights_text}"

    def source_lines(self) -> list[str]:
        """What the source slide and the report's source section say, line by line."""
        digest = f" (content digest {self.plan_digest})" if self.plan_digest else ""
        return [
            f"Document: {SOURCE_DOCUMENT}.",
            f"Plan file used: {self.plan_label}{digest}, as of {self.as_of:%d %B %Y}.",
            f"Filters in force: {self.filters}.",
            f"Workload weights: {self.weights_text}.",
            "Every figure in this pack is counted from the plan file above; the dashboard shows "
            "the verbatim allocation text behind each bar, cell and node.",
            f"Generated {self.generated:%d %B %Y} by the WSIS plan dashboard.",
        ]


def plan_label_of(plan: Plan) -> str:
    """The plan file as people call it (analysis.planfile.paths.path_label)."""
    return path_label(plan.source_name)


def weights_text(weights: LoadWeights) -> str:
    """The one wording of the weights (LoadWeights.describe)."""
    return weights.describe()


def caption(what: str, request: PackRequest, *, as_of: bool) -> str:
    """'What it shows · filters · weights · as-of date · plan and source', as in the app."""
    when = request.plan.as_of if as_of else None
    return chart_caption(what, request.spec, request.label(), as_of=when, weights=request.weights)
