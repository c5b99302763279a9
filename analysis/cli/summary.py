"""`python -m analysis summary [--plan PATH] [weights] [filters]`: workload per unit and Sector,
and the balance in words."""

from __future__ import annotations

import argparse
from typing import TextIO

from analysis.cli.common import (
    EXIT_OK,
    add_filter_options,
    add_weight_options,
    filter_spec,
    format_table,
    load_plan_option,
    plan_option,
    weights_option,
)
from analysis.filters import apply_filters
from analysis.measures.balance_words import sectors_in_scope
from analysis.measures.metrics import balance, workload_by_sector, workload_by_unit

# The column holds ITU-R, ITU-T, ITU-D or the General Secretariat, which is not a Sector.
SECTOR_COLUMN = {"sector": "sector_or_gs"}


def run(arguments: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    weights = weights_option(arguments)
    plan = load_plan_option(arguments.plan)
    spec = filter_spec(arguments, plan)
    selected = apply_filters(plan, spec)
    by_unit = workload_by_unit(selected, weights)
    by_sector = sectors_in_scope(workload_by_sector(selected, weights), spec)
    joint = "split between joint leads" if weights.split_joint_leads else "full for each joint lead"
    lines = [
        f"{plan.source_name}: {len(selected.activities)} of {len(plan.activities)} activities "
        f"({spec.describe()})",
        f"Weights: lead {weights.lead:g}, assist {weights.assist:g}; lead credit {joint}.",
        "",
        "Workload per unit",
        *format_table(
            by_unit[["unit", "sector", "lead", "assist", "lead_credit", "weighted_load", "share"]]
            .astype({"lead": "int64", "assist": "int64"})
            .rename(columns=SECTOR_COLUMN)
        ),
        "",
        "Workload per Sector and the General Secretariat",
        *format_table(
            by_sector[
                ["sector", "lead", "assist", "lead_credit", "weighted_load", "share", "units"]
            ].rename(columns=SECTOR_COLUMN)
        ),
        "",
        balance(by_unit, by_sector).reading(),
    ]
    print("\n".join(lines), file=out)
    return EXIT_OK


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    summary = commands.add_parser("summary", help="workload per unit and Sector, and balance")
    plan_option(summary)
    add_weight_options(summary)
    add_filter_options(summary)
    summary.set_defaults(run=run)
