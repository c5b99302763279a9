"""Property tests: whatever the bytes, the loader answers with a Plan or a PlanError."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.model import C7_THEMES, PARTNER_ROLES, PILLARS, PLAN_COLUMNS, Plan, PlanError
from analysis.planfile.mojibake import repaired
from analysis.planfile.plan_csv import plan_to_csv_text
from analysis.planfile.plan_file import text_lines
from analysis.planfile.plan_text import PlanText, check_decodes

from .frames import assert_frame_equal
from .plan_text import HEADER

Parse = Callable[..., Plan]
UNITS = ["BR", "TSB", "BDT", "SPU", "CEC", "WSIS-ES", "GS", "Sectors", "sectors"]
ORGANISATIONS = ["ITU", "UNESCO", "UNDP", "UN-DESA", "UNDESA", "UNCTAD", "WHO", "KADO", "APC"]
SENTENCES = [
    "First meeting held on 16 May.",
    "Main CSTD session May 15-19 2006, in Geneva.",
    "A meeting on WTDC Res. 45 is planned for 31 Aug/1 Sept.",
    "IGF meeting, 30 October – 2 November, in Athens.",
    "First meeting to be held in October 2006.",
    "Connect the World pavilion to be organised at ITU TELECOM World 2006.",
    "Stocktaking report (first edition) published in November 2005.",
    "Focal point is UNESCO.",
    "Workshop held 2006-05-16.",
]


def _check(parse: Parse, raw: bytes) -> None:
    try:
        result = parse(raw)
    except PlanError as error:
        assert error.problems, "a PlanError always names at least one problem"
        for problem in error.problems:
            assert str(problem)
    else:
        assert isinstance(result, Plan)


@given(raw=st.binary(max_size=2000))
def test_arbitrary_bytes(parse: Parse, raw: bytes) -> None:
    _check(parse, raw)


@given(raw=st.binary(max_size=300).map(lambda tail: HEADER.encode() + b"\n" + tail))
def test_arbitrary_bytes_after_a_good_header(parse: Parse, raw: bytes) -> None:
    _check(parse, raw)


_plausible_cell = st.one_of(
    st.sampled_from(["", "X1", "X2", "A07", "C7", "C7; C4", "C12", "eHealth", "e-Commerce"]),
    st.sampled_from(PILLARS),
    st.sampled_from(UNITS).map(lambda unit: f"{unit} (note)"),
    st.lists(st.sampled_from(UNITS), max_size=3).map("; ".join),
    st.sampled_from(ORGANISATIONS).map(lambda org: f"{org} (focal point)"),
    st.sampled_from(ORGANISATIONS),
    st.lists(st.sampled_from(SENTENCES), max_size=3).map(" ".join),
)
_implausible_cell = st.text(
    alphabet=st.sampled_from([*"abcXYZ019 ;,()\"'\n\r\t–é=+-/.", "\u2028", "\x0b"]),
    max_size=30,
)
_cell = st.one_of(_plausible_cell, _implausible_cell)


@given(
    header=st.one_of(
        st.just(list(PLAN_COLUMNS)),
        st.permutations(list(PLAN_COLUMNS)).map(list),
        st.lists(st.sampled_from([*PLAN_COLUMNS, "comment", "", "Lead "]), max_size=15),
    ),
    rows=st.lists(st.lists(_cell, min_size=0, max_size=15), max_size=6),
    delimiter=st.sampled_from([",", ";"]),
)
def test_arbitrary_rows(
    parse: Parse, header: list[str], rows: list[list[str]], delimiter: str
) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    _check(parse, buffer.getvalue().encode("utf-8"))


# ---------------------------------------------------------------- round trip

# "é––" is byte for byte what a CJK character garbled through Windows-1252 looks like, and the
# reader refuses such text (analysis/planfile/mojibake.py): the generated titles steer clear of it.
_title = (
    st.text(alphabet=st.sampled_from(list("abcdefXYZ 0123,;()'\"–é:/")), min_size=1, max_size=40)
    .map(str.strip)
    .filter(bool)
    .filter(lambda text: repaired(text) is None)
)


@st.composite
def valid_rows(draw: st.DrawFn) -> list[dict[str, str]]:
    count = draw(st.integers(min_value=1, max_value=6))
    rows = []
    for index in range(count):
        lines = draw(st.lists(st.sampled_from(["C1", "C4", "C6", "C7", "C11"]), unique=True))
        theme = draw(st.sampled_from(C7_THEMES)) if "C7" in lines else ""
        leads = draw(st.lists(st.sampled_from(UNITS[:7]), unique=True, max_size=2))
        # A unit holds one role per activity: assists are drawn from the units not leading.
        assists = draw(
            st.lists(
                st.sampled_from([unit for unit in UNITS if unit not in leads]),
                unique=True,
                max_size=3,
            )
        )
        partners = draw(
            st.lists(
                st.tuples(st.sampled_from(ORGANISATIONS), st.sampled_from(PARTNER_ROLES)),
                unique=True,
                max_size=3,
            )
        )
        rows.append(
            {
                "activity_id": f"R{index}",
                "parent_id": f"R{index - 1}" if index and draw(st.booleans()) else "",
                "pillar": draw(st.sampled_from(PILLARS)),
                "title": draw(_title),
                "action_line": "; ".join(lines),
                "theme": theme,
                "references": draw(st.sampled_from(["", "para 103", "paras 67, 72-79"])),
                "lead": "; ".join(leads),
                "assist": "; ".join(assists),
                "partners": "; ".join(f"{org} ({role})" for org, role in partners),
                "cross_references": "",
                "allocation_text": draw(_title),
                "comments": " ".join(draw(st.lists(st.sampled_from(SENTENCES), max_size=3))),
            }
        )
    return rows


# Two parses an example, the costliest property of the suite: half the profile's examples (the
# full profile's 200 -> 100, the fast one's 20 -> 10), the same property.
@settings(max_examples=max(settings.default.max_examples // 2, 1))
@given(rows=valid_rows())
def test_round_trip_through_export(parse: Parse, rows: list[dict[str, str]]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(PLAN_COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    first = parse(buffer.getvalue())
    second = parse(plan_to_csv_text(first))
    for name in ("activities", "assignments", "partners", "events", "themes"):
        assert_frame_equal(getattr(first, name), getattr(second, name), obj=name)
    assert first.as_of == second.as_of


@given(st.text(alphabet=st.sampled_from('ab,;"\r\n\t\x85\u2028\x0b\x1c\ufeffé'), max_size=40))
def test_lines_are_split_as_stringio_splits_them(text: str) -> None:
    """text_lines (no 4-byte-a-character copy of the text) gives csv.reader what
    io.StringIO(text, newline="") gave it: the same lines, so the same rows and errors."""
    assert list(text_lines(text)) == list(io.StringIO(text, newline=""))


_TEXT = st.text(alphabet=st.sampled_from('ab,;"\r\n\t\x85\u2028\ufeffé€'), max_size=40)


@given(_TEXT, st.sampled_from(["utf-8-sig", "cp1252"]), st.integers(1, 9), st.booleans())
def test_lines_read_a_slice_at_a_time_are_the_whole_texts(
    text: str, encoding: str, size: int, bom: bool
) -> None:
    """PlanText decodes a slice at a time (never the whole 10 MB as one string): the lines
    csv.reader gets are those of the whole text, wherever the slices fall."""
    raw = (b"\xef\xbb\xbf" if bom else b"") + text.encode(
        "utf-8" if encoding == "utf-8-sig" else "cp1252", errors="replace"
    )
    whole = raw.decode(encoding)
    sliced = PlanText(raw, encoding, slice_bytes=size)
    assert list(sliced.lines()) == list(text_lines(whole))
    assert sliced.whole() == whole
    assert sliced.is_blank() == (not whole.strip())
    if whole:
        assert sliced.ends_with_line_end() == (whole[-1] in "\r\n")


@given(st.binary(max_size=40), st.sampled_from(["utf-8-sig", "cp1252"]), st.integers(1, 9))
def test_decoding_a_slice_at_a_time_fails_as_the_whole_does(
    raw: bytes, encoding: str, size: int
) -> None:
    """The same error (reason and byte) as decoding the whole file, or none when it decodes."""
    try:
        raw.decode(encoding)
        expected = None
    except UnicodeDecodeError as error:
        expected = (error.reason, error.start)
    try:
        check_decodes(raw, encoding, size)
        got = None
    except UnicodeDecodeError as error:
        got = (error.reason, error.start)
    assert got == expected
