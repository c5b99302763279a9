"""frames.identical lets through only what pandas' assertions pass: each change below fails
assert_frame_equal (or assert_series_equal), so identical must not hold either."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest

from .frames import assert_frame_equal, identical

Change = Callable[[pd.DataFrame], pd.DataFrame]


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {"unit": pd.Series(["BDT", "TSB"], dtype="str"), "load": [1.5, 2.0], "leads": [1, 2]}
    )


CHANGES: dict[str, Change] = {
    "a value": lambda f: f.assign(leads=[1, 3]),
    "a float beyond the tolerance": lambda f: f.assign(load=[1.5, 2.1]),
    "a dtype": lambda f: f.astype({"leads": "float64"}),
    "a text dtype": lambda f: f.astype({"unit": object}),
    "a column name": lambda f: f.rename(columns={"load": "weighted_load"}),
    "the column order": lambda f: f[["load", "unit", "leads"]],
    "the index labels": lambda f: f.set_axis([1, 2]),
    "the index name": lambda f: f.rename_axis("row"),
    "a missing value": lambda f: f.assign(load=[1.5, float("nan")]),
    "a row less": lambda f: f.head(1),
}


@pytest.mark.parametrize("change", list(CHANGES.values()), ids=list(CHANGES))
def test_a_change_pandas_sees_is_not_identical(change: Change) -> None:
    before, after = _frame(), change(_frame())
    with pytest.raises(AssertionError):
        pd.testing.assert_frame_equal(after, before)
    assert not identical(after, before)
    with pytest.raises(AssertionError):
        assert_frame_equal(after, before)


def test_a_renamed_series_is_not_identical() -> None:
    before = _frame()["load"]
    assert not identical(before.rename("weighted_load"), before)


def test_equal_frames_are_identical_and_pass() -> None:
    assert identical(_frame(), _frame())
    assert_frame_equal(_frame(), _frame())
    # Within pandas' float tolerance but not equal: pandas decides, and passes it.
    close = _frame().assign(load=[1.5, 2.0 + 1e-12])
    assert not identical(close, _frame())
    assert_frame_equal(close, _frame())
