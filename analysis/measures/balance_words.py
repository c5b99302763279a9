"""One way to say how the weighted load is spread: the sentences and figures the Overview,
Workload, What-if and Compare pages, the briefing pack and the command line all show.

The rules, so every output agrees:
- shares are whole percents, rounded half up (38.46% → 38%); a difference between two shares is
  the difference of the rounded shares, in percentage points ("13 pts"), so "46% → 43%" is
  always "-3 pts", never "-2.2%";
- ties are named: every unit or Sector with the largest load ("ITU-T and the General Secretariat
  each carry 38%");
- ITU-R, ITU-T and ITU-D are Sectors; the General Secretariat is not ("the three Sectors and the
  General Secretariat", never "the General Secretariat Sector");
- one Sector or one unit left by the filters, or the only one carrying any load, gets a
  sentence of its own, and Sectors a filter removed are dropped (sectors_in_scope), not drawn as
  zero bars.

Pure: numbers and frames in, text out. No Streamlit, no I/O.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

import pandas as pd

from analysis.filters import FilterSpec

Kind = Literal["unit", "sector"]
GENERAL_SECRETARIAT = "General Secretariat"
# One of the four bars, columns or filter values that are a Sector or the General Secretariat
# (axis titles, table columns), and the four in a heading.
SECTOR_OR_GS = "Sector or General Secretariat"
SECTORS_AND_GS = "Sectors and the General Secretariat"
NO_LOAD = "No unit carries any load under these filters."
# Loads are sums of weights such as 0.5 or 1/3: equal within this much is a tie.
TIE_TOLERANCE = 1e-9


def percent(share: float) -> int:
    """A share (0..1) as a whole percent, rounded half up: 0.385 → 39, 0.3846 → 38."""
    # The small epsilon keeps 0.125 * 100 = 12.499999... from rounding down.
    return math.floor(share * 100 + 0.5 + 1e-9)


def percent_text(share: float) -> str:
    return f"{percent(share)}%"


def points_text(points: int, *, signed: bool = False) -> str:
    """'1 pt', '13 pts'; signed: '+13 pts', '-3 pts', '0 pts'."""
    unit = "pt" if abs(points) == 1 else "pts"
    number = f"{points:+d}" if signed and points else f"{points:d}"
    return f"{number} {unit}"


def share_change(before: float, after: float) -> tuple[str, str]:
    """('46% → 43%', '-3 pts'): two shares and their difference, from the rounded shares."""
    was, now = percent(before), percent(after)
    return f"{was}% → {now}%", points_text(now - was, signed=True)


def counted_alone(even: float) -> bool:
    """Whether an even share of `even` means one unit or Sector counted: nothing to compare."""
    return even >= 1


def gap_text(share: float, even: float, kind: Kind = "unit") -> str:
    """'13 pts above an even share of 25%', 'at an even share of 25%', '4 pts below ...'; with
    one unit or Sector counted (an even share of 100%) there is nothing to compare with."""
    if counted_alone(even):
        return "the only unit counted" if kind == "unit" else "the only one counted"
    gap = percent(share) - percent(even)
    even_words = f"an even share of {percent_text(even)}"
    if gap == 0:
        return f"at {even_words}"
    return f"{points_text(abs(gap))} {'above' if gap > 0 else 'below'} {even_words}"


def number_text(value: float) -> str:
    """A load or an even share as people write it: 6.5, 0.25, 2 (never 0.2 for 0.25)."""
    return f"{math.floor(value * 100 + 0.5 + 1e-9) / 100:g}"


def sector_name(sector: str, *, start: bool = False) -> str:
    """'ITU-T'; 'the General Secretariat' ('The ...' at the start of a sentence)."""
    if sector == GENERAL_SECRETARIAT:
        return f"{'The' if start else 'the'} {GENERAL_SECRETARIAT}"
    return sector


def name(label: str, kind: Kind, *, start: bool = False) -> str:
    return sector_name(label, start=start) if kind == "sector" else label


def join_names(names: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def names_text(labels: Sequence[str], kind: Kind, *, start: bool = False) -> str:
    """Units or Sectors joined, the first capitalised when it starts a sentence."""
    return join_names([name(label, kind, start=start and i == 0) for i, label in enumerate(labels)])


def sectors_phrase(sectors: Sequence[str]) -> str:
    """How to call a set of Sectors: 'the three Sectors and the General Secretariat',
    'the three Sectors', 'ITU-T and the General Secretariat'."""
    true_sectors = [sector for sector in sectors if sector != GENERAL_SECRETARIAT]
    with_gs = len(true_sectors) < len(sectors)
    if len(true_sectors) == 3:
        return "the three Sectors and the General Secretariat" if with_gs else "the three Sectors"
    return names_text(list(sectors), "sector")


def heaviest(frame: pd.DataFrame, label_column: str) -> tuple[tuple[str, ...], float, float]:
    """(labels with the largest weighted load, in the frame's order; that load; the total)."""
    if frame.empty:
        return (), 0.0, 0.0
    loads = frame["weighted_load"].astype(float)
    total, most = float(loads.sum()), float(loads.max())
    if total <= 0:
        return (), 0.0, total
    tied = frame.loc[(loads - most).abs() <= TIE_TOLERANCE, label_column]
    return tuple(str(label) for label in tied), most, total


def _carry(labels: Sequence[str], kind: Kind) -> str:
    subject = names_text(labels, kind, start=True)
    return f"{subject} carries" if len(labels) == 1 else f"{subject} each carry"


def _among(labels: Sequence[str], kind: Kind) -> str:
    if kind == "sector":
        return sectors_phrase(labels)
    return f"the {len(labels)} units shown"


def load_sentence(frame: pd.DataFrame, kind: Kind, *, weights_note: str = "") -> str:
    """The balance of one workload frame (workload_by_unit or workload_by_sector, with the
    Sectors out of scope already dropped) in one sentence; weights_note ('lead 1, assist 0.5')
    goes in brackets after 'the weighted load'."""
    load = f"the weighted load ({weights_note})" if weights_note else "the weighted load"
    label_column = "unit" if kind == "unit" else "sector"
    leaders, most, total = heaviest(frame, label_column)
    if not leaders:
        return NO_LOAD
    labels = [str(label) for label in frame[label_column]]
    # Only one with any load (a theme that only ITU-D works on): no "share" to compare.
    carrying = frame.loc[frame["weighted_load"].astype(float) > TIE_TOLERANCE, label_column]
    if len(carrying) == 1:
        labels = [str(carrying.iloc[0])]
    if len(labels) == 1:
        if kind == "unit":
            return f"{labels[0]} is the only unit with a role under these filters."
        return (
            f"Only {sector_name(labels[0])} has a role under these filters: it carries all of "
            f"{load}."
        )
    share, even = most / total, 1 / len(labels)
    if len(leaders) == len(labels):
        return (
            f"{load[0].upper()}{load[1:]} is even: {names_text(leaders, kind)} each carry "
            f"{percent_text(share)}."
        )
    if kind == "sector" and leaders == (GENERAL_SECRETARIAT,):
        most_of_sectors = _most_of_the_sectors(frame, total)
        if most_of_sectors:
            # The General Secretariat is not a Sector: the heaviest Sector is named beside it.
            return (
                f"{_carry(leaders, kind)} {percent_text(share)} of {load}, "
                f"{gap_text(share, even)}; {most_of_sectors}."
            )
    return (
        f"{_carry(leaders, kind)} {percent_text(share)} of {load}, "
        f"{gap_text(share, even)} among {_among(labels, kind)}."
    )


def _most_of_the_sectors(frame: pd.DataFrame, total: float) -> str:
    """'ITU-D carries the most of the three Sectors, 29%', from a Sector frame whose heaviest is
    the General Secretariat; '' when no Sector carries any load."""
    sectors = frame[frame["sector"] != GENERAL_SECRETARIAT]
    leaders, most, _ = heaviest(sectors, "sector")
    if not leaders or most <= TIE_TOLERANCE:
        return ""
    which = "the three Sectors" if len(sectors) == 3 else "the Sectors shown"
    verb = "carries" if len(leaders) == 1 else "each carry"
    return f"{join_names(list(leaders))} {verb} the most of {which}, {percent_text(most / total)}"


def per_words(kind: Kind) -> str:
    """' per unit', ': Sectors and the General Secretariat': how a title names its bars."""
    return " per unit" if kind == "unit" else f": {SECTORS_AND_GS}"


def largest_share_label(labels: Sequence[str], kind: Kind) -> str:
    """A metric's label, short enough for a quarter of the page: 'Largest share: ITU-D' where
    one Sector carries it, 'Largest share' where the General Secretariat does or several tie
    (the metric's help and the sentence above it name them), 'Largest unit share'. Never
    'Largest Sector share' for the General Secretariat."""
    if kind == "unit":
        return "Largest unit share"
    if len(labels) == 1 and labels[0] != GENERAL_SECRETARIAT:
        return f"Largest share: {labels[0]}"
    return "Largest share"


def balance_sentence(by_unit: pd.DataFrame, by_sector: pd.DataFrame) -> str:
    """Units, then Sectors: what the Workload and What-if pages and the command line show.
    With one Sector left, only the units are read (the Sector carries everything)."""
    units = load_sentence(by_unit, "unit")
    if units == NO_LOAD:
        return NO_LOAD
    if (by_sector["weighted_load"].astype(float) > TIE_TOLERANCE).sum() <= 1:
        return units
    return f"{units} {load_sentence(by_sector, 'sector')}"


def sectors_in_scope(by_sector: pd.DataFrame, spec: FilterSpec) -> pd.DataFrame:
    """workload_by_sector without the Sectors a Sector or unit filter removed: with no such
    filter all four stay (a Sector with no role in a pillar is a true zero); with one, the
    Sectors asked for and those of the units asked for that have a role."""
    if not spec.sectors and not spec.units:
        return by_sector
    keep = by_sector["sector"].isin(spec.sectors)
    if spec.units and "units" in by_sector:
        keep |= by_sector["units"].astype(int) > 0
    return by_sector[keep].reset_index(drop=True)
