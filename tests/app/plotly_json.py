"""Reading the figures a page drew, as AppTest hands them over (plotly JSON)."""

from __future__ import annotations

import base64
import json
from typing import Any

import numpy as np
from streamlit.testing.v1 import AppTest


def figure(at: AppTest, index: int | None = None) -> dict[str, Any]:
    """The page's only chart, or its chart number `index`."""
    charts = at.get("plotly_chart")
    if index is None:
        assert len(charts) == 1
        index = 0
    spec: dict[str, Any] = json.loads(charts[index].proto.spec)
    return spec


def values(array: Any) -> list[Any]:
    """A plotly array: a plain list, or (plotly 6+) a base64 typed array {dtype, bdata, shape}."""
    if isinstance(array, dict) and "bdata" in array:
        decoded = np.frombuffer(base64.b64decode(array["bdata"]), array["dtype"])
        if "shape" in array:
            shape = [int(size) for size in str(array["shape"]).split(",")]
            decoded = decoded.reshape(shape)
        result: list[Any] = decoded.tolist()
        return result
    return list(array)


def chart_selection(point: dict[str, Any], index: int) -> dict[str, Any]:
    """The session-state value of a plotly chart on which the user selected one point (AppTest
    cannot click: a test sets this under the chart's key and reruns)."""
    return {"selection": {"points": [point], "point_indices": [index], "box": [], "lasso": []}}


def table_selection(row: int) -> dict[str, Any]:
    """The session-state value of an st.dataframe with one row selected."""
    return {"selection": {"rows": [row], "columns": [], "cells": []}}
