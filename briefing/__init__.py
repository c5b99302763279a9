"""The Council briefing pack: a slide deck and a printable HTML report of the current view.
No Streamlit here: the app, the command line and the tests call the same builder."""

from briefing.content import PackRequest
from briefing.pack import BriefingPack, build_pack, is_what_if, pack_file_stem

__all__ = ["BriefingPack", "PackRequest", "build_pack", "is_what_if", "pack_file_stem"]
