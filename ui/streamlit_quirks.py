"""The two places where the dashboard works around Streamlit's own page routing. Both touch
Streamlit internals (streamlit.runtime.pages_manager), so they live here and nowhere else;
tests/app/conftest.py applies the first one to AppTest as well.

1. Legacy pages/ mode. The project's layout has a `pages/` folder (fixed by the user), and
   Streamlit, seeing it, runs a page file alone (without app.py) when the first request after
   the server starts is a deep link such as /timeline. `run_through_app` switches the session to
   st.navigation mode and reruns through app.py.
2. The default page's own path. Streamlit serves the default page at / only: /overview, the
   path its st.Page names, would show "Page not found". `open_default_page_by_name` reads such a
   request as the default page.
3. A link Streamlit ignores whole. Past LINK_MOST_PARAMETERS parameters or LINK_MOST_CHARACTERS
   characters, Streamlit reads none of a link's query string, without a word
   (streamlit.runtime.state.query_params.sanitize_query_string); `ignored_link` tells the
   sidebar, from the query string the browser sent.
"""

from __future__ import annotations

from typing import NoReturn

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx
from streamlit.runtime.state.query_params import (
    CLIENT_STATE_QUERY_STRING_MAX_FIELDS,
    CLIENT_STATE_QUERY_STRING_MAX_LENGTH,
)

LINK_MOST_PARAMETERS: int = CLIENT_STATE_QUERY_STRING_MAX_FIELDS
LINK_MOST_CHARACTERS: int = CLIENT_STATE_QUERY_STRING_MAX_LENGTH


def leave_legacy_pages_mode() -> None:
    """Run pages through st.navigation from now on, as the server does after app.py's first run
    (AppTest forgets the mode before every run: tests/app/conftest.py calls this each time)."""
    PagesManager.uses_pages_directory = False


def run_through_app() -> NoReturn:
    """Called by a page that finds itself run without app.py: leave legacy mode and rerun."""
    leave_legacy_pages_mode()
    st.rerun()


def open_default_page_by_name(default_url_path: str) -> None:
    """Before st.navigation: a request for /<default_url_path> opens the default page."""
    ctx = get_script_run_ctx()
    if ctx is None:
        return
    manager = ctx.pages_manager
    if manager.intended_page_name == default_url_path and not manager.intended_page_script_hash:
        manager.set_script_intent("", "")


def ignored_link() -> tuple[int, int] | None:
    """(parameters, characters) of the query string the browser sent, when Streamlit ignored
    all of it (the test sanitize_query_string makes); None when it was read or there is none."""
    ctx = get_script_run_ctx()
    query = ctx.query_string if ctx is not None else ""
    parameters = query.count("&") + 1
    if query and (parameters > LINK_MOST_PARAMETERS or len(query) > LINK_MOST_CHARACTERS):
        return parameters, len(query)
    return None


# Chosen options of a multiselect are chips that Streamlit cuts at a fixed width with an
# ellipsis ("WSIS-ES · WSIS Executive Sec…"); a manager must read the whole name. Let them wrap
# within the sidebar instead. Only these chips are touched.
# (Streamlit 1.67 draws a chip as span[data-tag] holding a span with the label as its title.)
WHOLE_CHIP_LABELS_CSS = """<style>
[data-testid="stSidebar"] span[data-tag] {
    height: auto;
    white-space: normal;
}
[data-testid="stSidebar"] span[data-tag] > span {
    height: auto;
    white-space: normal;
    overflow: visible;
    text-overflow: clip;
}
</style>"""


def show_whole_chip_labels() -> None:
    """Let the sidebar's chosen filter values show their whole label (see the CSS above)."""
    st.html(WHOLE_CHIP_LABELS_CSS)


# Streamlit marks a focused sidebar link only by a faint background (1.1:1): an outline that
# the keyboard's position can be seen by (WCAG 2.1 AA, 2.4.7), in the text colour.
FOCUS_STYLE = (
    "<style>[data-testid='stSidebarNavLink']:focus-visible "
    "{outline: 3px solid #111111; outline-offset: 1px;}</style>"
)


def visible_focus() -> None:
    """Draw the focus outline of the sidebar's page links (CSS only: takes no room)."""
    st.html(FOCUS_STYLE)
