"""The deck read from the back of the room, checked from the file: no shape overlaps another,
chart images are drawn for their placed size (at least 150 dpi, text at least 14 pt there),
findings fit two lines at 18 pt in a wide substitute font, and no screen words ("hover",
"click", "select") appear in the deck or the report, on the bundled plan and the Internet
Governance view."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Pt

from analysis.filters import apply_filters
from analysis.model import Plan
from briefing import PackRequest, images
from briefing.deck import FINDING_PT, lines_needed, slide_drawing
from briefing.figures import chart_entries

from .pack_views import PACK_DAY, PACK_VIEWS

TODAY = PACK_DAY
VIEWS = PACK_VIEWS  # the views of conftest's `packs`
pytestmark = pytest.mark.xdist_group("packs")
SCREEN_WORDS = re.compile(r"\b(hover|click|select)\w*", re.IGNORECASE)
EMU_PER_INCH = 914400
EMU_PER_PT = 12700


def _png_size(image: bytes) -> tuple[int, int]:
    """(width, height) in pixels, read from the PNG header."""
    assert image.startswith(images.PNG_SIGNATURE) and len(image) >= 24
    return int.from_bytes(image[16:20], "big"), int.from_bytes(image[20:24], "big")


def _slides(deck: bytes) -> list[Any]:
    return list(Presentation(io.BytesIO(deck)).slides)


def _box(shape: Any) -> tuple[int, int, int, int]:
    return shape.left, shape.top, shape.left + shape.width, shape.top + shape.height


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("view", list(VIEWS))
def test_no_shape_overlaps_another(packs: dict[str, tuple[bytes, str]], view: str) -> None:
    deck, _ = packs[view]
    presentation = Presentation(io.BytesIO(deck))
    for number, slide in enumerate(presentation.slides, start=1):
        shapes = list(slide.shapes)
        for shape in shapes:
            left, top, right, bottom = _box(shape)
            assert left >= 0 and top >= 0, (number, shape.name)
            assert right <= presentation.slide_width, (number, shape.name)
            assert bottom <= presentation.slide_height, (number, shape.name)
        for first, second in combinations(shapes, 2):
            assert not _overlap(_box(first), _box(second)), (number, first.name, second.name)


@pytest.mark.parametrize("view", list(VIEWS))
def test_chart_images_are_drawn_for_their_placed_size(
    packs: dict[str, tuple[bytes, str]], view: str
) -> None:
    deck, _ = packs[view]
    pictures = [
        shape
        for slide in _slides(deck)
        for shape in slide.shapes
        if shape.shape_type == MSO_SHAPE_TYPE.PICTURE
    ]
    assert len(pictures) == 4
    for picture in pictures:
        pixel_width, pixel_height = _png_size(picture.image.blob)
        dpi_across = pixel_width / (picture.width / EMU_PER_INCH)
        dpi_down = pixel_height / (picture.height / EMU_PER_INCH)
        assert dpi_across >= 150 and dpi_down >= 150, picture.name
        # One CSS pixel of the figure per point of the slide: a 14 px font is 14 pt.
        css_width = pixel_width / (images.SLIDE_DPI / 72)
        assert css_width == pytest.approx(picture.width / EMU_PER_PT, abs=1), picture.name


def _font_sizes(node: Any, in_font: bool = False) -> Iterator[float]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "size" and in_font:
                values = value if isinstance(value, list) else [value]
                yield from (v for v in values if isinstance(v, (int, float)))
            else:
                yield from _font_sizes(value, key.endswith("font"))
    elif isinstance(node, list):
        for item in node:
            yield from _font_sizes(item, in_font)


@pytest.mark.parametrize("view", list(VIEWS))
def test_chart_text_is_at_least_14_pt(plan: Plan, view: str) -> None:
    request = PackRequest(plan, VIEWS[view], today=TODAY)
    for entry in chart_entries(request, apply_filters(plan, request.spec)):
        if entry.figure is None:
            assert entry.table is not None, entry.key
            continue
        drawn = slide_drawing(entry)
        assert drawn["layout"]["font"]["size"] >= 14, entry.key
        sizes = list(_font_sizes(drawn))
        assert sizes and min(sizes) >= 14, entry.key


@pytest.mark.parametrize("view", list(VIEWS))
def test_findings_fit_two_lines_at_18_pt_in_a_wide_font(
    packs: dict[str, tuple[bytes, str]], view: str
) -> None:
    deck, _ = packs[view]
    findings = [
        shape for slide in _slides(deck) for shape in slide.shapes if shape.name == "Finding"
    ]
    assert len(findings) >= 6
    for shape in findings:
        text = shape.text_frame.text
        frame = shape.text_frame
        usable_height = shape.height - frame.margin_top - frame.margin_bottom
        lines = lines_needed(text, shape.width - frame.margin_left - frame.margin_right,
                             FINDING_PT)  # fmt: skip
        assert lines <= 2, text
        assert usable_height >= lines * Pt(FINDING_PT) * 1.2, text
        assert all(p.font.size == Pt(FINDING_PT) for p in frame.paragraphs)


def _slide_text(deck: bytes) -> Iterator[str]:
    for slide in _slides(deck):
        for shape in slide.shapes:
            if shape.has_text_frame:
                yield shape.text_frame.text
            if shape.has_table:
                for row in shape.table.rows:
                    for cell in row.cells:
                        yield cell.text


def _figure_words(node: Any, key: str = "") -> Iterator[str]:
    """Every text a reader sees in a figure (titles, annotations, labels, legend names); hover
    texts and templates are left out: paper and slides never show them."""
    if isinstance(node, dict):
        for name, value in node.items():
            if name.startswith("hover") or name in ("customdata", "template", "meta"):
                continue
            yield from _figure_words(value, name)
    elif isinstance(node, list):
        for item in node:
            yield from _figure_words(item, key)
    elif isinstance(node, str) and key in ("text", "name", "ticktext"):
        yield node


@pytest.mark.parametrize("view", list(VIEWS))
def test_static_outputs_carry_no_screen_words(
    plan: Plan, packs: dict[str, tuple[bytes, str]], view: str
) -> None:
    deck, report = packs[view]
    for text in _slide_text(deck):
        assert not SCREEN_WORDS.search(text), text
    visible = re.sub(r"<script.*?</script>", " ", report, flags=re.DOTALL)
    visible = re.sub(r"<style.*?</style>", " ", visible, flags=re.DOTALL)
    visible = re.sub(r"<[^>]+>", " ", visible)
    assert not SCREEN_WORDS.search(visible), SCREEN_WORDS.findall(visible)
    request = PackRequest(plan, VIEWS[view], today=TODAY)
    for entry in chart_entries(request, apply_filters(plan, request.spec)):
        if entry.figure is None:
            continue
        for text in _figure_words(entry.figure.to_dict()):
            assert not SCREEN_WORDS.search(text), (entry.key, text)


def test_every_slide_states_filters_and_weights(packs: dict[str, tuple[bytes, str]]) -> None:
    deck, _ = packs["Internet Governance"]
    for slide in _slides(deck)[1:-1]:  # the cover and the source slide say it in full
        footer = next(shape for shape in slide.shapes if shape.name == "Caption")
        assert "Filters: pillar: Internet Governance" in footer.text_frame.text
        assert "Weights: lead 1, assist 0.5; joint leads counted in full" in footer.text_frame.text


def test_kaleido_is_given_chromium_itself_not_a_script_around_it() -> None:
    """/usr/bin/chromium-headless-shell runs the browser as its child: closing kaleido would end
    the script and leave the browser holding the pipe kaleido waits on (a hang seen in CI). The
    headless shell is named by its binary; /usr/bin/chromium exec's the browser."""
    headless_shell, full_browser = images.SYSTEM_CHROMIUMS
    if headless_shell.exists():
        with headless_shell.open("rb") as binary:
            assert binary.read(4) == b"\x7fELF"
    assert full_browser == Path("/usr/bin/chromium")
