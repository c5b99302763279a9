"""The briefing as a 16:9 PowerPoint deck (python-pptx) for a ten-minute slot: cover, one slide
per chart or table, the points to decide on one slide, and the source."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import plotly.graph_objects as go
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide
from pptx.util import Emu, Inches, Length, Pt

from briefing.content import Briefing, ChartEntry, PackTable
from briefing.images import slide_figure, slide_png
from charts.matrix import LETTER_ON
from charts.palette import PRINT_TEMPLATE_JSON, ROLE_COLOURS

SLIDE_WIDTH = Emu(12192000)  # 13.333 in: exactly 16:9 with 7.5 in
SLIDE_HEIGHT = Inches(7.5)
MARGIN = Inches(0.5)
CONTENT_WIDTH = Emu(SLIDE_WIDTH - 2 * MARGIN)
TEXT_COLOUR = RGBColor(0x22, 0x22, 0x22)  # type: ignore[no-untyped-call]
MUTED_COLOUR = RGBColor(0x4A, 0x4A, 0x4A)  # type: ignore[no-untyped-call]
# Layouts of python-pptx's default template.
TITLE_LAYOUT = 0
TITLE_ONLY_LAYOUT = 5

# The bands of a chart slide, top to bottom, with a gap between each. The finding box holds
# three lines at 18 pt (two are needed; the third absorbs a wider substitute font, since
# LibreOffice without Calibri draws text wider than PowerPoint).
TITLE_TOP, TITLE_HEIGHT = Inches(0.3), Inches(0.7)
# A finding of one line (at most FINDING_ONE_LINE wide) takes the short box, and the body moves
# up under it.
FINDING_TOP, FINDING_HEIGHT, FINDING_PT = Inches(1.1), Inches(0.95), 18
FINDING_ONE_LINE_HEIGHT = Inches(0.5)
CHART_TOP, CHART_BOTTOM = Inches(2.15), Inches(6.45)
FOOTER_TOP, FOOTER_HEIGHT, FOOTER_PT = Inches(6.55), Inches(0.8), 12
TABLE_SIZES_PT = (20, 18, 16, 14)  # a table's type: the largest that lets it fit its band
GAP = Inches(0.1)
# A wide substitute font's average character is about 0.55 em: used to size table rows so the
# rows drawn are as tall as the rows declared, whichever font the viewer has.
WIDE_CHAR_EM = 0.55
LINE_HEIGHT_EM = 1.2
CELL_MARGIN = Inches(0.05)  # left and right
TEXT_BOX_INSET = Inches(0.1)  # a text box's own left and right inset, beyond CELL_MARGIN
CELL_MARGIN_Y = Inches(0.03)  # top and bottom

SHORT_LEGEND_MARGIN = {"sectors": 80, "workload": 80}
NETWORK_NODE_SCALE = 0.6
# The bar charts keep 130 px under the plot for a legend that needs about 75.
PngRenderer = Callable[[dict[str, Any], float, float], bytes]  # figure dict, size in points


def _rgb(hex_colour: str) -> RGBColor:
    colour: RGBColor = RGBColor.from_string(hex_colour.lstrip("#"))  # type: ignore[no-untyped-call]
    return colour


def _emu_to_pt(length: int) -> float:
    return length / 12700


def _print_png(spec: dict[str, Any], width_pt: float, height_pt: float) -> bytes:
    """A figure's dict with the print template, drawn at the placed size."""
    spec["layout"]["template"] = PRINT_TEMPLATE_JSON
    return slide_png(spec, width_pt, height_pt)


def body_top(finding: str) -> Length:
    """Where a slide's chart or table starts: under its finding, of one line or two."""
    one_line = lines_needed(finding, Emu(CONTENT_WIDTH - TEXT_BOX_INSET), FINDING_PT) == 1
    return Emu(FINDING_TOP + (FINDING_ONE_LINE_HEIGHT if one_line else FINDING_HEIGHT) + GAP)


def chart_box(entry: ChartEntry) -> tuple[float, float]:
    """(width, height) in points of the entry's chart on its slide."""
    return _emu_to_pt(CONTENT_WIDTH), _emu_to_pt(CHART_BOTTOM - body_top(entry.finding))


def slide_drawing(entry: ChartEntry) -> dict[str, Any]:
    """The entry's chart exactly as its slide draws it: laid out for the band, print template,
    legible fonts, at its placed size in points (one CSS pixel per point)."""
    assert entry.figure is not None
    spec = slide_spec(entry.figure, entry.key)
    spec["layout"]["template"] = PRINT_TEMPLATE_JSON
    return slide_figure(spec, *chart_box(entry))


def slide_spec(figure: go.Figure, key: str) -> dict[str, Any]:
    """The figure as a dict laid out for a slide band, changed in place of a validated copy
    (a copy of a large figure costs as much as drawing it): a short top margin (the slide's
    heading replaces the chart title), a short bottom margin for the bar charts' legends, and
    for the network a free aspect ratio and smaller nodes, so the nodes spread across the wide
    band and their labels have room."""
    spec: dict[str, Any] = figure.to_dict()
    layout = spec.setdefault("layout", {})
    margin = layout.setdefault("margin", {})
    margin["t"] = 40
    if key in SHORT_LEGEND_MARGIN:
        margin["b"] = SHORT_LEGEND_MARGIN[key]
    if key == "network":
        layout.get("yaxis", {}).pop("scaleanchor", None)
        for trace in spec.get("data", []):
            size = trace.get("marker", {}).get("size")
            if isinstance(size, (list, tuple)):
                trace["marker"]["size"] = [value * NETWORK_NODE_SCALE for value in size]
    return spec


def _title(slide: Slide, text: str) -> None:
    # The default template's placeholders are laid out for 4:3; place the title for 16:9.
    title = slide.shapes.title
    assert title is not None  # every layout used here has a title placeholder
    title.left, title.top = MARGIN, TITLE_TOP
    title.width, title.height = CONTENT_WIDTH, TITLE_HEIGHT
    title.text = text
    title.text_frame.word_wrap = True
    title.text_frame.vertical_anchor = MSO_ANCHOR.TOP
    paragraph = title.text_frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.LEFT
    paragraph.font.size = Pt(28)
    paragraph.font.bold = True
    paragraph.font.color.rgb = TEXT_COLOUR


def _text_box(
    slide: Slide,
    lines: list[str],
    *,
    top: Length,
    height: Length,
    size: int,
    bold: bool = False,
    colour: RGBColor = TEXT_COLOUR,
    name: str = "",
) -> None:
    box = slide.shapes.add_textbox(MARGIN, top, CONTENT_WIDTH, height)
    if name:
        box.name = name
    frame = box.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.TOP
    for index, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.text = line
        paragraph.font.size = Pt(size)
        paragraph.font.bold = bold
        paragraph.font.color.rgb = colour
        paragraph.space_after = Pt(6)


def _cover(deck: PresentationType, briefing: Briefing) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_LAYOUT])
    title, subtitle = slide.placeholders[0], slide.placeholders[1]
    title.left, title.top = MARGIN, Inches(1.6)
    title.width, title.height = SLIDE_WIDTH - 2 * MARGIN, Inches(1.4)
    title.text = briefing.title
    title.text_frame.paragraphs[0].font.size = Pt(40)
    title.text_frame.paragraphs[0].font.bold = True
    subtitle.left, subtitle.top = MARGIN, Inches(3.2)
    subtitle.width, subtitle.height = SLIDE_WIDTH - 2 * MARGIN, Inches(3.2)
    lines = [
        f"Briefing pack · the plan as of {briefing.as_of:%d %B %Y}",
        f"Filters in force: {briefing.filters}",
        f"Workload weights: {briefing.weights_text}",
        f"Generated {briefing.generated:%d %B %Y} from {briefing.plan_label}",
    ]
    frame = subtitle.text_frame
    for index, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.text = line
        paragraph.font.size = Pt(22 if index == 0 else 18)
        paragraph.font.color.rgb = TEXT_COLOUR if index == 0 else MUTED_COLOUR


def _finding(slide: Slide, text: str) -> Length:
    """The finding under the title; returns where the slide's body starts, under it."""
    top = body_top(text)
    _text_box(
        slide, [text], top=FINDING_TOP, height=Emu(top - GAP - FINDING_TOP), size=FINDING_PT,
        bold=True, name="Finding",
    )  # fmt: skip
    return top


def _footer(slide: Slide, text: str) -> None:
    _text_box(
        slide, [text], top=FOOTER_TOP, height=FOOTER_HEIGHT, size=FOOTER_PT,
        colour=MUTED_COLOUR, name="Caption",
    )  # fmt: skip


def _picture(
    slide: Slide,
    figure: dict[str, Any],
    render: PngRenderer,
    top: Length,
    height: Length,
    width: Length,
    name: str,
) -> None:
    """The chart drawn for exactly the box it fills, so its text keeps its size in points."""
    image = render(figure, _emu_to_pt(width), _emu_to_pt(height))
    picture = slide.shapes.add_picture(io.BytesIO(image), MARGIN, top, width, height)
    picture.name = name


def lines_needed(text: str, width: Length, points: float) -> int:
    """How many lines text wraps to in a box `width` wide at `points`, for a wide font."""
    per_line = max(
        1, int((_emu_to_pt(width) - 2 * _emu_to_pt(CELL_MARGIN)) / (points * WIDE_CHAR_EM))
    )
    lines, used = 1, 0
    for word in text.split():
        needed = len(word) if used == 0 else used + 1 + len(word)
        if needed > per_line and used:
            lines, used = lines + 1, len(word)
        else:
            used = needed
    return lines


def row_height(values: tuple[str, ...], widths: tuple[Length, ...], points: float) -> Length:
    lines = max(lines_needed(v, w, points) for v, w in zip(values, widths, strict=True))
    return Emu(int(lines * points * LINE_HEIGHT_EM * 12700 + 2 * CELL_MARGIN_Y))


def table_layout(table: PackTable, height: Length) -> tuple[int, tuple[Length, ...], list[Length]]:
    """(type size, column widths, row heights): the largest of TABLE_SIZES_PT at which every
    row, sized for a wide font, fits in `height`; the smallest size when none does."""
    scale = CONTENT_WIDTH / sum(table.widths)
    widths = tuple(Emu(int(w * scale)) for w in table.widths)
    rows = (table.headers, *table.rows)
    for points in TABLE_SIZES_PT:
        heights = [row_height(values, widths, points) for values in rows]
        if sum(heights) <= height:
            break
    return points, widths, heights


def _table(slide: Slide, table: PackTable, top: Length, name: str) -> None:
    points, widths, heights = table_layout(table, Emu(CHART_BOTTOM - top))
    rows = (table.headers, *table.rows)
    shape = slide.shapes.add_table(
        len(rows), len(table.headers), MARGIN, top, CONTENT_WIDTH, Emu(sum(heights))
    )
    shape.name = name
    grid = shape.table
    for column, width in enumerate(widths):
        grid.columns[column].width = width
    for row, values in enumerate(rows):
        grid.rows[row].height = heights[row]
        shades = table.shades[row - 1] if row and table.shades else ("",) * len(values)
        for column, value in enumerate(values):
            cell = grid.cell(row, column)
            cell.text = value
            cell.margin_top = cell.margin_bottom = CELL_MARGIN_Y
            cell.margin_left = cell.margin_right = CELL_MARGIN
            shade = shades[column]
            if shade:
                cell.fill.solid()  # type: ignore[no-untyped-call]
                cell.fill.fore_color.rgb = _rgb(ROLE_COLOURS[shade])
            for paragraph in cell.text_frame.paragraphs:
                paragraph.font.size = Pt(points)
                if shade:
                    paragraph.font.color.rgb = _rgb(LETTER_ON[shade])
                    paragraph.font.bold = True


def _entry_slide(deck: PresentationType, entry: ChartEntry, render: PngRenderer) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY_LAYOUT])
    _title(slide, entry.title)
    top = _finding(slide, entry.finding)
    if entry.table is not None:
        _table(slide, entry.table, top, f"Table: {entry.title}")
    elif entry.figure is not None:
        spec = slide_spec(entry.figure, entry.key)
        _picture(
            slide, spec, render, top, Emu(CHART_BOTTOM - top), CONTENT_WIDTH,
            f"Chart: {entry.title}",
        )  # fmt: skip
    else:
        _text_box(
            slide, [entry.empty_note], top=Inches(3.2), height=Inches(1.0), size=24,
            colour=MUTED_COLOUR, name="Nothing matches",
        )  # fmt: skip
    _footer(slide, entry.caption)


def _source_slide(deck: PresentationType, briefing: Briefing) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY_LAYOUT])
    _title(slide, "Source")
    _text_box(
        slide, briefing.source_lines(), top=Inches(1.3), height=Inches(5.0), size=18, name="Source"
    )


def deck_bytes(briefing: Briefing, render: PngRenderer = _print_png) -> bytes:
    """The .pptx file as bytes: the cover, one slide per entry (the points to decide last of
    them), the source."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    deck.core_properties.title = f"{briefing.title}: briefing pack"
    deck.core_properties.subject = f"Filters: {briefing.filters}"
    _cover(deck, briefing)
    for entry in (*briefing.charts, briefing.decide):
        _entry_slide(deck, entry, render)
    _source_slide(deck, briefing)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()
