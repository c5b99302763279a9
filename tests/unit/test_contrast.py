"""Text contrast (WCAG 2.1 AA, 4.5:1): the ratio itself, label colours on the palette, and every
text of every chart built from the bundled plan."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import plotly.graph_objects as go
import pytest

from analysis import FilterSpec, Plan
from analysis.measures.matrix import group_cells, group_order, unit_rows
from analysis.measures.metrics import LoadWeights, workload_by_sector, workload_by_unit
from briefing import PackRequest, deck, report
from briefing.figures import chart_entries
from charts.contrast import (
    AA_TEXT,
    MUTED_TEXT_COLOUR,
    PAPER,
    TEXT_COLOUR,
    WHITE,
    contrast_ratio,
    label_colour_on,
    legible,
    readable_on,
)
from charts.matrix import group_matrix
from charts.palette import (
    ORGANISATION_COLOURS,
    PILLAR_COLOURS,
    ROLE_COLOURS,
    SECTOR_COLOURS,
    STATUS_COLOURS,
)
from charts.workload import roles_chart, sector_share_chart, shares_phrase

PALETTE = sorted(
    {
        *SECTOR_COLOURS.values(),
        *ORGANISATION_COLOURS.values(),
        *ROLE_COLOURS.values(),
        *STATUS_COLOURS.values(),
        *PILLAR_COLOURS.values(),
    }
)


@pytest.mark.parametrize(
    ("foreground", "background", "ratio"),
    [
        ("#000000", "#FFFFFF", 21.0),
        ("#FFFFFF", "#FFFFFF", 1.0),
        ("#777777", "#FFFFFF", 4.48),  # the classic just-too-light grey
        ("#767676", "#fff", 4.54),
        ("#E69F00", "#FFFFFF", 2.25),  # the orange "ITU-T" label the issue measured
        ("rgba(0,0,0,0.5)", "#FFFFFF", 3.98),  # seen as mid grey on white
    ],
)
def test_contrast_ratio_as_wcag_defines_it(foreground: str, background: str, ratio: float) -> None:
    assert contrast_ratio(foreground, background) == pytest.approx(ratio, abs=0.01)
    assert contrast_ratio(background, foreground) == pytest.approx(ratio, abs=0.01)


def test_an_unreadable_colour_string_is_refused_with_its_value() -> None:
    with pytest.raises(ValueError, match="'teal'"):
        contrast_ratio("teal", "#FFFFFF")


def test_the_text_colours_read_on_white() -> None:
    assert contrast_ratio(TEXT_COLOUR, PAPER) > 15
    assert contrast_ratio(MUTED_TEXT_COLOUR, PAPER) >= 7.0


@pytest.mark.parametrize("fill", PALETTE)
def test_a_label_on_any_palette_colour_reads(fill: str) -> None:
    assert contrast_ratio(label_colour_on(fill), fill) >= AA_TEXT


@pytest.mark.parametrize(
    ("fill", "label"),
    [("#0072B2", WHITE), ("#E69F00", TEXT_COLOUR), ("#009E73", TEXT_COLOUR), ("#1F4E79", WHITE)],
)
def test_label_colour_by_bar(fill: str, label: str) -> None:
    assert label_colour_on(fill) == label


@pytest.mark.parametrize("colour", PALETTE)
def test_palette_text_keeps_its_hue_darkened_until_it_reads(colour: str) -> None:
    shown = readable_on(colour)
    assert contrast_ratio(shown, PAPER) >= AA_TEXT
    if contrast_ratio(colour, PAPER) >= AA_TEXT:
        assert shown == colour
    else:
        assert shown not in (colour, TEXT_COLOUR)  # darkened, not replaced by black


def _texts(figure: go.Figure) -> Iterator[tuple[str, str, str]]:
    """(where, text colour, background) of every text the figure draws, from its JSON."""
    spec: dict[str, Any] = figure.to_plotly_json()
    layout = spec["layout"]
    paper = layout.get("paper_bgcolor")
    assert paper == PAPER, "charts are drawn on white paper"
    yield "layout font", layout["font"]["color"], paper
    if layout.get("title", {}).get("text"):
        yield "title", layout["title"]["font"]["color"], paper
    for name, axis in layout.items():
        if name.startswith(("xaxis", "yaxis")) and axis.get("visible", True):
            yield f"{name} ticks", axis["tickfont"]["color"], paper
            yield f"{name} title", axis["title"]["font"]["color"], paper
    for note in layout.get("annotations", []):
        yield f"annotation {note['text']!r}", note["font"]["color"], note.get("bgcolor", paper)
    for trace in spec["data"]:
        if trace.get("text") is None or trace["type"] == "heatmap":
            continue
        if trace["type"] == "bar":
            fills = trace["marker"]["color"]
            inside = trace["insidetextfont"]["color"]
            count = len(trace.get("x") or trace.get("y") or [])
            fills = [fills] * count if isinstance(fills, str) else list(fills)
            inside = [inside] * count if isinstance(inside, str) else list(inside)
            for fill, colour in zip(fills, inside, strict=True):
                yield f"bar label in {trace.get('name')}", colour, fill
            yield f"bar label beside {trace.get('name')}", trace["outsidetextfont"]["color"], paper
        elif trace["type"] == "scatter":
            colours = trace["textfont"]["color"]
            for colour in [colours] if isinstance(colours, str) else colours:
                marker = trace.get("marker", {})
                on_marker = (
                    "markers" in trace.get("mode", "")
                    and trace.get("textposition", "middle center") == "middle center"
                    and marker.get("opacity") != 0
                )
                yield (
                    f"text of {trace.get('name')}",
                    colour,
                    marker["color"] if on_marker else paper,
                )


def _all_figures(plan: Plan) -> list[tuple[str, go.Figure]]:
    weights = LoadWeights()
    by_unit, by_sector = workload_by_unit(plan, weights), workload_by_sector(plan, weights)
    pack = chart_entries(PackRequest(plan, FilterSpec(), weights, "data/plan.csv"), plan)
    figures = [(entry.key, entry.figure) for entry in pack if entry.figure is not None]
    cells = group_cells(plan, "pillar")
    figures += [
        ("sector share", sector_share_chart(by_sector, weights)),
        ("roles by unit", roles_chart(by_unit, "unit")),
        ("roles by sector", roles_chart(by_sector, "sector")),
        (
            "matrix by pillar",
            group_matrix(cells, group_order(plan, "pillar"), unit_rows(plan), "pillar"),
        ),
    ]
    return figures


def test_every_text_of_every_chart_reads_on_what_it_sits_on(plan: Plan) -> None:
    figures = _all_figures(plan)
    assert len(figures) == 8  # the pack's four charts and four page charts
    too_faint = [
        f"{name}: {where} {colour} on {background} = {contrast_ratio(colour, background):.2f}"
        for name, figure in figures
        for where, colour, background in _texts(figure)
        if contrast_ratio(colour, background) < AA_TEXT
    ]
    assert too_faint == []


def test_legible_fixes_a_faint_figure_in_place() -> None:
    figure = go.Figure(
        go.Bar(x=[1, 2], y=["a", "b"], text=["1", "2"], marker={"color": ["#0072B2", "#E69F00"]}),
        layout={"annotations": [{"text": "note", "font": {"color": "#AAAAAA"}}]},
    )
    assert legible(figure) is figure
    assert list(figure.data[0].insidetextfont.color) == [WHITE, TEXT_COLOUR]
    assert contrast_ratio(figure.layout.annotations[0].font.color, PAPER) >= AA_TEXT


def test_the_sector_shares_in_words(plan: Plan) -> None:
    # README: by Sector (lead/assist) ITU-D 18/10, ITU-T 9/12, ITU-R 2/5, GS 23/25; weights 1, 0.5
    words = shares_phrase(workload_by_sector(plan, LoadWeights()))
    assert words == (
        "ITU-R 6% (4.5), ITU-T 19% (15), ITU-D 29% (23), General Secretariat 46% (35.5)"
    )


def test_the_deck_text_colours_read_on_its_white_slides() -> None:
    for colour in (deck.TEXT_COLOUR, deck.MUTED_COLOUR):
        assert contrast_ratio(f"#{colour}", WHITE) >= AA_TEXT


def test_the_report_text_colours_read_on_its_page_and_table_heads() -> None:
    # Text colours of the report's CSS, on the page (#fff) and the table heads (#eee), or on
    # the background their own rule gives (the matrix's lead and assist cells).
    rules = re.findall(r"([^{}]+)\{([^{}]*)\}", report.STYLE)
    checked = 0
    for _, body in rules:
        colours = re.findall(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{3,6})", body)
        own = re.findall(r"background:\s*(#[0-9a-fA-F]{3,6})", body)
        for colour in colours:
            checked += 1
            for background in own or ["#ffffff", "#eeeeee"]:
                assert contrast_ratio(colour, background) >= AA_TEXT, (colour, background)
    assert checked >= 5


@pytest.mark.parametrize(
    ("label", "cell"), [(WHITE, ROLE_COLOURS["lead"]), ("#444444", ROLE_COLOURS["assist"])]
)
def test_matrix_cell_letters_read_as_plotly_writes_them(label: str, cell: str) -> None:
    # Seen in Chromium: plotly writes heatmap cell text white on dark cells, #444 on light ones.
    assert contrast_ratio(label, cell) >= AA_TEXT
