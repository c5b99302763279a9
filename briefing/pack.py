"""The two products of a briefing pack, from the whole plan and the filters in force."""

from __future__ import annotations

import re
from datetime import date

from analysis.filters import FilterSpec
from analysis.metrics import LoadWeights
from analysis.model import Plan
from briefing.content import DEFAULT_WEIGHTS, assemble
from briefing.deck import deck_bytes
from briefing.report import report_html


def build_deck(
    plan_full: Plan,
    spec: FilterSpec,
    weights: LoadWeights = DEFAULT_WEIGHTS,
    *,
    plan_label: str | None = None,
    today: date | None = None,
) -> bytes:
    """A 16:9 PowerPoint deck of apply_filters(plan_full, spec), as .pptx bytes."""
    return deck_bytes(assemble(plan_full, spec, weights, plan_label=plan_label, today=today))


def build_html(
    plan_full: Plan,
    spec: FilterSpec,
    weights: LoadWeights = DEFAULT_WEIGHTS,
    *,
    plan_label: str | None = None,
    today: date | None = None,
) -> str:
    """One self-contained HTML report of the same view, printable on A4 landscape."""
    return report_html(assemble(plan_full, spec, weights, plan_label=plan_label, today=today))


def build_pack(
    plan_full: Plan,
    spec: FilterSpec,
    weights: LoadWeights = DEFAULT_WEIGHTS,
    *,
    plan_label: str | None = None,
    today: date | None = None,
) -> tuple[bytes, str]:
    """(deck bytes, report HTML) from one pass over the data: what the app's button offers."""
    briefing = assemble(plan_full, spec, weights, plan_label=plan_label, today=today)
    return deck_bytes(briefing), report_html(briefing)


def pack_file_stem(spec: FilterSpec, today: date) -> str:
    """'wsis-briefing-pillar-internet-governance-2024-05-01': the filters, then the date."""
    filters = "" if spec.is_empty() else spec.describe()
    text = "-".join(part for part in ("wsis-briefing", filters) if part)
    stem = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:100].strip("-")
    return f"{stem}-{today.isoformat()}"
