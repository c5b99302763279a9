"""Every plan held to its own sentences: each row's allocation_text and comments read again with
the note's sentence reader (analysis.note.sentences), and every role or partner the row's
columns hold that its sentence does not say, or that its sentence says and the columns lack,
listed as "not what its sentence says". A change the row's `revisions` cell names is revised
(to know), not a problem. Units are compared after "Sectors" is expanded, as the loader counts
them; notes in brackets are not compared."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from analysis.model import UNIT_GROUPS, Plan, Problem, unit_group
from analysis.note.allocation import Allocation
from analysis.note.partners import partner_role
from analysis.note.sentences import SentenceReader
from analysis.planfile.cells import parse_item, split_items
from analysis.planfile.revisions import revision_lines

NOT_ITS_SENTENCE = "not what its sentence says"


@dataclass(frozen=True)
class Disagreement:
    """One fact of a row that its columns and its sentence do not share. name: a unit code or an
    organisation code; role: lead, assist or a partner role; column: lead, assist or partners;
    side: "columns" (the columns hold it, the sentence does not say it) or "sentence" (the
    sentence says it, the columns lack it); sentence: the row's text it was held to; revised:
    the row's revisions name it."""

    activity_id: str
    name: str
    role: str
    column: str
    side: str
    revised: bool
    sentence: str

    def what(self) -> str:
        """'the lead column holds SPU as lead, which its sentence does not say'."""
        fact = f"{self.name} as {self.role}"
        if self.side == "columns":
            return f"the {self.column} column holds {fact}, which its sentence does not say"
        return f"its sentence names {fact}, which the {self.column} column lacks"


def quoted(sentence: str) -> str:
    """A row's text on one line, as messages quote it."""
    return " ".join(sentence.split())


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def in_words(disagreements: Iterable[Disagreement]) -> str:
    """Several disagreements of one row as one paragraph, each text quoted once."""
    by_sentence: dict[str, list[str]] = {}
    for disagreement in disagreements:
        by_sentence.setdefault(disagreement.sentence, []).append(disagreement.what())
    parts = [
        _first_upper("; ".join(whats)) + f'. The sentence: "{quoted(sentence)}"'
        for sentence, whats in by_sentence.items()
    ]
    return " ".join(parts)


class SentenceCheck:
    """Holds rows to their sentences with a plan's reference tables (units, organisations)."""

    def __init__(self, units: pd.DataFrame, organisations: pd.DataFrame) -> None:
        self.reader = SentenceReader(units, organisations)
        # Rows of a large plan repeat their texts: each is read once.
        self._read: dict[tuple[str, str], tuple[Allocation, Allocation]] = {}
        self._units = {str(code).casefold(): str(code) for code in units["code"]}
        self._organisations: dict[str, str] = {}
        for code, aliases in zip(organisations["code"], organisations["aliases"], strict=True):
            self._organisations[str(code).casefold()] = str(code)
            for alias in split_items(str(aliases).replace(",", ";")):
                self._organisations[alias.casefold()] = str(code)

    def _expanded(self, names: Iterable[str]) -> list[str]:
        units: list[str] = []
        for name in names:
            group = unit_group(name)
            for code in UNIT_GROUPS[group] if group else (self._units.get(name.casefold(), name),):
                if code not in units:
                    units.append(code)
        return units

    def _cell_names(self, cell: str) -> list[str]:
        items = (parse_item(text) for text in split_items(cell))
        return [item.name for item in items if item is not None]

    def _unit_roles(self, leads: list[str], assists: list[str]) -> list[tuple[str, str]]:
        lead_units = self._expanded(leads)
        return [(unit, "lead") for unit in lead_units] + [
            (unit, "assist") for unit in self._expanded(assists) if unit not in lead_units
        ]

    def _partners(self, cell: str) -> list[tuple[str, str]]:
        found: list[tuple[str, str]] = []
        for text in split_items(cell):
            item = parse_item(text)
            if item is not None and item.note:
                name = self._organisations.get(item.name.casefold(), item.name)
                if (name, partner_role(item.note)) not in found:
                    found.append((name, partner_role(item.note)))
        return found

    def row(self, row: Mapping[Any, object]) -> list[Disagreement]:
        """A plan row's disagreements (a row in plan.csv's columns; `revisions` optional).
        A row without allocation text is not held to one for its roles; a row without any text,
        not for its partners either."""
        text = {key: str(row.get(key, "") or "") for key in ("allocation_text", "comments")}
        activity_id = str(row.get("activity_id", ""))
        revisions = " ".join(revision_lines(str(row.get("revisions", "") or "")))
        texts = (text["allocation_text"], text["comments"])
        if texts not in self._read:
            self._read[texts] = self.reader.row(*texts)
        allocation, comments = self._read[texts]
        found: list[Disagreement] = []

        def compare(
            held: list[tuple[str, str]],
            said: list[tuple[str, str]],
            sentence: str,
            column: str,
            said_in: Mapping[tuple[str, str], str] | None = None,
        ) -> None:
            for side, facts, other in (("columns", held, said), ("sentence", said, held)):
                for name, role in facts:
                    if (name, role) in other:
                        continue
                    shown = sentence
                    if side == "sentence" and said_in:
                        shown = said_in.get((name, role), sentence)
                    named = re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", revisions, re.I)
                    role_column = column or role
                    found.append(Disagreement(
                        activity_id, name, role, role_column, side, named is not None, shown,
                    ))  # fmt: skip

        if text["allocation_text"].strip():
            held = self._unit_roles(
                self._cell_names(str(row.get("lead", "") or "")),
                self._cell_names(str(row.get("assist", "") or "")),
            )
            said = self._unit_roles(
                [r.unit for r in allocation.leads], [r.unit for r in allocation.assists]
            )
            compare(held, said, text["allocation_text"], "")
        if text["allocation_text"].strip() or text["comments"].strip():
            held_partners = self._partners(str(row.get("partners", "") or ""))
            said_in = {(p.organisation, p.role): text["comments"] for p in comments.partners}
            said_in.update(
                {(p.organisation, p.role): text["allocation_text"] for p in allocation.partners}
            )
            # Partners are said in the comments, as a rule; the allocation text when it is alone.
            sentence = text["comments"] or text["allocation_text"]
            compare(held_partners, list(said_in), sentence, "partners", said_in)
        return found


SENTENCE_FIX = (
    "Make the cell say what the sentence says, or record the change in the row's revisions "
    "column ('2026-12-02: SPU leads instead of BDT'), or quote the note that says otherwise."
)


def sentence_problems(plan: Plan) -> list[Problem]:
    """The plan's rows held to their sentences: a Problem (file, row, column, fix) per role or
    partner not what its sentence says; those the row's revisions name are none."""
    problems: list[Problem] = []
    check = SentenceCheck(plan.units, plan.organisations)
    for record in plan.activities.to_dict("records"):
        for disagreement in check.row(record):
            if disagreement.revised:
                continue
            problems.append(Problem(
                plan.source_name, int(record["row"]), disagreement.column,
                f"{disagreement.activity_id} ({record['title']}) is {NOT_ITS_SENTENCE}: "
                f"{disagreement.what()}: "
                f'"{quoted(disagreement.sentence)}".',
                SENTENCE_FIX,
            ))  # fmt: skip
    return problems
