"""Workload: lead and assist roles and weighted load per unit and per Sector, how evenly the load
falls, and the activities behind any bar."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from analysis.measures.activities import activities_by_id
from analysis.measures.balance_words import (
    SECTOR_OR_GS,
    Kind,
    counted_alone,
    gap_text,
    largest_share_label,
    names_text,
    per_words,
    percent_text,
    sectors_in_scope,
    sectors_phrase,
)
from analysis.measures.metrics import By, balance, workload_by_sector, workload_by_unit
from analysis.measures.roles import roles_of
from charts.workload import roles_chart, weighted_chart
from ui.context import ViewContext, get_context
from ui.derived import derived_figure, derived_shared
from ui.render import (
    WRAPPED_ROW_HEIGHT,
    caption,
    choice_box,
    empty_note,
    escape_markdown,
    png_filename,
    selected_bar,
    show_chart,
    source_panel,
)

CHOICE_KEYS: dict[By, str] = {"unit": "workload_unit_choice", "sector": "workload_sector_choice"}
CHART_KEYS: dict[By, tuple[str, str]] = {
    "unit": ("workload_unit_roles", "workload_unit_load"),
    "sector": ("workload_sector_roles", "workload_sector_load"),
}
WORKLOAD_COLUMNS = {
    "unit": st.column_config.TextColumn("Unit", width=80),
    "unit_name": st.column_config.TextColumn("Full name", width=170),
    "sector": st.column_config.TextColumn(
        "Part of ITU",
        help=f"{SECTOR_OR_GS}: ITU-R, ITU-T, ITU-D or the General Secretariat",
        width=128,
    ),
    "lead": st.column_config.NumberColumn("Leads", width=60),
    "assist": st.column_config.NumberColumn("Assists", width=60),
    "lead_credit": st.column_config.NumberColumn("Lead credit", format="%.2f", width=75),
    "weighted_load": st.column_config.NumberColumn("Weighted load", format="%.2f", width=95),
    "share": st.column_config.NumberColumn("Share", format="percent", width=60),
    "activities": st.column_config.NumberColumn("Activities", width=70),
    "units": st.column_config.NumberColumn("Units", width=60),
}
# What a manager compares first: the load and its share, then the counts behind them.
UNIT_ORDER = ["unit", "weighted_load", "share", "lead", "assist", "lead_credit", "activities",
              "unit_name", "sector"]  # fmt: skip
SECTOR_ORDER = ["sector", "weighted_load", "share", "lead", "assist", "lead_credit", "units"]


def show_activities_behind(ctx: ViewContext, by: By, code: str) -> None:
    roles = roles_of(ctx.view, unit=code) if by == "unit" else roles_of(ctx.view, sector=code)
    leads = int((roles["role"] == "lead").sum())
    st.markdown(escape_markdown(f"{code}: {leads} leads, {len(roles) - leads} assists"))
    st.dataframe(
        roles[["title", "activity_id", "unit", "role", "note"]],
        hide_index=True,
        width="stretch",
        alt=f"The roles of {code}: activity, unit, role, note in the plan",
        column_config={
            "title": st.column_config.TextColumn("Activity", width=330),
            "activity_id": st.column_config.TextColumn("Id", width=65),
            "unit": st.column_config.TextColumn("Unit", width=75),
            "role": st.column_config.TextColumn("Role", width=65),
            "note": st.column_config.TextColumn("Note in the plan", width=250),
        },
        row_height=WRAPPED_ROW_HEIGHT,
    )
    activities = activities_by_id(ctx.view.activities, roles["activity_id"])
    # Shown at once: the bar was selected to read what lies behind it.
    st.markdown(f"**Source text of these {len(activities)} activities, verbatim**")
    source_panel(activities)


def share_metric(
    column: DeltaGenerator, label: str, share: float, even: float, kind: Kind, help_text: str
) -> None:
    """The largest share, and under it its gap to an even share (no arrow when one is counted:
    there is no even share to be above)."""
    column.metric(
        label,
        percent_text(share),
        delta=gap_text(share, even, kind),
        delta_color="off",
        delta_arrow="off" if counted_alone(even) else "auto",
        help=help_text,
    )


def section(ctx: ViewContext, by: By, frame: pd.DataFrame, even_text: str) -> None:
    weights = ctx.weights
    noun = "unit" if by == "unit" else "Sector"
    roles_key, load_key = CHART_KEYS[by]
    names = dict(zip(frame[by], frame["unit_name"], strict=True)) if by == "unit" else {}
    left, right = st.columns(2)
    with left:
        roles_event = show_chart(
            derived_figure(ctx, lambda: roles_chart(frame, by), by, weights),
            key=roles_key,
            filename=png_filename("workload", f"roles-by-{noun}", ctx.spec.describe()),
            caption_text=caption(ctx, f"Leads and assists{per_words(by)} (counts)"),
            selectable=True,
        )
    with right:
        load_event = show_chart(
            derived_figure(ctx, lambda: weighted_chart(frame, by, weights), by, weights),
            key=load_key,
            filename=png_filename("workload", f"weighted-load-by-{noun}", ctx.spec.describe()),
            caption_text=caption(
                ctx, f"Weighted load{per_words(by)} ({weights.describe()}); {even_text}"
            ),
            selectable=True,
        )
    codes = [str(value) for value in frame[by]]
    code = choice_box(
        "Show the activities of",
        codes,
        key=CHOICE_KEYS[by],
        chart_choice=selected_bar(roles_event) or selected_bar(load_event),
        format_func=(lambda code: f"{code} · {names[code]}") if by == "unit" else str,
    )
    if code:
        show_activities_behind(ctx, by, code)
    else:
        st.caption(
            f"Select a bar, or choose a {'unit' if by == 'unit' else SECTOR_OR_GS} above, to "
            "list its activities and their source text."
        )


ctx = get_context()
st.title("Workload per unit, per Sector and the General Secretariat")
weights = ctx.weights
st.caption(
    f"Load weights in force: {weights.describe()}. Change them under “Load weights” in the "
    "sidebar: they hold on every page and in the briefing pack."
)

# Once per (plan, filters, weights), shared: a rerun for a selection only draws.
by_unit = derived_shared(ctx, lambda: workload_by_unit(ctx.view, weights), weights)
by_sector = derived_shared(
    ctx,
    lambda: sectors_in_scope(workload_by_sector(ctx.view, weights), ctx.spec),
    weights,
)
if by_unit.empty:
    empty_note("no unit has a lead or assist role under these filters.")
    st.stop()

indicators = derived_shared(ctx, lambda: balance(by_unit, by_sector), weights)
st.markdown(f"**{escape_markdown(indicators.reading())}**")
metrics = st.columns([3, 3, 2, 2])  # the first two carry a gap sentence under the figure
share_metric(
    metrics[0],
    largest_share_label(indicators.largest_sectors, "sector"),
    indicators.largest_sector_share,
    indicators.even_sector_share,
    "sector",
    f"{names_text(indicators.largest_sectors, 'sector', start=True)}: share of the weighted load; "
    f"an even share is 1 / {indicators.sectors_counted} "
    f"({sectors_phrase(list(by_sector['sector']))}).",
)
share_metric(
    metrics[1],
    "Largest unit share",
    indicators.largest_unit_share,
    indicators.even_unit_share,
    "unit",
    f"{names_text(indicators.largest_units, 'unit')}: share of the weighted load; an even share "
    f"is 1 / {indicators.units_counted} units.",
)
metrics[2].metric(
    "Gini across units",
    f"{indicators.gini_units:.2f}",
    help="0 when every unit carries the same weighted load, near 1 when one unit carries it all.",
)
metrics[3].metric(
    "Heaviest unit ÷ mean",
    f"{indicators.max_to_mean_units:.1f} times",
    help="The heaviest unit's weighted load divided by the mean over the units shown.",
)

st.header("Per unit")
section(
    ctx,
    "unit",
    by_unit,
    f"dashed line: even share (total / {len(by_unit)} units shown)",
)
st.header("Per Sector and the General Secretariat")
shown_sectors = sectors_phrase(list(by_sector["sector"]))
section(
    ctx, "sector", by_sector, f"dashed line: even share (total / {len(by_sector)}: {shown_sectors})"
)

st.header("Workload tables")
st.dataframe(
    by_unit,
    hide_index=True,
    width="stretch",
    column_config=WORKLOAD_COLUMNS,
    column_order=[column for column in UNIT_ORDER if column in by_unit.columns],
    alt="Workload per unit: leads, assists, weighted load and share",
)
st.dataframe(
    by_sector,
    hide_index=True,
    width="stretch",
    column_config=WORKLOAD_COLUMNS,
    column_order=[column for column in SECTOR_ORDER if column in by_sector.columns],
    alt="Workload per Sector: leads, assists, weighted load and share",
)
