"""How a page prints (Ctrl+P): without the sidebar, the header and the chart toolbars, the whole
page rather than the part on screen (Streamlit scrolls inside its main block, which a printer
would cut at the window's height), and no chart or table split across two sheets."""

from __future__ import annotations

import streamlit as st

# A4 landscape: a page's charts are drawn for the screen's width (about 1000 px at a 1280 px
# window), which portrait's 718 px would cut; landscape's 1047 px hold them.
PRINT_CSS = """<style>
@page { size: A4 landscape; margin: 10mm; }
@media print {
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
  [data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
  [data-testid="stStatusWidget"], .modebar-container { display: none !important; }
  html, body, [data-testid="stApp"], [data-testid="stAppViewContainer"], [data-testid="stMain"] {
    height: auto !important; overflow: visible !important; position: static !important;
  }
  [data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 0 !important; }
  /* Charts keep the width they were drawn at on screen: the page is shrunk, not cut. */
  [data-testid="stMain"] { zoom: 0.8; }
  [data-testid="stPlotlyChart"], [data-testid="stDataFrame"], [data-testid="stTable"],
  [data-testid="stMetric"], [data-testid="stCaptionContainer"] {
    break-inside: avoid; page-break-inside: avoid;
  }
  h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
}
</style>"""


def print_style() -> None:
    """The print style sheet, once per run (st.html adds no space to the page)."""
    st.html(PRINT_CSS)
