"""The app's theme (.streamlit/config.toml) and the selection style of bar charts: a chosen
filter or selection must not look like an error, and text on it must stay readable (WCAG AA,
4.5:1, which the axe-core audit of tests/browser checks); unselected bars keep readable value
labels."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from analysis.measures.metrics import LoadWeights
from charts.palette import UNSELECTED_TEXT_COLOUR, readable_selection
from charts.workload import sector_share_chart

CONFIG = Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml"


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def hue_is_red(hex_colour: str) -> bool:
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return red > 1.5 * max(green, blue)


def test_contrast_formula_on_known_pairs() -> None:
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


def test_the_primary_colour_is_not_an_error_red_and_reads_on_white() -> None:
    theme = tomllib.loads(CONFIG.read_text(encoding="utf-8"))["theme"]
    primary = theme["primaryColor"]
    assert not hue_is_red(primary)
    assert hue_is_red("#FF4B4B")  # Streamlit's default, which this replaces
    # Chips of chosen filters: white text on the primary colour; focus rings on white.
    assert contrast(primary, "#FFFFFF") >= 4.5


def test_unselected_bars_keep_readable_labels() -> None:
    by_sector = pd.DataFrame(
        {"sector": ["ITU-T", "ITU-D"], "weighted_load": [15.0, 23.0], "share": [0.4, 0.6]}
    )
    figure = sector_share_chart(by_sector, LoadWeights())
    (bar,) = figure.data
    assert bar.unselected.textfont.color == UNSELECTED_TEXT_COLOUR
    assert bar.unselected.marker.opacity >= 0.4
    assert contrast(UNSELECTED_TEXT_COLOUR, "#FFFFFF") >= 4.5


def test_readable_selection_touches_bars_only() -> None:

    figure = go.Figure([go.Bar(x=[1], y=["a"]), go.Scatter(x=[1], y=[1])])
    readable_selection(figure)
    assert figure.data[0].unselected.textfont.color == UNSELECTED_TEXT_COLOUR
    assert figure.data[1].unselected.marker.opacity is None
