"""A viewer that speaks Streamlit's own protocol instead of drawing the page: per viewer, what a
browser asks of the server, without the browser's own CPU (5-10 s of it per page load here).

A protocol viewer GETs the page and every file a real Chromium fetched opening the same link
(the list is taken once from one Chromium load with request logging), on up to six keep-alive
connections as a browser does, with the browser's cookies (the XSRF cookie, nginx's sticky
`wsis_backend`); then it opens `/_stcore/stream` with the subprotocols the frontend sends
(`streamlit`, the XSRF cookie's value), sends the frontend's first BackMsg (`rerun_script` with
the query string, the page and the context info) and reads ForwardMsgs until `script_finished`.
"Served" is the moment the script finished with every chart's delta received: what the server
has to do for a viewer is done then; drawing is the browser's work. Files the page fetches under
/media/ or /component/ (after the run) are fetched after it. The session stays open until the
whole crowd is served, as the tabs of a room stay open.

Loopback only, bounded in count (MAX_VIEWERS) and time (VIEWER_TIMEOUT_S per viewer).
"""

from __future__ import annotations

import asyncio
import contextlib
import http.client
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from playwright.async_api import Browser, Request, async_playwright
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import ClientConnection, connect

from benchmarks.browser_bench import CHROMIUM_ARGS, DRAWN_JS, EXCEPTION, SYSTEM_CHROMIUM

MAX_VIEWERS = 100
VIEWER_TIMEOUT_S = 120.0  # a viewer not served by then counts as an error
CONNECTIONS = 6  # a browser's parallel connections to one host
VIEWPORT = {"width": 1280, "height": 800}
STREAM = "/_stcore/stream"
XSRF_COOKIE = "_streamlit_xsrf"
AFTER_RUN = ("/media/", "/component/")  # fetched once the script has sent them
LOOPBACK = ("127.0.0.1", "localhost", "::1")


@dataclass
class PageLoad:
    """What a browser fetched from the server opening the link (paths with their query)."""

    paths: list[str]  # in order, the page first
    accept_encoding: str = "gzip, deflate, br"

    def before_run(self) -> list[str]:
        return [path for path in self.paths if not path.startswith(AFTER_RUN)]

    def after_run(self) -> list[str]:
        return [path for path in self.paths if path.startswith(AFTER_RUN)]


@dataclass
class Served:
    """One viewer: when it arrived, how long until served, what went wrong."""

    kind: str  # "protocol" or "chromium"
    arrived_s: float
    served_s: float | None = None  # protocol: script finished, all chart deltas in; chromium: drawn
    charts: int = 0
    files: int = 0
    file_bytes: int = 0
    messages: int = 0
    error: str = ""


def percentile(values: Sequence[float], share: float) -> float | None:
    """The nearest-rank value at `share` (0..1) of the values; None when there are none."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def parse_set_cookies(headers: Sequence[str]) -> dict[str, str]:
    """name → value of Set-Cookie header values (attributes such as Path dropped)."""
    cookies: dict[str, str] = {}
    for header in headers:
        pair = header.split(";", 1)[0]
        name, sep, value = pair.partition("=")
        if sep and name.strip():
            cookies[name.strip()] = value.strip().strip('"')
    return cookies


def cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{name}={value}" for name, value in sorted(cookies.items()))


def same_origin_path(url: str, base: str) -> str | None:
    """The path and query of `url` if it is on the server at `base`, else None."""
    parts, origin = urlsplit(url), urlsplit(base)
    if (parts.scheme, parts.netloc) != (origin.scheme, origin.netloc):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def page_load_from_requests(requests: Sequence[tuple[str, str]], base: str) -> PageLoad:
    """A PageLoad from (method, url) pairs a browser sent: same-origin GETs, each path once, the
    websocket left out."""
    paths: list[str] = []
    for method, url in requests:
        path = same_origin_path(url, base)
        if method == "GET" and path is not None and path != STREAM and path not in paths:
            paths.append(path)
    return PageLoad(paths)


def check_loopback(url: str) -> None:
    host = urlsplit(url).hostname
    if host not in LOOPBACK:
        raise ValueError(f"the crowd only runs against this machine (loopback), not {host}")


class Cookies:
    """A browser's cookie jar for one server, shared by its connections."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.values: dict[str, str] = {}

    def header(self) -> str:
        with self._lock:
            return cookie_header(self.values)

    def update(self, set_cookies: list[str]) -> None:
        with self._lock:
            self.values.update(parse_set_cookies(set_cookies))


def fetch(
    base: str, paths: Sequence[str], cookies: Cookies, accept_encoding: str
) -> tuple[int, int]:
    """GET the paths one after another on one keep-alive connection, as a browser does; returns
    (files, bytes). Raises on a failed request."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=60)
    got = 0
    try:
        for path in paths:
            headers = {"Accept-Encoding": accept_encoding, "User-Agent": "wsis-crowd"}
            if jar := cookies.header():
                headers["Cookie"] = jar
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            got += len(response.read())
            cookies.update(response.headers.get_all("Set-Cookie") or [])
            if response.status >= 400:
                raise RuntimeError(f"GET {path}: HTTP {response.status}")
    finally:
        connection.close()
    return len(paths), got


def first_rerun(url: str, query: str = "") -> bytes:
    """The BackMsg the frontend sends once connected: run the script for this page and query."""
    message = BackMsg()
    state = message.rerun_script
    state.query_string = query
    state.page_script_hash = ""
    state.page_name = urlsplit(url).path.strip("/")
    state.context_info.timezone = "UTC"
    state.context_info.timezone_offset = 0
    state.context_info.locale = "en-US"
    state.context_info.url = url
    state.context_info.is_embedded = False
    state.context_info.color_scheme = "light"
    return message.SerializeToString()


@dataclass
class RunSeen:
    """What a script run sent, read from its ForwardMsgs."""

    charts: int = 0
    exceptions: int = 0
    messages: int = 0
    finished: bool = False

    def read(self, payload: bytes) -> None:
        message = ForwardMsg()
        message.ParseFromString(payload)
        self.messages += 1
        kind = message.WhichOneof("type")
        if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            element = message.delta.new_element.WhichOneof("type")
            self.charts += element == "plotly_chart"
            self.exceptions += element == "exception"
        elif kind == "script_finished":
            # FINISHED_EARLY_FOR_RERUN: another run follows (its deltas replace these).
            if message.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                self.charts = self.exceptions = 0
            else:
                self.finished = True


class Crowd:
    """Shared by the viewers of one crowd: the thread pool for their files, and the viewers
    served and holding their session open until the whole crowd is served."""

    def __init__(self, pool: ThreadPoolExecutor, release: asyncio.Event) -> None:
        self.pool = pool
        self.release = release  # set when every viewer has been served: sessions may close
        self.holding = 0

    async def hold(self) -> None:
        self.holding += 1
        try:
            await self.release.wait()
        finally:
            self.holding -= 1


async def protocol_viewer(
    url: str, load: PageLoad, delay_s: float, charts: int, crowd: Crowd, query: str = ""
) -> Served:
    await asyncio.sleep(delay_s)
    viewer = Served("protocol", delay_s)
    loop = asyncio.get_running_loop()
    cookies = Cookies()
    before, after = load.before_run(), load.after_run()
    base = url.rstrip("/")

    async def get(paths: Sequence[str]) -> None:
        files, size = await loop.run_in_executor(
            crowd.pool, fetch, base, paths, cookies, load.accept_encoding
        )
        viewer.files += files
        viewer.file_bytes += size

    socket: ClientConnection | None = None
    try:
        async with asyncio.timeout(VIEWER_TIMEOUT_S):
            started = time.perf_counter()
            await get(before[:1])  # the page, whose response sets the cookies
            await asyncio.gather(*(get(before[1 + i :: CONNECTIONS]) for i in range(CONNECTIONS)))
            xsrf = cookies.values.get(XSRF_COOKIE, "PLACEHOLDER_AUTH_TOKEN")
            socket = await connect(
                "ws" + base.removeprefix("http") + STREAM,
                subprotocols=["streamlit", xsrf],  # type: ignore[list-item]
                origin=base,  # type: ignore[arg-type]
                additional_headers={"Cookie": cookies.header()} if cookies.values else None,
                max_size=None,
            )
            await socket.send(first_rerun(url, query))
            seen = RunSeen()
            while not seen.finished:
                payload = await socket.recv()
                if isinstance(payload, bytes):
                    seen.read(payload)
            viewer.charts, viewer.messages = seen.charts, seen.messages
            if seen.exceptions:
                viewer.error = "exception shown"
            elif seen.charts < charts:
                viewer.error = f"{seen.charts} chart(s) of {charts}"
            await asyncio.gather(*(get(after[i::CONNECTIONS]) for i in range(CONNECTIONS)))
            viewer.served_s = time.perf_counter() - started
        await crowd.hold()  # outside the time limit: the session stays open until released
    except Exception as error:  # a viewer who is not served is counted, the others go on
        viewer.error = viewer.error or f"{type(error).__name__}: {str(error)[:120]}"
    finally:
        if socket is not None:
            await socket.close()
    return viewer


async def chromium_viewer(
    browser: Browser,
    url: str,
    delay_s: float,
    charts: int,
    crowd: Crowd | None = None,
    on_request: Callable[[Request], Any] | None = None,
) -> Served:
    """A real browser: from opening the link to every chart drawn (DRAWN_JS)."""
    await asyncio.sleep(delay_s)
    viewer = Served("chromium", delay_s)
    context = await browser.new_context(viewport=VIEWPORT)  # type: ignore[arg-type]
    try:
        page = await context.new_page()
        if on_request is not None:
            page.on("request", on_request)
        started = time.perf_counter()
        await page.goto(url, wait_until="commit", timeout=VIEWER_TIMEOUT_S * 1000)
        await page.wait_for_function(DRAWN_JS, arg=charts, timeout=VIEWER_TIMEOUT_S * 1000)
        viewer.served_s = time.perf_counter() - started
        viewer.charts = await page.locator('[data-testid="stPlotlyChart"]').count()
        if await page.locator(EXCEPTION).count():
            viewer.error = "exception shown"
        if crowd is not None:
            await crowd.hold()
    except Exception as error:
        viewer.error = viewer.error or f"{type(error).__name__}: {str(error).splitlines()[0][:120]}"
    finally:
        await context.close()
    return viewer


async def _launch(playwright: Any) -> Browser:
    launch: dict[str, Any] = {"args": CHROMIUM_ARGS}
    if SYSTEM_CHROMIUM.exists():
        launch["executable_path"] = str(SYSTEM_CHROMIUM)
    return await playwright.chromium.launch(**launch)


async def _record(url: str, charts: int) -> tuple[Served, PageLoad]:
    requests: list[tuple[str, str]] = []
    encodings: list[str] = []

    def log(request: Request) -> None:
        requests.append((request.method, request.url))
        if not encodings and (value := request.headers.get("accept-encoding")):
            encodings.append(value)

    async with async_playwright() as playwright:
        browser = await _launch(playwright)
        try:
            viewer = await chromium_viewer(browser, url, 0.0, charts, on_request=log)
        finally:
            await browser.close()
    # Fetches made after the charts were drawn (images, components) are in the log as well.
    load = page_load_from_requests(requests, url)
    if encodings:
        load.accept_encoding = encodings[0]
    return viewer, load


def record_page_load(url: str, charts: int) -> tuple[Served, PageLoad]:
    """One real Chromium load of `url`: the viewer, and every file it fetched from the server."""
    check_loopback(url)
    return asyncio.run(_record(url, charts))


async def _crowd(
    url: str, load: PageLoad, delays: Sequence[float], charts: int, chromium_last: bool
) -> tuple[list[Served], int]:
    release = asyncio.Event()
    with ThreadPoolExecutor(max_workers=CONNECTIONS * 12, thread_name_prefix="crowd") as pool:
        crowd = Crowd(pool, release)
        async with contextlib.AsyncExitStack() as stack:
            browser = None
            if chromium_last:
                playwright = await stack.enter_async_context(async_playwright())
                browser = await _launch(playwright)
            tasks = [
                asyncio.create_task(
                    chromium_viewer(browser, url, delay, charts, crowd)
                    if browser is not None and index == len(delays) - 1
                    else protocol_viewer(url, load, delay, charts, crowd)
                )
                for index, delay in enumerate(delays)
            ]
            try:
                # Every viewer served (or failed): then the room closes its tabs.
                while sum(task.done() for task in tasks) + crowd.holding < len(tasks):
                    await asyncio.sleep(0.1)
                held = crowd.holding
                release.set()
                results = list(await asyncio.gather(*tasks))
            finally:
                release.set()
                if browser is not None:
                    await browser.close()
    return results, held


def crowd_viewers(
    url: str, load: PageLoad, delays: Sequence[float], charts: int, chromium_last: bool = True
) -> tuple[list[Served], int]:
    """Viewers arriving after `delays` seconds, protocol viewers but the last arrival, a real
    Chromium when chromium_last; each holds its session until every viewer is served. Returns
    the viewers and how many sessions were open at once when the last was served."""
    check_loopback(url)
    if len(delays) > MAX_VIEWERS:
        raise ValueError(f"at most {MAX_VIEWERS} viewers")
    return asyncio.run(_crowd(url, load, delays, charts, chromium_last))


def protocol_viewers_one_by_one(url: str, load: PageLoad, count: int, charts: int) -> list[Served]:
    """`count` protocol viewers one after another, each closing its session once served."""
    check_loopback(url)
    return [
        crowd_viewers(url, load, [0.0], charts, chromium_last=False)[0][0]
        for _ in range(min(count, MAX_VIEWERS))
    ]
