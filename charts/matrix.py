"""Responsibility matrix figures: units (rows, grouped by Sector) against activities, action
lines or pillars. Cells are square markers of a scatter, so a click returns the cell; each
carries its letters (L, A or "2L 1A") so the matrix reads without colour."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from charts.contrast import legible
from charts.matrix_frame import (
    Trace,
    by_pillar,
    column_keeper,
    matrix_layout,
    pillar_bands,
)
from charts.palette import ROLE_COLOURS, plain

LETTER_ON = {"lead": "#FFFFFF", "assist": "#1F4E79"}  # letters that contrast with ROLE_COLOURS
# Past this many activity columns the per-activity matrix is a wall of overprinted ids: about
# what a wide screen shows with readable labels, several times the bundled plan's activities.
MAX_ACTIVITY_COLUMNS = 400


def _legend_key(label: str, role: str) -> Trace:
    # A visible square in the legend only: the heatmap itself has no legend entry.
    return {
        "type": "scatter",
        "name": label,
        "x": [None],
        "y": [None],
        "mode": "markers",
        "marker": {"symbol": "square", "size": 14, "color": ROLE_COLOURS[role]},
        "hoverinfo": "skip",
    }


def _cell_hovers(rows: pd.DataFrame, role: str) -> np.ndarray:
    texts = [
        f"<b>{plain(activity_id)}</b> {plain(title)}<br>"
        f"{plain(unit_name)} ({plain(unit)}): {role}" + (f"<br>Note: {plain(note)}" if note else "")
        for activity_id, title, unit, unit_name, note in zip(
            rows["activity_id"].tolist(),
            rows["title"].tolist(),
            rows["unit"].tolist(),
            rows["unit_name"].tolist(),
            rows["note"].tolist(),
            strict=True,
        )
    ]
    return np.array(texts, dtype=object)


def _pick_layer(rows: pd.DataFrame, role: str, label: str) -> Trace:
    # Invisible over the heatmap: there only to carry hover and selection.
    return {
        "type": "scatter",
        "name": label,
        "showlegend": False,
        "x": rows["activity_id"].to_numpy(dtype=object),
        "y": rows["unit"].to_numpy(dtype=object),
        "mode": "markers",
        "marker": {"symbol": "square", "size": 14, "color": ROLE_COLOURS[role], "opacity": 0},
        "selected": {"marker": {"opacity": 0}},
        "unselected": {"marker": {"opacity": 0}},
        "hoverlabel": {"bgcolor": ROLE_COLOURS[role]},
        "customdata": rows[["activity_id", "unit"]].to_numpy(dtype=object),
        "hovertext": _cell_hovers(rows, role),
        "hovertemplate": "%{hovertext}<extra></extra>",
    }


def too_many_columns(activity_count: int) -> bool:
    """Whether the activity-by-activity matrix has more columns than it can show: beyond
    MAX_ACTIVITY_COLUMNS the column labels overprint and the browser slows down, so the grouped
    view (by pillar or action line) is the better default."""
    return activity_count > MAX_ACTIVITY_COLUMNS


def _letter_grid(letters: pd.DataFrame, rows: list[str], columns: np.ndarray) -> np.ndarray:
    """letters as a units x activities array in the given order, '' where it has no cell. In
    numpy, not pandas: reindexing a frame with thousands of text columns takes seconds."""
    known = letters.to_numpy(dtype=object)
    # One blank row and column at the end: position -1 (not in letters) lands there.
    padded = np.full((known.shape[0] + 1, known.shape[1] + 1), "", dtype=object)
    padded[:-1, :-1] = known
    at_row = letters.index.get_indexer(pd.Index(rows))
    at_column = letters.columns.get_indexer(pd.Index(columns))
    grid = padded[np.ix_(at_row, at_column)]
    grid[pd.isna(grid)] = ""
    return grid


def activity_matrix(
    letters: pd.DataFrame, cells: pd.DataFrame, activities: pd.DataFrame, units: pd.DataFrame
) -> go.Figure:
    """Units x activities. letters: responsibility_matrix (units x activity ids, 'L', 'A' or
    ''); cells: responsibility_cells; activities: activity_id, pillar in plan order (columns
    are regrouped by pillar, see by_pillar); units: unit, sector in row order. Cells are drawn
    as a heatmap, which scales with the page width, under an invisible scatter whose points
    carry the hover and customdata [activity_id, unit] so a click selects a cell."""
    ordered = by_pillar(activities)
    columns = ordered["activity_id"].to_numpy(dtype=object)
    unit_codes = units["unit"].tolist()
    grid = _letter_grid(letters, unit_codes, columns)
    # Lead dark (1), assist light (0.5), no role blank (NaN).
    shade = np.where(grid == "L", 1.0, np.where(grid == "A", 0.5, np.nan))
    traces: list[Trace] = [
        {
            "type": "heatmap",
            "x": columns,
            "y": unit_codes,
            "z": shade,
            "text": grid,
            "texttemplate": "%{text}",
            "textfont": {"size": 11},
            "zmin": 0.5,
            "zmax": 1.0,
            "colorscale": [[0.0, ROLE_COLOURS["assist"]], [1.0, ROLE_COLOURS["lead"]]],
            "showscale": False,
            "xgap": 2,
            "ygap": 2,
            "hoverinfo": "skip",
        }
    ]
    for role, label in (("lead", "Lead (L)"), ("assist", "Assist (A)")):
        traces += [_legend_key(label, role), _pick_layer(cells[cells["role"] == role], role, label)]
    traces.append(column_keeper(columns, unit_codes))
    layout = matrix_layout(
        title="Who leads (L) and who assists (A), activity by activity",
        columns=columns,
        units=units,
        x_title="Activity (plan order, grouped by pillar; hover for the title)",
        tick_angle=-90,
        bottom=110,
        pillar_bands=pillar_bands(ordered["pillar"].tolist()),
    )
    layout["xaxis"] |= {
        "tickmode": "array",
        "tickvals": columns,
        "ticktext": [plain(column) for column in columns],
        "tickfont": {"size": 10},
    }
    layout["legend"]["itemsizing"] = "constant"
    return legible(go.Figure(data=traces, layout=layout))


def group_matrix(
    cells: pd.DataFrame, groups: list[str], units: pd.DataFrame, group_title: str
) -> go.Figure:
    """Units x action lines or pillars. cells: analysis.measures.matrix.group_cells; groups: column
    order; units: unit, sector in row order. Dark cells hold at least one lead, light cells assists
    only; each marker carries customdata [unit, group]."""
    unit_codes = units["unit"].tolist()
    traces: list[Trace] = []
    for kind, label, has_lead in (
        ("lead", "Leads at least one (dark)", True),
        ("assist", "Assists only (light)", False),
    ):
        rows = cells[(cells["lead"] > 0) == has_lead]
        traces.append(
            {
                "type": "scatter",
                "name": label,
                "x": rows["group"].tolist(),
                "y": rows["unit"].tolist(),
                "mode": "markers+text",
                "marker": {
                    "symbol": "square",
                    "size": 46,
                    "color": ROLE_COLOURS[kind],
                    "line": {"color": ROLE_COLOURS["lead"], "width": 1},
                },
                "text": rows["label"].tolist(),
                "textfont": {"color": LETTER_ON[kind], "size": 12},
                "textposition": "middle center",
                "customdata": rows[["unit", "group"]].to_numpy(dtype=object),
                "hovertext": [
                    f"<b>{plain(unit_name)} ({plain(unit)})</b> in {plain(group)}<br>"
                    f"leads {lead}, assists {assist}<br>Activities: {plain(ids)}"
                    for unit, unit_name, group, lead, assist, ids in zip(
                        rows["unit"].tolist(),
                        rows["unit_name"].tolist(),
                        rows["group"].tolist(),
                        rows["lead"].tolist(),
                        rows["assist"].tolist(),
                        rows["activity_ids"].tolist(),
                        strict=True,
                    )
                ],
                "hovertemplate": "%{hovertext}<extra></extra>",
            }
        )
    columns = np.array(groups, dtype=object)
    traces.append(column_keeper(columns, unit_codes))
    layout = matrix_layout(
        title=f"Lead (L) and assist (A) roles per unit and {group_title}",
        columns=columns,
        units=units,
        x_title=group_title[0].upper() + group_title[1:],
        tick_angle=0,
        bottom=90,
    )
    layout["height"] = 100 + 52 * max(len(unit_codes), 1) + 90
    layout["margin"]["t"] = 70
    return legible(go.Figure(data=traces, layout=layout))
