"""The Council briefing pack: a slide deck and a printable HTML report of the current view.
No Streamlit here: the app, the command line and the tests call the same builders."""

from briefing.pack import build_deck, build_html, build_pack, pack_file_stem

__all__ = ["build_deck", "build_html", "build_pack", "pack_file_stem"]
