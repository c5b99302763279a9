"""The README's command-line reference, made from the commands' own --help so that it cannot
drift: `make docs` writes it into README.md between its two markers, and
tests/unit/test_docs.py fails when the README's copy differs from what the parsers say."""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from analysis.cli import build_parser as analysis_parser
from briefing.cli import build_parser as briefing_parser

README = Path(__file__).resolve().parents[1] / "README.md"
START = "<!-- cli-reference: written by `make docs` from each command's --help; do not edit -->"
END = "<!-- end of cli-reference -->"
# The width help is wrapped at, whatever the terminal that runs `make docs`.
COLUMNS = "100"


@contextlib.contextmanager
def _columns() -> Iterator[None]:
    before = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = COLUMNS
    try:
        yield
    finally:
        if before is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = before


def _help(parser: Callable[[], argparse.ArgumentParser], *words: str) -> str:
    """What `--help` prints after these words (a subcommand's name, or none)."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.suppress(SystemExit):
        parser().parse_args([*words, "--help"])
    return printed.getvalue()


def _commands() -> list[tuple[str, str]]:
    """(command line, its help), the analysis subcommands in their parser's order."""
    with _columns():
        top = _help(analysis_parser)
        subparsers = next(
            action
            for action in analysis_parser()._actions
            if isinstance(action, argparse._SubParsersAction)
        )
        commands = [("python -m analysis", top)]
        commands += [
            (f"python -m analysis {name}", _help(analysis_parser, name))
            for name in subparsers.choices
        ]
        commands.append(("python -m briefing", _help(briefing_parser)))
    return commands


def reference() -> str:
    """Every command's help, a group of options shared with an earlier command (the filters)
    given once and then named."""
    seen: dict[str, str] = {}
    parts = []
    for command, text in _commands():
        sections = []
        for section in text.strip().split("\n\n"):
            header = section.splitlines()[0]
            if header.endswith(":") and section in seen:
                sections.append(f"{header} as for {seen[section]}")
                continue
            seen.setdefault(section, command)
            sections.append(section)
        parts.append(f"$ {command} --help\n" + "\n\n".join(sections))
    return "```text\n" + "\n\n".join(parts) + "\n```"


def readme_reference(readme: str) -> str:
    """The README's copy, between the markers."""
    start = readme.index(START) + len(START)
    return readme[start : readme.index(END, start)].strip("\n")


def main() -> int:
    readme = README.read_text(encoding="utf-8")
    start = readme.index(START) + len(START)
    written = readme[:start] + "\n" + reference() + "\n" + readme[readme.index(END, start) :]
    if written != readme:
        README.write_text(written, encoding="utf-8")
        print(f"{README.name}: command-line reference rewritten", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
