"""Speed at scale: a synthetic-plan generator (generate.py) and the benchmark runner (run.py)."""
