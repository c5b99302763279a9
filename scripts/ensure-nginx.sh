#!/usr/bin/env bash
# Make sure nginx is available for the proxy browser test (tests/browser/test_proxy.py), the
# crowd benchmark and `make serve`:
#   1. nginx on the PATH or in /usr/sbin    -> use it
#   2. root and apt-get available           -> apt-get install Debian's nginx-light (no service
#                                              is started: the tests run nginx in the foreground)
#   3. otherwise                            -> say what to install, and fail
set -euo pipefail

if command -v nginx >/dev/null 2>&1 || [[ -x /usr/sbin/nginx ]]; then
    echo "ensure-nginx: using $(command -v nginx || echo /usr/sbin/nginx)"
    exit 0
fi

if [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "ensure-nginx: installing Debian nginx-light with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update </dev/null
    # policy-rc.d 101: the package must not start a system nginx on port 80.
    policy=/usr/sbin/policy-rc.d
    if [[ ! -e "$policy" ]]; then
        printf '#!/bin/sh\nexit 101\n' >"$policy"
        chmod +x "$policy"
        trap 'rm -f "$policy"' EXIT
    fi
    apt-get install -y --no-install-recommends nginx-light </dev/null
    if [[ -x /usr/sbin/nginx ]]; then
        exit 0
    fi
    echo "ensure-nginx: apt-get did not provide /usr/sbin/nginx" >&2
    exit 1
fi

echo "ensure-nginx: nginx is missing and this is not root with apt-get:" \
     "install nginx-light (Debian/Ubuntu) or nginx, then run again" >&2
exit 1
