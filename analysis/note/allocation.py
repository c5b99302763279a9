"""The roles of ITU units (and any partners) in the note's "Allocation of responsibilities" text,
line by line and sentence by sentence, by the rules of docs/counting-rules.md: "Lead: X", "Lead
X", "X, assisted by Y", "Secretariat: X", "Assisted by ...", "Focal points in ...", "No ITU lead
nominated", and the items of a row that each name their own lead ("-- Countering spam: Lead:
SPU, assisted by TSB and BDT", "91: work on ... (TSB and BDT)", "Connect the World, lead CEC")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from analysis.note.name_lists import Role, read_name_list
from analysis.note.names import Names
from analysis.note.partners import PartnerReader, PartnerRole, Unread

_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])")
_NOTHING = re.compile(r"^[\s.,;:\-–—]*$")
_NO_LEAD = re.compile(r"^no\s+ITU\s+lead(?:\s+(?:nominated|named|yet))*\W*$", re.IGNORECASE)
# "Note: BDT has also been assigned ..." adds no role (counting rules, the C5 note).
_NOTE = re.compile(r"^note\s*:", re.IGNORECASE)
_LEAD = re.compile(
    r"^(?:joint\s+)?(?:leads?|led)\b\s*(?:by\b)?\s*:?\s*(?P<rest>.*)$", re.IGNORECASE
)
_SECRETARIAT = re.compile(r"^secretariat\s*:\s*(?P<rest>.*)$", re.IGNORECASE)
_ASSISTED = re.compile(r"^assisted\s+by\b\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
_FOCAL_POINTS_IN = re.compile(r"^focal\s+points?\s+in\s+(?P<rest>.*)$", re.IGNORECASE)
_FOCAL_POINT_FOR = re.compile(
    r"^focal\s+point\s+(?P<what>for\b[^:]+?)\s*:\s*(?P<rest>.+)$", re.IGNORECASE
)
_THEN_ASSISTED = re.compile(r",?\s+(?=assisted\s+by\b)", re.IGNORECASE)
# "-- Internet Governance: see below", "See C4 above": a pointer, not a role.
_SEE = re.compile(
    r"^(?:[-–—]+\s*)?(?:(?P<what>[^:]*?)\s*:\s*)?(?P<see>see\b.*?)\W*$", re.IGNORECASE
)
_DASH_ITEM = re.compile(r"^[-–—]+\s*(?P<title>[^:]+?)\s*:\s*(?P<rest>.+)$")
_PARAGRAPH = r"(?:paras?\.?\s+)?\d+[a-z]?(?:\([a-z]\))?"
_PARAGRAPH_ITEM = re.compile(
    rf"^(?P<number>{_PARAGRAPH}(?:\s*(?:,|and|-|–)\s*{_PARAGRAPH})*)\s*:\s*(?P<text>.+?)"
    r"\s*\((?P<units>[^()]+)\)\W*$",
    re.IGNORECASE,
)
_NAMED_ITEM = re.compile(r"^(?P<title>[^,:]+?),\s*(?P<rest>(?i:lead|led)\b.*)$")


@dataclass
class Allocation:
    """What allocation sentences say: leads and assists in the order named, partners, and the
    fragments no rule read."""

    leads: list[Role] = field(default_factory=list)
    assists: list[Role] = field(default_factory=list)
    partners: list[PartnerRole] = field(default_factory=list)
    unread: list[Unread] = field(default_factory=list)

    def add(self, other: Allocation) -> None:
        for role in other.leads:
            if role.unit not in {lead.unit for lead in self.leads}:
                self.leads.append(role)
        for role in other.assists:
            if role.unit not in {assist.unit for assist in self.assists}:
                self.assists.append(role)
        self.partners += [p for p in other.partners if p not in self.partners]
        self.unread += other.unread


@dataclass(frozen=True)
class Item:
    """A line of a row that is an activity of its own (counting rules: items that name their own
    lead): its title, its paragraph number when it is a Tunis Agenda item, its roles."""

    title: str
    paragraph: str
    allocation: Allocation


def cross_reference(line: str) -> str | None:
    """'Internet Governance: see below' for "-- Internet Governance: see below", 'See C4 above'
    for "See C4 above"; None when the line is not a pointer."""
    match = _SEE.match(line.strip())
    if match is None:
        return None
    return f"{match['what']}: {match['see']}" if match["what"] else match["see"]


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class AllocationReader:
    """Reads allocation text with the units and organisations of the reference tables."""

    def __init__(self, names: Names) -> None:
        self.names = names
        self.partner_reader = PartnerReader(names)

    def _units(self, text: str, role_words: str, note: str = "") -> tuple[list[Role], list[Unread]]:
        roles, unknown = read_name_list(text, self.names.units)
        if note:
            roles = [
                Role(r.unit, ", ".join(part for part in (r.note, note) if part)) for r in roles
            ]
        unread = [
            Unread(item, f"{why or 'not a unit of data/units.csv'} ({role_words})")
            for item, why in unknown
        ]
        if not roles and not unknown:
            unread.append(Unread(text or role_words, f"names no unit ({role_words})"))
        return roles, unread

    def sentence(self, sentence: str) -> Allocation:
        """One sentence of allocation text."""
        reading = Allocation()
        sentence = sentence.strip()
        if _NOTHING.match(sentence) or _NO_LEAD.match(sentence) or _NOTE.match(sentence):
            return reading
        head, *tail = _THEN_ASSISTED.split(sentence, maxsplit=1)
        roles: list[Role]
        unread: list[Unread]
        if match := _LEAD.match(head):
            roles, unread = self._units(match["rest"], "lead")
            reading.leads += roles
        elif match := _SECRETARIAT.match(head):
            roles, unread = self._units(match["rest"], "secretariat", "Secretariat")
            reading.leads += roles
        elif match := _ASSISTED.match(head):
            roles, unread = self._units(match["rest"], "assist")
            reading.assists += roles
        elif match := _FOCAL_POINTS_IN.match(head):
            roles, unread = self._units(match["rest"], "assist", "focal point")
            reading.assists += roles
        elif (match := _FOCAL_POINT_FOR.match(head)) and self.names.units(match["rest"]):
            roles, unread = self._units(match["rest"], "assist", f"focal point {match['what']}")
            reading.assists += roles
        elif tail and (lead := read_name_list(head, self.names.units))[0] and not lead[1]:
            reading.leads += lead[0]
            unread = []
        else:
            partners, unread = self.partner_reader.read(sentence)
            reading.partners += partners
            if not partners and not unread:
                unread = [Unread(sentence, "no rule reads a role in it")]
            reading.unread += unread
            return reading
        reading.unread += unread
        for rest in tail:
            match = _ASSISTED.match(rest)
            assert match is not None  # the split keeps "assisted by" at the start of the tail
            roles, unread = self._units(match["rest"], "assist")
            reading.assists += roles
            reading.unread += unread
        return reading

    def sentences(self, text: str) -> Allocation:
        """Text that is not an item: each sentence read in turn."""
        reading = Allocation()
        for sentence in _SENTENCE_BREAK.split(text):
            reading.add(self.sentence(sentence))
        return reading

    def item(self, line: str) -> Item | None:
        """The line as an item of its own, or None."""
        line = line.strip()
        if match := _DASH_ITEM.match(line):
            if cross_reference(match["rest"]) is not None:
                return None
            return Item(_collapse(match["title"]), "", self.sentences(match["rest"]))
        if (match := _PARAGRAPH_ITEM.match(line)) is not None:
            leads, unknown = read_name_list(match["units"], self.names.units)
            if leads and not unknown:
                title = f"{_collapse(match['number'])}: {_collapse(match['text'])}"
                return Item(title, _collapse(match["number"]), Allocation(leads=leads))
        if (match := _NAMED_ITEM.match(line)) is not None and not self.names.units(match["title"]):
            return Item(_collapse(match["title"]), "", self.sentences(match["rest"]))
        return None

    def line(self, line: str) -> Allocation:
        """One line of a row's own allocation text (an item's line included)."""
        if cross_reference(line) is not None:
            return Allocation()
        item = self.item(line)
        return item.allocation if item is not None else self.sentences(line)

    def text(self, text: str) -> Allocation:
        """A plan row's whole allocation_text, every line its own."""
        reading = Allocation()
        for line in lines(text):
            reading.add(self.line(line))
        return reading


def lines(text: str) -> list[str]:
    """A cell's non-blank lines, each stripped: how plan.csv keeps the note's paragraphs."""
    return [line.strip() for line in text.replace("\r", "\n").split("\n") if line.strip()]
