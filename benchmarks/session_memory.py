"""What a session costs an app process in memory, and whether the others are served while one
reads a hostile PDF note.

One app process with `make serve`'s production settings (deploy.serve.local_server), its
resident memory (RSS, /proc) read after the process is idle again:

1. viewing sessions: `--viewers` new sessions that run the Overview and stay open, without a
   browser (benchmarks.crowd_protocol's first run over the websocket);
2. uploading sessions: Chromium tabs, each uploading a plan of its own through the sidebar's
   uploader, the bundled plan with one title changed (a typical upload) and then plans just
   under the 10 MB limit (benchmarks.generate); `--uploads` of them, past the 4 a process keeps;
3. a PDF note read beside viewers: a tab uploads a PDF whose reading is long (a page of a
   million characters) and then one whose page inflates to 2 GB (benchmarks.hostile_files);
   meanwhile a new viewer every 2 s (health check, host config, the first run) is timed to
   served, against the same with nothing uploading; and the app process's peak RSS (VmHWM,
   reset before) is read.

    python -m benchmarks.session_memory [--viewers 20] [--uploads 6]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any, TypeVar

import websockets
from playwright.sync_api import Browser
from websockets.typing import Origin, Subprotocol

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:  # run as a script
    sys.path.insert(0, str(REPO_ROOT))

from benchmarks.browser_bench import chromium, memory_mb, wait_until_idle  # noqa: E402
from benchmarks.crowd_protocol import RunSeen, first_rerun  # noqa: E402
from benchmarks.generate import write_plan  # noqa: E402
from benchmarks.hostile_files import pdf_bomb, pdf_of_countless_characters  # noqa: E402
from benchmarks.session_cost import one_session  # noqa: E402
from deploy.serve import answers_health, local_server  # noqa: E402

T = TypeVar("T")

BUNDLED = REPO_ROOT / "data" / "plan.csv"
LARGEST_SCALE = 705  # 9.97 MB, just under the 10 MB upload limit (benchmarks/upload_memory.py)
UPLOADER = '[data-testid="stFileUploader"] input[type="file"]'


def run_async(coroutine: Coroutine[Any, Any, T]) -> T:
    """asyncio.run on a thread of its own: Playwright's sync API keeps a loop on this one."""
    result: list[T] = []
    thread = threading.Thread(target=lambda: result.append(asyncio.run(coroutine)))
    thread.start()
    thread.join()
    if not result:
        raise RuntimeError("the viewers' coroutine failed (see above)")
    return result[0]


def rss_mb(pid: int) -> float:
    rss = memory_mb(pid)[1]
    assert rss is not None
    return rss


def reset_peak(pid: int) -> None:
    """The process's peak RSS (VmHWM) set back to its RSS now."""
    Path(f"/proc/{pid}/clear_refs").write_text("5")


async def _viewers_held(url: str, count: int, measure: Callable[[], float]) -> float:
    """`count` sessions opened one after another, each to the end of its first run and left
    open; measure() with all of them open."""
    async with contextlib.AsyncExitStack() as stack:
        for _ in range(count):
            socket = await stack.enter_async_context(
                websockets.connect(
                    url.replace("http://", "ws://") + "/_stcore/stream",
                    subprotocols=[Subprotocol("streamlit")],
                    origin=Origin(url),
                    max_size=None,
                )
            )
            await socket.send(first_rerun(url + "/"))
            seen = RunSeen()
            while not seen.finished:
                data = await asyncio.wait_for(socket.recv(), timeout=120)
                if isinstance(data, bytes):
                    seen.read(data)
        return measure()


def viewing_sessions(url: str, pid: int, count: int) -> dict[str, float]:
    run_async(one_session(url))  # the process's first run: imports, the plan, the caches
    wait_until_idle(pid)
    before = rss_mb(pid)

    def measure() -> float:
        wait_until_idle(pid)
        return rss_mb(pid)

    held = run_async(_viewers_held(url, count, measure))
    return {"before_mb": before, "held_mb": held, "per_session_mb": (held - before) / count}


def upload_in_tab(browser: Browser, url: str, pid: int, path: Path) -> float:
    """A new tab opens the dashboard and uploads `path`; the app process's RSS once idle."""
    page = browser.new_page()
    page.goto(url, wait_until="commit")
    page.wait_for_selector(UPLOADER, state="attached", timeout=180_000)
    wait_until_idle(pid)
    page.locator(UPLOADER).first.set_input_files(path)
    time.sleep(2.0)
    wait_until_idle(pid)
    return rss_mb(pid)


def one_title_changed(number: int, directory: Path) -> Path:
    """The bundled plan, its first title ending in the number: a plan of its own to upload."""
    lines = BUNDLED.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    header = lines[0].rstrip("\r\n").split(",")
    title = header.index("title")
    first = lines[1].split(",")
    first[title] = f"{first[title]} {number}"
    lines[1] = ",".join(first)
    target = directory / f"plan-{number}.csv"
    target.write_text("".join(lines), encoding="utf-8")
    return target


def uploading_sessions(
    browser: Browser, url: str, pid: int, uploads: int, directory: Path
) -> list[tuple[str, float, float]]:
    """(what was uploaded, its size in MB, RSS after it) for each upload, one tab each."""
    rows = []
    plans = [one_title_changed(1, directory), one_title_changed(2, directory)][:uploads]
    plans += [
        write_plan(LARGEST_SCALE, directory / f"largest-{seed}.csv", seed=seed)
        for seed in range(uploads - len(plans))
    ]
    for path in plans:
        rows.append((path.name, path.stat().st_size / 1e6, upload_in_tab(browser, url, pid, path)))
    return rows


def reading_a_pdf(pid: int) -> bool:
    """Whether the app process has a child reading a PDF note (analysis.note.pdf_bound)."""
    children = [
        child for task in Path(f"/proc/{pid}/task").iterdir()
        for child in (task / "children").read_text().split()
    ]  # fmt: skip
    for child in children:
        with contextlib.suppress(OSError):
            if b"analysis.note.pdf_bound" in Path(f"/proc/{child}/cmdline").read_bytes():
                return True
    return False


def served_times(url: str, pid: int, seconds: float) -> list[tuple[float, float, bool]]:
    """For `seconds`, a new viewer every 2 s: (health check s, served s, whether a PDF was
    being read in a child of the app process when it came) each."""
    times = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        reading = reading_a_pdf(pid)
        started = time.monotonic()
        answered = answers_health(url, 60.0)
        health = time.monotonic() - started
        started = time.monotonic()
        run_async(one_session(url))
        times.append((health if answered else float("inf"), time.monotonic() - started, reading))
        time.sleep(max(0.0, 2.0 - (time.monotonic() - started)))
    return times


def beside_a_pdf(
    browser: Browser, url: str, pid: int, path: Path, seconds: float
) -> dict[str, object]:
    """Viewers timed while a tab uploads the PDF at `path`; the app process's peak RSS."""
    wait_until_idle(pid)
    reset_peak(pid)
    before = rss_mb(pid)
    page = browser.new_page()
    page.goto(url, wait_until="commit")
    page.wait_for_selector(UPLOADER, state="attached", timeout=180_000)
    wait_until_idle(pid)
    # The file is sent and its reading starts; the viewers are timed meanwhile (Playwright's
    # browser works on its own while this thread times them).
    page.locator(UPLOADER).first.set_input_files(path)
    times = served_times(url, pid, seconds)
    wait_until_idle(pid)
    peak = memory_mb(pid)[0]
    page.get_by_text("Read the note on Compare plans").click()
    page.wait_for_selector('[data-testid="stAlert"]', timeout=120_000)
    said = page.get_by_text("reading this PDF").all_inner_texts()
    page.close()
    return {"before_mb": before, "peak_mb": peak, "times": times, "said": said}


def summary(times: list[tuple[float, float, bool]]) -> str:
    health = [h for h, _, _ in times]
    served = [s for _, s, _ in times]
    reading = sum(r for _, _, r in times)
    return (
        f"{len(times)} viewers ({reading} came while a PDF was read); health check median "
        f"{statistics.median(health):.2f} s, max {max(health):.2f} s; served median "
        f"{statistics.median(served):.2f} s, max {max(served):.2f} s"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--viewers", type=int, default=20)
    parser.add_argument("--uploads", type=int, default=6)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="wsis-session-memory-") as tmp:
        directory = Path(tmp)
        log = (directory / "app.log").open("wb")
        with local_server(log=log) as (url, proc), chromium() as browser:
            pid = proc.pid
            if args.viewers:
                viewing = viewing_sessions(url, pid, args.viewers)
                print(
                    f"viewing sessions: {args.viewers} held open, RSS {viewing['before_mb']:.0f}"
                    f" → {viewing['held_mb']:.0f} MB, {viewing['per_session_mb']:.2f} MB a session"
                )
            previous = rss_mb(pid)
            for name, size, after in uploading_sessions(browser, url, pid, args.uploads, directory):
                print(
                    f"upload {name} ({size:.2f} MB): RSS {previous:.0f} → {after:.0f} MB "
                    f"({after - previous:+.0f} MB)"
                )
                previous = after
            run_async(one_session(url))  # not the process's first run: that is another cost
            wait_until_idle(pid)
            print(f"alone: {summary(served_times(url, pid, 20.0))}")
            slow = directory / "slow-note.pdf"
            slow.write_bytes(pdf_of_countless_characters(1_000_000))
            bomb = directory / "bomb-note.pdf"
            bomb.write_bytes(pdf_bomb(2_000_000_000))
            for path, seconds in ((slow, 40.0), (bomb, 20.0)):
                beside = beside_a_pdf(browser, url, pid, path, seconds)
                times = beside["times"]
                assert isinstance(times, list)
                print(
                    f"beside {path.name}: {summary(times)}; app process RSS "
                    f"{beside['before_mb']:.0f} MB, peak {beside['peak_mb']:.0f} MB; "
                    f"the page said {beside['said']}"
                )
        log.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
