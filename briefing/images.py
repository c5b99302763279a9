"""Static PNGs of plotly figures through one kaleido (Chromium) process.

Starting Chromium costs far more than a slide image once it runs (measured in
benchmarks/reports/briefing.md). The server is started on first use, reused by every pack that
follows, and closed once it has been idle for IDLE_SECONDS, so the browser does not stay under
the app server between packs.

Slide images are drawn at their placed size in points, one CSS pixel per point, so a 14 px
font is 14 pt on the slide, and scaled to SLIDE_DPI (slide_figure(): no text under LEAST_FONT_PT).
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

import kaleido
import plotly.graph_objects as go

# Debian's Chromium builds, lightest first: the headless shell draws the same images with less
# CPU to start and to draw; the full browser where it is the one installed. The headless shell
# by its binary: /usr/bin/chromium-headless-shell is a script that runs it as a child instead of
# exec'ing it, so closing kaleido would end the script and leave the browser holding the pipe
# kaleido waits on.
SYSTEM_CHROMIUMS = (Path("/usr/lib/chromium/chromium-headless-shell"), Path("/usr/bin/chromium"))
SLIDE_HEIGHT_PX = 540  # a 16:9 slide's height at 960 CSS pixels wide
TALLEST_PX = 720  # a chart drawn for a long screen page keeps up to this much of its height


def export_height(figure: go.Figure, least: int = SLIDE_HEIGHT_PX, most: int = TALLEST_PX) -> int:
    """The height to draw at: the figure's own height (builders size it to its rows, so that
    markers and labels do not overlap) kept within [least, most]."""
    own = figure.layout.height
    return int(min(max(own or least, least), most))


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
POINTS_PER_INCH = 72
SLIDE_DPI = 180  # pixels per inch of the placed image (150 is the least a projector needs)
LEAST_FONT_PT = 14  # the smallest chart text on a slide, at its placed size
SLIDE_FONT_PT = 14  # the charts' base text size on a slide
IDLE_SECONDS = 60.0  # the browser closes when no image was asked for this long
CLOSE_WAIT_SECONDS = 15.0  # a browser that closes at all closes well within this


def _raise_sizes(node: Any, least: float, in_font: bool = False) -> Any:
    """A copy of a figure dict where every font size (font, textfont, tickfont, …) is at least
    `least`; lists of per-point sizes are raised one by one."""
    if isinstance(node, dict):
        raised = {}
        for key, value in node.items():
            if key == "size" and in_font:
                if isinstance(value, (int, float)):
                    value = max(value, least)
                elif isinstance(value, (list, tuple)):
                    value = [max(v, least) if isinstance(v, (int, float)) else v for v in value]
            elif key == "minsize":
                value = max(value, least) if isinstance(value, (int, float)) else value
            raised[key] = _raise_sizes(value, least, key.endswith("font"))
        return raised
    if isinstance(node, list):
        return [_raise_sizes(item, least, in_font) for item in node]
    return node


def _legible_dict(figure: go.Figure | dict[str, Any], least: float, base: float) -> dict[str, Any]:
    spec = figure.to_dict() if isinstance(figure, go.Figure) else figure
    layout = spec.setdefault("layout", {})
    layout["font"] = {**layout.get("font", {}), "size": base}
    raised: dict[str, Any] = _raise_sizes(spec, least)
    return raised


def slide_figure(
    figure: go.Figure | dict[str, Any], width_pt: float, height_pt: float
) -> dict[str, Any]:
    """The figure's dict as drawn on a slide at width_pt x height_pt: legible fonts, fixed size
    (what slide_png renders, and what the chart-text test lays out in Chromium)."""
    spec = _legible_dict(figure, LEAST_FONT_PT, SLIDE_FONT_PT)
    spec["layout"].update(width=round(width_pt), height=round(height_pt), autosize=False)
    return spec


def slide_png(figure: go.Figure | dict[str, Any], width_pt: float, height_pt: float) -> bytes:
    """The figure as a PNG to place at width_pt x height_pt on a slide, at SLIDE_DPI. Works on
    the figure's dict: no second validation of a large figure."""
    spec = slide_figure(figure, width_pt, height_pt)
    width, height = spec["layout"]["width"], spec["layout"]["height"]
    options = {"format": "png", "width": width, "height": height,
               "scale": SLIDE_DPI / POINTS_PER_INCH}  # fmt: skip
    return _render(spec, options)


# kaleido's sync server answers requests through one shared queue: two Streamlit sessions
# exporting at once could receive each other's images, so calls go through one at a time.
_lock = threading.Lock()
_logger = logging.getLogger(__name__)


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
    _close_server()
    options: dict[str, Any] = {"mathjax": False}  # MathJax would be fetched from a CDN
    installed = [path for path in SYSTEM_CHROMIUMS if path.exists()]
    if installed:
        options["path"] = str(installed[0])
    kaleido.start_sync_server(silence_warnings=True, **options)


def _render(spec: dict[str, Any], options: dict[str, Any]) -> bytes:
    with _lock:
        _ensure_server()
        image: bytes = kaleido.calc_fig_sync(spec, opts=options)
        _close_when_idle()
    if not image.startswith(PNG_SIGNATURE):
        raise RuntimeError("kaleido returned something that is not a PNG image")
    return image


_idle_timer: threading.Timer | None = None


def _close_when_idle() -> None:
    """(Re)arm the timer that closes the browser IDLE_SECONDS after the last image; called
    with _lock held."""
    global _idle_timer
    if _idle_timer is not None:
        _idle_timer.cancel()
    _idle_timer = threading.Timer(IDLE_SECONDS, stop)
    _idle_timer.daemon = True
    _idle_timer.start()


def running() -> bool:
    """Whether the browser is up (tests and the benchmark check that it closes)."""
    return _server_alive()


def stop() -> None:
    """Close the Chromium process (the idle timer, tests and the command line call it)."""
    global _idle_timer
    with _lock:
        if _idle_timer is not None:
            _idle_timer.cancel()
            _idle_timer = None
        _close_server()


def _close_server() -> None:
    """What kaleido.stop_sync_server does, waiting CLOSE_WAIT_SECONDS at most. Its browser
    library reads the browser's pipe on a thread of its own and holds the pipe's other end
    itself: a browser that ends while that read waits leaves the read, and the server's
    thread, waiting for ever (seen at a test worker's last stop). Under the app, that stop
    would hold _lock, and every later pack would wait on it. The stuck thread is a daemon: it
    is left behind, and the server marked closed so that the next image starts another."""
    server: Any = getattr(kaleido, "_global_server", None)
    if server is None or not server.is_running():
        return
    server._task_queue.put(None)  # what close() sends: the server leaves its loop
    server._thread.join(CLOSE_WAIT_SECONDS)
    if server._thread.is_alive():
        _logger.warning(
            "kaleido's browser did not close within %s s; its thread is left behind",
            CLOSE_WAIT_SECONDS,
        )
    server._initialized = False
