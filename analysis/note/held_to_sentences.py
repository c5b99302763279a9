"""Every plan held to its own sentences: each row's allocation_text and comments read again with
the note's sentence reader (analysis.note.sentences) and the loader's date reader
(analysis.planfile.dates), and every role, partner or dated event the plan holds that its
sentence does not say, or that its sentence says and the plan lacks, listed as "not what its
sentence says". A role is its unit, lead or assist, and its note in brackets ("TSB (for
standards)" for "Assisted by TSB for standards"); an event, its dates and place. A change the
row's `revisions` cell names (the unit, or the event's date) is revised (to know), not a
problem. Units are compared after "Sectors" is expanded, as the loader counts them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from analysis.model import UNIT_GROUPS, Plan, Problem, unit_group
from analysis.note.allocation import Allocation
from analysis.note.partners import partner_role
from analysis.note.sentences import SentenceReader
from analysis.planfile.cells import parse_item, split_items
from analysis.planfile.dates import DateMention, read_comments
from analysis.planfile.revisions import revision_lines

NOT_ITS_SENTENCE = "not what its sentence says"


@dataclass(frozen=True)
class Disagreement:
    """One fact of a row that the plan and its sentence do not share. name: a unit code, an
    organisation code, or an event's dates and place ('2006-05-16 in Geneva'); role: lead,
    assist, a partner role, or "event"; column: lead, assist, partners, or events (the plan's
    events, read from the comments when the plan was loaded); side: "columns" (the plan holds
    it, the sentence does not say it) or "sentence" (the sentence says it, the plan lacks it);
    sentence: the row's text it was held to; revised: the row's revisions name it; note: the
    role's note in brackets."""

    activity_id: str
    name: str
    role: str
    column: str
    side: str
    revised: bool
    sentence: str
    note: str = ""

    def what(self) -> str:
        """'the lead column holds SPU as lead, which its sentence does not say'."""
        fact = f"{self.name} as {self.role}" + (f" ({self.note})" if self.note else "")
        holder, holds, lacks = f"the {self.column} column", "holds", "lacks"
        if self.role == "event":
            fact, holder, holds, lacks = (
                f"an event dated {self.name}",
                "the plan's events",
                "hold",
                "lack",
            )
        if self.side == "columns":
            return f"{holder} {holds} {fact}, which its sentence does not say"
        return f"its sentence names {fact}, which {holder} {lacks}"


# A fact as the plan and the sentence are compared: (name, role, note as written).
Fact = tuple[str, str, str]


def _key(fact: Fact) -> tuple[str, str, str]:
    name, role, note = fact
    return name, role, " ".join(note.casefold().split())


@dataclass(frozen=True)
class HeldEvent:
    """A dated event as a plan holds it (a row of Plan.events) or a sentence states it."""

    start: date
    end: date
    precision: str
    location: str
    sentence: str

    def words(self) -> str:
        """'2006-05-16 in Geneva', '2006-05-15 – 2006-05-16', '2006-10'."""
        shape = {"year": "%Y", "month": "%Y-%m"}.get(self.precision, "%Y-%m-%d")
        start, end = self.start.strftime(shape), self.end.strftime(shape)
        when = start if start == end else f"{start} – {end}"
        return f"{when} in {self.location}" if self.location else when

    def key(self) -> tuple[date, date, str]:
        return self.start, self.end, self.location.casefold()


def _said_event(mention: DateMention) -> HeldEvent:
    return HeldEvent(
        mention.start, mention.end, mention.precision, mention.location, mention.sentence
    )


def plan_events(events: pd.DataFrame) -> dict[str, list[HeldEvent]]:
    """Plan.events by activity, as the sentence check compares them."""
    columns = ("activity_id", "start", "end", "precision", "location", "label")
    found: dict[str, list[HeldEvent]] = {}
    for activity_id, start, end, precision, location, label in zip(
        *(events[column] for column in columns), strict=True
    ):
        found.setdefault(str(activity_id), []).append(HeldEvent(
            pd.Timestamp(start).date(), pd.Timestamp(end).date(), str(precision),
            str(location), str(label),
        ))  # fmt: skip
    return found


_REVISION_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}:\s*")


def _revised_spans(revisions: Sequence[str]) -> list[tuple[date, date]]:
    """The dates a row's revisions name in their text (each line's own date left out)."""
    text = "\n".join(_REVISION_DATE.sub("", line) for line in revisions)
    return [(mention.start, mention.end) for mention in read_comments(text)[0]]


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
        self._dated: dict[str, list[HeldEvent]] = {}
        self._units = {str(code).casefold(): str(code) for code in units["code"]}
        self._organisations: dict[str, str] = {}
        for code, aliases in zip(organisations["code"], organisations["aliases"], strict=True):
            self._organisations[str(code).casefold()] = str(code)
            for alias in split_items(str(aliases).replace(",", ";")):
                self._organisations[alias.casefold()] = str(code)

    def _expanded(self, roles: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
        """(unit, note) with a group ("Sectors") as its units, each keeping the group's note."""
        units: list[tuple[str, str]] = []
        for name, note in roles:
            group = unit_group(name)
            for code in UNIT_GROUPS[group] if group else (self._units.get(name.casefold(), name),):
                if code not in {unit for unit, _ in units}:
                    units.append((code, note))
        return units

    def _cell_roles(self, cell: str) -> list[tuple[str, str]]:
        items = (parse_item(text) for text in split_items(cell))
        return [(item.name, item.note) for item in items if item is not None]

    def _unit_roles(
        self, leads: list[tuple[str, str]], assists: list[tuple[str, str]]
    ) -> list[Fact]:
        lead_units = self._expanded(leads)
        led = {unit for unit, _ in lead_units}
        return [(unit, "lead", note) for unit, note in lead_units] + [
            (unit, "assist", note) for unit, note in self._expanded(assists) if unit not in led
        ]

    def _partners(self, cell: str) -> list[Fact]:
        found: list[Fact] = []
        for text in split_items(cell):
            item = parse_item(text)
            if item is not None and item.note:
                name = self._organisations.get(item.name.casefold(), item.name)
                if (name, partner_role(item.note), "") not in found:
                    found.append((name, partner_role(item.note), ""))
        return found

    def _said_events(self, comments: str) -> list[HeldEvent]:
        if comments not in self._dated:
            self._dated[comments] = [_said_event(m) for m in read_comments(comments)[0]]
        return self._dated[comments]

    def row(
        self, row: Mapping[Any, object], events: Sequence[HeldEvent] | None = None
    ) -> list[Disagreement]:
        """A plan row's disagreements (a row in plan.csv's columns; `revisions` optional), and,
        given the plan's events of the row (plan_events), those its comments do not date.
        A row without allocation text is not held to one for its roles; a row without any text,
        not for its partners either."""
        text = {key: str(row.get(key, "") or "") for key in ("allocation_text", "comments")}
        activity_id = str(row.get("activity_id", ""))
        revisions = revision_lines(str(row.get("revisions", "") or ""))
        revised_words = " ".join(revisions)
        texts = (text["allocation_text"], text["comments"])
        if texts not in self._read:
            self._read[texts] = self.reader.row(*texts)
        allocation, comments = self._read[texts]
        found: list[Disagreement] = []

        def compare(
            held: list[Fact],
            said: list[Fact],
            sentence: str,
            column: str,
            said_in: Mapping[tuple[str, str], str] | None = None,
        ) -> None:
            for side, facts, other in (("columns", held, said), ("sentence", said, held)):
                keys = {_key(fact) for fact in other}
                for fact in facts:
                    if _key(fact) in keys:
                        continue
                    name, role, note = fact
                    shown = sentence
                    if side == "sentence" and said_in:
                        shown = said_in.get((name, role), sentence)
                    named = re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", revised_words, re.I)
                    role_column = column or role
                    found.append(Disagreement(
                        activity_id, name, role, role_column, side, named is not None, shown, note,
                    ))  # fmt: skip

        if text["allocation_text"].strip():
            held = self._unit_roles(
                self._cell_roles(str(row.get("lead", "") or "")),
                self._cell_roles(str(row.get("assist", "") or "")),
            )
            said = self._unit_roles(
                [(r.unit, r.note) for r in allocation.leads],
                [(r.unit, r.note) for r in allocation.assists],
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
            said_partners = [(name, role, "") for name, role in said_in]
            compare(held_partners, said_partners, sentence, "partners", said_in)
        if events is not None:
            found += self._events(activity_id, text["comments"], events, revisions)
        return found

    def _events(
        self,
        activity_id: str,
        comments: str,
        held: Sequence[HeldEvent],
        revisions: Sequence[str],
    ) -> list[Disagreement]:
        said = self._said_events(comments)
        spans = _revised_spans(revisions) if revisions else []
        found: list[Disagreement] = []
        for side, events, other in (("columns", held, said), ("sentence", said, held)):
            keys = {event.key() for event in other}
            for event in events:
                if event.key() in keys:
                    continue
                revised = any(s <= event.end and event.start <= e for s, e in spans)
                sentence = event.sentence if event.sentence in comments else comments
                found.append(Disagreement(
                    activity_id, event.words(), "event", "events", side, revised, sentence,
                ))  # fmt: skip
        return found


SENTENCE_FIX = (
    "Make the cell say what the sentence says, or record the change in the row's revisions "
    "column ('2026-12-02: SPU leads instead of BDT'), or quote the note that says otherwise."
)


def sentence_problems(plan: Plan) -> list[Problem]:
    """The plan's rows held to their sentences: a Problem (file, row, column, fix) per role,
    partner or event not what its sentence says; those the row's revisions name are none. An
    event's column is the comments, where the plan reads its events."""
    problems: list[Problem] = []
    check = SentenceCheck(plan.units, plan.organisations)
    events = plan_events(plan.events)
    for record in plan.activities.to_dict("records"):
        for disagreement in check.row(record, events.get(str(record["activity_id"]), [])):
            if disagreement.revised:
                continue
            column = "comments" if disagreement.column == "events" else disagreement.column
            problems.append(Problem(
                plan.source_name, int(record["row"]), column,
                f"{disagreement.activity_id} ({record['title']}) is {NOT_ITS_SENTENCE}: "
                f"{disagreement.what()}: "
                f'"{quoted(disagreement.sentence)}".',
                SENTENCE_FIX,
            ))  # fmt: skip
    return problems
