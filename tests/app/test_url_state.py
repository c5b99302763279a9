"""ui.state: how values written in a link are read (a hand-edited link must not crash a page)."""

from __future__ import annotations

import math
from datetime import date

import pytest

from ui.state import (
    VALUE_SHOWN_CHARS,
    link_warning,
    parse_flag,
    parse_iso_date,
    parse_weight,
    shortened,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("0.5", 0.5), (2, 2.0), ("abc", 1.0), ("-1", 1.0), ("nan", 1.0), ("inf", 1.0), ("99", 10.0)],
)
def test_parse_weight_keeps_sane_numbers_only(value: object, expected: float) -> None:
    assert math.isclose(parse_weight(value, 1.0), expected)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("True", True), ("1", True), (True, True), ("false", False), ("", False), ("x", False)],
)
def test_parse_flag(value: object, expected: bool) -> None:
    assert parse_flag(value) is expected


def test_parse_iso_date_falls_back() -> None:
    assert parse_iso_date("2006-05-01", date(2006, 9, 13)) == date(2006, 5, 1)
    assert parse_iso_date("13/09/2006", date(2006, 9, 13)) == date(2006, 9, 13)
    assert parse_iso_date(None, date(2006, 9, 13)) == date(2006, 9, 13)


def test_a_long_value_is_named_by_its_start_and_length() -> None:
    assert shortened("BDT") == "BDT"
    assert shortened("A" * 60_000) == "A" * VALUE_SHOWN_CHARS + "… (60,000 characters)"


def test_the_link_warning_names_ten_values_and_counts_the_rest() -> None:
    assert link_warning([], [], None) is None
    left_out = [("unit", f"X{number}") for number in range(12)]
    said = link_warning(left_out, [], None)
    assert said is not None
    assert "unit=X9 and 2 more, which this plan does not have" in said
    assert "X10" not in said
