"""The collaboration network: ITU units and partner organisations joined by shared activities.

Units are circles coloured by Sector, organisations squares coloured by kind, so the two read
apart in greyscale too. Links are drawn as one trace per width band (not one per link)."""

from __future__ import annotations

import math
from collections.abc import Mapping

import networkx as nx
import pandas as pd
import plotly.graph_objects as go

from analysis.network import SizeBy
from charts.contrast import legible
from charts.palette import (
    FONT_FAMILY,
    ORGANISATION_COLOURS,
    SECTOR_COLOURS,
    organisation_colour,
    plain,
    sector_colour,
)

LINK_COLOUR = "#888888"  # mid grey: visible on light and dark backgrounds
# (lowest weight, highest weight, line width, legend name)
LINK_BANDS: tuple[tuple[int, float, float, str], ...] = (
    (1, 1, 1.0, "1 shared activity"),
    (2, 3, 2.5, "2–3 shared activities"),
    (4, 7, 4.5, "4–7 shared activities"),
    (8, math.inf, 7.5, "8 or more shared activities"),
)
SMALLEST_NODE_PX = 14
LARGEST_NODE_PX = 42
DIMMED = 0.15
SIZE_WORDS: dict[str, str] = {
    "degree": "number of partners (degree)",
    "betweenness": "bridging role (betweenness)",
}


def network_figure(
    graph: nx.Graph,
    positions: Mapping[str, tuple[float, float]],
    centrality: pd.DataFrame,
    *,
    size_by: SizeBy,
    focus: str | None = None,
) -> go.Figure:
    """Nodes at `positions` sized by `size_by` (a centrality column), links by band. With a
    `focus` node, everything outside its neighbourhood is dimmed and unlabelled.
    customdata: ["node", id] on nodes, ["link", a, b] on link midpoints, for selections."""
    near: set[str] = (
        set(graph.neighbors(focus)) | {focus}
        if focus is not None and focus in graph
        else set(graph.nodes)
    )
    positions = spread(positions)
    figure = go.Figure()
    _add_links(figure, graph, positions, focus if focus in graph else None)
    _add_nodes(figure, graph, positions, centrality, size_by, near, focus)
    title = "Who works with whom: ITU units and partner organisations sharing activities"
    if focus in graph:
        title += f" (around {plain(graph.nodes[focus]['label'])})"
    figure.update_layout(
        title={"text": title, "x": 0},
        font={"family": FONT_FAMILY},
        height=680,
        hovermode="closest",
        legend={"title": {"text": "Node colour and link width"}, "itemsizing": "constant"},
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        xaxis={"visible": False},
        yaxis={"visible": False, "scaleanchor": "x"},
        annotations=[
            {
                "text": f"Node size: {SIZE_WORDS[size_by]}",
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": 0,
                "showarrow": False,
                "font": {"size": 12},
            }
        ],
    )
    return legible(figure)


def spread(
    positions: Mapping[str, tuple[float, float]], power: float = 0.55
) -> dict[str, tuple[float, float]]:
    """Positions pushed out from their centre (distance ** power, outermost kept in place):
    the weighted layout packs the busiest units tightly, where their labels would collide."""
    if not positions:
        return {}
    cx = sum(x for x, _ in positions.values()) / len(positions)
    cy = sum(y for _, y in positions.values()) / len(positions)
    radii = {n: math.hypot(x - cx, y - cy) for n, (x, y) in positions.items()}
    outer = max(radii.values()) or 1.0
    moved = {}
    for node, (x, y) in positions.items():
        radius = radii[node]
        scale = outer * (radius / outer) ** power / radius if radius else 1.0
        moved[node] = (cx + (x - cx) * scale, cy + (y - cy) * scale)
    return moved


def _add_links(
    figure: go.Figure,
    graph: nx.Graph,
    positions: Mapping[str, tuple[float, float]],
    focus: str | None,
) -> None:
    for low, high, width, name in LINK_BANDS:
        in_band = [(a, b, d) for a, b, d in graph.edges(data=True) if low <= d["weight"] <= high]
        if not in_band:
            continue
        for lit in (True, False):
            chosen = [(a, b) for a, b, _ in in_band if (focus in (a, b) or focus is None) == lit]
            if not chosen:
                continue
            xs: list[float | None] = []
            ys: list[float | None] = []
            for a, b in chosen:
                xs += [positions[a][0], positions[b][0], None]
                ys += [positions[a][1], positions[b][1], None]
            figure.add_scatter(
                x=xs,
                y=ys,
                mode="lines",
                line={"color": LINK_COLOUR, "width": width},
                opacity=0.75 if lit else DIMMED,
                name=name,
                legendgroup=name,
                legendrank=900,
                showlegend=lit,
                hoverinfo="skip",
            )
    _add_link_hovers(figure, graph, positions, focus)


def _add_link_hovers(
    figure: go.Figure,
    graph: nx.Graph,
    positions: Mapping[str, tuple[float, float]],
    focus: str | None,
) -> None:
    """Invisible points at the middle of each link: hover and click a link there."""
    links = [(a, b, d) for a, b, d in graph.edges(data=True) if focus is None or focus in (a, b)]
    if not links:
        return
    figure.add_scatter(
        x=[(positions[a][0] + positions[b][0]) / 2 for a, b, _ in links],
        y=[(positions[a][1] + positions[b][1]) / 2 for a, b, _ in links],
        mode="markers",
        marker={"size": 10, "color": LINK_COLOUR, "opacity": 0.01},
        name="links",
        showlegend=False,
        customdata=[["link", a, b] for a, b, _ in links],
        hovertext=[
            f"<b>{plain(graph.nodes[a]['label'])} – {plain(graph.nodes[b]['label'])}</b><br>"
            f"{d['weight']} shared activit{'y' if d['weight'] == 1 else 'ies'}: "
            + plain(", ".join(d["activities"]))
            for a, b, d in links
        ],
        hoverinfo="text",
    )


def _node_groups(graph: nx.Graph) -> list[tuple[str, str, str, str]]:
    """(kind, group, legend name, colour) in a stable order: Sectors, then organisation kinds."""
    present = {(d["kind"], d["group"]) for _, d in graph.nodes(data=True)}
    ordered = [("unit", s) for s in SECTOR_COLOURS] + [
        ("organisation", k) for k in ORGANISATION_COLOURS
    ]
    ordered += sorted(present - set(ordered))
    groups = []
    for kind, group in ordered:
        if (kind, group) not in present:
            continue
        if kind == "unit":
            groups.append((kind, group, f"ITU unit, {group}", sector_colour(group)))
        else:
            name = {"ITU": "ITU as a partner organisation", "other": "other organisation"}.get(
                group, group
            )
            groups.append((kind, group, name, organisation_colour(group)))
    return groups


def _add_nodes(
    figure: go.Figure,
    graph: nx.Graph,
    positions: Mapping[str, tuple[float, float]],
    centrality: pd.DataFrame,
    size_by: SizeBy,
    near: set[str],
    focus: str | None,
) -> None:
    figures = centrality.set_index("node")
    largest = float(figures[size_by].max()) or 1.0
    for kind, group, name, colour in _node_groups(graph):
        nodes = [n for n, d in graph.nodes(data=True) if d["kind"] == kind and d["group"] == group]
        row = figures.loc[nodes]
        sizes = [
            SMALLEST_NODE_PX
            + (LARGEST_NODE_PX - SMALLEST_NODE_PX) * math.sqrt(max(0.0, float(v)) / largest)
            for v in row[size_by]
        ]
        figure.add_scatter(
            x=[positions[n][0] for n in nodes],
            y=[positions[n][1] for n in nodes],
            mode="markers+text",
            name=name,
            legendrank=100,
            marker={
                "size": sizes,
                "color": colour,
                "symbol": "circle" if kind == "unit" else "square",
                "opacity": [1.0 if n in near else DIMMED for n in nodes],
                # A thick ring marks the node in focus.
                "line": {"width": [4 if n == focus else 1 for n in nodes], "color": LINK_COLOUR},
            },
            text=[plain(graph.nodes[n]["label"]) if n in near else "" for n in nodes],
            textposition="top center",
            customdata=[["node", n] for n in nodes],
            hovertext=[_node_hover(graph, n, figures.loc[n]) for n in nodes],
            hoverinfo="text",
        )


def _node_hover(graph: nx.Graph, node: str, figures: pd.Series) -> str:
    data = graph.nodes[node]
    what = f"ITU unit, {data['group']}" if data["kind"] == "unit" else f"{data['group']}"
    return (
        f"<b>{plain(data['label'])}</b>: {plain(data['name'])}<br>{plain(what)}<br>"
        f"Takes part in {int(figures['activities'])} activities · "
        f"works with {int(figures['degree'])} others · "
        f"bridging score {float(figures['betweenness']):.2f}"
    )
