"""Fixtures for the benchmarks' own tests (benchmarks/): the unit tests' bundled plan and parser."""

from __future__ import annotations

from tests.unit.conftest import parse, plan, reference

__all__ = ["parse", "plan", "reference"]
