"""The frame of the WSIS plan dashboard: page config, the plan in use, the shared filters in the
sidebar (mirrored in the URL) and the router over pages/."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from analysis import FilterSpec, Plan, PlanError
from analysis.load import BUNDLED_PLAN, plan_path_from_env
from ui.briefing import briefing_downloads
from ui.context import ViewContext, get_context, set_context
from ui.derived import code_names, filter_options, filtered
from ui.plans import plan_from_bytes, plan_from_file, show_problems
from ui.state import publish_list, seed_list

PAGES = [
    st.Page("pages/overview.py", title="Overview", url_path="overview", default=True),
    st.Page("pages/workload.py", title="Workload", url_path="workload"),
    st.Page("pages/matrix.py", title="Responsibility matrix", url_path="matrix"),
    st.Page("pages/timeline.py", title="Timeline", url_path="timeline"),
    st.Page("pages/network.py", title="Network", url_path="network"),
    st.Page("pages/plan.py", title="Plan and audit", url_path="plan"),
    st.Page("pages/whatif.py", title="What-if", url_path="whatif"),
    st.Page("pages/compare.py", title="Compare plans", url_path="compare"),
]
# (widget key, URL parameter, label) of the shared filters, in sidebar order.
FILTERS = [
    ("f_pillars", "pillar", "Pillar"),
    ("f_themes", "theme", "Theme (action line, C7 theme, C6 topic)"),
    ("f_sectors", "sector", "Sector"),
    ("f_units", "unit", "ITU unit"),
    ("f_organisations", "org", "Partner organisation"),
    ("f_roles", "role", "Role"),
    ("f_statuses", "status", "Event status"),
]
UPLOAD_KEY = "plan_upload"
GOOD_UPLOAD_KEY = "_last_good_upload"
LAST_GOOD = "The last good plan stays in use."


def base_plan() -> tuple[Plan, str]:
    """The plan named by PLAN_CSV, else the bundled one; a bad PLAN_CSV falls back loudly."""
    path = plan_path_from_env(None)
    try:
        return plan_from_file(path), _label(path)
    except PlanError as error:
        show_problems(error, f"The plan {path}", LAST_GOOD)
    return plan_from_file(BUNDLED_PLAN), _label(BUNDLED_PLAN)


def _label(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def plan_in_use(upload_box: st.delta_generator.DeltaGenerator) -> tuple[Plan, str]:
    """An uploaded plan for this session only; a bad upload keeps the last good plan."""
    with upload_box:
        upload = st.file_uploader(
            "Use another plan (this session only)",
            type=["csv"],
            key=UPLOAD_KEY,
            help="A CSV in the format of data/plan.csv. It is checked, used for this browser "
            "session only and never saved over the bundled plan.",
        )
    if upload is None:
        st.session_state.pop(GOOD_UPLOAD_KEY, None)
        return base_plan()
    raw = upload.getvalue()
    try:
        plan = plan_from_bytes(raw, upload.name)
    except PlanError as error:
        with upload_box:
            show_problems(error, f"The upload {upload.name}", LAST_GOOD)
        good = st.session_state.get(GOOD_UPLOAD_KEY)
        if good is None:
            return base_plan()
        good_raw, good_name = good
        return plan_from_bytes(good_raw, good_name), f"upload: {good_name}"
    st.session_state[GOOD_UPLOAD_KEY] = (raw, upload.name)
    return plan, f"upload: {upload.name}"


def clear_filters() -> None:
    for key, _, _ in FILTERS:
        st.session_state[key] = []


def sidebar_filters(plan: Plan) -> FilterSpec:
    options = filter_options(plan.digest, plan)
    names = code_names(plan.digest, plan)
    st.sidebar.header("Filters")
    for key, param, label in FILTERS:
        seed_list(key, param, options[key])
        # Options can shrink when another plan is loaded: keep only values still offered.
        st.session_state[key] = [v for v in st.session_state[key] if v in options[key]]
        st.sidebar.multiselect(
            label,
            options[key],
            key=key,
            placeholder="All",
            format_func=lambda code: (
                f"{code} · {names[code]}" if code in names and names[code] != code else code
            ),
        )
        publish_list(key, param)
    st.sidebar.button("Clear all filters", on_click=clear_filters, width="stretch")
    st.sidebar.caption("The address bar holds these filters: copy it to share this view.")
    return FilterSpec(
        **{key.removeprefix("f_"): tuple(st.session_state[key]) for key, _, _ in FILTERS}
    )


def main() -> None:
    st.set_page_config(page_title="WSIS plan dashboard", layout="wide")
    navigation = st.navigation(PAGES)
    filters_box = st.sidebar.container()
    upload_box = st.sidebar.container()
    plan, label = plan_in_use(upload_box)
    with filters_box:
        spec = sidebar_filters(plan)
    # No filters: the view is the plan itself, with nothing to compute or copy.
    view = plan if spec.is_empty() else filtered(plan.digest, spec, plan)
    set_context(ViewContext(plan=plan, view=view, spec=spec, plan_label=label))
    briefing_downloads(get_context())
    navigation.run()


main()
