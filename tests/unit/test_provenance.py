"""Every cell of data/plan.csv traced back to the 2006 document's own words."""

from __future__ import annotations

import re

import pytest

from analysis.model import Plan
from analysis.planfile.load import load_plan

_PLAN = load_plan()
_IDS = list(_PLAN.activities["activity_id"])


def collapse(text: str) -> str:
    return " ".join(text.split())


def source_cells(source: str) -> list[str]:
    """The document's table cells: in the text export every cell starts on a tab-led line."""
    cells: list[str] = []
    current: list[str] | None = None
    for line in source.splitlines():
        if line.startswith("\t"):
            if current is not None:
                cells.append(collapse("\n".join(current)))
            current = [line]
        elif current is not None:
            current.append(line)
    if current is not None:
        cells.append(collapse("\n".join(current)))
    return cells


# Read once for the module's few hundred cases, not once a case.
@pytest.fixture(scope="module")
def activity_rows(plan: Plan) -> dict[str, dict[str, str]]:
    """Each activity's cells as text, by its id (the first row with the id)."""
    rows: dict[str, dict[str, str]] = {}
    for record in plan.activities.to_dict("records"):
        rows.setdefault(str(record["activity_id"]), {k: str(v) for k, v in record.items()})
    return rows


@pytest.fixture(scope="module")
def collapsed_source(source_text: str) -> str:
    return collapse(source_text)


@pytest.fixture(scope="module")
def cells(source_text: str) -> list[str]:
    return source_cells(source_text)


@pytest.mark.parametrize("activity_id", _IDS)
@pytest.mark.parametrize("column", ["allocation_text", "comments", "title"])
def test_cells_are_verbatim(
    activity_rows: dict[str, dict[str, str]], collapsed_source: str, activity_id: str, column: str
) -> None:
    text = collapse(activity_rows[activity_id][column])
    assert text in collapsed_source


_TOP_LEVEL = [
    i for i in _IDS if _PLAN.activities.set_index("activity_id").loc[i, "parent_id"] == ""
]


@pytest.mark.parametrize("activity_id", _TOP_LEVEL)
def test_row_allocation_adds_up(
    plan: Plan, activity_rows: dict[str, dict[str, str]], cells: list[str], activity_id: str
) -> None:
    # The row's allocation cell is the parent's own lines followed by its items' lines.
    row = activity_rows[activity_id]
    title = collapse(row["title"])
    position = next(i for i, cell in enumerate(cells) if cell.startswith(title))
    children = plan.activities[plan.activities["parent_id"] == activity_id]
    pieces = [row["allocation_text"], *children["allocation_text"]]
    assert collapse(" ".join(pieces)) == cells[position + 1]


def test_every_table_row_is_accounted_for(plan: Plan, source_text: str) -> None:
    # Rows of the source table are cells followed by an allocation cell; the 40 top-level
    # activities plus the eLearning cross-reference row are all of them.
    cells = source_cells(source_text)
    titles = {collapse(title) for title in plan.activities["title"]}
    matched = [cell for cell in cells if any(cell.startswith(t) for t in titles)]
    assert "Action Line C7, Theme eLearning" in cells
    assert cells[cells.index("Action Line C7, Theme eLearning") + 1] == "See C4 above"
    assert len(_TOP_LEVEL) == 40
    assert len(matched) >= 40


@pytest.mark.parametrize(
    ("activity_id", "unit", "via"),
    [(row.activity_id, row.unit, row.via) for row in _PLAN.assignments.itertuples(index=False)],
)
def test_units_are_named_in_the_allocation(
    activity_rows: dict[str, dict[str, str]], activity_id: str, unit: str, via: str
) -> None:
    allocation = activity_rows[activity_id]["allocation_text"]
    if via:
        assert re.search(r"\b[Ss]ectors\b", allocation)
    else:
        assert re.search(rf"(?<![\w-]){re.escape(unit)}(?![\w-])", allocation)


@pytest.mark.parametrize(
    ("activity_id", "organisation"),
    [
        (row.activity_id, row.organisation)
        for row in _PLAN.partners.drop_duplicates(["activity_id", "organisation"]).itertuples(
            index=False
        )
    ],
)
def test_partners_are_named_in_the_row(
    plan: Plan, activity_rows: dict[str, dict[str, str]], activity_id: str, organisation: str
) -> None:
    row = activity_rows[activity_id]
    aliases = plan.organisations.set_index("code").loc[organisation, "aliases"]
    names = [organisation, *(a.strip() for a in str(aliases).split(";") if a.strip())]
    text = f"{row['allocation_text']} {row['comments']}"
    assert any(name in text for name in names)
