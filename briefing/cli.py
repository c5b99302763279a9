"""`python -m briefing --out FILE.pptx [--html FILE.html] [--plan PATH] [filters] [weights]`,
with the filters and the weights (--lead-weight W --assist-weight W --split-joint-leads) of
`python -m analysis summary`: the pack is the view those options describe.

Exit 0 with one line per file written; 1 when the plan or a filter value cannot be used (each
problem on its own line on stderr); 2 for a usage error or an unexpected failure. A broken plan
never produces a traceback.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from analysis.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    InputError,
    add_filter_options,
    add_weight_options,
    filter_spec,
    output_file_problems,
    report_unexpected,
    weights_option,
)
from analysis.model import PlanError
from analysis.planfile.load import load_plan, plan_path_from_env
from briefing import images
from briefing.content import PackRequest, weights_text
from briefing.pack import build_pack


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m briefing",
        description="Write the Council briefing pack (slides, and optionally a printable HTML "
        "report) for the whole plan or a filtered view of it.",
        epilog="The plan is --plan, else $PLAN_CSV, else the bundled data/plan.csv.",
    )
    parser.add_argument("--out", required=True, metavar="FILE.pptx", help="the slide deck")
    parser.add_argument("--html", metavar="FILE.html", help="also write the printable report")
    parser.add_argument("--plan", metavar="PATH", help="plan CSV (default: $PLAN_CSV or bundled)")
    parser.add_argument(
        "--before",
        metavar="PATH",
        help="the plan before a what-if's edits: the pack opens with a before/after slide",
    )
    add_filter_options(parser)
    add_weight_options(parser)
    return parser


def _write(path: Path, data: bytes) -> None:
    try:
        path.write_bytes(data)
    except OSError as error:
        # A failed write has no file name in the error (a full disk, /dev/full): say which.
        raise InputError([f"{path}: cannot write it ({error.strerror or error})."]) from None


def _run(arguments: argparse.Namespace, out: TextIO) -> int:
    problems = output_file_problems([("--out", arguments.out), ("--html", arguments.html)])
    if problems:
        raise InputError(problems)
    weights = weights_option(arguments)
    path = plan_path_from_env(arguments.plan)
    plan = load_plan(path)
    spec = filter_spec(arguments, plan)
    started = time.perf_counter()
    before = load_plan(Path(arguments.before)) if arguments.before else None
    pack = build_pack(PackRequest(plan, spec, weights, before=before))
    written = [Path(arguments.out)]
    _write(written[0], pack.deck)
    if arguments.html:
        written.append(Path(arguments.html))
        _write(written[1], pack.report.encode("utf-8"))
    seconds = time.perf_counter() - started
    print(
        f"Wrote {' and '.join(str(p) for p in written)} ({spec.describe()}; "
        f"{weights_text(weights)}; plan {path}; {seconds:.1f} s)",
        file=out,
    )
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Write the pack; the exit code is returned, never raised."""
    out, err = sys.stdout, sys.stderr
    try:
        arguments = build_parser().parse_args(argv)
    except SystemExit as exit_request:
        code = exit_request.code
        return code if isinstance(code, int) else 2
    try:
        return _run(arguments, out)
    except PlanError as error:
        for problem in error.problems:
            print(" ".join(str(problem).split()), file=err)
        return EXIT_PROBLEMS
    except InputError as error:
        for line in error.lines:
            print(line, file=err)
        return EXIT_PROBLEMS
    except OSError as error:
        print(f"error: {error.filename or 'a file'}: {error.strerror or error}", file=err)
        return EXIT_PROBLEMS
    except Exception as error:
        return report_unexpected(error, err)
    finally:
        images.stop()
