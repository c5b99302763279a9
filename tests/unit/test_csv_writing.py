"""Every CSV the project writes comes from analysis.planfile.csv_format: UTF-8 with a byte-order
mark, cells with a separator, quote, CR or LF quoted, formula-like text neutralised in exports; and
the plan CSV reads its own output back as the same plan."""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.export import csv_zip_bytes
from analysis.model import PLAN_COLUMNS, Plan
from analysis.planfile.csv_format import csv_bytes, csv_text, neutralise, restore_neutralised
from analysis.planfile.load import BUNDLED_PLAN, write_tables
from analysis.planfile.plan_csv import plan_csv_bytes

from .frames import assert_frame_equal, assert_same_facts
from .plan_text import row

Parse = Callable[..., Plan]


def test_the_bundled_plan_is_written_by_the_one_writer() -> None:
    """data/plan.csv is exactly what csv_bytes writes for its cells (a BOM, CRLF row ends)."""
    raw = BUNDLED_PLAN.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    cells = pd.read_csv(BUNDLED_PLAN, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert csv_bytes(cells, for_people=False) == raw


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("-- Internet Governance: see below", "'-- Internet Governance: see below"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("'=already", "''=already"),
        ("'plain apostrophe", "'plain apostrophe"),
        ("\rhidden", "'\rhidden"),
        ("plain", "plain"),
        ("Budget;=cmd|' /C calc'!A0", "Budget;'=cmd|' /C calc'!A0"),
        ("a,-b", "a,'-b"),
        ("\t=x", "'\t'=x"),
        ("note\n@x", "note\n'@x"),
        ('a;"=b', "a;\"'=b"),
        ("a;'=b", "a;''=b"),
        ("a; =b", "a; =b"),
    ],
)
def test_neutralise_and_restore(value: str, written: str) -> None:
    assert neutralise(value) == written
    assert restore_neutralised(written) == value


@pytest.mark.parametrize("separator", [",", ";", "\t"])
def test_no_cell_starts_a_formula_whatever_separator_a_spreadsheet_splits_on(
    separator: str,
) -> None:
    """Excel or Calc set to semicolons splits a comma file at every ';', quoted or not: the
    audit's "Budget;=cmd|' /C calc'!A0" became a formula cell (Calc 7.4, CSV import with
    separator 59 and formulas evaluated, read B2 as =1+1 for "Budget;=1+1"; none after)."""
    cells = ["Budget;=cmd|' /C calc'!A0", "a,=1+1", "x\t@SUM(A1)", 'a;"=4+4', "note\n-1", "=2"]
    frame = pd.DataFrame({"id": [f"A{n}" for n in range(len(cells))], "text": cells})
    text = csv_text(frame)
    fields = [
        field
        for record in csv.reader(io.StringIO(text, newline=""), delimiter=separator)
        for field in record
    ]
    assert fields
    assert not [field for field in fields if field.startswith(("=", "+", "-", "@"))]


# Every character the formula guard and the quoting look at, and plain ones.
_CELL = st.text(alphabet=st.sampled_from(list("ab '\"=+-@\t\r\n,;")), max_size=8)


# Twenty cells an example: a few examples try hundreds of cells.
@settings(max_examples=min(20, settings().max_examples))
@given(st.lists(_CELL, min_size=1, max_size=20))
def test_cells_are_written_neutralised_then_quoted(texts: list[str]) -> None:
    """csv_text runs the guard's pattern only on text it could match: what it writes is still
    neutralise's text, in double quotes (doubled inside) when it holds , " CR or LF."""
    lines = ["cell"]
    for text in texts:
        neutralised = str(neutralise(text))
        if any(character in neutralised for character in ',"\r\n'):
            neutralised = '"' + neutralised.replace('"', '""') + '"'
        lines.append(neutralised)
    assert csv_text(pd.DataFrame({"cell": texts})) == "\r\n".join(lines) + "\r\n"


def test_a_bare_carriage_return_is_quoted() -> None:
    frame = pd.DataFrame({"a": ["one\rtwo", "x,y", 'say "hi"', "plain"]})
    assert csv_text(frame) == 'a\r\n"one\rtwo"\r\n"x,y"\r\n"say ""hi"""\r\nplain\r\n'


def test_the_zip_and_the_cli_export_are_neutralised_with_a_bom(plan: Plan, tmp_path: Path) -> None:
    with zipfile.ZipFile(io.BytesIO(csv_zip_bytes(plan))) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    assert all(raw.startswith(codecs.BOM_UTF8) for raw in members.values())
    assert b"'-- Internet Governance: see below" in members["plan.csv"]
    written = write_tables({"t": pd.DataFrame({"x": ["=HYPERLINK(1)"]})}, tmp_path)
    assert written[0].read_bytes() == codecs.BOM_UTF8 + b"x\r\n'=HYPERLINK(1)\r\n"


def test_the_zips_plan_csv_reads_back_as_the_plan(plan: Plan, parse: Parse) -> None:
    with zipfile.ZipFile(io.BytesIO(csv_zip_bytes(plan))) as archive:
        again = parse(archive.read("plan.csv"), "plan.csv")
    assert_same_facts(plan, again)
    assert "-- Internet Governance: see below" in set(again.activities["allocation_text"])


def test_a_cr_only_plan_gives_a_what_if_csv_the_dashboard_reads(parse: Parse) -> None:
    """A plan whose cell holds a bare CR used to be written unquoted, and refused on reading."""
    text = "\r\n".join(
        [",".join(PLAN_COLUMNS), ",".join(row().values()).replace("Lead: BDT", '"Lead: BDT\rNote"')]
    )
    first = parse((text + "\r\n").encode("utf-8"))
    assert first.activities.loc[0, "allocation_text"] == "Lead: BDT\rNote"
    assert_same_facts(first, parse(plan_csv_bytes(first)))


# ---------------------------------------------------------------- property: read(write(plan))

# Quotes, separators, CR and LF, formula starts, non-Latin scripts, emoji. Characters that
# Windows-1252 maps to UTF-8 continuation bytes (–, “, €, ...) are left out: beside é they can
# spell real mojibake, which the reader refuses on purpose.
SPECIAL = ['"', ",", ";", "\r", "\n", "\r\n", "=", "+", "-", "@", "'", "\t", "(", ")"]
SCRIPTS = ["é", "ß", "Ж", "中文", "عربي", "😀", "👩\u200d💻"]
ALPHABET = st.sampled_from([*"abc XYZ019", *SPECIAL, *SCRIPTS])
TEXT = st.lists(ALPHABET, min_size=1, max_size=12).map("".join).map(str.strip).filter(bool)


# Each example writes and reads a plan three ways: fewer examples than the profile's.
@settings(max_examples=min(60, settings().max_examples))
@given(
    titles=st.lists(TEXT, min_size=1, max_size=4),
    notes=st.lists(TEXT, min_size=1, max_size=4),
)
def test_read_write_read_keeps_every_cell(
    parse: Parse, titles: list[str], notes: list[str]
) -> None:
    rows = [
        row(
            activity_id=f"X{n}",
            title=title,
            references=notes[n % len(notes)],
            cross_references=notes[(n + 1) % len(notes)],
            allocation_text=notes[(n + 2) % len(notes)],
        )
        for n, title in enumerate(titles)
    ]
    frame = pd.DataFrame(rows, columns=list(PLAN_COLUMNS))
    plan = parse(csv_bytes(frame, for_people=False))
    assert_frame_equal(plan.activities[list(PLAN_COLUMNS)], frame, check_dtype=False)
    again = parse(plan_csv_bytes(plan))
    assert_same_facts(plan, again)
