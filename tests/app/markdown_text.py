"""Reading what a page wrote as Markdown the way its reader sees it: escapes removed."""

from __future__ import annotations

import re

import pandas as pd


def shown(markdown: str) -> str:
    """Markdown text as the reader sees it (a backslash-escaped character is shown alone)."""
    return re.sub(r"\\(.)", r"\1", markdown)


def shown_table(frame: pd.DataFrame) -> pd.DataFrame:
    """An st.table's cells and headers as the reader sees them."""
    table = frame.map(lambda cell: shown(str(cell)))
    table.columns = [shown(str(column)) for column in frame.columns]
    return table
