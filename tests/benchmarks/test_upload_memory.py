"""The upload memory benchmark (benchmarks/upload_memory.py) measures what it says, on the
bundled plan in this process (the 10 MB run takes a minute and a process per figure)."""

from __future__ import annotations

from analysis.planfile.load import BUNDLED_PLAN
from benchmarks.upload_memory import STEPS, measure, table


def test_each_step_gives_its_figures() -> None:
    figures = {step: measure(step, BUNDLED_PLAN) for step in STEPS}
    assert figures["rows"]["peak"] > 0
    assert figures["parse"]["peak"] >= figures["rows"]["peak"]
    # The plan's tables hold more than the bare cells pandas reads.
    assert figures["parse"]["kept"] > figures["floor"]["kept"] > 0
    assert set(figures["parse-rss"]) == set(figures["floor-rss"]) == {"rss_peak", "rss_after"}


def test_the_table_gives_megabytes_and_multiples_of_the_file() -> None:
    mb = 1_000_000
    figures = {
        "rows": {"peak": 20 * mb},
        "parse": {"peak": 30 * mb, "kept": 33 * mb},
        "parse-rss": {"rss_peak": 87 * mb, "rss_after": 83 * mb},
        "floor": {"peak": 6 * mb, "kept": 14 * mb},
        "floor-rss": {"rss_peak": 51 * mb, "rss_after": 36 * mb},
    }
    lines = table(figures, 10 * mb)
    assert lines[0] == "file: 10.0 MB (10,000,000 bytes)"
    assert "| the whole parse, Python peak | 30 MB (3.0x) | 6 MB (0.6x) |" in lines
    assert "| kept: the tables (memory_usage, deep) | 33 MB (3.3x) | 14 MB (1.4x) |" in lines
