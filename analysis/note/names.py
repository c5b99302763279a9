"""Finding the names of ITU units and partner organisations in the note's sentences, from the
reference tables (data/units.csv, data/organisations.csv): a unit or organisation added there is
found in every sentence that names it, with no change here."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from analysis.model import UNIT_GROUPS
from analysis.planfile.cells import split_items


@dataclass(frozen=True)
class Mention:
    """A name found in a sentence: its code as the reference table spells it, and where."""

    code: str
    start: int
    end: int


def _alternation(names: list[str]) -> str:
    # Longest first, so that "WSIS-ES" wins over a shorter code it starts with.
    return "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))


def _name_pattern(names: list[str], flags: int = 0) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{_alternation(names)})(?![\w-])", flags)


class Names:
    """The units (and unit groups such as "Sectors") and organisations a sentence may name.

    Units are found in any case ("sectors" is "Sectors"), as the plan loader reads them;
    organisations only as written (codes and aliases are upper case: "who" is not WHO)."""

    def __init__(self, units: pd.DataFrame, organisations: pd.DataFrame) -> None:
        self._units = {str(code).casefold(): str(code) for code in units["code"]}
        self._units.update({group.casefold(): group for group in UNIT_GROUPS})
        self._organisations: dict[str, str] = {}
        for code, aliases in zip(organisations["code"], organisations["aliases"], strict=True):
            self._organisations[str(code)] = str(code)
            for alias in split_items(str(aliases).replace(",", ";")):
                self._organisations[alias] = str(code)
        self._unit_pattern = _name_pattern(
            [str(code) for code in units["code"]] + list(UNIT_GROUPS), re.IGNORECASE
        )
        self._organisation_pattern = _name_pattern(list(self._organisations))

    def units(self, text: str) -> list[Mention]:
        return [
            Mention(self._units[found.group(0).casefold()], found.start(), found.end())
            for found in self._unit_pattern.finditer(text)
        ]

    def organisations(self, text: str) -> list[Mention]:
        return [
            Mention(self._organisations[found.group(0)], found.start(), found.end())
            for found in self._organisation_pattern.finditer(text)
        ]

    @property
    def organisation_pattern(self) -> str:
        """The organisations' names as a regular expression, for a sentence pattern's slot."""
        return self._organisation_pattern.pattern
