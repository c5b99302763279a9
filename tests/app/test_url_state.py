"""ui.state: how values written in a link are read (a hand-edited link must not crash a page)."""

from __future__ import annotations

import math
from datetime import date

import pytest

from ui.state import parse_flag, parse_iso_date, parse_weight


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
