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

# (URL parameter, value) pairs a link named that the plan in use does not offer.
LEFT_OUT_KEY = "_left_out_of_link"


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
