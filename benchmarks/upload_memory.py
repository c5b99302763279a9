"""What parsing an uploaded plan costs in memory, against the file's size.

Each figure comes from a fresh Python process (so no earlier parse's objects, caches or
allocator pages count): the bytes and the reference tables are read first, then one step runs.

- reading the rows: the file's bytes → text → cells (analysis.planfile.load.read_plan_cells), Python
  peak (tracemalloc);
- the whole parse (analysis.planfile.load.parse_plan), Python peak (tracemalloc, one process) and
the
  process's resident memory (RSS, another process, without tracemalloc's own cost): its growth
  at the peak and what is still resident after the parse;
- kept: the Plan's tables, DataFrame.memory_usage(deep=True) summed over its frames;
- the floor: pandas.read_csv(dtype=str, keep_default_na=False) of the same bytes, what pandas
  alone costs to hold the cells as a table (its C parser and Arrow buffers are not seen by
  tracemalloc: compare its RSS).

    python -m benchmarks.upload_memory [--file plan.csv | --scale 730]
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import re
import subprocess
import sys
import tempfile
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pandas as pd

DEFAULT_SCALE = 705  # 9,966,562 bytes: just under the 10 MB upload limit (10,000,000 bytes)
MB = 1_000_000  # decimal megabytes, as benchmarks/reports/serving-costs.md gives them
STEPS = ("rows", "parse", "parse-rss", "floor", "floor-rss")


def _status(key: str) -> int:
    """A /proc/self/status figure (VmRSS, VmHWM) in bytes."""
    text = Path("/proc/self/status").read_text()
    found = re.search(rf"^{key}:\s+(\d+) kB", text, re.MULTILINE)
    return int(found.group(1)) * 1024 if found else 0


def _frames_size(frames: list[pd.DataFrame]) -> int:
    return sum(int(frame.memory_usage(deep=True).sum()) for frame in frames)


def _plan_frames(plan: object) -> list[pd.DataFrame]:
    return [value for value in vars(plan).values() if isinstance(value, pd.DataFrame)]


def _traced(work: Callable[[], object]) -> tuple[object, int]:
    tracemalloc.start()
    result = work()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return result, peak


def _rss(work: Callable[[], object]) -> tuple[object, int, int]:
    """The result, RSS growth at the peak (the high-water mark reset just before) and RSS
    growth once the work is done and garbage collected."""
    gc.collect()
    Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current RSS
    before = _status("VmRSS")
    result = work()
    peak = _status("VmHWM") - before
    gc.collect()
    return result, peak, _status("VmRSS") - before


def _floor(raw: bytes) -> pd.DataFrame:
    """The bare table pandas reads from the same bytes: no checking, every cell a string."""
    return pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False)


def measure(step: str, path: Path) -> dict[str, int]:
    """One step's figures in bytes, in this process."""
    from analysis.planfile.load import BUNDLED_PLAN, parse_plan, read_plan_cells, read_reference

    raw = path.read_bytes()
    units, organisations = read_reference()
    name = path.name
    # Imports and first-call set-up (pandas' and Arrow's lazy modules, compiled patterns) are
    # paid once per process, not per upload: a parse of the bundled plan pays them first.
    bundled = BUNDLED_PLAN.read_bytes()
    parse_plan(bundled, "plan.csv", units, organisations)
    _floor(bundled)
    gc.collect()
    if step == "rows":
        _, peak = _traced(lambda: read_plan_cells(raw, name))
        return {"peak": peak}
    if step == "parse":
        plan, peak = _traced(lambda: parse_plan(raw, name, units, organisations))
        return {"peak": peak, "kept": _frames_size(_plan_frames(plan))}
    if step == "floor":
        frame, peak = _traced(lambda: _floor(raw))
        assert isinstance(frame, pd.DataFrame)
        return {"peak": peak, "kept": _frames_size([frame])}
    if step in ("parse-rss", "floor-rss"):

        def work() -> object:
            if step == "parse-rss":
                return parse_plan(raw, name, units, organisations)
            return _floor(raw)

        _, peak, after = _rss(work)
        return {"rss_peak": peak, "rss_after": after}
    raise ValueError(f"unknown step {step!r}")


def _in_fresh_process(step: str, path: Path) -> dict[str, int]:
    module = "benchmarks.upload_memory"
    command = [sys.executable, "-m", module, "--step", step, "--file", str(path)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    figures: dict[str, int] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def table(figures: dict[str, dict[str, int]], size: int) -> list[str]:
    """The figures as a Markdown table: MB and the multiple of the file's size."""

    def cell(value: int) -> str:
        return f"{value / MB:.0f} MB ({value / size:.1f}x)"

    parse, parse_rss = figures["parse"], figures["parse-rss"]
    floor, floor_rss = figures["floor"], figures["floor-rss"]
    lines = [
        f"file: {size / MB:.1f} MB ({size:,} bytes)",
        "",
        "| | parse_plan | pandas.read_csv (floor) |",
        "| --- | ---: | ---: |",
        f"| reading the rows (bytes → text → cells), Python peak | {cell(figures['rows']['peak'])}"
        " | – |",
        f"| the whole parse, Python peak | {cell(parse['peak'])} | {cell(floor['peak'])} |",
        f"| the whole parse, process RSS growth at its peak | {cell(parse_rss['rss_peak'])} "
        f"| {cell(floor_rss['rss_peak'])} |",
        f"| kept: the tables (memory_usage, deep) | {cell(parse['kept'])} "
        f"| {cell(floor['kept'])} |",
        f"| kept: process RSS growth after the parse | {cell(parse_rss['rss_after'])} "
        f"| {cell(floor_rss['rss_after'])} |",
    ]
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--file", help="the plan CSV to parse (default: generated)")
    parser.add_argument("--scale", type=int, default=DEFAULT_SCALE, help="copies to generate")
    parser.add_argument("--step", choices=STEPS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.step:
        print(json.dumps(measure(args.step, Path(args.file))))
        return
    with tempfile.TemporaryDirectory() as directory:
        if args.file:
            path = Path(args.file)
        else:
            from benchmarks.generate import write_plan

            path = write_plan(args.scale, Path(directory) / f"plan-{args.scale}x.csv")
        figures = {step: _in_fresh_process(step, path) for step in STEPS}
        size = path.stat().st_size
    print("\n".join(table(figures, size)))


if __name__ == "__main__":
    main()
