"""Reading dated occurrences out of the plan's comment sentences.

Every date form the 2006 plan uses is read here ("24 February", "23 Feb", "15-16 May",
"31 Aug/1 Sept", "30 October – 2 November", "May 15-19 2006", "12-13 September 2006",
"October 2006", "in April", "ITU TELECOM World 2006"), plus ISO dates (2006-05-16) for new rows.
Text that looks like a date but matches none of these is returned as unreadable, so that the
loader can report it instead of silently losing a meeting.
"""

from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

DEFAULT_YEAR = 2006

_MONTH_NUMBERS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?(?![A-Za-z])"
)
_DAY = r"(?<!\d)\d{1,2}(?!\d)"
_YEAR = r"(?:19|20)\d{2}(?!\d)"
_DASH = r"\s*[-–—]\s*"

# (precision, pattern). Named groups: d1, m1, d2, m2, y.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (precision, re.compile(pattern))
    for precision, pattern in (
        ("day", rf"(?<!\d)(?P<y>{_YEAR})-(?P<m1>\d{{2}})-(?P<d1>\d{{2}})(?!\d)"),
        # dd.mm.yyyy, as European spreadsheets write dates.
        ("day", r"(?<![\d.])(?P<d1>\d{1,2})\.(?P<m1>\d{1,2})\.(?P<y>\d{4})(?![\d.]\d|\d)"),
        (
            "day",
            rf"(?P<d1>{_DAY})\s+(?P<m1>{_MONTH})\s*(?:[-–—/]|to)\s*(?P<d2>{_DAY})\s+"
            rf"(?P<m2>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?",
        ),
        ("day", rf"(?P<d1>{_DAY}){_DASH}(?P<d2>{_DAY})\s+(?P<m1>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?"),
        ("day", rf"(?P<m1>{_MONTH})\s+(?P<d1>{_DAY}){_DASH}(?P<d2>{_DAY})(?:,?\s+(?P<y>{_YEAR}))?"),
        ("day", rf"(?P<d1>{_DAY})\s+(?P<m1>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?"),
        ("day", rf"(?P<m1>{_MONTH})\s+(?P<d1>{_DAY}),\s*(?P<y>{_YEAR})"),
        ("month", rf"(?P<m1>{_MONTH}),?\s+(?P<y>{_YEAR})"),
        ("month", rf"(?<=\bin )(?P<m1>{_MONTH})"),
        # Not after "/" or "-": the year of "5/7/2006" or "2006-05" is no year on its own.
        ("year", rf"(?<![\d/.-])(?P<y>{_YEAR})(?![/.-]\d)"),
    )
)
# Date-like text left over once every readable date is taken out.
_MONTH_ANY_CASE = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DATE_LIKE = re.compile(
    # A capitalised month name or abbreviation ("May", "Oct."); in lower case only beside a day
    # number ("16 may"), so that the verb "may" is not a date.
    rf"(?-i:{_MONTH})|\b(?:january|february|march|april|june|july|august|september|october"
    rf"|november|december)\b|\b\d{{1,2}}\s+{_MONTH_ANY_CASE}(?![a-z])"
    rf"|\b{_MONTH_ANY_CASE}\s+\d{{1,2}}\b"
    rf"|\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?|\d{{1,2}}(?:st|nd|rd|th)\s+(?:of\s+)?\w+"
    rf"|\b\d{{4}}-\d{{1,2}}(?:-\d{{1,2}})?\b|\b\d{{1,2}}\.\d{{1,2}}\.\d{{2,4}}\b",
    re.IGNORECASE,
)
# A number written right after a date that has no year: a year in a form the plan cannot read
# ("5 July 9999", "16 May 07"), never to be replaced by the default year. Not a time (10:00).
_YEAR_BESIDE = re.compile(r",?\s*(?P<year>\d{1,4})(?![\d:])(?!\.\d)")
FIRST_YEAR, LAST_YEAR = 1900, 2099
_ORDINAL_NOT_DATE = re.compile(r"\d{1,2}(?:st|nd|rd|th)\s+(?:meeting|edition|session)", re.I)

PLANNED_MARKERS = re.compile(
    r"\b(?:to be held|is planned|are planned|planned for|to be organi[sz]ed|will be held"
    r"|scheduled for)\b",
    re.IGNORECASE,
)
HELD_MARKER = re.compile(r"\bheld\b", re.IGNORECASE)
# Places named in the plan; a place is given to the date mentioned nearest to it. Each with text
# every match of its pattern holds: a pattern whose text is not in the sentence is not run (a
# megabyte of text takes each pattern tens of milliseconds).
KNOWN_PLACES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (r"Room 21,? Palais des Nations", "Room 21, Palais des Nations", ("Palais des Nations",)),
    (r"\bGeneva\b", "Geneva", ("Geneva",)),
    (r"\bDoha\b", "Doha", ("Doha",)),
    (r"\bAthens\b", "Athens", ("Athens",)),
    (r"\bMadrid\b", "Madrid", ("Madrid",)),
    (r"\bBangkok\b", "Bangkok", ("Bangkok",)),
    (r"\bKuala Lumpur\b", "Kuala Lumpur", ("Kuala Lumpur",)),
    (r"\bTunis\b", "Tunis", ("Tunis",)),
    (r"\bNew York\b|\bNY\b", "New York", ("New York", "NY")),
    (r"\bHong Kong\b", "Hong Kong", ("Hong Kong",)),
)
# Every pattern above and every date-like form holds a digit or the first three letters of a
# month: a sentence with neither holds no date, and is not scanned pattern by pattern.
_MAYBE_DATE = re.compile(r"\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec", re.IGNORECASE)
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])|\n+")


@dataclass(frozen=True)
class DateMention:
    """One dated occurrence found in a sentence."""

    start: date
    end: date
    precision: str  # day | month | year
    date_text: str
    sentence: str
    location: str
    planned_in_text: bool
    held_in_text: bool


@dataclass(frozen=True)
class Unreadable:
    """Date-like text no pattern could read, with the sentence it sits in."""

    text: str
    sentence: str
    reason: str


def split_sentences(text: str) -> list[str]:
    return [part.strip() for part in _SENTENCE_BREAK.split(text) if part and part.strip()]


def _month_number(token: str) -> int:
    if token.isdigit():
        return int(token)
    return _MONTH_NUMBERS[token.rstrip(".")[:3].lower()]


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _dates_of(match: re.Match[str], precision: str, default_year: int) -> tuple[date, date]:
    """Start and end dates of one match; raises ValueError for impossible dates."""
    groups = match.groupdict()
    year = int(groups["y"]) if groups.get("y") else default_year
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"the year {year} is outside {FIRST_YEAR}-{LAST_YEAR}")
    if precision == "year":
        return date(year, 1, 1), date(year, 12, 31)
    first_month = _month_number(groups["m1"])
    if precision == "month":
        return date(year, first_month, 1), _last_day(year, first_month)
    start = date(year, first_month, int(groups["d1"]))
    end_month = _month_number(groups["m2"]) if groups.get("m2") else first_month
    end_day = int(groups["d2"]) if groups.get("d2") else start.day
    end = date(year, end_month, end_day)
    if groups.get("m2") and end_month < first_month:
        # The range crosses a new year: a written year ("30 December - 2 January 2007") is the
        # end's year, the default year is the start's.
        if groups.get("y"):
            start = date(year - 1, first_month, int(groups["d1"]))
        else:
            end = date(year + 1, end_month, end_day)
    if end < start:
        raise ValueError("the range ends before it starts")
    return start, end


def _places_by_mention(sentence: str, spans: list[tuple[int, int]]) -> dict[int, str]:
    """Map each mention index to the place named nearest to it in the sentence."""
    places: dict[int, str] = {}
    starts = [start for start, _ in spans]
    for pattern, name, held in KNOWN_PLACES:
        if not any(text in sentence for text in held):
            continue
        for found in re.finditer(pattern, sentence):
            centre = (found.start() + found.end()) / 2
            # Spans are in order and apart: the nearest is the last one starting at or before
            # the place, or the next one (the earlier of the two when as near).
            after = bisect.bisect_right(starts, centre)
            nearest, nearest_distance = -1, 0.0
            for index in range(max(after - 1, 0), min(after + 1, len(spans))):
                start, end = spans[index]
                distance = (
                    0.0 if start <= centre <= end else min(abs(centre - start), abs(centre - end))
                )
                if nearest < 0 or distance < nearest_distance:
                    nearest, nearest_distance = index, distance
            places.setdefault(nearest, name)
    return places


def read_sentence(
    sentence: str, default_year: int = DEFAULT_YEAR
) -> tuple[list[DateMention], list[Unreadable]]:
    """Every date mention of one sentence, and any date-like text left unread."""
    if not _MAYBE_DATE.search(sentence):
        return [], []
    candidates: list[tuple[int, int, str, re.Match[str]]] = []
    for rank, (precision, pattern) in enumerate(_PATTERNS):
        for match in pattern.finditer(sentence):
            candidates.append(
                (match.start(), -(match.end() - match.start()) * 100 + rank, precision, match)
            )
    # Each (start, length and rank) is another: one match per pattern and start. The tuples are
    # never compared past it.
    candidates.sort()
    chosen: list[tuple[str, re.Match[str]]] = []
    taken_until = -1
    for position, _, precision, match in candidates:
        if position >= taken_until:
            chosen.append((precision, match))
            taken_until = match.end()
    # A bare year beside a real date is part of a name ("World Telecommunication Day 2006").
    if any(precision != "year" for precision, _ in chosen):
        chosen = [(precision, match) for precision, match in chosen if precision != "year"]

    planned = bool(PLANNED_MARKERS.search(sentence))
    held = bool(HELD_MARKER.search(sentence)) and not planned
    mentions: list[DateMention] = []
    unreadable: list[Unreadable] = []
    spans = [(match.start(), match.end()) for _, match in chosen]
    places = _places_by_mention(sentence, spans) if spans else {}
    for index, (precision, match) in enumerate(chosen):
        beside = _YEAR_BESIDE.match(sentence, match.end())
        if precision != "year" and not match.groupdict().get("y") and beside:
            text = sentence[match.start() : beside.end()]
            unreadable.append(Unreadable(
                text, sentence,
                f"a date with a year the plan cannot read ('{beside['year']}'; years are written "
                f"in four digits, {FIRST_YEAR}-{LAST_YEAR})",
            ))  # fmt: skip
            continue
        try:
            start, end = _dates_of(match, precision, default_year)
        except (ValueError, KeyError) as error:
            unreadable.append(Unreadable(match.group(0), sentence, f"not a real date ({error})"))
            continue
        mentions.append(
            DateMention(
                start=start,
                end=end,
                precision=precision,
                date_text=match.group(0).strip().rstrip("."),
                sentence=sentence,
                location=places.get(index, ""),
                planned_in_text=planned,
                held_in_text=held,
            )
        )
    # The sentence with every date blanked out, in one pass (spans are in order and apart).
    pieces, last = [], 0
    for span_start, span_end in spans:
        pieces += [sentence[last:span_start], " " * (span_end - span_start)]
        last = span_end
    rest = "".join([*pieces, sentence[last:]])
    rest = _ORDINAL_NOT_DATE.sub(" ", rest)
    for leftover in _DATE_LIKE.finditer(rest):
        unreadable.append(
            Unreadable(leftover.group(0), sentence, "date-like text in a form the plan cannot read")
        )
    return mentions, unreadable


def read_comments(
    comments: str, default_year: int = DEFAULT_YEAR
) -> tuple[list[DateMention], list[Unreadable]]:
    """Every dated occurrence in a comments cell, sentence by sentence."""
    mentions: list[DateMention] = []
    unreadable: list[Unreadable] = []
    for sentence in split_sentences(comments):
        found, unread = read_sentence(sentence, default_year)
        mentions.extend(found)
        unreadable.extend(unread)
    return mentions, unreadable


def event_status(events: pd.DataFrame, as_of: date) -> pd.Series:
    """Each event's state on `as_of`, from the plan's words and its dates (model.EVENT_STATUSES):

    - 'unconfirmed': the plan says planned ("to be held", "is planned for") but the event ended
      before as_of, and the plan does not report it held;
    - 'planned': the plan says planned and the event has not ended, or it starts after as_of;
    - 'held': otherwise.

    An approximate date ends with its month or year (`end` is its last day), so "October 2006"
    and "ITU TELECOM World 2006" are still planned on 13 September 2006."""
    moment = pd.Timestamp(as_of)
    said_planned = events["planned_in_text"].astype(bool).to_numpy()
    passed = (events["end"] < moment).to_numpy()
    starts_later = (events["start"] > moment).to_numpy()
    status = np.where(
        said_planned & passed,
        "unconfirmed",
        np.where(said_planned | starts_later, "planned", "held"),
    )
    return pd.Series(status, index=events.index, dtype="str")
