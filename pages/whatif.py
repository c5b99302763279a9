"""What-if: move, add or remove lead and assist roles for this session, and see the workload and
balance before and after, the list of changes, and the edited plan as a CSV download."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from analysis.changes.compare import ViewComparison, compare_views, total_load_sentence
from analysis.changes.role_changes import RoleChange, change_lines, in_activities
from analysis.changes.whatif import (
    AddRole,
    Edit,
    MoveRole,
    RemoveRole,
    describe_edit,
)
from analysis.measures.activities import activities_by_id, activity_labels
from analysis.measures.balance_words import (
    SECTOR_OR_GS,
    Kind,
    largest_share_label,
    names_text,
    number_text,
    per_words,
    share_change,
)
from analysis.measures.metrics import Balance, By
from analysis.measures.roles import unit_labels, units_of
from analysis.model import ROLES, Plan
from analysis.planfile.plan_csv import plan_csv_bytes
from ui.before_after import before_after_chart
from ui.context import ViewContext, get_context
from ui.derived import derived_shared
from ui.plans import (
    WHATIF_CSV_KEY,
    EditedPlanCsv,
    changes_between,
    edited_plan,
    explained_edits,
)
from ui.render import (
    choice_box,
    empty_note,
    escape_markdown,
    source_panel,
)

EDITS_KEY = "whatif_edits"
ALL_ACTIVITIES = "(all)"
OPERATIONS = {
    "move": "Move roles to another unit",
    "add": "Add a role",
    "remove": "Remove a role",
}
MOVE_ROLES = {"both": "Lead and assist", "lead": "Lead only", "assist": "Assist only"}
CHART_KEYS: dict[By, str] = {"unit": "whatif_by_unit", "sector": "whatif_by_sector"}
CHOICE_KEY = "whatif_choice"
COMPARISON_COLUMNS = {
    "unit": st.column_config.TextColumn("Unit", width=75),
    "change": st.column_config.NumberColumn("Change in load", format="%+.2f", width=75),
    "weighted_load_before": st.column_config.NumberColumn("Load before", format="%.2f", width=70),
    "weighted_load_after": st.column_config.NumberColumn("Load after", format="%.2f", width=70),
    "share_before": st.column_config.NumberColumn("Share before", format="percent", width=70),
    "share_after": st.column_config.NumberColumn("Share after", format="percent", width=70),
    "lead_before": st.column_config.NumberColumn("Leads before", width=65),
    "lead_after": st.column_config.NumberColumn("Leads after", width=65),
    "assist_before": st.column_config.NumberColumn("Assists before", width=65),
    "assist_after": st.column_config.NumberColumn("Assists after", width=65),
    "sector": st.column_config.TextColumn(
        "Part of ITU",
        help=f"{SECTOR_OR_GS}: ITU-R, ITU-T, ITU-D or the General Secretariat",
        width=128,
    ),
}
# The unit and how its load moves first; the counts behind it after. Dict order is the order.
COMPARISON_ORDER = list(COMPARISON_COLUMNS)


def undo_last() -> None:
    st.session_state[EDITS_KEY] = st.session_state.get(EDITS_KEY, [])[:-1]


def reset_edits() -> None:
    st.session_state[EDITS_KEY] = []


def edit_form(ctx: ViewContext) -> Edit | None:
    """The form's widgets; the edit they describe when the button is pressed (else None).
    Raises ValueError when the widgets describe an impossible edit (a unit to itself)."""
    # Labels of the whole plan (edits apply to the whole plan), built once per plan and filters.
    activities = derived_shared(ctx, lambda: activity_labels(ctx.plan))
    units = derived_shared(ctx, lambda: unit_labels(ctx.plan))
    operation = st.radio(
        "What to do",
        list(OPERATIONS),
        format_func=OPERATIONS.__getitem__,
        key="wi_op",
        horizontal=True,
    )
    columns = st.columns([3, 2, 2, 2])
    if operation == "move":
        with columns[0]:
            activity = st.selectbox(
                "Activity",
                [ALL_ACTIVITIES, *activities],
                format_func=lambda a: (
                    "All of the unit's activities" if a == ALL_ACTIVITIES else activities[a]
                ),
                key="wi_move_activity",
            )
        with columns[1]:
            from_unit = st.selectbox(
                "From unit", list(units), format_func=units.__getitem__, key="wi_move_from"
            )
        with columns[2]:
            to_unit = st.selectbox(
                "To unit", list(units), index=1, format_func=units.__getitem__, key="wi_move_to"
            )
        with columns[3]:
            role = st.selectbox(
                "Role", list(MOVE_ROLES), format_func=MOVE_ROLES.__getitem__, key="wi_move_role"
            )
        if not st.button("Add this edit", key="wi_apply", type="primary"):
            return None
        return MoveRole(
            activity_id=None if activity == ALL_ACTIVITIES else activity,
            from_unit=from_unit,
            to_unit=to_unit,
            role=None if role == "both" else role,
        )
    with columns[0]:
        activity = st.selectbox(
            "Activity", list(activities), format_func=activities.__getitem__,
            key=f"wi_{operation}_activity",
        )  # fmt: skip
    with columns[1]:
        unit = st.selectbox(
            "Unit", list(units), format_func=units.__getitem__, key=f"wi_{operation}_unit"
        )
    with columns[2]:
        role = st.selectbox("Role", list(ROLES), key=f"wi_{operation}_role")
    if not st.button("Add this edit", key="wi_apply", type="primary"):
        return None
    if operation == "add":
        return AddRole(activity_id=activity, unit=unit, role=role)
    return RemoveRole(activity_id=activity, unit=unit, role=role)


def propose(ctx: ViewContext, edits: list[Edit]) -> None:
    """Draw the form; a new edit joins the list only when the whole list still applies."""
    try:
        edit = edit_form(ctx)
        if edit is not None:
            edited_plan(ctx.plan, [*edits, edit])
            st.session_state[EDITS_KEY] = [*edits, edit]
    except ValueError as error:
        st.error(escape_markdown(f"That edit cannot be made. {error}"))


def show_edits(ctx: ViewContext, edits: list[Edit]) -> None:
    st.header(f"Edits so far ({len(edits)})")
    if not edits:
        st.info("No edits yet: choose one above and press “Add this edit”.")
        return
    st.text("\n".join(f"{n}. {describe_edit(e, ctx.plan)}" for n, e in enumerate(edits, 1)))
    buttons = st.columns([2, 2, 3])
    buttons[0].button("Undo the last edit", key="wi_undo", on_click=undo_last)
    buttons[1].button("Reset: no edits", key="wi_reset", on_click=reset_edits)


def share_metric(place: Any, before: Balance, after: Balance, which: str) -> None:
    was, now = getattr(before, f"largest_{which}_share"), getattr(after, f"largest_{which}_share")
    kind: Kind = "sector" if which == "sector" else "unit"
    was_who = names_text(getattr(before, f"largest_{which}s"), kind, start=True)
    now_who = names_text(getattr(after, f"largest_{which}s"), kind, start=True)
    # Named by who carries it after the change: never "Largest Sector share" for the General
    # Secretariat, which is not a Sector.
    label = largest_share_label(getattr(after, f"largest_{which}s"), kind)
    shares, difference = share_change(was, now)
    place.metric(
        label,
        shares,
        delta=difference,
        delta_color="off",
        help=f"Before: {was_who}. After: {now_who}. Share of the weighted load.",
    )


def indicators(compared: ViewComparison, reason: str) -> None:
    """Total load and the shares before and after, and why the total changed."""
    before, after = compared.balance.before, compared.balance.after
    st.text(f"Before: {before.reading()}")
    st.text(f"After:  {after.reading()}")
    # Three, then two: a "46% → 43%" figure needs about a third of the main column at 1280 px.
    first_row, second_row = st.columns(3), st.columns(3)
    metrics = [*first_row, *second_row[:2]]
    was, now = compared.total_before, compared.total_after
    metrics[0].metric(
        "Total load",
        f"{number_text(was)} → {number_text(now)}",
        delta=f"{now - was:+g}" if now != was else "no change",
        delta_color="off",
        help="The weighted load of all the units shown: the base of every share.",
    )
    share_metric(metrics[1], before, after, "sector")
    share_metric(metrics[2], before, after, "unit")
    metrics[3].metric(
        "Gini across units",
        f"{before.gini_units:.2f} → {after.gini_units:.2f}",
        delta=f"{after.gini_units - before.gini_units:+.3f}",
        delta_color="off",
        help="0 when every unit carries the same weighted load, near 1 when one carries it all.",
    )
    metrics[4].metric(
        "Heaviest unit ÷ mean",
        f"{before.max_to_mean_units:.1f} → {after.max_to_mean_units:.1f}",
        delta=f"{after.max_to_mean_units - before.max_to_mean_units:+.1f}",
        delta_color="off",
        help="The heaviest unit's weighted load divided by the mean over the units shown.",
    )
    if was != now:
        st.info(escape_markdown(reason))
    else:
        st.caption(escape_markdown(reason))


def chart(
    ctx: ViewContext, frame: pd.DataFrame, by: By, version: str, edit_count: int
) -> str | None:
    """version: the edited plan's digest, which names the edits the frame comes from."""
    return before_after_chart(
        ctx,
        frame,
        by,
        key=CHART_KEYS[by],
        page="what-if",
        version=version,
        # At most 42 characters: the whole title fits a half-width chart in a 1280-px window.
        title=(
            "Load per unit, before and after"
            if by == "unit"
            else "Load per part of ITU, before and after"
        ),
        shows=f"Weighted load{per_words(by)} before (light, hatched, B) and after (solid, A) "
        f"the {edit_count} edit(s) listed above; {ctx.weights.describe()}",
    )


def show_behind(ctx: ViewContext, edited: Plan, code: str, shown: list[RoleChange]) -> None:
    """The role changes of the selected unit or Sector, and those activities' source text in
    the edited plan (the 2006 text, the roles now and the revisions)."""
    units = set(units_of(ctx.plan, code))
    mine = [change for change in shown if {change.unit, change.to_unit} & units]
    if not mine:
        st.info(escape_markdown(f"No role of {code} changed under these filters."))
        return
    st.text(f"{code}: roles changed by the edits")
    st.text("\n".join(f"• {line}" for line in change_lines(mine)))
    ids = list(dict.fromkeys(change.activity_id for change in mine))
    activities = activities_by_id(edited.activities, ids)
    st.markdown(f"**Source text of these {len(activities)} activities, verbatim, and revisions**")
    source_panel(activities)


ctx = get_context()
st.title("What-if: reassign lead and assist roles")
st.caption(
    "Try a reassignment for this browser session only: the plan file is never changed. "
    "Edits apply to the whole plan; the sidebar filters only narrow what is shown."
)
edits: list[Edit] = list(st.session_state.get(EDITS_KEY, []))
propose(ctx, edits)
edits = list(st.session_state.get(EDITS_KEY, []))
show_edits(ctx, edits)
if not edits:
    st.stop()

try:
    explained = explained_edits(ctx.plan, edits)
except ValueError as error:
    # The plan in use changed (another upload) and an earlier edit no longer fits it.
    st.error(escape_markdown(f"The edits no longer fit the plan in use. {error}"))
    st.stop()
edited = explained.plan

# The edited plan's digest names the edits: a rerun for a selection or a widget only draws.
version = edited.digest
compared = derived_shared(
    ctx,
    lambda: compare_views(
        ctx.view, edited, ctx.spec, changes_between(ctx.plan, edited), ctx.weights
    ),
    version,
    ctx.weights,
)
by_unit = compared.by_unit
# The role changes on the activities the filters show, as the tables count them.
shown_ids = set(ctx.view.activities["activity_id"]) | set(compared.changes["activity_id"])
shown = in_activities(explained.changes, shown_ids)
sector_of = dict(zip(ctx.plan.units["code"], ctx.plan.units["sector"], strict=True))
reason = total_load_sentence(compared.total_before, compared.total_after, shown, sector_of)

st.header("Workload and balance, before and after")
if by_unit.empty:
    empty_note("no unit has a lead or assist role under these filters, before or after.")
else:
    indicators(compared, reason)
    left, right = st.columns([3, 2])
    with left:
        picked = chart(ctx, by_unit, "unit", version, len(edits))
    with right:
        picked = chart(ctx, compared.by_sector, "sector", version, len(edits)) or picked
    code = choice_box(
        "Show the changed roles of",
        [*by_unit["unit"].astype(str), *compared.by_sector["sector"].astype(str)],
        key=CHOICE_KEY,
        chart_choice=picked,
    )
    if code:
        show_behind(ctx, edited, code, shown)
    else:
        st.caption(
            "Select a bar, or choose above, to list a unit's or Sector's changed roles and "
            "source text."
        )
    st.subheader("Units whose workload changed")
    moved = compared.units_changed
    if moved.empty:
        st.info("No unit's counts or weighted load changed under these filters.")
    else:
        st.dataframe(
            moved,
            hide_index=True,
            width="stretch",
            column_config=COMPARISON_COLUMNS,
            column_order=[column for column in COMPARISON_ORDER if column in moved.columns],
            alt="Units whose workload changed: before and after",
        )

st.header(f"Every role change, with its reason ({len(shown)})")
if not shown:
    empty_note("no role change touches the activities these filters show.")
else:
    st.caption(
        "Moved: the unit taking the role held none there. Merged: it assisted, and its assist "
        "is merged into the lead it takes. Dropped: it already held as much, so the role goes "
        "and the total load falls. Each line is also written, dated, in the revisions column "
        "of the edited plan; the 2006 allocation text stays as it was."
    )
    st.text("\n".join(f"• {line}" for line in change_lines(shown)))

st.header("Keep or compare the edited plan")
st.caption(
    "The edited plan is a CSV in the format of data/plan.csv: the 2006 text stays as it was, "
    "and each changed row says what changed, dated, in its revisions column."
)
actions = st.columns(2)
actions[0].download_button(
    "Download the edited plan (CSV)",
    # Written only when asked for: the whole plan as CSV is a cost no rerun should pay.
    data=lambda: plan_csv_bytes(edited),
    file_name="wsis-plan-what-if.csv",
    mime="text/csv",
    key="wi_download",
)
if actions[1].button("Compare this with the current plan", key="wi_compare"):
    st.session_state[WHATIF_CSV_KEY] = EditedPlanCsv.of(plan_csv_bytes(edited))
    st.switch_page("pages/compare.py")
