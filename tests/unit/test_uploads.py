"""Uploaded plans kept once per content (ui/uploads.py): shared by the sessions that upload the
same file, dropped when their sessions end or after IDLE_S unused."""

from __future__ import annotations

import pytest

from analysis import Plan
from ui.uploads import IDLE_S, UploadedPlans

KEY = "0123456789abcdef plan.csv"


class Parser:
    """parse() callables that count the parses and give a new Plan object each time."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.count = 0

    def __call__(self) -> Plan:
        self.count += 1
        return self.plan.replace()


def test_two_sessions_uploading_one_file_share_one_parsed_plan(plan: Plan) -> None:
    store, parse = UploadedPlans(), Parser(plan)
    first = store.plan(KEY, parse, "session-a", now=0.0)
    second = store.plan(KEY, parse, "session-b", now=1.0)
    assert second is first and parse.count == 1
    assert store.plan("fedcba9876543210 plan.csv", parse, "session-b", now=2.0) is not first
    assert parse.count == 2


def test_a_plan_is_dropped_when_the_last_session_using_it_ends(plan: Plan) -> None:
    store, parse = UploadedPlans(), Parser(plan)
    store.plan(KEY, parse, "session-a", now=0.0)
    store.plan(KEY, parse, "session-b", now=0.0)
    assert store.sweep(1.0, session_open=lambda session: session == "session-b") == []
    assert store.kept(KEY, "session-b", now=2.0) is not None
    assert store.sweep(3.0, session_open=lambda session: False) == [KEY]
    assert store.kept(KEY, "session-b", now=4.0) is None and store.digests() == []


@pytest.mark.parametrize(("unused_s", "kept"), [(IDLE_S - 1, True), (IDLE_S + 1, False)])
def test_a_plan_unused_for_the_idle_time_is_dropped_though_its_session_is_open(
    plan: Plan, unused_s: float, kept: bool
) -> None:
    store = UploadedPlans()
    store.plan(KEY, Parser(plan), "session-a", now=100.0)
    store.sweep(100.0 + unused_s, session_open=lambda session: True)
    assert (store.digests() == [KEY]) is kept


def test_a_session_looking_at_its_plan_keeps_it(plan: Plan) -> None:
    store = UploadedPlans(idle_s=60)
    store.plan(KEY, Parser(plan), "session-a", now=0.0)
    for minute in range(1, 10):
        assert store.kept(KEY, "session-a", now=minute * 50.0) is not None
        store.sweep(minute * 50.0 + 1, session_open=lambda session: True)
    assert store.digests() == [KEY]


def test_a_file_that_fails_to_parse_is_not_kept(plan: Plan) -> None:
    store = UploadedPlans()

    def refuse() -> Plan:
        raise ValueError("not a plan")

    with pytest.raises(ValueError, match="not a plan"):
        store.plan(KEY, refuse, "session-a", now=0.0)
    assert store.digests() == []


def test_past_the_cap_the_plan_used_longest_ago_is_dropped(plan: Plan) -> None:
    store, parse = UploadedPlans(max_kept=2), Parser(plan)
    for minute, key in enumerate(["a x.csv", "b x.csv", "c x.csv"]):
        if minute == 2:
            store.kept("a x.csv", "session-a", now=minute * 60.0 - 1)  # a is looked at again
        store.plan(key, parse, f"session-{key[0]}", now=minute * 60.0)
    assert sorted(store.digests()) == ["a x.csv", "c x.csv"]
    store.plan("b x.csv", parse, "session-b", now=200.0)  # parsed again when shown again
    assert parse.count == 4 and sorted(store.digests()) == ["b x.csv", "c x.csv"]
