"""pandas' frame and series assertions, run only when a quick exact check does not already hold:
most comparisons in the tests are of equal frames, and assert_frame_equal costs about twenty
times what the quick check does. A difference still fails with pandas' own message."""

from __future__ import annotations

from typing import Any

import pandas as pd

from analysis.model import Plan


def identical(after: pd.DataFrame | pd.Series, before: pd.DataFrame | pd.Series) -> bool:
    """Equal values (exactly, NaN to NaN), dtypes, labels, label types and dtypes, names, index
    frequency and flags: all that assert_frame_equal holds, whatever its options, and stricter
    (no float tolerance, no 'equiv' index types)."""
    axes = [(after.index, before.index)]
    if isinstance(after, pd.DataFrame) and isinstance(before, pd.DataFrame):
        axes.append((after.columns, before.columns))
        dtypes_same = list(after.dtypes) == list(before.dtypes)
    else:
        dtypes_same = after.dtype == before.dtype and after.name == before.name
    return (
        type(after) is type(before)
        and dtypes_same
        and all(type(a) is type(b) and a.dtype == b.dtype and a.names == b.names for a, b in axes)
        and getattr(after.index, "freq", None) == getattr(before.index, "freq", None)
        and after.flags.allows_duplicate_labels == before.flags.allows_duplicate_labels
        and after.equals(before)
    )


def assert_frame_equal(left: pd.DataFrame, right: pd.DataFrame, **options: Any) -> None:
    """pd.testing.assert_frame_equal(left, right, **options) unless the two are identical."""
    if not identical(left, right):
        pd.testing.assert_frame_equal(left, right, **options)


def assert_series_equal(left: pd.Series, right: pd.Series, **options: Any) -> None:
    """pd.testing.assert_series_equal(left, right, **options) unless the two are identical."""
    if not identical(left, right):
        pd.testing.assert_series_equal(left, right, **options)


# A plan's facts: what a file written and read back must give again.
FACTS = ("activities", "assignments", "partners", "events", "themes")


def assert_same_facts(left: Plan, right: Plan) -> None:
    """The two plans hold the same facts, frame by frame, and the same as-of date."""
    for name in FACTS:
        assert_frame_equal(getattr(left, name), getattr(right, name), obj=name)
    assert left.as_of == right.as_of
