"""The crowd benchmark's protocol viewer (benchmarks/crowd_protocol.py): what it takes from a
browser's request log, the cookies it keeps, the first BackMsg it sends, how it reads a run's
ForwardMsgs; and, against a real `streamlit run` with the production settings, that it is served
to the end of a run."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from benchmarks.crowd import BARE_SCRIPT, one_process
from benchmarks.crowd_protocol import (
    PageLoad,
    RunSeen,
    check_loopback,
    crowd_viewers,
    first_rerun,
    page_load_from_requests,
    parse_set_cookies,
    percentile,
)

BASE = "http://127.0.0.1:8501"


def test_percentile_is_the_nearest_rank() -> None:
    values = [5.0, 1.0, 4.0, 2.0, 3.0]
    assert percentile(values, 0.5) == 3.0
    assert percentile(values, 0.0) == 1.0
    assert percentile(values, 0.95) == 5.0
    assert percentile([7.0], 0.95) == 7.0
    assert percentile([], 0.5) is None


def test_cookies_keep_name_and_value_only() -> None:
    cookies = parse_set_cookies(
        [
            "_streamlit_xsrf=2|ab|cd|1764; Path=/; SameSite=Lax",
            'wsis_backend="0f3e"; Path=/; HttpOnly',
            "broken",
        ]
    )
    assert cookies == {"_streamlit_xsrf": "2|ab|cd|1764", "wsis_backend": "0f3e"}


def test_the_page_load_keeps_same_origin_gets_once_without_the_websocket() -> None:
    load = page_load_from_requests(
        [
            ("GET", f"{BASE}/"),
            ("GET", f"{BASE}/static/js/index.js"),
            ("GET", f"{BASE}/static/js/index.js"),
            ("GET", f"{BASE}/_stcore/host-config"),
            ("GET", f"{BASE}/_stcore/stream"),
            ("GET", "http://example.org/font.woff2"),
            ("POST", f"{BASE}/_stcore/metrics"),
            ("GET", f"{BASE}/media/abc.png?x=1"),
        ],
        BASE,
    )
    assert load.paths == ["/", "/static/js/index.js", "/_stcore/host-config", "/media/abc.png?x=1"]
    assert load.before_run() == ["/", "/static/js/index.js", "/_stcore/host-config"]
    assert load.after_run() == ["/media/abc.png?x=1"]


def test_only_this_machine_is_a_target() -> None:
    check_loopback(BASE)
    check_loopback("http://localhost:9000/timeline")
    with pytest.raises(ValueError, match="loopback"):
        check_loopback("http://10.0.0.5:8501")


def test_the_first_message_is_the_frontends_rerun() -> None:
    message = BackMsg()
    message.ParseFromString(first_rerun(f"{BASE}/timeline", "unit=BDT"))
    assert message.WhichOneof("type") == "rerun_script"
    state = message.rerun_script
    assert (state.query_string, state.page_name, state.page_script_hash) == (
        "unit=BDT",
        "timeline",
        "",
    )
    assert state.context_info.url == f"{BASE}/timeline"


def forward(kind: str, status: int = ForwardMsg.FINISHED_SUCCESSFULLY) -> bytes:
    message = ForwardMsg()
    if kind == "chart":
        message.delta.new_element.plotly_chart.spec = "{}"
    elif kind == "exception":
        message.delta.new_element.exception.message = "boom"
    elif kind == "finished":
        message.script_finished = status  # type: ignore[assignment]
    elif kind == "page_config":
        message.page_config_changed.title = "A page"
    return message.SerializeToString()


def test_a_run_is_read_to_its_end_counting_charts() -> None:
    seen = RunSeen()
    for payload in [forward("page_config"), forward("chart"), forward("chart")]:
        seen.read(payload)
    assert (seen.charts, seen.finished, seen.messages) == (2, False, 3)
    seen.read(forward("finished", status=ForwardMsg.FINISHED_EARLY_FOR_RERUN))
    assert (seen.charts, seen.finished) == (0, False)  # the next run's deltas replace these
    seen.read(forward("chart"))
    seen.read(forward("exception"))
    seen.read(forward("finished"))
    assert (seen.charts, seen.exceptions, seen.finished) == (1, 1, True)


@pytest.mark.slow
def test_a_protocol_viewer_is_served_by_a_real_server(tmp_path: Path) -> None:
    """A one-chart page under `make serve`'s settings: page, websocket, run to script_finished
    with its chart; the session is held open and then closed. About 10 s on this machine."""
    script = tmp_path / "bare.py"
    script.write_text(BARE_SCRIPT, encoding="utf-8")
    started = time.monotonic()
    # The crowd in its own thread: it runs its own event loop (asyncio.run), and a worker that
    # ran the sync Playwright tests before has one running on its main thread.
    with (
        one_process(script, tmp_path / "server.log") as served,
        ThreadPoolExecutor(max_workers=1) as pool,
    ):
        viewers, held = pool.submit(
            crowd_viewers,
            served.url, PageLoad(["/", "/_stcore/health"]), [0.0, 0.1], 1, chromium_last=False,
        ).result()  # fmt: skip
    assert [viewer.error for viewer in viewers] == ["", ""]
    assert all(viewer.charts == 1 and viewer.served_s is not None for viewer in viewers)
    assert held == 2  # both sessions open at once when the last was served
    assert time.monotonic() - started < 60
