"""The command line: `python -m analysis validate|summary|export|diff`.

Every outcome is an exit code and plain lines of text: 0 for success, 1 for a problem in the
input the user can fix (each problem on its own line on stderr), 2 for a usage error or, as a
last resort, an unexpected failure. A plan file, however broken, never produces a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TextIO

import pandas as pd

from analysis.cells import did_you_mean
from analysis.export import export_frames
from analysis.filters import FilterSpec, apply_filters, theme_options
from analysis.load import load_plan, plan_path_from_env, write_tables
from analysis.metrics import LoadWeights, balance, workload_by_sector, workload_by_unit
from analysis.model import EVENT_STATUSES, PILLARS, ROLES, SECTORS, Plan, PlanError

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_UNEXPECTED = 2


class InputError(Exception):
    """A value the user gave that the plan cannot use; each line is printed on its own."""

    def __init__(self, lines: Sequence[str]) -> None:
        self.lines = [_one_line(line) for line in lines]
        super().__init__("\n".join(self.lines))


def _one_line(text: object) -> str:
    # Cells can hold line breaks; a problem must stay one line so that tools can count them.
    return " ".join(str(text).replace("\r", "\n").split("\n")).strip()


def _display_path(path: Path) -> Path:
    """Relative to the working directory when inside it, so messages stay short."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except (ValueError, OSError):
        return path


def _load(explicit: str | None) -> Plan:
    return load_plan(_display_path(plan_path_from_env(explicit)))


# ---------------------------------------------------------------- filters


def add_filter_options(parser: argparse.ArgumentParser) -> None:
    """The filter flags every command shares (read back by filter_spec)."""
    group = parser.add_argument_group("filters (each repeatable; values within one are OR-ed)")
    for flag, help_text in (
        ("--pillar", "a section of the plan, e.g. 'Internet Governance'"),
        ("--theme", "an action line (C7) or theme ('C7 · eHealth' or just eHealth)"),
        ("--sector", "ITU-R, ITU-T, ITU-D or 'General Secretariat'"),
        ("--unit", "a unit code from data/units.csv, e.g. BDT"),
        ("--organisation", "a partner organisation, e.g. UNESCO"),
        ("--role", "lead or assist"),
        ("--status", "event status: held or planned"),
    ):
        group.add_argument(flag, action="append", default=[], metavar="VALUE", help=help_text)
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
    themes = theme_options(plan)
    # "eHealth" alone is what people type; it means the theme label "C7 · eHealth".
    theme_aliases = {label.split(" · ", 1)[1]: label for label in themes if " · " in label}
    organisation_aliases = {
        alias.strip(): code
        for code, aliases in zip(
            plan.organisations["code"], plan.organisations["aliases"], strict=True
        )
        for alias in aliases.replace(",", ";").split(";")
        if alias.strip()
    }
    selections: dict[str, tuple[str, ...]] = {}
    for field_name, flag, choices, aliases in (
        ("pillars", "--pillar", list(PILLARS), None),
        ("themes", "--theme", themes, theme_aliases),
        ("sectors", "--sector", list(SECTORS), None),
        ("units", "--unit", list(plan.units["code"]), None),
        ("organisations", "--organisation", list(plan.organisations["code"]), organisation_aliases),
        ("roles", "--role", list(ROLES), None),
        ("statuses", "--status", list(EVENT_STATUSES), None),
    ):
        values: list[str] = getattr(arguments, flag.lstrip("-"))
        selections[field_name], found_problems = _canonical(flag, values, choices, aliases)
        problems.extend(found_problems)
    date_from = _iso_date("--from", arguments.date_from, problems)
    date_to = _iso_date("--to", arguments.date_to, problems)
    if date_from and date_to and date_from > date_to:
        problems.append(f"--from {date_from} is after --to {date_to}.")
    if problems:
        raise InputError(problems)
    return FilterSpec(**selections, date_from=date_from, date_to=date_to)


# ---------------------------------------------------------------- commands


def format_table(frame: pd.DataFrame, decimals: int = 2) -> list[str]:
    """A frame as aligned text lines: text left-aligned, numbers right-aligned."""
    columns = [str(column) for column in frame.columns]
    numeric = [pd.api.types.is_numeric_dtype(frame[column]) for column in frame.columns]

    def cell(value: object) -> str:
        if isinstance(value, float):
            return f"{value:.{decimals}f}"
        return _one_line(value)

    rows = [[cell(value) for value in record] for record in frame.itertuples(index=False)]
    widths = [max([len(name), *(len(row[i]) for row in rows)]) for i, name in enumerate(columns)]

    def line(cells: list[str]) -> str:
        parts = [
            text.rjust(width) if is_number else text.ljust(width)
            for text, width, is_number in zip(cells, widths, numeric, strict=True)
        ]
        return "  ".join(parts).rstrip()

    return [line(columns), line(["-" * width for width in widths]), *map(line, rows)]


def validate_line(plan: Plan) -> str:
    """The one-line summary `validate` prints for a good plan."""
    status = plan.events["status"]
    held, planned = int((status == "held").sum()), int((status == "planned").sum())
    return (
        f"{plan.source_name}: {len(plan.activities)} activities, {len(plan.assignments)} roles, "
        f"{len(plan.partners)} partner roles, {len(plan.events)} events "
        f"({held} held, {planned} planned), as of {plan.as_of.isoformat()}"
    )


def _validate(arguments: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    plan = _load(arguments.plan)
    for warning in plan.warnings:
        print(f"warning: {_one_line(warning)}", file=err)
    print(validate_line(plan), file=out)
    return EXIT_OK


def _weights(arguments: argparse.Namespace) -> LoadWeights:
    problems = [
        f"{flag} {value} is negative; weights are 0 or more."
        for flag, value in (
            ("--lead-weight", arguments.lead_weight),
            ("--assist-weight", arguments.assist_weight),
        )
        if value < 0
    ]
    if problems:
        raise InputError(problems)
    return LoadWeights(
        lead=arguments.lead_weight,
        assist=arguments.assist_weight,
        split_joint_leads=arguments.split_joint_leads,
    )


def _summary(arguments: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    weights = _weights(arguments)
    plan = _load(arguments.plan)
    spec = filter_spec(arguments, plan)
    selected = apply_filters(plan, spec)
    by_unit = workload_by_unit(selected, weights)
    by_sector = workload_by_sector(selected, weights)
    joint = "split between joint leads" if weights.split_joint_leads else "full for each joint lead"
    lines = [
        f"{plan.source_name}: {len(selected.activities)} of {len(plan.activities)} activities "
        f"({spec.describe()})",
        f"Weights: lead {weights.lead:g}, assist {weights.assist:g}; lead credit {joint}.",
        "",
        "Workload per unit",
        *format_table(
            by_unit[
                ["unit", "sector", "lead", "assist", "lead_credit", "weighted_load", "share"]
            ].astype({"lead": "int64", "assist": "int64"})
        ),
        "",
        "Workload per Sector",
        *format_table(
            by_sector[
                ["sector", "lead", "assist", "lead_credit", "weighted_load", "share", "units"]
            ]
        ),
        "",
        balance(by_unit, by_sector).reading(),
    ]
    print("\n".join(lines), file=out)
    return EXIT_OK


def _export(arguments: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    plan = _load(arguments.plan)
    spec = filter_spec(arguments, plan)
    tables = export_frames(apply_filters(plan, spec))
    try:
        written = write_tables(tables, arguments.out)
    except OSError as error:
        raise InputError(
            [f"{arguments.out}: cannot write there ({error.strerror or error})."]
        ) from None
    print(f"Exported {plan.source_name} ({spec.describe()}):", file=out)
    for path, (name, frame) in zip(written, tables.items(), strict=True):
        print(f"  {path}: {len(frame)} {name} rows", file=out)
    return EXIT_OK


def _diff(arguments: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    # Imported here so that the other commands work while analysis/diff.py is being written.
    try:
        from analysis.diff import (  # type: ignore[import-not-found,unused-ignore]
            format_changes,
            plan_changes,
        )
    except ModuleNotFoundError as error:
        if error.name != "analysis.diff":
            raise
        print("diff is not available in this version (analysis/diff.py is missing).", file=err)
        return EXIT_UNEXPECTED
    problems: list[str] = []
    plans: list[Plan] = []
    for given in (arguments.old, arguments.new):
        try:
            plans.append(load_plan(_display_path(Path(given))))
        except PlanError as error:
            problems.extend(str(problem) for problem in error.problems)
    if problems:
        raise InputError(problems)
    for line in format_changes(plan_changes(plans[0], plans[1])):
        print(_one_line(line), file=out)
    return EXIT_OK


# ---------------------------------------------------------------- parser and entry point

Command = Callable[[argparse.Namespace, TextIO, TextIO], int]


def _weight(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Check, measure, export and compare the WSIS implementation plan.",
        epilog="The plan is --plan, else $PLAN_CSV, else the bundled data/plan.csv.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def plan_option(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--plan", metavar="PATH", help="plan CSV (default: $PLAN_CSV or bundled)")

    validate = commands.add_parser("validate", help="check a plan file and summarise it")
    plan_option(validate)
    validate.set_defaults(run=_validate)

    summary = commands.add_parser("summary", help="workload per unit and Sector, and balance")
    plan_option(summary)
    summary.add_argument("--lead-weight", type=_weight, default=1.0, metavar="W")
    summary.add_argument("--assist-weight", type=_weight, default=0.5, metavar="W")
    summary.add_argument(
        "--split-joint-leads",
        action="store_true",
        help="joint leads share one lead's credit instead of each getting it in full",
    )
    add_filter_options(summary)
    summary.set_defaults(run=_summary)

    export = commands.add_parser("export", help="write the tidy tables as CSV files")
    export.add_argument("--out", required=True, metavar="DIR", help="directory to write into")
    plan_option(export)
    add_filter_options(export)
    export.set_defaults(run=_export)

    diff = commands.add_parser("diff", help="what changed between two plan files")
    diff.add_argument("old", metavar="OLD.csv")
    diff.add_argument("new", metavar="NEW.csv")
    diff.set_defaults(run=_diff)
    return parser


def report_unexpected(error: BaseException, err: TextIO) -> int:
    """The last resort: one line instead of a traceback. Reaching it is a bug to report."""
    print(
        f"error: unexpected {type(error).__name__}: {_one_line(error)} "
        "(this is a bug in the dashboard; please report it with the file used)",
        file=err,
    )
    return EXIT_UNEXPECTED


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
            print(_one_line(problem), file=err)
        return EXIT_PROBLEMS
    except InputError as error:
        for line in error.lines:
            print(line, file=err)
        return EXIT_PROBLEMS
    except Exception as error:
        return report_unexpected(error, err)
