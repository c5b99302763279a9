"""Building tiny plan CSV texts inside tests."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from analysis.model import PLAN_COLUMNS

REPO = Path(__file__).resolve().parents[2]
SOURCE_PATH = REPO / "data" / "source" / "wsis-implementation-plan-2006.txt"
HEADER = ",".join(PLAN_COLUMNS)

# A minimal valid activity; tests override the cells they are about.
BASE_ROW: dict[str, str] = {
    "activity_id": "X1",
    "parent_id": "",
    "pillar": "Multi-stakeholder implementation",
    "title": "A test activity",
    "action_line": "",
    "theme": "",
    "references": "",
    "lead": "BDT",
    "assist": "",
    "partners": "",
    "cross_references": "",
    "allocation_text": "Lead: BDT",
    "comments": "",
}


def row(**cells: str) -> dict[str, str]:
    unknown = set(cells) - set(PLAN_COLUMNS)
    assert not unknown, f"not plan columns: {unknown}"
    return {**BASE_ROW, **cells}


def plan_csv(*rows: dict[str, str], delimiter: str = ",", line_end: str = "\n") -> str:
    """CSV text of the rows under the standard header."""
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer, fieldnames=list(PLAN_COLUMNS), delimiter=delimiter, lineterminator=line_end
    )
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


# The units with a role in the bundled plan, in matrix order (by Sector): the six main units of
# the 2006 note, then "GS" and the two named offices (docs/counting-rules.md).
BUNDLED_UNITS: tuple[str, ...] = (
    "BR",
    "TSB",
    "BDT",
    "SPU",
    "CEC",
    "WSIS-ES",
    "GS",
    "Libraries and Archives Services",
    "WSIS content team",
)
