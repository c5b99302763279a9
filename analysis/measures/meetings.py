"""The next meetings: the plan's dated events still to come on the as-of date, as a manager reads
them (when, what, where, which activity, which unit leads it), and the events it planned for a
date now passed without reporting them held. Pure: frames in, frames out."""

from __future__ import annotations

import pandas as pd

# The list's columns, in reading order; activity_id last, for finding the activity's text.
MEETING_COLUMNS: tuple[str, ...] = ("When", "What", "Where", "Activity", "Lead unit", "activity_id")
NO_PLACE = "not given"
NO_LEAD = "no ITU lead"


def when_text(start: pd.Timestamp, end: pd.Timestamp, precision: str) -> str:
    """The date as a person reads it, with the year, approximate dates marked:
    '16 May 2006', '26–28 Jul 2006', '31 Aug – 1 Sep 2006', '30 Oct 2005 – 2 Jan 2006',
    '≈ Oct 2006 (month only)', '≈ 2006 (year only)'."""
    if precision == "year":
        return f"≈ {start.year} (year only)"
    if precision == "month":
        return f"≈ {start:%b %Y} (month only)"
    if start == end:
        return f"{start.day} {start:%b %Y}"
    if start.year != end.year:
        return f"{start.day} {start:%b %Y} – {end.day} {end:%b %Y}"
    if start.month != end.month:
        return f"{start.day} {start:%b} – {end.day} {end:%b %Y}"
    return f"{start.day}–{end.day} {end:%b %Y}"


def lead_units(assignments: pd.DataFrame) -> pd.Series:
    """Activity id → its lead units joined by ' and ' in plan order, e.g. 'SPU and CEC'."""
    leads = assignments[assignments["role"] == "lead"]
    joined: pd.Series = leads.groupby("activity_id", sort=False)["unit"].agg(
        lambda units: " and ".join(dict.fromkeys(units))
    )
    return joined


def meetings(
    timeline: pd.DataFrame,
    assignments: pd.DataFrame,
    statuses: tuple[str, ...] = ("planned",),
    limit: int | None = None,
    *,
    exact_first: bool = False,
) -> pd.DataFrame:
    """The events of the given statuses from a timeline frame
    (analysis.measures.timeline.timeline_frame, whose status is against its as-of date), earliest
    first, as MEETING_COLUMNS. A date known only to the year ("ITU TELECOM World 2006") could fall
    any time in it, so it is listed at the end of its year, after the events dated within it. Lead
    units come from `assignments`: pass the whole plan's, so a unit or role filter does not hide
    the lead. At most `limit` rows when given. exact_first: the events dated to the day first,
    then those the plan dates only to the month or the year (a briefing's list)."""
    chosen = timeline[timeline["status"].isin(statuses)]
    order = chosen["start"].where(chosen["precision"] != "year", chosen["end"])
    vague = chosen["precision"].isin(["month", "year"]) if exact_first else False
    chosen = chosen.assign(_order=order, _vague=vague).sort_values(
        ["_vague", "_order", "end", "activity_id"], kind="stable"
    )
    if limit is not None:
        chosen = chosen.head(limit)
    leads = lead_units(assignments)
    when = [
        when_text(start, end, str(precision))
        for start, end, precision in zip(
            chosen["start"], chosen["end"], chosen["precision"], strict=True
        )
    ]
    places = chosen["location"].fillna("").astype("str")
    titles = chosen["title"].fillna("").astype("str")
    table = pd.DataFrame(
        {
            "When": pd.Series(when, index=chosen.index, dtype="str"),
            "What": chosen["label"].astype("str"),
            "Where": places.where(places != "", NO_PLACE),
            "Activity": (chosen["activity_id"] + " · " + titles).str.removesuffix(" · "),
            "Lead unit": chosen["activity_id"].map(leads).fillna(NO_LEAD).astype("str"),
            "activity_id": chosen["activity_id"].astype("str"),
        }
    )
    return table.reset_index(drop=True)[list(MEETING_COLUMNS)]


def next_meetings(
    timeline: pd.DataFrame, assignments: pd.DataFrame, limit: int | None = None
) -> pd.DataFrame:
    """The planned events (still to come on the timeline's as-of date), earliest first."""
    return meetings(timeline, assignments, ("planned",), limit)


def unconfirmed_meetings(timeline: pd.DataFrame, assignments: pd.DataFrame) -> pd.DataFrame:
    """The events the plan says are planned whose date has passed, not reported held."""
    return meetings(timeline, assignments, ("unconfirmed",))
