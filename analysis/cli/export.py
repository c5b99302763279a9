"""`python -m analysis export --out DIR [--plan PATH] [filters]`: the tidy tables as CSV files."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from analysis.cli.common import (
    EXIT_OK,
    InputError,
    add_filter_options,
    filter_spec,
    load_plan_option,
    plan_option,
)
from analysis.filters import apply_filters
from analysis.planfile.export_tables import export_frames
from analysis.planfile.load import write_tables


def run(arguments: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if Path(arguments.out).exists() and not Path(arguments.out).is_dir():
        raise InputError([f"--out {arguments.out} is a file; give a directory to write into."])
    plan = load_plan_option(arguments.plan)
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


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = commands.add_parser("export", help="write the tidy tables as CSV files")
    export.add_argument("--out", required=True, metavar="DIR", help="directory to write into")
    plan_option(export)
    add_filter_options(export)
    export.set_defaults(run=run)
