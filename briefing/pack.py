"""Build a briefing pack: the Briefing model of the view, then the deck and the report from it.
One entry point, build_pack(PackRequest), for the app, the command line and the tests."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from analysis.filters import FilterSpec, apply_filters
from analysis.measures.audit import audit
from analysis.model import Plan
from briefing.content import PLAN_TITLE, Briefing, PackRequest, weights_text
from briefing.deck import deck_bytes
from briefing.figures import before_after_entry, chart_entries, decide_entry
from briefing.report import report_html


@dataclass(frozen=True)
class BriefingPack:
    deck: bytes  # .pptx
    report: str  # self-contained HTML


def assemble(request: PackRequest) -> Briefing:
    """Everything the deck and the report show, from the view request.spec keeps."""
    view = apply_filters(request.plan, request.spec)
    findings = audit(view)
    return Briefing(
        title=PLAN_TITLE,
        as_of=request.plan.as_of,
        filters=request.spec.describe(),
        generated=request.day(),
        plan_label=request.label(),
        plan_digest=request.plan.digest,
        weights_text=weights_text(request.weights),
        charts=(
            *([before_after_entry(request, view)] if request.before is not None else []),
            *chart_entries(request, view),
        ),
        decide=decide_entry(request, findings),
        audit=findings,
    )


def build_pack(request: PackRequest) -> BriefingPack:
    """The deck and the report of one view, from one pass over the data."""
    briefing = assemble(request)
    return BriefingPack(deck=deck_bytes(briefing), report=report_html(briefing))


def is_what_if(plan: Plan) -> bool:
    """Whether the plan records role changes made since the 2006 text (a what-if result)."""
    return bool(plan.activities["revisions"].astype("str").str.strip().ne("").any())


def pack_file_stem(spec: FilterSpec, today: date, *, what_if: bool = False) -> str:
    """'wsis-briefing-pillar-internet-governance-2024-05-01': the filters, then the date;
    'wsis-briefing-what-if-...' for a pack of a what-if plan."""
    filters = "" if spec.is_empty() else spec.describe()
    kind = "wsis-briefing-what-if" if what_if else "wsis-briefing"
    text = "-".join(part for part in (kind, filters) if part)
    stem = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:100].strip("-")
    return f"{stem}-{today.isoformat()}"
