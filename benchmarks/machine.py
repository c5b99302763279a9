"""What the benchmark ran on, and how busy the machine was (other work shares its cores)."""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Any

SPEED_LOOP = 10_000_000


def load_average() -> tuple[float, float, float]:
    """The 1, 5 and 15 minute load averages (runnable processes, whatever started them)."""
    one, five, fifteen = Path("/proc/loadavg").read_text().split()[:3]
    return float(one), float(five), float(fifteen)


def speed_index(repeats: int = 3) -> float:
    """Seconds one core takes for ten million pure-Python additions (median of `repeats`).

    Machines of the same kind differ: 0.6 s on one, 1.5 s on another, quiet both. Wall-clock
    figures (a test run, a benchmark) compare across runs only beside this number."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        total = 0
        for number in range(SPEED_LOOP):
            total += number
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def machine() -> dict[str, Any]:
    import pandas
    import plotly
    import streamlit

    cpu = ""
    memory_mb = None
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory_mb = int(line.split()[1]) // 1024
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "cpu_model": cpu,
        "ram_mb": memory_mb,
        "python": platform.python_version(),
        "streamlit": streamlit.__version__,
        "pandas": pandas.__version__,
        "plotly": plotly.__version__,
        "platform": platform.platform(),
    }


def describe(about: dict[str, Any], loads: list[tuple[float, float, float]]) -> str:
    """One sentence: the machine, and its load average before and after the run."""
    worst = max((load[0] for load in loads), default=0.0)
    return (
        f"Machine: {about['nproc']} CPU ({about['cpu_model']}), {about['ram_mb']} MB RAM, "
        f"Python {about['python']}, Streamlit {about['streamlit']}. Load average (1 min) during "
        f"the run: {', '.join(f'{load[0]:.1f}' for load in loads)} (up to {worst:.0f} processes "
        f"wanting {about['nproc']} CPUs: other work shared the machine; CPU-time figures hold, "
        "wall-clock ones are slower than on a quiet machine)."
    )


if __name__ == "__main__":
    # `python3 benchmarks/machine.py`: one line for a CI log, standard library only.
    one, five, _ = load_average()
    print(
        f"machine: {os.cpu_count()} CPU, {speed_index():.2f} s for {SPEED_LOOP:,} Python "
        f"additions, load average {one:.1f} (1 min) {five:.1f} (5 min)",
        file=sys.stderr,
    )
