"""The one filter: a FilterSpec applied to a Plan gives a smaller Plan. Pages, the command line
and every export go through `apply_filters`, so a view and its download always agree."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import date

import pandas as pd

from analysis.model import (
    ACTION_LINES,
    C7_THEMES,
    EVENT_STATUSES,
    PILLAR_NOT_STATED,
    PILLARS,
    ROLES,
    SECTORS,
    Plan,
)


@dataclass(frozen=True)
class FilterSpec:
    """What the user asked to see. An empty tuple means 'all'.

    themes hold action lines ("C7") or theme labels ("C7 · eHealth", "C6 · Countering spam");
    units, sectors and roles select activities that have a matching assignment and keep only
    those assignments; statuses and the date range select events only.
    """

    pillars: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None

    def is_empty(self) -> bool:
        return all(not getattr(self, f.name) for f in fields(self))

    def describe(self) -> str:
        """The filters in force, in words, for captions and title slides."""
        parts = []
        for choice in FILTERS:
            values: tuple[str, ...] = getattr(self, choice.field)
            if values and choice.field == "sectors":
                parts.append(_sector_words(values))
            elif values:
                singular, plural = choice.words
                parts.append(f"{plural if len(values) > 1 else singular}: {', '.join(values)}")
        if self.date_from or self.date_to:
            start = self.date_from.isoformat() if self.date_from else "…"
            end = self.date_to.isoformat() if self.date_to else "…"
            parts.append(f"events {start} to {end}")
        return "; ".join(parts) if parts else "no filters (the whole plan)"


def _sector_words(values: tuple[str, ...]) -> str:
    """'Sector: ITU-D', 'Sectors: ITU-R, ITU-T and the General Secretariat', 'the General
    Secretariat': the General Secretariat is not a Sector, so never listed as one."""
    sectors = [value for value in values if value != "General Secretariat"]
    if not sectors:
        return "the General Secretariat"
    words = f"{'Sector' if len(sectors) == 1 else 'Sectors'}: {', '.join(sectors)}"
    return words + (" and the General Secretariat" if len(sectors) < len(values) else "")


def theme_matches(themes: pd.DataFrame, selected: tuple[str, ...]) -> pd.Index:
    """Ids of activities tagged with any selected action line or theme label."""
    hit = themes["theme_label"].isin(selected) | themes["action_line"].isin(selected)
    ids: pd.Index = pd.Index(themes.loc[hit, "activity_id"]).unique()
    return ids


def apply_filters(plan: Plan, spec: FilterSpec) -> Plan:
    """The part of the plan the spec selects; the input plan is left as it was."""
    if spec.is_empty():
        return plan
    activities = plan.activities
    keep = pd.Series(True, index=activities.index)
    if spec.pillars:
        keep &= activities["pillar"].isin(spec.pillars)
    if spec.sections:
        keep &= activities["section"].isin(spec.sections)
    if spec.themes:
        keep &= activities["activity_id"].isin(theme_matches(plan.themes, spec.themes))
    if spec.organisations:
        with_partner = plan.partners.loc[
            plan.partners["organisation"].isin(spec.organisations), "activity_id"
        ]
        keep &= activities["activity_id"].isin(with_partner)

    assignments = plan.assignments
    role_rows = pd.Series(True, index=assignments.index)
    if spec.units:
        role_rows &= assignments["unit"].isin(spec.units)
    if spec.sectors:
        role_rows &= assignments["sector"].isin(spec.sectors)
    if spec.roles:
        role_rows &= assignments["role"].isin(spec.roles)
    if spec.units or spec.sectors or spec.roles:
        keep &= activities["activity_id"].isin(assignments.loc[role_rows, "activity_id"])

    kept_activities = activities[keep]
    kept_ids = kept_activities["activity_id"]
    kept_assignments = assignments[role_rows & assignments["activity_id"].isin(kept_ids)]
    partners = plan.partners[plan.partners["activity_id"].isin(kept_ids)]
    if spec.organisations:
        partners = partners[partners["organisation"].isin(spec.organisations)]
    events = plan.events[plan.events["activity_id"].isin(kept_ids)]
    if spec.statuses:
        events = events[events["status"].isin(spec.statuses)]
    if spec.date_from is not None:
        events = events[events["end"] >= pd.Timestamp(spec.date_from)]
    if spec.date_to is not None:
        events = events[events["start"] <= pd.Timestamp(spec.date_to)]
    return plan.replace(
        activities=kept_activities,
        assignments=kept_assignments,
        partners=partners,
        events=events,
        themes=plan.themes[plan.themes["activity_id"].isin(kept_ids)],
        digest=plan.part_digest(repr(spec)),
    )


def theme_options(plan: Plan) -> list[str]:
    """What the theme filter offers, in the order people look for it: the action lines C1..C11,
    then the C7 themes (in the order of the C7 heading of the plan's table of themes), then the
    C6 topics (in plan order). Only what the plan uses is offered."""
    themes = plan.themes
    line_order = {line: n for n, line in enumerate(ACTION_LINES)}
    lines = sorted(themes["action_line"].unique(), key=lambda line: line_order.get(line, 99))
    labelled = themes.loc[themes["theme"] != ""]
    c7_order = {theme: n for n, theme in enumerate(C7_THEMES)}
    c7 = labelled.loc[labelled["action_line"] == "C7"].drop_duplicates("theme_label")
    c7 = c7.assign(_order=c7["theme"].map(c7_order).fillna(len(c7_order)))
    c7_labels = list(c7.sort_values("_order", kind="stable")["theme_label"])
    others = labelled.loc[labelled["action_line"] != "C7"].copy()
    others["_line"] = others["action_line"].map(line_order).fillna(99)
    other_labels = list(dict.fromkeys(others.sort_values("_line", kind="stable")["theme_label"]))
    return [*lines, *c7_labels, *other_labels]


def unit_order(plan: Plan) -> list[str]:
    """Units by Sector (ITU-R, ITU-T, ITU-D, General Secretariat), then as in data/units.csv."""
    used = set(plan.assignments["unit"])
    units = plan.units[plan.units["code"].isin(used)]
    rank = {sector: position for position, sector in enumerate(SECTORS)}
    ordered = units.assign(rank=units["sector"].map(rank)).sort_values("rank", kind="stable")
    return list(ordered["code"])


def theme_slug(label: str) -> str:
    """How a theme filter value is written in a link: 'C7 · eLearning' → 'C7-eLearning',
    'C6 · Countering spam' → 'C6-Countering-spam'; an action line stays as it is."""
    line, _, theme = label.partition(" · ")
    return f"{line}-{'-'.join(theme.split())}" if theme else line


def theme_from_link(text: str, options: list[str]) -> str | None:
    """The theme option a link names, in its short form ('C7-eLearning') or the long form
    older links carry ('C7 · eLearning'); None when the plan offers no such theme."""
    if text in options:
        return text
    by_slug = {theme_slug(option): option for option in options}
    return by_slug.get(text.strip())


def theme_aliases(plan: Plan) -> dict[str, str]:
    """'eHealth' alone is what people type; it means the theme label 'C7 · eHealth'."""
    return {label.split(" · ", 1)[1]: label for label in theme_options(plan) if " · " in label}


def organisation_aliases(plan: Plan) -> dict[str, str]:
    """Each organisation's other names (data/organisations.csv) to its code."""
    return {
        alias.strip(): code
        for code, aliases in zip(
            plan.organisations["code"], plan.organisations["aliases"], strict=True
        )
        for alias in aliases.replace(",", ";").split(";")
        if alias.strip()
    }


def _present_pillars(plan: Plan) -> list[str]:
    present = set(plan.activities["pillar"])
    return [pillar for pillar in (*PILLARS, PILLAR_NOT_STATED) if pillar in present]


def _present_sections(plan: Plan) -> list[str]:
    """The note's headings that are not pillars (a plan read from a revision), in plan order."""
    sections = plan.activities.sort_values("row")["section"]
    return [section for section in dict.fromkeys(sections) if section]


def _partners_present(plan: Plan) -> list[str]:
    return sorted(plan.partners["organisation"].unique())


def _fixed(values: tuple[str, ...]) -> Callable[[Plan], list[str]]:
    return lambda plan: list(values)


def _no_aliases(plan: Plan) -> dict[str, str]:
    return {}


def _named_as_is(text: str, options: list[str]) -> str | None:
    return text if text in options else None


@dataclass(frozen=True)
class Filter:
    """One shared filter: the FilterSpec field it fills, and how the sidebar, a link and the
    command line name and offer it. Adding a filter is adding a FilterSpec field and a row to
    FILTERS; the sidebar, the URL, the CLI and describe() read this table."""

    field: str  # the FilterSpec field: "units"
    param: str  # the URL parameter: ?unit=BDT
    flag: str  # the command-line flag: --unit BDT
    label: str  # the sidebar's label
    words: tuple[str, str]  # (singular, plural) in describe(): "status" takes no plain s
    help: str  # the command-line flag's help
    offered: Callable[[Plan], list[str]]  # what the sidebar offers, in its order
    known: Callable[[Plan], list[str]]  # what a command-line value may name
    aliases: Callable[[Plan], dict[str, str]] = _no_aliases  # other names the CLI accepts
    to_link: Callable[[str], str] = str  # a value as a link writes it
    from_link: Callable[[str, list[str]], str | None] = _named_as_is  # a link's value read back
    only_when_offered: bool = False  # the sidebar leaves it out when the plan offers nothing

    @property
    def widget_key(self) -> str:
        return f"f_{self.field}"

    def link_value(self, text: str, offered: list[str]) -> str | None:
        """The offered value a link's text names, or None."""
        return self.from_link(text, offered)


FILTERS: tuple[Filter, ...] = (
    Filter(
        "pillars", "pillar", "--pillar", "Pillar", ("pillar", "pillars"),
        "a section of the plan, e.g. 'Internet Governance'",
        offered=_present_pillars, known=_fixed((*PILLARS, PILLAR_NOT_STATED)),
    ),
    Filter(
        "sections", "section", "--section", "Section (the note's heading)",
        ("section", "sections"),
        "a heading of the note the plan was read from, where it is not the pillar",
        offered=_present_sections, known=_present_sections, only_when_offered=True,
    ),
    Filter(
        "themes", "theme", "--theme", "Theme (action line, C7 theme, C6 topic)",
        ("theme", "themes"),
        "an action line (C7) or theme ('C7 · eHealth' or just eHealth)",
        offered=theme_options, known=theme_options, aliases=theme_aliases,
        to_link=theme_slug, from_link=theme_from_link,
    ),
    Filter(
        "sectors", "sector", "--sector", "Sector or General Secretariat", ("Sector", "Sectors"),
        "ITU-R, ITU-T, ITU-D or 'General Secretariat'",
        offered=_fixed(SECTORS), known=_fixed(SECTORS),
    ),
    Filter(
        "units", "unit", "--unit", "ITU unit", ("unit", "units"),
        "a unit code from data/units.csv, e.g. BDT",
        offered=unit_order, known=lambda plan: list(plan.units["code"]),
    ),
    Filter(
        "organisations", "org", "--organisation", "Partner organisation",
        ("organisation", "organisations"), "a partner organisation, e.g. UNESCO",
        offered=_partners_present, known=lambda plan: list(plan.organisations["code"]),
        aliases=organisation_aliases,
    ),
    Filter(
        "roles", "role", "--role", "Role", ("role", "roles"), "lead or assist",
        offered=_fixed(ROLES), known=_fixed(ROLES),
    ),
    Filter(
        "statuses", "status", "--status", "Event status", ("event status", "event statuses"),
        "event status: held, planned or unconfirmed",
        offered=_fixed(EVENT_STATUSES), known=_fixed(EVENT_STATUSES),
    ),
)  # fmt: skip
