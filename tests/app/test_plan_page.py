"""The plan and audit page: search, verbatim text, downloads, the audit list."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from .conftest import MakeApp
from .plotly_json import table_selection


def plan_rows(at: AppTest) -> list[str]:
    return at.dataframe[0].value["activity_id"].tolist()


def page_downloads(at: AppTest) -> list[str]:
    """The page's download buttons, without the sidebar's briefing pack (on every page)."""
    pack = ("Download briefing pack (.pptx)", "Printable report (.html)")
    return [b.label for b in at.get("download_button") if b.label not in pack]


def test_whole_plan_and_audit(make_app: MakeApp) -> None:
    at = make_app("plan")
    assert not at.exception
    assert len(plan_rows(at)) == 54
    table = at.dataframe[0].value
    a25 = table[table["activity_id"] == "A25"].iloc[0]
    assert "Athens" in a25["comments"]  # the verbatim text is in the table
    counts = at.dataframe[1].value.set_index("Check")
    assert counts.loc["no ITU lead", "Activities flagged"] == 2
    assert counts.loc["lead without assist", "Activities flagged"] == 23
    assert counts.loc["no ITU lead", "To fix or to know"] == "to fix"
    assert counts.loc["lead without assist", "To fix or to know"] == "to know"
    assert counts.loc["cross-reference", "To fix or to know"] == "to know"
    assert len(at.dataframe[2].value) == 37
    assert page_downloads(at) == ["CSV files (zip)", "Excel workbook"]


def test_search_box_and_url(make_app: MakeApp) -> None:
    at = make_app("plan")
    at.text_input(key="plan_search").set_value("GENEVA").run()
    assert not at.exception
    assert plan_rows(at) == ["A06", "A15", "A20", "A21", "A22", "A25"]
    assert at.query_params["q"] == "GENEVA"

    linked = make_app("plan", query={"q": "athens"})
    assert plan_rows(linked) == ["A25"]
    assert linked.text_input(key="plan_search").value == "athens"


def test_search_works_within_the_sidebar_filters(make_app: MakeApp) -> None:
    at = make_app("plan", query={"unit": ["BDT"], "q": "geneva"})
    assert not at.exception
    assert plan_rows(at) == ["A06", "A15", "A25"]
    at.multiselect(key="f_units").set_value([]).run()
    assert len(plan_rows(at)) == 6


def test_selecting_a_row_shows_the_verbatim_text(make_app: MakeApp) -> None:
    at = make_app("plan", query={"q": "athens"})
    at.session_state["plan_table"] = table_selection(0)
    at.run()
    assert not at.exception
    assert any(text.value.startswith("A25 · Creation of Internet Governance") for text in at.text)
    assert any("IGF meeting, 30 October – 2 November, in Athens" in c.value for c in at.code)


def test_audit_filter_by_check_and_row_selection(make_app: MakeApp) -> None:
    at = make_app("plan", query={"check": "no ITU lead"})
    assert not at.exception
    listed = at.dataframe[2].value
    assert listed["Activity"].tolist() == ["A16", "A17"]
    at.session_state["audit_table"] = table_selection(1)
    at.run()
    assert any(text.value.startswith("A17 · Action Line C10") for text in at.text)

    at.multiselect(key="audit_checks").set_value(["joint leads", "no ITU lead"]).run()
    assert len(at.dataframe[2].value) == 5
    assert at.query_params["check"] == ["joint leads", "no ITU lead"]


def test_search_matching_nothing_shows_a_note(make_app: MakeApp) -> None:
    at = make_app("plan", query={"q": "no such words anywhere"})
    assert not at.exception
    assert any("Nothing to show" in info.value for info in at.info)
    assert not page_downloads(at)


def test_empty_filter_shows_a_note(make_app: MakeApp) -> None:
    at = make_app("plan", query={"unit": ["BR"], "pillar": ["UN system-wide implementation"]})
    assert not at.exception
    assert len([info for info in at.info if "Nothing to show" in info.value]) == 2
    assert not at.dataframe
