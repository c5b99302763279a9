"""The tidy frames and the plan as spreadsheet-safe downloads with ISO dates: CSV (written by the
one CSV writer, analysis.planfile.csv_format), the zip of CSVs and the Excel workbook."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping

import pandas as pd
from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.packaging.custom import StringProperty  # type: ignore[import-untyped]

from analysis.measures.activities import plan_table
from analysis.model import Plan
from analysis.planfile.csv_format import csv_bytes, neutralise
from analysis.planfile.export_tables import cell_value, export_frames, sheet_texts
from analysis.planfile.plan_csv import plan_csv_bytes
from analysis.planfile.workbook_file import DERIVED_DIGESTS, PLAN_SHEET, sheet_digest

__all__ = ["neutralise"]  # defined in analysis.planfile.csv_format, beside the reader's inverse


def download_tables(plan: Plan) -> dict[str, pd.DataFrame]:
    """What the downloads hold: the four tidy export tables and the plan in plan.csv's columns
    (formula-like text is neutralised when written)."""
    plan_sheet = plan_table(plan.activities)
    return {**export_frames(plan), "plan": plan_sheet}


def csv_zip_bytes(plan: Plan) -> bytes:
    """A zip of CSVs: activities, assignments, partners, events (tidy, ISO dates) and plan.csv
    (the plan's own format, which the dashboard can read back)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, frame in export_frames(plan).items():
            archive.writestr(f"{name}.csv", csv_bytes(frame))
        archive.writestr("plan.csv", plan_csv_bytes(plan))
    return buffer.getvalue()


def workbook_bytes(tables: Mapping[str, pd.DataFrame]) -> bytes:
    """One .xlsx with a sheet per table, header row first. Text that a spreadsheet would run
    as a formula gets a leading apostrophe; characters Excel cannot store are dropped.

    With a "plan" sheet (the plan in plan.csv's columns, the only sheet read back), the other
    sheets are derived from it: they are protected (Excel and Calc ask before an edit) and
    their digests are kept in the workbook, so that the loader can tell a derived sheet edited
    since from one left as written (analysis.planfile.derived_sheets)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    digests: dict[str, str] = {}
    for name, frame in tables.items():
        title = _sheet_title(name)
        sheet = workbook.create_sheet(title=title)
        sheet.append([str(column) for column in frame.columns])
        for record in frame.itertuples(index=False):
            sheet.append([cell_value(value) for value in record])
        sheet.freeze_panes = "A2"
        if PLAN_SHEET in tables and name != PLAN_SHEET:
            sheet.protection.sheet = True
            digests[title] = sheet_digest(sheet_texts(frame))
    if digests:
        value = ";".join(f"{title}={digest}" for title, digest in digests.items())
        workbook.custom_doc_props.append(StringProperty(name=DERIVED_DIGESTS, value=value))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_title(name: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", "_", name)[:31] or "sheet"
