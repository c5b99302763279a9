"""The command line, through main(argv) and once as a real `python -m analysis` process."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import types
from pathlib import Path

import pandas as pd
import pytest

from analysis import cli
from analysis.model import Plan
from analysis.planfile.load import BUNDLED_PLAN, MAX_PLAN_BYTES, plan_path_from_env

from .plan_text import REPO, plan_csv, row

SUMMARY_LINE = (
    "54 activities, 104 roles, 38 partner roles, 46 events (41 held, 3 planned, 2 unconfirmed), "
    "as of 2006-09-13"
)


@pytest.fixture(autouse=True)
def _no_last_resort(monkeypatch: pytest.MonkeyPatch) -> None:
    """Normal paths must never reach the last-resort guard: fail loudly if one does."""

    def fail(error: BaseException, err: object) -> int:
        raise AssertionError(f"the last-resort guard was reached: {error!r}") from error

    monkeypatch.setattr(cli, "report_unexpected", fail)


@pytest.fixture(autouse=True)
def _no_plan_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PLAN_CSV", raising=False)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


# ---------------------------------------------------------------- validate


def test_validate_bundled(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["validate"], capsys)
    assert code == 0
    assert out.strip().endswith(SUMMARY_LINE)
    assert len(out.strip().splitlines()) == 1
    assert err == ""


@pytest.mark.parametrize(
    ("content", "expected_lines", "part"),
    [
        (plan_csv(row(lead="BTD")), 1, "row 2, column 'lead': 'BTD' is not a known unit."),
        (
            plan_csv(row(lead="BTD"), row(activity_id="X2", partners="UNESC0 (focal point)")),
            2,
            "Did you mean 'UNESCO'?",
        ),
        (b"", 1, "is empty."),
        (b"\x00\x01\x02binary", 1, "holds a NUL byte"),
        (b"\xff\xfe\x81\x8d junk", 1, "looks like UTF-16 text but byte 9 cannot be read"),
        # A cell holding a line break still gives one line per problem.
        (plan_csv(row(lead="BDT\nBTD")), 1, "is not a known unit"),
    ],
)
def test_validate_bad_file(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: str | bytes,
    expected_lines: int,
    part: str,
) -> None:
    path = _write(tmp_path / "bad.csv", content)
    code, out, err = run(["validate", "--plan", str(path)], capsys)
    assert code == 1
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == expected_lines
    assert all(line.startswith(str(path)) for line in lines)
    assert part in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "make",
    [
        lambda tmp: tmp / "missing.csv",
        lambda tmp: tmp,  # a directory
        lambda tmp: _write(tmp / "huge.csv", b"a" * (MAX_PLAN_BYTES + 1)),
        lambda tmp: _write(tmp / "junk.csv", bytes(range(1, 256)) * 40),
    ],
    ids=["missing", "directory", "huge", "junk"],
)
def test_validate_never_tracebacks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make: object
) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    code, _, err = run(["validate", "--plan", str(path)], capsys)
    assert code == 1
    assert err.strip()
    assert "Traceback" not in err


def test_last_resort_guard(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.undo()  # restore the real guard for this one test
    monkeypatch.delenv("PLAN_CSV", raising=False)

    def broken(path: object) -> Plan:
        raise RuntimeError("disk on fire\nsecond line")

    monkeypatch.setattr(cli.common, "load_plan", broken)
    code, _, err = run(["validate"], capsys)
    assert code == 2
    assert err.count("\n") == 1
    assert "unexpected RuntimeError: disk on fire second line" in err


def test_subprocess_validate(tmp_path: Path) -> None:
    environment = {k: v for k, v in os.environ.items() if k != "PLAN_CSV"}
    good = subprocess.run(
        [sys.executable, "-m", "analysis", "validate"],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert good.returncode == 0, good.stderr
    assert good.stdout.strip() == f"data/plan.csv: {SUMMARY_LINE}"
    bad = _write(tmp_path / "bad.csv", bytes(range(256)) * 10)
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "validate", "--plan", str(bad)],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert "holds a NUL byte (a zero byte) on line 1" in result.stderr


# ---------------------------------------------------------------- plan path


def test_plan_csv_env_honoured(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(
        tmp_path / "mine.csv",
        plan_csv(row(), row(activity_id="X2", lead="TSB", allocation_text="Lead: TSB")),
    )
    monkeypatch.setenv("PLAN_CSV", str(path))
    code, out, _ = run(["validate"], capsys)
    assert code == 0
    assert "2 activities, 2 roles" in out
    # --plan wins over the environment.
    code, out, _ = run(["validate", "--plan", str(BUNDLED_PLAN)], capsys)
    assert "54 activities" in out


@pytest.mark.parametrize(
    ("explicit", "env", "expected"),
    [
        (None, None, BUNDLED_PLAN),
        (None, "", BUNDLED_PLAN),
        (None, "other.csv", Path("other.csv")),
        ("given.csv", "other.csv", Path("given.csv")),
        ("given.csv", None, Path("given.csv")),
    ],
)
def test_plan_path_from_env(
    monkeypatch: pytest.MonkeyPatch, explicit: str | None, env: str | None, expected: Path
) -> None:
    if env is not None:
        monkeypatch.setenv("PLAN_CSV", env)
    assert plan_path_from_env(explicit) == expected


# ---------------------------------------------------------------- summary


def test_summary(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["summary"], capsys)
    assert code == 0, err
    lines = out.splitlines()
    bdt = next(line for line in lines if line.startswith("BDT "))
    assert bdt.split() == ["BDT", "ITU-D", "18", "10", "18.00", "23.00", "0.29"]
    general = next(line for line in lines if line.startswith("General Secretariat "))
    assert general.split()[2:] == ["23", "25", "23.00", "35.50", "0.46", "6"]
    assert "BDT carries 29% of the weighted load" in out
    # Aligned: every row of the unit table is as wide as its header or narrower.
    header = next(line for line in lines if line.startswith("unit "))
    assert header.index("lead") == bdt.index("18") - 2


@pytest.mark.parametrize(
    ("argv", "unit", "cells"),
    [
        (["--split-joint-leads"], "BDT", ["17.50", "22.50"]),
        (["--lead-weight", "2", "--assist-weight", "1"], "BDT", ["18.00", "46.00"]),
        (["--unit", "bdt", "--role", "lead"], "BDT", ["18.00", "18.00"]),  # case-insensitive
        (["--pillar", "Internet Governance"], "TSB", ["2.00", "2.50"]),
        (["--theme", "eHealth"], "SPU", ["0.00", "0.50"]),  # "eHealth" means C7 · eHealth
        (["--organisation", "UNDESA"], "CEC", ["1.00", "1.50"]),  # alias of UN-DESA
    ],
)
def test_summary_options(
    capsys: pytest.CaptureFixture[str], argv: list[str], unit: str, cells: list[str]
) -> None:
    code, out, err = run(["summary", *argv], capsys)
    assert code == 0, err
    line = next(line for line in out.splitlines() if line.startswith(f"{unit} "))
    # lead_credit and weighted_load, counted from the right: a Sector name has spaces.
    assert line.split()[-3:-1] == cells


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--unit", "BTD"], "--unit 'BTD' matches nothing in the plan. Did you mean 'BDT'?"),
        (["--organisation", "UNESC0"], "Did you mean 'UNESCO'?"),
        (["--pillar", "Internet Governanse"], "Did you mean 'Internet Governance'?"),
        (["--sector", "ITU-X"], "--sector 'ITU-X' matches nothing"),
        (["--role", "leader"], "Did you mean 'lead'?"),
        (["--status", "done"], "Choose from: held, planned, unconfirmed"),
        (["--theme", "eHelth"], "Did you mean 'C7 · eHealth'?"),
        (["--from", "2006-13-01"], "--from '2006-13-01' is not a date"),
        (["--from", "2006-06-01", "--to", "2006-05-01"], "is after --to"),
        (["--lead-weight", "-1"], "--lead-weight -1 is out of range; weights are from 0 to 10"),
        (["--assist-weight", "11"], "--assist-weight 11 is out of range"),
    ],
)
def test_summary_bad_values(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(["summary", *argv], capsys)
    assert code == 1
    assert out == ""
    assert message in err


def test_every_bad_value_reported(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["summary", "--unit", "BTD", "--unit", "TBS", "--role", "x"], capsys)
    assert code == 1
    assert len(err.strip().splitlines()) == 3


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["frobnicate"],
        ["summary", "--lead-weight", "heavy"],
        ["summary", "--lead-weight", "inf"],
        ["summary", "--assist-weight", "nan"],
        ["export"],
    ],
)
def test_usage_errors(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, _, err = run(argv, capsys)
    assert code == 2
    assert "usage:" in err
    assert "bug" not in err


def test_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--help"], capsys)
    assert code == 0
    assert "validate" in out and "PLAN_CSV" in out


# ---------------------------------------------------------------- export


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def test_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_dir = tmp_path / "out"
    code, out, err = run(["export", "--out", str(out_dir)], capsys)
    assert code == 0, err
    names = ["activities", "assignments", "partners", "events"]
    for name in names:
        assert (out_dir / f"{name}.csv").is_file()
        assert f"{name}.csv" in out
    assert len(_read(out_dir / "activities.csv")) == 54
    assert len(_read(out_dir / "assignments.csv")) == 104
    events = _read(out_dir / "events.csv")
    assert len(events) == 46
    assert events["start"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
    assert events["end"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
    assert "2006-10-30" in set(events["start"])
    # The three states as of 13 September 2006 (test_counts.test_event_counts says which).
    assert events["status"].value_counts().to_dict() == {"held": 41, "planned": 3, "unconfirmed": 2}
    bangkok = events[events["label"].str.contains("Bangkok")]
    assert bangkok["status"].tolist() == ["unconfirmed"]


def test_export_only_unconfirmed_events(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["export", "--out", str(tmp_path), "--status", "unconfirmed"], capsys)
    assert code == 0, err
    events = _read(tmp_path / "events.csv")
    assert sorted(events["activity_id"]) == ["A06", "A36"]


def test_export_filtered(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["export", "--out", str(tmp_path), "--unit", "BR", "--role", "lead"], capsys)
    assert code == 0
    assert list(_read(tmp_path / "activities.csv")["activity_id"]) == ["A07.6", "A14"]
    assert "unit: BR; role: lead" in out


def test_export_neutralises_formulas(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan_path = _write(
        tmp_path / "plan.csv",
        plan_csv(row(title='=HYPERLINK("http://x")'), row(activity_id="X2", title="+1")),
    )
    out_dir = tmp_path / "out"
    code, _, err = run(["export", "--plan", str(plan_path), "--out", str(out_dir)], capsys)
    assert code == 0, err
    with (out_dir / "activities.csv").open(encoding="utf-8-sig", newline="") as handle:
        titles = [record["title"] for record in csv.DictReader(handle)]
    assert titles == ['\'=HYPERLINK("http://x")', "'+1"]


def test_export_to_unwritable_place(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = _write(tmp_path / "a-file", "not a directory")
    code, _, err = run(["export", "--out", str(blocker / "sub")], capsys)
    assert code == 1
    assert "cannot write there" in err


def test_export_bad_plan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan_path = _write(tmp_path / "plan.csv", plan_csv(row(lead="BTD")))
    code, _, err = run(["export", "--plan", str(plan_path), "--out", str(tmp_path / "o")], capsys)
    assert code == 1
    assert "Did you mean 'BDT'?" in err
    assert not (tmp_path / "o").exists()


# ---------------------------------------------------------------- diff (wiring only)


@pytest.fixture
def fake_diff(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Plan, Plan]]:
    """A stand-in analysis.changes.diff, so the wiring is tested apart from the diff itself."""
    calls: list[tuple[Plan, Plan]] = []
    module = types.ModuleType("analysis.changes.diff")

    def plan_changes(old: Plan, new: Plan) -> pd.DataFrame:
        calls.append((old, new))
        return pd.DataFrame({"line": ["first change", "second\nchange"]})

    def format_changes(changes: pd.DataFrame) -> list[str]:
        return list(changes["line"])

    def regrouping_sentence(old: Plan, new: Plan, old_name: str, new_name: str) -> str:
        return ""

    module.plan_changes = plan_changes  # type: ignore[attr-defined]
    module.format_changes = format_changes  # type: ignore[attr-defined]
    module.regrouping_sentence = regrouping_sentence  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "analysis.changes.diff", module)
    return calls


def test_diff_prints_one_line_per_change(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_diff: list[tuple[Plan, Plan]]
) -> None:
    new = _write(tmp_path / "new.csv", plan_csv(row(), row(activity_id="X2")))
    code, out, _ = run(["diff", str(BUNDLED_PLAN), str(new)], capsys)
    assert code == 0
    assert out.splitlines() == ["first change", "second change"]
    [(old_plan, new_plan)] = fake_diff
    assert (len(old_plan.activities), len(new_plan.activities)) == (54, 2)


def test_diff_bad_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_diff: list[tuple[Plan, Plan]]
) -> None:
    old = _write(tmp_path / "old.csv", plan_csv(row(lead="BTD")))
    code, out, err = run(["diff", str(old), str(tmp_path / "missing.csv")], capsys)
    assert code == 1
    assert out == ""
    assert "'BTD' is not a known unit" in err
    assert "missing.csv: cannot be read" in err
    assert fake_diff == []
