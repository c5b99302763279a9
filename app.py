"""The frame of the WSIS plan dashboard: page config, the plan in use, the shared filters in the
sidebar (mirrored in the URL) and the router over pages/."""

from __future__ import annotations

from functools import partial

import streamlit as st

from analysis import FilterSpec, LoadWeights, Plan, PlanError
from analysis.filters import FILTERS
from analysis.measures.metrics import DEFAULT_WEIGHTS, MAX_WEIGHT
from analysis.note.containers import looks_like_note
from analysis.planfile.load import BUNDLED_PLAN, plan_path_from_env
from analysis.planfile.paths import path_label
from ui.briefing import briefing_downloads
from ui.context import ViewContext, get_context, set_context
from ui.derived import code_names, filter_options, filtered
from ui.notes import (
    NOTE_SEEN_KEY,
    SIDEBAR_NOTE_KEY,
    SidebarNote,
    forget_sidebar_note,
    note_in_use,
    note_read,
)
from ui.plan_name import PlanName, note_name, uploaded_name
from ui.plans import (
    PLAN_BEFORE_UPLOAD_KEY,
    UPLOAD_TYPES,
    kept_upload,
    last_good_plan,
    plan_from_file,
    remember_good_plan,
    remember_plan_before_upload,
    show_problems,
    show_sentence_check,
    sweep_uploads,
    upload_key,
    uploaded_plan,
)
from ui.print_style import print_style
from ui.registry import DEFAULT_PAGE, page_named
from ui.registry import PAGES as REGISTERED_PAGES
from ui.render import escape_markdown
from ui.state import (
    IGNORED_LINK_KEY,
    LEFT_OUT_KEY,
    PAST_BOUNDS_KEY,
    follow_history,
    link_warning,
    parse_flag,
    parse_weight,
    publish_list,
    publish_value,
    read_link_within_bounds,
    remember_link,
    seed_list,
    seed_value,
)
from ui.streamlit_quirks import (
    ignored_link,
    open_default_page_by_name,
    show_whole_chip_labels,
    visible_focus,
)
from ui.uploads import IDLE_S

PAGES = [
    st.Page(page.path, title=page.title, url_path=page.url_path, default=page.default)
    for page in REGISTERED_PAGES
]
# (widget key, URL parameter, default as the URL writes it) of the load weights.
LEAD_WEIGHT = ("w_lead", "lead_w", str(DEFAULT_WEIGHTS.lead))
ASSIST_WEIGHT = ("w_assist", "assist_w", str(DEFAULT_WEIGHTS.assist))
SPLIT = ("w_split", "split", str(DEFAULT_WEIGHTS.split_joint_leads))
UPLOAD_KEY = "plan_upload"
GOOD_UPLOAD_KEY = "_last_good_upload"  # (upload key, file name) of the last good upload
UPLOAD_DIGEST_KEY = "_upload_digest"  # (uploader's file id, upload key) of the file shown
Refusal = tuple[PlanError, str, str]  # the error, what was refused, what happens instead


def base_plan() -> tuple[Plan, PlanName, list[Refusal]]:
    """The plan named by PLAN_CSV, else the bundled one. When the PLAN_CSV file goes bad or
    missing (being rewritten, say), the last good plan read from it stays in use and says so;
    the bundled plan is shown only if no good version was ever read, and its label says that."""
    path = plan_path_from_env(None)
    try:
        plan = plan_from_file(path)
    except PlanError as error:
        if path == BUNDLED_PLAN:
            raise
        kept = last_good_plan(path)
        if kept is not None:
            plan, read_at = kept
            remark = f"as read at {read_at:%H:%M:%S} (the file now has problems)"
            return (
                plan,
                PlanName("", path_label(path), remark),
                [
                    (
                        error,
                        f"The plan file {path}",
                        f"The last good version of it, read at {read_at:%H:%M:%S}, stays in use.",
                    )
                ],
            )
        name = PlanName("bundled", path_label(BUNDLED_PLAN), f"(bundled; {path} could not be read)")
        consequence = (
            "No good version of it has been read since the dashboard started, so the bundled "
            "plan (data/plan.csv) is shown instead."
        )
        return plan_from_file(BUNDLED_PLAN), name, [(error, f"The plan file {path}", consequence)]
    if path != BUNDLED_PLAN:
        remember_good_plan(path, plan)
    return plan, PlanName("bundled" if path == BUNDLED_PLAN else "", path_label(path)), []


def plan_in_use(
    upload_box: st.delta_generator.DeltaGenerator,
) -> tuple[Plan, PlanName, list[Refusal]]:
    """An uploaded plan for this session only; a bad upload keeps the last good plan."""
    with upload_box:
        upload = st.file_uploader(
            "Use another plan (this session only)",
            type=UPLOAD_TYPES,
            key=UPLOAD_KEY,
            help="A CSV (UTF-8, Windows-1252 or UTF-16; comma, semicolon or tab) or an Excel "
            "workbook (.xlsx) in the format of data/plan.csv, or the Secretary-General's note "
            "itself (.docx, .pdf or text), read on Compare plans. It is checked, used for this "
            "browser session only and never saved over the bundled plan.",
        )
    sweep_uploads()
    st.session_state.pop(PLAN_BEFORE_UPLOAD_KEY, None)
    if upload is None or not looks_like_note(upload.getvalue()):
        forget_sidebar_note()
    if upload is None:
        # The last good upload is kept (its key; the plan is shared, ui/uploads.py): a file
        # dropped on the uploader replaces the previous one in two reruns, the first without any
        # file, and a broken replacement must still fall back to the last good upload.
        return base_plan()
    if looks_like_note(upload.getvalue()):
        return note_upload(upload_box, upload.getvalue(), upload.name, upload.file_id)
    # Streamlit keeps the file's bytes while the uploader shows it; the session keeps the key
    # of the parsed plan, digested once per file the uploader receives.
    file_key: tuple[str, str] | None = st.session_state.get(UPLOAD_DIGEST_KEY)
    if file_key is None or file_key[0] != upload.file_id:
        file_key = (upload.file_id, upload_key(upload.getvalue(), upload.name))
        st.session_state[UPLOAD_DIGEST_KEY] = file_key
    try:
        plan = uploaded_plan(upload.getvalue(), upload.name, file_key[1])
    except PlanError as error:
        good: tuple[str, str] | None = st.session_state.get(GOOD_UPLOAD_KEY)
        good_plan = kept_upload(good[0]) if good is not None else None
        if good is None or good_plan is None:
            plan, name, refusals = base_plan()
            consequence = f"The plan in use stays: {name.caption}."
            if good is not None:
                consequence = (
                    f"The last good upload, {good[1]}, was unused for {IDLE_S // 60} minutes and "
                    f"is no longer kept: the plan in use is {name.caption}."
                )
            refusal = (error, f"The upload {upload.name}", consequence)
            return plan, name, [*refusals, refusal]
        refusal = (
            error,
            f"The upload {upload.name}",
            f"The last good upload, {good[1]}, stays in use.",
        )
        return good_plan, uploaded_name(good[1]), [refusal]
    st.session_state[GOOD_UPLOAD_KEY] = (file_key[1], upload.name)
    remember_plan_before_upload(*base_plan()[:2])
    return plan, uploaded_name(upload.name), []


def note_upload(
    upload_box: st.delta_generator.DeltaGenerator, raw: bytes, name: str, file_id: str
) -> tuple[Plan, PlanName, list[Refusal]]:
    """A note on the uploader: read against the plan in use, shown on Compare plans (the sidebar
    links there); the plan in use only once the user says so there."""
    plan, plan_name, refusals = base_plan()
    read = note_read(raw, name, plan)
    st.session_state[SIDEBAR_NOTE_KEY] = SidebarNote(name, file_id, read)
    if note_in_use(file_id) and read.plan is not None:
        remember_plan_before_upload(plan, plan_name)
        return read.plan, note_name(name), refusals
    st.session_state[NOTE_SEEN_KEY] = file_id
    with upload_box:
        st.page_link(
            page_named("compare").path,
            label="Read the note on Compare plans",
            icon=":material/compare_arrows:",
        )
    return plan, plan_name, refusals


def option_label(code: str, names: dict[str, str]) -> str:
    """How a filter option reads: 'BDT · Telecommunication Development Bureau', 'C7 theme ·
    eLearning', 'C6 topic · Countering spam'; a pillar, a Sector, a role as it is."""
    line, _, theme = code.partition(" · ")
    if theme:
        return f"{line} {'theme' if line == 'C7' else 'topic'} · {theme}"
    if code in names and names[code] != code:
        return f"{code} · {names[code]}"
    return code


def clear_filters() -> None:
    for choice in FILTERS:
        st.session_state[choice.widget_key] = []
    st.session_state[LEFT_OUT_KEY] = []
    st.session_state[PAST_BOUNDS_KEY] = []
    st.session_state[IGNORED_LINK_KEY] = None


def sidebar_filters(plan: Plan) -> FilterSpec:
    options = filter_options(plan.digest, plan)
    names = code_names(plan.digest, plan)
    st.sidebar.header("Filters")
    for choice in FILTERS:
        key, offered = choice.widget_key, options[choice.widget_key]
        seed_list(key, choice.param, offered, partial(choice.link_value, offered=offered))
        # Options can shrink when another plan is loaded: keep only values still offered.
        st.session_state[key] = [v for v in st.session_state[key] if v in offered]
        if choice.only_when_offered and not offered:
            publish_list(key, choice.param, choice.to_link)
            continue
        # Typed letters match as one run ("BDT" is BDT alone, not every name holding B, D and
        # T in turn), and no "Select N matches" option: Enter took it before the unit typed.
        st.sidebar.multiselect(
            choice.label,
            offered,
            key=key,
            placeholder="All",
            format_func=lambda code: option_label(code, names),
            filter_mode="contains",
            select_all=False,
        )
        publish_list(key, choice.param, choice.to_link)
    warning = link_warning(
        st.session_state.get(LEFT_OUT_KEY, []),
        st.session_state.get(PAST_BOUNDS_KEY, []),
        st.session_state.get(IGNORED_LINK_KEY),
    )
    if warning:
        st.sidebar.warning(escape_markdown(warning), icon=None)
    st.sidebar.button("Clear all filters", on_click=clear_filters, width="stretch")
    st.sidebar.caption("The address bar holds these filters: copy it to share this view.")
    return FilterSpec(
        **{choice.field: tuple(st.session_state[choice.widget_key]) for choice in FILTERS},
        date_from=None,
        date_to=None,
    )


def _weight_input(label: str, setting: tuple[str, str, str], help_text: str) -> float:
    key, param, default = setting
    seed_value(key, param, default)
    # The URL gives text: a bad or negative value falls back to the default.
    st.session_state[key] = parse_weight(st.session_state[key], float(default))
    st.number_input(label, min_value=0.0, max_value=MAX_WEIGHT, step=0.25, key=key, help=help_text)
    publish_value(key, param, default)
    return float(st.session_state[key])


def _split_toggle() -> bool:
    key, param, default = SPLIT
    seed_value(key, param, default)
    st.session_state[key] = parse_flag(st.session_state[key])
    st.toggle(
        "Split joint leads",
        key=key,
        help="Off: each of two joint leads counts as a full lead. On: they share one lead "
        "(1/2 each). Role counts do not change; the weighted load does.",
    )
    publish_value(key, param, default)
    return bool(st.session_state[key])


def sidebar_weights() -> LoadWeights:
    """The load weights in force on every page, the pack included; they live in the URL too."""
    with st.sidebar.expander("Load weights"):
        lead = _weight_input(
            "Weight of a lead", LEAD_WEIGHT, "How much leading one activity counts."
        )
        assist = _weight_input(
            "Weight of an assist", ASSIST_WEIGHT, "How much assisting on one activity counts."
        )
        split = _split_toggle()
        weights = LoadWeights(lead=lead, assist=assist, split_joint_leads=split)
        st.caption(f"In force: {weights.describe()}.")
    return weights


def main() -> None:
    open_default_page_by_name(DEFAULT_PAGE.url_path)
    navigation = st.navigation(PAGES)
    # One <title> per page, naming it first: what a screen reader announces and a tab shows.
    st.set_page_config(page_title=f"{navigation.title} · WSIS plan dashboard", layout="wide")
    show_whole_chip_labels()
    visible_focus()
    print_style()
    read_link_within_bounds(ignored_link())
    follow_history(navigation.url_path)
    filters_box = st.sidebar.container()
    upload_box = st.sidebar.container()
    plan, plan_name, refusals = plan_in_use(upload_box)
    # Problems are read in the main area, full width, above the page they concern.
    for error, what, consequence in refusals:
        show_problems(error, what, consequence)
    show_sentence_check(plan, plan_name.caption)
    with filters_box:
        spec = sidebar_filters(plan)
    weights = sidebar_weights()
    # No filters: the view is the plan itself, with nothing to compute or copy.
    view = plan if spec.is_empty() else filtered(plan.digest, spec, plan)
    set_context(ViewContext(plan=plan, view=view, spec=spec, plan_name=plan_name, weights=weights))
    briefing_downloads(get_context())
    try:
        navigation.run()
    finally:
        remember_link(navigation.url_path)


main()
