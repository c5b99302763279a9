"""How the dashboard names a plan: what it is and its file, made where the plan is read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# What a plan is, where it matters to a reader: "" for a PLAN_CSV file or the what-if result.
PlanKind = Literal["bundled", "uploaded", "note", ""]

WHATIF_NAME = "what-if result"


@dataclass(frozen=True)
class PlanName:
    """A plan by what it is and its file. Captions read `caption` ('data/plan.csv', 'upload:
    revised.csv', 'read from the note rev2.docx'); where two plans stand side by side (Compare
    plans, the pack's before/after slide) str() gives 'bundled data/plan.csv', 'uploaded
    revised.csv', 'note rev2.docx'."""

    kind: PlanKind
    file: str
    remark: str = ""  # what a caption says after the name: "(the file now has problems)"

    def __str__(self) -> str:
        return f"{self.kind} {self.file}" if self.kind else self.file

    @property
    def caption(self) -> str:
        prefix = {"uploaded": "upload: ", "note": "read from the note "}.get(self.kind, "")
        return f"{prefix}{self.file}" + (f" {self.remark}" if self.remark else "")


def uploaded_name(file_name: str) -> PlanName:
    return PlanName("uploaded", file_name)


def note_name(file_name: str) -> PlanName:
    return PlanName("note", file_name)


WHATIF = PlanName("", WHATIF_NAME)
