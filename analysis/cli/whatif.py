"""`python -m analysis whatif --move FROM:TO [--role lead|assist] [--activity ID] [--plan P]
--out revised.csv [weights]`: try a move of roles, print every role change with its reason and
the workload before and after, and write the revised plan (its `revisions` column says what
changed; the 2006 text stays verbatim). The written file is read back through the loader before
the command reports success, so what it wrote is a plan `validate` accepts."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

import pandas as pd

from analysis.changes.compare import balance_comparison, total_load_sentence, workload_comparison
from analysis.changes.role_changes import change_lines
from analysis.changes.whatif import MoveRole, describe_edit, explain_edits
from analysis.cli.common import (
    EXIT_OK,
    InputError,
    add_weight_options,
    load_plan_option,
    output_file_problems,
    plan_option,
    weights_option,
)
from analysis.measures.balance_words import number_text, percent_text
from analysis.model import ROLES, Plan
from analysis.planfile.load import parse_plan
from analysis.planfile.plan_csv import plan_csv_bytes

_TABLE_COLUMNS = {
    "unit": "unit",
    "sector": "sector",
    "lead_before": "leads before",
    "lead_after": "after",
    "assist_before": "assists before",
    "assist_after": "after",
    "weighted_load_before": "load before",
    "weighted_load_after": "after",
    "share_before": "share before",
    "share_after": "after",
    "change": "change",
}


def _move(arguments: argparse.Namespace) -> MoveRole:
    text: str = arguments.move
    giver, colon, taker = text.partition(":")
    if not colon or not giver.strip() or not taker.strip():
        raise InputError([f"--move '{text}' is not FROM:TO; write e.g. --move WSIS-ES:CEC."])
    try:
        return MoveRole(arguments.activity, giver.strip(), taker.strip(), arguments.role)
    except ValueError as error:
        raise InputError([f"--move '{text}': {error}"]) from None


def workload_lines(shown: pd.DataFrame, everything: pd.DataFrame) -> list[str]:
    """Rows of workload_comparison as aligned text, and a total line over `everything` (all the
    units), so the totals before and after stand beside the shares."""
    counts = ("lead_before", "lead_after", "assist_before", "assist_after")
    loads = ("weighted_load_before", "weighted_load_after")

    def cells(row: dict[str, object]) -> list[str]:
        change = float(str(row["change"]))
        return [
            str(row["unit"]),
            str(row["sector"]),
            *(str(int(str(row[column]))) for column in counts),
            *(number_text(float(str(row[column]))) for column in loads),
            *(percent_text(float(str(row[column]))) for column in ("share_before", "share_after")),
            f"+{number_text(change)}" if change > 0 else number_text(change),
        ]

    total = {column: everything[column].sum() for column in (*counts, *loads, "change")}
    total_cells = cells({**total, "unit": "Total", "sector": "", "share_before": 1.0,
                         "share_after": 1.0})  # fmt: skip
    table = [list(_TABLE_COLUMNS.values())]
    table += [cells({str(k): v for k, v in row.items()}) for row in shown.to_dict("records")]
    table.append(total_cells)
    widths = [max(len(row[i]) for row in table) for i in range(len(_TABLE_COLUMNS))]

    def line(row: list[str]) -> str:
        parts = [
            text.ljust(width) if i < 2 else text.rjust(width)
            for i, (text, width) in enumerate(zip(row, widths, strict=True))
        ]
        return "  ".join(parts).rstrip()

    rule = ["-" * width for width in widths]
    return [line(table[0]), line(rule), *map(line, table[1:-1]), line(rule), line(table[-1])]


def _write(path: str, plan: Plan) -> Plan:
    """Write the plan and read it back as any plan file is read; the plan read back."""
    data = plan_csv_bytes(plan)
    try:
        Path(path).write_bytes(data)
    except OSError as error:
        raise InputError([f"{path}: cannot write there ({error.strerror or error})."]) from None
    return parse_plan(data, path, plan.units, plan.organisations)


def run(arguments: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    problems = output_file_problems([("--out", arguments.out)])
    if problems:
        raise InputError(problems)
    weights = weights_option(arguments)
    move = _move(arguments)
    plan = load_plan_option(arguments.plan)
    try:
        explained = explain_edits(plan, [move])
    except ValueError as error:
        raise InputError([str(error)]) from None
    table = workload_comparison(plan, explained.plan, weights)
    changed = table[
        (table["lead_before"] != table["lead_after"])
        | (table["assist_before"] != table["assist_after"])
        | (table["change"] != 0)
    ]
    sector_of = dict(zip(plan.units["code"], plan.units["sector"], strict=True))
    total = total_load_sentence(
        float(table["weighted_load_before"].sum()),
        float(table["weighted_load_after"].sum()),
        explained.changes,
        sector_of,
    )
    balance_change = balance_comparison(plan, explained.plan, weights)
    written = _write(arguments.out, explained.plan)
    revised = int((written.activities["revisions"] != "").sum())
    lines = [
        f"{plan.source_name}: {describe_edit(move, plan)}",
        f"Weights: {weights.describe()}.",
        "",
        f"Role changes ({len(explained.changes)})",
        *(f"  {line}" for line in change_lines(explained.changes)),
        "",
        f"Workload before and after (the {len(changed)} units whose roles changed, and the total"
        " of all units)",
        *workload_lines(changed, table),
        "",
        total,
        f"Before: {balance_change.before.reading()}",
        f"After: {balance_change.after.reading()}",
        "",
        f"Wrote {arguments.out}: {len(written.activities)} activities, {revised} with revisions "
        "(the 2006 text unchanged; the revisions column says what changed).",
    ]
    print("\n".join(lines), file=out)
    return EXIT_OK


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    whatif = commands.add_parser(
        "whatif", help="move a unit's roles to another unit and write the revised plan"
    )
    whatif.add_argument(
        "--move", required=True, metavar="FROM:TO", help="units by code, e.g. WSIS-ES:CEC"
    )
    whatif.add_argument("--role", choices=list(ROLES), help="only this role (default: both)")
    whatif.add_argument("--activity", metavar="ID", help="only on this activity (default: all)")
    whatif.add_argument("--out", required=True, metavar="FILE.csv", help="the revised plan")
    plan_option(whatif)
    add_weight_options(whatif)
    whatif.set_defaults(run=run)
