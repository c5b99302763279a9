"""The rules analysis/ lives by, for every module at any depth: each imports only from its own
layer or those below it, none imports Streamlit, none does file I/O outside the loader and the
command line, and no public function changes its inputs."""

from __future__ import annotations

import ast
import contextlib
import copy
import importlib
import inspect
from collections.abc import Callable
from datetime import date
from functools import cache, cached_property
from pathlib import Path
from types import ModuleType
from typing import Any

import networkx as nx
import pandas as pd
import pytest

from analysis.changes.diff import plan_changes
from analysis.changes.event_changes import events_by_activity
from analysis.changes.whatif import MoveRole, apply_edits, explain_edits
from analysis.filters import FilterSpec
from analysis.measures.activities import plan_table
from analysis.measures.audit import audit
from analysis.measures.metrics import LoadWeights, workload_by_sector, workload_by_unit
from analysis.measures.network import centrality, collaboration_graph
from analysis.measures.timeline import timeline_frame, timeline_lanes
from analysis.model import PLAN_FILE_COLUMNS, Plan, PlanError, Problem
from analysis.note.held_to_sentences import Disagreement
from analysis.note.name_lists import Role
from analysis.note.partners import PartnerRole
from analysis.note.rows import NoteUnread
from analysis.note.table import TableRow
from analysis.planfile.load import BUNDLED_PLAN
from analysis.planfile.role_cells import read_cell

from .frames import assert_frame_equal, assert_series_equal

REPO = Path(__file__).resolve().parents[2]
ANALYSIS = REPO / "analysis"
MODULES = sorted(ANALYSIS.rglob("*.py"))


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__")


def _layer(module: str) -> str:
    """'analysis.measures.audit' → 'measures'; 'analysis.model' → 'model'; 'analysis' → ''."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


# What a module of each layer may import from analysis/, its own layer included: one way, from
# the bytes of a file up to two plans compared. The package's front door (__init__, __main__)
# and the command line sit on top and may import any layer.
ALLOWED_IMPORTS: dict[str, set[str]] = {
    "model": {"model"},
    "planfile": {"model", "planfile"},
    "filters": {"model"},
    "note": {"model", "planfile", "note"},
    "measures": {"model", "planfile", "filters", "note", "measures"},
    "changes": {"model", "planfile", "filters", "measures", "changes"},
    "export": {"model", "planfile", "measures"},
}
ON_TOP = {"", "__main__", "cli"}


def _imports(tree: ast.AST, module: str) -> set[str]:
    """Every module the tree imports, relative imports resolved against `module`."""
    package = module.split(".")
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level] if node.level else []
            names.add(".".join([*base, *([node.module] if node.module else [])]))
    return names


@cache
def _tree(path: Path) -> ast.AST:
    """The module's syntax tree, parsed once: several checks read each module, none changes it."""
    return ast.parse(path.read_text(encoding="utf-8"))


@cache
def _imported_by(path: Path) -> frozenset[str]:
    return frozenset(_imports(_tree(path), _module_name(path)))


def test_every_module_is_in_a_layer() -> None:
    layers = {_layer(_module_name(path)) for path in MODULES}
    assert layers <= set(ALLOWED_IMPORTS) | ON_TOP


@pytest.mark.parametrize("path", MODULES, ids=_module_name)
def test_imports_go_one_way(path: Path) -> None:
    module = _module_name(path)
    layer = _layer(module)
    if layer in ON_TOP:
        return
    imported = {_layer(name) for name in _imported_by(path) if name.startswith("analysis.")}
    assert imported <= ALLOWED_IMPORTS[layer], f"{module} imports from {imported}"


@pytest.mark.parametrize(
    ("source", "module", "imported"),
    [
        ("from analysis.model import Plan", "analysis.measures.x", {"analysis.model"}),
        ("from .cells import split_items", "analysis.planfile.x", {"analysis.planfile.cells"}),
        ("from .. import model", "analysis.planfile.x", {"analysis"}),
        ("import streamlit as st", "analysis.x", {"streamlit"}),
    ],
)
def test_the_import_check_sees_imports(source: str, module: str, imported: set[str]) -> None:
    assert _imports(ast.parse(source), module) == imported


@pytest.mark.parametrize("path", MODULES, ids=_module_name)
def test_no_streamlit(path: Path) -> None:
    imported = _imported_by(path)
    assert not {name for name in imported if name.split(".")[0] == "streamlit"}


_FILE_CALLS = {"open", "read_text", "read_bytes", "write_text", "write_bytes", "mkdir", "read_csv"}
# The rooms of analysis/ that may touch files or start processes, and why: the loader, the
# command line (it reads the files the user names and writes what they ask for; all it computes
# is the pure layers'), the zip reader, whose archive.open reads a part of a workbook already in
# memory, and the PDF note's reader, which hands the bytes to a child process held to a memory
# and a time limit (PDFium inflates streams whole) and reads its answer; the table it gives
# is what the pure reader gives.
MAY_DO_IO = {
    "analysis.planfile.load": "reads the plan and reference files",
    "analysis.cli": "reads the files named and writes the files asked for",
    "analysis.planfile.zip_limits": "opens the parts of an archive held in memory",
    "analysis.note.pdf_bound": "reads a PDF in a child process, through its stdin and stdout",
}
_PROCESS_PACKAGES = {"subprocess", "multiprocessing", "concurrent"}


_IN_MEMORY = {"BytesIO", "StringIO"}


def _called_name(node: ast.Call) -> str:
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _file_calls(tree: ast.AST) -> set[str]:
    """Calls that read or write files; opening bytes already in memory (io.BytesIO) is not."""
    calls = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _called_name(node) in _FILE_CALLS:
            first = node.args[0] if node.args else None
            if isinstance(first, ast.Call) and _called_name(first) in _IN_MEMORY:
                continue
            calls.add(_called_name(node))
    return calls


@pytest.mark.parametrize(
    "path",
    [p for p in MODULES if not _module_name(p).startswith(tuple(MAY_DO_IO))],
    ids=_module_name,
)
def test_file_io_only_in_the_loader_and_the_cli(path: Path) -> None:
    assert not _file_calls(_tree(path))


@pytest.mark.parametrize(
    "path",
    [p for p in MODULES if not _module_name(p).startswith(tuple(MAY_DO_IO))],
    ids=_module_name,
)
def test_processes_are_started_only_where_it_is_said_why(path: Path) -> None:
    imported = _imported_by(path)
    assert not {name for name in imported if name.split(".")[0] in _PROCESS_PACKAGES}


def test_the_io_check_sees_file_calls() -> None:
    source = "Path(p).read_bytes(); open(p); pd.read_csv(p); out.write_text(t)"
    assert _file_calls(ast.parse(source)) == {"read_bytes", "open", "read_csv", "write_text"}
    assert _file_calls(ast.parse("pdfplumber.open(io.BytesIO(raw))")) == set()


# ---------------------------------------------------------------- inputs are never changed

# Parameter types a call cannot change: a function taking only these needs no check.
IMMUTABLE = {
    "str", "int", "float", "bool", "bytes", "object", "date", "date | None", "str | None",
    "int | None", "pd.Timestamp", "tuple[str, ...]", "Kind", "Path", "str | Path",
    "LoadWeights", "LoadWeights | None", "FilterSpec", "FilterSpec | None", "LaneMode", "Edit",
    "PlanText", "PdfLimits",
    "ZipLimits", "Literal['action_line', 'pillar']", "Literal['plan', 'given']",
    "Callable[[str], list[Mention]]", "tuple[Rule, ...]", "tuple[Char, ...]", "Box", "Line",
    "Spacing", "tuple[Row, ...]", "tuple[tuple[Row, ...], ...]",
}  # fmt: skip

# Functions not called here, and why.
NOT_CALLED = {
    "analysis.cli": "the command line: parsed arguments and streams in, exit codes out; "
    "tests/unit/test_cli.py runs it",
    "analysis.planfile.load.write_tables": "writes files (the export command's last step)",
    "analysis.planfile.zip_limits": "reads an open archive; no frame or list to change",
    "analysis.planfile.workbook_limits": "reads an open archive; no frame or list to change",
}

ALL = FilterSpec(units=("BDT",), statuses=("held",), date_from=date(2006, 5, 1))
MOVE = MoveRole(None, "WSIS-ES", "CEC")


class Given:
    """The values calls are made with, from the bundled plan, each made once and on demand."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan

    @cached_property
    def edited(self) -> Plan:
        return apply_edits(self.plan, [MOVE])

    @cached_property
    def timeline(self) -> pd.DataFrame:
        return timeline_frame(self.plan.events, self.plan.activities, self.plan.as_of)

    @cached_property
    def lanes(self) -> pd.DataFrame:
        return timeline_lanes(self.timeline, self.plan.activities, "pillar")

    @cached_property
    def graph(self) -> nx.Graph:
        return collaboration_graph(self.plan)

    @cached_property
    def events(self) -> list[Any]:
        return events_by_activity(self.plan)["A25"]


# A sample for each (parameter name, annotation) the pure functions take; a new function whose
# parameters are all here is checked without a line of its own.
SAMPLES: dict[tuple[str, str], Callable[[Given], Any]] = {
    ("plan", "Plan"): lambda g: g.plan,
    ("view", "Plan"): lambda g: g.plan,
    ("before", "Plan"): lambda g: g.plan,
    ("old", "Plan"): lambda g: g.plan,
    ("after", "Plan"): lambda g: g.edited,
    ("new", "Plan"): lambda g: g.edited,
    ("other", "Plan"): lambda g: g.edited,
    ("old_name", "str"): lambda g: "bundled data/plan.csv",
    ("new_name", "str"): lambda g: "what-if result",
    ("views", "Plan"): lambda g: g.plan,
    ("activities", "pd.DataFrame"): lambda g: g.plan.activities,
    ("assignments", "pd.DataFrame"): lambda g: g.plan.assignments,
    ("events", "pd.DataFrame"): lambda g: g.plan.events,
    ("themes", "pd.DataFrame"): lambda g: g.plan.themes,
    ("units", "pd.DataFrame"): lambda g: g.plan.units,
    ("organisations", "pd.DataFrame"): lambda g: g.plan.organisations,
    ("old_activities", "pd.DataFrame"): lambda g: g.plan.activities,
    ("new_activities", "pd.DataFrame"): lambda g: g.edited.activities,
    ("reference", "pd.DataFrame | None"): lambda g: g.plan.activities,
    ("by_unit", "pd.DataFrame"): lambda g: workload_by_unit(g.plan),
    ("by_sector", "pd.DataFrame"): lambda g: workload_by_sector(g.plan),
    ("frame", "pd.DataFrame"): lambda g: workload_by_unit(g.plan),
    ("unled", "pd.DataFrame"): lambda g: audit(g.plan),
    ("findings", "pd.DataFrame"): lambda g: audit(g.plan),
    ("timeline", "pd.DataFrame"): lambda g: g.timeline,
    ("lanes", "pd.DataFrame"): lambda g: g.lanes,
    ("graph", "nx.Graph"): lambda g: g.graph,
    ("centrality", "pd.DataFrame"): lambda g: centrality(g.graph),
    ("order", "pd.DataFrame"): lambda g: centrality(g.graph),
    ("values", "pd.Series"): lambda g: workload_by_unit(g.plan)["weighted_load"],
    ("changes", "pd.DataFrame"): lambda g: plan_changes(g.plan, g.edited),
    ("changes", "Iterable[RoleChange]"): lambda g: explain_edits(g.plan, [MOVE]).changes,
    ("role_changes", "Sequence[RoleChange]"): lambda g: explain_edits(g.plan, [MOVE]).changes,
    ("changes", "Sequence[str]"): lambda g: ["CEC leads A31 (was WSIS-ES)"],
    ("edits", "Iterable[Edit]"): lambda g: [MOVE],
    ("before", "list[Event]"): lambda g: g.events,
    ("after", "list[Event]"): lambda g: g.events[:1],
    ("tables", "Mapping[str, pd.DataFrame]"): lambda g: {"activities": g.plan.activities},
    ("activity_ids", "Iterable[str]"): lambda g: ["A25", "A01"],
    ("checks", "Iterable[str]"): lambda g: ["no ITU lead"],
    ("kinds", "Iterable[str]"): lambda g: ["role"],
    ("units", "Collection[str]"): lambda g: ["CEC"],
    ("options", "list[str]"): lambda g: ["C7 · eLearning"],
    ("choices", "list[str]"): lambda g: ["BDT", "TSB"],
    ("labels", "Sequence[str]"): lambda g: ["BDT", "TSB"],
    ("names", "Sequence[str]"): lambda g: ["BDT", "TSB"],
    ("sectors", "Sequence[str]"): lambda g: ["ITU-T", "ITU-D"],
    ("sector_of", "Mapping[str, str] | None"): lambda g: {"CEC": "General Secretariat"},
    ("cells", "list[str]"): lambda g: ["Activity", "Allocation", "Comments"],
    ("paragraphs", "list[str]"): lambda g: ["Lead: BDT", "assisted by TSB"],
    ("column", "list[str]"): lambda g: [" BDT ", "TSB"],
    ("columns", "list[str]"): lambda g: list(PLAN_FILE_COLUMNS),
    ("header", "list[str]"): lambda g: list(PLAN_FILE_COLUMNS),
    ("rows", "Rows"): lambda g: [(2, ["A01"])],
    ("rows", "Iterable[tuple[int, list[str]]]"): lambda g: [(2, ["Ã©tude"])],
    ("rows", "Sequence[TableRow]"): lambda g: [
        TableRow("Infrastructure", "C2 Information infrastructure", "Lead: BDT", "", "row 2")
    ],
    ("order", "list[str]"): lambda g: list(g.plan.activities["activity_id"]),
    ("rebuilt", "dict[str, list[Entry]]"): lambda g: {"A01": read_cell("TSB", "lead")},
    ("entries", "Sequence[Entry]"): lambda g: read_cell("BDT; Sectors", "assist"),
    ("roles", "Iterable[Role]"): lambda g: [Role("BR", "for standardization issues")],
    ("partners", "Iterable[PartnerRole]"): lambda g: [PartnerRole("UN-DESA", "focal point")],
    ("disagreements", "Iterable[Disagreement]"): lambda g: [
        Disagreement("A01", "SPU", "lead", "lead", "columns", False, "Lead: BDT")
    ],
    ("read", "pd.DataFrame"): lambda g: plan_table(g.edited.activities),
    ("in_use", "pd.DataFrame"): lambda g: plan_table(g.plan.activities),
    ("item", "NoteUnread"): lambda g: NoteUnread("row 7", "A07", "comments", "a text", "why"),
    ("rows", "Iterable[Sequence[str]]"): lambda g: [["activity_id", "title"], ["A01", "x"]],
    ("derived", "Collection[str]"): lambda g: ["activities", "assignments"],
    ("error", "PlanError"): lambda g: PlanError([Problem("plan.csv", 2, "lead", "a problem")]),
    # Immutable values the calls above need besides.
    ("spec", "FilterSpec"): lambda g: ALL,
    ("spec", "FilterSpec | None"): lambda g: ALL,
    ("weights", "LoadWeights"): lambda g: LoadWeights(split_joint_leads=True),
    ("by", "Literal['action_line', 'pillar']"): lambda g: "pillar",
    ("mode", "LaneMode"): lambda g: "activity",
    ("as_of", "date"): lambda g: date(2006, 5, 16),
    ("selected", "tuple[str, ...]"): lambda g: ("C7",),
    ("statuses", "tuple[str, ...]"): lambda g: ("held",),
    ("unit", "str"): lambda g: "BDT",
    ("group", "str"): lambda g: "C7",
    ("node", "str"): lambda g: "unit:BDT",
    ("code", "str"): lambda g: "Sectors",
    ("query", "str"): lambda g: "spam",
    ("kind", "Kind"): lambda g: "unit",
    ("label_column", "str"): lambda g: "unit",
    ("lane_index", "int"): lambda g: 0,
    ("month", "pd.Timestamp"): lambda g: pd.Timestamp("2006-05-01"),
    ("name", "str"): lambda g: "plan.csv",
    ("cell", "str"): lambda g: "BDT (general)",
    ("text", "str"): lambda g: "BDT and TSB",
    ("word", "str"): lambda g: "BTD",
    ("raw", "bytes"): lambda g: BUNDLED_PLAN.read_bytes(),
    ("find", "Callable[[str], list[Mention]]"): lambda g: lambda text: [],
    ("take", "Callable[[Page], T]"): lambda g: lambda page: len(page.chars),
    ("edit", "Edit"): lambda g: MOVE,
    ("dated", "date"): lambda g: date(2006, 5, 16),
    ("total_before", "float"): lambda g: 78.0,
    ("total_after", "float"): lambda g: 75.0,
}

Check = tuple[str, Callable[..., Any]]


def _public_functions() -> list[Check]:
    found = []
    for path in MODULES:
        module_name = _module_name(path)
        if path.name == "__main__.py":
            continue
        module: ModuleType = importlib.import_module(module_name)
        for name, value in vars(module).items():
            if inspect.isfunction(value) and value.__module__ == module_name and name[0] != "_":
                found.append((f"{module_name}.{name}", value))
    return found


FUNCTIONS = _public_functions()


def _reason_not_called(qualified: str) -> str | None:
    return next((why for name, why in NOT_CALLED.items() if qualified.startswith(name)), None)


def _parameters(function: Callable[..., Any]) -> list[inspect.Parameter]:
    return list(inspect.signature(function).parameters.values())


def _takes_only_immutables(function: Callable[..., Any]) -> bool:
    return all(parameter.annotation in IMMUTABLE for parameter in _parameters(function))


CHECKED = [
    (qualified, function)
    for qualified, function in FUNCTIONS
    if _reason_not_called(qualified) is None and not _takes_only_immutables(function)
]


def test_every_public_function_is_checked_or_says_why_not() -> None:
    """Each public function of analysis/ is called below, or takes only values a call cannot
    change, or has its line in NOT_CALLED. A parameter with no sample fails here: add its
    (name, annotation) to SAMPLES."""
    missing = [
        f"{qualified}({parameter.name}: {parameter.annotation})"
        for qualified, function in CHECKED
        for parameter in _parameters(function)
        if (parameter.name, parameter.annotation) not in SAMPLES
        and parameter.default is inspect.Parameter.empty
    ]
    assert missing == []


def _arguments(function: Callable[..., Any], given: Given) -> list[Any]:
    """The samples for the function's parameters, in order, up to the first it can do without
    (a parameter with a default and no sample); one value for a *parameter."""
    arguments = []
    for parameter in _parameters(function):
        sample = SAMPLES.get((parameter.name, parameter.annotation))
        if sample is None:
            break
        arguments.append(sample(given))
    return arguments


PLAN_FRAMES = (
    "activities",
    "assignments",
    "partners",
    "events",
    "themes",
    "units",
    "organisations",
)


def _snapshot(value: Any) -> Any:
    if isinstance(value, Plan):
        return {name: getattr(value, name).copy(deep=True) for name in PLAN_FRAMES}
    if isinstance(value, pd.DataFrame | pd.Series):
        return value.copy(deep=True)
    if isinstance(value, nx.Graph):
        return (
            sorted((n, repr(sorted(d.items()))) for n, d in value.nodes(data=True)),
            sorted((a, b, repr(sorted(d.items()))) for a, b, d in value.edges(data=True)),
        )
    if isinstance(value, PlanError):
        return list(value.problems)
    return copy.deepcopy(value)


def _assert_same(before: Any, after: Any, what: str) -> None:
    if isinstance(before, dict) and all(isinstance(v, pd.DataFrame) for v in before.values()):
        assert before.keys() == after.keys(), what
        for name, frame in before.items():
            assert_frame_equal(after[name], frame, obj=f"{what}.{name}")
    elif isinstance(before, pd.DataFrame):
        assert_frame_equal(after, before, obj=what)
    elif isinstance(before, pd.Series):
        assert_series_equal(after, before, obj=what)
    else:
        assert after == before, what


@pytest.fixture(scope="module")
def given(plan: Plan) -> Given:
    return Given(plan)


@pytest.mark.parametrize(("name", "function"), CHECKED, ids=[name for name, _ in CHECKED])
def test_inputs_are_not_changed(
    given: Given, name: str, function: Callable[..., Any], plan: Plan
) -> None:
    before_plan = _snapshot(plan)
    arguments = _arguments(function, given)
    # The bundled plan and its frames, passed as they are, are held by the check on `plan`.
    held = {id(plan), *(id(getattr(plan, frame)) for frame in PLAN_FRAMES)}
    before = {
        index: _snapshot(value) for index, value in enumerate(arguments) if id(value) not in held
    }
    # A sample the function refuses must not have been changed on the way either.
    with contextlib.suppress(ValueError, KeyError, PlanError):
        function(*arguments)
    _assert_same(before_plan, _snapshot(plan), "plan")
    for index, snapshot in before.items():
        _assert_same(snapshot, _snapshot(arguments[index]), f"{name} argument {index}")


def test_the_mutation_check_sees_a_change(plan: Plan) -> None:
    frame = plan.activities.head(3).copy()
    before = _snapshot(frame)
    frame.loc[frame.index[0], "title"] = "changed"
    with pytest.raises(AssertionError):
        _assert_same(before, _snapshot(frame), "frame")


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
    tree = _tree(path)
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
    tree = _tree(path)
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


def _skipped_by_mypy() -> set[str]:
    """The packages pyproject.toml tells mypy not to read (follow_imports = "skip")."""
    import tomllib

    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    return {
        module.removesuffix(".*")
        for override in config["tool"]["mypy"]["overrides"]
        if override.get("follow_imports") == "skip"
        for module in override["module"]
    }


# What `make typecheck` checks (the Makefile's TYPED).
TYPED_FOLDERS = ("analysis", "charts", "briefing", "ui", "deploy", "pages")
TYPED_CODE = [*(path for folder in TYPED_FOLDERS for path in (REPO / folder).rglob("*.py"))]
TYPED_CODE.append(REPO / "app.py")


def test_the_code_imports_no_package_mypy_skips() -> None:
    """mypy reads those packages' names as Any: code of ours importing one would go unchecked."""
    skipped = _skipped_by_mypy()
    assert {"altair", "PIL"} <= skipped
    found = []
    for path in TYPED_CODE:
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            found += [f"{path.name}: {name}" for name in names if name.split(".")[0] in skipped]
    assert found == []
