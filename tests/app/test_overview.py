"""The Overview page: the one-sentence answer, headline figures, the activities without an ITU
lead, the Sector share chart and its provenance."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from ui.render import SHORT_TABLE_ROWS

from .conftest import MakeApp
from .markdown_text import shown, shown_table
from .plotly_json import chart_selection, figure, values


def answer(at: AppTest) -> str:
    """The one-sentence answer at the top."""
    return shown(at.markdown[0].value)


def metrics(at: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def test_answer_and_headline_figures(make_app: MakeApp) -> None:
    at = make_app("overview")
    assert not at.exception
    sentence = answer(at)
    # 23 leads + 25 assists x 0.5 = 35.5 of 78 weighted roles = 46%.
    assert sentence.startswith("The General Secretariat carries 46% of the weighted load")
    # C9 Media and C10 Ethical dimensions: "No ITU lead nominated."
    assert "A16 Action Line C9 (Media) and A17 Action Line C10 (Ethical dimensions)" in sentence
    figures = metrics(at)
    assert figures["Activities"] == "54"
    assert figures["Led by an ITU unit"] == "49"
    assert figures["Without an ITU lead"] == "5"
    assert figures["ITU units with a role"] == "9"
    # As of 13 September 2006: 41 held; planned October 2006 (A10), the IGF in Athens (A25),
    # TELECOM World 2006 (A35); unconfirmed 31 Aug/1 Sept (A06) and Bangkok 26-28 July (A36).
    assert figures["Events held by 13 Sep 2006"] == "41"
    assert figures["Events planned"] == "3"
    assert figures["Events unconfirmed"] == "2"
    # The audit's 37 points: 8 need a decision, 29 are only to know (test_counts).
    assert figures["Audit: to fix"] == "8"
    assert figures["Audit: to know"] == "29"
    (decide,) = at.table
    decisions = shown_table(decide.value)
    assert decisions.columns[0] == "Activity"
    assert decisions["Id"].tolist() == ["A01", "A16", "A17", "A18", "A19.2", "A28", "A29", "A39"]
    assert set(decisions["Check"]) == {"no ITU lead", "joint leads", "vague assignment"}
    assert "lead without assist" not in set(decisions["Check"])
    unled = at.dataframe[0].value
    assert list(unled["activity_id"]) == ["A07", "A16", "A17", "A19", "A37"]
    assert "no filters (the whole plan)" in shown(at.caption[0].value)
    assert "13 September 2006" in shown(at.caption[0].value)


def test_sector_chart_shows_shares(make_app: MakeApp) -> None:
    at = make_app("overview")
    bar = figure(at)["data"][0]
    shares = dict(zip(bar["y"], values(bar["x"]), strict=True))
    assert round(shares["General Secretariat"], 3) == round(35.5 / 78, 3)
    assert round(shares["ITU-D"], 3) == round(23 / 78, 3)
    assert bar["text"] == ["6%", "19%", "29%", "46%"]


def test_a_unit_filter_keeps_leads_of_other_units(make_app: MakeApp) -> None:
    at = make_app("overview")
    at.multiselect(key="f_units").set_value(["BR"]).run()
    assert not at.exception
    figures = metrics(at)
    # BR has 7 roles (2 leads, 5 assists); the other activities it is on are led by others.
    assert figures["Activities"] == "7"
    assert figures["Without an ITU lead"] == "0"
    assert "every activity shown has an itu lead" in answer(at).lower()
    assert any("Every activity shown has an ITU lead." in text.value for text in at.text)


def test_filters_from_the_url(make_app: MakeApp) -> None:
    at = make_app("overview", query={"unit": ["BDT"]})
    assert not at.exception
    # The unit filter leaves one Sector: it is named alone, not set against three zero bars.
    assert answer(at).startswith(
        "Only ITU-D has a role under these filters: it carries all of the weighted load"
    )
    # BDT leads 18 and assists 10: 28 activities.
    assert metrics(at)["Activities"] == "28"
    assert "unit: BDT" in shown(at.caption[0].value)


def test_selecting_a_sector_lists_its_roles_with_source(make_app: MakeApp) -> None:
    at = make_app("overview")
    at.session_state["overview_sector_chart"] = chart_selection(
        {"curve_number": 0, "point_index": 1, "customdata": ["ITU-T", "ITU-T"]}, 1
    )
    at.run()
    assert not at.exception
    roles = at.dataframe[1].value
    # TSB: 9 leads and 12 assists.
    assert len(roles) == 21
    assert set(roles["unit"]) == {"TSB"}
    assert any(text.value.startswith("A27 · International Internet") for text in at.text)
    assert any("Study Group 3" in code.value for code in at.code)
    # The source text shows at once, not behind a collapsed expander.
    assert all(expander.label == "Load weights" for expander in at.expander)  # the sidebar's


def test_empty_filter_shows_a_note(make_app: MakeApp) -> None:
    at = make_app("overview", query={"unit": ["BR"], "pillar": ["UN system-wide implementation"]})
    assert not at.exception
    assert not at.get("plotly_chart")
    assert any("Nothing to show" in info.value for info in at.info)


def test_a_long_list_of_decisions_shows_its_head(make_app: MakeApp, big_plan: Path) -> None:
    """On a plan of many copies, What needs a decision lists the first rows and says where the
    rest are (a static table is drawn whole in the browser, on every visit to the page)."""
    at = make_app("overview", plan_csv=big_plan)
    assert not at.exception
    to_fix = int(metrics(at)["Audit: to fix"].replace(",", ""))
    assert to_fix > SHORT_TABLE_ROWS
    (decide,) = at.table
    assert len(decide.value) == SHORT_TABLE_ROWS
    assert decide.value["Id"].tolist()[:3] == ["A01", "A16", "A17"]
    assert any(
        text.value
        == f"The first {SHORT_TABLE_ROWS} of {to_fix:,} are listed here. Plan and audit lists "
        "every point."
        for text in at.caption
    )
