# WSIS plan dashboard: `make help` lists the targets (from their `## ` comments).

.DEFAULT_GOAL := help
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DELETE_ON_ERROR:

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
VENV_PY := $(BIN)/python
RUNTIME_STAMP := $(VENV)/.installed-runtime
DEV_STAMP := $(VENV)/.installed-dev

export PIP_DISABLE_PIP_VERSION_CHECK := 1
# Python keeps the bytecode it compiles (__pycache__, ignored by git). Where the shell sets
# PYTHONDONTWRITEBYTECODE, every test worker, Streamlit server and command would otherwise
# compile pandas, Streamlit, plotly and the tests from source again each time it starts.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: help run serve test lint format typecheck unit app browser bench crowd docs clean ensure-browser

## Show this help (the default goal)
help:
	@awk '/^## /{desc=substr($$0,4); next} \
	     /^[a-zA-Z_-]+:/{if (desc) {split($$0,t,":"); printf "  %-10s %s\n", t[1], desc}} \
	     {desc=""}' $(MAKEFILE_LIST)

# --- environment -----------------------------------------------------------------------------

# The venv starts without pip (ensurepip is most of making one): uv installs everything.
$(VENV_PY):
	$(PYTHON) -m venv --without-pip $(VENV)

# uv installs the pinned requirements several times faster than pip (measured:
# benchmarks/reports/test-suite.md); it is itself installed into the venv by pip, pinned.
UV_VERSION := 0.13.8
UV := $(BIN)/uv
INSTALL = $(UV) pip install --python $(VENV_PY)

# The system Python's pip puts uv into the venv (pip --python, pip 22.3 and later); without one,
# the venv gets pip of its own first.
$(UV): | $(VENV_PY)
	$(PYTHON) -m pip --python $(VENV_PY) install uv==$(UV_VERSION) || \
		{ $(VENV_PY) -m ensurepip && $(VENV_PY) -m pip install uv==$(UV_VERSION); }

$(RUNTIME_STAMP): requirements.txt | $(UV)
	$(INSTALL) -r requirements.txt
	touch $@

$(DEV_STAMP): requirements-dev.txt requirements.txt | $(UV)
	$(INSTALL) -r requirements-dev.txt
	touch $@ $(RUNTIME_STAMP)

ensure-browser: $(DEV_STAMP)
	VENV_PYTHON=$(VENV_PY) bash scripts/ensure-browser.sh
	bash scripts/ensure-nginx.sh

# --- targets ---------------------------------------------------------------------------------

## Serve the dashboard (venv + requirements.txt; PLAN_CSV passes through)
run: $(RUNTIME_STAMP)
	$(BIN)/streamlit run app.py

# `make serve ADDRESS=127.0.0.1 PORT=8080 REPLICAS=4`; PROXY=none: one process, no nginx;
# SERVER_NAME: nginx's server_name, the host name(s) colleagues open (default: any).
ADDRESS ?= 0.0.0.0
PORT ?= 8501
REPLICAS ?= 2
PROXY ?= nginx
SERVER_NAME ?= _

## Serve colleagues: REPLICAS app processes behind nginx on ADDRESS:PORT (0.0.0.0:8501, 2)
serve: $(RUNTIME_STAMP)
	$(VENV_PY) -m deploy.serve --address $(ADDRESS) --port $(PORT) --replicas $(REPLICAS) \
		--server-name '$(SERVER_NAME)' $(if $(filter none,$(PROXY)),--no-proxy,)

# Tests run on every core (pytest-xdist); each worker starts its own servers and browsers.
PYTEST_WORKERS ?= auto
# The packages mypy checks strictly (pyproject.toml [tool.mypy]).
TYPED := analysis charts briefing ui deploy pages app.py
# loadgroup: tests sharing costly fixtures (xdist_group marks, e.g. the briefing packs) run on
# one worker; the rest spread as usual.
PYTEST = $(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup

# mypy runs beside pytest: cold (a fresh checkout) it spends a long while on one core reading
# Streamlit's and pandas' types, and pytest leaves part of the second core idle, so running them
# together saves some of mypy's time. Its report is printed after pytest's; either failing
# fails the target.
## Whole test suite: ruff check, ruff format --check, mypy (beside pytest), pytest (incl. browser tests)
test: $(DEV_STAMP) ensure-browser
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	mkdir -p test-output
	$(BIN)/mypy $(TYPED) >test-output/mypy.log 2>&1 & typing=$$!; \
	status=0; $(PYTEST) || status=$$?; \
	typing_status=0; wait $$typing || typing_status=$$?; \
	echo "mypy $(TYPED):"; cat test-output/mypy.log; \
	if [[ $$typing_status -ne 0 ]]; then exit $$typing_status; fi; exit $$status

## Lint: ruff check and ruff format --check
lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## Reformat and autofix: ruff format, ruff check --fix
format: $(DEV_STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## Type-check analysis/, charts/, briefing/, ui/, deploy/, pages/ and app.py with mypy (strict)
typecheck: $(DEV_STAMP)
	$(BIN)/mypy $(TYPED)

## Unit tests of the pure layers (analysis, charts, briefing): tests/unit, few property examples
unit: $(DEV_STAMP)
	HYPOTHESIS_PROFILE=fast $(PYTEST) tests/unit

## The pages run in-process under Streamlit's AppTest: tests/app
app: $(DEV_STAMP)
	$(PYTEST) tests/app

## Browser tests only (real Chromium): tests/browser; SCREENSHOTS=1 keeps a picture of each page
browser: $(DEV_STAMP) ensure-browser
	$(PYTEST) tests/browser

## The benchmarks' own tests (tests/benchmarks; make test runs them too)
bench-check: $(DEV_STAMP)
	$(PYTEST) tests/benchmarks

## Run the benchmarks (benchmarks/run.py)
bench: $(DEV_STAMP) ensure-browser
	$(VENV_PY) benchmarks/run.py

## Crowd benchmark: cost per viewer; 10, 30, 60 viewers within a minute (long, not in CI)
crowd: $(DEV_STAMP) ensure-browser
	$(VENV_PY) -m benchmarks.crowd

## Rewrite the README's command-line reference from each command's --help (a test checks it)
docs: $(RUNTIME_STAMP)
	$(VENV_PY) -m scripts.cli_reference

## Remove caches and test output (keeps .venv)
clean:
	rm -rf .pytest_cache .mypy_cache .ruff_cache .hypothesis test-output test-results
	find . -path ./$(VENV) -prune -o -type d -name __pycache__ -print0 | xargs -0 rm -rf
