"""Every date form of the 2006 plan, sentence by sentence (docs/counting-rules.md, Dated events;
the forms: docs/dated-events.md)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from analysis.model import Plan
from analysis.planfile.dates import read_comments, read_sentence, split_sentences

D = date
# (start, end, precision, planned_in_text, location)
Expected = tuple[date, date, str, bool, str]

SENTENCES: list[tuple[str, list[Expected]]] = [
    (
        "First meeting held 24 February with closed, informal meeting of CEB members on 23 Feb "
        "(Room 21, Palais des Nations).",
        [
            (D(2006, 2, 24), D(2006, 2, 24), "day", False, ""),
            (D(2006, 2, 23), D(2006, 2, 23), "day", False, "Room 21, Palais des Nations"),
        ],
    ),
    ("First meeting held on 16 May.", [(D(2006, 5, 16), D(2006, 5, 16), "day", False, "")]),
    (
        "First meeting held during WTDC-06 in Doha on 9 March.",
        [(D(2006, 3, 9), D(2006, 3, 9), "day", False, "Doha")],
    ),
    ("First meeting held on 11 May", [(D(2006, 5, 11), D(2006, 5, 11), "day", False, "")]),
    # The bare year of "World Telecommunication Day 2006" is a name beside a real date.
    (
        "First meeting held 15-16 May, in Geneva, as “Partners for Global Cybersecurity”, "
        "which was theme of World Telecommunication Day 2006.",
        [(D(2006, 5, 15), D(2006, 5, 16), "day", False, "Geneva")],
    ),
    (
        "A meeting on WTDC Res. 45 is planned for 31 Aug/1 Sept.",
        [(D(2006, 8, 31), D(2006, 9, 1), "day", True, "")],
    ),
    (
        "First meeting to be held in October 2006.",
        [(D(2006, 10, 1), D(2006, 10, 31), "month", True, "")],
    ),
    (
        "First meeting held on 12 May, ITU and UNESCO co-organised a workshop on promoting the "
        "multilingual Internet on 9-11 May, in Geneva.",
        [
            (D(2006, 5, 12), D(2006, 5, 12), "day", False, ""),
            (D(2006, 5, 9), D(2006, 5, 11), "day", False, "Geneva"),
        ],
    ),
    (
        "ITU participation in meeting of HLCP, 27-28 Feb, and in CEB meeting in Madrid in April.",
        [
            (D(2006, 2, 27), D(2006, 2, 28), "day", False, ""),
            (D(2006, 4, 1), D(2006, 4, 30), "month", False, "Madrid"),
        ],
    ),
    (
        "First meeting held on 14 July, in Geneva.",
        [(D(2006, 7, 14), D(2006, 7, 14), "day", False, "Geneva")],
    ),
    (
        "Report to ECOSOC meeting in July 2006 in Geneva.",
        [(D(2006, 7, 1), D(2006, 7, 31), "month", False, "Geneva")],
    ),
    ("Review meeting, 13 Feb.", [(D(2006, 2, 13), D(2006, 2, 13), "day", False, "")]),
    (
        "Main CSTD session May 15-19 2006, in Geneva.",
        [(D(2006, 5, 15), D(2006, 5, 19), "day", False, "Geneva")],
    ),
    (
        "Discussed by UNGA agenda on 27 March.",
        [(D(2006, 3, 27), D(2006, 3, 27), "day", False, "")],
    ),
    (
        "Discussion in ECOSCOC on 10 July",
        [(D(2006, 7, 10), D(2006, 7, 10), "day", False, "")],
    ),
    (
        "Consultation meetings on, 16-17 February and on 19 May in Geneva.",
        [
            (D(2006, 2, 16), D(2006, 2, 17), "day", False, ""),
            (D(2006, 5, 19), D(2006, 5, 19), "day", False, "Geneva"),
        ],
    ),
    (
        "First meeting of advisory committee on 22-23 May.",
        [(D(2006, 5, 22), D(2006, 5, 23), "day", False, "")],
    ),
    # En dash between the two ends; the IGF is planned only because it comes after the as-of
    # date, which the loader decides, so planned_in_text stays False.
    (
        "IGF meeting, 30 October – 2 November, in Athens.",
        [(D(2006, 10, 30), D(2006, 11, 2), "day", False, "Athens")],
    ),
    (
        "Special session of ITU-T Study Group 3 on this topic, 19 June.",
        [(D(2006, 6, 19), D(2006, 6, 19), "day", False, "")],
    ),
    (
        "10th meeting held 12-13 September 2006",
        [(D(2006, 9, 12), D(2006, 9, 13), "day", False, "")],
    ),
    (
        "Stocktaking report (first edition) published in November 2005.",
        [(D(2005, 11, 1), D(2005, 11, 30), "month", False, "")],
    ),
    (
        "Golden Book published in February 2006.",
        [(D(2006, 2, 1), D(2006, 2, 28), "month", False, "")],
    ),
    (
        "Database closed for new entries in January 2006.",
        [(D(2006, 1, 1), D(2006, 1, 31), "month", False, "")],
    ),
    (
        "Main website frozen as from 31 January and website now focuses on implementation and "
        "stocktaking..",
        [(D(2006, 1, 31), D(2006, 1, 31), "day", False, "")],
    ),
    (
        "Series launched in May and first edition published 5 July 2006.",
        [
            (D(2006, 5, 1), D(2006, 5, 31), "month", False, ""),
            (D(2006, 7, 5), D(2006, 7, 5), "day", False, ""),
        ],
    ),
    ("Most recent edition in June 2006.", [(D(2006, 6, 1), D(2006, 6, 30), "month", False, "")]),
    (
        "Connect the World pavilion to be organised at ITU TELECOM World 2006.",
        [(D(2006, 1, 1), D(2006, 12, 31), "year", True, "")],
    ),
    (
        "Analysis published in World Telecom Development Reports, March 2006.",
        [(D(2006, 3, 1), D(2006, 3, 31), "month", False, "")],
    ),
    (
        "Joint ITU/UNESCO/UNCTAD workshop to be held in Bangkok, 26-28 July.",
        [(D(2006, 7, 26), D(2006, 7, 28), "day", True, "Bangkok")],
    ),
    (
        "IOI published in November 2005.",
        [(D(2005, 11, 1), D(2005, 11, 30), "month", False, "")],
    ),
    (
        "DoI launched in November 2005, and published in full May 2006.",
        [
            (D(2005, 11, 1), D(2005, 11, 30), "month", False, ""),
            (D(2006, 5, 1), D(2006, 5, 31), "month", False, ""),
        ],
    ),
    ("17 May adoped by UNGA as WIS day.", [(D(2006, 5, 17), D(2006, 5, 17), "day", False, "")]),
    (
        "Launch meeting held in Kuala Lumpur, June 2006.",
        [(D(2006, 6, 1), D(2006, 6, 30), "month", False, "Kuala Lumpur")],
    ),
    # Forms the plan does not use but a new row might.
    ("Workshop held 2006-05-16.", [(D(2006, 5, 16), D(2006, 5, 16), "day", False, "")]),
    (
        "Workshop will be held 30 December – 2 January 2007.",
        [(D(2006, 12, 30), D(2007, 1, 2), "day", True, "")],
    ),
    (
        "Workshop held 30 December – 2 January.",
        [(D(2006, 12, 30), D(2007, 1, 2), "day", False, "")],
    ),
    ("Meeting held May 16, 2006.", [(D(2006, 5, 16), D(2006, 5, 16), "day", False, "")]),
    # Sentences without any date.
    ("Consultations taking place in NY.", []),
    ("WSIS outcome documents published in 6 languages.", []),
    ("Focal point is UNESCO, with ITU as co-facilitator.", []),
    ("Service order issued.", []),
]


@pytest.mark.parametrize(("sentence", "expected"), SENTENCES)
def test_date_forms(sentence: str, expected: list[Expected]) -> None:
    mentions, unreadable = read_sentence(sentence)
    assert unreadable == []
    found = [(m.start, m.end, m.precision, m.planned_in_text, m.location) for m in mentions]
    assert found == expected
    for mention in mentions:
        assert mention.sentence == sentence
        assert mention.date_text in sentence


@pytest.mark.parametrize(
    ("sentence", "held"),
    [
        ("First meeting held on 16 May.", True),
        ("First meeting to be held in October 2006.", False),  # "to be held" is planned
        ("Golden Book published in February 2006.", False),
    ],
)
def test_held_in_text(sentence: str, held: bool) -> None:
    mentions, _ = read_sentence(sentence)
    assert [m.held_in_text for m in mentions] == [held]


def test_default_year() -> None:
    mentions, _ = read_sentence("First meeting held on 16 May.", default_year=2007)
    assert mentions[0].start == D(2007, 5, 16)


@pytest.mark.parametrize(
    ("sentence", "unread_text"),
    [
        ("Meeting held mid-June.", "June"),
        ("Meeting held 31 February.", "31 February"),
        ("Meeting held 5/7/2006.", "5/7/2006"),
        ("Meeting held on the 3rd of May.", "3rd of May"),
        ("Meeting held 2006-05.", "2006-05"),
        ("Meeting held 2006-02-30.", "2006-02-30"),
        ("Meeting held 20-18 May.", "20-18 May"),  # a range that ends before it starts
        # A year written beside a date is read or refused, never replaced by 2006.
        ("Meeting held 5 July 9999.", "5 July 9999"),
        ("Meeting held 16 May 07.", "16 May 07"),
        ("Meeting held 5 July 1850.", "5 July 1850"),
        ("Meeting to be held in October 9999.", "October 9999"),
        ("Meeting held 9999-05-16.", "9999-05-16"),
        ("Meeting held 31.02.2006.", "31.02.2006"),
        ("Meeting held 16.05.06.", "16.05.06"),
        ("Meeting held 16 may.", "16 may"),
    ],
)
def test_unreadable_forms(sentence: str, unread_text: str) -> None:
    mentions, unreadable = read_sentence(sentence)
    assert mentions == []
    assert len(unreadable) == 1
    assert unread_text in unreadable[0].text
    assert unreadable[0].sentence == sentence
    assert unreadable[0].reason


@pytest.mark.parametrize(
    "sentence",
    [
        "10th meeting held 12-13 September 2006",  # "10th meeting" is an ordinal, not a date
        "Most recent edition in June 2006.",
    ],
)
def test_ordinals_are_not_dates(sentence: str) -> None:
    _, unreadable = read_sentence(sentence)
    assert unreadable == []


@pytest.mark.parametrize(
    ("comments", "sentences"),
    [
        (
            "UN-DESA is the focal point with ITU as co-facilitator. First meeting held on 16 May.",
            [
                "UN-DESA is the focal point with ITU as co-facilitator.",
                "First meeting held on 16 May.",
            ],
        ),
        # "Res. 45" does not end a sentence: a sentence starts with a capital.
        (
            "A meeting on WTDC Res. 45 is planned for 31 Aug/1 Sept.",
            ["A meeting on WTDC Res. 45 is planned for 31 Aug/1 Sept."],
        ),
        (
            "Review meeting, 13 Feb.\nMain CSTD session",
            ["Review meeting, 13 Feb.", "Main CSTD session"],
        ),
        ("", []),
    ],
)
def test_split_sentences(comments: str, sentences: list[str]) -> None:
    assert split_sentences(comments) == sentences


def test_read_comments_in_order() -> None:
    mentions, unreadable = read_comments(
        "Review meeting, 13 Feb.\n\nMain CSTD session May 15-19 2006, in Geneva."
    )
    assert unreadable == []
    assert [m.date_text for m in mentions] == ["13 Feb", "May 15-19 2006"]


# ---------------------------------------------------------------- the bundled plan's events

_MONTH_WORD = re.compile(
    r"\b(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b"
)


def test_every_event_label_is_a_sentence_of_its_comments(plan: Plan) -> None:
    comments = plan.activities.set_index("activity_id")["comments"]
    for event in plan.events.itertuples(index=False):
        assert event.label in split_sentences(comments[event.activity_id]), event
        assert event.date_text in event.label


def test_every_sentence_with_a_month_yields_an_event(plan: Plan) -> None:
    labels = set(zip(plan.events["activity_id"], plan.events["label"], strict=True))
    for activity in plan.activities.itertuples(index=False):
        for sentence in split_sentences(activity.comments):
            if _MONTH_WORD.search(sentence):
                assert (activity.activity_id, sentence) in labels, sentence


def test_locations_in_the_plan(plan: Plan) -> None:
    places = sorted(set(plan.events["location"]) - {""})
    assert places == [
        "Athens", "Bangkok", "Doha", "Geneva", "Kuala Lumpur", "Madrid",
        "Room 21, Palais des Nations",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("sentence", "start"),
    [
        ("Meeting held 16.05.2006.", D(2006, 5, 16)),
        ("Meeting held 1.9.2007 in Geneva.", D(2007, 9, 1)),
        ("Meeting held 16 May, 2006.", D(2006, 5, 16)),
        ("Meeting held 16 May 10:00, in Geneva.", D(2006, 5, 16)),
    ],
)
def test_day_month_year_with_dots_and_times(sentence: str, start: date) -> None:
    mentions, unreadable = read_sentence(sentence)
    assert unreadable == []
    assert [mention.start for mention in mentions] == [start]


@pytest.mark.parametrize(
    "sentence",
    ["The meeting may be held later.", "Units may assist when asked.", "Partners may join."],
)
def test_the_verb_may_is_not_a_date(sentence: str) -> None:
    assert read_sentence(sentence) == ([], [])
