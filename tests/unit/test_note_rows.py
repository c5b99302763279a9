"""The sentence reader (analysis.note.rows): the note's table rows to plan rows, fact for fact
on the bundled plan, and on sentences the 2006 note does not have."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.model import PILLAR_NOT_STATED, PLAN_COLUMNS
from analysis.note.rows import READ_COLUMNS, NoteReading, read_table_rows
from analysis.note.table import TableRow
from analysis.planfile.cells import parse_item, split_items
from analysis.planfile.load import BUNDLED_PLAN, read_reference

from .note_rows import note_rows_of

References = tuple[pd.DataFrame, pd.DataFrame]
PILLAR = "Multi-stakeholder implementation"


@pytest.fixture(scope="module")
def bundled() -> pd.DataFrame:
    return pd.read_csv(BUNDLED_PLAN, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def read(reference: References, *rows: TableRow, plan: pd.DataFrame | None = None) -> NoteReading:
    units, organisations = reference
    return read_table_rows(list(rows), units, organisations, plan)


def one_row(
    allocation: str, comments: str = "", activity: str = "Action Line C3 (Access)"
) -> TableRow:
    return TableRow(PILLAR, activity, allocation, comments, "row 3")


def test_the_bundled_plan_read_back_from_its_own_sentences_is_the_plan(
    reference: References, bundled: pd.DataFrame
) -> None:
    reading = read(reference, *note_rows_of(bundled))
    assert list(reading.plan.columns) == list(READ_COLUMNS)
    pd.testing.assert_frame_equal(reading.plan[list(PLAN_COLUMNS)], bundled[list(PLAN_COLUMNS)])
    assert (reading.plan["section"] == bundled["pillar"]).all()
    # Two fragments the 2006 note gives no fact for: "and others" of the World Information
    # Society Report's partners, and WSIS-ES's Executive Director assisting the IGF (a comment).
    assert [(item.activity_id, item.column, item.text[:23]) for item in reading.unread] == [
        ("A32", "allocation", "others"),
        ("A39", "comments", "WSIS-ES Executive Direc"),
    ]


@pytest.mark.parametrize(
    ("allocation", "lead", "assist"),
    [
        ("Lead: BDT. Assisted by TSB for standards.", "BDT", "TSB (for standards)"),
        ("Assisted by TSB and SPU.\nLead: BR.", "BR", "TSB; SPU"),
        ("Lead BDT\nAssisted by CEC (general), BR", "BDT", "CEC (general); BR"),
        ("SPU, assisted by WSIS-ES (logistics) and GS.", "SPU", "WSIS-ES (logistics); GS"),
        ("Joint lead: TSB and BDT.", "TSB; BDT", ""),
        ("Led by TSB, assisted by BR.", "TSB", "BR"),
        ("Secretariat: CEC\nFocal points in BDT and sectors.", "CEC (Secretariat)",
         "BDT (focal point); Sectors (focal point)"),
        ("No ITU lead nominated.", "", ""),
        ("Lead: bdt, assisted by Libraries and Archives Services", "BDT",
         "Libraries and Archives Services"),
    ],
)  # fmt: skip
def test_roles_in_sentences_the_note_does_not_have(
    reference: References, allocation: str, lead: str, assist: str
) -> None:
    reading = read(reference, one_row(allocation))
    assert reading.plan.loc[0, ["lead", "assist"]].tolist() == [lead, assist]
    assert reading.unread == ()


def test_a_unit_or_organisation_added_to_the_tables_is_read(reference: References) -> None:
    units, organisations = reference
    units = pd.concat(
        [units, pd.DataFrame([{"code": "ITU-D RO", "name": "Regional Office", "sector": "ITU-D"}])]
    )
    organisations = pd.concat([organisations, pd.DataFrame([
        {"code": "UNIDO", "name": "UN Industrial Development Organization", "kind": "UN body",
         "aliases": ""},
    ])])  # fmt: skip
    row = one_row(
        "Lead: ITU-D RO. Assisted by SPU.", "Focal point is UNIDO, with ITU as co-facilitator."
    )
    reading = read((units, organisations), row)
    assert reading.plan.loc[0, ["lead", "assist", "partners"]].tolist() == [
        "ITU-D RO", "SPU", "UNIDO (focal point); ITU (co-facilitator)",
    ]  # fmt: skip
    # Without them in the tables, the same sentences are listed, never guessed.
    unread = read(reference, row)
    assert unread.plan.loc[0, ["lead", "partners"]].tolist() == ["", "ITU (co-facilitator)"]
    assert [(item.column, item.text) for item in unread.unread] == [
        ("allocation", "ITU-D RO"),
        ("comments", "Focal point is UNIDO, with ITU as co-facilitator."),
    ]


@pytest.mark.parametrize(
    ("comments", "partners"),
    [
        ("WHO is the focal point, with ITU as co-facilitator.",
         "WHO (focal point); ITU (co-facilitator)"),
        ("Co-facilitator is UNDP. Focal point is ITU.", "UNDP (co-facilitator); ITU (focal point)"),
        ("Joint UNCTAD/ITU/FAO seminar held on 3 May.", "UNCTAD (partner); FAO (partner)"),
        ("In partnership with KADO and UNDESA.", "KADO (partner); UN-DESA (partner)"),
        ("ILO and ITU co-organised a meeting on 2 June.", "ILO (partner)"),
    ],
)  # fmt: skip
def test_partners_in_sentences_the_note_does_not_have(
    reference: References, comments: str, partners: str
) -> None:
    reading = read(reference, one_row("Lead: BDT.", comments))
    assert reading.plan.loc[0, "partners"] == partners
    assert reading.unread == ()


def test_items_that_name_their_own_lead_are_activities_under_their_row(
    reference: References,
) -> None:
    row = TableRow(
        PILLAR,
        "ITU action on paragraphs of the Tunis Agenda",
        "Lead: SPU.\n35:  work on cybersecurity (BDT and TSB)\n-- Spam: Lead: TSB, assisted by BR\n"
        "Partner Index, lead BDT",
        "Held on 3 May.",
        "row 9",
    )
    plan = read(reference, row).plan
    assert plan[["activity_id", "parent_id", "title", "lead", "assist", "references"]].to_dict(
        "records"
    ) == [
        {"activity_id": "A01", "parent_id": "", "title": row.activity, "lead": "SPU",
         "assist": "", "references": ""},
        {"activity_id": "A01.1", "parent_id": "A01", "title": "35: work on cybersecurity",
         "lead": "BDT; TSB", "assist": "", "references": "para 35 of Tunis Agenda"},
        {"activity_id": "A01.2", "parent_id": "A01", "title": "Spam", "lead": "TSB",
         "assist": "BR", "references": ""},
        {"activity_id": "A01.3", "parent_id": "A01", "title": "Partner Index", "lead": "BDT",
         "assist": "", "references": ""},
    ]  # fmt: skip
    assert plan["allocation_text"].tolist()[0] == "Lead: SPU."
    assert plan["comments"].tolist() == ["Held on 3 May.", "", "", ""]


def test_a_heading_that_is_not_a_pillar_takes_the_pillar_of_the_plan_in_use(
    reference: References, bundled: pd.DataFrame
) -> None:
    heading = "Activities traditionally part of ITU's mandate, but with the addition of new tasks"
    known = TableRow(heading, "Action Line C3 (Access to Information)", "Lead: BDT.", "", "row 2")
    new = TableRow(heading, "A task never seen", "Lead: SPU.", "", "row 3")
    reading = read(reference, known, new, plan=bundled)
    assert reading.plan[["pillar", "section"]].values.tolist() == [
        ["Multi-stakeholder implementation", heading],
        [PILLAR_NOT_STATED, heading],
    ]
    assert [(item.activity_id, item.column, item.text) for item in reading.unread] == [
        ("A01", "pillar", "Multi-stakeholder implementation"),
        ("A02", "pillar", PILLAR_NOT_STATED),
    ]
    assert read(reference, known).plan.loc[0, "pillar"] == PILLAR_NOT_STATED


def test_a_pointer_row_tags_the_activity_it_names_and_is_no_activity(
    reference: References,
) -> None:
    rows = [
        TableRow(PILLAR, "Action Line C7, Theme eScience", "See C4 above", "", "row 0"),
        TableRow(PILLAR, "Action Line C4 (Capacity-building)", "Lead: BDT.", "", "row 1"),
        TableRow(PILLAR, "Action Line C7, Theme eLearning", "See C4 above", "", "row 2"),
        TableRow(PILLAR, "Action Line C9 (Media)", "See C2 above", "", "row 3"),
        TableRow(PILLAR, "Action Line C7, Theme eHealth", "See C10 above", "", "row 4"),
        TableRow(PILLAR, "Composite indices", "See Ethics below", "", "row 5"),
        TableRow(PILLAR, "Action Line C10 (Ethics)", "Lead: SPU.", "", "row 6"),
    ]
    reading = read(reference, *rows)
    assert reading.plan[["activity_id", "action_line", "theme", "cross_references"]].to_dict(
        "records"
    ) == [
        {"activity_id": "A01", "action_line": "C4; C7", "theme": "eLearning",
         "cross_references": "Action Line C7, Theme eLearning: See C4 above"},
        {"activity_id": "A02", "action_line": "C10", "theme": "",
         "cross_references": "Composite indices: See Ethics below"},
    ]  # fmt: skip
    # C4 and C10 are below the rows that say they are above; C2 is nowhere.
    assert [(item.where, item.why) for item in reading.unread] == [
        ("row 0", "points to an activity the reader cannot find"),
        ("row 3", "points to an activity the reader cannot find"),
        ("row 4", "points to an activity the reader cannot find"),
    ]


@pytest.mark.parametrize(
    ("row", "column", "text"),
    [
        (one_row("To be decided by the Council."), "allocation", "To be decided by the Council."),
        (one_row("Lead:"), "allocation", "lead"),
        (one_row("Lead: BDT", "UNESCO hosted the meeting."), "comments",
         "UNESCO hosted the meeting."),
        (one_row("Lead: BDT", "", "Action Line C7, Theme eSports"), "activity", "eSports"),
        (TableRow(PILLAR, "", "Lead: BDT", "", "row 4"), "activity", "Lead: BDT"),
        (one_row("Lead: BDT (for (odd) things)"), "allocation", "BDT (for (odd) things)"),
    ],
)  # fmt: skip
def test_what_no_rule_reads_is_listed_with_its_row(
    reference: References, row: TableRow, column: str, text: str
) -> None:
    reading = read(reference, row)
    assert [(item.where, item.column, item.text) for item in reading.unread] == [
        (row.where, column, text)
    ]


# Words of the note's sentences, bits of punctuation and brackets, in any order.
NOTE_WORDS = st.lists(
    st.sampled_from(
        [
            "Lead:",
            "Lead",
            "assisted by",
            "Assisted by",
            "BDT",
            "TSB",
            "sectors",
            "GS",
            "(",
            ")",
            "--",
            "See",
            "C4",
            "above",
            "Focal point",
            "is",
            "UNDESA",
            "ITU",
            "as",
            "co-facilitator",
            "Joint",
            "/",
            "and",
            ",",
            ".",
            ";",
            "91:",
            "Secretariat:",
            "Focal points in",
            "Theme",
            "eHealth",
            "(para 5)",
            "(see also below)",
            "\n",
            "In partnership with",
            "No ITU lead",
        ]
    )
    | st.text(max_size=5),
    max_size=12,
).map(" ".join)


REFERENCE = read_reference()


@settings(max_examples=50, deadline=None)
@given(cells=st.lists(st.tuples(NOTE_WORDS, NOTE_WORDS, NOTE_WORDS), max_size=4))
def test_any_sentences_read_into_cells_the_plan_loader_reads(
    cells: list[tuple[str, str, str]],
) -> None:
    units, organisations = REFERENCE
    rows = [TableRow(PILLAR, *texts, f"row {n}") for n, texts in enumerate(cells)]
    plan = read_table_rows(rows, units, organisations).plan
    for column in ("lead", "assist", "partners"):
        for cell in plan[column]:
            assert all(parse_item(item) is not None for item in split_items(cell))
    assert plan["activity_id"].is_unique


def test_no_rows_read_as_an_empty_plan(reference: References) -> None:
    reading = read(reference)
    assert reading.plan.empty and list(reading.plan.columns) == list(READ_COLUMNS)
