"""Workload figures: lead and assist roles, and weighted load, per unit or per Sector. Bars are
coloured by Sector; assists are lighter and hatched and carry the letter A, leads the letter L,
so the roles stay apart in greyscale print."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis.measures.balance_words import (
    SECTORS_AND_GS,
    number_text,
    per_words,
    percent_text,
)
from analysis.measures.metrics import By, LoadWeights
from charts.contrast import legible
from charts.palette import (
    FALLBACK_COLOUR,
    FONT_FAMILY,
    NEUTRAL_GREY,
    SECTOR_COLOURS,
    lighter,
    plain,
    readable_selection,
    sector_colour,
)

ROW_HEIGHT = 34


def shares_phrase(frame: pd.DataFrame) -> str:
    """'ITU-R 6% (4.5), ITU-T 19% (15), ...': each bar's share and weighted load in words, the
    text alternative of a share chart (frame: workload_by_sector or workload_by_unit)."""
    names = frame["sector"] if "unit" not in frame.columns else frame["unit"]
    return ", ".join(
        f"{name} {percent_text(share)} ({number_text(load)})"
        for name, share, load in zip(
            names, frame["share"].astype(float), frame["weighted_load"].astype(float), strict=True
        )
    )


def _categories(frame: pd.DataFrame, by: By) -> tuple[list[str], list[str]]:
    """(codes, full names) of the bars, in the frame's order."""
    if by == "unit":
        return list(frame["unit"]), [plain(name) for name in frame["unit_name"]]
    return list(frame["sector"]), list(frame["sector"])


def _layout(
    figure: go.Figure, *, title: str, subtitle: str, x_title: str, rows: int, by: By
) -> go.Figure:
    figure.update_layout(
        title={"text": title, "subtitle": {"text": subtitle}},
        barmode="stack",
        height=200 + ROW_HEIGHT * max(rows, 1) + 40,
        margin={"l": 10, "r": 20, "t": 80, "b": 130},
        font={"family": FONT_FAMILY},
        legend={
            "orientation": "h",
            "yref": "container",
            "y": 0.0,
            "yanchor": "bottom",
            "x": 0,
            "title": None,
            "traceorder": "normal",
        },
        bargap=0.25,
        uniformtext={"minsize": 10, "mode": "hide"},
        clickmode="event+select",
    )
    figure.update_yaxes(
        # The Sector bars name themselves (ITU-R ... General Secretariat): no axis title that
        # would call the General Secretariat a Sector.
        title={"text": "ITU unit" if by == "unit" else ""},
        autorange="reversed",
        type="category",
    )
    figure.update_xaxes(title={"text": x_title}, rangemode="tozero")
    return legible(readable_selection(figure))


def roles_chart(frame: pd.DataFrame, by: By) -> go.Figure:
    """Stacked horizontal bars: lead and assist roles per unit (workload_by_unit) or per Sector
    (workload_by_sector). Each bar carries [code, full name] as customdata."""
    codes, names = _categories(frame, by)
    figure = go.Figure()
    for sector in SECTOR_COLOURS:
        in_sector = (frame["sector"] == sector).to_numpy()
        if not in_sector.any():
            continue
        rows = frame[in_sector]
        sector_codes = [code for code, keep in zip(codes, in_sector, strict=True) if keep]
        sector_names = [name for name, keep in zip(names, in_sector, strict=True) if keep]
        custom = list(zip(sector_codes, sector_names, strict=True))
        colour = sector_colour(sector)
        for role, letter, count in (("lead", "L", rows["lead"]), ("assist", "A", rows["assist"])):
            is_lead = role == "lead"
            figure.add_trace(
                go.Bar(
                    name=sector,
                    legendgroup=sector,
                    showlegend=is_lead,
                    orientation="h",
                    x=[int(value) for value in count],
                    y=sector_codes,
                    customdata=custom,
                    text=[f"{letter} {int(value)}" if value else "" for value in count],
                    textposition="inside",
                    insidetextanchor="middle",
                    marker={
                        "color": colour if is_lead else lighter(colour),
                        "line": {"color": colour, "width": 1},
                        "pattern": {
                            "shape": "" if is_lead else "/",
                            "fgcolor": colour,
                            "fillmode": "overlay",
                            "size": 8,
                        },
                    },
                    hovertemplate=(
                        "<b>%{customdata[1]}</b><br>"
                        + ("Leads" if is_lead else "Assists")
                        + " %{x} activities<extra></extra>"
                    ),
                )
            )
    _role_key(figure)
    return _layout(
        figure,
        title=f"Leads and assists{per_words(by)}",
        # The legend keys the colours (ITU-R ... General Secretariat).
        subtitle="L: leads (solid) · A: assists (hatched)",
        x_title="Number of activities",
        rows=len(frame),
        by=by,
    )


def _role_key(figure: go.Figure) -> None:
    """Legend entries that explain solid and hatched whatever the Sector colours."""
    for name, shape in (("Lead (L)", ""), ("Assist (A)", "/")):
        figure.add_trace(
            go.Bar(
                name=name,
                x=[None],
                y=[None],
                orientation="h",
                marker={
                    "color": lighter(FALLBACK_COLOUR, 0.0 if not shape else 0.55),
                    "pattern": {"shape": shape, "fgcolor": FALLBACK_COLOUR, "fillmode": "overlay"},
                },
                hoverinfo="skip",
            )
        )


def weighted_chart(frame: pd.DataFrame, by: By, weights: LoadWeights) -> go.Figure:
    """Horizontal bars of weighted load per unit or Sector, coloured by Sector, with a dashed
    line at the even share (total / number of bars shown)."""
    codes, names = _categories(frame, by)
    loads = frame["weighted_load"].astype(float)
    shares = frame["share"].astype(float)
    figure = go.Figure()
    for sector in SECTOR_COLOURS:
        in_sector = (frame["sector"] == sector).to_numpy()
        if not in_sector.any():
            continue
        figure.add_trace(
            go.Bar(
                name=sector,
                orientation="h",
                x=list(loads[in_sector]),
                y=[code for code, keep in zip(codes, in_sector, strict=True) if keep],
                customdata=[
                    (code, name)
                    for code, name, keep in zip(codes, names, in_sector, strict=True)
                    if keep
                ],
                text=[
                    f"{number_text(load)} ({percent_text(share)})"
                    for load, share in zip(loads[in_sector], shares[in_sector], strict=True)
                ],
                textposition="auto",
                marker={"color": sector_colour(sector)},
                hovertemplate=(
                    "<b>%{customdata[1]}</b><br>Weighted load %{x:g} (%{text})<extra></extra>"
                ),
            )
        )
    total = float(loads.sum())
    bars = len(frame)
    if bars and total > 0:
        even = total / bars
        figure.add_vline(
            x=even,
            line={"color": NEUTRAL_GREY, "dash": "dash", "width": 2},
            layer="below",
            annotation={
                "text": f"even share {number_text(even)}",
                "font": {"color": NEUTRAL_GREY},
                "yref": "paper",
                "y": 1.0,
                "yanchor": "bottom",
                "showarrow": False,
            },
        )
    return _layout(
        figure,
        title=f"Weighted load{per_words(by)}",
        subtitle=weights.describe().capitalize(),
        # Two lines, as in the comparison chart: on one, a half-width chart whose unit names
        # push the plot right ran it past the chart's edge.
        x_title=f"Weighted load<br>({weights.lead:g} per lead, {weights.assist:g} per assist)",
        rows=bars,
        by=by,
    )


def sector_share_chart(by_sector: pd.DataFrame, weights: LoadWeights) -> go.Figure:
    """The Overview's compact bars: each Sector's share of the weighted load."""
    shares = by_sector["share"].astype(float)
    loads = by_sector["weighted_load"].astype(float)
    sectors = list(by_sector["sector"])
    figure = go.Figure(
        go.Bar(
            orientation="h",
            x=list(shares),
            y=sectors,
            customdata=[(sector, sector) for sector in sectors],
            text=[percent_text(share) for share in shares],
            textposition="auto",
            marker={"color": [sector_colour(sector) for sector in sectors]},
            hovertemplate=[
                f"<b>{sector}</b><br>{percent_text(share)} of the weighted load ({load:g})"
                "<extra></extra>"
                for sector, share, load in zip(sectors, shares, loads, strict=True)
            ],
            showlegend=False,
        )
    )
    even = 1 / len(sectors) if sectors else 0.0
    figure.add_vline(
        x=even,
        line={"color": NEUTRAL_GREY, "dash": "dash", "width": 2},
        layer="below",
        annotation={
            "text": f"even share {percent_text(even)}",
            "font": {"color": NEUTRAL_GREY},
            "yref": "paper",
            "y": 1.0,
            "yanchor": "bottom",
            "showarrow": False,
        },
    )
    figure.update_layout(
        title={
            "text": f"Share of the weighted load: {SECTORS_AND_GS}",
            "subtitle": {"text": weights.describe().capitalize()},
        },
        height=280,
        margin={"l": 10, "r": 20, "t": 80, "b": 40},
        font={"family": FONT_FAMILY},
        clickmode="event+select",
    )
    figure.update_yaxes(title=None, autorange="reversed", type="category")
    figure.update_xaxes(title={"text": "Share of the weighted load"}, tickformat=".0%")
    return legible(readable_selection(figure))
