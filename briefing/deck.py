"""The briefing as a 16:9 PowerPoint deck (python-pptx): cover, one slide per chart, the audit
list across as many slides as it needs, and the source."""

from __future__ import annotations

import io
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide
from pptx.util import Emu, Inches, Length, Pt

from briefing.content import SOURCE_DOCUMENT, Briefing, ChartEntry
from briefing.images import figure_png, png_size
from charts.palette import for_print

SLIDE_WIDTH = Emu(12192000)  # 13.333 in: exactly 16:9 with 7.5 in
SLIDE_HEIGHT = Inches(7.5)
MARGIN = Inches(0.5)
TEXT_COLOUR = RGBColor(0x22, 0x22, 0x22)  # type: ignore[no-untyped-call]
MUTED_COLOUR = RGBColor(0x55, 0x55, 0x55)  # type: ignore[no-untyped-call]
AUDIT_ROWS_PER_SLIDE = 8
# Layouts of python-pptx's default template.
TITLE_LAYOUT = 0
TITLE_ONLY_LAYOUT = 5

PngRenderer = Callable[[go.Figure], bytes]


def _print_png(figure: go.Figure) -> bytes:
    return figure_png(for_print(figure))


def _title(slide: Slide, text: str) -> None:
    # The default template's placeholders are laid out for 4:3; place the title for 16:9.
    title = slide.shapes.title
    assert title is not None  # every layout used here has a title placeholder
    title.left, title.top = MARGIN, Inches(0.25)
    title.width, title.height = Emu(SLIDE_WIDTH - 2 * MARGIN), Inches(0.8)
    title.text = text
    paragraph = title.text_frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.LEFT
    paragraph.font.size = Pt(30)
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
    box = slide.shapes.add_textbox(MARGIN, top, Emu(SLIDE_WIDTH - 2 * MARGIN), height)
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
        f"Generated {briefing.generated:%d %B %Y} from {briefing.plan_label}",
    ]
    frame = subtitle.text_frame
    for index, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.text = line
        paragraph.font.size = Pt(22 if index == 0 else 18)
        paragraph.font.color.rgb = TEXT_COLOUR if index == 0 else MUTED_COLOUR


def _chart_slide(deck: PresentationType, entry: ChartEntry, render: PngRenderer) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY_LAYOUT])
    _title(slide, entry.title)
    _text_box(
        slide, [entry.finding], top=Inches(1.05), height=Inches(0.5), size=20, bold=True,
        name="Finding",
    )  # fmt: skip
    picture_top, picture_bottom = Inches(1.65), Inches(6.6)
    if entry.figure is None:
        _text_box(
            slide, [entry.empty_note], top=Inches(3.2), height=Inches(1.0), size=24,
            colour=MUTED_COLOUR, name="Nothing matches",
        )  # fmt: skip
    else:
        image = render(entry.figure)
        pixel_width, pixel_height = png_size(image)
        # Fit the image in the space between finding and caption, keeping its proportions.
        box_width, box_height = SLIDE_WIDTH - 2 * MARGIN, picture_bottom - picture_top
        ratio = min(box_width / pixel_width, box_height / pixel_height)
        width, height = int(pixel_width * ratio), int(pixel_height * ratio)
        picture = slide.shapes.add_picture(
            io.BytesIO(image), int((SLIDE_WIDTH - width) / 2), picture_top, width, height
        )
        picture.name = f"Chart: {entry.title}"
    _text_box(
        slide, [entry.caption], top=Inches(6.65), height=Inches(0.7), size=11,
        colour=MUTED_COLOUR, name="Caption",
    )  # fmt: skip


def _audit_slides(deck: PresentationType, briefing: Briefing) -> None:
    rows = briefing.audit
    pages = max(1, -(-len(rows) // AUDIT_ROWS_PER_SLIDE))
    for page in range(pages):
        slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY_LAYOUT])
        suffix = f" ({page + 1} of {pages})" if pages > 1 else ""
        _title(slide, f"Points to check{suffix}")
        _text_box(
            slide, [briefing.audit_finding], top=Inches(1.05), height=Inches(0.5), size=18,
            bold=True, name="Finding",
        )  # fmt: skip
        chunk = rows.iloc[page * AUDIT_ROWS_PER_SLIDE : (page + 1) * AUDIT_ROWS_PER_SLIDE]
        if chunk.empty:
            continue
        _audit_table(slide, chunk)


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
        Inches(1.65),
        Emu(SLIDE_WIDTH - 2 * MARGIN),
        Emu(Inches(0.4) * (len(chunk) + 1)),
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
                paragraph.font.size = Pt(12 if row == 0 else 10.5)


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
    _text_box(slide, lines, top=Inches(1.3), height=Inches(5.5), size=18, name="Source")


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
