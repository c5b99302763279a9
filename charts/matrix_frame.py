"""The frame both responsibility matrices share: unit rows grouped by Sector (a separator
and the Sector's name beside its rows), activity columns banded by pillar, the axes and legend,
and the invisible points that keep empty columns. Shapes, annotations and traces are plain
dicts set all at once (see matrix_layout)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from analysis.model import PILLARS
from charts.palette import FONT_FAMILY, NEUTRAL_GREY, PILLAR_COLOURS, plain, sector_colour

ROW_HEIGHT = 30
# Traces are plain dicts holding numpy arrays: plotly then validates each array once, as a
# whole, instead of element by element (and not twice, as go.Scatter inside go.Figure does).
Trace = dict[str, Any]
Bands = tuple[list[dict[str, Any]], list[dict[str, Any]]]


def _spans(labels: list[str]) -> list[tuple[str, int, int]]:
    """(label, first index, last index) of each run of equal consecutive labels."""
    spans: list[tuple[str, int, int]] = []
    for index, label in enumerate(labels):
        if spans and spans[-1][0] == label:
            spans[-1] = (label, spans[-1][1], index)
        else:
            spans.append((label, index, index))
    return spans


def _wrapped(label: str, width: int = 16) -> str:
    """A long unit name on two lines, so the matrix keeps its width for the cells."""
    if len(label) <= width or " " not in label:
        return label
    middle = len(label) // 2
    spaces = [index for index, character in enumerate(label) if character == " "]
    cut = min(spaces, key=lambda index: abs(index - middle))
    return f"{label[:cut]}<br>{label[cut + 1 :]}"


def sector_bands(unit_sectors: list[str]) -> Bands:
    """Separators between Sectors, and each Sector's name right of its rows: (shapes,
    annotations), as plain dicts so the caller sets them all at once."""
    shapes: list[dict[str, Any]] = []
    annotations: list[dict[str, Any]] = []
    for sector, first, last in _spans(unit_sectors):
        if first > 0:
            shapes.append(
                {
                    "type": "line",
                    "xref": "x domain",
                    "x0": 0,
                    "x1": 1,
                    "yref": "y",
                    "y0": first - 0.5,
                    "y1": first - 0.5,
                    "line": {"color": NEUTRAL_GREY, "width": 1},
                }
            )
        annotations.append(
            {
                "xref": "paper",
                "x": 1.005,
                "xanchor": "left",
                "yref": "y",
                "y": (first + last) / 2,
                "text": f"<b>{sector.replace('General Secretariat', 'General<br>Secretariat')}</b>",
                "showarrow": False,
                "align": "left",
                "font": {"color": sector_colour(sector), "size": 12},
            }
        )
    return shapes, annotations


def pillar_bands(
    column_pillars: list[str],
) -> Bands:
    """A tinted band per pillar, a separator between pillars and the pillar's name above:
    (shapes, annotations), as plain dicts so the caller sets them all at once."""
    shapes: list[dict[str, Any]] = []
    annotations: list[dict[str, Any]] = []
    for position, (pillar, first, last) in enumerate(_spans(column_pillars)):
        colour = PILLAR_COLOURS.get(pillar, NEUTRAL_GREY)
        shapes.append(
            {
                "type": "rect",
                "xref": "x",
                "x0": first - 0.5,
                "x1": last + 0.5,
                "yref": "y domain",
                "y0": 0,
                "y1": 1,
                "fillcolor": colour,
                "opacity": 0.08,
                "line": {"width": 0},
                "layer": "below",
            }
        )
        if first > 0:
            shapes.append(
                {
                    "type": "line",
                    "xref": "x",
                    "x0": first - 0.5,
                    "x1": first - 0.5,
                    "yref": "y domain",
                    "y0": 0,
                    "y1": 1,
                    "line": {"color": NEUTRAL_GREY, "width": 1},
                }
            )
        annotations.append(
            {
                "xref": "x",
                "x": (first + last) / 2,
                "yref": "paper",
                "y": 1.0,
                "yanchor": "bottom",
                "yshift": 20 * (position % 3),
                "text": f"<b>{plain(pillar)}</b>",
                "showarrow": False,
                "font": {"color": colour, "size": 12},
            }
        )
    return shapes, annotations


def by_pillar(activities: pd.DataFrame) -> pd.DataFrame:
    """The activities with each pillar's together: pillars in the plan's order (PILLARS, then
    any other in order of appearance), plan order within a pillar. One band per pillar then,
    however the rows interleave."""
    known = [pillar for pillar in PILLARS if pillar in set(activities["pillar"])]
    order = list(dict.fromkeys([*known, *activities["pillar"]]))
    rank = activities["pillar"].map({pillar: n for n, pillar in enumerate(order)})
    return activities.iloc[rank.to_numpy().argsort(kind="stable")]


def column_keeper(columns: np.ndarray, units: list[str]) -> Trace:
    # An invisible point per column keeps empty columns (activities nobody leads or assists)
    # and the category order on the axes.
    return {
        "type": "scatter",
        "x": columns,
        "y": np.full(len(columns), units[0] if units else "", dtype=object),
        "mode": "markers",
        "marker": {"opacity": 0, "size": 1},
        "hoverinfo": "skip",
        "showlegend": False,
    }


def matrix_layout(
    *,
    title: str,
    columns: np.ndarray,
    units: pd.DataFrame,
    x_title: str,
    tick_angle: int,
    bottom: int,
    pillar_bands: Bands = ([], []),
) -> dict[str, Any]:
    """The whole layout as one dict, shapes and annotations included: plotly validates it once
    (adding shapes one by one re-validates all earlier ones, which is quadratic)."""
    unit_codes = list(units["unit"])
    sector_shapes, sector_notes = sector_bands(list(units["sector"]))
    pillar_shapes, pillar_notes = pillar_bands
    return {
        "title": {"text": title, "y": 0.98, "yanchor": "top"},
        "height": 190 + ROW_HEIGHT * max(len(unit_codes), 1) + bottom,
        "margin": {"l": 10, "r": 110, "t": 140, "b": bottom},
        "font": {"family": FONT_FAMILY},
        # Bottom right: the top right is where the chart toolbar appears.
        "legend": {
            "orientation": "h",
            "xref": "container",
            "x": 1.0,
            "xanchor": "right",
            "yref": "container",
            "y": 0.0,
            "yanchor": "bottom",
        },
        "clickmode": "event+select",
        "hoverlabel": {"align": "left"},
        "shapes": pillar_shapes + sector_shapes,
        "annotations": pillar_notes + sector_notes,
        "xaxis": {
            "type": "category",
            "categoryorder": "array",
            "categoryarray": columns,
            "range": [-0.5, len(columns) - 0.5],
            "tickangle": tick_angle,
            "showgrid": False,
            "title": {"text": x_title},
            "side": "bottom",
        },
        "yaxis": {
            "tickmode": "array",
            "tickvals": unit_codes,
            "ticktext": [_wrapped(plain(unit)) for unit in unit_codes],
            "type": "category",
            "categoryorder": "array",
            "categoryarray": unit_codes,
            "range": [len(unit_codes) - 0.5, -0.5],
            "showgrid": False,
            "title": {"text": "ITU unit (grouped by Sector or General Secretariat)"},
        },
    }
