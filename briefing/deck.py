"""The briefing as a 16:9 PowerPoint deck (python-pptx): cover, one slide per chart, the audit
list across as many slides as it needs, and the source."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide
from pptx.util import Emu, Inches, Length, Pt

from briefing.content import SOURCE_DOCUMENT, Briefing, ChartEntry, SideTable
from briefing.images import slide_png
from charts.palette import PRINT_TEMPLATE

SLIDE_WIDTH = Emu(12192000)  # 13.333 in: exactly 16:9 with 7.5 in
SLIDE_HEIGHT = Inches(7.5)
MARGIN = Inches(0.5)
CONTENT_WIDTH = Emu(SLIDE_WIDTH - 2 * MARGIN)
TEXT_COLOUR = RGBColor(0x22, 0x22, 0x22)  # type: ignore[no-untyped-call]
MUTED_COLOUR = RGBColor(0x4A, 0x4A, 0x4A)  # type: ignore[no-untyped-call]
AUDIT_ROWS_PER_SLIDE = 6
# Layouts of python-pptx's default template.
TITLE_LAYOUT = 0
TITLE_ONLY_LAYOUT = 5

# The bands of a chart slide, top to bottom, with a gap between each. The finding box holds
# three lines at 18 pt (two are needed; the third absorbs a wider substitute font, since
# LibreOffice without Calibri draws text wider than PowerPoint).
TITLE_TOP, TITLE_HEIGHT = Inches(0.3), Inches(0.7)
FINDING_TOP, FINDING_HEIGHT, FINDING_PT = Inches(1.1), Inches(0.95), 18
CHART_TOP, CHART_BOTTOM = Inches(2.15), Inches(6.35)
FOOTER_TOP, FOOTER_HEIGHT, FOOTER_PT = Inches(6.45), Inches(0.9), 12
TABLE_PT = 18
SIDE_TABLE_COLUMNS = (2.6, 7.233, 2.5)  # inches: date, meeting, place
SIDE_TABLE_WIDTH = Inches(sum(SIDE_TABLE_COLUMNS))
GAP = Inches(0.1)
# A wide substitute font's average character is about 0.55 em: used to size table rows so the
# rows drawn are as tall as the rows declared, whichever font the viewer has.
WIDE_CHAR_EM = 0.55
LINE_HEIGHT_EM = 1.2
CELL_MARGIN = Inches(0.05)

SHORT_LEGEND_MARGIN = {"sectors": 80, "workload": 80}
NETWORK_NODE_SCALE = 0.6
# The bar charts keep 130 px under the plot for a legend that needs about 75.
PRINT_TEMPLATE_JSON = PRINT_TEMPLATE.to_plotly_json()
PngRenderer = Callable[[dict[str, Any], float, float], bytes]  # figure dict, size in points


def _emu_to_pt(length: int) -> float:
    return length / 12700


def _print_png(spec: dict[str, Any], width_pt: float, height_pt: float) -> bytes:
    """A figure's dict with the print template, drawn at the placed size."""
    spec["layout"]["template"] = PRINT_TEMPLATE_JSON
    return slide_png(spec, width_pt, height_pt)


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


def _finding(slide: Slide, text: str) -> None:
    _text_box(
        slide, [text], top=FINDING_TOP, height=FINDING_HEIGHT, size=FINDING_PT, bold=True,
        name="Finding",
    )  # fmt: skip


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


def row_height(values: tuple[str, ...], widths: tuple[float, ...], points: float) -> Length:
    lines = max(lines_needed(v, Inches(w), points) for v, w in zip(values, widths, strict=True))
    return Emu(int(lines * points * LINE_HEIGHT_EM * 12700 + 2 * CELL_MARGIN))


def _side_table(slide: Slide, side: SideTable, left: Length, top: Length) -> None:
    all_rows = (side.headers, *side.rows)
    heights = [row_height(values, SIDE_TABLE_COLUMNS, TABLE_PT) for values in all_rows]
    shape = slide.shapes.add_table(
        len(all_rows), len(side.headers), left, top, SIDE_TABLE_WIDTH, Emu(sum(heights))
    )
    shape.name = side.title
    table = shape.table
    for row, values in enumerate(all_rows):
        table.rows[row].height = heights[row]
        for column, value in enumerate(values):
            table.columns[column].width = Inches(SIDE_TABLE_COLUMNS[column])
            cell = table.cell(row, column)
            cell.text = value
            cell.margin_top = cell.margin_bottom = CELL_MARGIN
            cell.margin_left = cell.margin_right = CELL_MARGIN
            for paragraph in cell.text_frame.paragraphs:
                paragraph.font.size = Pt(TABLE_PT)


def _chart_slide(deck: PresentationType, entry: ChartEntry, render: PngRenderer) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY_LAYOUT])
    _title(slide, entry.title)
    _finding(slide, entry.finding)
    if entry.figure is None:
        _text_box(
            slide, [entry.empty_note], top=Inches(3.2), height=Inches(1.0), size=24,
            colour=MUTED_COLOUR, name="Nothing matches",
        )  # fmt: skip
    else:
        figure = slide_spec(entry.figure, entry.key)
        _picture(
            slide, figure, render, CHART_TOP, Emu(CHART_BOTTOM - CHART_TOP), CONTENT_WIDTH,
            f"Chart: {entry.title}",
        )  # fmt: skip
    _footer(slide, entry.caption)
    if entry.side_table is not None:
        _table_slide(deck, entry, entry.side_table)


def _table_slide(deck: PresentationType, entry: ChartEntry, side: SideTable) -> None:
    """A chart's companion table on the next slide (the upcoming meetings after the timeline)."""
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY_LAYOUT])
    _title(slide, side.title)
    _finding(slide, side.finding if side.rows else side.empty_note)
    if side.rows:
        _side_table(slide, side, MARGIN, CHART_TOP)
    _footer(slide, entry.caption)


def _audit_slides(deck: PresentationType, briefing: Briefing) -> None:
    rows = briefing.audit
    pages = max(1, -(-len(rows) // AUDIT_ROWS_PER_SLIDE))
    for page in range(pages):
        slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY_LAYOUT])
        suffix = f" ({page + 1} of {pages})" if pages > 1 else ""
        _title(slide, f"Points to check{suffix}")
        _finding(slide, briefing.audit_finding)
        _footer(slide, f"{briefing.view_line()} · Plan: {briefing.plan_label}.")
        chunk = rows.iloc[page * AUDIT_ROWS_PER_SLIDE : (page + 1) * AUDIT_ROWS_PER_SLIDE]
        if chunk.empty:
            continue
        _audit_table(slide, chunk)


AUDIT_ROW_HEIGHT = Inches(0.6)  # two lines at 12 pt; the table fits between finding and footer
AUDIT_HEADERS = (
    ("Activity", 3.2),
    ("Check", 1.8),
    ("What the plan says", 3.9),
    ("What to do", 3.433),
)


def _audit_table(slide: Slide, chunk: pd.DataFrame) -> None:
    shape = slide.shapes.add_table(
        len(chunk) + 1,
        len(AUDIT_HEADERS),
        MARGIN,
        CHART_TOP,
        CONTENT_WIDTH,
        Emu(AUDIT_ROW_HEIGHT * (len(chunk) + 1)),
    )
    shape.name = "Audit table"
    table = shape.table
    for column, (header, width) in enumerate(AUDIT_HEADERS):
        table.columns[column].width = Inches(width)
        table.cell(0, column).text = header
    for row, finding in enumerate(chunk.itertuples(index=False), start=1):
        values = (
            f"{finding.activity_id} · {finding.title}",
            finding.check,
            finding.detail,
            finding.fix,
        )
        for column, value in enumerate(values):
            table.cell(row, column).text = str(value)
    for row in range(len(chunk) + 1):
        for column in range(len(AUDIT_HEADERS)):
            for paragraph in table.cell(row, column).text_frame.paragraphs:
                paragraph.font.size = Pt(12)


def _source_slide(deck: PresentationType, briefing: Briefing) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY_LAYOUT])
    _title(slide, "Source")
    digest = f" (content digest {briefing.plan_digest})" if briefing.plan_digest else ""
    lines = [
        f"Document: {SOURCE_DOCUMENT}.",
        f"Plan file used: {briefing.plan_label}{digest}, as of {briefing.as_of:%d %B %Y}.",
        f"Filters in force: {briefing.filters}.",
        f"Workload weights: {briefing.weights_text}.",
        "Every figure in this pack is counted from the plan file above; the dashboard shows "
        "the verbatim allocation text behind each bar, cell and node.",
        f"Generated {briefing.generated:%d %B %Y} by the WSIS plan dashboard.",
    ]
    _text_box(slide, lines, top=Inches(1.3), height=Inches(5.0), size=18, name="Source")


def deck_bytes(briefing: Briefing, render: PngRenderer = _print_png) -> bytes:
    """The .pptx file as bytes."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    deck.core_properties.title = f"{briefing.title}: briefing pack"
    deck.core_properties.subject = f"Filters: {briefing.filters}"
    _cover(deck, briefing)
    for entry in briefing.charts:
        _chart_slide(deck, entry, render)
    _audit_slides(deck, briefing)
    _source_slide(deck, briefing)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()
