"""The dashboard's pages, listed once: app.py builds its navigation from this list, and the tests
and benchmarks visit every page through it. Plain data, importable without running the app."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageEntry:
    name: str  # file stem: pages/<name>.py
    title: str  # the navigation label and the browser tab's title
    default: bool = False

    @property
    def path(self) -> str:
        """The page file relative to app.py, as st.Page and AppTest.switch_page want it."""
        return f"pages/{self.name}.py"

    @property
    def url_path(self) -> str:
        """What a link names: every page at /<name>, the default page at / as well."""
        return self.name


PAGES: tuple[PageEntry, ...] = (
    PageEntry("overview", "Overview", default=True),
    PageEntry("workload", "Workload"),
    PageEntry("matrix", "Responsibility matrix"),
    PageEntry("timeline", "Timeline"),
    PageEntry("network", "Network"),
    PageEntry("plan", "Plan and audit"),
    PageEntry("whatif", "What-if"),
    PageEntry("compare", "Compare plans"),
)
PAGE_NAMES: tuple[str, ...] = tuple(page.name for page in PAGES)
DEFAULT_PAGE: PageEntry = next(page for page in PAGES if page.default)


def page_named(name: str) -> PageEntry:
    for page in PAGES:
        if page.name == name:
            return page
    raise KeyError(f"no page named {name!r}; the pages are {', '.join(PAGE_NAMES)}")
