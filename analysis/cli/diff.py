"""`python -m analysis diff OLD.csv NEW.csv`: one line per change between two plan files, after
one line saying how the activities are regrouped when the headings that are not pillars differ."""

from __future__ import annotations

import argparse
from typing import TextIO

from analysis.cli.common import (
    EXIT_OK,
    EXIT_UNEXPECTED,
    InputError,
    one_line,
)
from analysis.model import Plan, PlanError
from analysis.planfile.load import load_plan
from analysis.planfile.paths import path_label


def run(arguments: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    # Imported here so that the other commands work while analysis/changes/diff.py is being written.
    try:
        from analysis.changes.diff import (  # type: ignore[import-not-found,unused-ignore]
            format_changes,
            plan_changes,
            regrouping_sentence,
        )
    except ModuleNotFoundError as error:
        if error.name != "analysis.changes.diff":
            raise
        print(
            "diff is not available in this version (analysis/changes/diff.py is missing).", file=err
        )
        return EXIT_UNEXPECTED
    problems: list[str] = []
    plans: list[Plan] = []
    for given in (arguments.old, arguments.new):
        try:
            plans.append(load_plan(path_label(given)))
        except PlanError as error:
            problems.extend(str(problem) for problem in error.problems)
    if problems:
        raise InputError(problems)
    names = [path_label(given) for given in (arguments.old, arguments.new)]
    regrouped = regrouping_sentence(plans[0], plans[1], *names)
    lines = format_changes(plan_changes(plans[0], plans[1]))
    for line in [regrouped, *lines] if regrouped else lines:
        print(one_line(line), file=out)
    return EXIT_OK


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    diff = commands.add_parser("diff", help="what changed between two plan files")
    diff.add_argument("old", metavar="OLD.csv")
    diff.add_argument("new", metavar="NEW.csv")
    diff.set_defaults(run=run)
