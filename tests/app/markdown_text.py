"""Reading what a page wrote as Markdown the way its reader sees it: escapes removed."""

from __future__ import annotations

import re
import unicodedata

import pandas as pd


def shown(markdown: str) -> str:
    """Markdown text as the reader sees it (a backslash-escaped character is shown alone)."""
    return re.sub(r"\\(.)", r"\1", markdown)


def shown_table(frame: pd.DataFrame) -> pd.DataFrame:
    """An st.table's cells and headers as the reader sees them."""
    table = frame.map(lambda cell: shown(str(cell)))
    table.columns = [shown(str(column)) for column in frame.columns]
    return table


def _opens_autolink(text: str, start: int) -> bool:
    """GitHub-flavoured Markdown's rule: a bare URL or address is linked where it starts the
    text or follows a space, punctuation or a symbol."""
    before = text[start - 1] if start else " "
    return before.isspace() or unicodedata.category(before)[0] in "PS"


def autolinks(markdown: str) -> list[str]:
    """The bare URLs and e-mail addresses a GFM renderer (Streamlit's) would make links of in
    this Markdown: it looks for them once the escapes are read."""
    text = shown(markdown)
    urls = [
        found.group(0)
        for found in re.finditer(r"(?:https?://|www\.)[-.\w]+", text, re.IGNORECASE)
        if _opens_autolink(text, found.start())
    ]
    addresses = [
        found.group(0)
        for found in re.finditer(r"[-.\w+]+@[-\w]+(?:\.[-\w]+)+", text)
        if _opens_autolink(text, found.start())
    ]
    return urls + addresses
