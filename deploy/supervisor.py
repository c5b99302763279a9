"""Processes kept running: one that exits is started again, after a wait that doubles each time
it exits soon after a start (1, 2, 4 ... 30 s), while the others go on serving."""

from __future__ import annotations

import subprocess
import threading
import time
from collections.abc import Callable, Sequence

FIRST_DELAY_S = 1.0
MAX_DELAY_S = 30.0
# A process that ran this long before it exited starts its waits over from FIRST_DELAY_S: it
# was serving, not failing at start.
STEADY_S = 60.0
CHECK_EVERY_S = 0.5

Start = Callable[[], "subprocess.Popen[bytes]"]
Say = Callable[[str], None]


class Supervised:
    """One process (`name`, started by `start`) and when to start it again."""

    def __init__(self, name: str, start: Start) -> None:
        self.name = name
        self._start = start
        self.proc = start()
        self.started_at = time.monotonic()
        self.restarts = 0
        self.restart_at: float | None = None  # set while it is down
        self._delay = FIRST_DELAY_S

    def check(self, now: float, say: Say) -> None:
        """Notice an exit (and plan the restart), or restart when the wait is over."""
        if self.restart_at is None:
            code = self.proc.poll()
            if code is None:
                return
            if now - self.started_at >= STEADY_S:
                self._delay = FIRST_DELAY_S
            self.restart_at = now + self._delay
            say(f"serve: {self.name} exited with {code}; starting it again in {self._delay:.0f} s")
            self._delay = min(self._delay * 2, MAX_DELAY_S)
        elif now >= self.restart_at:
            self.proc = self._start()
            self.started_at = now
            self.restart_at = None
            self.restarts += 1
            say(f"serve: {self.name} started again (pid {self.proc.pid})")


class Supervisor:
    """A thread that checks every process twice a second until stop()."""

    def __init__(self, processes: Sequence[Supervised], say: Say) -> None:
        self.processes = list(processes)
        self._say = say
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="serve-supervisor", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """No restart after this returns."""
        self._stopping.set()
        if self._thread.is_alive():
            self._thread.join()

    def _run(self) -> None:
        while not self._stopping.wait(CHECK_EVERY_S):
            for process in self.processes:
                process.check(time.monotonic(), self._say)
