"""Uploaded plans, kept once per content: every session that uploads the same file uses one
parsed Plan, and a plan is dropped once every session that used it has ended, or when none has
used it for IDLE_S, or when MAX_KEPT others were used since. Sessions keep only the digest
(session state), never a Plan of their own."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from analysis import Plan

IDLE_S = 30 * 60  # an upload nobody has looked at for half an hour is dropped
# At most this many uploaded plans in a process (a plan near the upload limit holds several
# times the file's size: benchmarks/reports/serving-costs.md): past it, the one used longest
# ago is dropped, and a session still showing it has it parsed again at its next rerun.
MAX_KEPT = 4


@dataclass
class _Kept:
    plan: Plan
    used_at: float
    sessions: set[str] = field(default_factory=set)


class UploadedPlans:
    """The process's uploaded plans by content digest; thread-safe (sessions run in threads)."""

    def __init__(self, idle_s: float = IDLE_S, max_kept: int = MAX_KEPT) -> None:
        self.idle_s = idle_s
        self.max_kept = max_kept
        self._kept: dict[str, _Kept] = {}
        self._lock = threading.Lock()

    def plan(self, digest: str, parse: Callable[[], Plan], session: str, now: float) -> Plan:
        """The plan kept under digest, else parse()'s (raises as it does), noted as used by
        session at now. Parsing runs outside the lock: other sessions are served meanwhile."""
        kept = self.kept(digest, session, now)
        if kept is not None:
            return kept
        parsed = parse()
        with self._lock:
            entry = self._kept.setdefault(digest, _Kept(parsed, now))
            entry.used_at = now
            entry.sessions.add(session)
            by_use = sorted(self._kept, key=lambda kept: self._kept[kept].used_at)
            for oldest in by_use[: max(len(by_use) - self.max_kept, 0)]:
                if oldest != digest:
                    del self._kept[oldest]
            return entry.plan

    def kept(self, digest: str, session: str, now: float) -> Plan | None:
        """The plan kept under digest, noted as used by session at now; None when there is none
        (never uploaded, or dropped)."""
        with self._lock:
            entry = self._kept.get(digest)
            if entry is None:
                return None
            entry.used_at = now
            entry.sessions.add(session)
            return entry.plan

    def sweep(self, now: float, session_open: Callable[[str], bool]) -> list[str]:
        """Forget the sessions that ended; drop the plans no open session uses and those unused
        for idle_s. Returns the digests dropped."""
        with self._lock:
            for entry in self._kept.values():
                entry.sessions = {session for session in entry.sessions if session_open(session)}
            dropped = [
                digest
                for digest, entry in self._kept.items()
                if not entry.sessions or now - entry.used_at > self.idle_s
            ]
            for digest in dropped:
                del self._kept[digest]
            return dropped

    def digests(self) -> list[str]:
        with self._lock:
            return list(self._kept)
