"""The Workload page: role counts and weighted load per unit and Sector, the weight controls and
joint-lead switch in the URL, balance indicators, and the activities behind a selected bar."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from .conftest import MakeApp
from .markdown_text import shown
from .plotly_json import chart_selection, figure, values

# Chart order on the page.
UNIT_ROLES, UNIT_LOAD, SECTOR_ROLES, SECTOR_LOAD = range(4)


def bars(at: AppTest, index: int) -> dict[tuple[str, str], float]:
    """(bar label, legend name + L/A) -> length, over the chart's visible traces."""
    found: dict[tuple[str, str], float] = {}
    for trace in figure(at, index)["data"]:
        if trace.get("y") in (None, [None]):
            continue
        pattern = trace.get("marker", {}).get("pattern", {}).get("shape", "")
        kind = "A" if pattern == "/" else "L"
        for label, length in zip(trace["y"], values(trace["x"]), strict=True):
            found[(label, kind)] = length
    return found


def test_role_counts_and_weighted_load(make_app: MakeApp) -> None:
    at = make_app("workload")
    assert not at.exception
    assert len(at.get("plotly_chart")) == 4
    roles = bars(at, UNIT_ROLES)
    # BDT leads 18 activities and assists on 10; TSB leads 9, assists 12.
    assert roles[("BDT", "L")] == 18
    assert roles[("BDT", "A")] == 10
    assert roles[("TSB", "L")] == 9
    sectors = bars(at, SECTOR_ROLES)
    assert sectors[("ITU-D", "L")] == 18
    assert sectors[("General Secretariat", "L")] == 23
    # BDT: 18 x 1 + 10 x 0.5 = 23.
    assert bars(at, UNIT_LOAD)[("BDT", "L")] == 23
    assert bars(at, SECTOR_LOAD)[("General Secretariat", "L")] == 35.5


def test_even_share_line_and_letters(make_app: MakeApp) -> None:
    at = make_app("workload")
    load = figure(at, UNIT_LOAD)
    # 78 weighted roles over 9 units.
    assert [shape["x0"] for shape in load["layout"]["shapes"]] == [78 / 9]
    sector_load = figure(at, SECTOR_LOAD)
    assert [shape["x0"] for shape in sector_load["layout"]["shapes"]] == [78 / 4]
    texts = [text for trace in figure(at, UNIT_ROLES)["data"] for text in trace.get("text", [])]
    assert "L 18" in texts
    assert "A 10" in texts


def test_balance_indicators(make_app: MakeApp) -> None:
    at = make_app("workload")
    figures = {metric.label: metric.value for metric in at.metric}
    # The General Secretariat is not a Sector: the metric names it as itself.
    assert figures["Largest share"] == "46%"
    assert not [label for label in figures if "Sector share" in label]
    assert figures["Largest unit share"] == "29%"
    assert figures["Gini across units"] == "0.49"
    reading = shown(at.markdown[0].value).strip("*")
    assert reading.startswith("BDT carries 29% of the weighted load")


def test_one_unit_alone_is_not_compared_with_an_even_share(make_app: MakeApp) -> None:
    # C7 theme eLearning is one activity, A05, led by BDT alone: ITU-D carries all the load.
    at = make_app("workload", query={"theme": "C7-eLearning"})
    deltas = {metric.label: (metric.value, metric.delta) for metric in at.metric}
    assert deltas["Largest unit share"] == ("100%", "the only unit counted")
    assert deltas["Largest share: ITU-D"] == ("100%", "75 pts above an even share of 25%")
    assert (
        shown(at.markdown[0].value).strip("*")
        == "BDT is the only unit with a role under these filters."
    )


def test_weights_change_the_figures_and_the_url(make_app: MakeApp) -> None:
    at = make_app("workload")
    at.number_input(key="w_assist").set_value(0.0).run()
    assert not at.exception
    assert bars(at, UNIT_LOAD)[("BDT", "L")] == 18
    assert at.query_params["assist_w"] == "0.0"
    at.number_input(key="w_lead").set_value(2.0).run()
    assert bars(at, UNIT_LOAD)[("BDT", "L")] == 36
    assert at.query_params["lead_w"] == "2.0"


def test_weights_and_split_from_the_url(make_app: MakeApp) -> None:
    at = make_app("workload", query={"lead_w": "2", "split": "True"})
    assert not at.exception
    assert at.number_input(key="w_lead").value == 2.0
    assert at.toggle(key="w_split").value is True
    # BDT shares the lead of A19.2 with TSB: 17 x 2 + 1 x 1 + 10 x 0.5 = 40.
    assert bars(at, UNIT_LOAD)[("BDT", "L")] == 40
    # Role counts do not change when joint leads are split.
    assert bars(at, UNIT_ROLES)[("BDT", "L")] == 18


def test_split_switch_changes_the_load(make_app: MakeApp) -> None:
    at = make_app("workload")
    at.toggle(key="w_split").set_value(True).run()
    assert bars(at, UNIT_LOAD)[("BDT", "L")] == 22.5
    assert at.query_params["split"] == "True"


def test_a_bad_weight_in_the_url_falls_back(make_app: MakeApp) -> None:
    at = make_app("workload", query={"lead_w": "lots", "assist_w": "-3"})
    assert not at.exception
    assert at.number_input(key="w_lead").value == 1.0
    assert at.number_input(key="w_assist").value == 0.5


def test_selecting_a_unit_lists_its_roles_and_source(make_app: MakeApp) -> None:
    at = make_app("workload")
    at.session_state["workload_unit_roles"] = chart_selection(
        {
            "curve_number": 4,
            "point_index": 0,
            "y": "BDT",
            "customdata": ["BDT", "Telecommunication Development Bureau"],
        },
        0,
    )
    at.run()
    assert not at.exception
    roles = at.dataframe[0].value
    assert len(roles) == 28
    assert (roles["role"] == "lead").sum() == 18
    # C1 (A02): "Lead: BDT" in the allocation column.
    assert any(text.value.startswith("A02 · Action Line C1") for text in at.text)
    assert any("BDT" in code.value for code in at.code)


def test_selecting_a_sector(make_app: MakeApp) -> None:
    at = make_app("workload")
    at.session_state["workload_sector_load"] = chart_selection(
        {"curve_number": 0, "point_index": 0, "customdata": ["ITU-R", "ITU-R"]}, 0
    )
    at.run()
    assert not at.exception
    roles = at.dataframe[0].value
    # BR leads 2 and assists 5.
    assert len(roles) == 7
    assert set(roles["unit"]) == {"BR"}


def test_sector_filter_by_widget(make_app: MakeApp) -> None:
    at = make_app("workload")
    at.multiselect(key="f_sectors").set_value(["ITU-T"]).run()
    assert not at.exception
    assert {label for label, _ in bars(at, UNIT_ROLES)} == {"TSB"}


def test_empty_filter_shows_a_note(make_app: MakeApp) -> None:
    at = make_app("workload", query={"unit": ["BR"], "pillar": ["UN system-wide implementation"]})
    assert not at.exception
    assert not at.get("plotly_chart")
    assert any("Nothing to show" in info.value for info in at.info)


def test_saved_chart_images_carry_the_view(make_app: MakeApp) -> None:
    # The toolbar's PNG is drawn from the figure's own layout: the filters, the weights and the
    # plan are written under the title, so a chart pasted into a slide keeps its context.
    at = make_app("workload", query={"pillar": ["Internet Governance"], "assist_w": "0.25"})
    assert not at.exception
    for index in range(len(at.get("plotly_chart"))):
        subtitle = figure(at, index)["layout"]["title"]["subtitle"]["text"]
        assert "Filters: pillar: Internet Governance" in subtitle
        assert "Weights: lead 1, assist 0.25; joint leads counted in full" in subtitle
        assert "Plan: data/plan.csv" in subtitle
