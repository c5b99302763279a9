"""CPU-seconds of a command and every process it starts: `python -m benchmarks.tree_cpu -- CMD`.

`/usr/bin/time` counts only children their parents waited for; a server that daemonizes, or a
browser helper whose parent exits first, escapes it. Here this process is a child subreaper
(prctl PR_SET_CHILD_SUBREAPER): every orphan of the tree is re-parented to it and reaped by it,
so getrusage(RUSAGE_CHILDREN) holds the whole tree once all have exited. A sampler reads
/proc/<pid>/stat of the tree twice a second for a breakdown by command name (approximate: a
process's last half second before it exits is not seen; the total is exact).
"""

from __future__ import annotations

import argparse
import ctypes
import os
import resource
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

PR_SET_CHILD_SUBREAPER = 36
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
SAMPLE_EVERY_S = 0.5
LINGER_S = 30.0


def _become_subreaper() -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_CHILD_SUBREAPER)")


def _stat(pid: int) -> tuple[str, int, float] | None:
    """(command name, parent pid, CPU seconds so far) of a live process, None if it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    name = text[text.index("(") + 1 : text.rindex(")")]
    fields = text[text.rindex(")") + 2 :].split()
    # After the name: state, ppid, ..., utime (14th field of the line) and stime (15th).
    return name, int(fields[1]), (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def _label(pid: int, name: str) -> str:
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return name
    words = [word.decode(errors="replace") for word in argv if word]
    joined = " ".join(words)
    if "chrom" in name.lower() or "chrom" in joined[:80].lower():
        return "chromium"
    for marker, label in (
        ("streamlit run", "streamlit server"),
        ("exec(eval(sys.stdin", "pytest (xdist worker)"),
        ("pytest", "pytest"),
        ("mypy", "mypy"),
        ("playwright", "playwright driver"),
        ("soffice", "soffice"),
    ):
        if marker in joined:
            return label
    return name


class _Sampler(threading.Thread):
    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.seen: dict[tuple[int, float], tuple[str, float]] = {}
        self.done = threading.Event()

    def run(self) -> None:
        starts: dict[int, float] = {}
        while not self.done.wait(SAMPLE_EVERY_S):
            parents: dict[int, int] = {}
            stats: dict[int, tuple[str, float]] = {}
            for entry in os.listdir("/proc"):
                if entry.isdigit():
                    got = _stat(int(entry))
                    if got is not None:
                        parents[int(entry)] = got[1]
                        stats[int(entry)] = (got[0], got[2])
            for pid, (name, cpu) in stats.items():
                ancestor, hops = pid, 0
                while ancestor not in (self.root, 0, 1) and hops < 64:
                    ancestor, hops = parents.get(ancestor, 0), hops + 1
                if ancestor != self.root or pid == self.root:
                    continue
                start = starts.setdefault(pid, time.monotonic())
                key = (pid, start)
                label = self.seen[key][0] if key in self.seen else _label(pid, name)
                self.seen[key] = (label, cpu)
            for pid in list(starts):
                if pid not in stats:
                    del starts[pid]

    def by_label(self) -> dict[str, tuple[int, float]]:
        totals: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])
        for label, cpu in self.seen.values():
            totals[label][0] += 1
            totals[label][1] += cpu
        return {label: (int(count), cpu) for label, (count, cpu) in totals.items()}


def _reap_all(deadline: float) -> list[int]:
    """Reap every re-parented orphan; the pids still running at the deadline."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return []
        if pid == 0:
            if time.monotonic() > deadline:
                return [int(p) for p in os.listdir("/proc") if p.isdigit() and _is_child(int(p))]
            time.sleep(0.1)


def _is_child(pid: int) -> bool:
    got = _stat(pid)
    return got is not None and got[1] == os.getpid()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", nargs="+", help="the command, after --")
    args = parser.parse_args()
    _become_subreaper()
    load_before = Path("/proc/loadavg").read_text().split()[0]
    started = time.monotonic()
    sampler = _Sampler(os.getpid())
    sampler.start()
    status = subprocess.call(args.command)
    wall = time.monotonic() - started
    lingering = _reap_all(time.monotonic() + LINGER_S)
    sampler.done.set()
    sampler.join()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    load_after = Path("/proc/loadavg").read_text().split()[0]
    lines = [
        f"command: {' '.join(args.command)} (exit {status})",
        f"CPU: {usage.ru_utime + usage.ru_stime:.1f} s "
        f"(user {usage.ru_utime:.1f}, sys {usage.ru_stime:.1f}) in {wall:.1f} s wall; "
        f"load average (1 min) {load_before} before, {load_after} after",
        "by command (sampled, approximate):",
    ]
    for label, (count, cpu) in sorted(sampler.by_label().items(), key=lambda item: -item[1][1]):
        if cpu >= 0.5:
            lines.append(f"  {label:<28} {cpu:8.1f} s  ({count} processes)")
    if lingering:
        lines.append(f"still running {LINGER_S:.0f} s after the end (not counted): {lingering}")
    print("\n".join(lines), file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
