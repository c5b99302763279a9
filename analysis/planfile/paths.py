"""How a plan file is named to people: short when it lies under the working directory."""

from __future__ import annotations

from pathlib import Path


def path_label(path: str | Path) -> str:
    """'data/plan.csv' for a file under the working directory, the path as given otherwise
    (and as given when it cannot be resolved), so captions and messages stay short."""
    given = Path(path)
    try:
        return str(given.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(given)
