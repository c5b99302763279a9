"""Text that reads: WCAG 2.1 contrast ratios, and one pass that gives every text of a figure a
contrast of 4.5:1 or better against what it sits on (the white paper, or the bar it is written
on). Palette colours stay for the marks; labels are dark, or white on a dark bar."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go

TEXT_COLOUR = "#1A1A1A"  # 17.4:1 on white
MUTED_TEXT_COLOUR = "#595959"  # 7.0:1 on white: subtitles, axis titles
WHITE = "#FFFFFF"
PAPER = WHITE
AA_TEXT = 4.5  # WCAG 2.1 AA, 1.4.3: normal-size text

_HEX = re.compile(r"^#(?P<hex>[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_RGB = re.compile(r"^rgba?\((?P<values>[^)]*)\)$")


def rgb(colour: str, background: str = PAPER) -> tuple[float, float, float]:
    """(red, green, blue) in 0..255 of '#rgb', '#rrggbb', 'rgb(...)' or 'rgba(...)'; a
    translucent colour is composited over the background, as it is seen."""
    text = colour.strip()
    if match := _HEX.match(text):
        digits = match["hex"]
        if len(digits) == 3:
            digits = "".join(digit * 2 for digit in digits)
        return (int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16))
    if match := _RGB.match(text):
        values = [float(value) for value in match["values"].split(",")]
        red, green, blue = values[:3]
        alpha = values[3] if len(values) > 3 else 1.0
        if alpha >= 1.0:
            return (red, green, blue)
        under = rgb(background)
        return (
            red * alpha + under[0] * (1 - alpha),
            green * alpha + under[1] * (1 - alpha),
            blue * alpha + under[2] * (1 - alpha),
        )
    raise ValueError(f"not a colour this check reads: {colour!r} (use #rrggbb or rgb(...))")


def _luminance(red: float, green: float, blue: float) -> float:
    def linear(channel: float) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast_ratio(foreground: str, background: str = PAPER) -> float:
    """WCAG 2.1 contrast ratio, 1 to 21; a translucent background is seen over white paper,
    a translucent foreground over the background."""
    under = rgb(background)
    seen_background = _luminance(*under)
    red, green, blue = rgb(foreground, "#{:02x}{:02x}{:02x}".format(*(round(v) for v in under)))
    lighter, darker = sorted((_luminance(red, green, blue), seen_background), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def label_colour_on(fill: str) -> str:
    """The label colour for text written on a mark of this fill: dark or white, whichever
    contrasts more (every palette colour reaches 4.5:1 with one of them)."""
    dark_wins = contrast_ratio(TEXT_COLOUR, fill) >= contrast_ratio(WHITE, fill)
    return TEXT_COLOUR if dark_wins else WHITE


def readable_on(colour: str | None, background: str = PAPER) -> str:
    """The colour itself when it reads on the background; else the same hue darkened (or, on a
    dark background, lightened) until it does, so a label keeps its colour's meaning."""
    if not colour or not _is_colour(colour):
        return TEXT_COLOUR if label_colour_on(background) == TEXT_COLOUR else WHITE
    if contrast_ratio(colour, background) >= AA_TEXT:
        return colour
    towards = (0.0, 0.0, 0.0) if label_colour_on(background) == TEXT_COLOUR else (255.0,) * 3
    red, green, blue = rgb(colour, background)
    for step in range(1, 21):
        amount = step / 20
        mixed = "#" + "".join(
            f"{round(value + (target - value) * amount):02x}"
            for value, target in zip((red, green, blue), towards, strict=True)
        )
        # A little above the line, so rounding in a renderer cannot take it under.
        if contrast_ratio(mixed, background) >= AA_TEXT + 0.1:
            return mixed
    return TEXT_COLOUR


def _is_colour(value: object) -> bool:
    return isinstance(value, str) and bool(_HEX.match(value.strip()) or _RGB.match(value.strip()))


def _per_point(value: Any, count: int) -> list[Any]:
    if isinstance(value, str) or value is None:
        return [value] * count
    return list(value)


def _bar_labels(trace: Any) -> None:
    """Labels inside a bar read on its fill, labels beside it on the paper."""
    if trace.text is None:
        return
    points = len(trace.x if trace.x is not None else trace.y or [])
    fills = [fill if _is_colour(fill) else PAPER for fill in _per_point(trace.marker.color, points)]
    inside = [label_colour_on(fill) for fill in fills]
    trace.insidetextfont.color = inside[0] if len(set(inside)) == 1 else inside
    trace.outsidetextfont.color = TEXT_COLOUR
    if trace.textposition in (None, "inside"):
        trace.textfont.color = trace.insidetextfont.color
    else:
        trace.textfont.color = TEXT_COLOUR


def _scatter_labels(trace: Any) -> None:
    """Scatter text reads on the paper, or on its marker when written across it."""
    on_marker = (
        "markers" in (trace.mode or "")
        and trace.textposition in (None, "middle center")
        and trace.marker.opacity != 0
        and _is_colour(trace.marker.color)
    )
    background = trace.marker.color if on_marker else PAPER
    colour = trace.textfont.color
    if colour is None or isinstance(colour, str):
        trace.textfont.color = readable_on(colour or TEXT_COLOUR, background)
    elif isinstance(colour, Sequence):
        trace.textfont.color = [readable_on(value, background) for value in colour]


def legible(figure: go.Figure) -> go.Figure:
    """Give every text of the figure 4.5:1 or better, in place; returns the figure.

    Titles, ticks, legends and labels are dark on white paper (the chart is a white card on the
    light and the dark theme alike); bar labels are dark or white by their bar; annotations keep
    their hue, darkened where needed to read on their background. Heatmap cell text is left to
    plotly, which writes it dark or white by the cell's shade.
    """
    figure.update_layout(
        paper_bgcolor=PAPER,
        font_color=TEXT_COLOUR,
        title_font_color=TEXT_COLOUR,
        title_subtitle_font_color=MUTED_TEXT_COLOUR,
        legend_font_color=TEXT_COLOUR,
        legend_title_font_color=TEXT_COLOUR,
    )
    if figure.layout.plot_bgcolor is None:
        figure.update_layout(plot_bgcolor=PAPER)
    figure.update_xaxes(tickfont_color=TEXT_COLOUR, title_font_color=MUTED_TEXT_COLOUR)
    figure.update_yaxes(tickfont_color=TEXT_COLOUR, title_font_color=MUTED_TEXT_COLOUR)
    for annotation in figure.layout.annotations:
        background = annotation.bgcolor if _is_colour(annotation.bgcolor) else PAPER
        annotation.font.color = readable_on(annotation.font.color or TEXT_COLOUR, background)
    for trace in figure.data:
        if trace.type == "bar":
            _bar_labels(trace)
        elif trace.type == "scatter" and trace.text is not None:
            _scatter_labels(trace)
        if trace.type == "heatmap" and trace.colorbar is not None:
            trace.colorbar.tickfont.color = TEXT_COLOUR
            trace.colorbar.title.font.color = TEXT_COLOUR
    return figure
