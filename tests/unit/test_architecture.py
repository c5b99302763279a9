"""The rules analysis/ lives by: no Streamlit, no file I/O outside load.py, inputs untouched."""

from __future__ import annotations

import ast
import copy
import inspect
from collections.abc import Callable
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import networkx as nx
import pandas as pd
import pytest

from analysis import export, filters
from analysis.filters import FilterSpec
from analysis.measures import activities, audit, matrix, meetings, metrics, network, roles, timeline
from analysis.model import Plan
from analysis.planfile import dates, plan_csv

REPO = Path(__file__).resolve().parents[2]
ANALYSIS = REPO / "analysis"
MODULES = sorted(ANALYSIS.glob("*.py"))
_FILE_CALLS = {"open", "read_text", "read_bytes", "write_text", "write_bytes", "mkdir", "read_csv"}


def _imports(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_no_streamlit(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert not {name for name in _imports(tree) if name.split(".")[0] == "streamlit"}


@pytest.mark.parametrize("path", [p for p in MODULES if p.name != "load.py"], ids=lambda p: p.name)
def test_file_io_only_in_load(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    calls = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in _FILE_CALLS:
                calls.add(name)
    assert not calls


# ---------------------------------------------------------------- inputs are never mutated

Call = tuple[str, Callable[..., Any], Callable[[Plan], tuple[Any, ...]]]
ALL = FilterSpec(units=("BDT",), statuses=("held",), date_from=date(2006, 5, 1))


def _lanes_input(plan: Plan) -> tuple[pd.DataFrame, pd.DataFrame]:
    return timeline.timeline_frame(plan.events, plan.activities, plan.as_of), plan.activities


def _lanes(plan: Plan) -> pd.DataFrame:
    return timeline.timeline_lanes(*_lanes_input(plan), "pillar")


CALLS: list[Call] = [
    ("metrics.workload_by_unit", metrics.workload_by_unit, lambda p: (p,)),
    (
        "metrics.workload_by_sector",
        metrics.workload_by_sector,
        lambda p: (p, metrics.LoadWeights(split_joint_leads=True)),
    ),
    ("metrics.gini", metrics.gini, lambda p: (metrics.workload_by_unit(p)["weighted_load"],)),
    (
        "metrics.balance",
        metrics.balance,
        lambda p: (metrics.workload_by_unit(p), metrics.workload_by_sector(p)),
    ),
    ("metrics.headline_counts", metrics.headline_counts, lambda p: (p,)),
    ("filters.unit_order", filters.unit_order, lambda p: (p,)),
    ("filters.theme_aliases", filters.theme_aliases, lambda p: (p,)),
    ("filters.organisation_aliases", filters.organisation_aliases, lambda p: (p,)),
    ("matrix.responsibility_cells", matrix.responsibility_cells, lambda p: (p,)),
    ("matrix.responsibility_matrix", matrix.responsibility_matrix, lambda p: (p,)),
    ("matrix.matrix_by_group", matrix.matrix_by_group, lambda p: (p, "action_line")),
    ("matrix.group_order", matrix.group_order, lambda p: (p, "pillar")),
    ("audit.audit", audit.audit, lambda p: (p,)),
    ("audit.audit_counts", audit.audit_counts, lambda p: (audit.audit(p),)),
    ("audit.audit_tally", audit.audit_tally, lambda p: (audit.audit(p),)),
    ("audit.needs_decision", audit.needs_decision, lambda p: (audit.audit(p),)),
    ("network.participants", network.participants, lambda p: (p,)),
    ("network.collaboration_graph", network.collaboration_graph, lambda p: (p,)),
    ("network.centrality", network.centrality, lambda p: (network.collaboration_graph(p),)),
    ("network.layout", network.layout, lambda p: (network.collaboration_graph(p),)),
    (
        "network.two_sides_layout",
        network.two_sides_layout,
        lambda p: (
            network.collaboration_graph(p),
            network.centrality(network.collaboration_graph(p)),
        ),
    ),
    (
        "network.neighbourhood",
        network.neighbourhood,
        lambda p: (network.collaboration_graph(p), "unit:BDT"),
    ),
    ("network.shared_activities", network.shared_activities, lambda p: (p, "org:UNESCO")),
    ("dates.event_status", dates.event_status, lambda p: (p.events, date(2006, 5, 16))),
    (
        "timeline.timeline_frame",
        timeline.timeline_frame,
        lambda p: (p.events, p.activities, p.as_of),
    ),
    ("timeline.events_per_month", timeline.events_per_month, lambda p: (_lanes(p),)),
    (
        "timeline.events_in_month",
        timeline.events_in_month,
        lambda p: (_lanes(p), 0, pd.Timestamp("2006-05-01")),
    ),
    ("filters.theme_matches", filters.theme_matches, lambda p: (p.themes, ("C7",))),
    ("filters.apply_filters", filters.apply_filters, lambda p: (p, ALL)),
    ("filters.theme_options", filters.theme_options, lambda p: (p,)),
    ("export.export_frames", export.export_frames, lambda p: (p,)),
    ("plan_csv.plan_to_csv_text", plan_csv.plan_to_csv_text, lambda p: (p,)),
    ("metrics.overview_counts", metrics.overview_counts, lambda p: (p, p)),
    ("matrix.unit_rows", matrix.unit_rows, lambda p: (p,)),
    ("matrix.group_cells", matrix.group_cells, lambda p: (p, "pillar")),
    ("matrix.group_roles", matrix.group_roles, lambda p: (p, "action_line", "BDT", "C7")),
    ("audit.overview_audit", audit.overview_audit, lambda p: (p, p)),
    ("audit.unled_activities", audit.unled_activities, lambda p: (audit.audit(p),)),
    ("audit.findings_for", audit.findings_for, lambda p: (audit.audit(p), ["no ITU lead"])),
    (
        "network.centrality_table",
        network.centrality_table,
        lambda p: (network.centrality(network.collaboration_graph(p)),),
    ),
    ("timeline.timeline_lanes", timeline.timeline_lanes, lambda p: (*_lanes_input(p), "activity")),
    ("timeline.event_table", timeline.event_table, lambda p: (_lanes(p),)),
    (
        "meetings.when_text",
        meetings.when_text,
        lambda p: (p.events["start"].iloc[0],) * 2 + ("day",),
    ),
    ("meetings.lead_units", meetings.lead_units, lambda p: (p.assignments,)),
    ("meetings.meetings", meetings.meetings, lambda p: (_lanes(p), p.assignments, ("held",))),
    ("meetings.next_meetings", meetings.next_meetings, lambda p: (_lanes(p), p.assignments)),
    (
        "meetings.unconfirmed_meetings",
        meetings.unconfirmed_meetings,
        lambda p: (_lanes(p), p.assignments),
    ),
    ("export.download_tables", export.download_tables, lambda p: (p,)),
    ("export.csv_zip_bytes", export.csv_zip_bytes, lambda p: (p,)),
    ("export.workbook_bytes", export.workbook_bytes, lambda p: (export.download_tables(p),)),
    ("export.sheet_texts", export.sheet_texts, lambda p: (p.activities,)),
    ("plan_csv.plan_csv_bytes", plan_csv.plan_csv_bytes, lambda p: (p,)),
    ("activities.search_plan", activities.search_plan, lambda p: (p.activities, "spam")),
    ("activities.restrict_plan", activities.restrict_plan, lambda p: (p, ["A01", "A25"])),
    ("activities.plan_table", activities.plan_table, lambda p: (p.activities,)),
    (
        "activities.activities_by_id",
        activities.activities_by_id,
        lambda p: (p.activities, ["A25", "A01"]),
    ),
    ("activities.activity_labels", activities.activity_labels, lambda p: (p,)),
    ("filters.theme_slug", filters.theme_slug, lambda p: ("C7 · eLearning",)),
    (
        "filters.theme_from_link",
        filters.theme_from_link,
        lambda p: ("C7-eLearning", filters.theme_options(p)),
    ),
    ("roles.with_all_roles", roles.with_all_roles, lambda p: (p, p)),
    ("roles.roles_of", roles.roles_of, lambda p: (p,)),
    ("roles.activity_roles", roles.activity_roles, lambda p: (p,)),
    ("roles.unit_labels", roles.unit_labels, lambda p: (p,)),
    ("roles.units_of", roles.units_of, lambda p: (p, "Sectors")),
]


def _public_functions(module: ModuleType) -> set[str]:
    return {
        f"{module.__name__.split('.')[-1]}.{name}"
        for name, value in vars(module).items()
        if inspect.isfunction(value) and value.__module__ == module.__name__ and name[0] != "_"
    }


def test_every_public_function_is_checked() -> None:
    public: set[str] = set()
    modules = (
        metrics,
        matrix,
        audit,
        network,
        timeline,
        filters,
        export,
        activities,
        roles,
        meetings,
        plan_csv,
    )
    for module in modules:
        public |= _public_functions(module)
    public.add("dates.event_status")
    assert public == {name for name, _, _ in CALLS}


def _snapshot(value: Any) -> Any:
    if isinstance(value, Plan):
        return {
            name: getattr(value, name).copy(deep=True)
            for name in ("activities", "assignments", "partners", "events", "themes", "units",
                         "organisations")
        }  # fmt: skip
    if isinstance(value, pd.DataFrame | pd.Series):
        return value.copy(deep=True)
    if isinstance(value, nx.Graph):
        return (
            sorted((n, repr(sorted(d.items()))) for n, d in value.nodes(data=True)),
            sorted((a, b, repr(sorted(d.items()))) for a, b, d in value.edges(data=True)),
        )
    return copy.deepcopy(value)


def _assert_same(before: Any, after: Any, what: str) -> None:
    if isinstance(before, dict) and all(isinstance(v, pd.DataFrame) for v in before.values()):
        for name, frame in before.items():
            pd.testing.assert_frame_equal(after[name], frame, obj=f"{what}.{name}")
    elif isinstance(before, pd.DataFrame):
        pd.testing.assert_frame_equal(after, before, obj=what)
    elif isinstance(before, pd.Series):
        pd.testing.assert_series_equal(after, before, obj=what)
    else:
        assert after == before, what


@pytest.mark.parametrize(("name", "function", "arguments"), CALLS, ids=[c[0] for c in CALLS])
def test_inputs_are_not_mutated(
    plan: Plan,
    name: str,
    function: Callable[..., Any],
    arguments: Callable[[Plan], tuple[Any, ...]],
) -> None:
    before_plan = _snapshot(plan)
    args = arguments(plan)
    before_args = [_snapshot(arg) for arg in args]
    function(*args)
    _assert_same(before_plan, _snapshot(plan), "plan")
    for index, (before, arg) in enumerate(zip(before_args, args, strict=True)):
        _assert_same(before, _snapshot(arg), f"{name} argument {index}")


# ---------------------------------------------------------------- pages write to no frame

ROOT = ANALYSIS.parent
SCRIPTS = sorted([*(ROOT / "pages").glob("*.py"), *(ROOT / "ui").glob("*.py"), ROOT / "app.py"])
# Where a script may assign into a subscript: Streamlit's session state and URL, the session memo.
_WRITABLE = {"session_state", "query_params", "memo"}


def _names_in(chain: ast.expr) -> set[str]:
    """The names along a chain like st.session_state or frame.loc."""
    names = set()
    while isinstance(chain, (ast.Attribute, ast.Subscript)):
        if isinstance(chain, ast.Attribute):
            names.add(chain.attr)
        chain = chain.value
    if isinstance(chain, ast.Name):
        names.add(chain.id)
    return names


def _written_subscripts(tree: ast.AST) -> set[str]:
    """Targets like frame["x"] = ..., frame.loc[...] = ... or frame.at[...] += ..., by the name
    of what is written into, plus any call with inplace=True."""
    written: set[str] = set()
    for node in ast.walk(tree):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = list(node.targets)
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        for target in targets:
            if isinstance(target, ast.Subscript) and not _WRITABLE & _names_in(target.value):
                written.add(ast.unparse(target.value))
        if isinstance(node, ast.Call) and any(k.arg == "inplace" for k in node.keywords):
            written.add(ast.unparse(node.func))
    return written


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_pages_write_to_no_frame(path: Path) -> None:
    """Plans, views, cached tables and figures are shared by every session (ui/derived.py,
    ui/plans.py): a page that wrote into one would change it for everyone."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert not _written_subscripts(tree)


@pytest.mark.parametrize(
    ("source", "written"),
    [
        ("frame['x'] = 1", {"frame"}),
        ("frame.loc[0, 'x'] = 1", {"frame.loc"}),
        ("frame.at[0, 'x'] += 1", {"frame.at"}),
        ("frame.drop(columns='x', inplace=True)", {"frame.drop"}),
        ("st.session_state['key'] = 1", set()),
        ("memo[name] = (key, value)", set()),
        ("st.query_params[param] = values", set()),
        ("copy = frame.assign(x=1)", set()),
    ],
)
def test_the_write_check_sees_writes(source: str, written: set[str]) -> None:
    assert _written_subscripts(ast.parse(source)) == written


def _late_globals(path: Path) -> list[str]:
    """Functions of a page file that read a module-level name assigned only further down (they
    work only because the script happens to run top to bottom before calling them)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assigned: dict[str, int] = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef | ast.Import | ast.ImportFrom):
            continue
        for name in ast.walk(node):
            if isinstance(name, ast.Name) and isinstance(name.ctx, ast.Store):
                assigned.setdefault(name.id, node.lineno)
    late = []
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef):
            continue
        arguments = node.args.posonlyargs + node.args.args + node.args.kwonlyargs
        own = {argument.arg for argument in arguments} | {
            name.id
            for name in ast.walk(node)
            if isinstance(name, ast.Name) and isinstance(name.ctx, ast.Store)
        }
        read = {
            name.id
            for name in ast.walk(node)
            if isinstance(name, ast.Name) and isinstance(name.ctx, ast.Load)
        }
        late += [
            f"{node.name} reads {name}"
            for name in sorted(read - own)
            if assigned.get(name, 0) > node.lineno
        ]
    return late


@pytest.mark.parametrize("path", sorted((REPO / "pages").glob("*.py")), ids=lambda p: p.name)
def test_page_functions_take_what_they_use(path: Path) -> None:
    assert _late_globals(path) == []
