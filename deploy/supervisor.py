"""Processes kept running: one that exits is started again, after a wait that doubles each time
it exits soon after a start (1, 2, 4 ... 30 s), while the others go on serving. One that is
running but hung (it no longer answers its health check, MISSES times in a row) is killed, and
so started again the same way."""

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
# The health watch: every HEALTH_EVERY_S each process is asked whether it answers (a health
# check that waits HEALTH_CHECK_TIMEOUT_S at most); after MISSES failures in a row it is killed.
# A busy process still answers within seconds (Streamlit's event loop answers the health check
# while scripts run), so only one that has not answered for about half a minute is taken for
# hung.
HEALTH_EVERY_S = 5.0
HEALTH_CHECK_TIMEOUT_S = 10.0
MISSES = 3
# A process just started is not counted as hung before it first answers, for this long (an app
# process loads pandas, plotly and the plan first).
STARTING_S = 60.0

Start = Callable[[], "subprocess.Popen[bytes]"]
Say = Callable[[str], None]
Answers = Callable[[], bool]  # whether the process answers its health check now


class Supervised:
    """One process (`name`, started by `start`), when to start it again, and, given `answers`,
    whether it is hung."""

    def __init__(self, name: str, start: Start, answers: Answers | None = None) -> None:
        self.name = name
        self._start = start
        self._answers = answers
        self.proc = start()
        self.started_at = time.monotonic()
        self.restarts = 0
        self.restart_at: float | None = None  # set while it is down
        self._delay = FIRST_DELAY_S
        self.misses = 0  # health checks unanswered in a row
        self._answered = False  # since its last start

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
            self.misses, self._answered = 0, False
            say(f"serve: {self.name} started again (pid {self.proc.pid})")

    def watch(self, now: float, say: Say) -> None:
        """Ask a running process whether it answers; after MISSES failures in a row, kill it
        (check() then starts it again). Not counted while it starts (until it first answers,
        for STARTING_S at most)."""
        proc = self.proc
        if self._answers is None or self.restart_at is not None or proc.poll() is not None:
            return
        if self._answers():
            self.misses, self._answered = 0, True
            return
        if not self._answered and now - self.started_at < STARTING_S:
            return
        self.misses += 1
        if self.misses >= MISSES:
            say(
                f"serve: {self.name} (pid {proc.pid}) did not answer its health check "
                f"{MISSES} times in a row; killing it"
            )
            proc.kill()
            self.misses = 0


class Supervisor:
    """A thread that checks every process for an exit twice a second, and one that watches their
    health every HEALTH_EVERY_S (a hung process's health check takes HEALTH_CHECK_TIMEOUT_S,
    which must not hold up the restarts), until stop()."""

    def __init__(self, processes: Sequence[Supervised], say: Say) -> None:
        self.processes = list(processes)
        self._say = say
        self._stopping = threading.Event()
        self._threads = [
            threading.Thread(target=self._run, name="serve-supervisor", daemon=True),
            threading.Thread(target=self._watch, name="serve-health", daemon=True),
        ]

    def start(self) -> None:
        for thread in self._threads:
            thread.start()

    def stop(self) -> None:
        """No restart and no kill after this returns."""
        self._stopping.set()
        for thread in self._threads:
            if thread.is_alive():
                thread.join()

    def _run(self) -> None:
        while not self._stopping.wait(CHECK_EVERY_S):
            for process in self.processes:
                process.check(time.monotonic(), self._say)

    def _watch(self) -> None:
        while not self._stopping.wait(HEALTH_EVERY_S):
            for process in self.processes:
                if not self._stopping.is_set():
                    process.watch(time.monotonic(), self._say)
