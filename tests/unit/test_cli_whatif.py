"""`python -m analysis whatif`: the WSIS-ES → CEC case as a manager would run it, the revised
file validating and reading back, and the mistakes a person makes on the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis import cli
from analysis.planfile.load import load_plan


@pytest.fixture(autouse=True)
def _no_last_resort(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(error: BaseException, err: object) -> int:
        raise AssertionError(f"the last-resort guard was reached: {error!r}") from error

    monkeypatch.setattr(cli, "report_unexpected", fail)
    monkeypatch.delenv("PLAN_CSV", raising=False)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_wsis_es_to_cec(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_path = tmp_path / "revised.csv"
    code, out, err = run(["whatif", "--move", "WSIS-ES:CEC", "--out", str(out_path)], capsys)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "data/plan.csv: Move all of WSIS-ES's roles to CEC"
    assert "Role changes (7)" in lines
    assert (
        "  A31: WSIS-ES's lead moves to CEC; CEC's own assist (Coordination Unit) there is "
        "merged into that lead"
    ) in lines
    assert "  A39: WSIS-ES's lead (Executive Director) is dropped: CEC already leads A39" in lines
    # The table: CEC 13 → 15 leads, 4 → 4 assists, load 15 → 17; the total of all units 78 → 75.
    cec = next(line for line in lines if line.startswith("CEC "))
    assert cec.split()[-9:] == ["13", "15", "4", "4", "15", "17", "19%", "23%", "+2"]
    total = next(line for line in lines if line.startswith("Total"))
    assert total.split() == ["Total", "52", "51", "52", "48", "78", "75", "100%", "100%", "-3"]
    assert (
        "5 roles merged into roles the receiving unit already held, inside the General "
        "Secretariat; the total load falls from 78 to 75."
    ) in lines
    assert lines[-1].startswith(f"Wrote {out_path}: 54 activities, 7 with revisions")

    code, out, _ = run(["validate", "--plan", str(out_path)], capsys)
    assert code == 0
    assert out.strip().endswith("; 7 activities with revisions")
    revised = load_plan(out_path)
    assert "WSIS-ES" not in set(revised.assignments["unit"])
    rows = revised.activities.set_index("activity_id")
    assert (
        rows.loc["A39", "allocation_text"]
        == load_plan().activities.set_index("activity_id").loc["A39", "allocation_text"]
    )


def test_one_role_on_one_activity_with_weights(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["whatif", "--move", "WSIS-ES:CEC", "--role", "lead", "--activity", "A31"]
    argv += ["--lead-weight", "2", "--assist-weight", "1", "--out", str(tmp_path / "r.csv")]
    code, out, _ = run(argv, capsys)
    assert code == 0
    assert "Weights: lead 2, assist 1; joint leads counted in full." in out
    assert "Role changes (1)" in out
    assert "1 role merged into a role the receiving unit already held" in out
    assert "the total load falls from 156 to 155." in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--move", "WSIS-ES"], "--move 'WSIS-ES' is not FROM:TO; write e.g. --move WSIS-ES:CEC."),
        (["--move", "WSIS-ES:CEX"], "'CEX' is not a unit. Did you mean 'CEC'?"),
        (["--move", "CEC:CEC"], "cannot move CEC's roles to CEC itself."),
        (["--move", "WSIS-ES:CEC", "--activity", "A99"], "Did you mean 'A39'?"),
        (["--move", "GS:CEC", "--role", "lead"], "GS holds no lead role on any activity to move."),
        (["--move", "Sectors:CEC"], "'Sectors' is a group of units; name one of BR, TSB, BDT"),
    ],
)
def test_mistakes_are_one_line_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    out_path = tmp_path / "r.csv"
    code, out, err = run(["whatif", *argv, "--out", str(out_path)], capsys)
    assert (code, out) == (1, "")
    assert message in err
    assert err.count("\n") == 1
    assert not out_path.exists()


def test_unwritable_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "missing" / "r.csv"
    code, _, err = run(["whatif", "--move", "WSIS-ES:CEC", "--out", str(target)], capsys)
    assert code == 1
    assert err.strip() == f"--out {target}: the folder {target.parent} does not exist."
