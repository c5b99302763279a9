"""One upload limit: the browser's uploader (.streamlit/config.toml, and deploy/serve.py for
`make serve`), the app's loader and the command line refuse the same files, with words that read
right just over the limit."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from analysis.cli import main
from analysis.model import PlanError
from analysis.planfile.load import MAX_PLAN_BYTES, read_plan_bytes
from deploy.serve import PRODUCTION_FLAGS

REPO = Path(__file__).resolve().parents[2]
# Streamlit's uploader counts server.maxUploadSize in megabytes of 1,000,000 bytes (of 1,048,576
# only in a browser on Windows, which lets through files the loader then refuses).
UPLOADER_MB = 1_000_000


def test_the_uploader_the_server_and_the_loader_agree_on_one_number() -> None:
    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] * UPLOADER_MB == MAX_PLAN_BYTES == 10_000_000
    assert int(PRODUCTION_FLAGS["server.maxUploadSize"]) * UPLOADER_MB == MAX_PLAN_BYTES


def test_a_file_at_the_limit_is_read_and_one_byte_more_is_refused(tmp_path: Path) -> None:
    at_limit = tmp_path / "at.csv"
    at_limit.write_bytes(b"a" * MAX_PLAN_BYTES)
    assert len(read_plan_bytes(at_limit)) == MAX_PLAN_BYTES
    over = tmp_path / "over.csv"
    over.write_bytes(b"a" * (MAX_PLAN_BYTES + 1))
    with pytest.raises(PlanError) as raised:
        read_plan_bytes(over)
    [problem] = raised.value.problems
    assert problem.message == (
        "is 10,000,001 bytes; plans are limited to 10,000,000 bytes (10 MB)."
    )


def test_the_command_line_says_the_same(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    over = tmp_path / "over.csv"
    over.write_bytes(b"a" * (MAX_PLAN_BYTES + 1))
    assert main(["validate", "--plan", str(over)]) == 1
    assert "is 10,000,001 bytes; plans are limited to 10,000,000 bytes (10 MB)." in (
        capsys.readouterr().err
    )
