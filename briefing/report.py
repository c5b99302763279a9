"""The briefing as one self-contained HTML file to open offline and print on A4 landscape.

Nothing is fetched: plotly.js is embedded once, fonts are the reader's system fonts, and no
image or style sheet is referenced by URL. All plan text goes through html.escape.
"""

from __future__ import annotations

import html
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio

from analysis.measures.audit import CHECK_KINDS
from briefing.content import Briefing, ChartEntry, PackTable
from briefing.images import export_height
from charts.palette import PRINT_TEMPLATE_JSON

# A4 landscape minus 12 mm margins is 273 x 186 mm (1031 x 703 CSS px). A section is its
# heading (about 35 px), the finding (two lines, about 50 px), the chart and the caption (three
# lines, about 50 px): the chart is at most 500 px tall, so all four share one page.
FIGURE_WIDTH_PX = 1000
FIGURE_LEAST_HEIGHT_PX = 420
FIGURE_MOST_HEIGHT_PX = 500
PLOTLY_CONFIG = {"displaylogo": False, "responsive": False, "modeBarButtonsToRemove": ["lasso2d"]}

STYLE = """
@page { size: A4 landscape; margin: 12mm; }
* { box-sizing: border-box; }
body { font-family: "Segoe UI", Arial, "Liberation Sans", sans-serif; color: #222; background: #fff;
       margin: 0 auto; max-width: 1060px; padding: 16px; line-height: 1.35; }
h1 { font-size: 26px; margin: 0 0 8px; }
h2 { font-size: 21px; margin: 0 0 6px; }
.section { page-break-before: always; break-before: page; padding-top: 8px; }
/* The audit list and the source follow on from the last chart: a short audit ("nothing to
   check") must not be a page of its own. */
.section.flow { page-break-before: auto; break-before: auto; padding-top: 24px; }
.section.flow h2 { page-break-after: avoid; break-after: avoid; }
#source { page-break-inside: avoid; break-inside: avoid; }
.cover p { font-size: 16px; margin: 4px 0; }
.finding { font-size: 16px; font-weight: 600; margin: 0 0 6px; }
.caption { font-size: 11.5px; color: #555; margin: 4px 0 0; }
.empty { font-size: 18px; color: #555; border: 1px solid #bbb; padding: 24px; margin: 24px 0; }
.chart { width: WIDTHpx; }
figure { margin: 0; page-break-inside: avoid; break-inside: avoid; }
figcaption { page-break-before: avoid; break-before: avoid; }
table { border-collapse: collapse; width: 100%; font-size: 11.5px; }
table.room { font-size: 15px; }
td.lead { background: #1F4E79; color: #FFFFFF; font-weight: 600; }
td.assist { background: #9DC3E6; color: #1F4E79; font-weight: 600; }
th, td { border: 1px solid #bbb; padding: 4px 6px; text-align: left; vertical-align: top; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; break-inside: avoid; }
th { background: #eee; }
@media print {
  body { max-width: none; padding: 0; }
  .modebar-container { display: none; } /* the chart toolbar: nothing to click on paper */
}
""".replace("WIDTH", str(FIGURE_WIDTH_PX))


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def report_figure(figure: go.Figure) -> dict[str, Any]:
    """The chart's dict as the report draws it: print template, the page's width, a height that
    leaves its section on one A4 page."""
    spec: dict[str, Any] = figure.to_dict()
    height = export_height(figure, FIGURE_LEAST_HEIGHT_PX, FIGURE_MOST_HEIGHT_PX)
    spec["layout"].update(
        template=PRINT_TEMPLATE_JSON, width=FIGURE_WIDTH_PX, height=height, autosize=False
    )
    return spec


def _figure_html(figure: go.Figure, div_id: str, first: bool) -> str:
    # include_plotlyjs=True embeds the library inline (never a CDN); only the first chart
    # carries it, the others reuse it. The figure was validated as it was built: its dict is
    # drawn as it is.
    markup: str = pio.to_html(
        report_figure(figure),
        validate=False,
        full_html=False,
        include_plotlyjs=first,
        include_mathjax=False,
        div_id=div_id,
        config=PLOTLY_CONFIG,
    )
    return markup


def _chart_section(entry: ChartEntry, first_figure: bool, *, flow: bool = False) -> str:
    parts = [
        f'<section class="section{" flow" if flow else ""}" id="{_e(entry.key)}">',
        f"<h2>{_e(entry.title)}</h2>",
        f'<p class="finding">{_e(entry.finding)}</p>',
    ]
    # The chart or table and its caption are one figure that never breaks across pages.
    parts.append("<figure>")
    if entry.table is not None:
        parts.append(_table_html(entry.table))
    elif entry.figure is not None:
        parts.append('<div class="chart">')
        parts.append(_figure_html(entry.figure, f"chart-{entry.key}", first_figure))
        parts.append("</div>")
    else:
        parts.append(f'<p class="empty">{_e(entry.empty_note)}</p>')
    parts.append(f'<figcaption class="caption">{_e(entry.caption)}</figcaption>')
    parts.append("</figure>")
    parts.append("</section>")
    return "\n".join(parts)


def _table_html(table: PackTable) -> str:
    head = "".join(f"<th>{_e(header)}</th>" for header in table.headers)
    shades = table.shades or tuple(("",) * len(row) for row in table.rows)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="{shade}">{_e(value)}</td>' if shade else f"<td>{_e(value)}</td>"
            for value, shade in zip(row, row_shades, strict=True)
        )
        + "</tr>"
        for row, row_shades in zip(table.rows, shades, strict=True)
    )
    return f'<table class="room"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _appendix_section(briefing: Briefing) -> str:
    """The audit's points only to know: the plan is consistent as it stands, so they stay off
    the slides."""
    known = briefing.audit[briefing.audit["check"].map(CHECK_KINDS) == "to know"]
    rows = [
        "<tr>"
        + "".join(
            f"<td>{_e(value)}</td>"
            for value in (f"{row.activity_id} · {row.title}", row.check, row.detail, row.fix)
        )
        + "</tr>"
        for row in known.itertuples(index=False)
    ]
    count = f"{len(rows)} point{'' if len(rows) == 1 else 's'}"
    table = (
        "<table><thead><tr><th>Activity</th><th>Check</th><th>What the plan says</th>"
        "<th>Note</th></tr></thead><tbody>" + "\n".join(rows) + "</tbody></table>"
        if rows
        else ""
    )
    return (
        '<section class="section" id="appendix"><h2>Appendix: points only to know</h2>'
        f'<p class="finding">{count} of the audit need no decision: the plan is consistent as '
        f"it stands, and they are worth knowing when reading it.</p>{table}</section>"
    )


def _source_section(briefing: Briefing) -> str:
    body = "".join(f"<p>{_e(line)}</p>" for line in briefing.source_lines())
    return f'<section class="section flow" id="source"><h2>Source</h2>{body}</section>'


def report_html(briefing: Briefing) -> str:
    """The whole report as one HTML document."""
    cover = (
        '<header class="cover">'
        f"<h1>{_e(briefing.title)}</h1>"
        f"<p>Briefing pack · the plan as of {briefing.as_of:%d %B %Y}</p>"
        f"<p>Filters in force: {_e(briefing.filters)}</p>"
        f"<p>Workload weights: {_e(briefing.weights_text)}</p>"
        f"<p>Generated {briefing.generated:%d %B %Y} from {_e(briefing.plan_label)}</p>"
        "</header>"
    )
    sections = []
    first_figure = True
    for entry in briefing.charts:
        sections.append(_chart_section(entry, first_figure))
        first_figure = first_figure and entry.figure is None
    sections.append(_chart_section(briefing.decide, first_figure))
    sections.append(_appendix_section(briefing))
    sections.append(_source_section(briefing))
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{_e(briefing.title)}: briefing pack</title>",
            f"<style>{STYLE}</style>",
            "</head><body>",
            cover,
            *sections,
            "</body></html>",
        ]
    )
