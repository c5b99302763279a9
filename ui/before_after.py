"""The before/after chart of the What-if and Compare plans pages: the weighted load per unit or
per Sector in two plans, drawn, named, saved and captioned the same way on both pages."""

from __future__ import annotations

import pandas as pd

from analysis.measures.metrics import By
from charts.comparison import comparison_chart
from charts.palette import NARROW_VIEW_LINE_CHARS, VIEW_LINE_CHARS
from ui.context import ViewContext
from ui.derived import derived_figure
from ui.render import caption, png_filename, selected_bar, show_chart


def before_after_chart(
    ctx: ViewContext,
    frame: pd.DataFrame,
    by: By,
    *,
    key: str,
    page: str,
    version: str,
    title: str,
    shows: str,
    labels: tuple[str, str] = ("Before", "After"),
    file_words: str = "",
) -> str | None:
    """The chart of `frame` (compare_views' by_unit or by_sector), and the unit or Sector
    selected on it. version: the digest of the other plan (edited or second), which names what
    the frame was computed from; shows: what the caption says the chart shows; file_words: what
    the PNG's name adds (the second plan's name)."""
    noun = "unit" if by == "unit" else "Sector"
    figure = derived_figure(
        ctx,
        lambda: comparison_chart(frame, by, labels=labels, title=title),
        by,
        version,
        title,
        labels,
        ctx.weights,
        # Both pages draw the Sector chart in the narrower column, two fifths of the page.
        view_width=NARROW_VIEW_LINE_CHARS if by == "sector" else VIEW_LINE_CHARS,
    )
    event = show_chart(
        figure,
        key=key,
        filename=png_filename(page, f"load-by-{noun}", file_words, ctx.spec.describe()),
        caption_text=caption(ctx, shows),
        selectable=True,
    )
    return selected_bar(event)
