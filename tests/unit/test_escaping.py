"""Text is text: one escaping helper per target, each checked here with the
audit's hostile strings. Markdown (ui.render.escape_markdown, for everything Streamlit renders
as Markdown), plotly's HTML subset (charts.palette.plain), HTML (the printable report), and the
deck (python-pptx writes text as typed)."""

from __future__ import annotations

import html
import io
import re
from collections.abc import Callable
from datetime import date

import pytest
from pptx import Presentation

from analysis import FilterSpec, Plan
from briefing.content import PackRequest
from briefing.pack import build_pack
from charts.palette import plain
from tests.app.markdown_text import autolinks
from tests.hostile_plan import EVIL_HOST, HOSTILE_NOTE, HOSTILE_TEXT, PAYLOADS, hostile_plan_csv
from ui.render import WORD_JOINER, escape_markdown

TEXTS = (
    *PAYLOADS,
    HOSTILE_NOTE,
    "www.evil.example",
    "mail@evil.example",
    "(see https://evil.example/x)",
    '<img src="https://evil.example/img.png" onerror="alert(1)">',
    "Title\n===",
    "&lt;b&gt;",
)


def unescaped(markdown: str) -> str:
    """What a CommonMark reader shows: a backslash before ASCII punctuation is dropped."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)


@pytest.mark.parametrize("text", TEXTS)
def test_markdown_escaping_shows_the_text_as_typed(text: str) -> None:
    escaped = escape_markdown(text)
    assert unescaped(escaped).replace(WORD_JOINER, "") == text  # the joiner is invisible
    assert not autolinks(escaped)
    # No character that opens a link, an image, HTML or an entity, emphasis, a heading, a
    # table, a directive (:red[...]), LaTeX or an autolink (a host's dot, an address's @) is
    # left bare.
    bare = re.sub(r"\\.", "", escaped)
    assert not re.search(r"[\[\]()!<>*_`:$#=&@~|.\\-]", bare), bare


@pytest.mark.parametrize("text", TEXTS)
def test_chart_text_is_never_plotly_html(text: str) -> None:
    shown = plain(text)
    assert "<" not in shown and ">" not in shown
    assert html.unescape(shown) == text  # plotly shows entities as the characters


@pytest.fixture(scope="module")
def hostile_pack(parse: Callable[..., Plan]) -> tuple[bytes, str]:
    plan = parse(hostile_plan_csv().encode("utf-8"), "hostile.csv")
    pack = build_pack(
        PackRequest(
            plan,
            FilterSpec(pillars=("Multi-stakeholder implementation",)),
            plan_label=HOSTILE_TEXT,
            today=date(2026, 12, 3),
        )
    )
    return pack.deck, pack.report


@pytest.mark.xdist_group("packs")  # the worker whose Chromium draws the packs
def test_report_holds_plan_text_as_text(hostile_pack: tuple[bytes, str]) -> None:
    _, report = hostile_pack
    # Plotly's figures sit in <script> blocks as JSON, with '<' written \u003c; the rest is
    # the report's own HTML, where plan text must appear escaped.
    outside_scripts = re.sub(r"<script\b.*?</script>", "", report, flags=re.DOTALL)
    for live in ("<img", "<a ", "<script", "<b>"):
        assert live not in outside_scripts
    assert html.escape(PAYLOADS[2], quote=True) in outside_scripts
    assert PAYLOADS[2] not in report  # not in the charts' JSON either


@pytest.mark.xdist_group("packs")  # the worker whose Chromium draws the packs
def test_deck_holds_plan_text_as_text(hostile_pack: tuple[bytes, str]) -> None:
    deck, _ = hostile_pack
    runs = [
        run
        for slide in Presentation(io.BytesIO(deck)).slides
        for shape in slide.shapes
        for frame in (
            [shape.text_frame]
            if shape.has_text_frame
            else [cell.text_frame for row in shape.table.rows for cell in row.cells]
            if shape.has_table
            else []
        )
        for paragraph in frame.paragraphs
        for run in paragraph.runs
    ]
    hostile = [run for run in runs if EVIL_HOST in run.text]
    assert hostile, "the hostile text reaches the deck"
    assert all(run.hyperlink.address is None for run in hostile)
    assert any(PAYLOADS[0] in run.text for run in hostile)  # as typed
