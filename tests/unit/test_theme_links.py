"""The theme filter: offered in the order people look for it, and written short in links."""

from __future__ import annotations

import pytest

from analysis import Plan
from analysis.filters import theme_from_link, theme_options, theme_slug


def test_action_lines_then_c7_themes_then_c6_topics(plan: Plan) -> None:
    options = theme_options(plan)
    lines = [f"C{n}" for n in range(1, 12)]
    assert options[:11] == lines
    # The eight C7 themes of the plan, in the order the model lists them (eGovernment first).
    assert options[11:19] == [
        "C7 · eGovernment",
        "C7 · eBusiness",
        "C7 · eLearning",
        "C7 · eHealth",
        "C7 · eEmployment",
        "C7 · eEnvironment",
        "C7 · Agriculture",
        "C7 · eScience",
    ]
    # Then the six C6 topics that name their own lead, in plan order (A07.1 to A07.6).
    assert options[19:] == [
        "C6 · e-Commerce",
        "C6 · Regulatory issues",
        "C6 · National e-Strategies",
        "C6 · Financing mechanisms for SMEs",
        "C6 · Countering spam",
        "C6 · Spectrum management",
    ]


@pytest.mark.parametrize(
    ("label", "slug"),
    [
        ("C7", "C7"),
        ("C7 · eLearning", "C7-eLearning"),
        ("C6 · Countering spam", "C6-Countering-spam"),
        ("C6 · National e-Strategies", "C6-National-e-Strategies"),
    ],
)
def test_slugs_read_back(plan: Plan, label: str, slug: str) -> None:
    options = theme_options(plan)
    assert theme_slug(label) == slug
    assert theme_from_link(slug, options) == label


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("C7 · eLearning", "C7 · eLearning"),  # the long form older links carry
        ("C7-eLearning", "C7 · eLearning"),
        ("C12", None),
        ("C7-eCooking", None),
        ("", None),
    ],
)
def test_links_old_new_and_unknown(plan: Plan, text: str, expected: str | None) -> None:
    assert theme_from_link(text, theme_options(plan)) == expected


def test_every_slug_is_unique(plan: Plan) -> None:
    slugs = [theme_slug(option) for option in theme_options(plan)]
    assert len(slugs) == len(set(slugs))
