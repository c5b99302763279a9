"""What every subcommand of `python -m analysis` shares: exit codes, the one-line problem, the
plan and filter options, the weights options, aligned text tables, the last-resort error line.
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TextIO

import pandas as pd

from analysis.filters import FILTERS, FilterSpec
from analysis.measures.metrics import MAX_WEIGHT, LoadWeights
from analysis.model import Plan
from analysis.planfile.cells import did_you_mean
from analysis.planfile.load import load_plan, plan_path_from_env
from analysis.planfile.paths import path_label

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_UNEXPECTED = 2

# A subcommand: reads its parsed arguments, prints to out/err, returns the exit code.
Command = Callable[[argparse.Namespace, TextIO, TextIO], int]


class InputError(Exception):
    """A value the user gave that the plan cannot use; each line is printed on its own."""

    def __init__(self, lines: Sequence[str]) -> None:
        self.lines = [one_line(line) for line in lines]
        super().__init__("\n".join(self.lines))


def one_line(text: object) -> str:
    # Cells can hold line breaks; a problem must stay one line so that tools can count them.
    return " ".join(str(text).replace("\r", "\n").split("\n")).strip()


def load_plan_option(explicit: str | None) -> Plan:
    """The plan --plan names, else $PLAN_CSV, else the bundled one."""
    return load_plan(path_label(plan_path_from_env(explicit)))


# ---------------------------------------------------------------- filters


def add_filter_options(parser: argparse.ArgumentParser) -> None:
    """The filter flags every command shares (read back by filter_spec)."""
    group = parser.add_argument_group("filters (each repeatable; values within one are OR-ed)")
    for choice in FILTERS:
        group.add_argument(
            choice.flag,
            dest=choice.field,
            action="append",
            default=[],
            metavar="VALUE",
            help=choice.help,
        )
    group.add_argument(
        "--from", dest="date_from", metavar="YYYY-MM-DD", help="events ending on or after"
    )
    group.add_argument(
        "--to", dest="date_to", metavar="YYYY-MM-DD", help="events starting on or before"
    )


def _canonical(
    flag: str, values: list[str], choices: Sequence[str], aliases: dict[str, str] | None = None
) -> tuple[tuple[str, ...], list[str]]:
    """Values matched case-insensitively to choices; problems name the unknown ones."""
    by_folded = {choice.casefold(): choice for choice in choices}
    for alias, target in (aliases or {}).items():
        by_folded.setdefault(alias.casefold(), target)
    found: list[str] = []
    problems: list[str] = []
    for value in values:
        match = by_folded.get(value.strip().casefold())
        if match is None:
            hint = did_you_mean(value.strip(), list(choices)) or " Choose from: " + ", ".join(
                choices
            )
            problems.append(f"{flag} '{value}' matches nothing in the plan.{hint}")
        elif match not in found:
            found.append(match)
    return tuple(found), problems


def _iso_date(flag: str, value: str | None, problems: list[str]) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        problems.append(f"{flag} '{value}' is not a date; write it as YYYY-MM-DD, e.g. 2006-05-16.")
        return None


def filter_spec(arguments: argparse.Namespace, plan: Plan) -> FilterSpec:
    """The FilterSpec the options ask for; InputError lists every value the plan does not know."""
    problems: list[str] = []
    selections: dict[str, tuple[str, ...]] = {}
    for choice in FILTERS:
        values: list[str] = getattr(arguments, choice.field)
        selections[choice.field], found_problems = _canonical(
            choice.flag, values, choice.known(plan), choice.aliases(plan)
        )
        problems.extend(found_problems)
    date_from = _iso_date("--from", arguments.date_from, problems)
    date_to = _iso_date("--to", arguments.date_to, problems)
    if date_from and date_to and date_from > date_to:
        problems.append(f"--from {date_from} is after --to {date_to}.")
    if problems:
        raise InputError(problems)
    return FilterSpec(**selections, date_from=date_from, date_to=date_to)


def plan_option(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--plan", metavar="PATH", help="plan CSV (default: $PLAN_CSV or bundled)")


def format_table(frame: pd.DataFrame, decimals: int = 2) -> list[str]:
    """A frame as aligned text lines: text left-aligned, numbers right-aligned."""
    columns = [str(column) for column in frame.columns]
    numeric = [pd.api.types.is_numeric_dtype(frame[column]) for column in frame.columns]

    def cell(value: object) -> str:
        if isinstance(value, float):
            return f"{value:.{decimals}f}"
        return one_line(value)

    rows = [[cell(value) for value in record] for record in frame.itertuples(index=False)]
    widths = [max([len(name), *(len(row[i]) for row in rows)]) for i, name in enumerate(columns)]

    def line(cells: list[str]) -> str:
        parts = [
            text.rjust(width) if is_number else text.ljust(width)
            for text, width, is_number in zip(cells, widths, numeric, strict=True)
        ]
        return "  ".join(parts).rstrip()

    return [line(columns), line(["-" * width for width in widths]), *map(line, rows)]


def _weight(text: str) -> float:
    try:
        weight = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if not math.isfinite(weight):
        raise argparse.ArgumentTypeError(f"'{text}' is not a finite number")
    return weight


def add_weight_options(sub: argparse.ArgumentParser) -> None:
    """--lead-weight, --assist-weight, --split-joint-leads (read back by weights_option)."""
    sub.add_argument("--lead-weight", type=_weight, default=1.0, metavar="W")
    sub.add_argument("--assist-weight", type=_weight, default=0.5, metavar="W")
    sub.add_argument(
        "--split-joint-leads",
        action="store_true",
        help="joint leads share one lead's credit instead of each getting it in full",
    )


def weights_option(arguments: argparse.Namespace) -> LoadWeights:
    problems = [
        f"{flag} {value:g} is out of range; weights are from 0 to {MAX_WEIGHT:g}, as in the "
        "dashboard's sidebar."
        for flag, value in (
            ("--lead-weight", arguments.lead_weight),
            ("--assist-weight", arguments.assist_weight),
        )
        if not 0 <= value <= MAX_WEIGHT
    ]
    if problems:
        raise InputError(problems)
    return LoadWeights(
        lead=arguments.lead_weight,
        assist=arguments.assist_weight,
        split_joint_leads=arguments.split_joint_leads,
    )


def output_file_problems(flags_and_paths: Sequence[tuple[str, str | None]]) -> list[str]:
    """What stops a file from being written where an option asks, found before any work: a
    directory in its place, or a folder that does not exist."""
    problems = []
    for flag, text in flags_and_paths:
        if text is None:
            continue
        path = Path(text)
        if path.is_dir():
            problems.append(f"{flag} {text} is a directory; give the name of a file in it.")
        elif not path.parent.is_dir():
            problems.append(f"{flag} {text}: the folder {path.parent} does not exist.")
    return problems


def report_unexpected(error: BaseException, err: TextIO) -> int:
    """The last resort: one line instead of a traceback. Reaching it is a bug to report."""
    print(
        f"error: unexpected {type(error).__name__}: {one_line(error)} "
        "(this is a bug in the dashboard; please report it with the file used)",
        file=err,
    )
    return EXIT_UNEXPECTED
