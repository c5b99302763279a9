"""The plan written in data/plan.csv's own format: what a download of a filtered or edited plan
holds, and what the reader reads back as the same plan."""

from __future__ import annotations

import codecs

from analysis.model import OPTIONAL_PLAN_COLUMNS, PLAN_COLUMNS, Plan
from analysis.planfile.csv_format import csv_text


def plan_to_csv_text(plan: Plan) -> str:
    """The plan in data/plan.csv's own format (for downloads of a filtered or edited plan); the
    optional `revisions` column only when some row has revisions, so an unrevised plan is
    written exactly as the 2006 columns. Formula-like text is neutralised; the plan reader
    undoes it, so the file reads back as the same plan."""
    activities = plan.activities
    optional = [
        column
        for column in OPTIONAL_PLAN_COLUMNS
        if column in activities and any(activities[column].tolist())
    ]
    return csv_text(activities[[*PLAN_COLUMNS, *optional]])


def plan_csv_bytes(plan: Plan) -> bytes:
    """plan_to_csv_text as the bytes of a download: UTF-8 with a byte-order mark."""
    return codecs.BOM_UTF8 + plan_to_csv_text(plan).encode("utf-8")
