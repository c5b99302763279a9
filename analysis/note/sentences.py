"""A row's own sentences read into the plan's role and partner cells: the one reader the note
reader (analysis.note.rows) and the check of a plan against its sentences
(analysis.note.held_to_sentences) share."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from analysis.model import UNIT_GROUPS
from analysis.note.allocation import Allocation, AllocationReader
from analysis.note.name_lists import Role
from analysis.note.names import Names
from analysis.note.partners import PartnerRole, Unread
from analysis.planfile.dates import split_sentences


def role_cell(roles: Iterable[Role]) -> str:
    """Roles as a lead or assist cell of plan.csv: 'BR (for standardization issues); SPU'."""
    return "; ".join(f"{role.unit} ({role.note})" if role.note else role.unit for role in roles)


def partner_cell(partners: Iterable[PartnerRole]) -> str:
    """Partner roles as plan.csv's partners cell: 'UN-DESA (focal point); ITU (co-facilitator)'."""
    return "; ".join(f"{partner.organisation} ({partner.role})" for partner in partners)


class SentenceReader:
    """Reads allocation and comments text with the plan's reference tables (units,
    organisations: data/units.csv and data/organisations.csv as loaded)."""

    def __init__(self, units: pd.DataFrame, organisations: pd.DataFrame) -> None:
        self.names = Names(units, organisations)
        self.allocation = AllocationReader(self.names)

    def comments(self, text: str) -> Allocation:
        """The partners of a comments cell, and its sentences that name an organisation or a
        unit without a role these rules read (roles of units are read from the allocation
        text only; dated events are the loader's, analysis.planfile.dates)."""
        reading = Allocation()
        for sentence in split_sentences(text):
            partners, unread = self.allocation.partner_reader.read(sentence)
            reading.partners += [p for p in partners if p not in reading.partners]
            reading.unread += unread
            # As written, and never a group: "sectors" in a comment is a word, not BR+TSB+BDT.
            units = [
                m.code
                for m in self.names.units(sentence)
                if sentence[m.start : m.end] == m.code and m.code not in UNIT_GROUPS
            ]
            if units and not partners:
                reading.unread.append(
                    Unread(
                        sentence,
                        f"names {', '.join(dict.fromkeys(units))}: a unit's role is read from "
                        "the allocation text only",
                    )
                )
        return reading

    def row(self, allocation_text: str, comments: str) -> tuple[Allocation, Allocation]:
        """A plan row's allocation text and comments, each read on its own."""
        return self.allocation.text(allocation_text), self.comments(comments)
