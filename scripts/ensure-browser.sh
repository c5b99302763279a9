#!/usr/bin/env bash
# Make sure a Chromium is available for the browser tests (and for kaleido's static export).
#   1. /usr/bin/chromium and the headless shell (/usr/lib/chromium/) exist -> use them
#   2. root and apt-get available          -> apt-get install what is missing of Debian's
#      chromium (kaleido's slide images, headed runs) and chromium-headless-shell (the browser
#      tests, tests/browser/conftest.py); a machine with chromium alone still runs them in it
#   3. otherwise                           -> playwright's own Chromium (VENV_PYTHON, default .venv/bin/python)
set -euo pipefail

SYSTEM_CHROMIUM=/usr/bin/chromium
SYSTEM_HEADLESS_SHELL=/usr/lib/chromium/chromium-headless-shell
VENV_PYTHON="${VENV_PYTHON:-.venv/bin/python}"

if [[ -x "$SYSTEM_CHROMIUM" && -x "$SYSTEM_HEADLESS_SHELL" ]]; then
    echo "ensure-browser: using $SYSTEM_HEADLESS_SHELL and $SYSTEM_CHROMIUM"
    exit 0
fi

if [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "ensure-browser: installing Debian's chromium and chromium-headless-shell with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    # A failure here is not final while a chromium is there to run the tests in.
    apt-get update </dev/null || true
    apt-get install -y chromium chromium-headless-shell </dev/null \
        || apt-get install -y chromium </dev/null || true
    if [[ -x "$SYSTEM_CHROMIUM" ]]; then
        exit 0
    fi
    echo "ensure-browser: apt-get did not provide $SYSTEM_CHROMIUM" >&2
    exit 1
fi

if [[ -x "$SYSTEM_CHROMIUM" ]]; then
    echo "ensure-browser: using $SYSTEM_CHROMIUM (no apt-get here for its headless shell)"
    exit 0
fi

echo "ensure-browser: no $SYSTEM_CHROMIUM and no root/apt-get: installing playwright's Chromium"
"$VENV_PYTHON" -m playwright install chromium </dev/null
