"""The briefing-pack views the deck and legibility tests read (conftest's `packs` fixture)."""

from __future__ import annotations

from datetime import date

from analysis.filters import FilterSpec

PACK_DAY = date(2024, 5, 2)
PACK_VIEWS = {
    "whole plan": FilterSpec(),
    "Internet Governance": FilterSpec(pillars=("Internet Governance",)),
}
