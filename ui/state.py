"""Widget state mirrored in the URL query string, so a copied link reproduces the view.

Why by hand and not with Streamlit's `bind="query-params"`: a bound multiselect writes its
*formatted* labels to the URL ("BDT · Telecommunication Development Bureau"), so every link
shared so far (`?unit=BDT`) would stop working, and a page's bound widget drops its parameter
when the user switches page. Here the URL carries the short codes, old links keep working, and
a value a link names that the plan lacks is reported, not dropped in silence.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date

import streamlit as st

from analysis.measures.metrics import MAX_WEIGHT
from ui.streamlit_quirks import LINK_MOST_CHARACTERS, LINK_MOST_PARAMETERS

# (URL parameter, value) pairs a link named that the plan in use does not offer.
LEFT_OUT_KEY = "_left_out_of_link"
# (URL parameter, value) pairs past what a link may hold, not read; and the size of a link
# Streamlit ignored whole, as (parameters, characters).
PAST_BOUNDS_KEY = "_past_link_bounds"
IGNORED_LINK_KEY = "_ignored_link"
LINK_READ_KEY = "_link_read"
# The link the session's last run left in the address bar, and the widgets the link holds: a run
# that finds another link there was started by the browser's Back or Forward (Streamlit pushes
# a history entry for each change of the query string, and reruns with the entry's link).
LINK_LEFT_KEY = "_link_left"
LINKED_WIDGETS_KEY = "_linked_widgets"
# What a link may hold. A link the dashboard writes names a few short codes per parameter, a
# date or a few search words; a value past these bounds is not read, and the sidebar says so.
# The warning names each value by its first characters only: a browser takes minutes to lay
# out one word of 60,000 characters.
MAX_LINK_VALUES = 200  # per parameter
MAX_LINK_VALUE_CHARS = 200
VALUE_SHOWN_CHARS = 40
VALUES_NAMED = 10


def read_link_within_bounds(ignored: tuple[int, int] | None) -> None:
    """On the session's first run, before any widget reads the URL: take out of st.query_params
    the values past MAX_LINK_VALUES (per parameter) and MAX_LINK_VALUE_CHARS, and remember them
    under PAST_BOUNDS_KEY; `ignored` is the size of a link Streamlit did not read at all
    (ui.streamlit_quirks.ignored_link), remembered for the warning."""
    if LINK_READ_KEY in st.session_state:
        return
    st.session_state[LINK_READ_KEY] = True
    st.session_state[IGNORED_LINK_KEY] = ignored
    past: list[tuple[str, str]] = st.session_state.setdefault(PAST_BOUNDS_KEY, [])
    for param in list(st.query_params):
        values = st.query_params.get_all(param)
        short = [value for value in values if len(value) <= MAX_LINK_VALUE_CHARS]
        kept = short[:MAX_LINK_VALUES]
        if len(kept) == len(values):
            continue
        past += [(param, value) for value in values if len(value) > MAX_LINK_VALUE_CHARS]
        past += [(param, value) for value in short[MAX_LINK_VALUES:]]
        if kept:
            st.query_params[param] = kept
        else:
            del st.query_params[param]


def _link_now() -> tuple[tuple[str, tuple[str, ...]], ...]:
    params = st.query_params
    return tuple(sorted((param, tuple(params.get_all(param))) for param in params))


def follow_history(page: str) -> None:
    """First in a run: when the address bar holds another link than the last run left there
    (Back or Forward), every widget the link holds is read from it again, so Back undoes a
    filter change instead of writing the filter back over the older link.

    A switch of page by the sidebar also changes the link: Streamlit drops the query string, and
    the filters must hold across pages. So an empty query string on another page than the last
    run's is a page switch, not a step in history."""
    left = st.session_state.get(LINK_LEFT_KEY)
    now = _link_now()
    if left is None or left == (page, now):
        return
    left_page, left_link = left
    if left_page != page and not now:
        return
    if left_link == now:
        return
    for key in st.session_state.get(LINKED_WIDGETS_KEY, ()):
        if key in st.session_state:
            del st.session_state[key]


def remember_link(page: str) -> None:
    """Last in a run: the page and link this run leaves in the address bar (follow_history
    compares)."""
    st.session_state[LINK_LEFT_KEY] = (page, _link_now())


def _linked(key: str) -> None:
    linked: set[str] = st.session_state.setdefault(LINKED_WIDGETS_KEY, set())
    linked.add(key)


def shortened(text: str) -> str:
    """A value as the warning names it: whole if short, else its start and its length."""
    if len(text) <= VALUE_SHOWN_CHARS:
        return text
    return f"{text[:VALUE_SHOWN_CHARS]}… ({len(text):,} characters)"


def _named(pairs: Sequence[tuple[str, str]]) -> str:
    named = ", ".join(
        f"{shortened(param)}={shortened(value)}" for param, value in pairs[:VALUES_NAMED]
    )
    rest = len(pairs) - VALUES_NAMED
    return named + (f" and {rest:,} more" if rest > 0 else "")


def link_warning(
    left_out: Sequence[tuple[str, str]],
    past_bounds: Sequence[tuple[str, str]],
    ignored: tuple[int, int] | None,
) -> str | None:
    """What the sidebar says about a link it could not follow in full (plain text, to be
    escaped): values the plan lacks, values past what a link may hold, a link Streamlit ignored
    whole (its parameters and characters). None when it was followed."""
    notes = []
    if ignored is not None:
        parameters, characters = ignored
        notes.append(
            f"This link has {parameters:,} parameters and {characters:,} characters: past "
            f"{LINK_MOST_PARAMETERS:,} parameters or {LINK_MOST_CHARACTERS:,} characters none "
            "of a link is read, so the view shows the whole plan."
        )
    if past_bounds:
        notes.append(
            f"The link holds more than a link may ({MAX_LINK_VALUES:,} values per parameter, "
            f"{MAX_LINK_VALUE_CHARS:,} characters each): {_named(past_bounds)} not read."
        )
    if left_out:
        notes.append(
            f"The link asked for {_named(left_out)}, which this plan does not have: left out of "
            "the view."
        )
    return " ".join(notes) or None


def seed_list(
    key: str,
    param: str,
    options: Sequence[str],
    from_link: Callable[[str], str | None] | None = None,
) -> None:
    """Before a multiselect is drawn: take its value from the URL on the session's first run,
    each value once. `from_link` reads a value written in a link's form (a theme's short form);
    values the options do not know are left out and remembered under LEFT_OUT_KEY, so the app
    can say so (a link from an older plan must not crash, nor change the view in silence)."""
    _linked(key)
    if key in st.session_state:
        return
    chosen: list[str] = []
    left_out: list[tuple[str, str]] = st.session_state.setdefault(LEFT_OUT_KEY, [])
    for text in dict.fromkeys(st.query_params.get_all(param)):
        value = from_link(text) if from_link else (text if text in options else None)
        if value is None or value not in options:
            left_out.append((param, text))
        elif value not in chosen:
            chosen.append(value)
    st.session_state[key] = chosen


def seed_value(key: str, param: str, default: str) -> None:
    """Before a single-value widget is drawn: take its value from the URL on the first run."""
    _linked(key)
    if key in st.session_state:
        return
    st.session_state[key] = st.query_params.get(param, default)


def publish_list(key: str, param: str, to_link: Callable[[str], str] = str) -> None:
    """After the widget: write its value to the URL (in a link's form: `to_link`), or remove
    the parameter when empty."""
    values = [to_link(str(value)) for value in st.session_state.get(key, [])]
    if values:
        if st.query_params.get_all(param) != values:
            st.query_params[param] = values
    elif param in st.query_params:
        del st.query_params[param]


def publish_value(key: str, param: str, default: str) -> None:
    value = str(st.session_state.get(key, default))
    if value != default:
        if st.query_params.get(param) != value:
            st.query_params[param] = value
    elif param in st.query_params:
        del st.query_params[param]


def parse_weight(value: object, default: float) -> float:
    """A weight from a URL or a widget: a finite number from 0 to MAX_WEIGHT, else the default
    (a hand-edited link must not crash the page)."""
    try:
        number = float(str(value).strip())
    except ValueError:
        return default
    if not math.isfinite(number) or number < 0:
        return default
    return min(number, MAX_WEIGHT)


def parse_flag(value: object) -> bool:
    """A switch from a URL or a widget: 'true', '1', 'yes', 'on' (any case) or True."""
    return str(value).strip().lower() in {"true", "1", "yes", "on"}


def parse_iso_date(text: object, default: date) -> date:
    """A date from a URL parameter ('2006-09-13'); anything else gives the default."""
    try:
        return date.fromisoformat(str(text))
    except ValueError:
        return default
