"""The collaboration network: ITU units and partner organisations joined by shared activities.

Units are circles coloured by Sector, organisations squares coloured by kind, so the two read
apart in greyscale too. Links are drawn as one trace per width band (not one per link)."""

from __future__ import annotations

import math
from collections.abc import Mapping

import networkx as nx
import pandas as pd
import plotly.graph_objects as go

from analysis.measures.network import SizeBy
from charts.contrast import legible
from charts.palette import (
    FONT_FAMILY,
    NEUTRAL_GREY,
    ORGANISATION_COLOURS,
    SECTOR_COLOURS,
    organisation_colour,
    plain,
    sector_colour,
)

LABEL_COLOUR = "#1A1A1A"  # dark text, with a white halo: over 4.5:1 on the white paper
# A white halo around each label (CSS text-shadow), so a link or node under it cannot hide it.
LABEL_HALO = "0 0 3px #ffffff, 0 0 3px #ffffff, 0 0 2px #ffffff"
# (lowest weight, highest weight, line width, legend name)
LINK_BANDS: tuple[tuple[int, float, float, str], ...] = (
    (1, 1, 1.0, "1 shared activity"),
    (2, 3, 2.5, "2–3 shared activities"),
    (4, 7, 4.5, "4–7 shared activities"),
    (8, math.inf, 7.5, "8 or more shared activities"),
)
KEY_ROW_PX = 20  # the link-width key's rows under the plot
LABEL_ROOM = 0.3  # share of the layout's width added right of it for the outer labels
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
    _add_labels(figure, graph, positions, centrality, size_by, near)
    title = "Who works with whom: ITU units and partner organisations sharing activities"
    if focus in graph:
        title += f" (around {plain(graph.nodes[focus]['label'])})"
    figure.update_layout(
        title={"text": title, "x": 0},
        font={"family": FONT_FAMILY},
        height=680,
        hovermode="closest",
        legend={"title": {"text": "Node colour"}, "itemsizing": "constant"},
        margin={"l": 90, "r": 10, "t": 60, "b": 4 * KEY_ROW_PX},
        xaxis={"visible": False},
        yaxis={"visible": False, "scaleanchor": "x"},
    )
    _link_width_key(figure)
    figure.add_annotation(
        text=f"Node size: {SIZE_WORDS[size_by]}", xref="paper", yref="paper", x=0, y=0,
        yshift=-KEY_ROW_PX * 3, xanchor="left", yanchor="middle", showarrow=False,
        font={"size": 12, "color": LABEL_COLOUR},
    )  # fmt: skip
    if positions:
        xs = [x for x, _ in positions.values()]
        span = (max(xs) - min(xs)) or 1.0
        figure.update_xaxes(range=[min(xs) - span * 0.12, max(xs) + span * LABEL_ROOM])
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
                line={"color": NEUTRAL_GREY, "width": width},
                opacity=0.75 if lit else DIMMED,
                name=name,
                showlegend=False,  # the link-width key below the plot shows the true widths
                hoverinfo="skip",
            )
    _add_link_hovers(figure, graph, positions, focus)


def _link_width_key(figure: go.Figure) -> None:
    """A key under the plot with each band's true line width (a legend entry would draw them
    all alike): a short line of that width, then its words; two bands a row, rows KEY_ROW_PX
    apart in pixels, so the key keeps its shape whatever the chart's height."""
    figure.add_annotation(
        text="Link width:", xref="paper", yref="paper", x=0, y=0, yshift=-KEY_ROW_PX,
        xanchor="right", yanchor="middle", showarrow=False, xshift=-4,
        font={"color": LABEL_COLOUR},
    )  # fmt: skip
    for index, (_, _, width, name) in enumerate(LINK_BANDS):
        left, row = (index % 2) * 0.5, index // 2 + 1
        # A line shape cannot be shifted in pixels: a headless arrow 36 px long can.
        figure.add_annotation(
            text="", xref="paper", yref="paper", x=left, y=0, ax=36, ay=0, axref="pixel",
            ayref="pixel", yshift=-KEY_ROW_PX * row, showarrow=True, arrowhead=0,
            arrowwidth=width, arrowcolor=NEUTRAL_GREY,
        )  # fmt: skip
        figure.add_annotation(
            text=name, xref="paper", yref="paper", x=left, y=0, xshift=42,
            yshift=-KEY_ROW_PX * row, xanchor="left", yanchor="middle", showarrow=False,
            font={"color": LABEL_COLOUR},
        )  # fmt: skip


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
        marker={"size": 10, "color": NEUTRAL_GREY, "opacity": 0.01},
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
        sizes = _node_sizes(row[size_by], largest)
        figure.add_scatter(
            x=[positions[n][0] for n in nodes],
            y=[positions[n][1] for n in nodes],
            name=name,
            legendrank=100,
            marker={
                "size": sizes,
                "color": colour,
                "symbol": "circle" if kind == "unit" else "square",
                "opacity": [1.0 if n in near else DIMMED for n in nodes],
                # A thick ring marks the node in focus.
                "line": {"width": [4 if n == focus else 1 for n in nodes], "color": NEUTRAL_GREY},
            },
            # The labels are drawn by _add_labels, above every node and link.
            mode="markers",
            text=[plain(graph.nodes[n]["label"]) if n in near else "" for n in nodes],
            customdata=[["node", n] for n in nodes],
            hovertext=[_node_hover(graph, n, figures.loc[n]) for n in nodes],
            hoverinfo="text",
        )


def _node_sizes(values: pd.Series, largest: float) -> list[float]:
    return [
        SMALLEST_NODE_PX
        + (LARGEST_NODE_PX - SMALLEST_NODE_PX) * math.sqrt(max(0.0, float(v)) / largest)
        for v in values
    ]


def _add_labels(
    figure: go.Figure,
    graph: nx.Graph,
    positions: Mapping[str, tuple[float, float]],
    centrality: pd.DataFrame,
    size_by: SizeBy,
    near: set[str],
) -> None:
    """Every label in one trace drawn last, so above all nodes and links: dark text with a
    white halo, beside its node on the side away from the centre (where the links are).
    Invisible markers of the node's size push each label clear of its node."""
    nodes = [n for n in graph.nodes if n in near]
    if not nodes:
        return
    figures = centrality.set_index("node")
    largest = float(figures[size_by].max()) or 1.0
    cx = sum(positions[n][0] for n in nodes) / len(nodes)
    figure.add_scatter(
        x=[positions[n][0] for n in nodes],
        y=[positions[n][1] for n in nodes],
        mode="markers+text",
        marker={"size": _node_sizes(figures.loc[nodes, size_by], largest), "opacity": 0},
        text=[plain(graph.nodes[n]["label"]) for n in nodes],
        textposition=["middle right" if positions[n][0] >= cx else "middle left" for n in nodes],
        textfont={"color": LABEL_COLOUR, "shadow": LABEL_HALO, "weight": 600},
        name="labels",
        showlegend=False,
        hoverinfo="skip",
        cliponaxis=False,  # a label beside an outer node may run past the plot's edge
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
