"""briefing.images closes kaleido's browser without waiting for ever: a server whose thread
never ends is left behind, marked closed, so the next image starts another."""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable

import kaleido
import pytest

from briefing import images


class FakeServer:
    """kaleido's sync server as images sees it: a task queue its thread reads until None."""

    def __init__(self, serve: Callable[[FakeServer], None]) -> None:
        self._initialized = True
        self._task_queue: queue.Queue[object] = queue.Queue()
        self.release = threading.Event()
        self._thread = threading.Thread(target=serve, args=(self,), daemon=True)
        self._thread.start()

    def is_running(self) -> bool:
        return self._initialized


def closes_when_asked(server: FakeServer) -> None:
    server._task_queue.get()


def never_closes(server: FakeServer) -> None:
    server.release.wait()  # a read of a pipe no one will write to


@pytest.mark.parametrize(
    ("serve", "warned"), [(closes_when_asked, False), (never_closes, True)], ids=["closes", "stuck"]
)
def test_stop_waits_a_bounded_time_and_marks_the_server_closed(
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    serve: Callable[[FakeServer], None],
    warned: bool,
) -> None:
    server = FakeServer(serve)
    monkeypatch.setattr(kaleido, "_global_server", server)
    monkeypatch.setattr(images, "CLOSE_WAIT_SECONDS", 0.2)
    started = time.monotonic()
    images.stop()
    assert time.monotonic() - started < 5
    assert not server.is_running() and not images.running()
    assert server._thread.is_alive() is warned
    assert ("did not close" in caplog.text) is warned
    server.release.set()
