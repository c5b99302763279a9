"""Drawing helpers every page uses: charts with a PNG button and a caption, empty notes,
provenance panels. Plan text is always passed as text, never as HTML."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis.measures.findings import caption as chart_caption
from analysis.note.held_to_sentences import SentenceCheck
from ui.context import ViewContext, get_context

T = TypeVar("T")


def png_filename(*parts: str) -> str:
    """PNG download name, e.g. wsis-workload-by-unit-pillar-internet-governance."""
    text = "-".join(part for part in ("wsis", *parts) if part)
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:120]


def chart_config(filename: str) -> dict[str, Any]:
    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    }


def caption(context: ViewContext, what: str, *, as_of: bool = False) -> str:
    """'What the chart shows · filters · as-of date · source', under every chart."""
    when = context.plan.as_of if as_of else None
    return chart_caption(what, context.spec, context.plan_label, as_of=when)


def chart_name(figure: go.Figure, caption_text: str) -> str:
    """The chart's accessible name: its title and what its caption says it shows, with the
    filters (the plan and source, the same on every chart, are left to the caption)."""
    title = figure.layout.title.text or ""
    shows = caption_text.split(" · Plan:")[0]
    said = shows.lower().startswith(title.lower().rstrip("."))
    return shows if not title or said else f"{title}. {shows}"


def show_chart(
    figure: go.Figure,
    *,
    key: str,
    filename: str,
    caption_text: str,
    selectable: bool = False,
) -> Any:
    """Draw a chart with its PNG name, accessible name and caption; returns the selection event
    when asked."""
    event = st.plotly_chart(
        figure,
        key=key,
        config=chart_config(filename),
        on_select="rerun" if selectable else "ignore",
        selection_mode=("points",) if selectable else ("points", "box", "lasso"),
        width="stretch",
        alt=chart_name(figure, caption_text),
    )
    st.caption(escape_markdown(caption_text))
    return event


NO_CHOICE = ""
CHOICE_PROMPT = "(none: select a bar on the chart, or choose here)"


def choice_box(
    label: str,
    options: Sequence[T],
    *,
    key: str,
    chart_choice: T | None,
    format_func: Callable[[T], str] = str,
) -> T | None:
    """The keyboard's way to what a chart selection shows: a select box beside a selectable
    chart, doing what selecting its bar (cell, node) does. A new selection on the chart is shown
    in the box; a choice in the box holds until the chart's selection changes again."""
    last_key = f"_{key}_chart_choice"
    if chart_choice != st.session_state.get(last_key):
        st.session_state[key] = chart_choice if chart_choice is not None else NO_CHOICE
    st.session_state[last_key] = chart_choice
    choices: list[T | str] = [NO_CHOICE, *options]
    if st.session_state.get(key, NO_CHOICE) not in choices:
        st.session_state[key] = NO_CHOICE

    def shown(option: Any) -> str:
        return CHOICE_PROMPT if option == NO_CHOICE else format_func(option)

    chosen = st.selectbox(label, choices, key=key, format_func=shown)
    return None if chosen == NO_CHOICE else chosen  # type: ignore[return-value]


# The characters that start a construct of Streamlit's Markdown: links and images, HTML and
# entities (&lt;), emphasis, headings (# and a line of = or -), lists, quotes, tables, code,
# LaTeX ($), ':red[...]' and ':material/...:', and the dot of an autolinked host or e-mail
# address. CommonMark lets any ASCII punctuation be escaped with a backslash.
# A translation table rather than a regular expression: tables escape every cell on every rerun.
_MARKDOWN_ESCAPES = str.maketrans({char: "\\" + char for char in "\\`*_{}[]()#+-.!|<>~$:=&@"})


# GitHub-flavoured Markdown also links a bare URL (http://, https://, www.) or e-mail address,
# and Streamlit's renderer looks for them after reading the escapes, when the text is plain
# again: an invisible WORD JOINER before each keeps it text (a URL must start the text or
# follow a space or punctuation; an address's name must touch its @).
_AUTOLINK_STARTS = re.compile(r"(?=https?://|www\.|@)", re.IGNORECASE)
WORD_JOINER = "\u2060"


def escape_markdown(text: str) -> str:
    """Plan or link text shown through a Markdown element (body, caption, alert, label, help,
    st.table cell) renders as typed, never as links, images, HTML or markup."""
    return _AUTOLINK_STARTS.sub(WORD_JOINER, text).translate(_MARKDOWN_ESCAPES)


def markdown_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame as text for st.table, whose cells, headers and index are Markdown: each one
    escaped, so plan text renders as typed."""
    escaped = frame.map(lambda cell: escape_markdown(str(cell)))
    escaped.columns = [escape_markdown(str(column)) for column in frame.columns]
    escaped.index = frame.index.map(lambda label: escape_markdown(str(label)))
    return escaped


def show_table(frame: pd.DataFrame, **options: Any) -> None:
    """A static table (st.table) of plan text shown as typed; options (hide_index, border) go to
    st.table."""
    st.table(markdown_cells(frame), **options)


# Tables are sized to fit the main column at a 1280 px window with the sidebar open
# (tests/browser/test_page_walk.py checks): the column a manager reads first comes first,
# and long text wraps. Past 4rem of row height Streamlit wraps text in cells instead of
# cutting it.
WRAPPED_ROW_HEIGHT = 66
# How a row of a selectable table is chosen without a mouse (Streamlit 1.67's data grid).
ROW_KEYS = "From the keyboard: Tab into the table, arrow keys to a row, Shift+Space selects it."


def selectable_table(frame: pd.DataFrame, *, key: str, alt: str, **options: Any) -> list[int]:
    """A full-width table, named `alt` for screen readers, whose selected row (one at most)
    comes back as a position in `frame`; extra options (column_config, column_order) go to
    st.dataframe."""
    event = st.dataframe(
        frame,
        key=key,
        hide_index=True,
        on_select="rerun",
        selection_mode="single-row",
        width="stretch",
        alt=alt,
        **options,
    )
    rows = event.selection.rows if event else []
    return [row for row in rows if row < len(frame)]


# st.table sends every row as static HTML that the browser lays out again on each visit to the
# page (a data grid draws only the rows in view): a plan many times the bundled one made a page
# switch slow for a list no one reads to its end. Pages show its head and say where the rest are.
SHORT_TABLE_ROWS = 25


@dataclass(frozen=True)
class ShortTable:
    """What short_table draws of a table: its first SHORT_TABLE_ROWS rows as escaped Markdown
    text (markdown_cells), and how many rows the whole table has. Made once per plan, filters
    and settings (ui.derived.derived_shared), so a rerun only draws it."""

    head: pd.DataFrame
    rows: int

    @property
    def empty(self) -> bool:
        return self.rows == 0


def short_table_of(frame: pd.DataFrame) -> ShortTable:
    return ShortTable(markdown_cells(frame.head(SHORT_TABLE_ROWS)), len(frame))


def short_table(table: ShortTable, rest: str) -> None:
    """A static table of the head of a table (index hidden); when the table has more rows, a
    caption says so, then `rest`: where the others are ("Plan and audit lists every point.")."""
    st.table(table.head, hide_index=True, border="horizontal")
    _say_where_the_rest_are(SHORT_TABLE_ROWS, table.rows, rest)


# Lines read as text, not searched: beyond this many, as for a short table, the head is shown
# and a caption says where the rest are (a plan many times the bundled one gave thousands).
SHORT_TEXT_LINES = 100


def short_lines(lines: Sequence[str], rest: str) -> None:
    """The lines as bulleted text, the first SHORT_TEXT_LINES of them; when there are more, a
    caption says so, then `rest`: where the others are ("The table above lists every change.")."""
    st.text("\n".join(f"• {line}" for line in lines[:SHORT_TEXT_LINES]))
    _say_where_the_rest_are(SHORT_TEXT_LINES, len(lines), rest)


def _say_where_the_rest_are(shown: int, count: int, rest: str) -> None:
    if count > shown:
        st.caption(f"The first {shown} of {count:,} are listed here. {rest}")


def empty_note(what: str) -> None:
    """A friendly note where a filter leaves nothing to draw."""
    st.info(
        escape_markdown(f"Nothing to show: {what} Widen the filters in the sidebar to see more.")
    )


def selected_points(event: Any) -> list[dict[str, Any]]:
    """The points of a plotly selection event (dict-style, as Streamlit returns it)."""
    if not event:
        return []
    selection = event.get("selection") if hasattr(event, "get") else None
    if not selection:
        return []
    points: list[dict[str, Any]] = list(selection.get("points", []))
    return points


def selected_bar(event: Any) -> str | None:
    """What the selected bar stands for: its first customdata value (a unit code or a Sector),
    else its y value."""
    points = selected_points(event)
    if not points:
        return None
    custom = points[0].get("customdata")
    return str(custom[0]) if custom else str(points[0].get("y"))


def source_panel(activities: pd.DataFrame) -> None:
    """The verbatim allocation text and comments of activities: where every number comes from.
    A row whose roles or partners are not what its text says shows both, and says the figures
    count the columns, so the text is never offered as the source of a figure it does not give."""
    plan = get_context().plan
    check = SentenceCheck(plan.units, plan.organisations)
    for _, activity in activities.iterrows():
        unsaid = [d for d in check.row(activity.to_dict()) if not d.revised]
        with st.container(border=True):
            # A plan read from a revision grouped otherwise also names the note's heading.
            heading = f" · under '{activity['section']}'" if activity.get("section") else ""
            st.text(
                f"{activity['activity_id']} · {activity['title']}  ({activity['pillar']}{heading})"
            )
            st.text(
                "Allocation of responsibilities within ITU"
                + (" (the row's text, which does not give the roles counted):" if unsaid else ":")
            )
            st.code(
                activity["allocation_text"] or "(blank in the plan)", language=None, wrap_lines=True
            )
            st.text("Comments:")
            st.code(activity["comments"] or "(blank in the plan)", language=None, wrap_lines=True)
            if unsaid:
                counted = " · ".join(
                    f"{column}: {activity[column] or '(none)'}"
                    for column in ("lead", "assist", "partners")
                )
                st.warning(
                    escape_markdown(
                        f"Not what its sentence says. The figures count the plan's columns "
                        f"({counted}), not the text above: "
                        + "; ".join(d.what() for d in unsaid)
                        + "."
                    ),
                    icon=":material/rule:",
                )
            revisions = str(activity.get("revisions", ""))
            if revisions:
                # The 2006 text above no longer matches the roles: say what they are now and why.
                roles = " · ".join(
                    f"{role}: {activity[role] or '(none)'}" for role in ("lead", "assist")
                )
                st.text(f"Revised since the 2006 text. Roles in this version: {roles}")
                st.code(revisions, language=None, wrap_lines=True)
