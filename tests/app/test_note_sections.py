"""A plan read from Rev.2 (status headings): the sidebar offers its sections and a link's
?section= selects them; the bundled plan, which has none, shows no section filter."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.note.read import read_note
from analysis.planfile.load import load_plan, read_reference
from analysis.planfile.plan_csv import plan_csv_bytes

from .conftest import MakeApp

REV2 = Path(__file__).resolve().parents[1] / "fixtures" / "note" / "revisions"
FIRST = (
    "Activities traditionally part of ITU's mandate, but with the addition of new tasks "
    "following WSIS"
)


@pytest.fixture(scope="module")
def rev2_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    units, organisations = read_reference()
    raw = (REV2 / "rev2-status-headings.txt").read_bytes()
    read = read_note(raw, "rev2.txt", units, organisations, load_plan())
    assert read.plan is not None
    path = tmp_path_factory.mktemp("rev2") / "rev2.csv"
    path.write_bytes(plan_csv_bytes(read.plan))
    return path


def test_a_link_selects_a_section_of_a_plan_that_has_them(
    make_app: MakeApp, rev2_plan: Path
) -> None:
    at = make_app(query={"section": FIRST}, plan_csv=rev2_plan)
    section = at.multiselect(key="f_sections")
    assert section.value == [FIRST]
    assert section.options[0] == FIRST and len(section.options) == 3
    # C1, C3, C4 and C6 with its six topics.
    assert "10" in " ".join(metric.value for metric in at.metric)


def test_no_section_filter_for_a_plan_without_sections(make_app: MakeApp) -> None:
    at = make_app(query={"section": FIRST})
    assert "f_sections" not in [widget.key for widget in at.sidebar.multiselect]
    # The link's value is left out, and the sidebar says so (its text escaped for Markdown).
    assert any("section\\=" in str(warning.value) for warning in at.sidebar.warning)
