"""Widget state mirrored in the URL query string, so a copied link reproduces the view."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

import streamlit as st


def seed_list(key: str, param: str, options: Sequence[str]) -> None:
    """Before a multiselect is drawn: take its value from the URL on the session's first run.
    Values the options do not know are dropped (a link from an older plan must not crash)."""
    if key in st.session_state:
        return
    wanted = st.query_params.get_all(param)
    st.session_state[key] = [value for value in wanted if value in options]


def seed_value(key: str, param: str, default: str) -> None:
    """Before a single-value widget is drawn: take its value from the URL on the first run."""
    if key in st.session_state:
        return
    st.session_state[key] = st.query_params.get(param, default)


def publish_list(key: str, param: str) -> None:
    """After the widget: write its value to the URL, or remove the parameter when empty."""
    values = [str(value) for value in st.session_state.get(key, [])]
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


MAX_WEIGHT = 10.0


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
