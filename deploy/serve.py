"""Serve the dashboard to colleagues: several app processes with production settings behind
nginx, on all interfaces or a chosen address. `make serve` runs this.

    python -m deploy.serve [--address 0.0.0.0] [--port 8501] [--replicas 2] [--no-proxy]
                           [--server-name dashboard.example.org]

The app keeps nothing outside a browser session but the read-only plan, so N processes serve the
same view from the same link; nginx keeps each browser on one process (its session lives there).
A process that exits, or an app process that hangs, is started again (deploy/supervisor.py)
while the others keep serving. Everything logs to stdout. Ctrl-C (or SIGTERM) stops every
process it started.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import IO

from deploy.nginx import (
    DEFAULT_SERVER_NAME,
    check_config,
    new_prefix,
    precompressed_static,
    start_nginx,
    write_config,
)
from deploy.supervisor import HEALTH_CHECK_TIMEOUT_S, Supervised, Supervisor

REPO_ROOT = Path(__file__).resolve().parents[1]
APP = REPO_ROOT / "app.py"
HEALTH_TIMEOUT_S = 60.0
UPLOAD_LIMIT_MB = 10

# Production settings, passed as flags so .streamlit/config.toml keeps `make run` local
# (127.0.0.1, developer errors). The cookie secret goes by environment, not on the command line
# (where `ps` shows it).
PRODUCTION_FLAGS = {
    "server.headless": "true",
    "server.fileWatcherType": "none",  # no file watcher: the code does not change under it
    "server.runOnSave": "false",
    "server.enableXsrfProtection": "true",
    "server.enableCORS": "true",
    "server.maxUploadSize": str(UPLOAD_LIMIT_MB),
    "client.showErrorDetails": "none",  # a failure says so, without a traceback
    "client.toolbarMode": "viewer",  # no rerun / clear cache / deploy items for viewers
    "browser.gatherUsageStats": "false",
    "logger.level": "info",
    # No full garbage collection after every script run: with the plan, pandas and plotly loaded
    # it walks every object, a costly pause on every run (a new viewer's first run included);
    # Python's own collector still runs as objects are allocated.
    "runner.postScriptGC": "false",
    # No "magic" (a bare expression drawn as if st.write'd): the app and its pages have none
    # (tests/unit/test_deploy.py checks). Streamlit forgets its compiled scripts whenever the
    # last session closes, so a viewer arriving to an idle process has app.py and the page
    # compiled again, and magic rewrites them through Python's ast first, several times the
    # cost of compiling (benchmarks/reports/serving-costs.md).
    "runner.magicEnabled": "false",
}


def streamlit_command(address: str, port: int, script: Path = APP) -> list[str]:
    flags = [item for name, value in PRODUCTION_FLAGS.items() for item in (f"--{name}", value)]
    return [
        sys.executable, "-m", "streamlit", "run", str(script),
        "--server.address", address, "--server.port", str(port), *flags,
    ]  # fmt: skip


# How `make run` serves: what a test of the app as a developer runs it needs besides the script.
DEVELOPMENT_FLAGS = {"server.headless": "true", "browser.gatherUsageStats": "false"}


@contextlib.contextmanager
def local_server(
    script: Path = APP,
    *,
    log: IO[bytes] | int = subprocess.DEVNULL,
    env: Mapping[str, str] | None = None,
    production: bool = True,
    extra: Sequence[str] = (),
    timeout_s: float = HEALTH_TIMEOUT_S,
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`streamlit run script` alone on a free loopback port, from the repository's root, as the
    tests and the benchmarks start it: with `make serve`'s production settings, or
    (production=False) as `make run` serves it; `extra` flags after those. Yields (URL, process)
    once it answers its health check and stops it on leaving; RuntimeError if it never does."""
    port = free_port()
    if production:
        command = streamlit_command("127.0.0.1", port, script)
    else:
        flags = [item for name, value in DEVELOPMENT_FLAGS.items() for item in (f"--{name}", value)]
        command = [
            sys.executable, "-m", "streamlit", "run", str(script),
            "--server.address", "127.0.0.1", "--server.port", str(port), *flags,
        ]  # fmt: skip
    proc = subprocess.Popen(
        [*command, *extra], cwd=REPO_ROOT, env=dict(env) if env is not None else None,
        stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}"
        wait_healthy(url, proc, timeout_s)
        yield url, proc
    finally:
        stop(proc)


def free_port(address: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((address, 0))
        return int(sock.getsockname()[1])


def wait_healthy(
    url: str, proc: subprocess.Popen[bytes], timeout_s: float = HEALTH_TIMEOUT_S
) -> None:
    """Until GET url/_stcore/health answers "ok"; raises if the process dies or never answers."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{_name(proc)} exited with {proc.returncode} before {url} answered")
        if answers_health(url, 2.0):
            return
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer its health check within {timeout_s:.0f} s")


def answers_health(url: str, timeout_s: float) -> bool:
    """Whether GET url/_stcore/health answers "ok" within timeout_s."""
    with (
        contextlib.suppress(urllib.error.URLError, ConnectionError, TimeoutError),
        urllib.request.urlopen(f"{url}/_stcore/health", timeout=timeout_s) as response,
    ):
        return bool(response.read().decode().strip() == "ok")
    return False


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@dataclass
class Deployment:
    url: str  # where browsers go: nginx, or the single process when there is no proxy
    app_urls: list[str]
    supervised: list[Supervised]  # the app processes in app_urls' order, then nginx if any
    proxied: bool

    @property
    def apps(self) -> list[subprocess.Popen[bytes]]:
        """The app processes running now (one restarted is a new process)."""
        return [process.proc for process in self.supervised[: len(self.app_urls)]]

    @property
    def proxy(self) -> subprocess.Popen[bytes] | None:
        return self.supervised[-1].proc if self.proxied else None


@contextlib.contextmanager
def deployment(
    address: str,
    port: int,
    replicas: int,
    proxy: bool = True,
    log: IO[bytes] | None = None,
    env: dict[str, str] | None = None,
    script: Path = APP,
    server_name: str = DEFAULT_SERVER_NAME,
) -> Iterator[Deployment]:
    """`replicas` app processes on loopback behind nginx on address:port (or, without proxy, one
    process on address:port), all healthy when this yields; all stopped after. Meanwhile a
    process that exits is started again (deploy/supervisor.py) and the others keep serving.
    `log` receives every process's output and the restarts (default: this process's stdout);
    `script` is what they run; `server_name` is nginx's (the host names colleagues use)."""
    if replicas < 1:
        raise ValueError("at least one app process")
    if not proxy and replicas != 1:
        raise ValueError("several app processes need the proxy in front of them")
    # One cookie secret per run, shared by the processes: a cookie signed by one is good at all.
    app_env = {**os.environ, **(env or {}), "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(32)}
    binds = [("127.0.0.1", free_port()) for _ in range(replicas)] if proxy else [(address, port)]
    app_urls = [f"http://{_host(host)}:{number}" for host, number in binds]
    started: list[Supervised] = []  # stopped in reverse order: nginx first
    supervisor: Supervisor | None = None
    prefix: Path | None = None

    def app_process(bind_address: str, bind_port: int) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            streamlit_command(bind_address, bind_port, script),
            cwd=REPO_ROOT,
            env=app_env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )

    try:
        for (bind_address, bind_port), url in zip(binds, app_urls, strict=True):
            started.append(
                Supervised(
                    f"app process {url.removeprefix('http://')}",
                    functools.partial(app_process, bind_address, bind_port),
                    functools.partial(answers_health, url, HEALTH_CHECK_TIMEOUT_S),
                )
            )
        for url, process in zip(app_urls, started, strict=True):
            wait_healthy(url, process.proc)
        served = Deployment(app_urls[0], app_urls, started, proxied=proxy)
        if proxy:
            prefix = new_prefix()
            backends = [url.removeprefix("http://") for url in app_urls]
            static = precompressed_static(prefix / "static-root")
            config = write_config(f"{address}:{port}", backends, prefix, static, server_name)
            check_config(config)
            nginx = Supervised("nginx", functools.partial(start_nginx, config, log))
            started.append(nginx)
            served.url = f"http://{_host(address)}:{port}"
            wait_healthy(served.url, nginx.proc)
        supervisor = Supervisor(started, functools.partial(_say, log))
        supervisor.start()
        yield served
    finally:
        if supervisor is not None:
            supervisor.stop()
        for process in reversed(started):
            stop(process.proc)
        if prefix is not None:
            shutil.rmtree(prefix, ignore_errors=True)


def _say(log: IO[bytes] | None, line: str) -> None:
    """A line of serve's own in the deployment's log (its processes write there too)."""
    if log is None:
        print(line, flush=True)
    else:
        log.write(f"{line}\n".encode())
        log.flush()


def _name(proc: subprocess.Popen[bytes]) -> str:
    """The program a process runs ("nginx", "streamlit"), for messages."""
    args = proc.args
    words = [str(arg) for arg in args] if isinstance(args, list) else [str(args)]
    return "streamlit" if "streamlit" in words else Path(words[0]).name


def _host(address: str) -> str:
    """Where to reach a server bound to `address` from this machine."""
    return "127.0.0.1" if address in ("0.0.0.0", "") else address


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--address", default="0.0.0.0", help="where to listen (default: all)")
    parser.add_argument("--port", type=int, default=8501)
    parser.add_argument("--replicas", type=int, default=2, help="app processes (default 2)")
    parser.add_argument("--no-proxy", action="store_true", help="one process, no nginx")
    parser.add_argument(
        "--server-name",
        default=DEFAULT_SERVER_NAME,
        help="nginx's server_name: the host names colleagues open (default: any)",
    )
    args = parser.parse_args(argv)
    stopping = threading.Event()

    def request_stop(signum: int, _frame: FrameType | None) -> None:
        stopping.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    try:
        with deployment(
            args.address,
            args.port,
            args.replicas,
            proxy=not args.no_proxy,
            server_name=args.server_name,
        ) as served:
            shown = f"http://{args.address}:{args.port}"
            print(
                f"serve: {args.replicas} app process(es){' behind nginx' if served.proxy else ''} "
                f"at {shown} (health check: {shown}/_stcore/health); a process that exits or "
                "hangs is started again. Ctrl-C stops.",
                flush=True,
            )
            while not stopping.wait(0.5):
                pass
    except Exception as error:  # a failure to start is reported plainly, not as a traceback
        print(f"serve: {error}", file=sys.stderr, flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
