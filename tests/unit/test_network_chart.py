"""The network you can read: every label drawn above nodes and links, dark on a white halo with
4.5:1 contrast or more, beside its node; a link-width key with the true, distinct widths."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from analysis.measures.network import centrality, collaboration_graph, layout, two_sides_layout
from analysis.model import Plan
from charts.network import LABEL_COLOUR, LINK_BANDS, network_figure


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.fixture(scope="module")
def figure(plan: Plan) -> go.Figure:
    graph = collaboration_graph(plan)
    return network_figure(graph, layout(graph), centrality(graph), size_by="degree")


def test_labels_are_one_trace_drawn_last(figure: go.Figure, plan: Plan) -> None:
    labels = figure.data[-1]
    assert labels.name == "labels"
    assert labels.mode == "markers+text"
    assert labels.marker.opacity == 0  # only there to push the text clear of the node
    # Every unit and organisation of the whole plan is labelled: 9 units and 15 organisations.
    graph = collaboration_graph(plan)
    assert sorted(labels.text) == sorted(graph.nodes[n]["label"] for n in graph.nodes)
    assert set(labels.textposition) <= {"middle right", "middle left"}
    for trace in figure.data[:-1]:
        assert "text" not in (trace.mode or "")  # no label under a node or a link


def test_labels_are_dark_with_a_halo(figure: go.Figure) -> None:
    font = figure.data[-1].textfont
    assert font.color == LABEL_COLOUR
    assert _contrast(LABEL_COLOUR, "#ffffff") >= 4.5
    assert "#ffffff" in font.shadow


def test_link_width_key_shows_distinct_true_widths(figure: go.Figure) -> None:
    key = [a for a in figure.layout.annotations if a.showarrow]
    assert [a.arrowwidth for a in key] == [width for _, _, width, _ in LINK_BANDS]
    assert len({a.arrowwidth for a in key}) == len(LINK_BANDS)
    words = [a.text for a in figure.layout.annotations if not a.showarrow]
    for *_, name in LINK_BANDS:
        assert name in words
    # The link traces are kept out of the legend, whose line samples would all look alike.
    assert not any(t.showlegend is not False for t in figure.data if t.mode == "lines")


def test_two_sides_put_units_left_organisations_right_each_on_its_own_line(plan: Plan) -> None:
    graph = collaboration_graph(plan)
    figures = centrality(graph)
    positions = two_sides_layout(graph, figures)
    assert set(positions) == set(graph.nodes)
    for kind, side in (("unit", -1), ("organisation", 1)):
        nodes = figures.loc[figures["kind"] == kind, "node"].tolist()
        assert all(positions[node][0] * side > 0 for node in nodes)
        heights = [positions[node][1] for node in nodes]
        # The most connected at the top (BDT, 16 partners, of the units), down in rank order.
        assert heights == sorted(heights, reverse=True) and len(set(heights)) == len(nodes)
    assert positions["unit:BDT"][1] == 1.0
