"""`python -m analysis read-note NOTE --out PLAN.csv [--strict] [--plan PATH]`: read the
Secretary-General's note (text, .docx or PDF) into a plan file, and list every sentence or
fragment it could not turn into facts and every fact taken from elsewhere than the note.

Exit 0 when the plan was written (with --strict: and the list is empty), 1 when the note gave
no plan the loader accepts (each problem on stderr) or, with --strict, when the list is not
empty (the plan is written all the same)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from analysis.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    InputError,
    load_plan_option,
    one_line,
    plan_option,
)
from analysis.cli.validate import validate_line
from analysis.note.read import FORM_NAMES, read_note, unread_line
from analysis.planfile.load import read_plan_bytes
from analysis.planfile.paths import path_label
from analysis.planfile.plan_csv import plan_csv_bytes


def run(arguments: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    in_use = load_plan_option(arguments.plan)
    note = path_label(Path(arguments.note))
    raw = read_plan_bytes(note)
    read = read_note(raw, note, in_use.units, in_use.organisations, in_use)
    listed = [one_line(unread_line(item)) for item in read.unread]
    if read.plan is None:
        problems = [one_line(str(problem)) for problem in read.problems] or [
            f"{note}: no activity was read from this {FORM_NAMES[read.form]}."
        ]
        raise InputError([*problems, *listed])
    try:
        Path(arguments.out).write_bytes(plan_csv_bytes(read.plan))
    except OSError as error:
        raise InputError([f"{arguments.out}: cannot write there ({error.strerror})."]) from None
    print(f"Read {note} ({FORM_NAMES[read.form]}) against {in_use.source_name}.", file=out)
    print(validate_line(read.plan).replace(read.plan.source_name, arguments.out, 1), file=out)
    if listed:
        print(f"Not read, or taken from elsewhere than the note ({len(listed)}):", file=out)
        for line in listed:
            print(f"  {line}", file=out)
    else:
        print("Every sentence was read; nothing was taken from elsewhere.", file=out)
    return EXIT_PROBLEMS if arguments.strict and listed else EXIT_OK


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    read = commands.add_parser(
        "read-note", help="read the note (text, .docx, PDF) into a plan file"
    )
    read.add_argument("note", metavar="NOTE", help="the note as .txt, .docx or .pdf")
    read.add_argument("--out", required=True, metavar="PLAN.csv", help="the plan file to write")
    read.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 when anything could not be read or was taken from the plan in use",
    )
    plan_option(read)
    read.set_defaults(run=run)
