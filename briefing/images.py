"""Static PNGs of plotly figures through one long-lived kaleido (Chromium) process.

Starting Chromium costs about two seconds; once it runs, a 1600x900 PNG takes about 0.15 s.
The server is started on first use and reused by every later pack in the process.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import kaleido
import plotly.graph_objects as go

SYSTEM_CHROMIUM = Path("/usr/bin/chromium")
# Drawn at 960 x 540 CSS pixels and scaled by 5/3 to a 1600 x 900 image: sharp on a projector,
# and the text stays large enough to read from the back of a meeting room (a figure drawn at
# 1600 x 900 directly would shrink 13 px labels to about 5 pt on the slide).
SLIDE_WIDTH_PX = 960
SLIDE_HEIGHT_PX = 540
SLIDE_SCALE = 5 / 3
TALLEST_PX = 720  # a chart drawn for a long screen page keeps up to this much of its height


def export_height(figure: go.Figure, least: int = SLIDE_HEIGHT_PX, most: int = TALLEST_PX) -> int:
    """The height to draw at: the figure's own height (builders size it to its rows, so that
    markers and labels do not overlap) kept within [least, most]."""
    own = figure.layout.height
    return int(min(max(own or least, least), most))


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# kaleido's sync server answers requests through one shared queue: two Streamlit sessions
# exporting at once could receive each other's images, so calls go through one at a time.
_lock = threading.Lock()


def _server_alive() -> bool:
    server: Any = getattr(kaleido, "_global_server", None)
    if server is None or not server.is_running():
        return False
    thread = getattr(server, "_thread", None)
    return thread is None or thread.is_alive()


def _ensure_server() -> None:
    if _server_alive():
        return
    # A server whose browser died is closed first, so a fresh one can be opened.
    kaleido.stop_sync_server(silence_warnings=True)
    options: dict[str, Any] = {"mathjax": False}  # MathJax would be fetched from a CDN
    if SYSTEM_CHROMIUM.exists():
        options["path"] = str(SYSTEM_CHROMIUM)
    kaleido.start_sync_server(silence_warnings=True, **options)


def figure_png(
    figure: go.Figure,
    width: int = SLIDE_WIDTH_PX,
    height: int | None = None,
    scale: float = SLIDE_SCALE,
) -> bytes:
    """The figure as PNG bytes, drawn at width x height CSS pixels times scale; the height
    defaults to export_height(figure)."""
    height = height or export_height(figure)
    options = {"format": "png", "width": width, "height": height, "scale": scale}
    # The figure's own size (pages set a height that fits the screen) gives way to the slide's.
    sized = go.Figure(figure).update_layout(width=width, height=height, autosize=False)
    with _lock:
        _ensure_server()
        image: bytes = kaleido.calc_fig_sync(sized.to_dict(), opts=options)
    if not image.startswith(PNG_SIGNATURE):
        raise RuntimeError("kaleido returned something that is not a PNG image")
    return image


def png_size(image: bytes) -> tuple[int, int]:
    """(width, height) in pixels, read from the PNG header."""
    if not image.startswith(PNG_SIGNATURE) or len(image) < 24:
        raise ValueError("not a PNG image")
    return int.from_bytes(image[16:20], "big"), int.from_bytes(image[20:24], "big")


def stop() -> None:
    """Close the Chromium process (tests and the command line call it when done)."""
    with _lock:
        kaleido.stop_sync_server(silence_warnings=True)
