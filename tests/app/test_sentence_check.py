"""A plan whose columns are not what a row's sentence says: every page says so above it, and the
verbatim text beside a figure says the figure counts the columns, not that text."""

from __future__ import annotations

import re
from pathlib import Path

from analysis.planfile.load import load_plan
from analysis.planfile.plan_csv import plan_csv_bytes

from .conftest import MakeApp
from .test_plan_page import table_selection


def typed(markdown: str) -> str:
    """Alert text as the reader sees it: Markdown's escapes taken out."""
    return re.sub(r"\\(.)", r"\1", markdown)


def c3_led_by_spu(directory: Path) -> Path:
    plan = load_plan()
    activities = plan.activities.copy()
    activities.loc[activities["activity_id"] == "A04", "lead"] = "SPU"
    path = directory / "c3-spu.csv"
    path.write_bytes(plan_csv_bytes(plan.replace(activities=activities)))
    return path


def test_the_plan_page_shows_both_the_columns_and_the_sentence(
    make_app: MakeApp, tmp_path: Path
) -> None:
    at = make_app(
        "plan", query={"check": "not what its sentence says"}, plan_csv=c3_led_by_spu(tmp_path)
    )
    assert not at.exception
    [notice] = [typed(w.value) for w in at.warning if "sentence says" in w.value]
    assert "1 activity is not what its sentence says: A04." in notice
    assert at.dataframe[2].value["Activity"].tolist() == ["A04"]
    at.session_state["audit_table"] = table_selection(0)
    at.run()
    assert any(
        t.value == "Allocation of responsibilities within ITU (the row's text, which does not "
        "give the roles counted):"
        for t in at.text
    )
    assert any(c.value == "Lead: BDT.\nAssisted by TSB for standards." for c in at.code)
    [panel] = [typed(w.value) for w in at.warning if w.value.startswith("Not what its")]
    assert "lead: SPU · assist: TSB (for standards) · partners: UNESCO" in panel
    assert "its sentence names BDT as lead, which the lead column lacks" in panel


def test_the_bundled_plan_has_no_such_notice(make_app: MakeApp) -> None:
    at = make_app("plan")
    assert not [w for w in at.warning if "sentence says" in w.value]
