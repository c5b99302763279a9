"""The network page: nodes, links, size-by, focus by click or box, provenance, centrality."""

from __future__ import annotations

from typing import Any

from streamlit.testing.v1 import AppTest

from .conftest import MakeApp
from .plotly_json import chart_selection, figure, table_selection, values


def nodes(spec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """node id -> its size, opacity, label and hover, from the node traces."""
    found = {}
    for trace in spec["data"]:
        for i, custom in enumerate(trace.get("customdata", [])):
            if custom[0] == "node":
                found[custom[1]] = {
                    "size": values(trace["marker"]["size"])[i],
                    "opacity": values(trace["marker"]["opacity"])[i],
                    "text": trace["text"][i],
                    "hover": trace["hovertext"][i],
                    "trace": trace["name"],
                }
    return found


def links(spec: dict[str, Any]) -> list[list[str]]:
    return [
        custom
        for trace in spec["data"]
        for custom in trace.get("customdata", [])
        if custom[0] == "link"
    ]


def select(at: AppTest, *custom: str) -> None:
    at.session_state["network_chart"] = chart_selection(
        {"curve_number": 0, "point_index": 0, "customdata": list(custom)}, 0
    )
    at.run()


def test_whole_plan_network(make_app: MakeApp) -> None:
    at = make_app("network")
    assert not at.exception
    spec = figure(at)
    drawn = nodes(spec)
    assert len(drawn) == 20
    assert len(links(spec)) == 73
    assert drawn["unit:BDT"]["trace"] == "ITU unit, ITU-D"
    assert drawn["org:UNESCO"]["trace"] == "UN body"
    assert "Telecommunication Development Bureau" in drawn["unit:BDT"]["hover"]
    # BDT works with the most others (16), so it is the largest node.
    assert max(drawn, key=lambda n: drawn[n]["size"]) == "unit:BDT"
    # Links are drawn in a few width bands, not one trace per link.
    assert len([t for t in spec["data"] if t.get("mode") == "lines"]) <= 4
    # The centrality table, in plain words.
    table = at.dataframe[0].value
    assert table.iloc[0]["Unit or organisation"] == "BDT"
    assert table.iloc[0]["Partners worked with"] == 16


def test_size_by_radio_and_url(make_app: MakeApp) -> None:
    at = make_app("network")
    by_degree = nodes(figure(at))
    at.radio(key="network_size").set_value("betweenness").run()
    assert not at.exception
    by_betweenness = nodes(figure(at))
    # UNESCO works with 9 others but bridges none: it shrinks to the smallest size.
    assert by_betweenness["org:UNESCO"]["size"] < by_degree["org:UNESCO"]["size"]
    assert by_betweenness["org:UNESCO"]["size"] == 14
    assert at.query_params["size"] == "betweenness"

    linked = make_app("network", query={"size": "betweenness"})
    assert nodes(figure(linked)) == by_betweenness


def test_focus_from_url_dims_the_rest_and_lists_activities(make_app: MakeApp) -> None:
    at = make_app("network", query={"node": "unit:TSB"})
    assert not at.exception
    spec = figure(at)
    assert "(around TSB)" in spec["layout"]["title"]["text"]
    drawn = nodes(spec)
    assert drawn["unit:BDT"]["opacity"] == 1.0  # a neighbour
    assert drawn["org:KADO"]["opacity"] < 0.5  # not one
    assert drawn["org:KADO"]["text"] == ""
    shared = at.dataframe[0].value
    assert len(shared) == 21  # TSB leads or assists in 21 activities
    assert "A25" in shared["Activity"].tolist()


def test_clicking_a_node_focuses_it(make_app: MakeApp) -> None:
    at = make_app("network")
    select(at, "node", "unit:BR")
    assert not at.exception
    assert at.selectbox(key="network_node").value == "unit:BR"
    assert at.query_params["node"] == "unit:BR"
    assert any("Activities BR takes part in" in header.value for header in at.header)
    assert len(at.dataframe[0].value) == 7
    # A later choice in the box wins over the old click.
    at.selectbox(key="network_node").set_value("unit:CEC").run()
    assert any("Activities CEC takes part in" in header.value for header in at.header)


def test_clicking_a_link_shows_the_shared_activities_text(make_app: MakeApp) -> None:
    at = make_app("network")
    select(at, "link", "unit:BDT", "unit:SPU")
    assert not at.exception
    assert any(
        header.value.replace("\\", "") == "BDT and SPU: 13 shared activities"
        for header in at.header
    )
    panels = [text.value for text in at.text if " · " in text.value]
    assert len(panels) == 13
    assert panels[0].startswith("A02 · Action Line C1")


def test_selecting_a_shared_activity_row_shows_its_source(make_app: MakeApp) -> None:
    at = make_app("network", query={"node": "unit:TSB"})
    at.session_state["network_shared_table"] = table_selection(0)
    at.run()
    assert not at.exception
    assert any(text.value.startswith("A03 · Action Line C2") for text in at.text)
    assert any("TSB" in code.value for code in at.code)


def test_filters_by_widget_and_url(make_app: MakeApp) -> None:
    at = make_app("network")
    at.multiselect(key="f_pillars").set_value(["Internet Governance"]).run()
    assert not at.exception
    assert sorted(nodes(figure(at))) == ["unit:BDT", "unit:SPU", "unit:TSB", "unit:WSIS-ES"]

    linked = make_app("network", query={"unit": ["BR"]})
    assert "unit:BR" in nodes(figure(linked))
    assert len(links(figure(linked))) == 9


def test_empty_filter_shows_a_note(make_app: MakeApp) -> None:
    at = make_app("network", query={"unit": ["BR"], "pillar": ["UN system-wide implementation"]})
    assert not at.exception
    assert not at.get("plotly_chart")
    assert any("Nothing to show" in info.value for info in at.info)
