"""Partner organisations and their roles in one sentence of the note: "UN-DESA is the focal point
with ITU as co-facilitator", "Focal point is WHO", "ITU is focal point and sole-facilitator",
"Close coordination with UNESCO and UNDP", "In partnership with UNCTAD, KADO and others", "Joint
ITU/UNESCO/UNCTAD workshop", "ITU and UNESCO co-organised a workshop" (docs/counting-rules.md,
Partners)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.note.name_lists import read_name_list
from analysis.note.names import Names

ITU = "ITU"
# ITU itself is a partner only where it is named focal point or facilitator.
ITU_ROLES = ("focal point", "co-facilitator", "sole facilitator")
_ROLE = r"(?i:focal\s+point|co-?\s*facilitator|sole[-\s]?facilitator)"
_ROLE_WORDS = re.compile(
    r"focal\s+point|facilitator|partnership\s+with|co-?organi[sz]ed|coordination\s+with|\bjoint\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class PartnerRole:
    """An organisation outside the ITU secretariat and its role (model.PARTNER_ROLES)."""

    organisation: str
    role: str


@dataclass(frozen=True)
class Unread:
    """A fragment of a sentence no rule turned into facts, and why."""

    text: str
    why: str


def partner_role(word: str) -> str:
    """'Focal point', 'sole-facilitator', 'co facilitator' as the plan's partner roles."""
    folded = re.sub(r"\s+", " ", word.casefold().replace("-", " ")).strip()
    return {"co facilitator": "co-facilitator", "cofacilitator": "co-facilitator"}.get(
        folded, folded
    )


class PartnerReader:
    """Reads the partner roles of sentences, with the organisations of the reference table."""

    def __init__(self, names: Names) -> None:
        self.names = names
        org = names.organisation_pattern
        self._is_role = re.compile(
            rf"(?P<org>{org})\s+is\s+(?:the\s+)?(?P<r1>{_ROLE})"
            rf"(?:\s+and\s+(?:the\s+)?(?P<r2>{_ROLE}))?"
        )
        self._role_is = re.compile(rf"(?P<r1>{_ROLE})\s+is\s+(?:the\s+)?(?P<org>{org})")
        self._as_role = re.compile(rf"(?P<org>{org}),?\s+as\s+(?:the\s+)?(?P<r1>{_ROLE})")
        self._joint = re.compile(rf"(?i:\bjoint)\s+(?P<list>(?:{org})(?:\s*/\s*(?:{org}))+)")
        self._co_organised = re.compile(
            rf"(?P<list>(?:{org})(?:\s*(?:,|\band\b)\s*(?:{org}))*)\s+(?i:co-?organi[sz]ed)"
        )
        # The same shapes with any capitalised name in the organisation's place: a name the
        # reference table lacks is listed, never guessed.
        name = r"(?P<name>[A-Z][\w-]*)"
        self._unknown = tuple(
            re.compile(pattern)
            for pattern in (
                rf"{name}\s+is\s+(?:the\s+)?{_ROLE}",
                rf"{_ROLE}\s+is\s+(?:the\s+)?{name}",
                rf"{name},?\s+as\s+(?:the\s+)?{_ROLE}",
            )
        )
        self._with = re.compile(
            r"(?P<kind>(?i:partnership|coordination))\s+(?i:with)\s+(?P<list>[^.;]+)"
        )

    def read(self, sentence: str) -> tuple[list[PartnerRole], list[Unread]]:
        """The sentence's (organisation, role) pairs in the order it names them, and what it
        names or says that no rule reads."""
        found: list[tuple[int, int, PartnerRole]] = []
        unread: list[Unread] = []

        def add(position: int, code: str, role: str) -> None:
            found.append((position, len(found), PartnerRole(code, role)))

        for pattern in (self._is_role, self._role_is, self._as_role):
            for match in pattern.finditer(sentence):
                code = self.names.organisations(match["org"])[0].code
                for group in ("r1", "r2"):
                    if match.groupdict().get(group):
                        add(match.start("org"), code, partner_role(match[group]))
        for pattern in (self._joint, self._co_organised):
            for match in pattern.finditer(sentence):
                for mention in self.names.organisations(match["list"]):
                    add(match.start("list") + mention.start, mention.code, "partner")
        for match in self._with.finditer(sentence):
            kind = "partner" if match["kind"].casefold() == "partnership" else "coordination"
            listed, unknown = read_name_list(match["list"], self.names.organisations)
            for named in listed:
                add(match.start("list"), named.unit, kind)
            unread += [
                Unread(item, f"{why or 'not an organisation of data/organisations.csv'} ({kind})")
                for item, why in unknown
            ]
        for pattern in self._unknown:
            for match in pattern.finditer(sentence):
                if not self.names.organisations(match["name"]):
                    unread.append(Unread(
                        sentence, f"'{match['name']}' is not an organisation of "
                        "data/organisations.csv",
                    ))  # fmt: skip
        roles: list[PartnerRole] = []
        for _, _, partner in sorted(found, key=lambda item: (item[0], item[1])):
            if partner.organisation == ITU and partner.role not in ITU_ROLES:
                continue
            if partner not in roles:
                roles.append(partner)
        given = {partner.organisation for _, _, partner in found}
        for mention in self.names.organisations(sentence):
            if mention.code not in given and mention.code != ITU:
                unread.append(Unread(sentence, f"names {mention.code} but gives it no role"))
                given.add(mention.code)
        if not found and not unread and _ROLE_WORDS.search(sentence):
            unread.append(Unread(sentence, "speaks of a partner role but names no organisation"))
        return roles, unread
