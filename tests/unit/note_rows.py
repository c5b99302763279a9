"""The note's table rows rebuilt from a plan in plan.csv's columns, as the 2006 note has them
(source/000_984ccc05bc22f5a7.txt): each item's line back in its row's allocation cell after the
row's own lines, a pointer in brackets under the title ("(see also below under Internet
Governance)"), and a tag such as "Action Line C7, Theme eLearning: See C4 above" back as a row of
its own after the activity it points to."""

from __future__ import annotations

import pandas as pd

from analysis.note.table import TableRow


def note_rows_of(plan: pd.DataFrame) -> list[TableRow]:
    """TableRows, section = pillar, where = the row's activity id."""
    rows: list[TableRow] = []
    for row in plan[plan["parent_id"] == ""].itertuples(index=False):
        items = plan.loc[plan["parent_id"] == row.activity_id, "allocation_text"]
        activity, pointer_rows = str(row.title), []
        pointer = str(row.cross_references)
        if pointer and pointer not in str(row.allocation_text):
            if ": " in pointer:
                title, see = pointer.split(": ", 1)
                pointer_rows.append(TableRow(str(row.pillar), title, see, "", "pointer row"))
            else:
                activity += f"\n({pointer})"
        allocation = "\n".join(text for text in [row.allocation_text, *items] if text)
        rows.append(
            TableRow(str(row.pillar), activity, allocation, str(row.comments), row.activity_id)
        )
        rows += pointer_rows
    return rows
