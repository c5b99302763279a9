"""Loading a plan: the file's bytes (the only module of analysis/ that touches the file
system), read into rows by analysis.planfile.plan_file, checked by analysis.planfile.row_checks,
built into a Plan, or PlanError listing every problem."""

from __future__ import annotations

import hashlib
import os
import stat
from datetime import date
from pathlib import Path

import pandas as pd

from analysis.model import OPTIONAL_PLAN_COLUMNS, Plan, PlanError, Problem
from analysis.planfile.cell_table import CellTable, stripped
from analysis.planfile.dates import event_status
from analysis.planfile.derived_sheets import derived_sheet_problems
from analysis.planfile.file_kinds import is_workbook
from analysis.planfile.mojibake import mojibake_problems
from analysis.planfile.plan_file import (
    MAX_PLAN_BYTES,
    check_header,
    read_table,
    row_shape_problems,
    too_large,
)
from analysis.planfile.row_checks import RowChecker

__all__ = ["BUNDLED_PLAN", "MAX_PLAN_BYTES", "load_plan", "parse_plan", "read_plan_bytes"]

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
BUNDLED_PLAN = DATA_DIR / "plan.csv"
FALLBACK_AS_OF = date(2006, 9, 13)
PLAN_ENV_VAR = "PLAN_CSV"


def plan_path_from_env(explicit: str | None) -> Path:
    """The plan to load: an explicit path wins, then $PLAN_CSV when set, then the bundled plan."""
    if explicit:
        return Path(explicit)
    from_env = os.environ.get(PLAN_ENV_VAR, "").strip()
    return Path(from_env) if from_env else BUNDLED_PLAN


# ---------------------------------------------------------------- I/O: the only file reads


def read_reference(data_dir: Path = DATA_DIR) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The units and organisations tables kept beside the bundled plan."""
    units = pd.read_csv(data_dir / "units.csv", dtype=str, keep_default_na=False)
    organisations = pd.read_csv(data_dir / "organisations.csv", dtype=str, keep_default_na=False)
    return units, organisations


def read_plan_bytes(path: str | Path) -> bytes:
    """The bytes of a plan file, at most one past the size limit; PlanError when unreadable or
    not a regular file (a pipe or a device could keep the read waiting without end)."""
    path = Path(path)
    name = str(path)

    def unreadable(error: OSError, fix: str) -> PlanError:
        return PlanError([Problem(name, None, None, f"cannot be read ({error.strerror}).", fix)])

    try:
        # Without blocking: opening a pipe would wait for a writer.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except IsADirectoryError:
        raise _directory(name) from None
    except OSError as error:
        raise unreadable(
            error, "Check the path, that the file exists and its permissions."
        ) from None
    status = os.fstat(descriptor)
    if not stat.S_ISREG(status.st_mode):
        os.close(descriptor)
        if stat.S_ISDIR(status.st_mode):
            raise _directory(name)
        raise PlanError(
            [
                Problem(
                    name,
                    None,
                    None,
                    "is not a file but a pipe, a device or a socket, which is not read.",
                    "Give the path of the plan file itself.",
                )
            ]
        )
    with os.fdopen(descriptor, "rb") as handle:
        if status.st_size > MAX_PLAN_BYTES:
            raise PlanError([too_large(name, status.st_size)])
        try:
            # One byte past the limit: a file that grew since fstat() is caught here.
            return handle.read(MAX_PLAN_BYTES + 1)
        except OSError as error:
            raise unreadable(error, "Check the file's permissions.") from None


def _directory(name: str) -> PlanError:
    return PlanError(
        [Problem(name, None, None, "is a directory, not a file.", "Give the path of the CSV.")]
    )


def load_plan(path: str | Path = BUNDLED_PLAN, data_dir: Path = DATA_DIR) -> Plan:
    """Load and check a plan file; raises PlanError naming every problem."""
    raw = read_plan_bytes(path)
    units, organisations = read_reference(data_dir)
    return parse_plan(raw, str(Path(path)), units, organisations)


def write_tables(tables: dict[str, pd.DataFrame], out_dir: str | Path) -> list[Path]:
    """Write each table as `<name>.csv` in out_dir (created if needed); the paths written."""
    from analysis.planfile.csv_format import csv_bytes

    directory = Path(out_dir)
    directory.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name, frame in tables.items():
        target = directory / f"{name}.csv"
        target.write_bytes(csv_bytes(frame))
        written.append(target)
    return written


# ---------------------------------------------------------------- pure from here on


def read_plan_cells(raw: bytes, name: str) -> tuple[list[str], CellTable]:
    """The plan file's columns and cells, refused (PlanError) when the file itself is damaged:
    unreadable, cut short, rows of the wrong width, garbled text."""
    header, table = read_table(raw, name)
    columns, problems = check_header(header, name)
    if problems:
        raise PlanError(problems)
    if not len(table):
        raise PlanError([Problem(
            name, None, None, "has a header but no activities.",
            "Add one row per activity below the header.",
        )])  # fmt: skip
    # Damage to the file itself: refused before any cell is read for its meaning.
    problems = row_shape_problems(columns, table.misshapen, name) + mojibake_problems(
        columns, table.rows(), name
    )
    if problems:
        raise PlanError(problems)
    return columns, table


def parse_plan(
    raw: bytes,
    name: str,
    units: pd.DataFrame,
    organisations: pd.DataFrame,
) -> Plan:
    """Bytes of a plan file → Plan, checked against the reference tables."""
    if len(raw) > MAX_PLAN_BYTES:
        raise PlanError([too_large(name, len(raw))])
    columns, table = read_plan_cells(raw, name)
    cells: dict[str, list[str]] = {}
    for position, column in enumerate(columns):
        cells[column] = stripped(table.columns[position])
        # A column whose cells lost their blanks is new: the unstripped one goes at once.
        table.columns[position] = []
    for optional in OPTIONAL_PLAN_COLUMNS:
        cells.setdefault(optional, [""] * len(table.numbers))
    checker = RowChecker(name, units, organisations)
    plan_parts = checker.check(cells, table.numbers)
    del cells, table  # the frames hold their own copies (Arrow); the lists can go
    if checker.problems:
        raise PlanError(checker.problems)
    activities, assignments, partners, events, themes = plan_parts
    as_of = derive_as_of(events)
    events = events.assign(status=event_status(events, as_of))
    plan = Plan(
        activities=activities,
        assignments=assignments,
        partners=partners,
        events=events,
        themes=themes,
        units=units.copy(),
        organisations=organisations.copy(),
        as_of=as_of,
        source_name=name,
        digest=hashlib.sha256(raw).hexdigest()[:16],
    )
    if is_workbook(raw):
        # The Excel download's other sheets are written from its plan sheet: one edited since
        # must not be passed over as if it had been read.
        problems = derived_sheet_problems(raw, name, plan)
        if problems:
            raise PlanError(problems)
    return plan


def derive_as_of(events: pd.DataFrame) -> date:
    """The last day of the latest occurrence the plan reports as held."""
    # Masks as arrays and one column filtered, not the whole frame twice.
    held = events["held_in_text"].to_numpy(dtype=bool) if "held_in_text" in events else None
    if held is None or not held.any():
        held = ~events["planned_in_text"].to_numpy(dtype=bool)
    if not held.any():
        return FALLBACK_AS_OF
    latest: pd.Timestamp = events["end"][held].max()
    return latest.date()
