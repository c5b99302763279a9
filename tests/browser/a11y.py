"""Accessibility checks run in the browser: axe-core (WCAG 2.1 A and AA, and best practice) and
the contrast of the text inside charts, which axe does not look at (SVG text)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

# axe-core ships inside axe-playwright-python (axe.min.js): nothing is fetched from the network.
AXE = Axe()
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": []}
AXE_LOADED_JS = "() => typeof window.axe !== 'undefined'"
AXE_RUN_JS = "(options) => axe.run(document, options)"
BLOCKING = ("critical", "serious")

# The contrast rule of WCAG 2.1 (1.4.3) applied to every text of every drawn chart: the text's
# colour and opacity against the bar it sits on (a label inside a bar; a hatched bar by its
# background colour) or else the white paper the charts are drawn on. Heatmap cell labels are
# left out: their cells are an image, and plotly writes them dark or white by the cell's shade
# (the unit tests check those two pairs).
CHART_TEXT_CONTRAST_JS = """() => {
  const parse = (value) => {
    const match = /rgba?\\(([^)]+)\\)/.exec(value || '');
    if (!match) return null;
    const parts = match[1].split(',').map(Number);
    return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
  };
  const linear = (v) => {
    v /= 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const luminance = (c) => 0.2126 * linear(c[0]) + 0.7152 * linear(c[1]) + 0.0722 * linear(c[2]);
  const over = (top, under, alpha) => [0, 1, 2].map((i) => top[i] * alpha + under[i] * (1 - alpha));
  const ratio = (a, b) => {
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (light + 0.05) / (dark + 0.05);
  };
  const white = [255, 255, 255];
  const fillOf = (element) => {
    let fill = getComputedStyle(element).fill;
    if (fill.startsWith('url')) {
      const id = /#([^"')]+)/.exec(fill)[1];
      const pattern = document.getElementById(id);
      const ground = pattern && pattern.querySelector('rect');
      fill = ground ? getComputedStyle(ground).fill : 'rgb(255, 255, 255)';
    }
    return parse(fill);
  };
  const checked = [];
  const failures = [];
  for (const text of document.querySelectorAll('[data-testid="stPlotlyChart"] .main-svg text')) {
    const words = text.textContent.trim();
    if (!words || text.closest('.heatmap-label')) continue;
    const box = text.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    const style = getComputedStyle(text);
    if (style.visibility === 'hidden' || style.display === 'none') continue;
    let alpha = parseFloat(style.fillOpacity || '1');
    for (let node = text; node && node.tagName !== 'svg'; node = node.parentElement) {
      alpha *= parseFloat(getComputedStyle(node).opacity || '1');
    }
    if (alpha === 0) continue;
    let ground = white;
    const point = text.closest('g.point');
    const mark = point && point.querySelector('path');
    if (mark) {
      const area = mark.getBoundingClientRect();
      const x = box.x + box.width / 2;
      const y = box.y + box.height / 2;
      if (x >= area.left && x <= area.right && y >= area.top && y <= area.bottom) {
        const fill = fillOf(mark);
        const fillAlpha = parseFloat(getComputedStyle(mark).fillOpacity || '1');
        if (fill) ground = over(fill, white, fill[3] * fillAlpha);
      }
    }
    const colour = parse(style.fill);
    if (!colour) continue;
    const seen = over(colour, ground, colour[3] * alpha);
    const contrast = ratio(seen, ground);
    checked.push(words);
    if (contrast < 4.5) {
      failures.push(`"${words.slice(0, 40)}" ${contrast.toFixed(2)}:1 (${style.fill} on ` +
        `rgb(${ground.map(Math.round).join(', ')}))`);
    }
  }
  return {checked: checked.length, failures};
}"""

# What a screen reader hears for each chart and table: the chart's aria-label (st.plotly_chart's
# alt), the table's named region (st.dataframe's alt).
UNNAMED_JS = """() => {
  const charts = Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"]'))
    .filter((chart) => !(chart.getAttribute('aria-label') || '').trim());
  const tables = Array.from(document.querySelectorAll('[data-testid="stDataFrame"]'))
    .filter((table) => !table.querySelector('[role="region"][aria-label]'));
  return {
    charts: document.querySelectorAll('[data-testid="stPlotlyChart"]').length,
    tables: document.querySelectorAll('[data-testid="stDataFrame"]').length,
    unnamed: [...charts, ...tables].map((element) => element.getAttribute('data-testid')),
  };
}"""

CONTENT_HEIGHT_JS = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  return Math.max(main ? main.scrollHeight : 0, document.documentElement.scrollHeight);
}"""


@dataclass
class AxeReport:
    violations: list[dict[str, Any]] = field(default_factory=list)

    def blocking(self) -> list[str]:
        """'serious color-contrast: 2 nodes, e.g. ...' for every critical or serious finding."""
        return [
            f"{v['impact']} {v['id']}: {len(v['nodes'])} node(s), e.g. "
            f"{v['nodes'][0]['target']} {v['nodes'][0].get('failureSummary', '')[:300]}"
            for v in self.violations
            if v["impact"] in BLOCKING
        ]

    def ids(self) -> set[str]:
        return {v["id"] for v in self.violations}

    def counts(self) -> Counter[str]:
        """Violations per impact (each rule once, however many nodes)."""
        return Counter(str(v["impact"]) for v in self.violations)


def run_axe(page: Page) -> AxeReport:
    """axe-core over the whole page, with the viewport as tall as the content: axe leaves the
    contrast of elements scrolled out of view undecided, and the app scrolls inside stMain."""
    viewport = page.viewport_size or {"width": 1280, "height": 900}
    height = int(page.evaluate(CONTENT_HEIGHT_JS))
    page.set_viewport_size({"width": viewport["width"], "height": max(height, viewport["height"])})
    try:
        # A page switched to by its sidebar link is the same document: axe stays loaded.
        if not page.evaluate(AXE_LOADED_JS):
            page.evaluate(AXE.axe_script)
        results = page.evaluate(AXE_RUN_JS, AXE_OPTIONS)
    finally:
        page.set_viewport_size(viewport)
    return AxeReport(list(results["violations"]))


def chart_text_contrast(page: Page) -> tuple[int, list[str]]:
    """(texts checked, those under 4.5:1) over every drawn chart of the page."""
    result = page.evaluate(CHART_TEXT_CONTRAST_JS)
    return int(result["checked"]), list(result["failures"])


def unnamed_charts_and_tables(page: Page) -> tuple[int, int, list[str]]:
    """(charts, tables, the test ids of those without an accessible name)."""
    result = page.evaluate(UNNAMED_JS)
    return int(result["charts"]), int(result["tables"]), list(result["unnamed"])
