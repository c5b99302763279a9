"""The dashboard's pages as app.py lists them, so pages added later are benchmarked too."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
APP = REPO_ROOT / "app.py"
_PAGE = re.compile(r"st\.Page\(\s*\"(?P<path>pages/(?P<name>[\w-]+)\.py)\"(?P<rest>[^)]*)\)")
_DEFAULT = re.compile(r"default\s*=\s*True")
_URL_PATH = re.compile(r"url_path\s*=\s*\"(?P<url>[^\"]+)\"")


@dataclass(frozen=True)
class PageRef:
    name: str  # file stem: pages/<name>.py
    path: str  # relative to app.py, as AppTest.switch_page wants it
    url_path: str  # what the browser navigates to ("" for the default page: the root)


def app_pages(app: Path = APP) -> list[PageRef]:
    """The st.Page entries of app.py's PAGES list, in order (read from the source: importing
    app.py would run the app)."""
    pages = []
    for match in _PAGE.finditer(app.read_text(encoding="utf-8")):
        url = _URL_PATH.search(match["rest"])
        # Streamlit serves the default page at the root; its url_path gives "Page not found".
        url_path = url["url"] if url else match["name"]
        url_path = "" if _DEFAULT.search(match["rest"]) else url_path
        pages.append(PageRef(match["name"], match["path"], url_path))
    return pages
