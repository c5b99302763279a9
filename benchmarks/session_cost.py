"""The Python work of a new viewer, without a browser: the server CPU of one new session (its
health and host-config requests, the websocket, the first script run, every message sent) on a
warm app process with `make serve`'s production settings, for the bare page with one chart and
for the dashboard's Overview. What nginx leaves to an app process; the frontend's files are not
fetched (benchmarks/crowd.py measures those with Chromium).

    python -m benchmarks.session_cost [--sessions 30] [--set runner.magicEnabled=true ...]

`--set NAME=VALUE` runs the dashboard a second time with that setting changed, in the same run,
to see what a production flag is worth. Sessions come one after another, each closed before the
next (as in crowd.py's cost per viewer): Streamlit forgets its compiled scripts when the last
session closes, so every one of them compiles app.py and the page again.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import websockets
from websockets.typing import Origin, Subprotocol

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:  # run as a script
    sys.path.insert(0, str(REPO_ROOT))

from benchmarks.crowd import BARE_SCRIPT, cpu_seconds, idle_cpu_rate  # noqa: E402
from benchmarks.crowd_protocol import RunSeen, first_rerun  # noqa: E402
from deploy.serve import APP, local_server  # noqa: E402


async def one_session(url: str) -> tuple[int, int]:
    """A new viewer as the browser's page does it: health, host config, then the websocket
    with one rerun request; returns the messages and bytes received up to script_finished."""
    for path in ("/_stcore/health", "/_stcore/host-config"):
        with urllib.request.urlopen(url + path, timeout=30) as response:
            response.read()
    ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
    async with websockets.connect(
        ws_url,
        subprotocols=[Subprotocol("streamlit")],
        origin=Origin(url),
        max_size=None,
    ) as socket:
        await socket.send(first_rerun(url + "/"))
        seen, size = RunSeen(), 0
        while not seen.finished:
            data = await asyncio.wait_for(socket.recv(), timeout=60)
            if isinstance(data, bytes):
                seen.read(data)
                size += len(data)
        return seen.messages, size


@contextlib.contextmanager
def app_process(script: Path, settings: list[str]) -> Iterator[tuple[str, int]]:
    extra = [item for setting in settings for item in ("--" + setting.split("=", 1)[0],
                                                       setting.split("=", 1)[1])]  # fmt: skip
    with local_server(script, extra=extra) as (url, proc):
        yield url, proc.pid


def session_cost(script: Path, sessions: int, settings: list[str]) -> dict[str, float]:
    with app_process(script, settings) as (url, pid):
        asyncio.run(one_session(url))  # the process's own first run: imports, the plan
        time.sleep(1.0)
        idle = idle_cpu_rate([pid], 5.0)
        before, started = cpu_seconds(pid), time.monotonic()
        received = [asyncio.run(one_session(url)) for _ in range(sessions)]
        time.sleep(0.5)
        spent, wall = cpu_seconds(pid) - before, time.monotonic() - started
    return {
        "cpu_ms_per_session": (spent - idle * wall) / sessions * 1000,
        "idle_ms_per_s": idle * 1000,
        "messages": received[-1][0],
        "kb_sent": received[-1][1] / 1024,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="also run the dashboard with this setting changed")  # fmt: skip
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="wsis-session-") as tmp:
        bare = Path(tmp) / "bare_one_chart.py"
        bare.write_text(BARE_SCRIPT, encoding="utf-8")
        runs: list[tuple[str, Path, list[str]]] = [("bare page", bare, []), ("dashboard", APP, [])]
        runs += [(f"dashboard, {setting}", APP, [setting]) for setting in args.set]
        results = {name: session_cost(script, args.sessions, sets) for name, script, sets in runs}
    base = results["bare page"]["cpu_ms_per_session"]
    print(f"A new session's app-process CPU, {args.sessions} sessions each, idle subtracted:\n")
    print("| page | CPU per session (ms) | ratio to bare page | messages | KB sent | idle (ms/s) |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, item in results.items():
        print(
            f"| {name} | {item['cpu_ms_per_session']:.1f} "
            f"| {item['cpu_ms_per_session'] / base:.2f} | {item['messages']:.0f} "
            f"| {item['kb_sent']:.1f} | {item['idle_ms_per_s']:.1f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
