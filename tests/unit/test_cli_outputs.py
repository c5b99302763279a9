"""The command line refuses what it cannot use before any work, and says what failed: a weight
that is no finite number, a plan that is a pipe, an output that is a directory, a full disk."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from analysis import cli
from briefing import cli as briefing_cli
from briefing.cli import main as briefing_main


@pytest.fixture
def deadline() -> Iterator[None]:
    """Fail, instead of hanging, past 10 s (a blocked open() is interrupted by the alarm)."""

    def expired(*_: object) -> None:
        raise TimeoutError("still waiting after 10 s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(10)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("value", ["inf", "-inf", "nan", "1e999"])
def test_a_weight_that_is_no_finite_number_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], value: str
) -> None:
    assert cli.main(["summary", f"--lead-weight={value}"]) == 2
    err = capsys.readouterr().err
    assert f"argument --lead-weight: '{value}' is not a finite number" in err
    assert "bug" not in err


def test_a_plan_that_is_a_pipe_is_refused_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], deadline: None
) -> None:
    fifo = tmp_path / "plan.csv"
    os.mkfifo(fifo)
    assert cli.main(["validate", "--plan", str(fifo)]) == 1
    assert "is not a file but a pipe, a device or a socket" in capsys.readouterr().err


def test_briefing_refuses_an_output_that_is_a_directory_before_building(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def never(*_: object) -> None:
        raise AssertionError("the pack was built")

    monkeypatch.setattr(briefing_cli, "build_pack", never)
    code = briefing_main(
        ["--out", str(tmp_path), "--html", str(tmp_path / "missing" / "pack.html")]
    )
    assert code == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"--out {tmp_path} is a directory; give the name of a file in it.",
        f"--html {tmp_path / 'missing' / 'pack.html'}: the folder {tmp_path / 'missing'} "
        "does not exist.",
    ]


def test_a_full_disk_is_named_with_the_file() -> None:
    with pytest.raises(cli.InputError) as raised:
        briefing_cli._write(Path("/dev/full"), b"x" * 100_000)
    assert raised.value.lines == ["/dev/full: cannot write it (No space left on device)."]


def test_whatif_refuses_a_directory_as_its_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli.main(["whatif", "--move", "WSIS-ES:CEC", "--out", str(tmp_path)])
    assert code == 1
    assert "is a directory; give the name of a file in it." in capsys.readouterr().err


def test_export_refuses_a_file_as_its_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    existing = tmp_path / "tables.csv"
    existing.write_text("keep me", encoding="utf-8")
    assert cli.main(["export", "--out", str(existing)]) == 1
    assert "is a file; give a directory to write into." in capsys.readouterr().err
    assert existing.read_text(encoding="utf-8") == "keep me"
