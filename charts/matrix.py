"""Responsibility matrix figures: units (rows, grouped by Sector) against activities, action
lines or pillars. Cells are square markers of a scatter, so a click returns the cell; each
carries its letters (L, A or "2L 1A") so the matrix reads without colour."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.palette import FONT_FAMILY, PILLAR_COLOURS, ROLE_COLOURS, plain, sector_colour

LETTER_ON = {"lead": "#FFFFFF", "assist": "#1F4E79"}  # letters that contrast with ROLE_COLOURS
SEPARATOR = "#888888"  # mid grey: visible on light and dark backgrounds
ROW_HEIGHT = 30


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


def _sector_bands(figure: go.Figure, unit_sectors: list[str]) -> None:
    """Separators between Sectors, and each Sector's name right of its rows."""
    for sector, first, last in _spans(unit_sectors):
        if first > 0:
            figure.add_hline(y=first - 0.5, line={"color": SEPARATOR, "width": 1})
        figure.add_annotation(
            xref="paper",
            x=1.005,
            xanchor="left",
            yref="y",
            y=(first + last) / 2,
            text=f"<b>{sector.replace('General Secretariat', 'General<br>Secretariat')}</b>",
            showarrow=False,
            align="left",
            font={"color": sector_colour(sector), "size": 12},
        )


def _pillar_bands(figure: go.Figure, column_pillars: list[str]) -> None:
    """A tinted band per pillar, a separator between pillars and the pillar's name above."""
    for position, (pillar, first, last) in enumerate(_spans(column_pillars)):
        colour = PILLAR_COLOURS.get(pillar, SEPARATOR)
        figure.add_vrect(
            x0=first - 0.5,
            x1=last + 0.5,
            fillcolor=colour,
            opacity=0.08,
            line_width=0,
            layer="below",
        )
        if first > 0:
            figure.add_vline(x=first - 0.5, line={"color": SEPARATOR, "width": 1})
        figure.add_annotation(
            xref="x",
            x=(first + last) / 2,
            yref="paper",
            y=1.0,
            yanchor="bottom",
            yshift=20 * (position % 3),
            text=f"<b>{plain(pillar)}</b>",
            showarrow=False,
            font={"color": colour, "size": 12},
        )


def _axes(
    figure: go.Figure,
    *,
    title: str,
    columns: list[str],
    units: list[str],
    x_title: str,
    tick_angle: int,
    bottom: int,
) -> go.Figure:
    # An invisible point per column and row keeps empty columns (activities nobody leads or
    # assists) and the category order on the axes.
    figure.add_trace(
        go.Scatter(
            x=columns,
            y=[units[0]] * len(columns) if units else [],
            mode="markers",
            marker={"opacity": 0, "size": 1},
            hoverinfo="skip",
            showlegend=False,
        )
    )
    figure.update_layout(
        title={"text": title, "y": 0.98, "yanchor": "top"},
        height=190 + ROW_HEIGHT * max(len(units), 1) + bottom,
        margin={"l": 10, "r": 110, "t": 140, "b": bottom},
        font={"family": FONT_FAMILY},
        # Bottom right: the top right is where the chart toolbar appears.
        legend={
            "orientation": "h",
            "xref": "container",
            "x": 1.0,
            "xanchor": "right",
            "yref": "container",
            "y": 0.0,
            "yanchor": "bottom",
        },
        clickmode="event+select",
        hoverlabel={"align": "left"},
    )
    figure.update_xaxes(
        type="category",
        categoryorder="array",
        categoryarray=columns,
        range=[-0.5, len(columns) - 0.5],
        tickangle=tick_angle,
        showgrid=False,
        title={"text": x_title},
        side="bottom",
    )
    figure.update_yaxes(
        tickmode="array",
        tickvals=units,
        ticktext=[_wrapped(plain(unit)) for unit in units],
        type="category",
        categoryorder="array",
        categoryarray=units,
        range=[len(units) - 0.5, -0.5],
        showgrid=False,
        title={"text": "ITU unit (grouped by Sector)"},
    )
    return figure


def activity_matrix(
    letters: pd.DataFrame, cells: pd.DataFrame, activities: pd.DataFrame, units: pd.DataFrame
) -> go.Figure:
    """Units x activities. letters: responsibility_matrix (units x activity ids, 'L', 'A' or
    ''); cells: responsibility_cells; activities: activity_id, pillar in plan order; units: unit,
    sector in row order. Cells are drawn as a heatmap, which scales with the page width, under
    an invisible scatter whose points carry the hover and customdata [activity_id, unit] so a
    click selects a cell."""
    columns = list(activities["activity_id"])
    unit_codes = list(units["unit"])
    grid = letters.reindex(index=unit_codes, columns=columns).fillna("")
    value = {"L": 1.0, "A": 0.5}
    figure = go.Figure(
        go.Heatmap(
            x=columns,
            y=unit_codes,
            z=[[value.get(letter) for letter in row] for row in grid.to_numpy()],
            text=grid.to_numpy().tolist(),
            texttemplate="%{text}",
            textfont={"size": 11},
            zmin=0.5,
            zmax=1.0,
            colorscale=[[0.0, ROLE_COLOURS["assist"]], [1.0, ROLE_COLOURS["lead"]]],
            showscale=False,
            xgap=2,
            ygap=2,
            hoverinfo="skip",
        )
    )
    for role, label in (("lead", "Lead (L)"), ("assist", "Assist (A)")):
        rows = cells[cells["role"] == role]
        figure.add_trace(
            go.Scatter(
                name=label,
                x=[None],
                y=[None],
                mode="markers",
                marker={"symbol": "square", "size": 14, "color": ROLE_COLOURS[role]},
                hoverinfo="skip",
            )
        )
        figure.add_trace(
            go.Scatter(
                name=label,
                showlegend=False,
                x=list(rows["activity_id"]),
                y=list(rows["unit"]),
                mode="markers",
                # Invisible over the heatmap: there only to carry hover and selection.
                marker={"symbol": "square", "size": 14, "color": ROLE_COLOURS[role], "opacity": 0},
                selected={"marker": {"opacity": 0}},
                unselected={"marker": {"opacity": 0}},
                hoverlabel={"bgcolor": ROLE_COLOURS[role]},
                customdata=list(zip(rows["activity_id"], rows["unit"], strict=True)),
                hovertext=[
                    f"<b>{plain(activity_id)}</b> {plain(title)}<br>"
                    f"{plain(unit_name)} ({plain(unit)}): {role}"
                    + (f"<br>Note: {plain(note)}" if note else "")
                    for activity_id, title, unit, unit_name, note in zip(
                        rows["activity_id"],
                        rows["title"],
                        rows["unit"],
                        rows["unit_name"],
                        rows["note"],
                        strict=True,
                    )
                ],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    _pillar_bands(figure, list(activities["pillar"]))
    _sector_bands(figure, list(units["sector"]))
    figure = _axes(
        figure,
        title="Who leads (L) and who assists (A), activity by activity",
        columns=columns,
        units=unit_codes,
        x_title="Activity (plan order, grouped by pillar; hover for the title)",
        tick_angle=-90,
        bottom=110,
    )
    figure.update_xaxes(tickmode="array", tickvals=columns, ticktext=columns, tickfont={"size": 10})
    figure.update_layout(legend={"itemsizing": "constant"})
    return figure


def group_matrix(
    cells: pd.DataFrame, groups: list[str], units: pd.DataFrame, group_title: str
) -> go.Figure:
    """Units x action lines or pillars. cells: analysis.views.group_cells; groups: column order;
    units: unit, sector in row order. Dark cells hold at least one lead, light cells assists
    only; each marker carries customdata [unit, group]."""
    unit_codes = list(units["unit"])
    figure = go.Figure()
    for kind, label, has_lead in (
        ("lead", "Leads at least one (dark)", True),
        ("assist", "Assists only (light)", False),
    ):
        rows = cells[(cells["lead"] > 0) == has_lead]
        figure.add_trace(
            go.Scatter(
                name=label,
                x=list(rows["group"]),
                y=list(rows["unit"]),
                mode="markers+text",
                marker={
                    "symbol": "square",
                    "size": 46,
                    "color": ROLE_COLOURS[kind],
                    "line": {"color": ROLE_COLOURS["lead"], "width": 1},
                },
                text=list(rows["label"]),
                textfont={"color": LETTER_ON[kind], "size": 12},
                textposition="middle center",
                customdata=list(zip(rows["unit"], rows["group"], strict=True)),
                hovertext=[
                    f"<b>{plain(unit_name)} ({plain(unit)})</b> in {plain(group)}<br>"
                    f"leads {lead}, assists {assist}<br>Activities: {plain(ids)}"
                    for unit, unit_name, group, lead, assist, ids in zip(
                        rows["unit"],
                        rows["unit_name"],
                        rows["group"],
                        rows["lead"],
                        rows["assist"],
                        rows["activity_ids"],
                        strict=True,
                    )
                ],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    _sector_bands(figure, list(units["sector"]))
    figure = _axes(
        figure,
        title=f"Lead (L) and assist (A) roles per unit and {group_title}",
        columns=groups,
        units=unit_codes,
        x_title=group_title[0].upper() + group_title[1:],
        tick_angle=0,
        bottom=90,
    )
    figure.update_layout(
        height=100 + 52 * max(len(unit_codes), 1) + 90,
        margin={"t": 70},
    )
    return figure
