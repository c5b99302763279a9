"""`python -m analysis validate [--plan PATH]`: exit 0 and a one-line summary, or 1 and every
problem of the file on its own line: the file's own, or a row whose roles, partners or events
are not what its sentence says (analysis.note.held_to_sentences; a change its revisions record
is no problem, and the summary counts the rows with revisions)."""

from __future__ import annotations

import argparse
from typing import TextIO

from analysis.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    load_plan_option,
    one_line,
    plan_option,
)
from analysis.measures.timeline import status_counts_phrase
from analysis.model import Plan
from analysis.note.held_to_sentences import sentence_problems


def validate_line(plan: Plan) -> str:
    """The one-line summary `validate` prints for a good plan."""
    by_status = status_counts_phrase(plan.events)
    revised = int((plan.activities["revisions"] != "").sum())
    # Rows changed since the 2006 text say so in their revisions column (see
    # analysis.planfile.revisions).
    revisions = f"; {revised} activities with revisions" if revised else ""
    return (
        f"{plan.source_name}: {len(plan.activities)} activities, {len(plan.assignments)} roles, "
        f"{len(plan.partners)} partner roles, {len(plan.events)} events "
        f"({by_status}), as of {plan.as_of.isoformat()}{revisions}"
    )


def run(arguments: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    plan = load_plan_option(arguments.plan)
    for warning in plan.warnings:
        print(f"warning: {one_line(warning)}", file=err)
    print(validate_line(plan), file=out)
    problems = sentence_problems(plan)
    for problem in problems:
        print(one_line(problem), file=err)
    return EXIT_PROBLEMS if problems else EXIT_OK


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    validate = commands.add_parser("validate", help="check a plan file and summarise it")
    plan_option(validate)
    validate.set_defaults(run=run)
