#!/usr/bin/env bash
# Make sure a Chromium is available for the browser tests (and for kaleido's static export).
#   1. /usr/bin/chromium exists            -> use it (never download a browser then)
#   2. root and apt-get available          -> apt-get install Debian's chromium
#   3. otherwise                           -> playwright's own Chromium (VENV_PYTHON, default .venv/bin/python)
set -euo pipefail

SYSTEM_CHROMIUM=/usr/bin/chromium
VENV_PYTHON="${VENV_PYTHON:-.venv/bin/python}"

if [[ -x "$SYSTEM_CHROMIUM" ]]; then
    echo "ensure-browser: using $SYSTEM_CHROMIUM"
    exit 0
fi

if [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "ensure-browser: installing Debian chromium with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update </dev/null
    apt-get install -y chromium </dev/null
    if [[ -x "$SYSTEM_CHROMIUM" ]]; then
        exit 0
    fi
    echo "ensure-browser: apt-get did not provide $SYSTEM_CHROMIUM" >&2
    exit 1
fi

echo "ensure-browser: no $SYSTEM_CHROMIUM and no root/apt-get: installing playwright's Chromium"
"$VENV_PYTHON" -m playwright install chromium </dev/null
