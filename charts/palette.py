"""One palette for every page and export: the Okabe-Ito colours, safe for colour-blind readers
and legible on light and dark backgrounds."""

from __future__ import annotations

import textwrap

import plotly.graph_objects as go
import plotly.io as pio

SECTOR_COLOURS: dict[str, str] = {
    "ITU-R": "#0072B2",  # blue
    "ITU-T": "#E69F00",  # orange
    "ITU-D": "#009E73",  # bluish green
    "General Secretariat": "#CC79A7",  # reddish purple
}
ORGANISATION_COLOURS: dict[str, str] = {
    "UN body": "#56B4E9",  # sky blue
    "ITU": "#D55E00",  # vermillion
    "other": "#999999",  # grey
}
ROLE_COLOURS: dict[str, str] = {"lead": "#1F4E79", "assist": "#9DC3E6"}
STATUS_COLOURS: dict[str, str] = {"held": "#0072B2", "planned": "#E69F00", "unconfirmed": "#D55E00"}
PILLAR_COLOURS: dict[str, str] = {
    "Multi-stakeholder implementation": "#0072B2",
    "UN system-wide implementation": "#009E73",
    "Internet Governance": "#D55E00",
    "Other implementation issues": "#CC79A7",
}
FALLBACK_COLOUR = "#777777"
NEUTRAL_GREY = "#888888"  # separators, guides and links: visible on light and dark backgrounds
# A selected bar leaves the others faded (plotly's default dims them and their labels to 0.2):
# the other bars keep enough colour to be told apart, their labels full strength in a dark grey
# that reads at 4.5:1 or better on white and on the faded bars.
UNSELECTED_BAR_OPACITY = 0.45
UNSELECTED_TEXT_COLOUR = "#333333"
FONT_FAMILY = "Source Sans Pro, Arial, sans-serif"

# Exports (PNG, slides, HTML report) use this template rather than the app's theme, so a
# printed chart looks the same whatever theme the manager had on screen.
PRINT_TEMPLATE = go.layout.Template(pio.templates["plotly_white"])
PRINT_TEMPLATE.layout.font = {"family": FONT_FAMILY, "size": 13, "color": "#222222"}
PRINT_TEMPLATE.layout.paper_bgcolor = "white"
PRINT_TEMPLATE.layout.plot_bgcolor = "white"
# As a figure dict's layout.template: exports work on figure dicts, since a validated copy of a
# figure (and of its template) costs as much as drawing it.
PRINT_TEMPLATE_JSON = PRINT_TEMPLATE.to_plotly_json()


def sector_colour(sector: str) -> str:
    return SECTOR_COLOURS.get(sector, FALLBACK_COLOUR)


def organisation_colour(kind: str) -> str:
    return ORGANISATION_COLOURS.get(kind, FALLBACK_COLOUR)


def lighter(colour: str, amount: float = 0.55) -> str:
    """'#rrggbb' mixed with white (`amount` of white): the lighter shade of a colour, as an
    assist or a "before" bar is drawn beside the full colour."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    mix = [round(value + (255 - value) * amount) for value in (red, green, blue)]
    return "#" + "".join(f"{value:02x}" for value in mix)


def plain(text: object) -> str:
    """Plan text for plotly hover and labels: plotly renders a subset of HTML there, so a '<' or
    '>' typed in the plan must not become markup."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# The view line wraps at " · " so it fits a half-width chart in a 1280-px window (about 78
# characters of 12 px text there); a full-width chart then shows it on two lines, not cut.
VIEW_LINE_CHARS = 72
NARROW_VIEW_LINE_CHARS = 56  # the same for a chart in two fifths of that window
VIEW_LINE_PX = 17  # the height one line of it adds above the plot
VIEW_LINE_GAP_PX = 14  # between the subtitle and an annotation on the plot's top edge


def view_line_rows(line: str, width: int = VIEW_LINE_CHARS) -> list[str]:
    """The view line in rows of at most `width` characters, broken after its " · " separators
    (a part longer than that at its spaces)."""
    rows: list[str] = []
    for part in line.split(" · "):
        if rows and len(rows[-1]) + 3 + len(part) <= width:
            rows[-1] = f"{rows[-1]} · {part}"
        else:
            rows.append(part)
    return [
        piece
        for row in rows
        for piece in (textwrap.wrap(row, width, break_long_words=False) or [row])
    ]


def with_view_line(figure: go.Figure, line: str, width: int = VIEW_LINE_CHARS) -> go.Figure:
    """The figure with `line` (filters, weights, plan) as the last lines of its subtitle, under
    the title, in rows of at most `width` characters, and the top margin and height grown to hold
    it: a chart image saved from the toolbar then carries its context. Changes and returns the
    figure (call it while building)."""
    subtitle = figure.layout.title.subtitle.text
    rows = view_line_rows(line, width)
    shown = "<br>".join(plain(row) for row in rows)
    text = f"{subtitle}<br>{shown}" if subtitle else shown
    added = VIEW_LINE_GAP_PX + VIEW_LINE_PX * len(rows)
    top = figure.layout.margin.t
    figure.update_layout(
        title_subtitle={"text": text, "font": {"size": 12, "color": "#4A4A4A"}},
        # Hung from the top of the image, so the grown margin lies under the last line (where
        # an "even share" label on the plot's top edge goes), not around a centred block.
        title={"y": 1, "yref": "container", "yanchor": "top", "pad": {"t": 12}},
        margin_t=(80 if top is None else top) + added,
    )
    if figure.layout.height is not None:
        # The plot keeps its own height: a one-bar chart would otherwise be squeezed flat.
        figure.update_layout(height=figure.layout.height + added)
    if not figure.layout.title.text:
        figure.update_layout(title_text=" ")  # plotly draws a subtitle only under a title
    return figure


def readable_selection(figure: go.Figure) -> go.Figure:
    """Style every bar trace's selection: the selected bar as drawn, the others faded but their
    value labels still readable. Returns the same figure."""
    figure.update_traces(
        selected={"marker": {"opacity": 1}},
        unselected={
            "marker": {"opacity": UNSELECTED_BAR_OPACITY},
            "textfont": {"color": UNSELECTED_TEXT_COLOUR},
        },
        selector={"type": "bar"},
    )
    return figure
