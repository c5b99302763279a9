"""The command line: `python -m analysis validate|summary|export|diff|whatif|read-note`, one
module per subcommand (each with `register(commands)` and `run(arguments, out, err)`), shared
options in common.py, and here only the parser and the entry point.

Every outcome is an exit code and plain lines of text: 0 for success, 1 for a problem in the
input the user can fix (each problem on its own line on stderr), 2 for a usage error or, as a
last resort, an unexpected failure. A plan file, however broken, never produces a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from analysis.cli import diff, export, read_note, summary, validate, whatif
from analysis.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_UNEXPECTED,
    Command,
    InputError,
    add_filter_options,
    filter_spec,
    format_table,
    one_line,
    report_unexpected,
)
from analysis.cli.validate import validate_line
from analysis.model import PlanError

__all__ = [
    "EXIT_OK",
    "EXIT_PROBLEMS",
    "EXIT_UNEXPECTED",
    "InputError",
    "add_filter_options",
    "build_parser",
    "filter_spec",
    "format_table",
    "main",
    "report_unexpected",
    "validate_line",
]

_SUBCOMMANDS = (validate, summary, export, diff, whatif, read_note)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Check, measure, export and compare the WSIS implementation plan.",
        epilog="The plan is --plan, else $PLAN_CSV, else the bundled data/plan.csv.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for subcommand in _SUBCOMMANDS:
        subcommand.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; the exit code is returned, never raised."""
    out, err = sys.stdout, sys.stderr
    parser = build_parser()
    try:
        arguments = parser.parse_args(argv)
    except SystemExit as exit_request:
        # argparse exits after printing usage or --help; a function returns its code instead.
        code = exit_request.code
        return code if isinstance(code, int) else EXIT_UNEXPECTED
    command: Command = arguments.run
    try:
        return command(arguments, out, err)
    except PlanError as error:
        for problem in error.problems:
            print(one_line(problem), file=err)
        return EXIT_PROBLEMS
    except InputError as error:
        for line in error.lines:
            print(line, file=err)
        return EXIT_PROBLEMS
    except Exception as error:
        return report_unexpected(error, err)
