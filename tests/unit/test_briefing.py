"""The Council briefing pack: the deck opened with python-pptx, the HTML report read as text,
and the command line. Kaleido (Chromium) starts once for the whole session."""

from __future__ import annotations

import html
import io
import re
from collections.abc import Callable
from pathlib import Path

import plotly.offline
import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from analysis.changes.whatif import MoveRole, apply_edits
from analysis.filters import FilterSpec
from analysis.measures.audit import CHECK_KINDS, audit, needs_decision
from analysis.model import Plan
from briefing import PackRequest, build_pack, is_what_if, pack_file_stem
from briefing.cli import main as briefing_main
from briefing.figures import DECIDE_ROWS, before_after_entry

from .pack_views import PACK_DAY, PACK_VIEWS
from .plan_text import plan_csv, row

TODAY = PACK_DAY
IG = PACK_VIEWS["Internet Governance"]
pytestmark = pytest.mark.xdist_group("packs")
EMPTY = FilterSpec(units=("BR",), pillars=("UN system-wide implementation",))
# The slides drawn as a picture of a chart.
CHART_TITLES = [
    "Sectors and the General Secretariat",
    "Workload by unit",
    "What was held",
    "Who works with whom",
]
# The slides after the cover: the charts, and the tables a room reads better than a chart.
BODY_TITLES = [
    CHART_TITLES[0],
    CHART_TITLES[1],
    "Responsibility matrix",
    "What was held",
    "What comes next",
    "Who works with whom",
    "Points to decide",
]
MOST_SLIDES = 10  # a ten-minute slot
PNG = b"\x89PNG\r\n\x1a\n"


def _pack(plan: Plan, spec: FilterSpec) -> tuple[bytes, str]:
    pack = build_pack(PackRequest(plan, spec, today=TODAY))
    return pack.deck, pack.report


@pytest.fixture(scope="session")
def whole_pack(packs: dict[str, tuple[bytes, str]]) -> tuple[bytes, str]:
    return packs["whole plan"]


@pytest.fixture(scope="session")
def ig_deck(packs: dict[str, tuple[bytes, str]]) -> bytes:
    return packs["Internet Governance"][0]


def _titles(deck: bytes) -> list[str]:
    slides = Presentation(io.BytesIO(deck)).slides
    return [slide.shapes.title.text if slide.shapes.title else "" for slide in slides]


def _shape_named(slide: object, name: str) -> object | None:
    return next((s for s in slide.shapes if s.name == name), None)  # type: ignore[attr-defined]


def _chart_slides(deck: bytes) -> list[object]:
    slides = list(Presentation(io.BytesIO(deck)).slides)
    return [s for s in slides if s.shapes.title and s.shapes.title.text in CHART_TITLES]


def _table(deck: bytes, title: str) -> object:
    slide = next(
        slide for slide in Presentation(io.BytesIO(deck)).slides
        if slide.shapes.title and slide.shapes.title.text == title
    )  # fmt: skip
    return next(shape.table for shape in slide.shapes if shape.has_table)  # type: ignore[attr-defined]


def _rows(table: object) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]  # type: ignore[attr-defined]


# ---------------------------------------------------------------- the deck


def test_whole_plan_deck_fits_a_ten_minute_slot(whole_pack: tuple[bytes, str]) -> None:
    deck, _ = whole_pack
    presentation = Presentation(io.BytesIO(deck))
    assert presentation.slide_width * 9 == presentation.slide_height * 16
    titles = _titles(deck)
    assert titles == ["WSIS Implementation plan within ITU", *BODY_TITLES, "Source"]
    assert len(titles) <= MOST_SLIDES


def test_cover_states_as_of_filters_and_date(ig_deck: bytes) -> None:
    cover = Presentation(io.BytesIO(ig_deck)).slides[0]
    text = "\n".join(shape.text_frame.text for shape in cover.shapes if shape.has_text_frame)
    assert "as of 13 September 2006" in text
    assert "Filters in force: pillar: Internet Governance" in text
    assert "Generated 02 May 2024" in text


def test_each_chart_slide_has_a_sharp_picture_finding_and_caption(
    whole_pack: tuple[bytes, str],
) -> None:
    deck, _ = whole_pack
    slides = _chart_slides(deck)
    assert len(slides) == 4
    for slide in slides:
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == 1
        blob = pictures[0].image.blob
        assert blob.startswith(PNG)
        assert len(blob) > 10_000
        caption = _shape_named(slide, "Caption")
        assert caption is not None
        caption_text = caption.text_frame.text  # type: ignore[attr-defined]
        assert "Filters: no filters (the whole plan)" in caption_text
        assert "Weights: lead 1, assist 0.5; joint leads counted in full" in (caption_text)
        assert "Note by the ITU Secretary-General (2006)" in caption_text
        assert _shape_named(slide, "Finding") is not None


def _findings(deck: bytes) -> dict[str, str]:
    return {
        slide.shapes.title.text: _shape_named(slide, "Finding").text_frame.text  # type: ignore[union-attr]
        for slide in Presentation(io.BytesIO(deck)).slides
        if _shape_named(slide, "Finding") is not None
    }


def test_findings_on_the_slides(whole_pack: tuple[bytes, str], ig_deck: bytes) -> None:
    findings = _findings(whole_pack[0])
    assert findings["Sectors and the General Secretariat"].startswith(
        "The General Secretariat carries 46% of the weighted load"
    )
    assert findings["Workload by unit"].startswith("BDT carries 29% of the weighted load, 18 pts")
    assert findings["Responsibility matrix"] == "BDT leads 18 of 54 activities."
    # 46 dated events: 41 held, 3 planned, 2 unconfirmed (A36 in July, A06 on 31 Aug/1 Sept);
    # 18 held in May 2006.
    assert findings["What was held"] == (
        "41 of 46 dated events were held; the busiest month was May 2006, with 18."
    )
    assert findings["What comes next"] == (
        "3 events are planned after 13 September 2006, the plan's as-of date; 2 more were "
        "planned for a date now passed and not reported held."
    )
    assert findings["Who works with whom"].startswith("BDT is the most connected unit")
    assert findings["Points to decide"] == (
        "8 points need a decision; the 29 points only to know are in the report's appendix."
    )
    ig_findings = _findings(ig_deck)
    # A25 and A27 are led by TSB, A26 by SPU.
    assert ig_findings["Responsibility matrix"] == (
        "TSB leads 2 of 3 Internet Governance activities."
    )
    # The tie is named (2.5 of 6.5 each), in points against an even share.
    assert ig_findings["Sectors and the General Secretariat"] == (
        "ITU-T and the General Secretariat each carry 38% of the weighted load, 13 pts above an "
        "even share of 25% among the three Sectors and the General Secretariat."
    )


def test_what_comes_next_names_activity_and_lead_exact_dates_first(
    whole_pack: tuple[bytes, str],
) -> None:
    rows = _rows(_table(whole_pack[0], "What comes next"))
    assert rows[0] == ["When", "What (the plan's words)", "Activity", "Lead unit", "Where"]
    # The IGF in Athens (30 Oct - 2 Nov, dated to the day) before A10's October (month only)
    # and A35's 2006 (year only); then the two passed, unconfirmed ones.
    assert [row[0] for row in rows[1:]] == [
        "30 Oct – 2 Nov 2006",
        "≈ Oct 2006 (month only)",
        "≈ 2006 (year only)",
        "26–28 Jul 2006 (passed, not reported held)",
        "31 Aug – 1 Sep 2006 (passed, not reported held)",
    ]
    assert rows[1][2].startswith("A25 · ") and rows[1][3] == "TSB" and rows[1][4] == "Athens"
    assert rows[2][2].startswith("A10 · ") and rows[2][3] == "BDT"


def test_matrix_slide_counts_leads_and_assists_per_pillar(whole_pack: tuple[bytes, str]) -> None:
    rows = _rows(_table(whole_pack[0], "Responsibility matrix"))
    assert rows[0] == ["Unit", "Multi-stakeholder implementation",
                       "UN system-wide implementation", "Internet Governance",
                       "Other implementation issues"]  # fmt: skip
    by_unit = {row[0]: row[1:] for row in rows[1:]}
    # BDT leads 15 and assists 5 Multi-stakeholder activities; the General Secretariat as a
    # whole (GS) assists one in Other implementation issues (A28).
    assert by_unit["BDT (ITU-D)"][0] == "15 L · 5 A"
    assert by_unit["General Secretariat (as a whole)"] == ["", "", "", "1 A"]
    assert "Libraries and Archives Services (GS)" in by_unit


def test_filtered_deck_captions_and_audit(ig_deck: bytes) -> None:
    titles = _titles(ig_deck)
    # Every Internet Governance activity has a lead and assists: nothing to decide, and the
    # slide says so.
    assert titles == ["WSIS Implementation plan within ITU", *BODY_TITLES, "Source"]
    assert _findings(ig_deck)["Points to decide"].startswith("Nothing in the audit needs")
    for slide in _chart_slides(ig_deck):
        caption = _shape_named(slide, "Caption").text_frame.text  # type: ignore[union-attr]
        assert "Filters: pillar: Internet Governance" in caption


def test_empty_filter_still_builds_with_a_note(plan: Plan) -> None:
    deck, html = _pack(plan, EMPTY)
    slides = _chart_slides(deck)
    assert len(slides) == 4
    for slide in slides:
        assert not [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        note = _shape_named(slide, "Nothing matches")
        assert note is not None
        assert note.text_frame.text.startswith("Nothing matches these filters")  # type: ignore[attr-defined]
    assert html.count('class="plotly-graph-div"') == 0
    assert html.count("Nothing matches these filters") == 6  # the charts and the two tables


def test_points_to_decide_are_one_slide_of_the_points_to_fix(
    plan: Plan, whole_pack: tuple[bytes, str]
) -> None:
    deck, report = whole_pack
    table = _table(deck, "Points to decide")
    rows = _rows(table)
    to_fix = needs_decision(audit(plan))
    assert len(to_fix) == 8 and len(rows) - 1 == len(to_fix) <= DECIDE_ROWS
    assert [row[0] for row in rows[1:]] == [
        f"{row.activity_id} · {row.title}" for row in to_fix.itertuples()
    ]
    sizes = {
        paragraph.font.size.pt
        for row in table.rows  # type: ignore[attr-defined]
        for cell in row.cells
        for paragraph in cell.text_frame.paragraphs
    }
    assert min(sizes) >= 14
    # The 29 points only to know are in the report's appendix, each once.
    appendix = report[report.index('id="appendix"') :]
    to_know = audit(plan)[audit(plan)["check"].map(CHECK_KINDS) == "to know"]
    assert len(to_know) == 29
    for point in to_know.itertuples():
        assert f"<td>{point.activity_id} · " in appendix


def test_source_slide_cites_document_and_plan_file(whole_pack: tuple[bytes, str]) -> None:
    deck, _ = whole_pack
    source = Presentation(io.BytesIO(deck)).slides[-1]
    text = _shape_named(source, "Source").text_frame.text  # type: ignore[union-attr]
    assert '"WSIS Implementation plan within ITU", Note by the ITU Secretary-General (2006)' in text
    assert "Plan file used: data/plan.csv" in text


def test_the_slide_and_the_report_give_the_same_source_lines(
    whole_pack: tuple[bytes, str],
) -> None:
    deck, report = whole_pack
    source = Presentation(io.BytesIO(deck)).slides[-1]
    slide = _shape_named(source, "Source").text_frame.text.splitlines()  # type: ignore[union-attr]
    section = report[report.index('id="source"') :]
    said = [html.unescape(line) for line in re.findall(r"<p>(.*?)</p>", section)]
    assert slide == said[: len(slide)]
    assert len(slide) == 6


# ---------------------------------------------------------------- the HTML report

LOADS = [
    re.compile(r"""\bsrc\s*=\s*["']?\s*(https?:)?//""", re.IGNORECASE),
    re.compile(r"""\bhref\s*=\s*["']?\s*(https?:)?//""", re.IGNORECASE),
    re.compile(r"@import", re.IGNORECASE),
    re.compile(r"""url\(\s*["']?\s*(https?:)?//""", re.IGNORECASE),
]


def test_html_embeds_plotly_once_and_every_chart(whole_pack: tuple[bytes, str]) -> None:
    _, html = whole_pack
    assert html.count('class="plotly-graph-div"') == 4
    for key in ("sectors", "workload", "held", "network"):
        assert f'id="chart-{key}"' in html
    bundle = plotly.offline.get_plotlyjs()
    assert html.count(bundle) == 1
    assert "cdn.plot.ly" not in html.replace(bundle, "")
    assert "<script src=" not in html


def test_html_loads_nothing_from_the_network(whole_pack: tuple[bytes, str]) -> None:
    _, html = whole_pack
    bundle = plotly.offline.get_plotlyjs()
    ours = html.replace(bundle, "")
    for pattern in LOADS:
        assert not pattern.search(ours), pattern.pattern
    # plotly.js itself names map-tile attribution links (<a href=...>) as strings, used only by
    # map charts; it never loads a script, style sheet or image by URL.
    for pattern in (LOADS[0], LOADS[2], LOADS[3]):
        assert not pattern.search(bundle), pattern.pattern


def test_html_prints_on_a4_landscape_with_page_breaks(whole_pack: tuple[bytes, str]) -> None:
    _, html = whole_pack
    assert "@page { size: A4 landscape; margin: 12mm; }" in html
    assert "break-before: page" in html
    # Six chart and table sections, the points to decide and the appendix each from a new
    # page; the source follows on.
    assert html.count('<section class="section"') == 8
    assert html.count('<section class="section flow"') == 1


def test_html_escapes_plan_text(parse: Callable[..., Plan]) -> None:
    hostile = "Evil <script>alert(1)</script> & co"
    plan = parse(
        plan_csv(
            row(activity_id="X1", title=hostile, lead="Sectors", comments="Meeting on 5 May 2006."),
            row(activity_id="X2", title="Second", lead="BDT"),
        )
    )
    deck, html = _pack(plan, FilterSpec())
    assert "<script>alert(1)</script>" not in html
    assert "Evil &lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html
    # 'Sectors' is a vague assignment: a point to decide. python-pptx writes it as typed.
    assert _rows(_table(deck, "Points to decide"))[1][0] == f"X1 · {hostile}"


def test_file_stem_names_filters_and_date() -> None:
    assert pack_file_stem(IG, TODAY) == "wsis-briefing-pillar-internet-governance-2024-05-02"
    assert pack_file_stem(FilterSpec(), TODAY) == "wsis-briefing-2024-05-02"
    assert pack_file_stem(IG, TODAY, what_if=True) == (
        "wsis-briefing-what-if-pillar-internet-governance-2024-05-02"
    )


def test_a_what_if_pack_opens_with_before_and_after(plan: Plan) -> None:
    # WSIS-ES's roles go to CEC: the General Secretariat's share falls from 46% to 43% (its
    # assists merged into CEC's leads count once), BDT's rises from 29% to 31%.
    revised = apply_edits(plan, [MoveRole(None, "WSIS-ES", "CEC")], dated=TODAY)
    assert is_what_if(revised) and not is_what_if(plan)
    pack = build_pack(PackRequest(revised, today=TODAY, before=plan, plan_label="revised.csv"))
    titles = _titles(pack.deck)
    assert titles[1] == "What-if: before and after"
    # Both plans named by their files, as Compare plans names them.
    slide = Presentation(io.BytesIO(pack.deck)).slides[1]
    assert _shape_named(slide, "Caption").text_frame.text.startswith(  # type: ignore[union-attr]
        "The weighted load (lead 1, assist 0.5; joint leads counted in full) of each Sector and "
        "the General Secretariat in data/plan.csv, before the what-if's edits (light, hatched, "
        "B), and in revised.csv, after them (solid, A) · "
    )
    assert titles[2:-1] == BODY_TITLES and len(titles) <= MOST_SLIDES
    assert _findings(pack.deck)["What-if: before and after"] == (
        "Largest share after the edits, the General Secretariat: 46% → 43% (-3 pts); largest "
        "unit share, BDT: 29% → 31% (+2 pts)."
    )
    assert 'id="chart-before-after"' in pack.report


@pytest.mark.parametrize(
    ("names", "legend"),
    [
        (None, ["data/plan.csv (B, light, hatched)", "revised.csv (A, solid)"]),
        (
            ("bundled data/plan.csv", "uploaded WSIS plan, revision 3.csv"),
            ["bundled data/plan.csv (B, light, hatched)", "uploaded WSIS plan, rev… (A, solid)"],
        ),
    ],
    ids=["files", "compare-names"],
)
def test_the_before_after_chart_names_both_plans(
    plan: Plan, names: tuple[str, str] | None, legend: list[str]
) -> None:
    revised = apply_edits(plan, [MoveRole(None, "WSIS-ES", "CEC")], dated=TODAY)
    request = PackRequest(
        revised, today=TODAY, before=plan, plan_label="revised.csv", compared_names=names
    )
    figure = before_after_entry(request, revised).figure
    assert figure is not None
    # The two bars' names (hover), then the legend's key; a long name is cut in the legend only.
    assert [trace.name for trace in figure.data[:4]] == [*request.before_after_names(), *legend]


# ---------------------------------------------------------------- the command line
# (How long a pack takes is measured by the benchmark, not asserted by a timed test that fails
# whenever the machine is busy.)


def test_cli_writes_both_files_with_the_weights_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck, report = tmp_path / "ig.pptx", tmp_path / "ig.html"
    code = briefing_main(
        ["--out", str(deck), "--html", str(report), "--pillar", "internet governance",
         "--assist-weight", "0.25", "--split-joint-leads"]
    )  # fmt: skip
    assert code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Wrote {deck} and {report} (pillar: Internet Governance;")
    assert "lead 1, assist 0.25; joint leads split" in out
    assert _titles(deck.read_bytes())[1:-1] == BODY_TITLES
    assert report.read_text(encoding="utf-8").count('class="plotly-graph-div"') == 4
    # Assist 0.25 and joint leads split: TSB's share of Internet Governance is 47%, as the
    # Workload page says with those weights.
    slides = _chart_slides(deck.read_bytes())
    finding = _shape_named(slides[1], "Finding").text_frame.text  # type: ignore[union-attr]
    assert finding.startswith("TSB carries 47% of the weighted load")


def test_cli_bad_plan_exits_1_with_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    code = briefing_main(["--out", str(tmp_path / "x.pptx"), "--plan", str(bad)])
    assert code == 1
    err = capsys.readouterr().err
    assert "column 'a': is not a plan column" in err
    assert "Traceback" not in err
    assert not (tmp_path / "x.pptx").exists()


def test_cli_unknown_unit_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert briefing_main(["--out", str(tmp_path / "x.pptx"), "--unit", "XYZ"]) == 1
    assert "--unit 'XYZ' matches nothing in the plan." in capsys.readouterr().err
